/* draw.c: boxes -> cairo: rectangles, text, images, the QR code. */
#include "draw.h"

#include <math.h>
#include <hb.h>
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
 * cairo's attribute syntax quotes with ' and escapes with \.  cairo 1.16
 * takes a link's rect as page coordinates and ignores the transformation
 * (a sheet's four pieces got their links all over the first piece's code,
 * a page with bleed its link the bleed and slug off), so the rect is
 * turned into device space (link_rect) and tagged under the identity:
 * right whether cairo applies the matrix or not. */
struct draw_link {
        const char *url;   /* owned when kept in a struct draw_links */
        double x, y, w, h; /* device space */
};

static struct draw_link link_rect(cairo_t *cr, const char *url, double x, double y, double w, double h)
{
        double xs[4] = { x, x + w, x, x + w }, ys[4] = { y, y, y + h, y + h };
        double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
        for (int i = 0; i < 4; i++) {
                cairo_user_to_device(cr, &xs[i], &ys[i]);
                x0 = fmin(x0, xs[i]);
                y0 = fmin(y0, ys[i]);
                x1 = fmax(x1, xs[i]);
                y1 = fmax(y1, ys[i]);
        }
        return (struct draw_link){ url, x0, y0, x1 - x0, y1 - y0 };
}

static void link_tag_begin(cairo_t *cr, const struct draw_link *k)
{
        GString *a = g_string_new("uri='");
        for (const char *p = k->url; *p; p++) {
                if (*p == '\'' || *p == '\\')
                        g_string_append_c(a, '\\');
                g_string_append_c(a, *p);
        }
        g_string_append_printf(a, "' rect=[%.2f %.2f %.2f %.2f]", k->x, k->y, k->w, k->h);
        cairo_save(cr);
        cairo_identity_matrix(cr);
        cairo_tag_begin(cr, CAIRO_TAG_LINK, a->str);
        cairo_restore(cr);
        g_string_free(a, TRUE);
}

/* Links kept for a page painted from a recording (draw.h), in device
 * space: the recording is painted at the page's origin. */
struct draw_links {
        GArray *l; /* of struct draw_link, each url owned */
};

struct draw_links *draw_links_new(void)
{
        struct draw_links *l = g_new(struct draw_links, 1);
        l->l = g_array_new(FALSE, FALSE, sizeof(struct draw_link));
        return l;
}

void draw_links_free(struct draw_links *l)
{
        if (!l)
                return;
        for (guint i = 0; i < l->l->len; i++)
                g_free((gpointer)g_array_index(l->l, struct draw_link, i).url);
        g_array_free(l->l, TRUE);
        g_free(l);
}

void draw_links_tag(cairo_t *cr, const struct draw_links *l)
{
        for (guint i = 0; i < l->l->len; i++) {
                link_tag_begin(cr, &g_array_index(l->l, struct draw_link, i));
                cairo_tag_end(cr, CAIRO_TAG_LINK);
        }
}

/* No-break spaces, drawn as spaces.
 *
 * plakat glues words with U+00A0 ("12. Jan.", "18:30 Uhr") so Pango never
 * breaks a line there.  cairo's PDF writer keeps a font's glyphs in one
 * small Latin (WinAnsi) subset, but it leaves U+00A0 out of WinAnsi, so
 * every font that draws one gets a second, CID-keyed subset for that one
 * blank glyph: three more embedded fonts in an A6 flyer, and 6 % of its
 * cost (callgrind, 20 flyers: cairo_surface_finish 421 M -> 384 M).
 *
 * The blank glyph has nothing to draw and the glyph string already holds
 * every position, so a run that has one is drawn as a copy with the font's
 * space glyph and a space as its text: the same page, fonts as for any
 * other text, and a reader copying the text gets a plain space.  The copy
 * is drawn at the run's place in the layout, found the way Pango's own
 * renderer finds it (the line's logical x plus the widths of the runs
 * before it, at the baseline).  Images keep Pango's own drawing: there the
 * subsets do not exist, and cairo rounds glyphs to whole pixels, where the
 * last bit of a position computed the other way round can move a glyph. */
#define NBSP "\xc2\xa0"

static PangoGlyphItem *nbsp_as_space(const char *text, const PangoGlyphItem *run, char **copy)
{
        const PangoItem *item = run->item;
        const char *from = text + item->offset;
        hb_codepoint_t space, nbsp;
        hb_font_t *hb = item->analysis.font ? pango_font_get_hb_font(item->analysis.font) : NULL;
        if (!hb || !hb_font_get_nominal_glyph(hb, ' ', &space) || !hb_font_get_nominal_glyph(hb, 0xA0, &nbsp))
                return NULL;
        /* One byte shorter per no-break space: clusters after one move. */
        int *moved = g_new(int, (size_t)item->length + 1);
        GString *t = g_string_sized_new((size_t)item->length);
        for (int i = 0; i < item->length; i++) {
                moved[i] = (int)t->len;
                if (i + 1 < item->length && memcmp(from + i, NBSP, 2) == 0) {
                        moved[i + 1] = (int)t->len;
                        g_string_append_c(t, ' ');
                        i++;
                } else {
                        g_string_append_c(t, from[i]);
                }
        }
        moved[item->length] = (int)t->len;
        PangoGlyphItem *c = pango_glyph_item_copy((PangoGlyphItem *)run);
        PangoGlyphString *g = c->glyphs;
        for (int k = 0; k < g->num_glyphs; k++) {
                int at = g->log_clusters[k];
                /* By the glyph, not only its cluster: the "…" of a text
                 * Pango cut stands for all it left out, which may begin
                 * with a no-break space. */
                if (g->glyphs[k].glyph == nbsp && at + 1 < item->length && memcmp(from + at, NBSP, 2) == 0)
                        g->glyphs[k].glyph = space;
                g->log_clusters[k] = moved[at];
        }
        c->item->offset = 0;
        c->item->length = (int)t->len;
        g_free(moved);
        *copy = g_string_free(t, FALSE);
        return c;
}

static void show_layout(cairo_t *cr, PangoLayout *layout, bool raster)
{
        const char *text = pango_layout_get_text(layout);
        if (raster || !strstr(text, NBSP)) {
                pango_cairo_show_layout(cr, layout);
                return;
        }
        PangoLayoutIter *it = pango_layout_get_iter(layout);
        do {
                PangoGlyphItem *run = pango_layout_iter_get_run_readonly(it);
                if (!run)
                        continue; /* the end of a line */
                PangoRectangle logical;
                pango_layout_iter_get_run_extents(it, NULL, &logical);
                int baseline = pango_layout_iter_get_baseline(it);
                char *copy = NULL;
                PangoGlyphItem *drawn = NULL;
                if (g_strstr_len(text + run->item->offset, run->item->length, NBSP))
                        drawn = nbsp_as_space(text, run, &copy);
                cairo_save(cr);
                cairo_translate(cr, (double)logical.x / PANGO_SCALE, (double)baseline / PANGO_SCALE);
                cairo_move_to(cr, 0, 0);
                pango_cairo_show_glyph_item(cr, drawn ? copy : text, drawn ? drawn : run);
                cairo_restore(cr);
                if (drawn)
                        pango_glyph_item_free(drawn);
                g_free(copy);
        } while (pango_layout_iter_next_run(it));
        pango_layout_iter_free(it);
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
                        show_layout(cr, b->layout, t->raster);
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
                        bool tag = !t->raster && t->url && !t->links;
                        if (!t->raster && t->url) {
                                struct draw_link k = link_rect(cr, t->url, b->x, b->y, b->w, b->h);
                                if (t->links) {
                                        k.url = g_strdup(t->url);
                                        g_array_append_val(t->links->l, k);
                                } else {
                                        link_tag_begin(cr, &k);
                                }
                        }
                        qr_draw(cr, t->qr, b->x, b->y, b->w, dark, light, t->raster);
                        if (tag)
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
