/* format.h: the output formats (formats/formats.cfg) and what -f means.
 *
 * A format is data: its size, unit, whether it is printed (PDF, sizes in
 * mm) or shown on a screen (PNG, sizes in px), and the aspect family a
 * layout must provide for it.  A print format also has a PNG preview,
 * "<name>-png", drawn at a chosen dpi.  Nothing here draws or writes: the
 * renderer picks the page, output.c the writer. */
#ifndef PLAKAT_FORMAT_H
#define PLAKAT_FORMAT_H

#include <stdbool.h>
#include <stddef.h>

#include "i18n.h" /* struct i18n_texts */


struct diag;

/* The aspect families a layout draws a page for; every format belongs to
 * one, and a design serves a format with its family's page.  "card" is the
 * invite-a-friend card that `plakat kit` prints on sheets: not a poster,
 * so -f all leaves it out (format_family_in_all). */
enum family { FAMILY_PORTRAIT, FAMILY_SQUARE, FAMILY_LANDSCAPE, FAMILY_STORY, FAMILY_CARD, FAMILY_COUNT };

/* "portrait", "square", "landscape", "story" (static). */
const char *format_family_name(enum family f);
/* The family of that name; false for any other word. */
bool format_family_parse(const char *s, enum family *out);
/* Whether -f all takes the formats of family f (posters and images). */
bool format_family_in_all(enum family f);
/* All names in enum order, FAMILY_COUNT of them (static), for did-you-mean. */
const char *const *format_family_names(void);

/* The kinds of file plakat writes (output.h has a writer for each). */
enum output_kind { OUTPUT_PDF, OUTPUT_PNG, OUTPUT_TEXT, OUTPUT_JSON, OUTPUT_ICS, OUTPUT_HTML, OUTPUT_KIND_COUNT };

struct format {
        char *name;
        char *description; /* English; "" when none */
        struct i18n_texts descriptions; /* every language: plakat formats, the kit's index.html */
        double width, height; /* mm (print) or px (screen) */
        bool print;
        bool sheet_only; /* a paper size for --sheet (kind "sheet"): no page of its own */
        enum family family;
        double qr_min; /* smallest sensible code width: mm (print) or px (screen) */
        /* Bands at the top and bottom that apps cover with their own
         * controls (stories): no text or code belongs there.  Same unit. */
        double safe_top, safe_bottom;
};

struct formats {
        struct format *f;
        size_t n;
};

/* Read the formats file; problems go to d with file:line, unknown keys are
 * warnings with did-you-mean.  Returns false when refused (out is then
 * empty).  Free with formats_clear. */
bool formats_load(const char *path, struct formats *out, struct diag *d);
/* The same from memory (tests); name is used in messages. */
bool formats_load_string(const char *text, const char *name, struct formats *out, struct diag *d);
void formats_clear(struct formats *fs);

/* The format of that name, or NULL. */
const struct format *formats_find(const struct formats *fs, const char *name);

/* What a -f name asks for: a format as it is, or ("a3-png") the PNG
 * preview of a print format.  NULL when the name means neither ("all" is
 * the caller's) or names a sheet-only paper size. */
const struct format *formats_request(const struct formats *fs, const char *name, bool *preview);

/* The kind of file f becomes: a print format a PDF, its preview and a
 * screen format a PNG. */
enum output_kind format_output(const struct format *f, bool preview);

#endif
