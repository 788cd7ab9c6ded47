/* pdfbox.c: TrimBox and BleedBox through qpdf's C API.
 *
 * qpdf writes the whole file anew (92 M instructions for 25 A4 sheets of
 * 100 A6 flyers; 2 copies of the file in memory).  Appending only the
 * changed page dictionaries as an incremental update (ISO 32000-1 7.5.6)
 * costs a third of that and was tried, but it keeps cairo's bytes as they
 * are, and cairo 1.16 lists a picture's XObject once per use in a page's
 * resources: a colour emoji (drawn as a picture) on four flyers of a
 * sheet, or a logo on the cards of a kit, gives a dictionary with
 * duplicated keys, which qpdf --check (what a print shop runs) warns
 * about (tests/e2e/office.sh, kit.sh).  qpdf's rewrite merges them, so it
 * stays. */
#include "pdfbox.h"
#include "i18n.h"

#include <glib.h>

#include "lazy.h"
#include "sink.h"

static qpdf_oh box(const struct lazy_qpdf *lq, qpdf_data q, const struct pdfbox *b)
{
        char s[128];
        g_snprintf(s, sizeof s, "[%.4f %.4f %.4f %.4f]", b->x0, b->y0, b->x1, b->y1);
        return lq->oh_parse(q, s);
}

bool pdfbox_write(const unsigned char *pdf, size_t len, const struct pdfbox *trim,
                  const struct pdfbox *bleed, struct sink *out, char **err)
{
        *err = NULL;
        const char *missing = NULL;
        const struct lazy_qpdf *lq = lazy_qpdf(&missing);
        if (!lq) {
                *err = g_strdup_printf(_("%s (qpdf, Debian package libqpdf29)"), missing);
                return false;
        }
        qpdf_data q = lq->init();
        lq->silence_errors(q);
        lq->set_suppress_warnings(q, QPDF_TRUE);
        bool ok = !(lq->read_memory(q, "cairo's PDF", (const char *)pdf, len, NULL) & QPDF_ERRORS);
        if (ok) {
                /* A sheet repeats the boxes on every page. */
                int n = lq->get_num_pages(q);
                for (int i = 0; i < n; i++) {
                        qpdf_oh page = lq->get_page_n(q, (size_t)i);
                        lq->oh_replace_key(q, page, "/TrimBox", box(lq, q, trim));
                        lq->oh_replace_key(q, page, "/BleedBox", box(lq, q, bleed));
                }
                ok = !(lq->init_write_memory(q) & QPDF_ERRORS);
        }
        if (ok) {
                /* Reproducible bytes: no random /ID. */
                lq->set_deterministic_ID(q, QPDF_TRUE);
                lq->set_compress_streams(q, QPDF_TRUE);
                ok = !(lq->write(q) & QPDF_ERRORS);
        }
        if (!ok || lq->has_error(q)) {
                qpdf_error e = lq->get_error(q);
                *err = g_strdup(e ? lq->get_error_full_text(q, e) : _("qpdf failed"));
                ok = false;
        }
        /* The buffer is qpdf's until cleanup. */
        if (ok)
                ok = sink_write(out, lq->get_buffer(q), lq->get_buffer_length(q));
        lq->cleanup(&q);
        return ok;
}

void pdfbox_prepare(void)
{
        const char *missing;
        (void)lazy_qpdf(&missing);
}
