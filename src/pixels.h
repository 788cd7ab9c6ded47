/* pixels.h: image surfaces for whole pages and photos, on huge pages. */
#ifndef PLAKAT_PIXELS_H
#define PLAKAT_PIXELS_H

#include <cairo.h>
#include <stdbool.h>

/* As cairo_image_surface_create: width x height pixels of format, all
 * zero, or a surface in an error state (check cairo_surface_status) when
 * memory or the size is not to be had.  Destroy it as any surface; the
 * memory goes with it.  Same pixels, same bytes out: only where they live
 * differs, which is why a caller never needs to know. */
cairo_surface_t *pixels_surface(cairo_format_t format, int width, int height);

/* Whether this system gives huge pages on request (Linux with its setting
 * "madvise" or "always"), and so whether pixels_surface puts a surface of
 * 2 MiB or more on them; read once.  Elsewhere it is cairo's own. */
bool pixels_huge_pages(void);

#endif
