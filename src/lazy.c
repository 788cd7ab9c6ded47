/* lazy.c: librsvg, qpdf, gdk-pixbuf and libhyphen through GModule, opened
 * once on first use (lazy.h says why). */
#include "lazy.h"
#include "i18n.h"

#include <gmodule.h>
#include <stdbool.h>
#include <string.h>

#ifndef RSVG_SONAME
#define RSVG_SONAME "librsvg-2.so.2"
#endif
#ifndef QPDF_SONAME
#define QPDF_SONAME "libqpdf.so.29"
#endif
#ifndef PIXBUF_SONAME
#define PIXBUF_SONAME "libgdk_pixbuf-2.0.so.0"
#endif
#ifndef HYPHEN_SONAME
#define HYPHEN_SONAME "libhyphen.so.0"
#endif

/* Fill n function pointers at table from the names, in order.  The
 * module stays open for the life of the process (the functions live in it). */
static bool bind(const char *soname, const char *const *names, size_t n, void *table, const char **err)
{
        GModule *m = g_module_open(soname, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
        if (!m) {
                *err = _("cannot load the library");
                return false;
        }
        for (size_t i = 0; i < n; i++) {
                gpointer sym = NULL;
                if (!g_module_symbol(m, names[i], &sym) || !sym) {
                        *err = _("the library lacks a function plakat needs");
                        return false;
                }
                /* POSIX lets a data pointer carry a function's address;
                 * memcpy keeps the compiler's aliasing rules out of it. */
                memcpy((char *)table + i * sizeof sym, &sym, sizeof sym);
        }
        g_module_make_resident(m);
        return true;
}

/* One library's state: bound on the first call, from any thread. */
struct once {
        gsize done;
        bool ok;
        const char *why;
};

static bool bind_once(struct once *o, const char *soname, const char *const *names, size_t n, void *table,
                      const char **err)
{
        if (g_once_init_enter(&o->done)) {
                o->ok = bind(soname, names, n, table, &o->why);
                g_once_init_leave(&o->done, 1);
        }
        *err = o->why;
        return o->ok;
}

const struct lazy_rsvg *lazy_rsvg(const char **err)
{
        static const char *const names[] = {
                "rsvg_handle_new_from_stream_sync", "rsvg_handle_set_dpi",
                "rsvg_handle_get_intrinsic_size_in_pixels", "rsvg_handle_get_intrinsic_dimensions",
                "rsvg_handle_render_document",
        };
        static struct lazy_rsvg t;
        static struct once o;
        /* one name for each of the table's fields */
        G_STATIC_ASSERT(sizeof t == G_N_ELEMENTS(names) * sizeof(gpointer));
        return bind_once(&o, RSVG_SONAME, names, G_N_ELEMENTS(names), &t, err) ? &t : NULL;
}

const struct lazy_qpdf *lazy_qpdf(const char **err)
{
        static const char *const names[] = {
                "qpdf_init", "qpdf_cleanup", "qpdf_silence_errors", "qpdf_set_suppress_warnings",
                "qpdf_read_memory", "qpdf_get_num_pages", "qpdf_get_page_n", "qpdf_oh_parse", "qpdf_oh_replace_key",
                "qpdf_init_write_memory", "qpdf_set_deterministic_ID", "qpdf_set_compress_streams", "qpdf_write",
                "qpdf_get_buffer_length", "qpdf_get_buffer",
                "qpdf_has_error", "qpdf_get_error", "qpdf_get_error_full_text",
        };
        static struct lazy_qpdf t;
        static struct once o;
        /* one name for each of the table's fields */
        G_STATIC_ASSERT(sizeof t == G_N_ELEMENTS(names) * sizeof(gpointer));
        return bind_once(&o, QPDF_SONAME, names, G_N_ELEMENTS(names), &t, err) ? &t : NULL;
}

const struct lazy_pixbuf *lazy_pixbuf(const char **err)
{
        static const char *const names[] = {
                "gdk_pixbuf_loader_new_with_type", "gdk_pixbuf_loader_write", "gdk_pixbuf_loader_close",
                "gdk_pixbuf_loader_get_pixbuf", "gdk_pixbuf_get_width", "gdk_pixbuf_get_height",
                "gdk_pixbuf_get_bits_per_sample", "gdk_pixbuf_get_n_channels", "gdk_pixbuf_get_has_alpha",
                "gdk_pixbuf_get_rowstride", "gdk_pixbuf_read_pixels", "gdk_pixbuf_get_option",
        };
        static struct lazy_pixbuf t;
        static struct once o;
        /* one name for each of the table's fields */
        G_STATIC_ASSERT(sizeof t == G_N_ELEMENTS(names) * sizeof(gpointer));
        return bind_once(&o, PIXBUF_SONAME, names, G_N_ELEMENTS(names), &t, err) ? &t : NULL;
}

const struct lazy_hyphen *lazy_hyphen(const char **err)
{
        static const char *const names[] = { "hnj_hyphen_load", "hnj_hyphen_free", "hnj_hyphen_hyphenate3" };
        static struct lazy_hyphen t;
        static struct once o;
        /* one name for each of the table's fields */
        G_STATIC_ASSERT(sizeof t == G_N_ELEMENTS(names) * sizeof(gpointer));
        return bind_once(&o, HYPHEN_SONAME, names, G_N_ELEMENTS(names), &t, err) ? &t : NULL;
}
