/* test_pixels.c: pixels_surface is a cairo image surface like any other
 * (zero to start, the same pixels drawn, freed with it), and a page-sized
 * one sits on huge pages where the system gives them. */
#include "testlib.h"

#include "pixels.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* A few things drawn with antialiasing and a gradient. */
static void scene(cairo_surface_t *s, int w, int h)
{
        cairo_t *cr = cairo_create(s);
        cairo_pattern_t *g = cairo_pattern_create_linear(0, 0, w, h);
        cairo_pattern_add_color_stop_rgb(g, 0, 0.9, 0.8, 0.2);
        cairo_pattern_add_color_stop_rgb(g, 1, 0.1, 0.3, 0.6);
        cairo_set_source(cr, g);
        cairo_paint(cr);
        cairo_pattern_destroy(g);
        cairo_arc(cr, w * 0.4, h * 0.6, h / 3.3, 0, 2 * G_PI);
        cairo_set_source_rgba(cr, 0.8, 0.1, 0.1, 0.7);
        cairo_fill(cr);
        cairo_destroy(cr);
        cairo_surface_flush(s);
}

static void same_as_cairo(cairo_format_t f, int w, int h)
{
        cairo_surface_t *ours = pixels_surface(f, w, h), *theirs = cairo_image_surface_create(f, w, h);
        g_assert_cmpint(cairo_surface_status(ours), ==, CAIRO_STATUS_SUCCESS);
        g_assert_cmpint(cairo_image_surface_get_format(ours), ==, f);
        g_assert_cmpint(cairo_image_surface_get_width(ours), ==, w);
        g_assert_cmpint(cairo_image_surface_get_height(ours), ==, h);
        int stride = cairo_image_surface_get_stride(ours);
        g_assert_cmpint(stride, ==, cairo_image_surface_get_stride(theirs));
        size_t n = (size_t)stride * (size_t)h;
        const unsigned char *a = cairo_image_surface_get_data(ours), *b = cairo_image_surface_get_data(theirs);
        for (size_t i = 0; i < n; i++)
                if (a[i])
                        g_error("%dx%d: byte %zu is %u, not 0", w, h, i, a[i]);
        scene(ours, w, h);
        scene(theirs, w, h);
        g_assert_true(memcmp(a, b, n) == 0);
        cairo_surface_destroy(ours);
        cairo_surface_destroy(theirs);
}

/* Small (cairo's own), page-sized and photo-sized, both formats. */
static void test_like_cairo(void)
{
        same_as_cairo(CAIRO_FORMAT_RGB24, 10, 10);
        same_as_cairo(CAIRO_FORMAT_RGB24, 1080, 1080);
        same_as_cairo(CAIRO_FORMAT_ARGB32, 1621, 1080);
}

/* A size cairo refuses is refused the same way, not crashed on. */
static void test_bad_size(void)
{
        int sizes[][2] = { { -1, 10 }, { 10, -1 }, { 40000, 40000 } };
        for (size_t i = 0; i < G_N_ELEMENTS(sizes); i++) {
                cairo_surface_t *s = pixels_surface(CAIRO_FORMAT_RGB24, sizes[i][0], sizes[i][1]);
                cairo_surface_t *c = cairo_image_surface_create(CAIRO_FORMAT_RGB24, sizes[i][0], sizes[i][1]);
                g_assert_cmpint(cairo_surface_status(s), ==, cairo_surface_status(c));
                g_assert_cmpint(cairo_surface_status(s), !=, CAIRO_STATUS_SUCCESS);
                cairo_surface_destroy(s);
                cairo_surface_destroy(c);
        }
}

/* The kilobytes of huge pages /proc/self/smaps shows for the mapping
 * that holds p; -1 if there is no such mapping. */
static long huge_kb_at(const void *p)
{
        FILE *f = fopen("/proc/self/smaps", "r");
        g_assert_nonnull(f);
        char line[512];
        bool in = false;
        long kb = -1;
        uintptr_t a = (uintptr_t)p;
        while (fgets(line, sizeof line, f)) {
                unsigned long lo, hi;
                if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2) {
                        in = a >= lo && a < hi;
                        continue;
                }
                long v;
                if (in && sscanf(line, "AnonHugePages: %ld kB", &v) == 1)
                        kb = v;
        }
        fclose(f);
        return kb;
}

/* Where the system gives huge pages on request ("madvise" or "always"),
 * a page's pixels are on them once drawn.  Elsewhere there is nothing to
 * see, and the test says so. */
static void test_huge_pages(void)
{
        char *mode = NULL;
        if (!g_file_get_contents("/sys/kernel/mm/transparent_hugepage/enabled", &mode, NULL, NULL) ||
            strstr(mode, "[never]")) {
                g_free(mode);
                g_test_skip("this system gives no huge pages");
                return;
        }
        g_free(mode);
        cairo_surface_t *s = pixels_surface(CAIRO_FORMAT_RGB24, 1080, 1080);
        scene(s, 1080, 1080);
        long kb = huge_kb_at(cairo_image_surface_get_data(s));
        g_assert_cmpint(kb, >=, 2048);
        cairo_surface_destroy(s);
}

int main(int argc, char **argv)
{
        test_init(&argc, &argv);
        g_test_add_func("/pixels/like_cairo", test_like_cairo);
        g_test_add_func("/pixels/bad_size", test_bad_size);
        g_test_add_func("/pixels/huge_pages", test_huge_pages);
        int rc = g_test_run();
        cairo_debug_reset_static_data();
        return rc;
}
