/* test_image.c: good logos and photos load and draw where they should
 * (cover crops, contain fits), JPEGs stay JPEG in PDFs and SVGs stay
 * vector; hostile or broken files are refused with a message and without
 * decoding: absurd sizes, cut-off files, text, SVGs that load other files.
 *
 * Small text files live in tests/data/images/; binary ones are made here
 * in a temporary folder, so git holds no pictures. */
#include "testlib.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "image.h"

#define DATA "tests/data/images/"

static char *tmpdir;

static char *tmp_path(const char *name)
{
        return g_build_filename(tmpdir, name, NULL);
}

static char *write_tmp(const char *name, const void *data, size_t len)
{
        char *path = tmp_path(name);
        GError *err = NULL;
        if (!g_file_set_contents(path, data, (gssize)len, &err))
                g_error("%s", err->message);
        return path;
}

static unsigned char *read_all(const char *path, size_t *len)
{
        char *data = NULL;
        gsize n = 0;
        GError *err = NULL;
        if (!g_file_get_contents(path, &data, &n, &err))
                g_error("%s", err->message);
        *len = n;
        return (unsigned char *)data;
}

/* Three vertical stripes, red | green | blue, each w/3 wide. */
static void stripes(cairo_t *cr, int w, int h)
{
        static const double rgb[3][3] = { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } };
        for (int i = 0; i < 3; i++) {
                cairo_set_source_rgb(cr, rgb[i][0], rgb[i][1], rgb[i][2]);
                cairo_rectangle(cr, i * w / 3.0, 0, w / 3.0, h);
                cairo_fill(cr);
        }
}

static char *make_png(const char *name, int w, int h)
{
        cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
        cairo_t *cr = cairo_create(s);
        stripes(cr, w, h);
        cairo_destroy(cr);
        char *path = tmp_path(name);
        g_assert_cmpint(cairo_surface_write_to_png(s, path), ==, CAIRO_STATUS_SUCCESS);
        cairo_surface_destroy(s);
        return path;
}

/* A JPEG, left half red and right half blue, optionally with an EXIF
 * orientation. */
static char *make_jpeg(const char *name, int w, int h, int orientation)
{
        GdkPixbuf *pb = gdk_pixbuf_new(GDK_COLORSPACE_RGB, FALSE, 8, w, h);
        guchar *px = gdk_pixbuf_get_pixels(pb);
        int stride = gdk_pixbuf_get_rowstride(pb);
        for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++) {
                        guchar *p = px + y * stride + x * 3;
                        bool left = x < w / 2;
                        p[0] = left ? 255 : 0;
                        p[1] = 0;
                        p[2] = left ? 0 : 255;
                }
        gchar *buf = NULL;
        gsize len = 0;
        GError *err = NULL;
        if (!gdk_pixbuf_save_to_buffer(pb, &buf, &len, "jpeg", &err, "quality", "95", NULL))
                g_error("%s", err->message);
        g_object_unref(pb);
        GByteArray *a = g_byte_array_new();
        g_byte_array_append(a, (const guint8 *)buf, 2); /* SOI */
        if (orientation) {
                /* APP1 Exif, big-endian TIFF, one IFD entry: 0x0112 SHORT. */
                const guint8 app1[] = { 0xFF, 0xE1, 0x00, 0x22, 'E', 'x', 'i', 'f', 0, 0,
                                        'M', 'M', 0x00, 0x2A, 0, 0, 0, 8,
                                        0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (guint8)orientation, 0, 0,
                                        0, 0, 0, 0 };
                g_byte_array_append(a, app1, sizeof app1);
        }
        g_byte_array_append(a, (const guint8 *)buf + 2, (guint)len - 2);
        char *path = write_tmp(name, a->data, a->len);
        g_byte_array_unref(a);
        g_free(buf);
        return path;
}

static uint32_t crc32_of(const unsigned char *p, size_t n)
{
        uint32_t c = 0xFFFFFFFFu;
        for (size_t i = 0; i < n; i++) {
                c ^= p[i];
                for (int k = 0; k < 8; k++)
                        c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        }
        return c ^ 0xFFFFFFFFu;
}

static void put32(unsigned char *p, uint32_t v)
{
        p[0] = (unsigned char)(v >> 24);
        p[1] = (unsigned char)(v >> 16);
        p[2] = (unsigned char)(v >> 8);
        p[3] = (unsigned char)v;
}

/* A PNG of signature, IHDR for w x h, an empty IDAT and IEND: 57 bytes
 * that a careless decoder would take as w * h * 4 bytes of pixels. */
static char *make_png_header(const char *name, uint32_t w, uint32_t h)
{
        unsigned char b[8 + 25 + 12 + 12];
        memcpy(b, "\x89PNG\r\n\x1a\n", 8);
        put32(b + 8, 13);
        memcpy(b + 12, "IHDR", 4);
        put32(b + 16, w);
        put32(b + 20, h);
        memcpy(b + 24, "\x08\x06\x00\x00\x00", 5); /* 8-bit RGBA */
        put32(b + 29, crc32_of(b + 12, 17));
        put32(b + 33, 0);
        memcpy(b + 37, "IDAT", 4);
        put32(b + 41, crc32_of(b + 37, 4));
        put32(b + 45, 0);
        memcpy(b + 49, "IEND", 4);
        put32(b + 53, crc32_of(b + 49, 4));
        return write_tmp(name, b, sizeof b);
}

/* Load path as setting: must be refused with exactly one message, which
 * (after "path: setting: ") starts with want. */
static void refused(const char *path, const char *setting, const char *want)
{
        struct diag d;
        diag_init(&d, NULL);
        struct image *im = image_load(path, setting, &d);
        g_assert_null(im);
        g_assert_cmpuint(d.n, ==, 1);
        g_assert_cmpuint(d.errors, ==, 1);
        char *prefix = g_strdup_printf("%s: %s: %s", path, setting, want);
        if (!g_str_has_prefix(d.msgs[0].text, prefix))
                g_error("got  %s\nwant %s…", d.msgs[0].text, prefix);
        g_test_message("%s", d.msgs[0].text);
        g_free(prefix);
        diag_clear(&d);
}

static struct image *loaded(const char *path, const char *setting)
{
        struct diag d;
        diag_init(&d, stderr);
        struct image *im = image_load(path, setting, &d);
        g_assert_nonnull(im);
        g_assert_cmpuint(d.n, ==, 0);
        diag_clear(&d);
        return im;
}

/* ---- loading ------------------------------------------------------------ */

static void test_load_good(void)
{
        double w, h;
        char *png = make_png("logo.png", 60, 20);
        struct image *im = loaded(png, "style.logo");
        image_size(im, &w, &h);
        g_assert_cmpfloat(w, ==, 60);
        g_assert_cmpfloat(h, ==, 20);
        g_assert_false(image_is_vector(im));
        image_free(im);

        im = loaded(DATA "logo.svg", "style.logo");
        image_size(im, &w, &h);
        g_assert_cmpfloat(w, ==, 200);
        g_assert_cmpfloat(h, ==, 100);
        g_assert_true(image_is_vector(im));
        image_free(im);

        char *jpg = make_jpeg("photo.jpg", 64, 48, 0);
        im = loaded(jpg, "style.photo");
        image_size(im, &w, &h);
        g_assert_cmpfloat(w, ==, 64);
        g_assert_cmpfloat(h, ==, 48);
        image_free(im);

        /* The bytes decide, not the name: a PNG called .jpg is a fine photo. */
        size_t n;
        unsigned char *bytes = read_all(png, &n);
        char *named_jpg = write_tmp("really-png.jpg", bytes, n);
        image_free(loaded(named_jpg, "style.photo"));

        /* An SVG with only a viewBox takes its size from there. */
        const char *vb = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 30 10\"><rect width=\"30\" height=\"10\"/></svg>";
        char *vbpath = write_tmp("viewbox.svg", vb, strlen(vb));
        im = loaded(vbpath, "style.logo");
        image_size(im, &w, &h);
        g_assert_cmpfloat(w, ==, 30);
        g_assert_cmpfloat(h, ==, 10);
        image_free(im);

        image_free(NULL);
        g_free(vbpath);
        g_free(named_jpg);
        g_free(bytes);
        g_free(jpg);
        g_free(png);
}

static void test_huge_png(void)
{
        char *path = make_png_header("huge.png", 100000, 100000);
        gint64 t0 = g_get_monotonic_time();
        refused(path, "style.logo",
                "the image is 100000 x 100000 pixels; at most 20000 per side and 40 megapixels are accepted");
        /* Refused from the header: no time spent decoding. */
        g_assert_cmpint(g_get_monotonic_time() - t0, <, 500 * 1000);
        g_free(path);
        path = make_png_header("wide.png", 20001, 10);
        refused(path, "style.photo", "the image is 20001 x 10 pixels;");
        g_free(path);
        path = make_png_header("many.png", 8000, 5001);
        refused(path, "style.photo", "the image is 8000 x 5001 pixels;");
        g_free(path);
}

static void test_huge_jpeg(void)
{
        char *path = make_jpeg("base.jpg", 40, 20, 0);
        size_t n;
        unsigned char *b = read_all(path, &n);
        /* Patch the frame header (SOF0) to claim 30000 pixels across. */
        bool patched = false;
        for (size_t i = 2; i + 9 < n && !patched; i++)
                if (b[i] == 0xFF && b[i + 1] == 0xC0) {
                        b[i + 7] = 30000 >> 8;
                        b[i + 8] = 30000 & 0xFF;
                        patched = true;
                }
        g_assert_true(patched);
        char *huge = write_tmp("huge.jpg", b, n);
        refused(huge, "style.photo", "the image is 30000 x 20 pixels; at most 20000 per side");
        g_free(huge);
        g_free(b);
        g_free(path);
}

static void test_broken_raster(void)
{
        char *png = make_png("good.png", 300, 100);
        size_t n;
        unsigned char *b = read_all(png, &n);

        char *cut = write_tmp("cut.png", b, n / 2);
        refused(cut, "style.logo", "the PNG image is cut short (it has no end)");
        g_free(cut);
        cut = write_tmp("tiny.png", b, 20);
        refused(cut, "style.logo", "the PNG image is cut short (20 bytes)");
        g_free(cut);

        /* Damage inside the compressed pixels, ends intact. */
        for (size_t i = 60; i < n - 20; i += 7)
                b[i] ^= 0x5A;
        char *bad = write_tmp("damaged.png", b, n);
        refused(bad, "style.logo", "the PNG image is damaged: ");
        g_free(bad);
        g_free(b);

        char *jpg = make_jpeg("whole.jpg", 64, 48, 0);
        b = read_all(jpg, &n);
        cut = write_tmp("cut.jpg", b, n * 2 / 3);
        refused(cut, "style.photo", "the JPEG image is cut short (it has no end)");
        g_free(cut);
        cut = write_tmp("head.jpg", b, 10);
        refused(cut, "style.photo", "the JPEG image is cut short");
        g_free(cut);
        g_free(b);
        g_free(jpg);

        char *empty = write_tmp("empty.png", "", 0);
        refused(empty, "style.logo", "expected a PNG or SVG image, found an empty file");
        g_free(empty);
        char *missing = tmp_path("missing.png");
        refused(missing, "style.logo", "cannot open the image: No such file or directory");
        g_free(missing);
        g_free(png);
}

static void test_wrong_type(void)
{
        refused(DATA "text.png", "style.photo", "expected a PNG or JPEG image, found text");
        refused(DATA "text.png", "style.logo", "expected a PNG or SVG image, found text");
        char *jpg = make_jpeg("logo.jpg", 16, 16, 0);
        refused(jpg, "style.logo", "expected a PNG or SVG image, found a JPEG image");
        g_free(jpg);
        refused(DATA "logo.svg", "style.photo", "expected a PNG or JPEG image, found an SVG image");
        char *gif = write_tmp("anim.png", "GIF89a\x01\x00\x01\x00\x00\x00\x00;", 14);
        refused(gif, "style.logo", "expected a PNG or SVG image, found a GIF image");
        g_free(gif);
        const unsigned char bin[] = { 0x00, 0x01, 0x02, 0xFE, 0x00, 0x9C, 0x11 };
        char *unknown = write_tmp("blob.png", bin, sizeof bin);
        refused(unknown, "style.logo", "expected a PNG or SVG image, found a file of unknown type");
        g_free(unknown);
}

static void test_hostile_svg(void)
{
        refused(DATA "billion-laughs.svg", "style.logo", "the SVG declares an <!ENTITY>; plakat only takes");
        refused(DATA "external-file.svg", "style.logo", "the SVG links to \"file:///etc/passwd\"");
        refused(DATA "external-http.svg", "style.logo", "the SVG links to \"http://example.com/tracker.png\"");
        refused(DATA "external-relative.svg", "style.logo", "the SVG links to \"photo.png\"");
        refused(DATA "external-css.svg", "style.logo", "the SVG refers to \"http://example.com/p.svg#paint\"");
        refused(DATA "xinclude.svg", "style.logo", "the SVG uses XInclude");

        /* Broken, sizeless, too big. */
        const char *broken = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect";
        char *path = write_tmp("broken.svg", broken, strlen(broken));
        refused(path, "style.logo", "the SVG image is damaged: ");
        g_free(path);
        const char *sizeless = "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"10\" height=\"10\"/></svg>";
        path = write_tmp("sizeless.svg", sizeless, strlen(sizeless));
        refused(path, "style.logo", "the SVG image has no size");
        g_free(path);
        GString *big = g_string_new("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">");
        while (big->len <= IMAGE_SVG_MAX_BYTES)
                g_string_append(big, "<!-- padding padding padding padding padding padding -->\n");
        g_string_append(big, "</svg>");
        path = write_tmp("big.svg", big->str, big->len);
        refused(path, "style.logo", "the SVG file is ");
        g_free(path);
        g_string_free(big, TRUE);
}

/* ---- drawing ---------------------------------------------------------------- */

static uint32_t pixel(cairo_surface_t *s, int x, int y)
{
        cairo_surface_flush(s);
        const unsigned char *d = cairo_image_surface_get_data(s);
        return ((const uint32_t *)(const void *)(d + (size_t)y * (size_t)cairo_image_surface_get_stride(s)))[x];
}

/* Whether the pixel is close to 0xRRGGBB. */
static void assert_colour(cairo_surface_t *s, int x, int y, uint32_t rgb)
{
        uint32_t p = pixel(s, x, y);
        for (int shift = 0; shift < 24; shift += 8) {
                int a = (int)(p >> shift & 0xFF), b = (int)(rgb >> shift & 0xFF);
                if (abs(a - b) > 8)
                        g_error("pixel (%d, %d) is %06x, want %06x", x, y, p & 0xFFFFFF, rgb);
        }
}

/* A white 120 x 120 canvas with im drawn into the box (10, 10, 100, 100). */
static cairo_surface_t *draw_box(const struct image *im, enum fit fit)
{
        cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 120, 120);
        cairo_t *cr = cairo_create(s);
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_paint(cr);
        image_draw(cr, im, 10, 10, 100, 100, fit);
        g_assert_cmpint(cairo_status(cr), ==, CAIRO_STATUS_SUCCESS);
        cairo_destroy(cr);
        return s;
}

static void test_cover_contain(void)
{
        char *png = make_png("stripes.png", 300, 100);
        struct image *im = loaded(png, "style.photo");

        /* cover: scaled to fill, the middle (green) third is the box. */
        cairo_surface_t *s = draw_box(im, FIT_COVER);
        assert_colour(s, 10, 10, 0x00FF00);
        assert_colour(s, 109, 10, 0x00FF00);
        assert_colour(s, 10, 109, 0x00FF00);
        assert_colour(s, 109, 109, 0x00FF00);
        assert_colour(s, 60, 60, 0x00FF00);
        assert_colour(s, 9, 60, 0xFFFFFF); /* clipped to the box */
        assert_colour(s, 110, 60, 0xFFFFFF);
        assert_colour(s, 60, 9, 0xFFFFFF);
        assert_colour(s, 60, 110, 0xFFFFFF);
        cairo_surface_destroy(s);

        /* contain: the whole picture, 100 x 33, centred vertically. */
        s = draw_box(im, FIT_CONTAIN);
        assert_colour(s, 11, 60, 0xFF0000);
        assert_colour(s, 60, 60, 0x00FF00);
        assert_colour(s, 108, 60, 0x0000FF);
        assert_colour(s, 60, 45, 0x00FF00); /* image spans y 43.3 .. 76.7 */
        assert_colour(s, 60, 75, 0x00FF00);
        assert_colour(s, 60, 41, 0xFFFFFF);
        assert_colour(s, 60, 78, 0xFFFFFF);
        assert_colour(s, 60, 12, 0xFFFFFF);
        assert_colour(s, 60, 107, 0xFFFFFF);
        cairo_surface_destroy(s);
        image_free(im);

        /* SVG: 200 x 100, cover fills the box, contain leaves bands. */
        im = loaded(DATA "logo.svg", "style.logo");
        s = draw_box(im, FIT_CONTAIN);
        assert_colour(s, 60, 20, 0xFFFFFF);
        assert_colour(s, 60, 100, 0xFFFFFF);
        assert_colour(s, 60, 60, 0xFFFFFF & pixel(s, 60, 60)); /* drawn: something */
        g_assert_cmpuint(pixel(s, 12, 37) & 0xFFFFFF, !=, 0xFFFFFF); /* gradient edge */
        cairo_surface_destroy(s);
        s = draw_box(im, FIT_COVER);
        g_assert_cmpuint(pixel(s, 11, 11) & 0xFFFFFF, !=, 0xFFFFFF);
        g_assert_cmpuint(pixel(s, 108, 108) & 0xFFFFFF, !=, 0xFFFFFF);
        assert_colour(s, 9, 60, 0xFFFFFF);
        assert_colour(s, 110, 60, 0xFFFFFF);
        cairo_surface_destroy(s);
        image_free(im);
        g_free(png);
}

static void test_orientation(void)
{
        /* Stored 40 x 20, left red, right blue; EXIF 6 turns it right:
         * upright 20 x 40 with red on top. */
        char *path = make_jpeg("turned.jpg", 40, 20, 6);
        struct image *im = loaded(path, "style.photo");
        double w, h;
        image_size(im, &w, &h);
        g_assert_cmpfloat(w, ==, 20);
        g_assert_cmpfloat(h, ==, 40);
        cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 20, 40);
        cairo_t *cr = cairo_create(s);
        image_draw(cr, im, 0, 0, 20, 40, FIT_CONTAIN);
        cairo_destroy(cr);
        assert_colour(s, 10, 5, 0xFF0000);
        assert_colour(s, 10, 34, 0x0000FF);
        cairo_surface_destroy(s);
        image_free(im);
        g_free(path);
}

static void test_effective_dpi(void)
{
        char *png = make_png("dpi.png", 300, 100);
        struct image *im = loaded(png, "style.photo");
        /* cover 100 x 100 mm: 100 px over 100 mm */
        g_assert_cmpfloat_with_epsilon(image_effective_dpi(im, 100, 100, FIT_COVER), 25.4, 1e-9);
        /* contain: 300 px over 100 mm */
        g_assert_cmpfloat_with_epsilon(image_effective_dpi(im, 100, 100, FIT_CONTAIN), 76.2, 1e-9);
        g_assert_true(isinf(image_effective_dpi(im, 0, 100, FIT_COVER)));
        image_free(im);
        im = loaded(DATA "logo.svg", "style.logo");
        g_assert_true(isinf(image_effective_dpi(im, 10, 10, FIT_CONTAIN)));
        image_free(im);
        g_free(png);
}

/* ---- PDF -------------------------------------------------------------------- */

static cairo_status_t to_bytes(void *closure, const unsigned char *data, unsigned int len)
{
        g_byte_array_append(closure, data, len);
        return CAIRO_STATUS_SUCCESS;
}

/* A one-page A6 PDF with im covering a box, as bytes. */
static GByteArray *pdf_of(const struct image *im, enum fit fit)
{
        GByteArray *out = g_byte_array_new();
        cairo_surface_t *s = cairo_pdf_surface_create_for_stream(to_bytes, out, 297.6, 419.5);
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, "2027-01-01T00:00:00Z");
        cairo_t *cr = cairo_create(s);
        image_draw(cr, im, 20, 30, 200, 150, fit);
        cairo_destroy(cr);
        cairo_surface_finish(s);
        g_assert_cmpint(cairo_surface_status(s), ==, CAIRO_STATUS_SUCCESS);
        cairo_surface_destroy(s);
        return out;
}

static bool contains_bytes(const GByteArray *a, const void *needle, size_t n)
{
        for (size_t i = 0; i + n <= a->len; i++)
                if (memcmp(a->data + i, needle, n) == 0)
                        return true;
        return false;
}

static bool contains(const GByteArray *a, const char *needle)
{
        return contains_bytes(a, needle, strlen(needle));
}

static void test_pdf(void)
{
        char *jpg = make_jpeg("pdf.jpg", 640, 480, 0);
        size_t jpg_len;
        unsigned char *jpg_bytes = read_all(jpg, &jpg_len);
        struct image *im = loaded(jpg, "style.photo");
        for (int fit = FIT_COVER; fit <= FIT_CONTAIN; fit++) {
                GByteArray *pdf = pdf_of(im, (enum fit)fit);
                g_assert_true(contains(pdf, "/DCTDecode"));
                /* The file's own bytes, not a re-encoding. */
                g_assert_true(contains_bytes(pdf, jpg_bytes, jpg_len));
                /* Same input, same bytes. */
                GByteArray *again = pdf_of(im, (enum fit)fit);
                g_assert_cmpuint(pdf->len, ==, again->len);
                g_assert_cmpint(memcmp(pdf->data, again->data, pdf->len), ==, 0);
                g_byte_array_unref(again);
                g_byte_array_unref(pdf);
        }
        image_free(im);

        char *png = make_png("pdf.png", 300, 100);
        im = loaded(png, "style.logo");
        GByteArray *pdf = pdf_of(im, FIT_CONTAIN);
        g_assert_false(contains(pdf, "/DCTDecode"));
        g_assert_true(contains(pdf, "/Subtype /Image"));
        g_byte_array_unref(pdf);
        image_free(im);

        im = loaded(DATA "logo.svg", "style.logo");
        pdf = pdf_of(im, FIT_COVER);
        g_assert_false(contains(pdf, "/Subtype /Image"));
        g_assert_false(contains(pdf, "/DCTDecode"));
        g_byte_array_unref(pdf);
        image_free(im);
        g_free(png);
        g_free(jpg_bytes);
        g_free(jpg);
}

/* ---- the colour of a logo ------------------------------------------------------- */

static void assert_rgb(struct rgb c, double r, double g, double b)
{
        g_assert_true(c.set);
        g_assert_cmpfloat_with_epsilon(c.r, r, 0.02);
        g_assert_cmpfloat_with_epsilon(c.g, g, 0.02);
        g_assert_cmpfloat_with_epsilon(c.b, b, 0.02);
}

static void test_mean_colour(void)
{
        /* Red | green | blue stripes: a third of each.  A PNG of 3000 px is
         * sampled, not read whole, and comes out the same. */
        struct rgb c = { 0 };
        const char *sizes[][2] = { { "mean-small.png", "60" }, { "mean-large.png", "3000" } };
        for (size_t i = 0; i < G_N_ELEMENTS(sizes); i++) {
                char *png = make_png(sizes[i][0], atoi(sizes[i][1]), 30);
                struct image *im = loaded(png, "style.logo");
                g_assert_true(image_mean_colour(im, &c));
                assert_rgb(c, 1 / 3.0, 1 / 3.0, 1 / 3.0);
                image_free(im);
                g_free(png);
        }

        /* Transparent pixels are not the logo's colour: half red, half clear. */
        const char *half = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"20\">"
                           "<rect width=\"20\" height=\"20\" fill=\"#FF0000\"/></svg>";
        char *path = write_tmp("half.svg", half, strlen(half));
        struct image *im = loaded(path, "style.logo");
        g_assert_true(image_mean_colour(im, &c));
        assert_rgb(c, 1, 0, 0);
        image_free(im);
        g_free(path);

        /* Nothing opaque: no colour, and *out is left alone. */
        const char *clear = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"20\">"
                            "<rect width=\"40\" height=\"20\" fill=\"#FF0000\" fill-opacity=\"0.2\"/></svg>";
        path = write_tmp("clear.svg", clear, strlen(clear));
        im = loaded(path, "style.logo");
        struct rgb untouched = { true, 0.5, 0.5, 0.5 };
        g_assert_false(image_mean_colour(im, &untouched));
        assert_rgb(untouched, 0.5, 0.5, 0.5);
        image_free(im);
        g_free(path);
}

static void remove_tmpdir(void)
{
        GDir *dir = g_dir_open(tmpdir, 0, NULL);
        const char *name;
        while (dir && (name = g_dir_read_name(dir))) {
                char *p = tmp_path(name);
                g_remove(p);
                g_free(p);
        }
        if (dir)
                g_dir_close(dir);
        g_rmdir(tmpdir);
        g_free(tmpdir);
}

int main(int argc, char **argv)
{
        test_init(&argc, &argv);
        GError *err = NULL;
        tmpdir = g_dir_make_tmp("plakat-image-XXXXXX", &err);
        g_assert_no_error(err);
        g_test_add_func("/image/load_good", test_load_good);
        g_test_add_func("/image/huge_png", test_huge_png);
        g_test_add_func("/image/huge_jpeg", test_huge_jpeg);
        g_test_add_func("/image/broken_raster", test_broken_raster);
        g_test_add_func("/image/wrong_type", test_wrong_type);
        g_test_add_func("/image/hostile_svg", test_hostile_svg);
        g_test_add_func("/image/cover_contain", test_cover_contain);
        g_test_add_func("/image/orientation", test_orientation);
        g_test_add_func("/image/effective_dpi", test_effective_dpi);
        g_test_add_func("/image/pdf", test_pdf);
        g_test_add_func("/image/mean_colour", test_mean_colour);
        int rc = g_test_run();
        remove_tmpdir();
        cairo_debug_reset_static_data();
        return rc;
}
