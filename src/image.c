/* image.c: logo/photo loading, checking and drawing.
 *
 * Images come from strangers, so nothing is handed to a decoder before it
 * has been looked at:
 *
 *  - the type comes from the first bytes, never from the file name;
 *  - PNG and JPEG: the pixel size is read from the PNG IHDR chunk or the
 *    JPEG SOF segment by hand and checked against IMAGE_MAX_SIDE and
 *    IMAGE_MAX_PIXELS, so a header claiming 100000 x 100000 is refused
 *    without a byte being allocated for pixels; a file without its end
 *    (PNG IEND, JPEG EOI) is called cut short rather than drawn half grey;
 *  - SVG: a cheap scan refuses entity declarations, XInclude, style sheets
 *    and references that are not "#id" or "data:image/…", and librsvg gets
 *    the bytes with no base file, which makes it refuse to load anything
 *    else on its own (two locks on the same door).
 *
 * Drawing: PNG/JPEG become a cairo image surface; a JPEG's own bytes are
 * attached as CAIRO_MIME_TYPE_JPEG, so the PDF backend embeds them with
 * /DCTDecode instead of re-encoding the pixels.  That only works while the
 * surface is painted whole through a surface pattern (any matrix is fine),
 * which is how image_draw paints it; EXTEND_PAD would make cairo copy the
 * pixels, so it is only used for raster targets, where it stops scaled-up
 * edges from fading out.  SVGs are drawn with librsvg's render_document
 * and stay vector in PDF. */
#include "image.h"
#include "i18n.h"

#include <errno.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib.h>
#include <inttypes.h>
#include <librsvg/rsvg.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "diag.h"
#include "lazy.h"
#include "pixels.h"
#include "util.h"

struct image {
        gatomicrefcount refs; /* image_ref: a sheet page being written holds one */
        enum image_type type;
        /* PNG, JPEG */
        cairo_surface_t *surface;
        int px_w, px_h;  /* stored pixels */
        int orientation; /* EXIF 1..8; 1 is upright */
        /* SVG */
        RsvgHandle *svg;
        double svg_w, svg_h;
};

/* Where a message goes: the file (and line) and the setting that named it. */
struct where {
        const char *path;
        int line;
        const char *setting;
        struct diag *d;
};

static void refuse(const struct where *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void refuse(const struct where *w, const char *fmt, ...)
{
        va_list ap;
        va_start(ap, fmt);
        diag_vadd(w->d, DIAG_ERROR, w->path, w->line, w->setting, fmt, ap);
        va_end(ap);
}

/* ---- reading and sniffing ------------------------------------------------ */

/* The whole file, NUL-terminated, when it is at most max bytes.  On
 * failure returns NULL with *err set (caller frees). */
static unsigned char *read_file(const char *path, size_t max, size_t *len, char **err)
{
        unsigned char *buf = NULL;
        /* No symbolic link: the community loader resolved the path
         * already, so a link here was swapped in since. */
        FILE *f = util_open_regular(path, true);
        if (!f) {
                *err = errno == EINVAL ? g_strdup(_("is not a file"))
                                       : g_strdup_printf(_("cannot open the image: %s"), g_strerror(errno));
                return NULL;
        }
        struct stat st;
        if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
                *err = g_strdup(_("is not a file"));
                goto out;
        }
        if ((unsigned long long)st.st_size > max) {
                char *has = g_format_size_full((guint64)st.st_size, G_FORMAT_SIZE_IEC_UNITS);
                char *may = g_format_size_full(max, G_FORMAT_SIZE_IEC_UNITS);
                *err = g_strdup_printf(_("the file is %s; at most %s are accepted"), has, may);
                g_free(has);
                g_free(may);
                goto out;
        }
        size_t size = (size_t)st.st_size;
        buf = g_malloc(size + 1);
        size_t n = fread(buf, 1, size + 1, f);
        if (ferror(f) || n != size) {
                *err = g_strdup(ferror(f) ? _("cannot read the image") : _("the file changed while it was read"));
                g_free(buf);
                buf = NULL;
                goto out;
        }
        buf[size] = '\0';
        *len = size;
out:
        fclose(f);
        return buf;
}

/* Text that may be an SVG: after a BOM and spaces it starts with '<' and
 * has an <svg element. */
static bool looks_like_svg(const unsigned char *b, size_t n)
{
        size_t i = n >= 3 && memcmp(b, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
        while (i < n && g_ascii_isspace(b[i]))
                i++;
        return i < n && b[i] == '<' && memchr(b, '\0', n) == NULL && g_strstr_len((const char *)b, (gssize)n, "<svg");
}

static bool looks_like_text(const unsigned char *b, size_t n)
{
        size_t m = MIN(n, (size_t)4096);
        if (memchr(b, '\0', m))
                return false;
        const char *end = NULL;
        /* A cut-off last character at m is still text. */
        return g_utf8_validate((const char *)b, (gssize)m, &end) || (size_t)(end - (const char *)b) + 4 > m;
}

enum image_type image_sniff(const unsigned char *b, size_t n, const char **name)
{
        if (n >= 8 && memcmp(b, "\x89PNG\r\n\x1a\n", 8) == 0)
                return *name = _("a PNG image"), IMAGE_PNG;
        if (n >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF)
                return *name = _("a JPEG image"), IMAGE_JPEG;
        if (n >= 6 && (memcmp(b, "GIF87a", 6) == 0 || memcmp(b, "GIF89a", 6) == 0))
                return *name = _("a GIF image"), IMAGE_OTHER;
        if (n >= 12 && memcmp(b, "RIFF", 4) == 0 && memcmp(b + 8, "WEBP", 4) == 0)
                return *name = _("a WebP image"), IMAGE_OTHER;
        if (n >= 12 && memcmp(b + 4, "ftyp", 4) == 0)
                return *name = _("a HEIC/AVIF image"), IMAGE_OTHER;
        if (n >= 5 && memcmp(b, "%PDF-", 5) == 0)
                return *name = _("a PDF file"), IMAGE_OTHER;
        if (n >= 2 && b[0] == 0x1F && b[1] == 0x8B)
                return *name = _("a compressed file (.svgz or .gz)"), IMAGE_OTHER;
        if (looks_like_svg(b, n))
                return *name = _("an SVG image"), IMAGE_SVG;
        if (n == 0)
                return *name = _("an empty file"), IMAGE_OTHER;
        if (looks_like_text(b, n))
                return *name = "text", IMAGE_OTHER;
        return *name = _("a file of unknown type"), IMAGE_OTHER;
}

int image_allowed(const char *setting, const char **expected)
{
        size_t n = setting ? strlen(setting) : 0;
        if (n >= 4 && strcmp(setting + n - 4, "logo") == 0)
                return *expected = _("a PNG or SVG image"), IMAGE_PNG | IMAGE_SVG;
        if (n >= 5 && strcmp(setting + n - 5, "photo") == 0)
                return *expected = _("a PNG or JPEG image"), IMAGE_PNG | IMAGE_JPEG;
        return *expected = _("a PNG, JPEG or SVG image"), IMAGE_PNG | IMAGE_JPEG | IMAGE_SVG;
}

/* ---- pixel sizes from headers ------------------------------------------------ */

static uint32_t be32(const unsigned char *p)
{
        return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static unsigned be16(const unsigned char *p)
{
        return (unsigned)p[0] << 8 | p[1];
}

/* PNG: the IHDR chunk must come first; the file must end with IEND. */
static bool png_header(const unsigned char *b, size_t n, uint32_t *w, uint32_t *h, const struct where *at)
{
        if (n < 33) {
                refuse(at, _("the PNG image is cut short (%zu bytes); save or copy it again"), n);
                return false;
        }
        if (be32(b + 8) != 13 || memcmp(b + 12, "IHDR", 4) != 0) {
                refuse(at, _("not a valid PNG image (no IHDR header)"));
                return false;
        }
        *w = be32(b + 16);
        *h = be32(b + 20);
        if (*w == 0 || *h == 0 || *w > INT32_MAX || *h > INT32_MAX) {
                refuse(at, "not a valid PNG image (it says it is %" PRIu32 " x %" PRIu32 " pixels)", *w, *h);
                return false;
        }
        /* IEND: length 0, "IEND", CRC; other data may follow it. */
        static const unsigned char iend[] = { 0, 0, 0, 0, 'I', 'E', 'N', 'D' };
        size_t from = n > 4096 ? n - 4096 : 33;
        for (size_t i = n - 12 + 1; i-- > from;)
                if (memcmp(b + i, iend, sizeof iend) == 0)
                        return true;
        refuse(at, _("the PNG image is cut short (it has no end); save or copy it again"));
        return false;
}

/* JPEG: walk the segments to the first frame header (SOF); after the scan
 * there must be an end (EOI).  *components gets the colour channels. */
static bool jpeg_header(const unsigned char *b, size_t n, uint32_t *w, uint32_t *h, int *components,
                        const struct where *at)
{
        size_t i = 2;
        bool have_sof = false;
        size_t scan = 0;
        while (!scan) {
                if (i >= n)
                        goto short_file;
                if (b[i] != 0xFF) {
                        refuse(at, _("not a valid JPEG image (broken segment at byte %zu)"), i);
                        return false;
                }
                while (i < n && b[i] == 0xFF)
                        i++;
                if (i >= n)
                        goto short_file;
                unsigned char m = b[i++];
                if (m == 0xD8 || m == 0x01 || (m >= 0xD0 && m <= 0xD7))
                        continue;
                if (m == 0xD9) {
                        refuse(at, _("not a valid JPEG image (it ends before the picture)"));
                        return false;
                }
                if (i + 2 > n)
                        goto short_file;
                size_t len = be16(b + i);
                if (len < 2) {
                        refuse(at, _("not a valid JPEG image (broken segment at byte %zu)"), i);
                        return false;
                }
                if (i + len > n)
                        goto short_file;
                bool sof = m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
                if (sof && !have_sof) {
                        if (len < 8) {
                                refuse(at, _("not a valid JPEG image (broken frame header)"));
                                return false;
                        }
                        *h = be16(b + i + 3);
                        *w = be16(b + i + 5);
                        *components = b[i + 7];
                        have_sof = true;
                }
                if (m == 0xDA)
                        scan = i + len;
                i += len;
        }
        if (!have_sof) {
                refuse(at, _("not a valid JPEG image (no frame header)"));
                return false;
        }
        if (*w == 0 || *h == 0) {
                refuse(at, "not a valid JPEG image (it says it is %" PRIu32 " x %" PRIu32 " pixels)", *w, *h);
                return false;
        }
        /* Entropy-coded data never holds FF D9, so any one after the first
         * scan is the end of the image. */
        for (size_t k = scan; k + 1 < n; k++)
                if (b[k] == 0xFF && b[k + 1] == 0xD9)
                        return true;
short_file:
        refuse(at, _("the JPEG image is cut short (it has no end); save or copy it again"));
        return false;
}

static bool size_ok(uint32_t w, uint32_t h, const struct where *at)
{
        if (w <= IMAGE_MAX_SIDE && h <= IMAGE_MAX_SIDE && (uint64_t)w * h <= IMAGE_MAX_PIXELS)
                return true;
        refuse(at, "the image is %" PRIu32 " x %" PRIu32 " pixels; at most %d per side and %d megapixels are accepted",
               w, h, IMAGE_MAX_SIDE, IMAGE_MAX_PIXELS / 1000000);
        return false;
}

/* ---- decoding PNG and JPEG ------------------------------------------------------ */

static void free_bytes(void *p)
{
        g_free(p);
}

/* A cairo surface with the pixbuf's pixels (premultiplied when it has
 * alpha). */
static cairo_surface_t *surface_from_pixbuf(const struct lazy_pixbuf *gp, GdkPixbuf *pb)
{
        int w = gp->get_width(pb), h = gp->get_height(pb);
        int channels = gp->get_n_channels(pb);
        bool alpha = gp->get_has_alpha(pb);
        cairo_surface_t *s = pixels_surface(alpha ? CAIRO_FORMAT_ARGB32 : CAIRO_FORMAT_RGB24, w, h);
        if (cairo_surface_status(s))
                return s;
        cairo_surface_flush(s);
        const guint8 *src = gp->read_pixels(pb);
        int sstride = gp->get_rowstride(pb);
        unsigned char *dst = cairo_image_surface_get_data(s);
        int dstride = cairo_image_surface_get_stride(s);
        for (int y = 0; y < h; y++) {
                const guint8 *p = src + (size_t)y * (size_t)sstride;
                uint32_t *q = (uint32_t *)(void *)(dst + (size_t)y * (size_t)dstride);
                for (int x = 0; x < w; x++, p += channels) {
                        uint32_t r = p[0], g = p[1], bl = p[2], a = alpha ? p[3] : 255;
                        if (a != 255) {
                                r = (r * a + 127) / 255;
                                g = (g * a + 127) / 255;
                                bl = (bl * a + 127) / 255;
                        }
                        q[x] = a << 24 | r << 16 | g << 8 | bl;
                }
        }
        cairo_surface_mark_dirty(s);
        return s;
}

static bool load_raster(struct image *im, unsigned char **data, size_t n, const struct where *at)
{
        uint32_t w = 0, h = 0;
        int components = 0;
        bool jpeg = im->type == IMAGE_JPEG;
        if (jpeg ? !jpeg_header(*data, n, &w, &h, &components, at) : !png_header(*data, n, &w, &h, at))
                return false;
        if (!size_ok(w, h, at))
                return false;

        const char *why = NULL;
        const struct lazy_pixbuf *gp = lazy_pixbuf(&why);
        if (!gp) {
                refuse(at, _("cannot read %s images here: %s"), jpeg ? "JPEG" : "PNG", why);
                return false;
        }
        GError *err = NULL;
        GdkPixbufLoader *loader = gp->loader_new_with_type(jpeg ? "jpeg" : "png", &err);
        if (!loader) {
                refuse(at, _("cannot read %s images here: %s"), jpeg ? "JPEG" : "PNG", err->message);
                g_error_free(err);
                return false;
        }
        bool wrote = gp->loader_write(loader, *data, n, &err);
        /* close even after a failed write: GdkPixbufLoader insists */
        bool closed = gp->loader_close(loader, wrote ? &err : NULL);
        GdkPixbuf *pb = wrote && closed ? gp->loader_get_pixbuf(loader) : NULL;
        if (!pb) {
                refuse(at, _("the %s image is damaged: %s"), jpeg ? "JPEG" : "PNG",
                       err ? err->message : _("the decoder gave no picture"));
                g_clear_error(&err);
                g_object_unref(loader);
                return false;
        }
        if (gp->get_width(pb) != (int)w || gp->get_height(pb) != (int)h || gp->get_bits_per_sample(pb) != 8 ||
            gp->get_n_channels(pb) < 3) {
                refuse(at, _("the %s image is damaged: its pixels do not match its header"), jpeg ? "JPEG" : "PNG");
                g_object_unref(loader);
                return false;
        }
        const char *o = gp->get_option(pb, "orientation");
        im->orientation = o && o[0] >= '1' && o[0] <= '8' && !o[1] ? o[0] - '0' : 1;
        im->surface = surface_from_pixbuf(gp, pb);
        g_object_unref(loader); /* and with it pb */
        if (cairo_surface_status(im->surface)) {
                refuse(at, _("cannot hold the image: %s"), cairo_status_to_string(cairo_surface_status(im->surface)));
                return false;
        }
        im->px_w = (int)w;
        im->px_h = (int)h;
        /* The PDF backend embeds 8-bit greyscale and RGB JPEGs as they are;
         * CMYK ones (often stored inverted) it gets the pixels of. */
        if (jpeg && (components == 1 || components == 3)) {
                cairo_status_t st = cairo_surface_set_mime_data(im->surface, CAIRO_MIME_TYPE_JPEG, *data, n,
                                                                free_bytes, *data);
                if (st == CAIRO_STATUS_SUCCESS)
                        *data = NULL; /* the surface owns the bytes now */
        }
        return true;
}

/* ---- SVG ------------------------------------------------------------------------ */

/* A reference that stays inside the SVG or carries its own picture. */
static bool local_reference(const char *p)
{
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '"' || *p == '\'')
                p++;
        return *p == '#' || g_ascii_strncasecmp(p, "data:image/", 11) == 0;
}

/* The target of a reference at p (after "=" or "url("), quoted for a
 * message.  Caller frees. */
static char *reference_target(const char *p)
{
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
                p++;
        char quote = *p == '"' || *p == '\'' ? *p++ : '\0';
        size_t n = quote ? strcspn(p, (char[]){ quote, '\n', '\0' }) : strcspn(p, " \t\n)>");
        char *target = g_strndup(p, n);
        char *q = diag_quote(target, 60);
        g_free(target);
        return q;
}

/* A scan, not a parser: it errs on the side of refusing. */
char *image_svg_danger(const char *svg)
{
        static const char *const attrs[] = { "href", "src" };
        for (const char *p = svg; *p; p++) {
                if (g_ascii_strncasecmp(p, "<!ENTITY", 8) == 0)
                        return g_strdup("declares an <!ENTITY>");
                if (g_ascii_strncasecmp(p, "XInclude", 8) == 0 || g_ascii_strncasecmp(p, ":include", 8) == 0)
                        return g_strdup(_("uses XInclude"));
                if (g_ascii_strncasecmp(p, "<?xml-stylesheet", 16) == 0)
                        return g_strdup("loads a style sheet (<?xml-stylesheet …?>)");
                if (g_ascii_strncasecmp(p, "@import", 7) == 0)
                        return g_strdup(_("loads a style sheet (@import)"));
                if (g_ascii_strncasecmp(p, "url(", 4) == 0 && !local_reference(p + 4)) {
                        char *t = reference_target(p + 4);
                        char *why = g_strdup_printf(_("refers to %s"), t);
                        g_free(t);
                        return why;
                }
                for (size_t i = 0; i < G_N_ELEMENTS(attrs); i++) {
                        size_t n = strlen(attrs[i]);
                        if (g_ascii_strncasecmp(p, attrs[i], n) != 0)
                                continue;
                        if (p == svg || !(g_ascii_isspace(p[-1]) || p[-1] == ':'))
                                continue;
                        const char *q = p + n;
                        while (g_ascii_isspace(*q))
                                q++;
                        if (*q == '=' && !local_reference(q + 1)) {
                                char *t = reference_target(q + 1);
                                char *why = g_strdup_printf(_("links to %s"), t);
                                g_free(t);
                                return why;
                        }
                }
        }
        return NULL;
}

static bool load_svg(struct image *im, const unsigned char *data, size_t n, const struct where *at)
{
        if (n > IMAGE_SVG_MAX_BYTES) {
                refuse(at, _("the SVG file is %zu bytes; at most %d are accepted"), n, IMAGE_SVG_MAX_BYTES);
                return false;
        }
        char *why = image_svg_danger((const char *)data);
        if (why) {
                refuse(at, _("the SVG %s; plakat only takes SVG files that load nothing else"), why);
                g_free(why);
                return false;
        }
        const char *missing = NULL;
        const struct lazy_rsvg *rs = lazy_rsvg(&missing);
        if (!rs) {
                refuse(at, _("SVG images cannot be read here: %s (librsvg, " "Debian package librsvg2-2)"), missing);
                return false;
        }
        /* No base file: librsvg then loads no other file or address. */
        GError *err = NULL;
        GInputStream *in = g_memory_input_stream_new_from_data(data, (gssize)n, NULL);
        im->svg = rs->new_from_stream_sync(in, NULL, RSVG_HANDLE_FLAGS_NONE, NULL, &err);
        g_object_unref(in);
        if (!im->svg) {
                /* librsvg's XML messages end in a newline */
                refuse(at, _("the SVG image is damaged: %s"), err ? g_strchomp(err->message) : _("librsvg cannot read it"));
                g_clear_error(&err);
                return false;
        }
        rs->set_dpi(im->svg, 96);
        double w = 0, h = 0;
        if (!rs->get_intrinsic_size_in_pixels(im->svg, &w, &h)) {
                gboolean has_w, has_h, has_box;
                RsvgLength lw, lh;
                RsvgRectangle box = { 0, 0, 0, 0 };
                rs->get_intrinsic_dimensions(im->svg, &has_w, &lw, &has_h, &lh, &has_box, &box);
                w = has_box ? box.width : 0;
                h = has_box ? box.height : 0;
        }
        if (!(w > 0 && h > 0 && isfinite(w) && isfinite(h))) {
                refuse(at, "the SVG image has no size: give its <svg> element a viewBox, or width and height");
                return false;
        }
        im->svg_w = w;
        im->svg_h = h;
        /* Draw it once now, so a broken SVG is refused here and not
         * quietly missing from the poster. */
        cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 16, 16);
        cairo_t *cr = cairo_create(s);
        RsvgRectangle vp = { 0, 0, 16, 16 };
        bool ok = rs->render_document(im->svg, cr, &vp, &err);
        cairo_destroy(cr);
        cairo_surface_destroy(s);
        if (!ok) {
                refuse(at, _("the SVG image cannot be drawn: %s"), err ? err->message : _("librsvg failed"));
                g_clear_error(&err);
                return false;
        }
        return true;
}

/* ---- the interface ----------------------------------------------------------------- */

struct image *image_load(const char *path, const char *setting, struct diag *d)
{
        return image_load_at(path, path, 0, setting, d);
}

struct image *image_load_at(const char *path, const char *file, int line, const char *setting,
                            struct diag *d)
{
        struct where at = { file, line, setting, d };
        char *err = NULL;
        size_t n = 0;
        unsigned char *data = read_file(path, IMAGE_MAX_BYTES, &n, &err);
        if (!data) {
                refuse(&at, "%s", err);
                g_free(err);
                return NULL;
        }
        const char *expected, *found;
        int allowed = image_allowed(setting, &expected);
        struct image *im = g_new0(struct image, 1);
        g_atomic_ref_count_init(&im->refs);
        im->type = image_sniff(data, n, &found);
        if (!(im->type & allowed)) {
                refuse(&at, "expected %s, found %s", expected, found);
                goto fail;
        }
        if (!(im->type == IMAGE_SVG ? load_svg(im, data, n, &at) : load_raster(im, &data, n, &at)))
                goto fail;
        g_free(data);
        return im;
fail:
        g_free(data);
        image_free(im);
        return NULL;
}

struct image *image_ref(struct image *im)
{
        g_atomic_ref_count_inc(&im->refs);
        return im;
}

void image_free(struct image *im)
{
        if (!im || !g_atomic_ref_count_dec(&im->refs))
                return;
        if (im->surface)
                cairo_surface_destroy(im->surface);
        if (im->svg)
                g_object_unref(im->svg);
        g_free(im);
}

bool image_is_vector(const struct image *im)
{
        return im->type == IMAGE_SVG;
}

void image_size(const struct image *im, double *w, double *h)
{
        if (im->type == IMAGE_SVG) {
                *w = im->svg_w;
                *h = im->svg_h;
        } else if (im->orientation >= 5) { /* turned by 90 degrees */
                *w = im->px_h;
                *h = im->px_w;
        } else {
                *w = im->px_w;
                *h = im->px_h;
        }
}

/* Scale from natural size to the box: cover fills it, contain fits in. */
static double fit_scale(double iw, double ih, double bw, double bh, enum fit fit)
{
        double sx = bw / iw, sy = bh / ih;
        return fit == FIT_COVER ? fmax(sx, sy) : fmin(sx, sy);
}

double image_effective_dpi(const struct image *im, double box_w_mm, double box_h_mm, enum fit fit)
{
        double iw, ih;
        if (im->type == IMAGE_SVG || !(box_w_mm > 0 && box_h_mm > 0))
                return INFINITY;
        image_size(im, &iw, &ih);
        return 25.4 / fit_scale(iw, ih, box_w_mm, box_h_mm, fit);
}

/* ---- the colour of an image ------------------------------------------------------- */

/* A logo's colour is that of its bulk, so at most this many pixels a side
 * are looked at: an SVG is drawn this small, a larger PNG or JPEG is read
 * at every n-th pixel. */
#define MEAN_SIDE 128

static bool surface_mean(cairo_surface_t *s, struct rgb *out)
{
        cairo_surface_flush(s);
        int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
        int stride = cairo_image_surface_get_stride(s);
        bool alpha = cairo_image_surface_get_format(s) == CAIRO_FORMAT_ARGB32;
        const unsigned char *data = cairo_image_surface_get_data(s);
        if (!data)
                return false;
        int step = MAX(1, MAX(w, h) / MEAN_SIDE);
        double r = 0, g = 0, b = 0;
        size_t n = 0;
        for (int y = 0; y < h; y += step) {
                const uint32_t *row = (const uint32_t *)(const void *)(data + (size_t)y * (size_t)stride);
                for (int x = 0; x < w; x += step) {
                        uint32_t px = row[x], a = alpha ? px >> 24 : 255;
                        if (a < 128)
                                continue;
                        /* cairo's pixels are premultiplied by alpha */
                        r += (double)(px >> 16 & 0xFF) / a;
                        g += (double)(px >> 8 & 0xFF) / a;
                        b += (double)(px & 0xFF) / a;
                        n++;
                }
        }
        if (n == 0)
                return false;
        *out = (struct rgb){ true, fmin(1, r / (double)n), fmin(1, g / (double)n), fmin(1, b / (double)n) };
        return true;
}

bool image_mean_colour(const struct image *im, struct rgb *out)
{
        if (im->type != IMAGE_SVG)
                return surface_mean(im->surface, out);
        double k = MEAN_SIDE / fmax(im->svg_w, im->svg_h);
        int w = MAX(1, (int)ceil(im->svg_w * k)), h = MAX(1, (int)ceil(im->svg_h * k));
        cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
        cairo_t *cr = cairo_create(s);
        RsvgRectangle vp = { 0, 0, w, h };
        GError *err = NULL;
        const char *missing = NULL;
        const struct lazy_rsvg *rs = lazy_rsvg(&missing);
        /* It was drawn once at load, so librsvg is there and can. */
        bool ok = rs && rs->render_document(im->svg, cr, &vp, &err);
        g_clear_error(&err);
        cairo_destroy(cr);
        ok = ok && surface_mean(s, out);
        cairo_surface_destroy(s);
        return ok;
}

/* The matrix from stored pixels to upright ones for EXIF orientation o. */
static void orientation_matrix(int o, double w, double h, cairo_matrix_t *m)
{
        switch (o) {
        case 2: cairo_matrix_init(m, -1, 0, 0, 1, w, 0); break;  /* mirrored */
        case 3: cairo_matrix_init(m, -1, 0, 0, -1, w, h); break; /* upside down */
        case 4: cairo_matrix_init(m, 1, 0, 0, -1, 0, h); break;  /* mirrored, upside down */
        case 5: cairo_matrix_init(m, 0, 1, 1, 0, 0, 0); break;   /* transposed */
        case 6: cairo_matrix_init(m, 0, 1, -1, 0, h, 0); break;  /* turned right */
        case 7: cairo_matrix_init(m, 0, -1, -1, 0, h, w); break; /* transversed */
        case 8: cairo_matrix_init(m, 0, -1, 1, 0, 0, w); break;  /* turned left */
        default: cairo_matrix_init_identity(m); break;
        }
}

void image_draw(cairo_t *cr, const struct image *im, double x, double y, double w, double h,
                enum fit fit)
{
        double iw, ih;
        image_size(im, &iw, &ih);
        if (!(w > 0 && h > 0 && iw > 0 && ih > 0))
                return;
        double s = fit_scale(iw, ih, w, h, fit);
        double dw = iw * s, dh = ih * s;
        double dx = x + (w - dw) / 2, dy = y + (h - dh) / 2;

        cairo_save(cr);
        cairo_rectangle(cr, x, y, w, h);
        cairo_clip(cr);
        if (im->type == IMAGE_SVG) {
                RsvgRectangle vp = { dx, dy, dw, dh };
                GError *err = NULL;
                /* Checked at load (so librsvg is there); a failure now
                 * leaves the box empty. */
                const char *missing = NULL;
                const struct lazy_rsvg *rs = lazy_rsvg(&missing);
                if (rs && !rs->render_document(im->svg, cr, &vp, &err))
                        g_clear_error(&err);
        } else {
                cairo_matrix_t m;
                orientation_matrix(im->orientation, im->px_w, im->px_h, &m);
                cairo_translate(cr, dx, dy);
                cairo_scale(cr, s, s);
                cairo_transform(cr, &m);
                cairo_rectangle(cr, 0, 0, im->px_w, im->px_h);
                cairo_clip(cr);
                cairo_pattern_t *p = cairo_pattern_create_for_surface(im->surface);
                bool raster = cairo_surface_get_type(cairo_get_target(cr)) == CAIRO_SURFACE_TYPE_IMAGE;
                /* Down to half size, bilinear sampling looks the same as
                 * pixman's convolution filter and costs a tenth of it (a
                 * photo on an Instagram post: 330 -> 30 M instructions).
                 * Smaller than that, only the filter avoids aliasing. */
                double ux = 1, uy = 0;
                cairo_user_to_device_distance(cr, &ux, &uy);
                double device = sqrt(ux * ux + uy * uy);
                cairo_pattern_set_filter(p, raster && device >= 0.5 ? CAIRO_FILTER_BILINEAR : CAIRO_FILTER_GOOD);
                cairo_pattern_set_extend(p, raster ? CAIRO_EXTEND_PAD : CAIRO_EXTEND_NONE);
                cairo_set_source(cr, p);
                cairo_paint(cr);
                cairo_pattern_destroy(p);
        }
        cairo_restore(cr);
}
