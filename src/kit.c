/* kit.c: the promotion kit of one community. */
#include "kit.h"

#include <errno.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "community.h"
#include "diag.h"
#include "facts.h"
#include "ics.h"
#include "i18n.h"
#include "lang.h"
#include "output.h"
#include "render.h"
#include "texts.h"
#include "track.h"
#include "woop.h"

#define MM_PT (72.0 / 25.4)
#define CARD_COPIES 10

struct kit {
        struct renderer *r;
        struct platforms platforms;
};

struct kit *kit_new(struct renderer *r, const char *datadir, struct diag *d)
{
        struct kit *k = g_new0(struct kit, 1);
        k->r = r;
        char *path = g_build_filename(datadir, "formats", "platforms.cfg", NULL);
        bool ok = platforms_load(path, &k->platforms, d);
        g_free(path);
        if (!ok) {
                g_free(k);
                return NULL;
        }
        return k;
}

void kit_free(struct kit *k)
{
        if (!k)
                return;
        platforms_clear(&k->platforms);
        g_free(k);
}

/* One file of bytes into the batch; false after reporting. */
static bool write_bytes(struct render_batch *b, enum output_kind kind, const char *path, const char *bytes,
                        struct diag *d)
{
        struct output *o = render_batch_add(b, NULL, false);
        if (!output_open(o, kind, path, NULL, d))
                return false;
        output_write(o, bytes, strlen(bytes));
        return output_finish(o, d);
}

static const char *word(const struct lang *l, const char *key)
{
        return lang_has_label(l, key) ? lang_label(l, key) : key;
}

/* ---- index.html ------------------------------------------------------------ */

static void html_text(GString *h, const char *s)
{
        char *e = g_markup_escape_text(s, -1);
        g_string_append(h, e);
        g_free(e);
}

struct entry {
        char *file;  /* base name */
        char *title; /* what it is */
        char *alt;   /* images: their alt text */
        char *body;  /* texts: the text itself */
        enum output_kind kind;
        bool print;
};

static void entry_free(gpointer p)
{
        struct entry *e = p;
        g_free(e->file);
        g_free(e->title);
        g_free(e->alt);
        g_free(e->body);
        g_free(e);
}

static void add_entry(GPtrArray *es, const char *path, const char *title, const char *alt, const char *body,
                      enum output_kind kind, bool print)
{
        struct entry *e = g_new0(struct entry, 1);
        e->file = g_path_get_basename(path);
        e->title = g_strdup(title);
        e->alt = g_strdup(alt);
        e->body = g_strdup(body);
        e->kind = kind;
        e->print = print;
        g_ptr_array_add(es, e);
}

static void section(GString *h, const char *title)
{
        g_string_append(h, "<h2>");
        html_text(h, title);
        g_string_append(h, "</h2>\n");
}

static void link(GString *h, const char *file, const char *label)
{
        char *href = g_uri_escape_string(file, NULL, FALSE);
        g_string_append_printf(h, "<a href=\"%s\">", href);
        html_text(h, label);
        g_string_append(h, "</a>");
        g_free(href);
}

/* A page that needs nothing but the folder it sits in: styles inline, no
 * scripts, no fonts or images from elsewhere. */
static char *index_html(const struct community *c, const struct lang *l, GPtrArray *es)
{
        GString *h = g_string_new("<!DOCTYPE html>\n");
        g_string_append_printf(h, "<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n<title>", lang_code(l));
        html_text(h, word(l, "kit_title"));
        g_string_append(h, ": ");
        html_text(h, c->name);
        g_string_append(h, "</title>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                           "<style>\n"
                           "body { font-family: sans-serif; margin: 2em auto; max-width: 60em; padding: 0 1em; "
                           "color: #1b2430; background: #fff; line-height: 1.4; }\n"
                           "h1 { margin-bottom: 0; } h2 { margin-top: 2em; border-bottom: 2px solid #1b2430; }\n"
                           ".grid { display: flex; flex-wrap: wrap; gap: 1em; }\n"
                           ".grid figure { margin: 0; width: 17em; }\n"
                           ".grid img { width: 100%; border: 1px solid #ccc; }\n"
                           "pre { white-space: pre-wrap; background: #f3f5f4; padding: 1em; }\n"
                           "</style>\n</head>\n<body>\n<h1>");
        html_text(h, c->name);
        g_string_append(h, "</h1>\n<p>");
        html_text(h, word(l, "kit_title"));
        g_string_append(h, " · ");
        html_text(h, c->topic);
        g_string_append(h, "</p>\n");

        section(h, word(l, "kit_posters"));
        g_string_append(h, "<ul>\n");
        for (size_t i = 0; i < es->len; i++) {
                const struct entry *e = es->pdata[i];
                if (e->kind == OUTPUT_PDF && e->print) {
                        g_string_append(h, "<li>");
                        link(h, e->file, e->title);
                        g_string_append(h, "</li>\n");
                }
        }
        g_string_append(h, "</ul>\n");

        section(h, word(l, "kit_images"));
        g_string_append(h, "<div class=\"grid\">\n");
        for (size_t i = 0; i < es->len; i++) {
                const struct entry *e = es->pdata[i];
                if (e->kind != OUTPUT_PNG)
                        continue;
                char *src = g_uri_escape_string(e->file, NULL, FALSE);
                g_string_append_printf(h, "<figure><a href=\"%s\"><img src=\"%s\" alt=\"", src, src);
                html_text(h, e->alt ? e->alt : "");
                g_string_append(h, "\"></a><figcaption>");
                html_text(h, e->title);
                if (e->alt) {
                        char *alt_file = g_strdup_printf("%.*s.alt.txt", (int)strlen(e->file) - 4, e->file);
                        g_string_append(h, " · ");
                        link(h, alt_file, word(l, "kit_alt_text"));
                        g_free(alt_file);
                }
                g_string_append(h, "</figcaption></figure>\n");
                g_free(src);
        }
        g_string_append(h, "</div>\n");

        section(h, word(l, "kit_print"));
        g_string_append(h, "<ul>\n");
        for (size_t i = 0; i < es->len; i++) {
                const struct entry *e = es->pdata[i];
                if (e->kind == OUTPUT_PDF && !e->print) {
                        g_string_append(h, "<li>");
                        link(h, e->file, e->title);
                        g_string_append(h, "</li>\n");
                }
        }
        g_string_append(h, "</ul>\n");

        section(h, word(l, "kit_calendar"));
        for (size_t i = 0; i < es->len; i++) {
                const struct entry *e = es->pdata[i];
                if (e->kind == OUTPUT_ICS) {
                        g_string_append(h, "<p>");
                        link(h, e->file, e->title);
                        if (lang_has_label(l, "kit_calendar_hint")) {
                                g_string_append(h, ": ");
                                html_text(h, lang_label(l, "kit_calendar_hint"));
                        }
                        g_string_append(h, "</p>\n");
                }
        }

        section(h, word(l, "kit_texts"));
        for (size_t i = 0; i < es->len; i++) {
                const struct entry *e = es->pdata[i];
                if (e->kind != OUTPUT_TEXT || !e->body)
                        continue;
                g_string_append(h, "<h3>");
                link(h, e->file, e->title);
                g_string_append_printf(h, " <small>(%zu ", g_utf8_strlen(e->body, -1));
                html_text(h, word(l, "kit_chars"));
                g_string_append(h, ")</small></h3>\n<pre>");
                html_text(h, e->body);
                g_string_append(h, "</pre>\n");
        }
        g_string_append(h, "</body>\n</html>\n");
        return g_string_free(h, FALSE);
}

/* ---- the kit ---------------------------------------------------------------- */

static char *tracked(const struct community *c, const char *value)
{
        return track_url(c->signup.url, c->signup.track, value);
}

bool kit_make(struct kit *k, const struct community *c, const struct render_options *o,
              struct render_result *res, struct diag *d)
{
        if (res)
                memset(res, 0, sizeof *res);
        size_t errors = d->errors;
        char *dir = g_build_filename(o->outdir, c->slug, NULL);
        if (g_mkdir_with_parents(dir, 0777) != 0) {
                diag_fail(d, dir, "cannot create the output folder: %s", g_strerror(errno));
                g_free(dir);
                return false;
        }
        char *all[] = { "all", NULL };
        struct render_options ro = *o;
        ro.outdir = dir;
        ro.formats = all;
        ro.stream_fd = -1;
        struct render_batch *b = render_batch_new();
        bool ok = renderer_render_batch(k->r, c, &ro, b, d);

        const struct lang *l = renderer_lang(k->r, c->words_language);
        struct facts *f = renderer_facts(k->r, c, &o->today);
        GPtrArray *es = g_ptr_array_new_with_free_func(entry_free);
        size_t rendered = render_batch_len(b);

        /* Alt text for every image, beside it. */
        for (size_t i = 0; ok && i < rendered; i++) {
                bool preview;
                const struct format *fm = render_batch_format(b, i, &preview);
                const char *path = render_batch_path(b, i);
                enum output_kind kind = format_output(fm, preview);
                char *alt = NULL;
                if (kind == OUTPUT_PNG) {
                        char *url = tracked(c, fm->name);
                        alt = texts_alt(f, word(l, fm->print ? "kit_alt_poster" : "kit_alt_image"), url);
                        char *alt_path = g_strdup_printf("%.*s.alt.txt", (int)strlen(path) - 4, path);
                        ok = write_bytes(b, OUTPUT_TEXT, alt_path, alt, d);
                        g_free(alt_path);
                        g_free(url);
                }
                /* In the page's language, as its other words: the
                 * community's, not the terminal's (same bytes anywhere). */
                add_entry(es, path, i18n_texts_pick(&fm->descriptions, lang_code(l)), alt, NULL, kind, fm->print);
                g_free(alt);
        }

        /* The invite cards: the design's card page, ten to an A4 sheet. */
        const char *design = o->layout ? o->layout : c->style.layout;
        if (ok && renderer_layout_has(k->r, design, "card")) {
                char *path = g_strdup_printf("%s/%s-cards.pdf", dir, c->slug);
                struct render_options co = ro;
                co.marks = true;
                const struct sheet_request sr = { .sheet = "a4", .piece = "card", .copies = CARD_COPIES, .path = path,
                                                  .title = c->name, .track = k->platforms.card_track };
                ok = renderer_sheets_batch(k->r, (const struct community *const[]){ c }, 1, &co, &sr, b, d);
                add_entry(es, path, word(l, "kit_cards"), NULL, NULL, OUTPUT_PDF, false);
                g_free(path);
        } else if (ok) {
                diag_warn(d, c->path, 0, NULL, "layout %s has no card page; the kit has no invite cards",
                          design ? design : renderer_default_layout(k->r));
        }

        /* The WOOP and planning sheet. */
        if (ok) {
                char *path = g_strdup_printf("%s/%s-woop.pdf", dir, c->slug);
                char date[16];
                g_date_strftime(date, sizeof date, "%Y-%m-%d", &o->today);
                struct pdf_meta meta = { word(l, "kit_woop_title"), c->lead.name, c->name, NULL, date, NULL, NULL };
                struct output_spec spec = { WOOP_W_MM * MM_PT, WOOP_H_MM * MM_PT, 0, &meta, 0, false };
                struct output *out = render_batch_add(b, NULL, false);
                ok = output_open(out, OUTPUT_PDF, path, &spec, d);
                if (ok) {
                        const char *why = woop_draw(out->surface, renderer_fonts(k->r), f);
                        if (why && !output_failed(out, d))
                                diag_error(d, c->path, 0, NULL, "woop sheet: cannot draw it: %s", why);
                        ok = !why && output_finish(out, d);
                }
                add_entry(es, path, word(l, "kit_woop_title"), NULL, NULL, OUTPUT_PDF, false);
                g_free(path);
        }

        /* The texts to post. */
        for (size_t i = 0; ok && i < k->platforms.n; i++) {
                const struct platform *p = &k->platforms.p[i];
                char *url = tracked(c, p->track);
                bool fits;
                char *text = texts_build(p, f, url, &fits);
                if (!fits)
                        diag_warn(d, c->path, community_line(c, "name"), NULL,
                                  "%s text: %zu characters, more than the %d %s takes even without the parts "
                                  "it can do without; shorten the name or topic",
                                  p->name, texts_count(text, p->url_chars), p->limit, p->title);
                char *path = g_strdup_printf("%s/%s-%s.txt", dir, c->slug, p->name);
                ok = write_bytes(b, OUTPUT_TEXT, path, text, d);
                add_entry(es, path, p->title, NULL, text, OUTPUT_TEXT, false);
                g_free(path);
                g_free(text);
                g_free(url);
        }

        /* The calendar. */
        if (ok) {
                char *url = tracked(c, k->platforms.calendar_track);
                char *ics = ics_calendar(c, f, url, &o->today);
                char *path = g_strdup_printf("%s/%s.ics", dir, c->slug);
                ok = write_bytes(b, OUTPUT_ICS, path, ics, d);
                /* Named by its file, not "Kalender" again under the
                 * heading "Kalender". */
                char *name = g_path_get_basename(path);
                add_entry(es, path, name, NULL, NULL, OUTPUT_ICS, false);
                g_free(name);
                g_free(path);
                g_free(ics);
                g_free(url);
        }

        if (ok) {
                char *html = index_html(c, l, es);
                char *path = g_build_filename(dir, "index.html", NULL);
                ok = write_bytes(b, OUTPUT_HTML, path, html, d);
                g_free(path);
                g_free(html);
        }
        ok = ok && d->errors == errors && render_batch_commit(b, res, d);
        if (!ok && d->errors == errors)
                diag_error(d, c->path, 0, NULL, "could not make the kit, for a reason plakat failed to name "
                           "(a bug: please report it); nothing was written");
        render_batch_free(b);
        g_ptr_array_free(es, TRUE);
        facts_free(f);
        /* A refused community leaves no empty folder behind. */
        if (!ok)
                g_rmdir(dir);
        g_free(dir);
        return ok;
}
