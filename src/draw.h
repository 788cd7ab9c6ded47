/* draw.h: boxes -> cairo.  The only module besides qr, image and output
 * that sees cairo. */
#ifndef PLAKAT_DRAW_H
#define PLAKAT_DRAW_H

#include <cairo.h>
#include <stdbool.h>

#include "box.h"

struct diag;
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

/* Draw bs in order.  Image problems go to d.  Returns false on an error. */
bool draw_boxes(const struct draw_target *t, const struct boxes *bs, struct diag *d);

#endif
