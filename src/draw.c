/* draw.c: boxes -> cairo: rectangles, text, images, the QR code. */
#include "draw.h"

#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "diag.h"
#include "image.h"
#include "qr.h"

static void rounded_rect(cairo_t *cr, double x, double y, double w, double h, double r)
{
        r = fmin(r, fmin(w, h) / 2);
        if (r <= 0) {
                cairo_rectangle(cr, x, y, w, h);
                return;
        }
        cairo_new_sub_path(cr);
        cairo_arc(cr, x + w - r, y + r, r, -G_PI / 2, 0);
        cairo_arc(cr, x + w - r, y + h - r, r, 0, G_PI / 2);
        cairo_arc(cr, x + r, y + h - r, r, G_PI / 2, G_PI);
        cairo_arc(cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
        cairo_close_path(cr);
}

/* A link annotation over the code, so a PDF read on screen is clickable.
 * cairo's attribute syntax quotes with ' and escapes with \. */
static void link_begin(cairo_t *cr, const char *url, double x, double y, double w, double h)
{
        GString *a = g_string_new("uri='");
        for (const char *p = url; *p; p++) {
                if (*p == '\'' || *p == '\\')
                        g_string_append_c(a, '\\');
                g_string_append_c(a, *p);
        }
        g_string_append_printf(a, "' rect=[%.2f %.2f %.2f %.2f]", x, y, w, h);
        cairo_tag_begin(cr, CAIRO_TAG_LINK, a->str);
        g_string_free(a, TRUE);
}

bool draw_boxes(const struct draw_target *t, const struct boxes *bs, struct diag *d)
{
        (void)d;
        cairo_t *cr = t->cr;
        for (size_t i = 0; i < bs->n; i++) {
                const struct box *b = &bs->b[i];
                switch (b->kind) {
                case BOX_RECT:
                        cairo_set_source_rgb(cr, b->colour.r, b->colour.g, b->colour.b);
                        rounded_rect(cr, b->x, b->y, b->w, b->h, b->radius);
                        cairo_fill(cr);
                        break;
                case BOX_TEXT:
                        cairo_set_source_rgb(cr, b->colour.r, b->colour.g, b->colour.b);
                        cairo_save(cr);
                        cairo_translate(cr, b->x, b->y);
                        cairo_scale(cr, b->size / BOX_REF_SIZE, b->size / BOX_REF_SIZE);
                        cairo_move_to(cr, 0, 0);
                        pango_cairo_show_layout(cr, b->layout);
                        cairo_new_path(cr);
                        cairo_restore(cr);
                        break;
                case BOX_IMAGE: {
                        const struct image *im = strcmp(b->elem->source, "logo") == 0 ? t->logo : t->photo;
                        if (im)
                                image_draw(cr, im, b->x, b->y, b->w, b->h, b->elem->fit);
                        break;
                }
                case BOX_QR: {
                        double dark[3] = { b->colour.r, b->colour.g, b->colour.b };
                        double light[3] = { b->light.r, b->light.g, b->light.b };
                        if (!t->raster && t->url)
                                link_begin(cr, t->url, b->x, b->y, b->w, b->h);
                        qr_draw(cr, t->qr, b->x, b->y, b->w, dark, light, t->raster);
                        if (!t->raster && t->url)
                                cairo_tag_end(cr, CAIRO_TAG_LINK);
                        break;
                }
                }
        }
        return cairo_status(cr) == CAIRO_STATUS_SUCCESS;
}
