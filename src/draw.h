/* draw.h: boxes -> cairo.  The only module besides qr, image and output
 * that sees cairo. */
#ifndef PLAKAT_DRAW_H
#define PLAKAT_DRAW_H

#include <cairo.h>
#include <stdbool.h>

#include "box.h"

struct qr;
struct image;

struct draw_target {
        cairo_t *cr;
        bool raster;         /* PNG: snap the QR to pixels */
        const struct qr *qr; /* the signup code */
        const char *url;     /* for the PDF link over the QR */
        const char *who;     /* for messages */
        const struct image *logo, *photo; /* loaded once per community, or NULL */
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

#endif
