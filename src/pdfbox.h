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

struct sink;

/* Write the PDF pdf[0..len) into out with trim and bleed boxes set on each
 * of its pages, with a deterministic /ID (same input, same bytes).  qpdf
 * writes into memory, so its bytes take out's checked path like every
 * other byte of a file.  Returns false on failure: with *err set to
 * qpdf's reason (caller frees) when the PDF could not be made, with *err
 * NULL when out failed (sink_error says why). */
bool pdfbox_write(const unsigned char *pdf, size_t len, const struct pdfbox *trim,
                  const struct pdfbox *bleed, struct sink *out, char **err);

/* Load qpdf now rather than in the first pdfbox_write: opening it and its
 * C++ libraries costs 20 M instructions (5 ms), which a thread with
 * nothing else to do can take off the end of a run (sheetpdf.c).  Safe on
 * any thread; a failure is left for pdfbox_write to tell. */
void pdfbox_prepare(void);

#endif
