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
#include <stddef.h>

#include "colour.h"
#include "imagefit.h"

struct diag;
struct image;

/* What a file's first bytes are.  Shared with the community loader, which
 * refuses a wrong type at the setting's line before anything is drawn. */
enum image_type { IMAGE_PNG = 1, IMAGE_JPEG = 2, IMAGE_SVG = 4, IMAGE_OTHER = 8 };

#define IMAGE_MAX_PIXELS (40 * 1000 * 1000) /* e.g. 8000 x 5000 */
#define IMAGE_MAX_SIDE   20000
#define IMAGE_MAX_BYTES  (100 * 1024 * 1024) /* any image file */
#define IMAGE_SVG_MAX_BYTES (2 * 1024 * 1024)

/* Load and check the image at path.  Problems go to d as errors naming
 * file and setting (e.g. "style.photo"); returns NULL when the image is
 * refused.  The setting also says which types are taken: one ending in
 * "logo" takes PNG or SVG, one ending in "photo" PNG or JPEG, any other
 * all three.  Free with image_free; image_free(NULL) does nothing. */
struct image *image_load(const char *path, const char *setting, struct diag *d);

/* The same, with messages placed at file:line (the community file and the
 * line of the setting) instead of at the image's path. */
struct image *image_load_at(const char *path, const char *file, int line, const char *setting,
                            struct diag *d);

/* The type of the bytes b[0..n) (NUL-terminated when they may be an SVG:
 * the whole file is needed to find <svg); *name gets words for a message,
 * e.g. "a JPEG image", "text". */
enum image_type image_sniff(const unsigned char *b, size_t n, const char **name);

/* The types a setting takes (a mask of enum image_type): "...logo" PNG or
 * SVG, "...photo" PNG or JPEG, others all three; *expected gets words. */
int image_allowed(const char *setting, const char **expected);

/* Why an SVG would make a renderer load another file or address (or blow
 * up while parsing), e.g. "links to \"file:///etc/passwd\"", or NULL when
 * it would not.  Caller frees. */
char *image_svg_danger(const char *svg);

/* One more owner of im: image_free then frees it only when the last one
 * lets go.  A sheet page drawn on one thread and written into the PDF on
 * another (sheetpdf.h) holds the images it shows this way, so that the
 * surfaces its recording refers to are never freed under the writer.  The
 * count is atomic; the image itself is only read once loaded.  Returns
 * im. */
struct image *image_ref(struct image *im);
void image_free(struct image *im);

/* Whether im is an SVG (drawn as vector shapes, any size is sharp). */
bool image_is_vector(const struct image *im);

/* Natural size in pixels (SVG: its declared size in px at 96 dpi, or
 * its viewBox).  A JPEG turned by its EXIF orientation has its upright
 * size. */
void image_size(const struct image *im, double *w, double *h);

/* Pixels per inch of im when fitted by fit into a box printed at
 * box_w_mm x box_h_mm (cover: the finer side that still fills the box;
 * contain: the side that fits).  INFINITY for an SVG or an empty box. */
double image_effective_dpi(const struct image *im, double box_w_mm, double box_h_mm, enum fit fit);

/* The mean colour of im's opaque pixels (alpha at least one half): the
 * colour a reader takes a logo for from a distance.  Returns false, and
 * leaves *out untouched, when no pixel is opaque.  An SVG is drawn small
 * for it; a large PNG or JPEG is sampled.  A pass over pixels: call it
 * once per image, not per output. */
bool image_mean_colour(const struct image *im, struct rgb *out);

/* Draw im into the box (x, y, w, h) in user units, fitted by cover (fill
 * the box, crop) or contain (whole image, centred).  Clips to the box. */
void image_draw(cairo_t *cr, const struct image *im, double x, double y, double w, double h,
                enum fit fit);

#endif
