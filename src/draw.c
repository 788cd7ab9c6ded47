/* draw.c: boxes -> cairo: rectangles, text, images, the QR code. */
#include "draw.h"

#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

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

cairo_status_t draw_boxes(const struct draw_target *t, const struct boxes *bs)
{
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
        return cairo_status(cr);
}

#define MARK_LEN_MM 5.0

/* Crop marks at the four corners of the trim box, starting just outside
 * the bleed so they never print on the piece (the print-shop norm). */
static void draw_crop_marks(cairo_t *cr, double w, double h, double bleed, double mm, double pt)
{
        double from = bleed + 1 * mm, to = bleed + (1 + MARK_LEN_MM) * mm;
        cairo_save(cr);
        cairo_set_source_rgb(cr, 0, 0, 0);
        cairo_set_line_width(cr, 0.25 * pt);
        double xs[2] = { 0, w }, ys[2] = { 0, h };
        for (int i = 0; i < 2; i++)
                for (int k = 0; k < 2; k++) {
                        double x = xs[i], y = ys[k];
                        double sx = i ? 1 : -1, sy = k ? 1 : -1;
                        cairo_move_to(cr, x + sx * from, y);
                        cairo_line_to(cr, x + sx * to, y);
                        cairo_move_to(cr, x, y + sy * from);
                        cairo_line_to(cr, x, y + sy * to);
                }
        cairo_stroke(cr);
        cairo_restore(cr);
}

const char *draw_page(cairo_surface_t *surface, const struct draw_frame *f, const struct draw_target *t,
                      const struct boxes *bs)
{
        cairo_t *cr = cairo_create(surface);
        /* Opaque white first: paper, and PNG has no alpha. */
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_paint(cr);
        cairo_translate(cr, f->bleed + f->slug, f->bleed + f->slug);
        /* A structure root: cairo 1.16 otherwise writes the link
         * annotation's file with a dangling object (qpdf: "damaged"). */
        if (f->pdf)
                cairo_tag_begin(cr, "Document", "");
        struct draw_target on = *t;
        on.cr = cr;
        draw_boxes(&on, bs);
        if (f->slug > 0)
                draw_crop_marks(cr, f->trim_w, f->trim_h, f->bleed, f->mm, f->pt);
        if (f->pdf)
                cairo_tag_end(cr, "Document");
        cairo_status_t st = cairo_status(cr);
        cairo_destroy(cr);
        return st == CAIRO_STATUS_SUCCESS ? NULL : cairo_status_to_string(st);
}

/* ---- sheets ------------------------------------------------------------------ */

cairo_t *draw_sheet_begin(cairo_surface_t *surface, bool pdf)
{
        cairo_t *cr = cairo_create(surface);
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_paint(cr);
        /* The structure root, as on a single page (see draw_page). */
        if (pdf)
                cairo_tag_begin(cr, "Document", "");
        return cr;
}

void draw_sheet_piece(cairo_t *cr, const struct draw_target *t, const struct boxes *bs, double x, double y,
                      double trim_w, double trim_h, double bleed, bool rotated)
{
        double w = rotated ? trim_h : trim_w, h = rotated ? trim_w : trim_h;
        cairo_save(cr);
        cairo_rectangle(cr, x - bleed, y - bleed, w + 2 * bleed, h + 2 * bleed);
        cairo_clip(cr);
        if (rotated) {
                /* Piece (px, py) lands at (x + w - py, y + px). */
                cairo_translate(cr, x + w, y);
                cairo_rotate(cr, G_PI / 2);
        } else {
                cairo_translate(cr, x, y);
        }
        struct draw_target on = *t;
        on.cr = cr;
        draw_boxes(&on, bs);
        cairo_restore(cr);
}

#define MARK_GAP_MM 1.0

void draw_sheet_marks(cairo_t *cr, double sheet_w, double sheet_h, double bx0, double by0, double bx1,
                      double by1, const double *xs, size_t nx, const double *ys, size_t ny, double mm,
                      double pt)
{
        double gap = MARK_GAP_MM * mm, len = MARK_LEN_MM * mm;
        /* Room between the pieces' bleed and each sheet edge. */
        double top = fmin(len, by0 - gap), bottom = fmin(len, sheet_h - by1 - gap);
        double left = fmin(len, bx0 - gap), right = fmin(len, sheet_w - bx1 - gap);
        double least = 1 * mm; /* a mark shorter than this is no help to the cutter */
        cairo_save(cr);
        cairo_set_source_rgb(cr, 0, 0, 0);
        cairo_set_line_width(cr, 0.25 * pt);
        for (size_t i = 0; i < nx; i++) {
                if (top >= least) {
                        cairo_move_to(cr, xs[i], by0 - gap);
                        cairo_line_to(cr, xs[i], by0 - gap - top);
                }
                if (bottom >= least) {
                        cairo_move_to(cr, xs[i], by1 + gap);
                        cairo_line_to(cr, xs[i], by1 + gap + bottom);
                }
        }
        for (size_t i = 0; i < ny; i++) {
                if (left >= least) {
                        cairo_move_to(cr, bx0 - gap, ys[i]);
                        cairo_line_to(cr, bx0 - gap - left, ys[i]);
                }
                if (right >= least) {
                        cairo_move_to(cr, bx1 + gap, ys[i]);
                        cairo_line_to(cr, bx1 + gap + right, ys[i]);
                }
        }
        cairo_stroke(cr);
        cairo_restore(cr);
}

const char *draw_sheet_end(cairo_t *cr, bool pdf)
{
        if (pdf)
                cairo_tag_end(cr, "Document");
        cairo_show_page(cr);
        cairo_status_t st = cairo_status(cr);
        cairo_destroy(cr);
        return st == CAIRO_STATUS_SUCCESS ? NULL : cairo_status_to_string(st);
}
