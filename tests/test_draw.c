/* test_draw.c: draw_page on an image surface, read back pixel by pixel:
 * white paper, boxes in drawing order placed inside bleed and slug, crop
 * marks only when there is a slug and only outside the bleed, and cairo's
 * reason when the surface is broken. */
#include "testlib.h"

#include "diag.h"
#include "draw.h"
#include "fonts.h"

#include <stdint.h>
#include <string.h>

/* The page of these tests, in pixels: 2 px per mm, lines 2 px wide
 * (0.25 pt each), a 100 x 60 piece with 3 mm of bleed and 10 mm of slug. */
#define MM 2.0
#define PT 8.0
#define TRIM_W 100
#define TRIM_H 60
#define BLEED (3 * MM)
#define SLUG (10 * MM)
#define OFF ((int)(BLEED + SLUG)) /* where the piece starts on the surface */

#define WHITE 0xffffffu
#define BLACK 0x000000u
#define RED 0xff0000u
#define BLUE 0x0000ffu
#define GREEN 0x00ff00u

static uint32_t px(cairo_surface_t *s, int x, int y)
{
        cairo_surface_flush(s);
        const unsigned char *d = cairo_image_surface_get_data(s);
        int stride = cairo_image_surface_get_stride(s);
        return ((const uint32_t *)(const void *)(d + (size_t)y * (size_t)stride))[x] & 0xffffffu;
}

static cairo_surface_t *surface(double slug)
{
        int w = (int)(TRIM_W + 2 * (BLEED + slug)), h = (int)(TRIM_H + 2 * (BLEED + slug));
        cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
        g_assert_cmpint(cairo_surface_status(s), ==, CAIRO_STATUS_SUCCESS);
        /* Not white, so the paper shows it was painted. */
        cairo_t *cr = cairo_create(s);
        cairo_set_source_rgb(cr, 0.5, 0.5, 0.5);
        cairo_paint(cr);
        cairo_destroy(cr);
        return s;
}

static struct draw_frame frame(double slug)
{
        return (struct draw_frame){ .trim_w = TRIM_W, .trim_h = TRIM_H, .bleed = BLEED, .slug = slug,
                                    .mm = MM, .pt = PT, .pdf = false };
}

static struct box rect(double x, double y, double w, double h, double r, double g, double b)
{
        struct box bx;
        memset(&bx, 0, sizeof bx);
        bx.kind = BOX_RECT;
        bx.x = x;
        bx.y = y;
        bx.w = w;
        bx.h = h;
        bx.colour.r = r;
        bx.colour.g = g;
        bx.colour.b = b;
        return bx;
}

/* Pixels that are not white, in [x0, x1) x [y0, y1). */
static int dark_in(cairo_surface_t *s, int x0, int y0, int x1, int y1)
{
        int n = 0;
        for (int y = y0; y < y1; y++)
                for (int x = x0; x < x1; x++)
                        n += px(s, x, y) != WHITE;
        return n;
}

static void test_boxes(void)
{
        cairo_surface_t *s = surface(SLUG);
        struct box b[] = {
                rect(10, 10, 30, 20, 1, 0, 0),  /* red */
                rect(30, 20, 30, 20, 0, 0, 1),  /* blue, over the red's corner */
                rect(-BLEED, 40, 16, 10, 0, 1, 0), /* green, from the bleed edge */
                rect(70, 10, 20, 20, 0, 0, 1),  /* blue, rounded */
        };
        b[3].radius = 10;
        struct boxes bs = { b, G_N_ELEMENTS(b), G_N_ELEMENTS(b) };
        struct draw_target t = { 0 };
        struct draw_frame f = frame(SLUG);
        g_assert_null(draw_page(s, &f, &t, &bs));

        g_assert_cmphex(px(s, 0, 0), ==, WHITE); /* the paper, even in the slug */
        g_assert_cmphex(px(s, OFF + 15, OFF + 15), ==, RED);
        g_assert_cmphex(px(s, OFF + 35, OFF + 25), ==, BLUE); /* later over earlier */
        g_assert_cmphex(px(s, OFF + 45, OFF + 35), ==, BLUE);
        g_assert_cmphex(px(s, OFF + 5, OFF + 5), ==, WHITE);
        g_assert_cmphex(px(s, OFF + 9, OFF + 15), ==, WHITE);  /* just left of the red */
        g_assert_cmphex(px(s, OFF + 10, OFF + 15), ==, RED);   /* its first column */
        /* Into the bleed, not beyond: the slug stays paper. */
        g_assert_cmphex(px(s, OFF - (int)BLEED, OFF + 45), ==, GREEN);
        g_assert_cmphex(px(s, OFF - (int)BLEED - 1, OFF + 45), ==, WHITE);
        /* Rounded: the corner is paper, the middle colour. */
        g_assert_cmphex(px(s, OFF + 70, OFF + 10), ==, WHITE);
        g_assert_cmphex(px(s, OFF + 80, OFF + 20), ==, BLUE);
        cairo_surface_destroy(s);
}

/* The marks of the top-left and bottom-right corners, 1 mm to 6 mm
 * outside the bleed along the trim lines; nothing inside the bleed. */
static void test_crop_marks(void)
{
        cairo_surface_t *s = surface(SLUG);
        struct boxes none = { NULL, 0, 0 };
        struct draw_target t = { 0 };
        struct draw_frame f = frame(SLUG);
        g_assert_null(draw_page(s, &f, &t, &none));

        int mid = (int)(BLEED + 3.5 * MM); /* halfway along a mark */
        /* Top left: across at the top trim line, down at the left one. */
        g_assert_cmphex(px(s, OFF - mid, OFF - 1), ==, BLACK);
        g_assert_cmphex(px(s, OFF - mid, OFF), ==, BLACK);
        g_assert_cmphex(px(s, OFF - 1, OFF - mid), ==, BLACK);
        g_assert_cmphex(px(s, OFF, OFF - mid), ==, BLACK);
        /* Bottom right. */
        g_assert_cmphex(px(s, OFF + TRIM_W + mid, OFF + TRIM_H - 1), ==, BLACK);
        g_assert_cmphex(px(s, OFF + TRIM_W + mid, OFF + TRIM_H), ==, BLACK);
        g_assert_cmphex(px(s, OFF + TRIM_W - 1, OFF + TRIM_H + mid), ==, BLACK);
        g_assert_cmphex(px(s, OFF + TRIM_W, OFF + TRIM_H + mid), ==, BLACK);
        /* Beside a mark, paper. */
        g_assert_cmphex(px(s, OFF - mid, OFF - 4), ==, WHITE);

        /* Eight marks of 5 mm x 2 px, and not one pixel inside the bleed
         * or within 1 mm of it. */
        int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
        g_assert_cmpint(dark_in(s, 0, 0, w, h), ==, 8 * (int)(5 * MM) * 2);
        int gap = (int)(SLUG - 1 * MM);
        g_assert_cmpint(dark_in(s, gap, gap, w - gap, h - gap), ==, 0);
        cairo_surface_destroy(s);

        /* No slug, no marks: all paper.  The page is drawn 40 px in from
         * the surface's edges, so marks outside it would show. */
        int w0 = TRIM_W + 2 * (int)BLEED + 80, h0 = TRIM_H + 2 * (int)BLEED + 80;
        s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w0, h0);
        cairo_surface_set_device_offset(s, 40, 40);
        f = frame(0);
        g_assert_null(draw_page(s, &f, &t, &none));
        g_assert_cmpint(dark_in(s, 0, 0, w0, h0), ==, 0);
        cairo_surface_destroy(s);
}

/* A surface in error: its reason back, in cairo's words, nothing else. */
/* Ink on an image: the sum of every pixel's darkness. */
static uint64_t ink(cairo_surface_t *s)
{
        uint64_t sum = 0;
        int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
        for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++)
                        sum += 255 - (px(s, x, y) & 0xff);
        return sum;
}

/* A PDF's text is drawn run by run, no-break spaces as spaces (draw.c,
 * show_layout); an image's by Pango.  Both put down the same glyphs, also
 * where Pango cut the text right at a no-break space: the "…" then stands
 * for text that begins with one, and must stay a "…".  cairo's image
 * backend puts glyphs on whole pixels, so the same glyphs give the same
 * ink wherever the two ways round a position differently. */
static void test_nbsp_runs(void)
{
        struct diag d;
        diag_init(&d, NULL);
        const char *dirs[] = { "fonts", NULL };
        struct fonts *fonts = fonts_new(dirs, &d);
        g_assert_nonnull(fonts);
        PangoLayout *l = pango_layout_new(fonts_context(fonts));
        PangoFontDescription *fd = pango_font_description_from_string("Inter");
        pango_font_description_set_absolute_size(fd, BOX_REF_SIZE * PANGO_SCALE);
        pango_layout_set_font_description(l, fd);
        pango_font_description_free(fd);
        pango_layout_set_text(l, "Mi.\u00a018:30\u00a0Uhr im Haus", -1);
        pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
        bool cut_at_nbsp = false;
        for (int width = 120; width <= 1400; width += 20) {
                pango_layout_set_width(l, width * PANGO_SCALE);
                cut_at_nbsp |= width < 400 && pango_layout_is_ellipsized(l);
                struct box b;
                memset(&b, 0, sizeof b);
                b.kind = BOX_TEXT;
                b.layout = l;
                b.size = BOX_REF_SIZE;
                b.x = b.y = 10;
                uint64_t got[2];
                for (int raster = 0; raster < 2; raster++) {
                        cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1500, 160);
                        cairo_t *cr = cairo_create(s);
                        cairo_set_source_rgb(cr, 1, 1, 1);
                        cairo_paint(cr);
                        struct draw_target t = { .cr = cr, .raster = raster };
                        struct boxes bs = { &b, 1, 1 };
                        g_assert_cmpint(draw_boxes(&t, &bs), ==, CAIRO_STATUS_SUCCESS);
                        cairo_destroy(cr);
                        got[raster] = ink(s);
                        cairo_surface_destroy(s);
                }
                g_assert_cmpuint(got[0], >, 0);
                g_assert_cmpuint(got[0], ==, got[1]);
        }
        g_assert_true(cut_at_nbsp);
        g_object_unref(l);
        fonts_free(fonts);
        diag_clear(&d);
}

static void test_broken_surface(void)
{
        cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, -1, -1);
        cairo_status_t st = cairo_surface_status(s);
        g_assert_cmpint(st, !=, CAIRO_STATUS_SUCCESS);
        struct box b[] = { rect(0, 0, 10, 10, 1, 0, 0) };
        struct boxes bs = { b, 1, 1 };
        struct draw_target t = { 0 };
        struct draw_frame f = frame(SLUG);
        const char *why = draw_page(s, &f, &t, &bs);
        g_assert_nonnull(why);
        g_assert_cmpstr(why, ==, cairo_status_to_string(st));
        cairo_surface_destroy(s);

        /* A finished surface can take no more drawing. */
        s = surface(SLUG);
        cairo_surface_finish(s);
        why = draw_page(s, &f, &t, &bs);
        g_assert_cmpstr(why, ==, cairo_status_to_string(CAIRO_STATUS_SURFACE_FINISHED));
        cairo_surface_destroy(s);
}

int main(int argc, char **argv)
{
        test_init(&argc, &argv);
        g_test_add_func("/draw/boxes", test_boxes);
        g_test_add_func("/draw/crop_marks", test_crop_marks);
        g_test_add_func("/draw/broken_surface", test_broken_surface);
        g_test_add_func("/draw/nbsp_runs", test_nbsp_runs);
        return g_test_run();
}
