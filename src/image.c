/* image.c: logo/photo loading and drawing.  (Stand-in: not yet written.) */
#include "image.h"

#include <glib.h>

#include "diag.h"

struct image {
        int unused;
};

struct image *image_load(const char *path, const char *setting, struct diag *d)
{
        diag_warn(d, path, 0, setting, "images are not supported yet; left out");
        return NULL;
}

void image_free(struct image *im)
{
        g_free(im);
}

void image_size(const struct image *im, double *w, double *h)
{
        (void)im;
        *w = *h = 0;
}

void image_draw(cairo_t *cr, const struct image *im, double x, double y, double w, double h,
                enum fit fit)
{
        (void)cr, (void)im, (void)x, (void)y, (void)w, (void)h, (void)fit;
}
