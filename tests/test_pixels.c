/* test_pixels.c: pixels_surface is a cairo image surface like any other
 * (zero to start, the same pixels drawn, freed with it), and a page-sized
 * one sits on huge pages where the system gives them. */
#include "testlib.h"

#include "pixels.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
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

/* The kilobytes of address space this process has mapped (VmSize). */
static long mapped_kb(void)
{
        char *status = NULL;
        g_assert_true(g_file_get_contents("/proc/self/status", &status, NULL, NULL));
        const char *line = strstr(status, "\nVmSize:");
        g_assert_nonnull(line);
        long kb = strtol(line + 8, NULL, 10);
        g_free(status);
        return kb;
}

/* A size cairo refuses is refused the same way, not crashed on.  32768
 * wide is 2 MiB of pixels, mapped before cairo refuses it (where there
 * are huge pages), and the mapping must go again; 40000 x 40000 is mapped
 * or not as the machine's memory and overcommit allow. */
static void test_bad_size(void)
{
        int sizes[][2] = { { -1, 10 }, { 10, -1 }, { 32768, 16 }, { 40000, 40000 } };
        long before = mapped_kb();
        for (size_t i = 0; i < G_N_ELEMENTS(sizes); i++) {
                cairo_surface_t *s = pixels_surface(CAIRO_FORMAT_RGB24, sizes[i][0], sizes[i][1]);
                cairo_surface_t *c = cairo_image_surface_create(CAIRO_FORMAT_RGB24, sizes[i][0], sizes[i][1]);
                g_assert_cmpint(cairo_surface_status(s), ==, cairo_surface_status(c));
                g_assert_cmpint(cairo_surface_status(s), !=, CAIRO_STATUS_SUCCESS);
                cairo_surface_destroy(s);
                cairo_surface_destroy(c);
        }
        g_assert_cmpint(mapped_kb() - before, <, 1024);
}

/* What /proc/self/smaps says of the mapping that holds p. */
struct vma {
        bool found;
        uintptr_t lo, hi;
        long huge_kb;  /* AnonHugePages */
        bool advised;  /* VmFlags "hg": madvise(MADV_HUGEPAGE) */
};

static struct vma vma_at(const void *p)
{
        FILE *f = fopen("/proc/self/smaps", "r");
        g_assert_nonnull(f);
        char line[512];
        bool in = false;
        struct vma v = { .found = false };
        uintptr_t a = (uintptr_t)p;
        while (fgets(line, sizeof line, f)) {
                unsigned long lo, hi;
                if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2) {
                        in = a >= lo && a < hi;
                        if (in)
                                v = (struct vma){ .found = true, .lo = lo, .hi = hi };
                        continue;
                }
                long kb;
                if (in && sscanf(line, "AnonHugePages: %ld kB", &kb) == 1)
                        v.huge_kb = kb;
                if (in && strncmp(line, "VmFlags:", 8) == 0)
                        v.advised = strstr(line, " hg") != NULL;
        }
        fclose(f);
        return v;
}

/* A counter of /proc/vmstat; -1 when there is no such line. */
static long vmstat(const char *name)
{
        FILE *f = fopen("/proc/vmstat", "r");
        g_assert_nonnull(f);
        char key[64];
        long v, found = -1;
        while (fscanf(f, "%63s %ld", key, &v) == 2)
                if (strcmp(key, name) == 0)
                        found = v;
        fclose(f);
        return found;
}

/* Where the system gives huge pages on request, a page's pixels start on
 * a 2 MiB boundary, all of its 2 MiB ranges are advised to be huge pages,
 * and the mapping goes with the surface.  Whether the kernel then has a
 * free 2 MiB block for each is its own affair: a busy or fragmented
 * machine falls back to plain pages, and counts that in /proc/vmstat.  So
 * too few huge pages fail the test only when the kernel fell back nowhere,
 * which means it never took our advice. */
static void test_huge_pages(void)
{
        if (!pixels_huge_pages()) {
                g_test_skip("this system gives no huge pages");
                return;
        }
        enum { MIB2 = 2 << 20 };
        cairo_surface_t *s = pixels_surface(CAIRO_FORMAT_RGB24, 1080, 1080);
        g_assert_cmpint(cairo_surface_status(s), ==, CAIRO_STATUS_SUCCESS);
        const unsigned char *data = cairo_image_surface_get_data(s);
        size_t whole = ((size_t)cairo_image_surface_get_stride(s) * 1080 + MIB2 - 1) / MIB2 * MIB2;
        g_assert_cmphex((uintptr_t)data % MIB2, ==, 0);
        long fallback = vmstat("thp_fault_fallback");
        scene(s, 1080, 1080);
        struct vma v = vma_at(data);
        g_assert_true(v.found && v.advised);
        g_assert_cmphex(v.lo, <=, (uintptr_t)data);
        g_assert_cmphex(v.hi, >=, (uintptr_t)data + whole);
        if (v.huge_kb < (long)(whole / 1024)) {
                g_assert_cmpint(vmstat("thp_fault_fallback"), >, fallback);
                g_test_message("the kernel had %ld of %zu kB as huge pages", v.huge_kb, whole / 1024);
        }
        cairo_surface_destroy(s);
        g_assert_false(vma_at(data).found);
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
