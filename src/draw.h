/* draw.h: boxes -> cairo.  The only module besides qr, image and output
 * that sees cairo. */
#ifndef PLAKAT_DRAW_H
#define PLAKAT_DRAW_H

#include <cairo.h>
#include <stdbool.h>

#include "box.h"

struct qr;
struct image;
struct draw_links;

struct draw_target {
        cairo_t *cr;
        bool raster;         /* PNG: snap the QR to pixels */
        const struct qr *qr; /* the signup code */
        const char *url;     /* for the PDF link over the QR */
        const char *who;     /* for messages */
        const struct image *logo, *photo; /* loaded once per community, or NULL */
        /* Not NULL: cr draws into a recording that is painted into the PDF
         * later (sheetpdf.h), and the link over the QR is kept here instead
         * of tagged on cr: cairo 1.16 crashes painting a recording that
         * holds a tag. */
        struct draw_links *links;
};

/* The sheet around the boxes, in the surface's units. */
struct draw_frame {
        double trim_w, trim_h; /* the piece */
        double bleed;          /* on each side, where edge colour runs on */
        double slug;           /* room for crop marks outside the bleed, 0: none */
        double mm, pt;         /* units per millimetre and per point */
        bool pdf;              /* a tagged PDF page (and its link) */
};

/* Draw bs in order onto t->cr.  Returns cairo's status afterwards: a
 * reason for the caller to frame, nothing is reported here. */
cairo_status_t draw_boxes(const struct draw_target *t, const struct boxes *bs);

/* A whole page onto surface: white paper, the boxes placed inside bleed
 * and slug, crop marks when there is a slug.  t->cr is ignored (the page
 * makes its own).  Returns NULL, or why drawing failed in cairo's words
 * (static) for the caller to frame; a PDF stream that could not be written
 * fails here too, so a caller asks its output first. */
const char *draw_page(cairo_surface_t *surface, const struct draw_frame *f, const struct draw_target *t,
                      const struct boxes *bs);

/* ---- links kept apart from a recorded drawing ---- */

/* An empty list; free with draw_links_free (NULL does nothing). */
struct draw_links *draw_links_new(void);
void draw_links_free(struct draw_links *l);

/* Tag every link of l on cr (a PDF page's context, the recording painted
 * at its origin), each where it was kept: the same annotation as tagged
 * while drawing. */
void draw_links_tag(cairo_t *cr, const struct draw_links *l);

/* ---- sheets: one piece drawn several times on a page (see sheet.h) ---- */

/* Draw one laid-out piece (boxes made for trim_w x trim_h with bleed) with
 * its trim box's top-left corner at (x, y) on the sheet, turned 90 degrees
 * clockwise when rotated (it then covers trim_h x trim_w), clipped to its
 * own trim box plus bleed so nothing reaches a neighbour.  Its QR code
 * keeps its link. */
void draw_sheet_piece(cairo_t *cr, const struct draw_target *t, const struct boxes *bs, double x, double y,
                      double trim_w, double trim_h, double bleed, bool rotated);

/* Crop marks for every cut: xs[0..nx) vertical cuts drawn above and below
 * the box (bx0, by0)-(bx1, by1) (the pieces with their bleed), ys[0..ny)
 * horizontal cuts drawn left and right of it, each as long as the sheet's
 * margin allows (up to 5 mm, starting 1 mm off the box: never on a piece).
 * mm and pt: surface units per millimetre and per point. */
void draw_sheet_marks(cairo_t *cr, double sheet_w, double sheet_h, double bx0, double by0, double bx1,
                      double by1, const double *xs, size_t nx, const double *ys, size_t ny, double mm,
                      double pt);

#endif
