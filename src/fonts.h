/* fonts.h: plakat's own fonts, set up once per process.
 *
 * fontconfig is given a configuration holding only the fonts in the data
 * dir's fonts/ (plus --fonts folders): output is the same on every machine,
 * and start-up skips scanning the system's fonts (~10 ms).
 *
 * Threads: a struct fonts (its Pango font map and context) is used by one
 * thread at a time; Pango's font maps are not thread-safe.  fonts_new may
 * run in several threads at once, and each makes its configuration
 * fontconfig's current one (process-wide; the last one wins, which is
 * harmless: every map keeps its own). */
#ifndef PLAKAT_FONTS_H
#define PLAKAT_FONTS_H

#include <pango/pango.h>
#include <stdbool.h>

struct diag;

/* Register the fonts in dirs (NULL-terminated) and create the one font map
 * plakat uses.  Returns NULL (after reporting to d) when no font could be
 * loaded.  Free with fonts_free. */
struct fonts *fonts_new(const char *const *dirs, struct diag *d);
void fonts_free(struct fonts *f);

/* A Pango context for laying out text in user units of 1 pt (resolution
 * 72), unhinted, so that measurements do not depend on the output's
 * resolution and a PNG preview matches its PDF.  Owned by f. */
PangoContext *fonts_context(struct fonts *f);

/* Whether a family of that name is installed (exact, case-insensitive). */
bool fonts_has_family(const struct fonts *f, const char *family);

/* The installed family names, NULL-terminated (owned by f). */
const char *const *fonts_families(const struct fonts *f);

#endif
