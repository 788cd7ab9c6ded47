/* lazy.h: librsvg, qpdf, gdk-pixbuf and libhyphen, loaded on first use.
 *
 * Most posters need neither an SVG logo nor print-shop page boxes, and
 * loading the two libraries with the program costs about 8 ms at every
 * start (librsvg brings a Rust runtime and libxml2, qpdf a C++ runtime and
 * GnuTLS): a third of what a whole A3 render takes.  gdk-pixbuf (with
 * libjpeg) decodes only photos and raster logos, libhyphen runs only for
 * a word too long for its box; loaded with the program the three cost
 * 0.3 ms of each start's 3.5 (empty programs linked each way, 200 runs),
 * where the floor program links neither.  So they are opened with GModule
 * when needed, by the names the build found (their sonames), and their
 * functions reached through these tables. */
#ifndef PLAKAT_LAZY_H
#define PLAKAT_LAZY_H

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <hyphen.h> /* libhyphen's */
#include <librsvg/rsvg.h>
#include <qpdf/qpdf-c.h>

struct lazy_rsvg {
        RsvgHandle *(*new_from_stream_sync)(GInputStream *in, GFile *base, RsvgHandleFlags flags,
                                            GCancellable *cancel, GError **error);
        void (*set_dpi)(RsvgHandle *h, double dpi);
        gboolean (*get_intrinsic_size_in_pixels)(RsvgHandle *h, gdouble *w, gdouble *hgt);
        void (*get_intrinsic_dimensions)(RsvgHandle *h, gboolean *has_w, RsvgLength *w, gboolean *has_h,
                                         RsvgLength *hgt, gboolean *has_box, RsvgRectangle *box);
        gboolean (*render_document)(RsvgHandle *h, cairo_t *cr, const RsvgRectangle *viewport,
                                    GError **error);
};

struct lazy_qpdf {
        qpdf_data (*init)(void);
        void (*cleanup)(qpdf_data *q);
        void (*silence_errors)(qpdf_data q);
        void (*set_suppress_warnings)(qpdf_data q, QPDF_BOOL v);
        QPDF_ERROR_CODE (*read_memory)(qpdf_data q, char const *desc, char const *buf,
                                       unsigned long long size, char const *password);
        int (*get_num_pages)(qpdf_data q);
        qpdf_oh (*get_page_n)(qpdf_data q, size_t i);
        qpdf_oh (*oh_parse)(qpdf_data q, char const *s);
        void (*oh_replace_key)(qpdf_data q, qpdf_oh oh, char const *key, qpdf_oh item);
        QPDF_ERROR_CODE (*init_write_memory)(qpdf_data q);
        void (*set_deterministic_ID)(qpdf_data q, QPDF_BOOL v);
        void (*set_compress_streams)(qpdf_data q, QPDF_BOOL v);
        QPDF_ERROR_CODE (*write)(qpdf_data q);
        size_t (*get_buffer_length)(qpdf_data q);
        unsigned char const *(*get_buffer)(qpdf_data q);
        QPDF_BOOL (*has_error)(qpdf_data q);
        qpdf_error (*get_error)(qpdf_data q);
        char const *(*get_error_full_text)(qpdf_data q, qpdf_error e);
};

struct lazy_pixbuf {
        GdkPixbufLoader *(*loader_new_with_type)(const char *type, GError **error);
        gboolean (*loader_write)(GdkPixbufLoader *l, const guchar *buf, gsize count, GError **error);
        gboolean (*loader_close)(GdkPixbufLoader *l, GError **error);
        GdkPixbuf *(*loader_get_pixbuf)(GdkPixbufLoader *l);
        int (*get_width)(const GdkPixbuf *pb);
        int (*get_height)(const GdkPixbuf *pb);
        int (*get_bits_per_sample)(const GdkPixbuf *pb);
        int (*get_n_channels)(const GdkPixbuf *pb);
        gboolean (*get_has_alpha)(const GdkPixbuf *pb);
        int (*get_rowstride)(const GdkPixbuf *pb);
        const guint8 *(*read_pixels)(const GdkPixbuf *pb);
        const gchar *(*get_option)(GdkPixbuf *pb, const gchar *key);
};

struct lazy_hyphen {
        HyphenDict *(*load)(const char *path);
        void (*free)(HyphenDict *d);
        int (*hyphenate3)(HyphenDict *d, const char *word, int len, char *hyphens, char *hword, char ***rep,
                          int **pos, int **cut, int lhmin, int rhmin, int clhmin, int crhmin);
};

/* The table, or NULL with *err set (a static message) when the library
 * or one of its functions cannot be found. */
const struct lazy_rsvg *lazy_rsvg(const char **err);
const struct lazy_qpdf *lazy_qpdf(const char **err);
const struct lazy_pixbuf *lazy_pixbuf(const char **err);
const struct lazy_hyphen *lazy_hyphen(const char **err);

#endif
