/* pdfbox.c: TrimBox and BleedBox through qpdf's C API. */
#include "pdfbox.h"

#include <glib.h>
#include <qpdf/qpdf-c.h>

static qpdf_oh box(qpdf_data q, const struct pdfbox *b)
{
        char s[128];
        g_snprintf(s, sizeof s, "[%.4f %.4f %.4f %.4f]", b->x0, b->y0, b->x1, b->y1);
        return qpdf_oh_parse(q, s);
}

bool pdfbox_write(const unsigned char *pdf, size_t len, const char *path,
                  const struct pdfbox *trim, const struct pdfbox *bleed, char **err)
{
        qpdf_data q = qpdf_init();
        qpdf_silence_errors(q);
        qpdf_set_suppress_warnings(q, QPDF_TRUE);
        bool ok = !(qpdf_read_memory(q, path, (const char *)pdf, len, NULL) & QPDF_ERRORS);
        if (ok) {
                qpdf_oh page = qpdf_get_page_n(q, 0);
                qpdf_oh_replace_key(q, page, "/TrimBox", box(q, trim));
                qpdf_oh_replace_key(q, page, "/BleedBox", box(q, bleed));
                ok = !(qpdf_init_write(q, path) & QPDF_ERRORS);
        }
        if (ok) {
                /* Reproducible bytes: no random /ID, streams as cairo made them. */
                qpdf_set_deterministic_ID(q, QPDF_TRUE);
                qpdf_set_compress_streams(q, QPDF_TRUE);
                ok = !(qpdf_write(q) & QPDF_ERRORS);
        }
        if (!ok || qpdf_has_error(q)) {
                qpdf_error e = qpdf_get_error(q);
                *err = g_strdup(e ? qpdf_get_error_full_text(q, e) : "qpdf failed");
                ok = false;
        }
        qpdf_cleanup(&q);
        return ok;
}
