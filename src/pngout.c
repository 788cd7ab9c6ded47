/* pngout.c: cairo image surface -> fast, deterministic 8-bit RGB PNG.
 *
 * Why not cairo_surface_write_to_png: it uses zlib's default level 6 with
 * libpng's adaptive filters, about 35-60 ms for a 1080x1080 social image,
 * and writes RGBA even for opaque images.  Measured on 1080x1080 images
 * (flat poster art, full-bleed gradient, half photo; see tests/test_png.c
 * for the benchmark the test prints):
 *
 *   cairo default           163 KB 35 ms   266 KB 42 ms   952 KB 144 ms
 *   level 3, filter NONE    161 KB  9 ms   261 KB 12 ms  1344 KB  36 ms
 *   level 3, filter PAETH   182 KB 15 ms   305 KB 20 ms  1023 KB  46 ms
 *   level 3, all (adaptive) 177 KB 24 ms   292 KB 28 ms  1021 KB  58 ms
 *   level 2, filter NONE    170 KB  8 ms   271 KB 11 ms  1353 KB  35 ms
 *
 * Levels 1-3 use zlib's fast matcher; from 4 on it switches to the lazy
 * one and costs 1.5-2x more.  Level 3 is the best of the fast ones.
 * Flat art (text, shapes, QR codes, cairo gradients) compresses best
 * unfiltered, as rows repeat and LZ finds them; libpng's adaptive choice
 * never picks NONE there.  Photos need a filter, and PAETH alone is nearly
 * as small as the adaptive search at far less time.  So we decide once per
 * image from the share of pixels equal to their left neighbour (0.87-0.89
 * for flat art, 0.55 with a photo).  Switching per row was tried and is
 * worse: filtered rows break the matches between rows.
 *
 * libpng reports errors by longjmp: every local changed after setjmp and
 * used after it is volatile, and resources are freed at one exit label. */
#include "pngout.h"
#include "i18n.h"

#include <glib.h>
#include <math.h>
#include <png.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>

enum { PNG_LEVEL = 3 };

struct ctx {
        struct sink *out;
        char *err;      /* first encoding error, g_malloc'd */
};

static void on_error(png_structp png, png_const_charp msg)
{
        struct ctx *c = png_get_error_ptr(png);
        if (!c->err)
                c->err = g_strdup(msg);
        png_longjmp(png, 1);
}

static void on_warning(png_structp png, png_const_charp msg)
{
        (void)png;
        (void)msg;      /* nothing we write can warn; stay quiet */
}

/* Our own I/O: the bytes take the sink's checked path, and a failed write
 * stops the encoder at once (the sink keeps why). */
static void on_write(png_structp png, png_bytep data, size_t n)
{
        struct ctx *c = png_get_io_ptr(png);
        if (!sink_write(c->out, data, n))
                png_longjmp(png, 1);
}

static void on_flush(png_structp png)
{
        (void)png; /* the caller flushes the sink once, at the end */
}

/* See the top of the file. */
static int choose_filter(const unsigned char *data, int w, int h, int stride)
{
        uint64_t same = 0, all = (uint64_t)(w - 1) * (uint64_t)h;
        for (int y = 0; y < h; y++) {
                const uint32_t *p = (const uint32_t *)(const void *)(data + (size_t)y * (size_t)stride);
                for (int x = 1; x < w; x++)
                        same += p[x] == p[x - 1];
        }
        return 4 * same >= 3 * all ? PNG_FILTER_NONE : PNG_FILTER_PAETH;
}

/* One row of cairo pixels (native-endian 32-bit, premultiplied) to RGB
 * over white.  Premultiplied c = colour * a, so over white it is
 * c + 255 - a, exact and never above 255. */
static void to_rgb(const uint32_t *p, int w, bool alpha, unsigned char *out)
{
        for (int x = 0; x < w; x++) {
                uint32_t v = p[x];
                unsigned k = alpha ? 255u - (v >> 24) : 0u;
                out[3 * x] = (unsigned char)(((v >> 16) & 0xff) + k);
                out[3 * x + 1] = (unsigned char)(((v >> 8) & 0xff) + k);
                out[3 * x + 2] = (unsigned char)((v & 0xff) + k);
        }
}

bool pngout_write(cairo_surface_t *s, struct sink *out, double dpi, char **err)
{
        *err = NULL;
        if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
                *err = g_strdup(cairo_status_to_string(cairo_surface_status(s)));
                return false;
        }
        if (cairo_surface_get_type(s) != CAIRO_SURFACE_TYPE_IMAGE) {
                *err = g_strdup(_("not an image surface"));
                return false;
        }
        cairo_format_t format = cairo_image_surface_get_format(s);
        if (format != CAIRO_FORMAT_ARGB32 && format != CAIRO_FORMAT_RGB24) {
                *err = g_strdup(_("only ARGB32 and RGB24 surfaces are supported"));
                return false;
        }
        cairo_surface_flush(s);
        const unsigned char *data = cairo_image_surface_get_data(s);
        int w = cairo_image_surface_get_width(s);
        int h = cairo_image_surface_get_height(s);
        int stride = cairo_image_surface_get_stride(s);
        if (w <= 0 || h <= 0 || !data) {
                *err = g_strdup(_("empty image"));
                return false;
        }
        bool alpha = format == CAIRO_FORMAT_ARGB32;

        /* On the heap: callbacks change c->err between setjmp and longjmp,
         * which would leave a plain local indeterminate. */
        struct ctx *c = g_new0(struct ctx, 1);
        c->out = out;
        png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, c, on_error, on_warning);
        png_infop info = png ? png_create_info_struct(png) : NULL;
        unsigned char *volatile row = NULL;
        volatile bool ok = false;
        if (!png || !info) {
                c->err = g_strdup("out of memory");
                goto out;
        }
        row = g_malloc((size_t)w * 3);
        if (setjmp(png_jmpbuf(png)))
                goto out;

        png_set_write_fn(png, c, on_write, on_flush);
        png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8, PNG_COLOR_TYPE_RGB,
                     PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
        /* cairo draws in sRGB; saying so costs 13 bytes and keeps colour
         * managed viewers from guessing. */
        png_set_sRGB(png, info, PNG_sRGB_INTENT_PERCEPTUAL);
        if (dpi > 0) {
                double ppm = floor(dpi / 0.0254 + 0.5);
                if (ppm >= 1 && ppm <= 0x7fffffff)
                        png_set_pHYs(png, info, (png_uint_32)ppm, (png_uint_32)ppm,
                                     PNG_RESOLUTION_METER);
        }
        png_set_compression_level(png, PNG_LEVEL);
        png_set_filter(png, PNG_FILTER_TYPE_BASE, choose_filter(data, w, h, stride));
        png_write_info(png, info);
        for (int y = 0; y < h; y++) {
                to_rgb((const uint32_t *)(const void *)(data + (size_t)y * (size_t)stride), w,
                       alpha, row);
                png_write_row(png, row);
        }
        png_write_end(png, info);
        ok = true;
out:
        png_destroy_write_struct(&png, &info);
        g_free(row);
        /* A failed write leaves no encoding error: the sink knows why. */
        if (!ok && c->err)
                *err = g_steal_pointer(&c->err);
        g_free(c->err);
        g_free(c);
        return ok;
}
