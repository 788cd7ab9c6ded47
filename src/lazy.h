/* lazy.h: librsvg and qpdf, loaded on first use.
 *
 * Most posters need neither an SVG logo nor print-shop page boxes, and
 * loading the two libraries with the program costs about 8 ms at every
 * start (librsvg brings a Rust runtime and libxml2, qpdf a C++ runtime and
 * GnuTLS): a third of what a whole A3 render takes.  So they are opened
 * with GModule when needed, by the names the build found (their sonames),
 * and their functions reached through these tables. */
#ifndef PLAKAT_LAZY_H
#define PLAKAT_LAZY_H

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

/* The table, or NULL with *err set (a static message) when the library
 * or one of its functions cannot be found. */
const struct lazy_rsvg *lazy_rsvg(const char **err);
const struct lazy_qpdf *lazy_qpdf(const char **err);

#endif
