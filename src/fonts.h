/* fonts.h: plakat's own fonts, set up once per process.
 *
 * fontconfig is given a configuration holding only the fonts in the data
 * dir's fonts/ (plus --fonts folders): output is the same on every machine,
 * and start-up skips scanning the system's fonts (~10 ms). */
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

#endif
