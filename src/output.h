/* output.h: formats (layouts/formats.cfg) and the files they become.
 *
 * A format is data: its size, unit, whether it is printed (PDF, sizes in
 * mm) or shown on a screen (PNG, sizes in px), and the aspect family a
 * layout must provide for it.  Writers live in one table {name, ext, open,
 * finish}; every file is written to a temporary name in the output folder
 * and renamed into place only when the whole community succeeded. */
#ifndef PLAKAT_OUTPUT_H
#define PLAKAT_OUTPUT_H

#include <cairo.h>
#include <stdbool.h>
#include <stdio.h>

#include <glib.h>

#include "layout.h"
#include "pdfbox.h"

struct diag;

struct format {
        char *name, *description;
        double width, height; /* mm (print) or px (screen) */
        bool print;
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

/* Read the formats file; problems go to d.  Returns false when refused. */
bool formats_load(const char *path, struct formats *out, struct diag *d);
void formats_clear(struct formats *fs);
const struct format *formats_find(const struct formats *fs, const char *name);

enum output_kind { OUTPUT_PDF, OUTPUT_PNG };

/* One file being written. */
struct output {
        enum output_kind kind;
        char *path; /* final name */
        char *tmp;  /* temporary name beside it */
        FILE *f;
        cairo_surface_t *surface;
        double dpi; /* PNG: for the pHYs chunk; 0 none */
        /* PDF with page boxes: cairo writes into memory, qpdf adds the
         * boxes and writes the file. */
        GByteArray *mem;
        struct pdfbox trim, bleed;
};

struct pdf_meta {
        const char *title, *author, *subject, *keywords, *date; /* date: "YYYY-MM-DD" */
        /* With bleed or crop marks the page is larger than the piece: where
         * the cut goes and how far colour runs.  NULL: the page is the piece. */
        const struct pdfbox *trim, *bleed;
};

/* Start a PDF of width x height pt, or a PNG of width x height px, in a
 * temporary file beside path.  Returns false (after reporting) on
 * failure; the caller draws on out->surface, then calls output_finish. */
bool output_open(struct output *o, enum output_kind kind, const char *path, double width,
                 double height, double dpi, const struct pdf_meta *meta, struct diag *d);

/* Finish and close the file (flush the PDF, encode the PNG), still under
 * its temporary name.  Returns false (after reporting) on failure; call
 * output_abort then. */
bool output_finish(struct output *o, struct diag *d);

/* After output_finish: rename into place.  On failure the temporary file
 * is removed.  Either way, o keeps only its final path, for
 * output_uncommit and output_abort. */
bool output_commit(struct output *o, struct diag *d);

/* Remove a committed file again (when a later one of the same community
 * failed) and forget it. */
void output_uncommit(struct output *o);

/* Remove whatever o left (temporary file) and free it; safe after a failed
 * open, and after commit (then it only frees). */
void output_abort(struct output *o);

#endif
