/* pdfbox.h: the print-shop boxes of a PDF page (TrimBox, BleedBox).
 *
 * cairo 1.16 writes only a MediaBox.  A PDF with bleed and crop marks is
 * larger than the piece; the TrimBox tells prepress software where the cut
 * goes and the BleedBox how far the colour runs.  qpdf adds both. */
#ifndef PLAKAT_PDFBOX_H
#define PLAKAT_PDFBOX_H

#include <stdbool.h>
#include <stddef.h>

/* A rectangle in PDF points, origin at the bottom left. */
struct pdfbox {
        double x0, y0, x1, y1;
};

/* Write the one-page PDF pdf[0..len) to path with trim and bleed boxes set
 * on its page, with a deterministic /ID (same input, same bytes).  Returns
 * false and sets *err (caller frees) on failure. */
bool pdfbox_write(const unsigned char *pdf, size_t len, const char *path,
                  const struct pdfbox *trim, const struct pdfbox *bleed, char **err);

#endif
