/* report.c: report.json and report.html for a batch (see report.h).
 *
 * Everything in a report may come from strangers: file names, setting
 * names and the values quoted in messages.  So every string takes one of
 * two doors, report_json_string or report_html_text, which first make it
 * valid UTF-8 (invalid bytes become U+FFFD, as a browser would show them)
 * and then escape what the format needs; links are percent-encoded
 * relative paths of files that exist.  No script, no remote resource: the
 * page is read on a phone from a copied folder as often as in an office.
 *
 * Thumbnails of PDFs: a browser shows no PDF in an <img>, and no PDF
 * reader is a dependency of plakat, so the renderer that drew the PDF
 * draws the same page again as a small PNG (the "-png" preview of its
 * print format, THUMB_PX on its longer side, without bleed or marks).
 * That costs one small render per PDF, about a tenth of the PDF's, paid
 * by the parent after the batch; the picture is named after the PDF's
 * SHA-256, so a re-run that left a PDF unchanged draws nothing. */
#include "report.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "community.h"
#include "diag.h"
#include "digest.h"
#include "format.h"
#include "i18n.h"
#include "output.h"

/* Longer side of a PDF's thumbnail in pixels: sharp at the page's 180 CSS
 * px on a phone's 2x screen, and small (10-60 KB). */
#define THUMB_PX 400.0

/* Hex digits of a thumbnail's name: enough that two never meet. */
#define THUMB_ID 24

/* ---- escaping -------------------------------------------------------------------- */

void report_json_string(GString *out, const char *s)
{
        char *valid = g_utf8_make_valid(s ? s : "", -1);
        g_string_append_c(out, '"');
        for (const char *p = valid; *p; p = g_utf8_next_char(p)) {
                gunichar c = g_utf8_get_char(p);
                switch (c) {
                case '"':
                        g_string_append(out, "\\\"");
                        break;
                case '\\':
                        g_string_append(out, "\\\\");
                        break;
                case '\n':
                        g_string_append(out, "\\n");
                        break;
                case '\t':
                        g_string_append(out, "\\t");
                        break;
                default:
                        /* Control characters must be escaped in JSON; DEL, C1
                         * and the two line separators are, so that no reader
                         * (or JavaScript eval) trips on them. */
                        if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0x2028 || c == 0x2029)
                                g_string_append_printf(out, "\\u%04x", (unsigned)c);
                        else
                                g_string_append_len(out, p, g_utf8_next_char(p) - p);
                }
        }
        g_string_append_c(out, '"');
        g_free(valid);
}

void report_html_text(GString *out, const char *s)
{
        char *valid = g_utf8_make_valid(s ? s : "", -1);
        for (const char *p = valid; *p; p = g_utf8_next_char(p)) {
                gunichar c = g_utf8_get_char(p);
                switch (c) {
                case '&':
                        g_string_append(out, "&amp;");
                        break;
                case '<':
                        g_string_append(out, "&lt;");
                        break;
                case '>':
                        g_string_append(out, "&gt;");
                        break;
                case '"':
                        g_string_append(out, "&quot;");
                        break;
                case '\'':
                        g_string_append(out, "&#39;");
                        break;
                default:
                        /* Shown as the terminal shows values (job.c put_clean). */
                        if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f || (c >= 0x80 && c < 0xa0))
                                g_string_append_printf(out, "\\x%02x", (unsigned)c);
                        else
                                g_string_append_len(out, p, g_utf8_next_char(p) - p);
                }
        }
        g_free(valid);
}

/* A path relative to the report as an attribute value: every byte but the
 * unreserved ones and '/' percent-encoded (a name may hold '#', '?', '%',
 * quotes or spaces), so the link finds that very file. */
static void html_href(GString *out, const char *rel)
{
        char *e = g_uri_escape_string(rel, "/", FALSE);
        g_string_append(out, e); /* nothing left that HTML would read */
        g_free(e);
}

/* ---- messages -------------------------------------------------------------------- */

static bool setting_char(char c)
{
        return g_ascii_isalnum(c) || c == '_' || c == '.' || c == '[' || c == ']' || c == '-';
}

void report_message_parts(const char *text, const char *community, char **file, int *line, char **setting,
                          const char **message)
{
        *file = NULL;
        *line = 0;
        *setting = NULL;
        const char *p = text;
        size_t cl = community ? strlen(community) : 0;
        if (cl > 0 && strncmp(text, community, cl) == 0 && text[cl] == ':') {
                *file = g_strdup(community);
                p = text + cl + 1;
        } else {
                /* Another file (a layout, an image): its name ends at the
                 * first ':' before a line number or a space; a name with
                 * a space is only taken before a line number. */
                for (const char *c = strchr(text, ':'); c; c = strchr(c + 1, ':')) {
                        bool num = g_ascii_isdigit(c[1]);
                        if (c > text && (num || (c[1] == ' ' && !memchr(text, ' ', (size_t)(c - text))))) {
                                *file = g_strndup(text, (size_t)(c - text));
                                p = c + 1;
                                break;
                        }
                        if (c[1] == ' ')
                                break;
                }
        }
        if (*file) {
                const char *q = p;
                while (g_ascii_isdigit(*q))
                        q++;
                if (q > p && *q == ':') {
                        *line = (int)g_ascii_strtoll(p, NULL, 10);
                        p = q + 1;
                }
                if (*p == ' ')
                        p++;
        }
        /* diag.c writes the word in the run's language. */
        if (g_str_has_prefix(p, "warning: "))
                p += strlen("warning: ");
        else if (g_str_has_prefix(p, _("warning: ")))
                p += strlen(_("warning: "));
        const char *q = p;
        while (setting_char(*q))
                q++;
        /* German words "syntax error" as one ("Syntaxfehler: …"), which
         * would look like a setting: the catalogue's own words are none. */
        const char *syntax = _("syntax error: %s");
        const char *colon = strstr(syntax, ": ");
        bool is_syntax = colon && colon - syntax == q - p && strncmp(p, syntax, (size_t)(q - p)) == 0;
        if (q > p && q[0] == ':' && q[1] == ' ' && !is_syntax) {
                *setting = g_strndup(p, (size_t)(q - p));
                p = q + 2;
        }
        *message = p;
}

/* ---- what the report shows --------------------------------------------------------- */

/* One output as the report shows it. */
struct shown {
        const struct job_output *o;
        char *rel;         /* path relative to the folder */
        char *thumb;       /* picture relative to the folder, or NULL: a card */
        const char *sheet; /* the sheet a piece of format o->format is on, or NULL */
        size_t page;       /* on a sheet: the page (from 1) of the first piece; 0: none */
};

struct entry {
        const struct job_result *res; /* NULL: not done */
        const char *input;
        GArray *shown; /* struct shown */
};

struct report {
        const char *dir;
        const struct report_run *run;
        char *thumbdir;
        GHashTable *keep; /* thumbnail names this report uses */
        struct entry *e;
        size_t n;
        struct shown *sheet; /* the sheet PDF, or NULL */
        size_t sheet_n;
};

/* Path of an output relative to dir: outputs lie directly in it. */
static char *relative(const char *dir, const char *path)
{
        size_t dl = strlen(dir);
        if (strncmp(path, dir, dl) == 0 && path[dl] == '/')
                return g_strdup(path + dl + 1);
        return g_path_get_basename(path);
}

static bool exists(const char *dir, const char *rel)
{
        char *p = g_build_filename(dir, rel, NULL);
        bool ok = g_file_test(p, G_FILE_TEST_IS_REGULAR);
        g_free(p);
        return ok;
}

/* Draw c's page of the print format named format as a PNG at target. */
static bool draw_thumb(const struct report_run *run, const struct community *c, const char *format,
                       const char *thumbdir, const char *target)
{
        const struct format *f = formats_find(renderer_formats(run->r), format);
        if (!f || !f->print)
                return false;
        char *preview = g_strconcat(format, "-png", NULL);
        char *formats[] = { preview, NULL };
        struct render_options ro = *run->ro;
        ro.outdir = thumbdir;
        ro.formats = formats;
        ro.dpi = THUMB_PX * 25.4 / MAX(f->width, f->height);
        ro.bleed_mm = 0;
        ro.marks = false;
        ro.stream_fd = -1;
        struct diag d;
        diag_init(&d, NULL); /* the PDF's render said all there is to say */
        struct render_result rr = { 0 };
        bool ok = renderer_render(run->r, c, &ro, &rr, &d) && rr.n == 1;
        if (ok && g_rename(rr.items[0].path, target) != 0) {
                g_unlink(rr.items[0].path);
                ok = false;
        }
        render_result_clear(&rr);
        diag_clear(&d);
        g_free(preview);
        return ok;
}

/* The thumbnail of a PDF of format (the piece's, for a sheet) that sha
 * names, for the community at input: relative to the folder, or NULL.
 * *c is the community, loaded on first need (NULL until then). */
static char *thumb_for(struct report *rep, const char *input, const char *format, const char *sha,
                       struct community **c, bool *tried)
{
        char *seed = g_strdup_printf("%s\n%s\n%s", sha, format, input);
        char *sum = digest_hex_of(seed, strlen(seed));
        char *name = g_strdup_printf("%.*s.png", THUMB_ID, sum);
        char *rel = g_build_filename(REPORT_THUMBS, name, NULL);
        g_free(seed);
        g_free(sum);
        bool have = exists(rep->dir, rel);
        const struct report_run *run = rep->run;
        if (!have && run->r && !(run->stop && *run->stop)) {
                if (!*tried) {
                        *tried = true;
                        struct diag d;
                        diag_init(&d, NULL);
                        *c = community_load(input, run->co, &d);
                        diag_clear(&d);
                }
                char *target = g_build_filename(rep->dir, rel, NULL);
                have = *c && draw_thumb(run, *c, format, rep->thumbdir, target);
                g_free(target);
        }
        if (have) {
                g_hash_table_add(rep->keep, name);
                return rel;
        }
        g_free(name);
        g_free(rel);
        return NULL;
}

static struct shown show(struct report *rep, const struct job_output *o)
{
        struct shown s = { .o = o, .rel = relative(rep->dir, o->path) };
        if (strcmp(o->kind, "png") == 0 && exists(rep->dir, s.rel))
                s.thumb = g_strdup(s.rel);
        return s;
}

/* Pictures of the PDFs no output of this report has any more. */
static void prune_thumbs(struct report *rep)
{
        GDir *gd = g_dir_open(rep->thumbdir, 0, NULL);
        if (!gd)
                return;
        for (const char *e; (e = g_dir_read_name(gd));) {
                if (strlen(e) != THUMB_ID + 4 || !g_str_has_suffix(e, ".png") || g_hash_table_contains(rep->keep, e))
                        continue;
                char *p = g_build_filename(rep->thumbdir, e, NULL);
                g_unlink(p);
                g_free(p);
        }
        g_dir_close(gd);
        g_rmdir(rep->thumbdir); /* only when empty */
}

static void collect(struct report *rep, const struct job_result *const *results, size_t n)
{
        const struct report_run *run = rep->run;
        rep->e = g_new0(struct entry, n ? n : 1);
        rep->n = n;
        const char *sheet_sha = NULL;
        if (run->sheet) {
                rep->sheet_n = run->sheet->outputs->len;
                rep->sheet = g_new0(struct shown, rep->sheet_n ? rep->sheet_n : 1);
                for (size_t i = 0; i < rep->sheet_n; i++) {
                        rep->sheet[i] = show(rep, &g_array_index(run->sheet->outputs, struct job_output, i));
                        rep->sheet[i].sheet = run->sheet_request->sheet;
                }
                if (rep->sheet_n > 0)
                        sheet_sha = rep->sheet[0].o->sha256;
        }
        for (size_t i = 0; i < n; i++) {
                struct entry *e = &rep->e[i];
                e->res = results[i];
                e->shown = g_array_new(FALSE, TRUE, sizeof(struct shown));
                e->input = e->res ? e->res->path : run->files[i];
                if (!e->res)
                        continue;
                struct community *c = NULL;
                bool tried = false;
                for (size_t k = 0; k < e->res->outputs->len; k++) {
                        struct shown s = show(rep, &g_array_index(e->res->outputs, struct job_output, k));
                        if (strcmp(s.o->kind, "pdf") == 0 && exists(rep->dir, s.rel))
                                s.thumb = thumb_for(rep, e->input, s.o->format, s.o->sha256, &c, &tried);
                        g_array_append_val(e->shown, s);
                }
                /* On sheets, a community's piece stands for its place there. */
                if (sheet_sha && (e->res->status == JOB_OK || e->res->status == JOB_UNCHANGED) &&
                    exists(rep->dir, rep->sheet[0].rel)) {
                        struct shown s = { .o = rep->sheet[0].o, .rel = g_strdup(rep->sheet[0].rel),
                                           .sheet = rep->sheet[0].sheet, .page = e->res->sheet_page };
                        s.thumb = thumb_for(rep, e->input, run->sheet_request->piece, sheet_sha, &c, &tried);
                        g_array_append_val(e->shown, s);
                }
                community_free(c);
        }
}

static void shown_clear(struct shown *s)
{
        g_free(s->rel);
        g_free(s->thumb);
}

static void release(struct report *rep)
{
        for (size_t i = 0; i < rep->n; i++) {
                for (size_t k = 0; rep->e[i].shown && k < rep->e[i].shown->len; k++)
                        shown_clear(&g_array_index(rep->e[i].shown, struct shown, k));
                if (rep->e[i].shown)
                        g_array_free(rep->e[i].shown, TRUE);
        }
        for (size_t i = 0; i < rep->sheet_n; i++)
                shown_clear(&rep->sheet[i]);
        g_free(rep->sheet);
        g_free(rep->e);
        g_hash_table_destroy(rep->keep);
        g_free(rep->thumbdir);
}

static const char *status_word(const struct job_result *r)
{
        if (!r)
                return "not_done";
        static const char *const words[] = {
                [JOB_OK] = "ok", [JOB_UNCHANGED] = "unchanged", [JOB_REFUSED] = "refused", [JOB_FAILED] = "failed"
        };
        return words[r->status];
}

static void date_text(const GDate *d, char out[16])
{
        if (g_date_valid(d))
                g_snprintf(out, 16, "%04d-%02d-%02d", g_date_get_year(d), g_date_get_month(d), g_date_get_day(d));
        else
                g_strlcpy(out, "", 16);
}

/* ---- report.json -------------------------------------------------------------------- */

static void json_key(GString *j, const char *indent, const char *key)
{
        g_string_append_printf(j, "%s\"%s\": ", indent, key);
}

static void json_messages(GString *j, const struct job_result *r, const char *indent)
{
        g_string_append(j, "[");
        for (size_t i = 0; r && i < r->messages->len; i++) {
                const char *m = r->messages->pdata[i];
                char *file, *setting;
                int line;
                const char *text;
                report_message_parts(m + 1, r->path, &file, &line, &setting, &text);
                g_string_append_printf(j, "%s\n%s  {\"level\": \"%s\", \"file\": ", i ? "," : "", indent,
                                       m[0] == 'E' ? "error" : "warning");
                if (file)
                        report_json_string(j, file);
                else
                        g_string_append(j, "null");
                if (line > 0)
                        g_string_append_printf(j, ", \"line\": %d, \"setting\": ", line);
                else
                        g_string_append(j, ", \"line\": null, \"setting\": ");
                if (setting)
                        report_json_string(j, setting);
                else
                        g_string_append(j, "null");
                g_string_append(j, ", \"message\": ");
                report_json_string(j, text);
                g_string_append(j, ", \"text\": ");
                report_json_string(j, m + 1);
                g_string_append(j, "}");
                g_free(file);
                g_free(setting);
        }
        if (r && r->messages->len)
                g_string_append_printf(j, "\n%s", indent);
        g_string_append(j, "]");
}

static void json_output(GString *j, const struct shown *s, const char *indent)
{
        g_string_append_printf(j, "%s{\"format\": ", indent);
        report_json_string(j, s->o->format);
        g_string_append(j, ", \"kind\": ");
        report_json_string(j, s->o->kind);
        g_string_append(j, ", \"path\": ");
        report_json_string(j, s->rel);
        g_string_append(j, ", \"sha256\": ");
        report_json_string(j, s->o->sha256);
        g_string_append(j, ", \"thumbnail\": ");
        if (s->thumb)
                report_json_string(j, s->thumb);
        else
                g_string_append(j, "null");
        if (s->page)
                g_string_append_printf(j, ", \"page\": %zu", s->page);
        g_string_append(j, "}");
}

static char *json_text(const struct report *rep)
{
        const struct report_run *run = rep->run;
        GString *j = g_string_new("{\n");
        char date[16], secs[G_ASCII_DTOSTR_BUF_SIZE];
        date_text(&run->today, date);
        json_key(j, "  ", "report");
        g_string_append(j, "1,\n");
        json_key(j, "  ", "plakat");
        report_json_string(j, PLAKAT_VERSION);
        g_string_append(j, ",\n");
        json_key(j, "  ", "date");
        report_json_string(j, date);
        g_string_append(j, ",\n");
        json_key(j, "  ", "summary");
        size_t not_done = 0;
        for (size_t i = 0; i < rep->n; i++)
                not_done += rep->e[i].res == NULL;
        g_string_append_printf(j,
                               "{\"communities\": %zu, \"rendered\": %zu, \"unchanged\": %zu, \"refused\": %zu, "
                               "\"failed\": %zu, \"not_done\": %zu, \"interrupted\": %s, \"seconds\": %s},\n",
                               rep->n, run->rendered, run->unchanged, run->refused, run->failed, not_done,
                               run->interrupted || (run->stop && *run->stop) ? "true" : "false",
                               g_ascii_formatd(secs, sizeof secs, "%.2f", run->seconds));
        json_key(j, "  ", "communities");
        g_string_append(j, "[");
        for (size_t i = 0; i < rep->n; i++) {
                const struct entry *e = &rep->e[i];
                const struct job_result *r = e->res;
                g_string_append_printf(j, "%s\n    {\n", i ? "," : "");
                json_key(j, "      ", "input");
                report_json_string(j, e->input);
                g_string_append(j, ",\n");
                json_key(j, "      ", "status");
                g_string_append_printf(j, "\"%s\",\n", status_word(r));
                json_key(j, "      ", "errors");
                g_string_append_printf(j, "%zu,\n", r ? r->errors : 0);
                json_key(j, "      ", "warnings");
                g_string_append_printf(j, "%zu,\n", r ? r->warnings : 0);
                json_key(j, "      ", "seconds");
                g_string_append_printf(j, "%s,\n", g_ascii_formatd(secs, sizeof secs, "%.3f", r ? r->seconds : 0));
                json_key(j, "      ", "messages");
                json_messages(j, r, "      ");
                g_string_append(j, ",\n");
                json_key(j, "      ", "outputs");
                g_string_append(j, "[");
                for (size_t k = 0; k < e->shown->len; k++) {
                        g_string_append(j, k ? ",\n" : "\n");
                        json_output(j, &g_array_index(e->shown, struct shown, k), "        ");
                }
                g_string_append_printf(j, "%s]\n    }", e->shown->len ? "\n      " : "");
        }
        g_string_append_printf(j, "%s],\n", rep->n ? "\n  " : "");
        json_key(j, "  ", "sheets");
        /* A sheet Ctrl-C stopped is there as not done (run->sheet NULL):
         * an older sheet PDF in the folder is not this run's. */
        if ((run->sheet || run->sheet_not_done) && run->sheet_request) {
                const struct sheet_request *sr = run->sheet_request;
                g_string_append(j, "{\"sheet\": ");
                report_json_string(j, sr->sheet);
                g_string_append(j, ", \"piece\": ");
                report_json_string(j, sr->piece);
                g_string_append_printf(j, ", \"copies\": %u, \"status\": \"%s\",\n", sr->copies,
                                       status_word(run->sheet));
                json_key(j, "    ", "messages");
                json_messages(j, run->sheet, "    ");
                g_string_append(j, ",\n");
                json_key(j, "    ", "outputs");
                g_string_append(j, "[");
                for (size_t k = 0; k < rep->sheet_n; k++) {
                        g_string_append(j, k ? ",\n" : "\n");
                        json_output(j, &rep->sheet[k], "      ");
                }
                g_string_append_printf(j, "%s]},\n", rep->sheet_n ? "\n    " : "");
        } else {
                g_string_append(j, "null,\n");
        }
        json_key(j, "  ", "not_read");
        g_string_append(j, "[");
        for (size_t i = 0; run->not_read && i < run->not_read->len; i++) {
                g_string_append(j, i ? ",\n    {\"input\": " : "\n    {\"input\": ");
                report_json_string(j, run->not_read->pdata[i]);
                g_string_append(j, ", \"message\": ");
                report_json_string(j, run->not_read_why->pdata[i]);
                g_string_append(j, "}");
        }
        g_string_append(j, run->not_read && run->not_read->len ? "\n  ]\n}\n" : "]\n}\n");
        return g_string_free(j, FALSE);
}

/* ---- report.html ---------------------------------------------------------------------- */

static const char css[] =
        ":root{--ink:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#f3f4f6;--ok:#1a7f37;--okbg:#dafbe1;"
        "--warn:#9a6700;--warnbg:#fff8c5;--bad:#cf222e;--badbg:#ffebe9;--same:#57606a;--samebg:#eaeef2}\n"
        "*{box-sizing:border-box}\n"
        "body{margin:0;background:var(--bg);color:var(--ink);"
        "font:16px/1.45 system-ui,-apple-system,\"Segoe UI\",Roboto,\"Noto Sans\",Arial,sans-serif}\n"
        "header{background:#fff;border-bottom:1px solid var(--line);padding:18px 20px}\n"
        "header div,main{max-width:1280px;margin:0 auto}\n"
        "h1{font-size:24px;margin:0}\n"
        ".meta{color:var(--muted);font-size:14px;margin-top:2px}\n"
        ".counts{display:flex;flex-wrap:wrap;gap:8px;list-style:none;margin:14px 0 0;padding:0}\n"
        ".counts li{border-radius:999px;padding:5px 14px;font-weight:600;background:var(--samebg);color:var(--same)}\n"
        ".counts b{font-size:18px;margin-right:4px}\n"
        ".ok{background:var(--okbg)!important;color:var(--ok)!important}\n"
        ".warn{background:var(--warnbg)!important;color:var(--warn)!important}\n"
        ".bad{background:var(--badbg)!important;color:var(--bad)!important}\n"
        "main{padding:8px 20px 32px}\n"
        "h2{font-size:19px;margin:26px 0 10px}\n"
        "h2 small{color:var(--muted);font-weight:400;font-size:15px}\n"
        ".card{background:#fff;border:1px solid var(--line);border-radius:10px;padding:14px 16px;margin:0 0 14px}\n"
        ".card.refused,.card.failed{border-left:6px solid var(--bad)}\n"
        ".card.warned{border-left:6px solid #d4a72c}\n"
        ".card h3{font-size:17px;margin:0;display:flex;flex-wrap:wrap;align-items:center;gap:8px}\n"
        ".path{color:var(--muted);font-size:13px;word-break:break-all;margin-top:2px}\n"
        ".badge{font-size:12px;font-weight:700;text-transform:uppercase;letter-spacing:.03em;"
        "border-radius:6px;padding:2px 8px;background:var(--samebg);color:var(--same)}\n"
        "pre{margin:10px 0 0;padding:10px 12px;border-radius:6px;overflow-x:auto;white-space:pre-wrap;"
        "word-break:break-word;font:13px/1.45 ui-monospace,\"DejaVu Sans Mono\",Menlo,Consolas,monospace}\n"
        "pre.term{background:#1f2328;color:#f0f3f6}\n"
        "pre.warnings{background:var(--warnbg);color:#4d2d00;border:1px solid #eac54f}\n"
        ".grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(130px,1fr));gap:12px;margin-top:12px}\n"
        "figure{margin:0}\n"
        "figure a.pic{display:flex;align-items:center;justify-content:center;height:200px;padding:8px;"
        "background:var(--bg);border-radius:8px;text-decoration:none}\n"
        "figure img{max-width:100%;max-height:184px;display:block;background:#fff;"
        "box-shadow:0 1px 3px rgba(0,0,0,.3)}\n"
        ".nopic{display:flex;flex-direction:column;align-items:center;justify-content:center;width:70%;height:100%;"
        "background:#fff;border:1px solid var(--line);color:var(--muted);font-weight:700;font-size:22px}\n"
        ".nopic small{font-weight:400;font-size:12px}\n"
        "figcaption{font-size:13px;margin-top:6px;line-height:1.35}\n"
        "figcaption b{display:block;font-size:14px}\n"
        "figcaption a{display:block;color:var(--muted);overflow:hidden;text-overflow:ellipsis;white-space:nowrap}\n"
        ".cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,380px),1fr));gap:14px}\n"
        ".cards .card{margin:0}\n"
        "footer{color:var(--muted);font-size:13px;text-align:center;padding:0 20px 28px}\n"
        "@media (max-width:560px){header,main{padding-left:12px;padding-right:12px}"
        ".grid{grid-template-columns:repeat(2,1fr);gap:10px}figure a.pic{height:160px}"
        "figure img{max-height:144px}}\n";

static void html_titled(GString *h, const char *input, const char *sub, const char *badge_cls, const char *badge)
{
        char *base = g_path_get_basename(input ? input : "?");
        if (g_str_has_suffix(base, ".cfg"))
                base[strlen(base) - 4] = '\0';
        g_string_append(h, "<h3>");
        report_html_text(h, base);
        g_string_append_printf(h, " <span class=\"badge %s\">", badge_cls);
        report_html_text(h, badge);
        g_string_append(h, "</span></h3>\n<div class=\"path\">");
        report_html_text(h, sub ? sub : "");
        g_string_append(h, "</div>\n");
        g_free(base);
}

static void html_count(GString *h, const char *cls, size_t n, const char *word)
{
        g_string_append_printf(h, "<li class=\"%s\"><b>%zu</b>", n ? cls : "", n);
        report_html_text(h, word);
        g_string_append(h, "</li>\n");
}

/* The title of a sheet's card: "a6 on a4, 2 copies each". */
static char *sheet_title(const struct sheet_request *sr)
{
        /* TRANSLATORS: report.html: piece format, sheet format, copies */
        return g_strdup_printf(ngettext("%s on %s, %u copy each", "%s on %s, %u copies each", sr->copies), sr->piece,
                               sr->sheet, sr->copies);
}

/* Where s opens: its file, on a sheet at the page of the community's
 * first piece (browsers' PDF viewers open #page=N there). */
static void html_target(GString *h, const struct shown *s)
{
        html_href(h, s->rel);
        if (s->page)
                g_string_append_printf(h, "#page=%zu", s->page);
}

static void html_figure(GString *h, const struct shown *s)
{
        char *up = g_ascii_strup(s->o->kind, -1);
        g_string_append(h, "<figure><a class=\"pic\" href=\"");
        html_target(h, s);
        g_string_append(h, "\">");
        if (s->thumb) {
                g_string_append(h, "<img loading=\"lazy\" src=\"");
                html_href(h, s->thumb);
                g_string_append(h, "\" alt=\"");
                report_html_text(h, s->o->format);
                g_string_append(h, "\">");
        } else {
                g_string_append(h, "<span class=\"nopic\">");
                report_html_text(h, up);
                g_string_append(h, "<small>");
                report_html_text(h, P_("report", "open"));
                g_string_append(h, "</small></span>");
        }
        g_string_append(h, "</a><figcaption><b>");
        if (s->sheet) {
                /* TRANSLATORS: report.html, a piece on a print sheet:
                 * "a6 on a4 sheet" (format names stay as written), and
                 * the page its first copy is on */
                char *label = s->page ? g_strdup_printf(_("%s on %s sheet, page %zu"), s->o->format, s->sheet,
                                                        s->page)
                                      : g_strdup_printf(_("%s on %s sheet"), s->o->format, s->sheet);
                report_html_text(h, label);
                g_free(label);
        } else {
                report_html_text(h, s->o->format);
        }
        g_string_append(h, " · ");
        report_html_text(h, up);
        g_string_append(h, "</b><a href=\"");
        html_target(h, s);
        g_string_append(h, "\" title=\"");
        report_html_text(h, s->rel);
        g_string_append(h, "\">");
        report_html_text(h, s->rel);
        g_string_append(h, "</a></figcaption></figure>\n");
        g_free(up);
}

/* The community's name as a heading: its file's name without .cfg; under
 * it the file as given. */
static void html_heading(GString *h, const char *input, const char *badge_cls, const char *badge)
{
        html_titled(h, input, input, badge_cls, badge);
}

/* Warnings of a community that was written, as the terminal shows them;
 * none that shown (the terminal's text on the card already) holds. */
static void html_warnings(GString *h, const struct job_result *r, const char *shown)
{
        if (!r || r->warnings == 0)
                return;
        size_t left = 0;
        for (size_t i = 0; i < r->messages->len; i++) {
                const char *m = r->messages->pdata[i];
                left += m[0] == 'W' && !(shown && strstr(shown, m + 1));
        }
        if (!left)
                return;
        g_string_append(h, "<pre class=\"warnings\">");
        for (size_t i = 0; i < r->messages->len; i++) {
                const char *m = r->messages->pdata[i];
                if (m[0] != 'W' || (shown && strstr(shown, m + 1)))
                        continue;
                g_string_append(h, "\u26a0 ");
                report_html_text(h, m + 1);
                g_string_append_c(h, '\n');
        }
        g_string_append(h, "</pre>\n");
}

/* What the terminal showed for a refused or failed community.  A
 * community whose sheet was not written showed nothing of its own there
 * (the sheet's card says why): then its own errors, which name the sheet. */
static void html_errors(GString *h, const struct job_result *r)
{
        if (r->err && *r->err) {
                report_html_text(h, r->err);
                return;
        }
        for (size_t i = 0; i < r->messages->len; i++) {
                const char *m = r->messages->pdata[i];
                if (m[0] != 'E')
                        continue;
                report_html_text(h, m + 1);
                g_string_append_c(h, '\n');
        }
}

/* A heading with its note in <small>, both translated already. */
static void html_h2(GString *h, const char *title, const char *note)
{
        g_string_append(h, "<h2>");
        report_html_text(h, title);
        if (note) {
                g_string_append(h, " <small>");
                report_html_text(h, note);
                g_string_append(h, "</small>");
        }
        g_string_append(h, "</h2>\n");
}

/* The page is worded in the language of the messages (the user's locale),
 * like everything else a person reads; report.json is data and stays as
 * docs/report.md defines it. */
static char *html_text(const struct report *rep)
{
        const struct report_run *run = rep->run;
        char date[16];
        date_text(&run->today, date);
        size_t bad = 0, good = 0, not_done = 0, warned = 0;
        for (size_t i = 0; i < rep->n; i++) {
                const struct job_result *r = rep->e[i].res;
                if (!r)
                        not_done++;
                else if (r->status == JOB_REFUSED || r->status == JOB_FAILED)
                        bad++;
                else {
                        good++;
                        warned += r->warnings > 0;
                }
        }
        /* The sheet's warnings are marked on its card: counted with them. */
        if (run->sheet && run->sheet->warnings)
                warned++;
        /* TRANSLATORS: report.html's counts ("4 rendered") and badges
         * (upper case on the page) */
        const char *w_rendered = P_("report", "rendered"), *w_unchanged = P_("report", "unchanged");
        const char *w_refused = P_("report", "refused"), *w_failed = P_("report", "failed");
        GString *h = g_string_new(NULL);
        g_string_append_printf(h, "<!DOCTYPE html>\n<html lang=\"%s\">\n", i18n_language());
        g_string_append(h, "<head>\n<meta charset=\"utf-8\">\n"
                           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
        char *t = g_strdup_printf(_("plakat report %s"), date);
        report_html_text(h, t);
        g_free(t);
        g_string_append_printf(h, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<header><div>\n<h1>", css);
        report_html_text(h, _("plakat report"));
        g_string_append(h, "</h1>\n<div class=\"meta\">");
        t = g_strdup_printf(ngettext("%zu community", "%zu communities", rep->n), rep->n);
        report_html_text(h, t);
        g_free(t);
        g_string_append(h, " · ");
        /* TRANSLATORS: report.html: which meetings count as coming, the
         * --today date (or "today") */
        t = g_strdup_printf(_("meetings as of %s"), *date ? date : _("today"));
        report_html_text(h, t);
        g_free(t);
        g_string_append_printf(h, " · plakat %s</div>\n<ul class=\"counts\">\n", PLAKAT_VERSION);
        html_count(h, "ok", run->rendered, w_rendered);
        html_count(h, "", run->unchanged, w_unchanged);
        html_count(h, "warn", warned, _("with warnings"));
        html_count(h, "bad", run->refused, w_refused);
        html_count(h, "bad", run->failed, w_failed);
        if (not_done)
                html_count(h, "bad", not_done, _("not done (interrupted)"));
        g_string_append(h, "</ul>\n</div></header>\n<main>\n");

        if (bad) {
                t = g_strdup_printf(ngettext("%zu refused or failed: nothing was written for it",
                                             "%zu refused or failed: nothing was written for them", bad),
                                    bad);
                html_h2(h, _("Needs attention"), t);
                g_free(t);
                for (size_t i = 0; i < rep->n; i++) {
                        const struct job_result *r = rep->e[i].res;
                        if (!r || (r->status != JOB_REFUSED && r->status != JOB_FAILED))
                                continue;
                        bool refused = r->status == JOB_REFUSED;
                        g_string_append_printf(h, "<section class=\"card %s\">\n", refused ? "refused" : "failed");
                        html_heading(h, r->path, "bad", refused ? w_refused : w_failed);
                        g_string_append(h, "<pre class=\"term\">");
                        html_errors(h, r);
                        g_string_append(h, "</pre>\n</section>\n");
                }
        }
        if (run->not_read && run->not_read->len) {
                /* Not communities, so not counted: but a lead whose file
                 * is "x.cfg.txt" gets no flyer, and must hear why. */
                html_h2(h, _("Not read"), _("named like a community file, but not quite"));
                g_string_append(h, "<section class=\"card warned\">\n<pre class=\"term\">");
                for (size_t i = 0; i < run->not_read->len; i++) {
                        char *line = g_strdup_printf(_("%s: not read: %s\n"), (char *)run->not_read->pdata[i],
                                                     (char *)run->not_read_why->pdata[i]);
                        report_html_text(h, line);
                        g_free(line);
                }
                g_string_append(h, "</pre>\n</section>\n");
        }
        if (not_done) {
                html_h2(h, _("Not done"), _("the run was interrupted; run the same command again to finish"));
                g_string_append(h, "<section class=\"card\">\n<pre>");
                for (size_t i = 0; i < rep->n; i++)
                        if (!rep->e[i].res) {
                                report_html_text(h, rep->e[i].input);
                                g_string_append_c(h, '\n');
                        }
                g_string_append(h, "</pre>\n</section>\n");
        }
        if (run->sheet_not_done && run->sheet_request) {
                const struct sheet_request *sr = run->sheet_request;
                html_h2(h, _("Print sheets"), NULL);
                g_string_append(h, "<section class=\"card refused\">\n");
                char *title = sheet_title(sr);
                html_titled(h, title, NULL, "bad", _("not done (interrupted)"));
                g_free(title);
                g_string_append(h, "<p>");
                report_html_text(h, _("The run was interrupted before the sheet was written; a sheet PDF in this "
                                      "folder is an older one. Run the same command again to finish."));
                g_string_append(h, "</p>\n</section>\n");
        }
        if (run->sheet) {
                const struct job_result *s = run->sheet;
                const struct sheet_request *sr = run->sheet_request;
                bool same = s->status == JOB_UNCHANGED, ok = s->status == JOB_OK || same;
                html_h2(h, _("Print sheets"), NULL);
                g_string_append_printf(h, "<section class=\"card%s\">\n", ok ? (s->warnings ? " warned" : "")
                                                                              : " refused");
                char *title = sheet_title(sr);
                html_titled(h, title, rep->sheet_n ? rep->sheet[0].rel : NULL, same ? "" : ok ? "ok" : "bad",
                            same ? w_unchanged : ok ? P_("report", "written") : _("not written"));
                g_free(title);
                if (!ok && s->err && *s->err) {
                        g_string_append(h, "<pre class=\"term\">");
                        report_html_text(h, s->err);
                        g_string_append(h, "</pre>\n");
                }
                html_warnings(h, s, ok ? NULL : s->err);
                g_string_append(h, "<div class=\"grid\">\n");
                for (size_t k = 0; k < rep->sheet_n; k++)
                        html_figure(h, &rep->sheet[k]);
                g_string_append(h, "</div>\n</section>\n");
        }
        if (good) {
                t = g_strdup_printf(ngettext("%zu community; tap a picture to open the file",
                                             "%zu communities; tap a picture to open the file", good),
                                    good);
                html_h2(h, _("Outputs"), t);
                g_free(t);
                g_string_append(h, "<div class=\"cards\">\n");
                for (size_t i = 0; i < rep->n; i++) {
                        const struct entry *e = &rep->e[i];
                        const struct job_result *r = e->res;
                        if (!r || r->status == JOB_REFUSED || r->status == JOB_FAILED)
                                continue;
                        g_string_append_printf(h, "<section class=\"card%s\">\n", r->warnings ? " warned" : "");
                        bool same = r->status == JOB_UNCHANGED;
                        const char *word = same ? w_unchanged : w_rendered;
                        if (r->warnings) {
                                /* TRANSLATORS: a badge in report.html: "rendered · 2 warnings" */
                                char *b = g_strdup_printf(ngettext("%s · %zu warning", "%s · %zu warnings",
                                                                   r->warnings),
                                                          word, r->warnings);
                                html_heading(h, r->path, "warn", b);
                                g_free(b);
                        } else {
                                html_heading(h, r->path, same ? "" : "ok", word);
                        }
                        html_warnings(h, r, NULL);
                        g_string_append(h, "<div class=\"grid\">\n");
                        for (size_t k = 0; k < e->shown->len; k++)
                                html_figure(h, &g_array_index(e->shown, struct shown, k));
                        g_string_append(h, "</div>\n</section>\n");
                }
                g_string_append(h, "</div>\n");
        }
        char secs[G_ASCII_DTOSTR_BUF_SIZE];
        g_string_append(h, "</main>\n<footer>");
        t = g_strdup_printf(_("Written by plakat %s in %s s."), PLAKAT_VERSION,
                            g_ascii_formatd(secs, sizeof secs, "%.1f", run->seconds));
        report_html_text(h, t);
        g_free(t);
        g_string_append_c(h, ' ');
        report_html_text(h, _("The data for scripts:"));
        g_string_append(h, " <a href=\"" REPORT_JSON "\">" REPORT_JSON "</a>.</footer>\n</body>\n</html>\n");
        return g_string_free(h, FALSE);
}

/* ---- writing ------------------------------------------------------------------------------ */

static bool write_file(const char *dir, const char *name, enum output_kind kind, const char *text, struct diag *d)
{
        char *path = g_build_filename(dir, name, NULL);
        struct output o;
        bool ok = output_open(&o, kind, path, NULL, d);
        if (ok) {
                output_write(&o, text, strlen(text));
                ok = output_finish(&o, d) && output_commit(&o, false, d);
        }
        output_abort(&o);
        g_free(path);
        return ok;
}

bool report_write(const char *dir, const struct job_result *const *results, size_t n,
                  const struct report_run *run, struct diag *d)
{
        struct report rep = {
                .dir = dir,
                .run = run,
                .thumbdir = g_build_filename(dir, REPORT_THUMBS, NULL),
                .keep = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL),
        };
        collect(&rep, results, n);
        prune_thumbs(&rep);
        char *json = json_text(&rep);
        char *html = html_text(&rep);
        bool ok = write_file(dir, REPORT_JSON, OUTPUT_JSON, json, d);
        ok = write_file(dir, REPORT_HTML, OUTPUT_HTML, html, d) && ok;
        g_free(json);
        g_free(html);
        release(&rep);
        return ok;
}
