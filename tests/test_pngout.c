/* test_pngout.c: pngout_write gives back the exact pixels, the same bytes every
 * time, and says so when the stream fails. */
#include "testlib.h"

#include "pngout.h"

#include <cairo.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <fontconfig/fontconfig.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <stdint.h>
#include <string.h>
#include <stdlib.h>
#include <zlib.h>

/* cairo pixels are native-endian 32-bit words, premultiplied. */
static void put(cairo_surface_t *s, int x, int y, uint32_t argb)
{
        unsigned char *d = cairo_image_surface_get_data(s);
        ((uint32_t *)(void *)(d + (size_t)y * (size_t)cairo_image_surface_get_stride(s)))[x] = argb;
}

static uint32_t get(cairo_surface_t *s, int x, int y)
{
        const unsigned char *d = cairo_image_surface_get_data(s);
        return ((const uint32_t *)(const void *)(d + (size_t)y * (size_t)cairo_image_surface_get_stride(s)))[x];
}

/* pngout_write into memory, on at most threads threads (0: a processor each). */
static char *write_mem_on(cairo_surface_t *s, double dpi, int threads, size_t *len)
{
        char *err = NULL;
        struct sink out;
        sink_init_mem(&out);
        if (!pngout_write(s, &out, dpi, threads, &err))
                g_error("pngout_write: %s", err);
        g_assert_null(err);
        const unsigned char *bytes = sink_bytes(&out, len);
        char *buf = malloc(*len);
        memcpy(buf, bytes, *len);
        sink_clear(&out);
        return buf;
}

static char *write_mem(cairo_surface_t *s, double dpi, size_t *len)
{
        return write_mem_on(s, dpi, 0, len);
}

struct reader {
        const unsigned char *p;
        size_t left;
};

static cairo_status_t read_mem(void *closure, unsigned char *data, unsigned int n)
{
        struct reader *r = closure;
        if (n > r->left)
                return CAIRO_STATUS_READ_ERROR;
        memcpy(data, r->p, n);
        r->p += n;
        r->left -= n;
        return CAIRO_STATUS_SUCCESS;
}

/* Read a PNG back with cairo (which uses libpng): an independent reader. */
static cairo_surface_t *read_back(const char *buf, size_t len)
{
        struct reader r = {(const unsigned char *)buf, len};
        cairo_surface_t *s = cairo_image_surface_create_from_png_stream(read_mem, &r);
        g_assert_cmpint(cairo_surface_status(s), ==, CAIRO_STATUS_SUCCESS);
        /* No alpha channel in the file, so cairo makes it RGB24. */
        g_assert_cmpint(cairo_image_surface_get_format(s), ==, CAIRO_FORMAT_RGB24);
        return s;
}

static uint32_t be32(const unsigned char *p)
{
        return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Find chunk type in the PNG; returns its data or NULL, *n its length. */
static const unsigned char *chunk(const char *buf, size_t len, const char *type, uint32_t *n)
{
        const unsigned char *p = (const unsigned char *)buf + 8, *end = (const unsigned char *)buf + len;
        g_assert_cmpmem(buf, 8, "\x89PNG\r\n\x1a\n", 8);
        while (p + 12 <= end) {
                uint32_t l = be32(p);
                if (memcmp(p + 4, type, 4) == 0) {
                        *n = l;
                        return p + 8;
                }
                p += 12 + l;
        }
        return NULL;
}

/* What a pixel of s must read back as: composited over white. */
static uint32_t over_white(cairo_surface_t *s, int x, int y)
{
        uint32_t p = get(s, x, y), k = cairo_image_surface_get_format(s) == CAIRO_FORMAT_ARGB32 ? 255 - (p >> 24) : 0;
        return (((p >> 16) & 0xff) + k) << 16 | (((p >> 8) & 0xff) + k) << 8 | ((p & 0xff) + k);
}

/* The IDATs of a PNG joined: one zlib stream.  *len its length. */
static unsigned char *idat(const char *buf, size_t len, size_t *n)
{
        const unsigned char *p = (const unsigned char *)buf + 8, *end = (const unsigned char *)buf + len;
        GByteArray *a = g_byte_array_new();
        while (p + 12 <= end) {
                uint32_t l = be32(p);
                g_assert_cmpuint(l, <=, (size_t)(end - p) - 12);
                if (memcmp(p + 4, "IDAT", 4) == 0)
                        g_byte_array_append(a, p + 8, l);
                p += 12 + l;
        }
        *n = a->len;
        return g_byte_array_free(a, FALSE);
}

static unsigned paeth(unsigned a, unsigned b, unsigned c)
{
        int pa = abs((int)b - (int)c), pb = abs((int)a - (int)c), pc = abs((int)(a + b) - 2 * (int)c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/* Decode the PNG's image data without libpng: zlib checks the stream and
 * its Adler-32, the rows are unfiltered here; every pixel must equal s's
 * over white.  A lost band, a band out of order or a band primed with
 * other bytes than the ones before it in the stream fails here. */
static void check_stream(const char *buf, size_t len, cairo_surface_t *s)
{
        int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
        size_t rowlen = 1 + 3 * (size_t)w, n;
        unsigned char *z = idat(buf, len, &n);
        unsigned char *raw = g_malloc(rowlen * (size_t)h + 1);
        z_stream zs = { 0 };
        g_assert_cmpint(inflateInit(&zs), ==, Z_OK);
        zs.next_in = z;
        zs.avail_in = (uInt)n;
        zs.next_out = raw;
        zs.avail_out = (uInt)(rowlen * (size_t)h + 1);
        g_assert_cmpint(inflate(&zs, Z_FINISH), ==, Z_STREAM_END);
        g_assert_cmpuint(zs.total_out, ==, rowlen * (size_t)h);
        g_assert_cmpuint(zs.avail_in, ==, 0);
        inflateEnd(&zs);

        cairo_surface_flush(s);
        for (int y = 0; y < h; y++) {
                unsigned char *r = raw + (size_t)y * rowlen, *up = y ? r - rowlen + 1 : NULL;
                unsigned f = r[0];
                g_assert_cmpuint(f, <=, 4);
                for (size_t i = 0; i < rowlen - 1; i++) {
                        unsigned a = i >= 3 ? r[1 + i - 3] : 0, b = up ? up[i] : 0,
                                 c = up && i >= 3 ? up[i - 3] : 0;
                        unsigned pred = f == 0 ? 0 : f == 1 ? a : f == 2 ? b : f == 3 ? (a + b) / 2 : paeth(a, b, c);
                        r[1 + i] = (unsigned char)(r[1 + i] + pred);
                }
                for (int x = 0; x < w; x++) {
                        const unsigned char *px = r + 1 + 3 * (size_t)x;
                        uint32_t got = (uint32_t)px[0] << 16 | (uint32_t)px[1] << 8 | px[2];
                        if (got != over_white(s, x, y))
                                g_error("pixel %d,%d: %06x, want %06x", x, y, got, over_white(s, x, y));
                }
        }
        g_free(raw);
        g_free(z);
}

/* Opaque colours (not grey, so channel order shows), a half-transparent
 * and a fully transparent pixel, composited over white. */
static void test_pixels(void)
{
        cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 3, 3);
        cairo_surface_flush(s);
        static const struct {
                uint32_t in, out;
        } px[] = {
                {0xffff0000, 0xff0000}, {0xff00ff00, 0x00ff00}, {0xff0000ff, 0x0000ff},
                {0xff1b4332, 0x1b4332}, {0xfffaf3dd, 0xfaf3dd}, {0xff123456, 0x123456},
                /* 50 % red, premultiplied: 0x80 of red; over white 0x80 + 0x7f. */
                {0x80800000, 0xff7f7f},
                /* 50 % #1b4332 premultiplied (0x0e, 0x22, 0x19), over white. */
                {0x800e2219, 0x8da198},
                {0x00000000, 0xffffff},
        };
        for (int i = 0; i < 9; i++)
                put(s, i % 3, i / 3, px[i].in);
        cairo_surface_mark_dirty(s);

        size_t len;
        char *buf = write_mem(s, 0, &len);
        cairo_surface_t *back = read_back(buf, len);
        for (int i = 0; i < 9; i++)
                g_assert_cmphex(get(back, i % 3, i / 3) & 0xffffff, ==, px[i].out);

        /* 8-bit RGB, no alpha; no pHYs without dpi; no time stamp. */
        uint32_t n;
        const unsigned char *ihdr = chunk(buf, len, "IHDR", &n);
        g_assert_nonnull(ihdr);
        g_assert_cmpuint(be32(ihdr), ==, 3);
        g_assert_cmpuint(ihdr[8], ==, 8);
        g_assert_cmpuint(ihdr[9], ==, 2);
        g_assert_null(chunk(buf, len, "pHYs", &n));
        g_assert_null(chunk(buf, len, "tIME", &n));
        g_assert_null(chunk(buf, len, "tEXt", &n));

        cairo_surface_destroy(back);
        free(buf);
        cairo_surface_destroy(s);
}

/* RGB24: the unused top byte is ignored, whatever it holds. */
static void test_rgb24(void)
{
        cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 2, 1);
        cairo_surface_flush(s);
        put(s, 0, 0, 0x00123456);
        put(s, 1, 0, 0x7f1b4332);
        cairo_surface_mark_dirty(s);
        size_t len;
        char *buf = write_mem(s, 0, &len);
        cairo_surface_t *back = read_back(buf, len);
        g_assert_cmphex(get(back, 0, 0) & 0xffffff, ==, 0x123456);
        g_assert_cmphex(get(back, 1, 0) & 0xffffff, ==, 0x1b4332);
        cairo_surface_destroy(back);
        free(buf);
        cairo_surface_destroy(s);
}

/* RGB24 rows of every width the converter treats apart (one pixel, a
 * last pixel after the 4-byte stores, wide), random colours and random
 * unused bytes: every pixel reads back exact, through zlib and libpng. */
static void test_rgb24_widths(void)
{
        static const int widths[] = { 1, 2, 3, 5, 1080 };
        uint32_t v = 99;
        for (size_t i = 0; i < G_N_ELEMENTS(widths); i++) {
                int w = widths[i], h = 7;
                cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
                cairo_surface_flush(s);
                for (int y = 0; y < h; y++)
                        for (int x = 0; x < w; x++) {
                                v = v * 1103515245u + 12345u;
                                put(s, x, y, v);
                        }
                cairo_surface_mark_dirty(s);
                size_t len;
                char *buf = write_mem(s, 0, &len);
                check_stream(buf, len, s);
                cairo_surface_t *back = read_back(buf, len);
                for (int y = 0; y < h; y++)
                        for (int x = 0; x < w; x++)
                                g_assert_cmphex(get(back, x, y) & 0xffffff, ==, get(s, x, y) & 0xffffff);
                cairo_surface_destroy(back);
                free(buf);
                cairo_surface_destroy(s);
        }
}

/* The filter byte of the PNG's first row. */
static unsigned first_filter(const char *buf, size_t len)
{
        size_t n;
        unsigned char *z = idat(buf, len, &n), first = 0xff;
        z_stream zs = { 0 };
        g_assert_cmpint(inflateInit(&zs), ==, Z_OK);
        zs.next_in = z;
        zs.avail_in = (uInt)n;
        zs.next_out = &first;
        zs.avail_out = 1;
        g_assert_cmpint(inflate(&zs, Z_NO_FLUSH), >=, Z_OK);
        inflateEnd(&zs);
        g_free(z);
        return first;
}

/* The filter is chosen from the share of pixels equal to their left
 * neighbour, at least 3/4 for none: counted exactly, on either side of
 * the line, whichever of a row's pixels (in a group of four or after
 * them) differ.  14 pixels a row, 4 rows: 52 pairs, 39 equal is the line. */
static void test_filter_choice(void)
{
        for (int breaks = 12; breaks <= 15; breaks++) {
                int w = 14, h = 4;
                cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
                cairo_surface_flush(s);
                int left = breaks;
                for (int y = 0; y < h; y++) {
                        uint32_t c = 0x204060u + (uint32_t)y;
                        /* Odd rows change at their last pixels (x = 13
                         * follows the groups of four), even rows at their
                         * first, so their last pixels match. */
                        int here = MIN(left, (breaks + h - 1) / h);
                        left -= here;
                        for (int x = 0; x < w; x++) {
                                if (x > 0 && (y % 2 ? x >= w - here : x <= here))
                                        c += 0x010000u;
                                put(s, x, y, c);
                        }
                }
                g_assert_cmpint(left, ==, 0);
                cairo_surface_mark_dirty(s);
                size_t len;
                char *buf = write_mem(s, 0, &len);
                int same = (w - 1) * h - breaks;
                g_assert_cmpuint(first_filter(buf, len), ==, 4 * same >= 3 * (w - 1) * h ? 0 : 4);
                check_stream(buf, len, s);
                free(buf);
                cairo_surface_destroy(s);
        }
}

/* A poster-like image: flat colours, gradient, text, shapes; on a
 * full-bleed gradient if bleed. */
static cairo_surface_t *poster_on(int w, int h, bool bleed)
{
        cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
        cairo_t *cr = cairo_create(s);
        cairo_set_source_rgb(cr, 0.96, 0.94, 0.88);
        if (bleed) {
                cairo_pattern_t *bg = cairo_pattern_create_linear(0, 0, w, h);
                cairo_pattern_add_color_stop_rgb(bg, 0, 0.98, 0.85, 0.6);
                cairo_pattern_add_color_stop_rgb(bg, 1, 0.3, 0.1, 0.4);
                cairo_set_source(cr, bg);
                cairo_pattern_destroy(bg);
        }
        cairo_paint(cr);
        cairo_pattern_t *g = cairo_pattern_create_linear(0, 0, w, h / 4.0);
        cairo_pattern_add_color_stop_rgb(g, 0, 0.1, 0.26, 0.2);
        cairo_pattern_add_color_stop_rgb(g, 1, 0.2, 0.5, 0.3);
        cairo_rectangle(cr, 0, 0, w, h / 4.0);
        cairo_set_source(cr, g);
        cairo_fill(cr);
        cairo_pattern_destroy(g);
        cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
        cairo_set_font_size(cr, h / 40.0);
        for (int i = 0; i < 12; i++) {
                cairo_move_to(cr, w / 18.0, h / 3.0 + i * h / 27.0);
                cairo_show_text(cr, "Wir pflanzen, giessen und ernten gemeinsam im Hof.");
        }
        cairo_arc(cr, w * 0.3, h * 0.8, h / 9.0, 0, 2 * G_PI);
        cairo_set_source_rgba(cr, 0.9, 0.4, 0.1, 0.8);
        cairo_fill(cr);
        cairo_destroy(cr);
        return s;
}

static cairo_surface_t *poster(int w, int h)
{
        return poster_on(w, h, false);
}

/* Noise, like a photo: takes pngout.c's other filter choice.  Its rows
 * repeat every period rows. */
static cairo_surface_t *noise_rows(int w, int h, int period)
{
        cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
        cairo_surface_flush(s);
        uint32_t v = 12345;
        for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++) {
                        v = v * 1103515245u + 12345u;
                        put(s, x, y, y < period ? 0xff000000u | (v >> 8) : get(s, x, y - period));
                }
        cairo_surface_mark_dirty(s);
        return s;
}

static cairo_surface_t *noise(int w, int h)
{
        return noise_rows(w, h, h);
}

static void check_same_pixels(cairo_surface_t *s)
{
        size_t len;
        char *buf = write_mem(s, 0, &len);
        cairo_surface_t *back = read_back(buf, len);
        int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
        g_assert_cmpint(cairo_image_surface_get_width(back), ==, w);
        g_assert_cmpint(cairo_image_surface_get_height(back), ==, h);
        cairo_surface_flush(s);
        for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++)
                        if ((get(back, x, y) & 0xffffff) != over_white(s, x, y))
                                g_error("pixel %d,%d: %06x, want %06x", x, y,
                                        get(back, x, y) & 0xffffff, over_white(s, x, y));
        check_stream(buf, len, s);
        cairo_surface_destroy(back);
        free(buf);
}

static void test_images(void)
{
        cairo_surface_t *s = poster(301, 207);
        check_same_pixels(s);
        cairo_surface_destroy(s);
        s = noise(97, 61);
        check_same_pixels(s);
        cairo_surface_destroy(s);
}

/* Noise rows repeating every period rows: only a band primed with the
 * rows above it finds the repeats across the seam, so the stream is about
 * one period's noise.  Unprimed bands would each carry their own copy;
 * primed with the wrong bytes, the pixels come out wrong. */
static void test_bands(void)
{
        enum { W = 100, H = 160, PERIOD = 40 };
        cairo_surface_t *s = noise_rows(W, H, PERIOD);

        size_t len, n;
        char *buf = write_mem(s, 0, &len);
        check_stream(buf, len, s);
        g_free(idat(buf, len, &n));
        /* Noise does not compress: one period is 40 * 301 bytes. */
        g_assert_cmpuint(n, <, PERIOD * (1 + 3 * W) * 3 / 2);
        g_assert_cmpuint(n, >, PERIOD * (1 + 3 * W) * 9 / 10);
        free(buf);
        cairo_surface_destroy(s);

        /* The big poster too, and the same bytes each time. */
        s = poster(1080, 1080);
        buf = write_mem(s, 0, &len);
        check_stream(buf, len, s);
        size_t len2;
        char *again = write_mem(s, 0, &len2);
        g_assert_cmpmem(buf, len, again, len2);
        free(again);
        free(buf);
        cairo_surface_destroy(s);
}

/* Fewer rows than bands, and one column. */
static void test_few_rows(void)
{
        static const struct {
                int w, h;
        } size[] = { { 5, 1 }, { 7, 2 }, { 7, 3 }, { 1, 1 }, { 1, 3 }, { 1, 9 }, { 3000, 3 } };
        for (size_t i = 0; i < G_N_ELEMENTS(size); i++) {
                cairo_surface_t *s = noise(size[i].w, size[i].h);
                check_same_pixels(s);
                cairo_surface_destroy(s);
                s = poster(size[i].w, size[i].h);
                check_same_pixels(s);
                cairo_surface_destroy(s);
        }
}

static void test_deterministic(void)
{
        cairo_surface_t *s = poster(400, 300);
        size_t n1, n2;
        char *a = write_mem(s, 300, &n1);
        char *b = write_mem(s, 300, &n2);
        g_assert_cmpmem(a, n1, b, n2);
        /* On one thread (as in each of several workers) or more: the same. */
        for (int threads = 1; threads <= 3; threads++) {
                size_t n3;
                char *c = write_mem_on(s, 300, threads, &n3);
                g_assert_cmpmem(a, n1, c, n3);
                free(c);
        }

        /* 300 dpi = 11811 pixels a metre, both ways. */
        uint32_t n;
        const unsigned char *phys = chunk(a, n1, "pHYs", &n);
        g_assert_nonnull(phys);
        g_assert_cmpuint(n, ==, 9);
        g_assert_cmpuint(be32(phys), ==, 11811);
        g_assert_cmpuint(be32(phys + 4), ==, 11811);
        g_assert_cmpuint(phys[8], ==, 1);
        g_assert_null(chunk(a, n1, "tIME", &n));
        free(a);
        free(b);
        cairo_surface_destroy(s);
}

static void test_write_error(void)
{
        int fd = open("/dev/full", O_WRONLY);
        if (fd < 0) {
                g_test_skip("no /dev/full");
                return;
        }
        /* A write failure is the sink's to tell: no reason of pngout's own,
         * so the caller's message cannot say it twice. */
        struct sink out;
        sink_init_fd(&out, fd);
        cairo_surface_t *s = noise(200, 200);
        char *err = NULL;
        g_assert_false(pngout_write(s, &out, 0, 0, &err) && sink_flush(&out));
        g_assert_null(err);
        g_assert_cmpint(sink_error(&out), ==, ENOSPC);
        g_assert_false(sink_write(&out, "x", 1));
        sink_clear(&out);
        close(fd);
        cairo_surface_destroy(s);
}

static void test_bad_surface(void)
{
        char *err = NULL;
        cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_A8, 4, 4);
        struct sink out;
        sink_init_mem(&out);
        g_assert_false(pngout_write(s, &out, 0, 0, &err));
        g_assert_cmpstr(err, ==, "only ARGB32 and RGB24 surfaces are supported");
        sink_clear(&out);
        g_free(err);
        cairo_surface_destroy(s);
}

static cairo_status_t count_bytes(void *closure, const unsigned char *data, unsigned int n)
{
        (void)data;
        *(size_t *)closure += n;
        return CAIRO_STATUS_SUCCESS;
}

/* The poster with the sample photo over its top half, or NULL without it. */
static cairo_surface_t *half_photo(int w, int h)
{
        GdkPixbuf *pb = gdk_pixbuf_new_from_file_at_scale("samples/images/ki-im-alltag.jpg", w, -1, TRUE, NULL);
        if (!pb)
                return NULL;
        cairo_surface_t *s = poster(w, h);
        cairo_surface_flush(s);
        int n = gdk_pixbuf_get_n_channels(pb), rs = gdk_pixbuf_get_rowstride(pb);
        const guchar *px = gdk_pixbuf_read_pixels(pb);
        for (int y = 0; y < MIN(h / 2, gdk_pixbuf_get_height(pb)); y++)
                for (int x = 0; x < MIN(w, gdk_pixbuf_get_width(pb)); x++) {
                        const guchar *p = px + (size_t)y * (size_t)rs + (size_t)x * (size_t)n;
                        put(s, x, y, 0xff000000u | (uint32_t)p[0] << 16 | (uint32_t)p[1] << 8 | p[2]);
                }
        cairo_surface_mark_dirty(s);
        g_object_unref(pb);
        return s;
}

/* Not an assertion: numbers for the choices at the top of pngout.c, for
 * the three kinds of image there.  Wall time, the best of five, so on a
 * busy machine it shows the threads only when a core is free. */
static void test_benchmark(void)
{
        static const char *const name[] = { "poster", "gradient", "half photo" };
        cairo_surface_t *img[] = { poster(1080, 1080), poster_on(1080, 1080, true), half_photo(1080, 1080) };
        for (size_t k = 0; k < G_N_ELEMENTS(img); k++) {
                cairo_surface_t *s = img[k];
                if (!s)
                        continue;
                double ours = 1e9, theirs = 1e9;
                size_t our_len = 0, their_len = 0;
                for (int i = 0; i < 5; i++) {
                        gint64 t0 = g_get_monotonic_time();
                        free(write_mem(s, 0, &our_len));
                        gint64 t1 = g_get_monotonic_time();
                        ours = MIN(ours, (t1 - t0) / 1000.0);
                        if (i > 1)
                                continue;
                        their_len = 0;
                        cairo_surface_write_to_png_stream(s, count_bytes, &their_len);
                        theirs = MIN(theirs, (g_get_monotonic_time() - t1) / 1000.0);
                }
                g_test_message("1080x1080 %s: pngout_write %.1f ms %zu bytes; "
                               "cairo_surface_write_to_png %.1f ms %zu bytes",
                               name[k], ours, our_len, theirs, their_len);
                cairo_surface_destroy(s);
        }
}

int main(int argc, char **argv)
{
        test_init(&argc, &argv);
        g_test_add_func("/png/pixels", test_pixels);
        g_test_add_func("/png/rgb24", test_rgb24);
        g_test_add_func("/png/rgb24_widths", test_rgb24_widths);
        g_test_add_func("/png/filter_choice", test_filter_choice);
        g_test_add_func("/png/images", test_images);
        g_test_add_func("/png/bands", test_bands);
        g_test_add_func("/png/few_rows", test_few_rows);
        g_test_add_func("/png/deterministic", test_deterministic);
        g_test_add_func("/png/write_error", test_write_error);
        g_test_add_func("/png/bad_surface", test_bad_surface);
        g_test_add_func("/png/benchmark", test_benchmark);
        int rc = g_test_run();
        /* The poster's text fills cairo's and fontconfig's caches; empty
         * them so the leak checker sees only our memory. */
        cairo_debug_reset_static_data();
        FcFini();
        return rc;
}
