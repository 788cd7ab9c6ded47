/* test_qr.c: QR encode -> draw -> PNG/PDF -> zbarimg -> the same bytes. */
#include "testlib.h"

/* By path: the Makefile lists libpng's include directory before -Isrc,
 * so a bare "png.h" here would be libpng's header. */
#include "pngout.h"
#include "qr.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <unistd.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

static const double black[3] = {0, 0, 0};
static const double white[3] = {1, 1, 1};
static const double green[3] = {0x1b / 255.0, 0x43 / 255.0, 0x32 / 255.0};   /* #1b4332 */
static const double cream[3] = {0xfa / 255.0, 0xf3 / 255.0, 0xdd / 255.0};   /* #faf3dd */

static char *tmpdir;

/* Run argv; fail the test unless it exits 0.  Returns stdout. */
static char *run(const char *const *argv)
{
        char *out = NULL, *errout = NULL;
        int status = 0;
        GError *e = NULL;
        gboolean ok = g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                   &out, &errout, &status, &e);
        if (!ok)
                g_error("%s: %s (the project's deps script installs zbar-tools and "
                        "poppler-utils: scripts/deps.sh test)", argv[0], e->message);
        if (!g_spawn_check_wait_status(status, &e))
                g_error("%s failed: %s: %s", argv[0], e->message, errout);
        g_free(errout);
        return out;
}

/* What zbarimg reads in the image at path.  Text mode appends one newline,
 * which we cut, and guesses a character set for byte-mode data: UTF-8 "\xc3\xa4"
 * comes back as Shift-JIS.  Binary mode (-Sbinary) gives the bytes in the
 * code exactly, with no newline. */
static char *decode_mode(const char *path, bool binary)
{
        const char *argv[] = {"zbarimg", "--raw", "-q", binary ? "-Sbinary" : path,
                              binary ? path : NULL, NULL};
        char *out = run(argv);
        size_t n = strlen(out);
        g_assert_cmpuint(n, >, 0);
        if (!binary) {
                g_assert_cmpint(out[n - 1], ==, '\n');
                out[n - 1] = '\0';
        }
        return out;
}

static bool is_ascii(const char *s)
{
        for (; *s; s++)
                if ((unsigned char)*s >= 0x80)
                        return false;
        return true;
}

/* Decode path and require exactly text back. */
static void expect_decodes(const char *path, const char *text)
{
        char *got = decode_mode(path, true);
        g_assert_cmpstr(got, ==, text);
        g_free(got);
        if (is_ascii(text)) {
                got = decode_mode(path, false);
                g_assert_cmpstr(got, ==, text);
                g_free(got);
        }
}

static bool same_rgb(uint32_t px, const double c[3])
{
        uint32_t want = (uint32_t)lround(c[0] * 255) << 16 | (uint32_t)lround(c[1] * 255) << 8 |
                        (uint32_t)lround(c[2] * 255);
        return (px & 0xffffff) == want;
}

static uint32_t pixel(cairo_surface_t *s, int x, int y)
{
        const unsigned char *d = cairo_image_surface_get_data(s);
        return ((const uint32_t *)(const void *)(d + (size_t)y * (size_t)cairo_image_surface_get_stride(s)))[x];
}

/* The code drawn with snap at (0, 0, size): every pixel of every module is
 * exactly the dark or light colour the matrix says, and the quiet zone (and
 * the spare pixels around it) exactly light. */
static void check_modules(cairo_surface_t *s, const struct qr *q, int size, const double dark[3],
                          const double light[3])
{
        int total = qr_total(q);
        int m = size / total;
        int off = (int)floor((size - m * total) / 2.0 + 0.5);
        for (int y = 0; y < size; y++)
                for (int x = 0; x < size; x++) {
                        int col = (x - off) / m - QR_QUIET, row = (y - off) / m - QR_QUIET;
                        bool in = x >= off + QR_QUIET * m && y >= off + QR_QUIET * m &&
                                  col < q->width && row < q->width;
                        bool d = in && q->dark[row * q->width + col];
                        if (!same_rgb(pixel(s, x, y), d ? dark : light))
                                g_error("size %d: pixel %d,%d is %06x, want %s", size, x, y,
                                        pixel(s, x, y) & 0xffffff, d ? "dark" : "light");
                }
}

/* Draw text as a QR code of size px with snap, write it with pngout_write,
 * check it pixel by pixel and decode it. */
static void roundtrip_png(const char *text, int size, const double dark[3], const double light[3])
{
        char *err = NULL;
        struct qr *q = qr_encode(text, QR_LEVEL_M, 0, &err);
        g_assert_null(err);
        g_assert_nonnull(q);
        if (size / qr_total(q) < 2) {   /* one pixel a module is too small to ask zbar */
                qr_free(q);
                return;
        }

        cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, size, size);
        cairo_t *cr = cairo_create(s);
        qr_draw(cr, q, 0, 0, size, dark, light, true);
        cairo_destroy(cr);
        cairo_surface_flush(s);
        check_modules(s, q, size, dark, light);

        char *path = g_build_filename(tmpdir, "qr.png", NULL);
        int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        g_assert_cmpint(fd, >=, 0);
        struct sink out;
        sink_init_fd(&out, fd);
        g_assert_true(pngout_write(s, &out, 0, 0, &err) && sink_flush(&out));
        g_assert_null(err);
        sink_clear(&out);
        g_assert_cmpint(close(fd), ==, 0);

        /* The file holds the same pixels: quiet zone pure light colour. */
        cairo_surface_t *back = cairo_image_surface_create_from_png(path);
        g_assert_cmpint(cairo_surface_status(back), ==, CAIRO_STATUS_SUCCESS);
        check_modules(back, q, size, dark, light);
        cairo_surface_destroy(back);

        expect_decodes(path, text);
        g_unlink(path);
        g_free(path);
        cairo_surface_destroy(s);
        qr_free(q);
}

static const char *urls[] = {
        "https://x.org/j",
        "https://example.org/signup?a=1&b=\xc3\xa4%20",
        "https://Example.ORG/Signup/URBAN-Gardening?Ref=Poster",
        NULL,   /* 300 bytes, made in main */
};

static char long_url[301];

static void test_png_roundtrip(void)
{
        static const int sizes[] = {150, 237, 400};
        for (size_t i = 0; i < G_N_ELEMENTS(urls); i++)
                for (size_t k = 0; k < G_N_ELEMENTS(sizes); k++) {
                        roundtrip_png(urls[i], sizes[k], black, white);
                        roundtrip_png(urls[i], sizes[k], green, white);
                }
        roundtrip_png(urls[1], 333, green, cream);
}

/* A scaled CTM: snap still puts module edges on device pixels. */
static void test_snap_scaled(void)
{
        char *err = NULL;
        struct qr *q = qr_encode(urls[2], QR_LEVEL_Q, 0, &err);
        g_assert_nonnull(q);
        cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 300, 300);
        cairo_t *cr = cairo_create(s);
        cairo_scale(cr, 300 / 72.0, 300 / 72.0);        /* points at 300 dpi */
        qr_draw(cr, q, 0, 0, 72, green, white, true);
        cairo_destroy(cr);
        cairo_surface_flush(s);
        check_modules(s, q, 300, green, white);
        cairo_surface_destroy(s);
        qr_free(q);
}

/* Without snap, the geometry is exact: at a whole number of pixels a
 * module, the outline tracing gives the same pixels as the matrix. */
static void test_exact_geometry(void)
{
        char *err = NULL;
        for (size_t i = 0; i < G_N_ELEMENTS(urls); i++) {
                struct qr *q = qr_encode(urls[i], QR_LEVEL_H, 0, &err);
                g_assert_nonnull(q);
                int size = 3 * qr_total(q);
                cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, size, size);
                cairo_t *cr = cairo_create(s);
                qr_draw(cr, q, 0, 0, size, black, white, false);
                cairo_destroy(cr);
                cairo_surface_flush(s);
                check_modules(s, q, size, black, white);
                cairo_surface_destroy(s);
                qr_free(q);
        }
}

static void test_pdf_roundtrip(void)
{
        for (size_t i = 0; i < G_N_ELEMENTS(urls); i++) {
                char *err = NULL;
                struct qr *q = qr_encode(urls[i], QR_LEVEL_M, 0, &err);
                g_assert_nonnull(q);
                char *pdf = g_build_filename(tmpdir, "qr.pdf", NULL);
                char *prefix = g_build_filename(tmpdir, "qr-pdf", NULL);
                char *png = g_strconcat(prefix, ".png", NULL);

                cairo_surface_t *s = cairo_pdf_surface_create(pdf, 250, 250);
                cairo_t *cr = cairo_create(s);
                /* Off the grid on purpose: vector output must not care. */
                qr_draw(cr, q, 20.3, 17.7, 200.5, green, white, false);
                cairo_destroy(cr);
                cairo_surface_finish(s);
                g_assert_cmpint(cairo_surface_status(s), ==, CAIRO_STATUS_SUCCESS);
                cairo_surface_destroy(s);

                const char *argv[] = {"pdftoppm", "-r", "150", "-png", "-singlefile", pdf, prefix, NULL};
                g_free(run(argv));
                expect_decodes(png, urls[i]);

                g_unlink(png);
                g_unlink(pdf);
                g_free(png);
                g_free(prefix);
                g_free(pdf);
                qr_free(q);
        }
}

static char *repeat(char c, size_t n)
{
        char *s = g_malloc(n + 1);
        memset(s, c, n);
        s[n] = '\0';
        return s;
}

static void test_too_long(void)
{
        char *err = NULL;
        char *text = repeat('a', 2400);
        g_assert_null(qr_encode(text, QR_LEVEL_M, 0, &err));
        g_assert_cmpstr(err, ==, "2400 bytes is too long for a QR code at error correction M (at most 2331)");
        g_free(err);
        g_free(text);

        text = repeat('a', 2954);
        g_assert_null(qr_encode(text, QR_LEVEL_L, 0, &err));
        g_assert_cmpstr(err, ==, "2954 bytes is too long for a QR code at error correction L (at most 2953)");
        g_free(err);
        text[2953] = '\0';
        struct qr *q = qr_encode(text, QR_LEVEL_L, 0, &err);
        g_assert_nonnull(q);
        g_assert_null(err);
        g_assert_cmpint(q->width, ==, 177);     /* version 40 */
        qr_free(q);
        g_free(text);

        g_assert_null(qr_encode("", QR_LEVEL_M, 0, &err));
        g_assert_cmpstr(err, ==, "is empty; a QR code needs some text");
        g_free(err);
}

static void test_max_version(void)
{
        char *err = NULL;
        char *text = repeat('a', 54);
        g_assert_null(qr_encode(text, QR_LEVEL_L, 3, &err));
        g_assert_cmpstr(err, ==, "54 bytes is too long for a QR code of version 3 at error correction L (at most 53)");
        g_free(err);
        text[53] = '\0';
        struct qr *q = qr_encode(text, QR_LEVEL_L, 3, &err);
        g_assert_nonnull(q);
        g_assert_cmpint(q->width, ==, 29);      /* version 3: 17 + 4 * 3 */
        g_assert_cmpint(qr_total(q), ==, 37);
        qr_free(q);
        /* Short text stays small however high the cap. */
        q = qr_encode("hi", QR_LEVEL_L, 40, &err);
        g_assert_cmpint(q->width, ==, 21);
        qr_free(q);
        g_free(text);
}

/* qr_capacity agrees with libqrencode at every version and level: the
 * limit fits within the version, one byte more does not. */
static void test_capacity_table(void)
{
        char *text = repeat('x', 2954);
        for (int v = 1; v <= 40; v++)
                for (int l = QR_LEVEL_L; l <= QR_LEVEL_H; l++) {
                        int n = qr_capacity((enum qr_level)l, v);
                        char *err = NULL;
                        char keep = text[n];
                        text[n] = '\0';
                        struct qr *q = qr_encode(text, (enum qr_level)l, v, &err);
                        if (!q)
                                g_error("version %d level %d: %d bytes: %s", v, l, n, err);
                        g_assert_cmpint(q->width, <=, 17 + 4 * v);
                        qr_free(q);
                        text[n] = keep;
                        keep = text[n + 1];
                        text[n + 1] = '\0';
                        g_assert_null(qr_encode(text, (enum qr_level)l, v, &err));
                        g_assert_nonnull(err);
                        g_free(err);
                        text[n + 1] = keep;
                }
        g_free(text);
}

static void test_level_parse(void)
{
        enum qr_level l = QR_LEVEL_L;
        g_assert_true(qr_level_parse("h", &l));
        g_assert_cmpint(l, ==, QR_LEVEL_H);
        g_assert_true(qr_level_parse("Q", &l));
        g_assert_cmpint(l, ==, QR_LEVEL_Q);
        g_assert_true(qr_level_parse("m", &l));
        g_assert_cmpint(l, ==, QR_LEVEL_M);
        g_assert_true(qr_level_parse("L", &l));
        g_assert_cmpint(l, ==, QR_LEVEL_L);
        g_assert_false(qr_level_parse("", &l));
        g_assert_false(qr_level_parse("X", &l));
        g_assert_false(qr_level_parse("MM", &l));
        g_assert_false(qr_level_parse("H ", &l));
        g_assert_false(qr_level_parse(NULL, &l));
        g_assert_cmpint(l, ==, QR_LEVEL_L);
        g_assert_cmpstr(qr_level_name(QR_LEVEL_Q), ==, "Q");
        qr_free(NULL);
}

int main(int argc, char **argv)
{
        test_init(&argc, &argv);
        memset(long_url, 'a', 300);
        memcpy(long_url, "https://example.org/signup?token=", 33);
        long_url[300] = '\0';
        urls[3] = long_url;

        GError *e = NULL;
        tmpdir = g_dir_make_tmp("test_qr-XXXXXX", &e);
        g_assert_no_error(e);

        g_test_add_func("/qr/png_roundtrip", test_png_roundtrip);
        g_test_add_func("/qr/snap_scaled", test_snap_scaled);
        g_test_add_func("/qr/exact_geometry", test_exact_geometry);
        g_test_add_func("/qr/pdf_roundtrip", test_pdf_roundtrip);
        g_test_add_func("/qr/too_long", test_too_long);
        g_test_add_func("/qr/max_version", test_max_version);
        g_test_add_func("/qr/capacity_table", test_capacity_table);
        g_test_add_func("/qr/level_parse", test_level_parse);
        int rc = g_test_run();

        g_rmdir(tmpdir);
        g_free(tmpdir);
        cairo_debug_reset_static_data();
        return rc;
}
