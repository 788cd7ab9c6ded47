/* pdfbox.c: TrimBox and BleedBox, added to cairo's PDF as an incremental
 * update; qpdf reads the file.
 *
 * Why an update and not qpdf's writer.  qpdf can only write a whole file
 * anew: for the 25 A4 sheets of 100 A6 flyers that was 92 M instructions
 * (its writer checking every object's references, then copying every
 * object), a fifth of the sheet run's serial path, and at 2,000 flyers
 * its two copies of the output (15 MB) were a quarter of the run's peak
 * memory.  What changes is one dictionary per page.  ISO 32000-1 (7.5.6)
 * lets a file be changed by appending the new versions of its changed
 * objects, a cross-reference section for them and a trailer whose /Prev
 * points to the old one; every reader takes the newest version.  So
 * cairo's bytes are kept as they are, qpdf (lazily) parses only the page
 * tree and the pages, and unparses each page with its two boxes added;
 * only the few lines around that are written here.  The result is checked
 * by qpdf --check and pdfinfo -box in the tests. */
#include "pdfbox.h"
#include "i18n.h"

#include <glib.h>
#include <string.h>

#include "lazy.h"
#include "sink.h"

static qpdf_oh box(const struct lazy_qpdf *lq, qpdf_data q, const struct pdfbox *b)
{
        char s[128];
        g_snprintf(s, sizeof s, "[%.4f %.4f %.4f %.4f]", b->x0, b->y0, b->x1, b->y1);
        return lq->oh_parse(q, s);
}

/* The number after the file's last "startxref" (within its last KiB), or
 * -1: the previous cross-reference section, which the update's trailer
 * points back to. */
static long last_xref(const unsigned char *pdf, size_t len)
{
        static const char key[] = "startxref";
        size_t klen = sizeof key - 1;
        if (len < klen)
                return -1;
        size_t stop = len > 1024 ? len - 1024 : 0;
        for (size_t i = len - klen + 1; i-- > stop;) {
                if (memcmp(pdf + i, key, klen) != 0)
                        continue;
                size_t at = i + klen;
                while (at < len && (pdf[at] == ' ' || pdf[at] == '\r' || pdf[at] == '\n'))
                        at++;
                long n = 0;
                size_t digits = 0;
                for (; at < len && pdf[at] >= '0' && pdf[at] <= '9' && digits < 15; at++, digits++)
                        n = n * 10 + (pdf[at] - '0');
                return digits ? n : -1;
        }
        return -1;
}

struct changed {
        int id, gen;
        size_t at; /* byte offset of "id gen obj" in the whole file */
};

static int by_id(const void *a, const void *b)
{
        const struct changed *x = a, *y = b;
        return (x->id > y->id) - (x->id < y->id);
}

/* "/Key value" from the old trailer, or nothing when it has no such key. */
static void copy_key(const struct lazy_qpdf *lq, qpdf_data q, qpdf_oh trailer, const char *key, GString *to)
{
        if (lq->oh_has_key(q, trailer, key))
                g_string_append_printf(to, " %s %s", key, lq->oh_unparse(q, lq->oh_get_key(q, trailer, key)));
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
        long prev = last_xref(pdf, len);
        if (prev < 0) {
                *err = g_strdup(_("cairo's PDF has no cross-reference table"));
                return false;
        }
        qpdf_data q = lq->init();
        lq->silence_errors(q);
        lq->set_suppress_warnings(q, QPDF_TRUE);
        GString *update = g_string_new(NULL);
        if (len && pdf[len - 1] != '\n' && pdf[len - 1] != '\r')
                g_string_append_c(update, '\n'); /* "%%EOF" ends its line */
        GArray *pages = g_array_new(FALSE, FALSE, sizeof(struct changed));
        bool ok = !(lq->read_memory(q, "cairo's PDF", (const char *)pdf, len, NULL) & QPDF_ERRORS);
        if (ok) {
                /* A sheet repeats the boxes on every page. */
                int n = lq->get_num_pages(q);
                for (int i = 0; i < n && !lq->has_error(q); i++) {
                        qpdf_oh page = lq->get_page_n(q, (size_t)i);
                        lq->oh_replace_key(q, page, "/TrimBox", box(lq, q, trim));
                        lq->oh_replace_key(q, page, "/BleedBox", box(lq, q, bleed));
                        struct changed c = { lq->oh_get_object_id(q, page), lq->oh_get_generation(q, page),
                                             len + update->len };
                        g_string_append_printf(update, "%d %d obj\n%s\nendobj\n", c.id, c.gen,
                                               lq->oh_unparse_resolved(q, page));
                        g_array_append_val(pages, c);
                }
                g_array_sort(pages, by_id);
                size_t xref = len + update->len;
                /* One subsection per page; each entry exactly 20 bytes. */
                g_string_append(update, "xref\n");
                for (size_t i = 0; i < pages->len; i++) {
                        const struct changed *c = &g_array_index(pages, struct changed, i);
                        g_string_append_printf(update, "%d 1\n%010zu %05d n \n", c->id, c->at, c->gen);
                }
                qpdf_oh trailer = lq->get_trailer(q);
                g_string_append_printf(update, "trailer\n<< /Size %d",
                                       lq->oh_get_int_value_as_int(q, lq->oh_get_key(q, trailer, "/Size")));
                copy_key(lq, q, trailer, "/Root", update);
                copy_key(lq, q, trailer, "/Info", update);
                copy_key(lq, q, trailer, "/ID", update);
                g_string_append_printf(update, " /Prev %ld >>\nstartxref\n%zu\n%%%%EOF\n", prev, xref);
                ok = pages->len > 0 && !lq->has_error(q);
        }
        if (!ok) {
                qpdf_error e = lq->has_error(q) ? lq->get_error(q) : NULL;
                *err = g_strdup(e ? lq->get_error_full_text(q, e) : _("qpdf failed"));
        }
        lq->cleanup(&q);
        g_array_free(pages, TRUE);
        ok = ok && sink_write(out, pdf, len) && sink_write(out, update->str, update->len);
        g_string_free(update, TRUE);
        return ok;
}

void pdfbox_prepare(void)
{
        const char *missing;
        (void)lazy_qpdf(&missing);
}
