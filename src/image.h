/* image.h: logos and photos from community files, checked and drawn.
 *
 * Images come from strangers: the type is read from the bytes, pixel
 * dimensions are checked before anything is decoded, SVGs may not load
 * other files or addresses.  PNG/JPEG go through gdk-pixbuf, SVG through
 * librsvg (staying vector in PDF); JPEG data is embedded in PDFs as JPEG. */
#ifndef PLAKAT_IMAGE_H
#define PLAKAT_IMAGE_H

#include <cairo.h>
#include <stdbool.h>

#include "layout.h" /* enum fit */

struct diag;
struct image;

#define IMAGE_MAX_PIXELS (40 * 1000 * 1000) /* e.g. 8000 x 5000 */
#define IMAGE_MAX_SIDE   20000

/* Load and check the image at path.  Problems go to d naming file and
 * setting (e.g. "style.photo"); returns NULL when the image is refused.
 * Free with image_free. */
struct image *image_load(const char *path, const char *setting, struct diag *d);
void image_free(struct image *im);

/* Natural size in pixels (SVG: its declared size in px). */
void image_size(const struct image *im, double *w, double *h);

/* Draw im into the box (x, y, w, h) in user units, fitted by cover (fill
 * the box, crop) or contain (whole image, centred).  Clips to the box. */
void image_draw(cairo_t *cr, const struct image *im, double x, double y, double w, double h,
                enum fit fit);

#endif
