/* render.c: one community -> output files.
 *
 * The renderer loads fonts, languages, formats and layouts once.  For a
 * community it builds the facts (texts for the day) and the QR code once,
 * then for each format: choose the layout's page for the format's aspect
 * family, lay out boxes (box.c), draw them (draw.c) into a temporary file
 * (output.c).  Only when every format succeeded are the files renamed into
 * place, so a refused community leaves nothing behind. */
#include "render.h"
#include "i18n.h"

#include <errno.h>
#include <sys/stat.h>
#include <glib/gstdio.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>

#include <pango/pango.h>

#include "box.h"
#include "community.h"
#include "diag.h"
#include "digest.h"
#include "draw.h"
#include "expand.h"
#include "facts.h"
#include "fonts.h"
#include "format.h"
#include "image.h"
#include "lang.h"
#include "layout.h"
#include "output.h"
#include "qr.h"
#include "sheet.h"
#include "sheetpdf.h"
#include "theme.h"
#include "track.h"
#include "util.h"

#define DEFAULT_LAYOUT "klar"
#define MM_PT (72.0 / 25.4)
#define MARK_SLUG_MM 10.0 /* room outside the bleed for crop marks */
#define SAFE_CUT_MM 4.0   /* text and code keep this far from the trim edge */
#define QR_TYPICAL_MODULES 33.0 /* a version 4 code: sign-up addresses up to 62 bytes */

struct renderer {
        struct themes themes;
        struct fonts *fonts;
        char **language_codes;
        struct lang **langs;
        size_t n_langs;
        struct formats formats;
        struct layout **layouts; /* sorted by name */
        size_t n_layouts;
        const char **layout_names; /* the same order, NULL-terminated */
        char *data_sum; /* SHA-256 over every data file a render may read (see input_key) */
        /* The facts renderer_facts built last, and what for. */
        struct facts *facts;
        guint facts_of; /* community.serial */
        const struct lang *facts_lang;
        guint32 facts_day; /* Julian */
};

/* ---- set-up ------------------------------------------------------------------ */

/* A format name a layout uses (hide_on, formats = { a6 = ...; }) that
 * plakat does not know would silently never apply: say so. */
static void check_format_name(const struct renderer *r, const struct layout *l, const struct elem *e,
                              const char *key, const char *name, struct diag *d)
{
        if (formats_find(&r->formats, name))
                return;
        const char **all = g_new0(const char *, r->formats.n + 1);
        for (size_t k = 0; k < r->formats.n; k++)
                all[k] = r->formats.f[k].name;
        const char *near = diag_closest(name, all, r->formats.n);
        char *q = diag_quote(name, 40);
        char *where = g_strdup_printf("%s.%s", e->name, key);
        diag_warn(d, l->path, e->line, where, "unknown format %s%s%s%s (plakat formats lists them)", q,
                  near ? _("; did you mean ") : "", near ? near : "", near ? "?" : "");
        g_free(where);
        g_free(q);
        g_free(all);
}

/* The placeholders of what a reader needs on every output: where (the
 * street address), when (the date and time) and how to sign up.  A design
 * may not make them optional (issue 8): a poster without its address is
 * worse than one with a smaller headline. */
static const char *const key_placeholders[] = {
        "venue", "venue.address", "venues", "rota", "cycle", "next.date", "next.day", "next.full", "next.time",
        "time", "signup.url", "signup.short", NULL,
};

/* The first key placeholder e or anything inside it shows ("qr" for the
 * code), or NULL. */
static const char *key_in(const struct elem *e)
{
        if (e->kind == ELEM_QR)
                return "qr";
        if (e->kind == ELEM_TEXT && e->text) {
                GHashTable *names = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
                expand_names(e->text, names);
                const char *key = NULL;
                for (size_t k = 0; !key && key_placeholders[k]; k++)
                        if (g_hash_table_contains(names, key_placeholders[k]))
                                key = key_placeholders[k];
                g_hash_table_destroy(names);
                if (key)
                        return key;
        }
        for (size_t i = 0; i < e->n_children; i++) {
                const char *key = key_in(&e->children[i]);
                if (key)
                        return key;
        }
        return NULL;
}

/* An optional element with a key fact in it is drawn as if it were not
 * optional, and the designer is told. */
static void check_optional(const struct layout *l, struct elem *e, struct diag *d)
{
        const char *key = e->optional ? key_in(e) : NULL;
        if (!key)
                return;
        char *where = g_strdup_printf("%s.optional", e->name);
        diag_warn(d, l->path, e->line, where,
                  "shows %s%s%s: the street address, the date and time and the sign-up are never optional; "
                  "it is kept on every format (give it room, or hide_on it where a variant shows them)",
                  strcmp(key, "qr") == 0 ? _("the QR code") : "{", strcmp(key, "qr") == 0 ? "" : key,
                  strcmp(key, "qr") == 0 ? "" : "}");
        g_free(where);
        e->optional = false;
}

static void check_optionals(const struct layout *l, struct elem *es, size_t n, struct diag *d)
{
        for (size_t i = 0; i < n; i++) {
                check_optional(l, &es[i], d);
                check_optionals(l, es[i].children, es[i].n_children, d);
                for (size_t k = 0; k < es[i].n_variants; k++)
                        check_optionals(l, es[i].variants[k].elem, 1, d);
        }
}

/* What a layout names that only the renderer can check: fonts that are
 * installed, formats that exist, key facts made optional. */
static void check_elems(const struct renderer *r, const struct layout *l, const struct elem *es, size_t n,
                        struct diag *d)
{
        for (size_t i = 0; i < n; i++) {
                const struct elem *e = &es[i];
                if (e->kind == ELEM_TEXT && !fonts_has_family(r->fonts, e->font)) {
                        /* A family misspelt ("Inter Dispaly") or a role
                         * ("headlne", taken for a family): the nearest of
                         * both.  The family list repeats names (a font
                         * lists several), which changes no distance. */
                        GPtrArray *near = g_ptr_array_new();
                        g_ptr_array_add(near, (gpointer) "body");
                        g_ptr_array_add(near, (gpointer) "headline");
                        for (const char *const *f = fonts_families(r->fonts); *f; f++)
                                g_ptr_array_add(near, (gpointer)*f);
                        const char *close = diag_closest(e->font, (const char *const *)near->pdata, near->len);
                        if (close)
                                diag_warn(d, l->path, e->line, e->name,
                                          "font \"%s\" is not installed; another font is used; did you mean \"%s\"?",
                                          e->font, close);
                        else
                                diag_warn(d, l->path, e->line, e->name,
                                          "font \"%s\" is not installed; another font is used (add it to fonts/)",
                                          e->font);
                        g_ptr_array_free(near, TRUE);
                }
                for (char **h = e->hide_on; h && *h; h++)
                        check_format_name(r, l, e, "hide_on", *h, d);
                for (size_t k = 0; k < e->n_variants; k++)
                        check_format_name(r, l, e, "formats", e->variants[k].format, d);
                check_elems(r, l, e->children, e->n_children, d);
        }
}

static int by_name(const void *a, const void *b)
{
        return strcmp((*(struct layout *const *)a)->name, (*(struct layout *const *)b)->name);
}

static int by_string(const void *a, const void *b)
{
        return strcmp(*(char *const *)a, *(char *const *)b);
}

/* ---- layouts, read beside the rest of the set-up ------------------------------ *
 *
 * Every command reads every layout file, for its warnings (a broken design
 * is told whichever design the run draws), but the run needs the others
 * only after set-up.  Measured with callgrind on one A3 render of
 * urban-gardening.cfg (after cfg_member and the lazy paths): renderer_new
 * 37.6 M instructions, of them the three layouts 26.2 M (8.7 M each,
 * libconfig's parser 5.2 M of it) and the rest (data_sum 4.4 M, fonts
 * 2.7 M, languages 3.2 M, formats and themes 1 M) 11 M.  Options weighed:
 *
 *   - a second thread that reads the designs the run does not draw while
 *     the main thread fits and draws, joined before the first message and
 *     before batch.c forks.  Which design a run draws is known only per
 *     community (-l, else the file's style.layout, else klar), and which
 *     file holds a name only once every file before it is read (the first
 *     file to claim a name wins; foto.cfg comes before klar.cfg), so the
 *     main thread would draw on a guess and check it at the join; and
 *     without -q the warnings are printed right after set-up, so the join
 *     would come there anyway;
 *   - a cache of parsed and checked layouts keyed by the file's SHA-256,
 *     warnings replayed: saves the instructions too, but is a serialised
 *     struct layout read back from a file that must be treated as hostile
 *     (a second parser to fuzz), for 26 M;
 *   - this: the layout files are read (layout_load, each into its own
 *     diag) by a helper thread from the start and by the main thread once
 *     its own part of the set-up is done, both taking the next unread file;
 *     the helper is joined inside renderer_new, and the files' messages are
 *     added and the layouts checked afterwards, in file order.  The main
 *     thread's 11 M covers about one and a half of the helper's files, so
 *     on two cores the set-up takes about the time of the rest plus one
 *     layout, with no guess, and messages and forks are as before because
 *     no thread outlives renderer_new.
 *
 * Safe to read on another thread: layout_load touches no Pango or
 * fontconfig state, its tables are constant, libconfig parses numbers under
 * uselocale (per thread), and each file has its own diag. */

/* One *.cfg of a layouts folder, or a folder that could not be read. */
struct layout_file {
        char *path;
        char *unreadable; /* the folder, when it could not be read (path NULL) */
        struct layout *l; /* NULL when refused or not read */
        struct diag d;    /* the problems layout_load found */
};

struct layout_files {
        struct layout_file *f;
        gint n;
        gint next; /* the next file to read, taken atomically */
};

static void read_layout_files(struct layout_files *q)
{
        for (gint i; (i = g_atomic_int_add(&q->next, 1)) < q->n;)
                if (q->f[i].path)
                        q->f[i].l = layout_load(q->f[i].path, facts_placeholders(), &q->f[i].d);
}

static gpointer layout_helper(gpointer q)
{
        read_layout_files(q);
        return NULL;
}

/* Every *.cfg in each folder, in name order, folder after folder. */
static void list_layout_files(struct layout_files *q, const char *const *dirs)
{
        GArray *files = g_array_new(FALSE, TRUE, sizeof(struct layout_file));
        for (size_t k = 0; dirs[k]; k++) {
                GDir *gd = g_dir_open(dirs[k], 0, NULL);
                if (!gd) {
                        struct layout_file f = { .unreadable = g_strdup(dirs[k]) };
                        g_array_append_val(files, f);
                        continue;
                }
                GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
                const char *n;
                while ((n = g_dir_read_name(gd)))
                        if (g_str_has_suffix(n, ".cfg"))
                                g_ptr_array_add(names, g_strdup(n));
                g_dir_close(gd);
                g_ptr_array_sort(names, by_string);
                for (size_t i = 0; i < names->len; i++) {
                        struct layout_file f = { .path = g_build_filename(dirs[k], (char *)names->pdata[i], NULL) };
                        g_array_append_val(files, f);
                }
                g_ptr_array_free(names, TRUE);
        }
        for (size_t i = 0; i < files->len; i++)
                diag_init(&g_array_index(files, struct layout_file, i).d, NULL);
        q->n = (gint)files->len;
        q->next = 0;
        q->f = (struct layout_file *)(void *)g_array_free(files, FALSE);
}

static void layout_files_clear(struct layout_files *q)
{
        for (gint i = 0; i < q->n; i++) {
                g_free(q->f[i].path);
                g_free(q->f[i].unreadable);
                layout_free(q->f[i].l);
                diag_clear(&q->f[i].d);
        }
        g_free(q->f);
}

/* A layout file that is refused does not stop plakat: its problems are
 * told (as warnings, so other communities' renders still count as good)
 * and the other designs stay usable.  One designer's typo must not stop
 * the city office's batch.  Takes f->l. */
static void add_layout(struct renderer *r, struct layout_file *f, struct diag *d)
{
        if (f->unreadable) {
                diag_error(d, f->unreadable, 0, NULL, "cannot read this layouts folder");
                return;
        }
        struct layout *l = f->l;
        f->l = NULL;
        diag_add_as_warnings(d, &f->d);
        if (!l) {
                diag_warn(d, f->path, 0, NULL, "this layout is left out until it is mended");
                return;
        }
        for (size_t i = 0; i < r->n_layouts; i++)
                if (g_ascii_strcasecmp(r->layouts[i]->name, l->name) == 0) {
                        diag_warn(d, f->path, 0, "name", "a layout named \"%s\" exists already (%s); this one is left out",
                                  l->name, r->layouts[i]->path);
                        layout_free(l);
                        return;
                }
        for (int fam = 0; fam < FAMILY_COUNT; fam++) {
                check_elems(r, l, l->pages[fam].elems, l->pages[fam].n_elems, d);
                check_optionals(l, l->pages[fam].elems, l->pages[fam].n_elems, d);
        }
        r->layouts = g_renew(struct layout *, r->layouts, r->n_layouts + 1);
        r->layouts[r->n_layouts++] = l;
}

/* Feed the files of dir (sorted by name) to sum: their bytes, or with
 * contents false only name, size and time (fonts: megabytes that change
 * only with an install). */
static void sum_dir(struct digest *sum, const char *dir, bool contents)
{
        GDir *gd = g_dir_open(dir, 0, NULL);
        if (!gd)
                return;
        GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
        for (const char *n; (n = g_dir_read_name(gd));)
                g_ptr_array_add(names, g_strdup(n));
        g_dir_close(gd);
        g_ptr_array_sort(names, by_string);
        for (size_t i = 0; i < names->len; i++) {
                char *p = g_build_filename(dir, (char *)names->pdata[i], NULL);
                GStatBuf st;
                if (g_stat(p, &st) == 0 && S_ISREG(st.st_mode)) {
                        digest_update(sum, p, strlen(p));
                        char *data = NULL;
                        gsize len = 0;
                        if (contents && g_file_get_contents(p, &data, &len, NULL)) {
                                digest_update(sum, data, len);
                        } else {
                                char *meta = g_strdup_printf("%lld:%lld.%09ld", (long long)st.st_size,
                                                             (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
                                digest_update(sum, meta, strlen(meta));
                                g_free(meta);
                        }
                        g_free(data);
                }
                g_free(p);
        }
        g_ptr_array_free(names, TRUE);
}

/* Everything a render reads besides the community and its images: the
 * data folder's formats, themes, languages and layouts (their bytes), the
 * --layouts folders, and the fonts (names, sizes and times). */
static char *data_sum(const char *datadir, const char *const *font_dirs, const char *const *layout_dirs)
{
        struct digest sum;
        digest_init(&sum);
        static const char *const parts[] = { "formats", "themes", "lang", "layouts" };
        for (size_t i = 0; i < G_N_ELEMENTS(parts); i++) {
                char *dir = g_build_filename(datadir, parts[i], NULL);
                sum_dir(&sum, dir, true);
                g_free(dir);
        }
        for (size_t i = 0; layout_dirs && layout_dirs[i]; i++)
                sum_dir(&sum, layout_dirs[i], true);
        char *fonts = g_build_filename(datadir, "fonts", NULL);
        sum_dir(&sum, fonts, false);
        g_free(fonts);
        for (size_t i = 0; font_dirs && font_dirs[i]; i++)
                sum_dir(&sum, font_dirs[i], false);
        char *hex = g_malloc(DIGEST_HEX);
        digest_hex(&sum, hex);
        return hex;
}

struct renderer *renderer_new(const char *datadir, const char *const *extra_font_dirs,
                              const char *const *extra_layout_dirs, struct diag *d)
{
        struct renderer *r = g_new0(struct renderer, 1);
        size_t before = d->errors;
        /* Read the umask now, before any worker could be writing files. */
        output_file_mode();

        GPtrArray *ldirs = g_ptr_array_new_with_free_func(g_free);
        g_ptr_array_add(ldirs, g_build_filename(datadir, "layouts", NULL));
        for (size_t i = 0; extra_layout_dirs && extra_layout_dirs[i]; i++)
                g_ptr_array_add(ldirs, g_strdup(extra_layout_dirs[i]));
        g_ptr_array_add(ldirs, NULL);
        struct layout_files files;
        list_layout_files(&files, (const char *const *)ldirs->pdata);
        g_ptr_array_free(ldirs, TRUE);
        /* No helper (no thread to be had): the main thread reads them all.
         * The helper starts with every signal blocked, so Ctrl-C is
         * handled on the main thread, as everywhere in plakat. */
        GThread *helper = NULL;
        if (files.n > 0) {
                sigset_t all, old;
                sigfillset(&all);
                pthread_sigmask(SIG_SETMASK, &all, &old);
                helper = g_thread_try_new("plakat-layouts", layout_helper, &files, NULL);
                pthread_sigmask(SIG_SETMASK, &old, NULL);
        }

        r->data_sum = data_sum(datadir, extra_font_dirs, extra_layout_dirs);

        GPtrArray *dirs = g_ptr_array_new_with_free_func(g_free);
        g_ptr_array_add(dirs, g_build_filename(datadir, "fonts", NULL));
        for (size_t i = 0; extra_font_dirs && extra_font_dirs[i]; i++)
                g_ptr_array_add(dirs, g_strdup(extra_font_dirs[i]));
        g_ptr_array_add(dirs, NULL);
        r->fonts = fonts_new((const char *const *)dirs->pdata, d);
        g_ptr_array_free(dirs, TRUE);

        char *dir = g_build_filename(datadir, "lang", NULL);
        r->language_codes = lang_list(dir);
        r->n_langs = g_strv_length(r->language_codes);
        r->langs = g_new0(struct lang *, r->n_langs + 1);
        for (size_t i = 0; i < r->n_langs; i++)
                r->langs[i] = lang_load(dir, r->language_codes[i], d);
        g_free(dir);

        char *fpath = g_build_filename(datadir, "formats", "formats.cfg", NULL);
        formats_load(fpath, &r->formats, d);
        g_free(fpath);

        char *tpath = g_build_filename(datadir, "themes", "themes.cfg", NULL);
        if (g_file_test(tpath, G_FILE_TEST_EXISTS))
                themes_load(tpath, &r->themes, d);
        g_free(tpath);

        read_layout_files(&files);
        if (helper)
                g_thread_join(helper);
        /* Checked against the fonts and formats, and told, in file order:
         * the messages are those of reading the files one after another. */
        if (r->fonts) {
                for (gint i = 0; i < files.n; i++)
                        add_layout(r, &files.f[i], d);
                qsort(r->layouts, r->n_layouts, sizeof *r->layouts, by_name);
                r->layout_names = g_new0(const char *, r->n_layouts + 1);
                for (size_t i = 0; i < r->n_layouts; i++)
                        r->layout_names[i] = r->layouts[i]->name;
                if (!r->n_layouts)
                        diag_error(d, NULL, 0, NULL, "no layout could be loaded");
        }
        layout_files_clear(&files);
        if (d->errors > before || !renderer_lang(r, "de")) {
                renderer_free(r);
                return NULL;
        }
        return r;
}

void renderer_free(struct renderer *r)
{
        if (!r)
                return;
        facts_free(r->facts);
        for (size_t i = 0; i < r->n_langs; i++)
                lang_free(r->langs[i]);
        g_free(r->langs);
        g_strfreev(r->language_codes);
        for (size_t i = 0; i < r->n_layouts; i++)
                layout_free(r->layouts[i]);
        g_free(r->layouts);
        g_free(r->layout_names);
        g_free(r->data_sum);
        formats_clear(&r->formats);
        themes_clear(&r->themes);
        if (r->fonts)
                box_forget(fonts_context(r->fonts));
        fonts_free(r->fonts);
        g_free(r);
}

const char *const *renderer_languages(const struct renderer *r)
{
        return (const char *const *)r->language_codes;
}

const struct lang *renderer_lang(const struct renderer *r, const char *code)
{
        for (size_t i = 0; i < r->n_langs; i++)
                if (r->langs[i] && g_strcmp0(r->language_codes[i], code) == 0)
                        return r->langs[i];
        for (size_t i = 0; i < r->n_langs; i++)
                if (r->langs[i] && g_strcmp0(r->language_codes[i], "de") == 0)
                        return r->langs[i];
        return NULL;
}

/* By name, in capitals or not: a name from a fixed set is a word a lead
 * may write either way ("Klar"; docs/community-file.de.md says so). */
static const struct layout *find_layout(const struct renderer *r, const char *name)
{
        for (size_t i = 0; i < r->n_layouts; i++)
                if (g_ascii_strcasecmp(r->layouts[i]->name, name) == 0)
                        return r->layouts[i];
        return NULL;
}

void renderer_list_formats(const struct renderer *r, FILE *out)
{
        const char *lang = i18n_language();
        for (size_t i = 0; i < r->formats.n; i++) {
                const struct format *f = &r->formats.f[i];
                fprintf(out, "%-20s %5g x %-5g %s  %-6s %-9s %s\n", f->name, f->width, f->height,
                        f->print ? "mm" : "px", f->sheet_only ? "sheet" : f->print ? "PDF" : "PNG",
                        f->sheet_only ? "--sheet" : format_family_name(f->family),
                        i18n_texts_pick(&f->descriptions, lang));
        }
}

void renderer_list_themes(const struct renderer *r, FILE *out)
{
        /* "default" always exists, also when the themes file leaves it out
         * or says nothing about it. */
        const char *lang = i18n_language();
        const struct theme *def = themes_find(&r->themes, "default");
        const char *said = def ? i18n_texts_pick(&def->descriptions, lang) : "";
        fprintf(out, "%-12s %s\n", "default", *said ? said : _("the layout's own colours"));
        for (size_t i = 0; i < r->themes.n; i++)
                if (strcmp(r->themes.t[i].name, "default") != 0)
                        fprintf(out, "%-12s %s\n", r->themes.t[i].name,
                                i18n_texts_pick(&r->themes.t[i].descriptions, lang));
}

struct fonts *renderer_fonts(const struct renderer *r)
{
        return r->fonts;
}

const struct formats *renderer_formats(const struct renderer *r)
{
        return &r->formats;
}

const char *const *renderer_layout_names(const struct renderer *r)
{
        static const char *const none[] = { NULL };
        return r->layout_names ? r->layout_names : none;
}

const char *renderer_layout_from(const struct renderer *r, const char *path)
{
        for (size_t i = 0; i < r->n_layouts; i++)
                if (strcmp(r->layouts[i]->path, path) == 0)
                        return r->layouts[i]->name;
        return NULL;
}

bool renderer_layout_has(const struct renderer *r, const char *layout, const char *format)
{
        const struct layout *l = find_layout(r, layout ? layout : DEFAULT_LAYOUT);
        bool preview;
        const struct format *f = formats_request(&r->formats, format, &preview);
        return l && f && l->pages[f->family].present;
}

const char *renderer_default_layout(const struct renderer *r)
{
        (void)r;
        return DEFAULT_LAYOUT;
}

bool renderer_has_format(const struct renderer *r, const char *name)
{
        bool preview;
        return strcmp(name, "all") == 0 || formats_request(&r->formats, name, &preview);
}

void renderer_list_layouts(const struct renderer *r, FILE *out)
{
        const char *lang = i18n_language();
        /* TRANSLATORS: after the default design's name in plakat layouts */
        char *marked = g_strdup_printf(" %s", P_("layouts", "(default)"));
        for (size_t i = 0; i < r->n_layouts; i++) {
                const struct layout *l = r->layouts[i];
                GString *fams = g_string_new(NULL);
                for (size_t k = 0; k < r->formats.n; k++)
                        if (!r->formats.f[k].sheet_only && l->pages[r->formats.f[k].family].present)
                                g_string_append_printf(fams, "%s%s", fams->len ? "," : "", r->formats.f[k].name);
                fprintf(out, _("%-10s%s %s\n           formats: %s\n"), l->name,
                        strcmp(l->name, DEFAULT_LAYOUT) == 0 ? marked : "", i18n_texts_pick(&l->descriptions, lang),
                        fams->str);
                g_string_free(fams, TRUE);
        }
        g_free(marked);
}

/* ---- one community ---------------------------------------------------------------- */

/* What a format request means: a format, and whether it is a PNG preview
 * of a print format ("a3-png"). */
struct job {
        const struct format *f;
        bool preview;
};

/* The jobs for -f names with layout l: "all" is every format l has a
 * page for (the command line has already refused unknown names). */
static bool resolve_jobs(const struct renderer *r, const struct community *c, const struct layout *l,
                         char **names, GArray *jobs, struct diag *d)
{
        bool ok = true;
        for (size_t i = 0; names[i]; i++) {
                if (strcmp(names[i], "all") == 0) {
                        for (size_t k = 0; k < r->formats.n; k++)
                                if (!r->formats.f[k].sheet_only && l->pages[r->formats.f[k].family].present &&
                                    format_family_in_all(r->formats.f[k].family))
                                        g_array_append_val(jobs, ((struct job){ &r->formats.f[k], false }));
                        continue;
                }
                struct job j;
                j.f = formats_request(&r->formats, names[i], &j.preview);
                if (!j.f) {
                        diag_error(d, c->path, 0, NULL, "unknown format \"%s\" (plakat formats lists them)", names[i]);
                        ok = false;
                        continue;
                }
                g_array_append_val(jobs, j);
        }
        return ok;
}

/* Everything one community needs for all its formats. */
struct prep {
        const struct layout *layout;
        const struct lang *lang;
        struct facts *facts;
        struct palette palette;
        struct qr *qr;
        struct image *logo, *photo;
        struct rgb logo_colour; /* its opaque pixels' mean; unset when it has none */
        GArray *jobs;
};

static void prep_clear(struct prep *p)
{
        facts_free(p->facts);
        qr_free(p->qr);
        image_free(p->logo);
        image_free(p->photo);
        if (p->jobs)
                g_array_free(p->jobs, TRUE);
        memset(p, 0, sizeof *p);
}

static bool elems_show(const struct elem *es, size_t n, const char *source)
{
        for (size_t i = 0; i < n; i++)
                if ((es[i].kind == ELEM_IMAGE && strcmp(es[i].source, source) == 0) ||
                    elems_show(es[i].children, es[i].n_children, source))
                        return true;
        return false;
}

/* A logo or photo the community gave that no page of this render shows:
 * say so once, rather than leave the lead wondering where it went. */
static void warn_unshown(const struct community *c, const struct prep *p, const char *source, int line,
                         struct diag *d)
{
        if (!(strcmp(source, "logo") == 0 ? p->logo : p->photo))
                return;
        bool posters = false;
        for (size_t i = 0; i < p->jobs->len; i++) {
                enum family fam = g_array_index(p->jobs, struct job, i).f->family;
                const struct page *pg = &p->layout->pages[fam];
                if (pg->present && elems_show(pg->elems, pg->n_elems, source))
                        return;
                posters |= format_family_in_all(fam);
        }
        /* An invite card has no room for a photo; the posters say so if
         * they leave it out too. */
        if (!posters)
                return;
        char *setting = g_strdup_printf("style.%s", source);
        diag_warn(d, c->path, line, setting, "layout %s has no place for a %s in these formats; it is left out "
                  "(plakat layouts: pick a design that shows it)", p->layout->name, source);
        g_free(setting);
}

/* The key of a community's outputs, its render and its kit ask for the
 * same facts in turn, and building them (every value, the next meetings)
 * costs more than a flyer's fitting measures: the last ones are kept, for
 * the community loaded last (its serial: a freed community's memory may
 * hold the next one). */
struct facts *renderer_facts(struct renderer *r, const struct community *c, const GDate *today)
{
        const struct lang *l = renderer_lang(r, c->words_language);
        guint32 day = g_date_valid(today) ? g_date_get_julian(today) : 0;
        if (!r->facts || !c->serial || !day || r->facts_of != c->serial || r->facts_lang != l ||
            r->facts_day != day) {
                facts_free(r->facts);
                r->facts = facts_new(c, l, today);
                r->facts_of = c->serial;
                r->facts_lang = l;
                r->facts_day = day;
        }
        return facts_ref(r->facts);
}

static bool prep_init(struct renderer *r, const struct community *c, const struct render_options *o,
                      struct prep *p, struct diag *d)
{
        memset(p, 0, sizeof *p);
        /* -l wins; else the community's own choice; else the default. */
        const char *lname = o->layout ? o->layout : c->style.layout ? c->style.layout : DEFAULT_LAYOUT;
        p->layout = find_layout(r, lname);
        if (!p->layout) {
                const char **all = g_new0(const char *, r->n_layouts + 1);
                for (size_t k = 0; k < r->n_layouts; k++)
                        all[k] = r->layouts[k]->name;
                const char *near = diag_closest(lname, all, r->n_layouts);
                char *qname = diag_quote(lname, 40);
                diag_error(d, o->layout ? NULL : c->path, o->layout ? 0 : community_line(c, "style.layout"),
                           o->layout ? NULL : "style.layout",
                           "unknown layout %s%s%s%s (plakat layouts lists them)", qname,
                           near ? _("; did you mean ") : "", near ? near : "", near ? "?" : "");
                g_free(qname);
                g_free(all);
                return false;
        }
        p->lang = renderer_lang(r, c->words_language);
        p->facts = renderer_facts(r, c, &o->today);
        const struct theme *theme = NULL;
        if (c->style.theme && g_ascii_strcasecmp(c->style.theme, "default") != 0) {
                theme = themes_find(&r->themes, c->style.theme);
                if (!theme) {
                        const char **all = g_new0(const char *, r->themes.n + 1);
                        for (size_t k = 0; k < r->themes.n; k++)
                                all[k] = r->themes.t[k].name;
                        const char *near = diag_closest(c->style.theme, all, r->themes.n);
                        char *list = g_strjoinv(", ", (char **)all);
                        char *qt = diag_quote(c->style.theme, 40);
                        diag_warn(d, c->path, community_line(c, "style.theme"), "style.theme",
                                  "unknown theme %s%s%s%s; using default (themes: %s)", qt,
                                  near ? _("; did you mean ") : "", near ? near : "", near ? "?" : "", list);
                        g_free(list);
                        g_free(all);
                        g_free(qt);
                }
        }
        theme_palette(&p->layout->palette, theme, &c->style, &p->palette);
        p->jobs = g_array_new(FALSE, FALSE, sizeof(struct job));
        bool ok = resolve_jobs(r, c, p->layout, o->formats, p->jobs, d);

        char *e = NULL;
        p->qr = qr_encode(c->signup.url, QR_LEVEL_M, 0, &e);
        if (!p->qr) {
                diag_error(d, c->path, 0, "signup.url", "%s", e);
                g_free(e);
                ok = false;
        }
        if (c->style.logo &&
            !(p->logo = image_load_at(c->style.logo, c->path, c->style.logo_line, "style.logo", d)))
                ok = false;
        if (p->logo)
                image_mean_colour(p->logo, &p->logo_colour);
        if (c->style.photo &&
            !(p->photo = image_load_at(c->style.photo, c->path, c->style.photo_line, "style.photo", d)))
                ok = false;
        if (ok) {
                warn_unshown(c, p, "logo", c->style.logo_line, d);
                warn_unshown(c, p, "photo", c->style.photo_line, d);
        }
        return ok;
}

/* Canvas geometry of one job. */
struct canvas {
        double trim_w, trim_h; /* canvas units */
        double bleed;          /* canvas units on each side */
        double slug;           /* room for crop marks outside the bleed, each side */
        double pt;             /* canvas units per point */
        double mm;             /* canvas units per mm (print), 0 for screen */
};

static void canvas_for(const struct job *j, const struct render_options *o, struct canvas *cv)
{
        if (j->f->print) {
                double k = j->preview ? (o->dpi > 0 ? o->dpi : 150) / 25.4 : MM_PT;
                cv->mm = k;
                cv->pt = k / MM_PT;
                cv->trim_w = j->f->width * k;
                cv->trim_h = j->f->height * k;
                cv->bleed = o->bleed_mm * k;
                cv->slug = o->marks ? MARK_SLUG_MM * k : 0;
        } else {
                cv->slug = 0;
                cv->mm = 0;
                cv->pt = 1;
                cv->trim_w = j->f->width;
                cv->trim_h = j->f->height;
                cv->bleed = 0;
        }
        if (j->preview) {
                /* Whole pixels: the image size is rounded, the design not. */
                cv->trim_w = round(cv->trim_w);
                cv->trim_h = round(cv->trim_h);
                cv->bleed = round(cv->bleed);
                cv->slug = round(cv->slug);
        }
}

/* The colour behind the middle of box i: the last rectangle or code
 * drawn before it that covers that point; NULL over an image (unknown) or
 * the page background when nothing does. */
static const struct rgb *behind(const struct boxes *bs, size_t i, const struct rgb *page)
{
        const struct box *b = &bs->b[i];
        double cx = b->x + b->w / 2, cy = b->y + b->h / 2;
        for (size_t k = i; k-- > 0;) {
                const struct box *u = &bs->b[k];
                if (u->kind == BOX_TEXT || cx < u->x || cx > u->x + u->w || cy < u->y || cy > u->y + u->h)
                        continue;
                if (u->kind == BOX_IMAGE)
                        return NULL;
                return u->kind == BOX_QR ? &u->light : &u->colour;
        }
        return page;
}

static void check_text(const struct job *j, const struct layout *l, const struct canvas *cv,
                       const struct boxes *bs, size_t i, const char *file, const char *who, struct diag *d)
{
        const struct box *b = &bs->b[i];
        static const struct rgb white = { true, 1, 1, 1 };
        const struct rgb *bg = behind(bs, i, &white);
        /* WCAG 2 AA: 4.5:1, or 3:1 for large text (18 pt, or 14 pt bold).
         * Screen sizes are CSS px: 1 px = 0.75 pt. */
        double size_pt = j->f->print ? b->size / cv->pt : b->size * 0.75;
        bool large = size_pt >= 18 || (size_pt >= 14 && b->elem->weight >= 700);
        double need = large ? 3.0 : 4.5;
        /* Print below 6 pt is for the small print of contracts: a design
         * sized for A3 and scaled to A6 by mistake prints at 2 pt.  The
         * shipped designs' smallest is 6 pt on the invite cards. */
        if (j->f->print && size_pt + 0.05 < 6.0)
                diag_warn(d, file, 0, NULL, "%s: %s: text at %.1f pt is too small to read on paper; print needs "
                          "6 pt at least (the element's size)", who, b->elem->name, size_pt);
        if (bg) {
                double ratio = colour_contrast(b->colour, *bg);
                if (ratio + 0.005 < need) {
                        /* The colours may be the design's or the lead's:
                         * both places are named. */
                        char *lp = diag_clean(l->path);
                        diag_warn(d, file, 0, NULL,
                                  "%s: %s: text contrast is %.1f:1 against its background; WCAG AA asks for %.1f:1 "
                                  "(the element's colours at %s:%d, or style.text, style.background, style.primary "
                                  "or the theme)",
                                  who, b->elem->name, ratio, need, lp, b->elem->line);
                        g_free(lp);
                }
        }
        int unknown = pango_layout_get_unknown_glyphs_count(b->layout);
        if (unknown > 0)
                diag_warn(d, file, 0, NULL,
                          "%s: %s: %d character%s (emoji or a script without a shipped font) cannot be drawn and show as boxes",
                          who, b->elem->name, unknown, unknown == 1 ? "" : "s");
}

/* ---- what is drawn where ------------------------------------------------------------
 *
 * The renderer knows every box it draws, so it checks what a reader would
 * notice before anything is written: text on the QR code (the code may
 * no longer scan: an error), text on text, text the cut or an app's
 * covered band takes away, a "shortened" that is not so, a glyph drawn
 * as the missing-glyph box.  Text is measured by what its layout draws
 * (ink for what must stay clear, logical lines for text against text:
 * two lines set tight may touch with their ink and still read), never by
 * the element's box, which a fitted text fills only in part. */

struct rect {
        double x, y, w, h;
};

/* Whether a and b share more than a sliver (tol canvas units each way). */
static bool meets(struct rect a, struct rect b, double tol)
{
        return a.x + tol < b.x + b.w && b.x + tol < a.x + a.w && a.y + tol < b.y + b.h && b.y + tol < a.y + a.h;
}

static struct rect drawn(const struct box *b, bool ink)
{
        struct rect r = { b->x, b->y, b->w, b->h };
        if (b->kind == BOX_TEXT)
                box_text_extents(b, ink, &r.x, &r.y, &r.w, &r.h);
        return r;
}

/* Key content inside the margins a print shop or an app takes away. */
static void check_zones(const struct job *j, const struct canvas *cv, const struct box *b, struct rect r,
                        const char *file, const char *who, struct diag *d)
{
        if (j->f->print) {
                double m = SAFE_CUT_MM * cv->mm;
                if (r.x < m - 0.01 || r.y < m - 0.01 || r.x + r.w > cv->trim_w - m + 0.01 ||
                    r.y + r.h > cv->trim_h - m + 0.01)
                        diag_warn(d, file, 0, NULL, "%s: %s: closer than %.0f mm to the cut; it may be trimmed off",
                                  who, b->elem->name, SAFE_CUT_MM);
        } else if (r.x < -0.5 || r.x + r.w > cv->trim_w + 0.5) {
                diag_warn(d, file, 0, NULL, "%s: %s: runs off the side of the image", who, b->elem->name);
        } else if (r.y < -0.5 || r.y + r.h > cv->trim_h + 0.5) {
                /* Off the image, whatever band apps cover (none on a post:
                 * "the top or bottom 0 px" would say nothing). */
                diag_warn(d, file, 0, NULL, "%s: %s: runs off the top or bottom of the image", who, b->elem->name);
        } else if (r.y < j->f->safe_top - 0.5 || r.y + r.h > cv->trim_h - j->f->safe_bottom + 0.5) {
                diag_warn(d, file, 0, NULL, "%s: %s: lies in the top or bottom %.0f px that apps cover",
                          who, b->elem->name, fmax(j->f->safe_top, j->f->safe_bottom));
        }
}

/* Where each box drew: ink and line rectangles (a text's differ), asked
 * of Pango once for the page rather than once for every pair of boxes the
 * overlap checks compare.  Pango keeps a layout's extents once computed, so
 * this saves little (40 k instructions of an A6 flyer's 27 M); the cost of
 * the checks is the first ink measurement of each text, which they need. */
struct drawn {
        struct rect ink, line;
};

static struct drawn *drawn_all(const struct boxes *bs)
{
        struct drawn *all = g_new(struct drawn, bs->n);
        for (size_t i = 0; i < bs->n; i++) {
                all[i].ink = drawn(&bs->b[i], true);
                all[i].line = bs->b[i].kind == BOX_TEXT ? drawn(&bs->b[i], false) : all[i].ink;
        }
        return all;
}

/* Text against the QR code and against other text. */
static bool check_overlaps(const struct layout *l, const struct boxes *bs, const struct drawn *at, size_t i,
                           const char *file, const char *who, struct diag *d)
{
        const struct box *b = &bs->b[i];
        struct rect ink = at[i].ink, line = at[i].line;
        if (ink.w <= 0)
                return true;
        bool ok = true;
        for (size_t k = 0; k < bs->n; k++) {
                const struct box *u = &bs->b[k];
                if (u->kind == BOX_QR && meets(ink, at[k].ink, 0.01)) {
                        diag_error(d, file, 0, NULL, "%s: %s: text lies on the QR code (%s) or its quiet zone; "
                                   "the code may not scan", who, b->elem->name, u->elem->name);
                        ok = false;
                } else if (u->kind == BOX_IMAGE && strcmp(u->elem->source, "logo") == 0 && meets(ink, at[k].ink, 0.5)) {
                        /* A photo lies under text by design; a logo never does. */
                        diag_warn(d, file, 0, NULL, "%s: %s: text runs into the logo (%s)", who, b->elem->name,
                                  u->elem->name);
                } else if (u->kind == BOX_TEXT && k > i && at[k].ink.w > 0 && meets(line, at[k].line, 0.5)) {
                        diag_warn(d, file, 0, NULL, "%s: %s: text overlaps the text of %s", who, b->elem->name,
                                  u->elem->name);
                } else if (((u->kind == BOX_RECT && u->elem->kind == ELEM_RECT) || u->kind == BOX_IMAGE) && k > i &&
                           meets(ink, at[k].ink, 0.5)) {
                        /* Drawn later, a shape lies on the text, not under
                         * it.  A logo's plate (a rectangle of the logo's
                         * element) is told as the logo, above. */
                        char *lp = diag_clean(l->path);
                        diag_warn(d, file, 0, NULL, "%s: %s: text is covered by %s (%s:%d), which is drawn after "
                                  "it; list it before the text in the layout, or move one", who, b->elem->name,
                                  u->elem->name, lp, u->elem->line);
                        g_free(lp);
                }
        }
        return ok;
}

/* What a phone needs to read the code at i: dark modules on light ones,
 * 3:1 apart at least (WCAG 2.1's minimum for graphics a reader needs,
 * 1.4.11; a camera on printed paper needs more than a decoder on a clean
 * image, which reads even 1.6:1), and nothing drawn over it afterwards.
 * The colours come from the design, the theme and the community's
 * style, so they are checked per output. */
static bool check_qr_colours(const struct layout *l, const struct boxes *bs, const struct drawn *at, size_t i,
                             const char *file, const char *who, struct diag *d)
{
        const struct box *b = &bs->b[i];
        const int line = b->elem->line;
        char *lp = diag_clean(l->path); /* a folder name may hold anything */
        bool ok = true;
        double ratio = colour_contrast(b->colour, b->light);
        if (colour_luminance(b->colour) >= colour_luminance(b->light)) {
                diag_error(d, file, 0, NULL, "%s: %s: the QR code's dark modules are not darker than its light "
                           "ones; most phones read only a dark code on light (dark and light of the qr element, "
                           "%s:%d)", who, b->elem->name, lp, line);
                ok = false;
        } else if (ratio + 0.005 < 3.0) {
                diag_error(d, file, 0, NULL, "%s: %s: the QR code's dark and light differ by only %.1f:1; "
                           "the code may not scan (3:1 at least: dark and light of the qr element, %s:%d, or "
                           "the colours they name)", who, b->elem->name, ratio, lp, line);
                ok = false;
        }
        for (size_t k = i + 1; k < bs->n; k++) {
                const struct box *u = &bs->b[k];
                if ((u->kind == BOX_RECT || u->kind == BOX_IMAGE) && meets(at[i].ink, at[k].ink, 0.01)) {
                        diag_error(d, file, 0, NULL, "%s: %s: the QR code is covered by %s (%s:%d), which is drawn "
                                   "after it; the code may not scan", who, b->elem->name, u->elem->name, lp,
                                   u->elem->line);
                        ok = false;
                }
        }
        g_free(lp);
        return ok;
}

/* Checks on the laid-out page that a designer would make by eye. */
static bool check_boxes(const struct job *j, const struct canvas *cv, const struct prep *p,
                        const struct qr *qr, const struct boxes *bs, const char *file, int url_line,
                        const char *who, struct diag *d)
{
        bool ok = true;
        struct drawn *at = drawn_all(bs);
        for (size_t i = 0; i < bs->n; i++) {
                const struct box *b = &bs->b[i];
                if ((b->kind == BOX_TEXT || b->kind == BOX_QR) && at[i].ink.w > 0)
                        check_zones(j, cv, b, at[i].ink, file, who, d);
                if (b->kind == BOX_TEXT) {
                        check_text(j, p->layout, cv, bs, i, file, who, d);
                        ok &= check_overlaps(p->layout, bs, at, i, file, who, d);
                        /* A warning that says "shortened" must be true. */
                        if (b->shortened != pango_layout_is_ellipsized(b->layout))
                                diag_warn(d, file, 0, NULL, "%s: %s: the text was %s shortened with \"…\" but %s "
                                          "(a bug: please report it)", who, b->elem->name,
                                          b->shortened ? _("said to be") : _("not said to be"),
                                          b->shortened ? _("is not") : _("is"));
                }
                if (b->kind == BOX_IMAGE && j->f->print) {
                        bool logo = strcmp(b->elem->source, "logo") == 0;
                        const struct image *im = logo ? p->logo : p->photo;
                        double dpi = im ? image_effective_dpi(im, b->w / cv->mm, b->h / cv->mm, b->elem->fit) : INFINITY;
                        if (dpi < 150)
                                diag_warn(d, file, 0, logo ? "style.logo" : "style.photo",
                                          "%s: %s: the image has only %.0f dpi at its printed size; 150 dpi or more prints sharp",
                                          who, b->elem->name, dpi);
                }
                if (b->kind != BOX_QR)
                        continue;
                ok &= check_qr_colours(p->layout, bs, at, i, file, who, d);
                double module = b->w / qr_total(qr);
                /* qr_min is the width a typical sign-up address (version
                 * 4, 33 modules) needs at the format's viewing distance, so
                 * what must not shrink is the module: a short address makes
                 * a smaller code of bigger modules, which scans better. */
                double need = j->f->qr_min / QR_TYPICAL_MODULES;
                const char *unit = j->f->print ? "mm" : "px";
                double scale = j->f->print ? cv->mm : 1;
                double m = module / scale, hard = j->f->print ? 0.33 : 2;
                if (m < hard) {
                        diag_error(d, file, url_line, "signup.url",
                                   "%s: too long for the QR code of this design (modules of %.2f %s); "
                                   "use a shorter address, or a design with a bigger code", who, m, unit);
                        ok = false;
                } else if (m + 0.005 < need) {
                        diag_warn(d, file, url_line, "signup.url",
                                  "%s: the QR code's modules are %.2f %s; at this format's viewing distance "
                                  "they should be at least %.2f %s (a shorter address gives bigger modules)",
                                  who, m, unit, need, unit);
                }
        }
        g_free(at);
        return ok;
}

/* Whether e (as drawn on format) or anything inside it made a box in
 * drawn; a list that did counts its list fact as shown ("agenda"), which
 * no placeholder of its item texts names. */
static bool mark_lists(const struct elem *e, const char *format, GHashTable *drawn, GHashTable *shown)
{
        e = layout_elem_for(e, format);
        if (!e)
                return false;
        bool any = g_hash_table_contains(drawn, e);
        for (size_t i = 0; i < e->n_children; i++)
                any |= mark_lists(&e->children[i], format, drawn, shown);
        if (any && e->kind == ELEM_LIST && e->items)
                g_hash_table_add(shown, g_strdup(e->items));
        return any;
}

/* Record in shown every fact the laid-out page printed, for check's "Not
 * shown" line. */
static void note_shown(const struct page *pg, const char *format, const struct boxes *bs, GHashTable *drawn,
                       GHashTable *shown)
{
        for (size_t i = 0; i < bs->n; i++)
                if (bs->b[i].kind == BOX_TEXT)
                        expand_names(bs->b[i].elem->text, shown);
        for (size_t i = 0; i < pg->n_elems; i++)
                mark_lists(&pg->elems[i], format, drawn, shown);
}

/* Whether e's needs and unless let it in for this community. */
static bool elem_wanted(const struct prep *p, const struct elem *e)
{
        for (size_t i = 0; e->needs && e->needs[i]; i++)
                if (!facts_get(p->facts, e->needs[i]))
                        return false;
        for (size_t i = 0; e->unless && e->unless[i]; i++)
                if (facts_get(p->facts, e->unless[i]))
                        return false;
        return true;
}

/* An element that has something to show on this output: what it needs
 * is there, and a text names a fact with a value (or only labels). */
static bool elem_given(const struct prep *p, const struct elem *e, const char *format)
{
        if (!elem_wanted(p, e))
                return false;
        switch (e->kind) {
        case ELEM_IMAGE:
                return strcmp(e->source, "logo") == 0 ? p->logo != NULL : p->photo != NULL;
        case ELEM_TEXT: {
                GHashTable *names = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
                expand_names(e->text, names);
                bool facts = false, value = false;
                GHashTableIter it;
                gpointer k;
                g_hash_table_iter_init(&it, names);
                while (g_hash_table_iter_next(&it, &k, NULL)) {
                        if (g_str_has_prefix(k, "label."))
                                continue;
                        facts = true;
                        value |= facts_get(p->facts, k) != NULL;
                }
                g_hash_table_destroy(names);
                return value || !facts;
        }
        case ELEM_LIST:
                return facts_list_len(p->facts, e->items) > 0;
        case ELEM_STACK:
        case ELEM_ROW:
        case ELEM_GRID:
                for (size_t i = 0; i < e->n_children; i++) {
                        const struct elem *ch = layout_elem_for(&e->children[i], format);
                        if (ch && elem_given(p, ch, format))
                                return true;
                }
                return false;
        case ELEM_RECT:
        case ELEM_QR:
                break;
        }
        return true;
}

static bool elem_drawn(const struct elem *e, const char *format, GHashTable *drawn)
{
        if (g_hash_table_contains(drawn, e))
                return true;
        for (size_t i = 0; i < e->n_children; i++) {
                const struct elem *ch = layout_elem_for(&e->children[i], format);
                if (ch && elem_drawn(ch, format, drawn))
                        return true;
        }
        return false;
}

/* The optional elements that had something to show but were left out
 * for room, by name, into dropped. */
static void note_dropped(const struct prep *p, const struct elem *es, size_t n, const char *format,
                         GHashTable *drawn, GPtrArray *dropped)
{
        for (size_t i = 0; i < n; i++) {
                const struct elem *e = layout_elem_for(&es[i], format);
                /* A container its needs or unless leave out (the design's
                 * other version of a section) gave way to nothing. */
                if (!e || !elem_wanted(p, e))
                        continue;
                if (e->optional && elem_given(p, e, format) && !elem_drawn(e, format, drawn))
                        g_ptr_array_add(dropped, e->name);
                else if (e->kind != ELEM_LIST)
                        note_dropped(p, e->children, e->n_children, format, drawn, dropped);
        }
}

static bool shows_any(GHashTable *shown, const char *names)
{
        char **v = g_strsplit(names, " ", -1);
        bool any = false;
        for (char **n = v; *n && !any; n++)
                any = g_hash_table_contains(shown, *n);
        g_strfreev(v);
        return any;
}

/* Where, when and how to sign up are on every output (issue 8): a
 * design that ran out of room for one of them has already said which
 * element it left out; this says what the reader loses. */
static void check_key_facts(const struct prep *p, const struct boxes *bs, GHashTable *shown, const char *file,
                            const char *who, struct diag *d)
{
        bool qr = false;
        for (size_t i = 0; i < bs->n; i++)
                qr |= bs->b[i].kind == BOX_QR;
        /* The sign-up may still be printed, but every output promises a
         * code to scan (a design may leave it out by mistake). */
        if (!qr)
                diag_warn(d, file, 0, NULL, "%s: no QR code: the design draws none on this output; a reader "
                          "expects one to scan for the sign-up", who);
        const char *lost[3];
        size_t n = 0;
        if ((facts_get(p->facts, "venue.address") || facts_get(p->facts, "rota")) &&
            !shows_any(shown, "venue.address venue venues rota"))
                lost[n++] = _("the street address");
        if (facts_get(p->facts, "cycle") && !shows_any(shown, "cycle") &&
            !(shows_any(shown, "next next.date next.day next.full") && shows_any(shown, "next.time time")))
                lost[n++] = _("the date and time");
        if (!qr && !shows_any(shown, "signup.url signup.short"))
                lost[n++] = _("the sign-up");
        for (size_t i = 0; i < n; i++)
                diag_warn(d, file, 0, NULL, "%s: %s is not shown; a reader needs it on every output "
                          "(the design must give it room)", who, lost[i]);
}

/* ---- plates under logos ------------------------------------------------------------
 *
 * A logo in the colour of the band it sits on vanishes (a navy logo on a
 * navy band is 1.0:1; with its yellow bars 1.1:1).  Its opaque pixels'
 * mean colour stands for the logo as seen from afar; below PLATE_CONTRAST
 * against the colour behind it, the logo gets a plate: a rounded card,
 * white or near-black, whichever contrasts more with the logo, drawn
 * inside the element's box, with the logo shrunk by the plate's margin so
 * that nothing the design placed around the box is touched.  Over a photo
 * the colour behind is unknown and changes under the logo: it gets the
 * plate too, as the QR code gets its white card. */
#define PLATE_CONTRAST 1.5
#define PLATE_MARGIN 0.12 /* of the box's shorter side, all round the logo */

/* Put a plate under the logo box at i: shrink the logo into the box less
 * the margin, then fit the plate around the logo as drawn (contain leaves
 * bands, the plate does not). */
static void add_plate(struct boxes *bs, size_t i, const struct image *logo, struct rgb colour)
{
        struct box *b = &bs->b[i];
        double pad = PLATE_MARGIN * fmin(b->w, b->h);
        b->x += pad, b->y += pad, b->w -= 2 * pad, b->h -= 2 * pad;
        double lw = b->w, lh = b->h, iw, ih;
        image_size(logo, &iw, &ih);
        if (b->elem->fit == FIT_CONTAIN && iw > 0 && ih > 0) {
                double k = fmin(b->w / iw, b->h / ih);
                lw = iw * k, lh = ih * k;
        }
        struct rect r = { b->x + (b->w - lw) / 2 - pad, b->y + (b->h - lh) / 2 - pad, lw + 2 * pad, lh + 2 * pad };
        struct box *plate = boxes_insert(bs, i, BOX_RECT, b->elem);
        plate->x = r.x, plate->y = r.y, plate->w = r.w, plate->h = r.h;
        plate->colour = colour;
        plate->radius = pad;
}

/* Every logo box that would vanish on its background gets a plate, or,
 * where its element says plate = "none", a warning. */
static void plate_logos(const struct community *c, const struct prep *p, struct boxes *bs, const char *who,
                        struct diag *d)
{
        static const struct rgb white = { true, 1, 1, 1 }, dark = { true, 0x1E / 255.0, 0x1E / 255.0, 0x1E / 255.0 };
        if (!p->logo || !p->logo_colour.set)
                return;
        for (size_t i = 0; i < bs->n; i++) {
                const struct box *b = &bs->b[i];
                if (b->kind != BOX_IMAGE || strcmp(b->elem->source, "logo") != 0)
                        continue;
                /* The page under everything is white paper. */
                const struct rgb *bg = behind(bs, i, &white);
                double ratio = bg ? colour_contrast(p->logo_colour, *bg) : 1;
                if (ratio >= PLATE_CONTRAST)
                        continue;
                if (b->elem->plate == PLATE_NONE) {
                        if (bg)
                                diag_warn(d, c->path, c->style.logo_line, "style.logo",
                                          "%s: %s: hardly visible on its background (contrast %.1f:1)", who,
                                          b->elem->name, ratio);
                        continue;
                }
                bool light = colour_contrast(p->logo_colour, white) >= colour_contrast(p->logo_colour, dark);
                add_plate(bs, i, p->logo, light ? white : dark);
                i++; /* the logo, now after its plate */
        }
}

/* Lay out job j into bs and check it.  shown gets the facts its texts
 * print, dropped (may be NULL) the names of optional elements left out
 * for room. */
static bool lay_out(struct renderer *r, const struct community *c, const struct render_options *o,
                    const struct prep *p, const struct qr *qr, const struct job *j, const struct canvas *cv,
                    const char *who, struct boxes *bs, GHashTable *shown, GPtrArray *dropped, struct diag *d)
{
        const struct page *pg = &p->layout->pages[j->f->family];
        const char *file = c->path;
        if (!pg->present) {
                diag_error(d, file, 0, NULL, "%s: layout %s has no %s page for this format", who,
                           p->layout->name, format_family_name(j->f->family));
                memset(bs, 0, sizeof *bs);
                return false;
        }
        (void)o;
        struct box_target t = {
                .page = pg,
                .width = cv->trim_w,
                .height = cv->trim_h,
                .bleed = cv->bleed,
                .pt = cv->pt,
                .screen = !j->f->print,
                .format = j->f->name,
                .lang = c->language,
                .palette = &p->palette,
                .facts = p->facts,
                .pango = fonts_context(r->fonts),
                .logo = p->logo ? c->style.logo : NULL,
                .photo = p->photo ? c->style.photo : NULL,
                .hyphenate_words = true,
                .file = c->path,
                .who = who,
        };
        bool ok = box_layout(&t, bs, d);
        plate_logos(c, p, bs, who, d);
        GHashTable *drawn = g_hash_table_new(g_direct_hash, g_direct_equal);
        for (size_t i = 0; i < bs->n; i++)
                g_hash_table_add(drawn, (gpointer)bs->b[i].elem);
        note_shown(pg, j->f->name, bs, drawn, shown);
        if (dropped)
                note_dropped(p, pg->elems, pg->n_elems, j->f->name, drawn, dropped);
        g_hash_table_destroy(drawn);
        if (ok)
                check_key_facts(p, bs, shown, file, who, d);
        return check_boxes(j, cv, p, qr, bs, c->path, community_line(c, "signup.url"), who, d) && ok;
}


/* The sign-up code one output carries: the community's own, or (with
 * signup.track) one for its address with this output's parameter. */
struct code {
        const struct qr *qr;
        const char *url;
        struct qr *own; /* a tracked code, freed by code_clear */
        char *own_url;
};

static bool code_for(const struct community *c, const struct prep *p, const char *value, struct code *k,
                     struct diag *d)
{
        memset(k, 0, sizeof *k);
        k->qr = p->qr;
        k->url = c->signup.url;
        if (!c->signup.track)
                return true;
        k->own_url = track_url(c->signup.url, c->signup.track, value);
        char *e = NULL;
        k->own = qr_encode(k->own_url, QR_LEVEL_M, 0, &e);
        if (!k->own) {
                diag_error(d, c->path, community_line(c, "signup.track"), "signup.track", "%s", e);
                g_free(e);
                return false;
        }
        k->qr = k->own;
        k->url = k->own_url;
        return true;
}

static void code_clear(struct code *k)
{
        qr_free(k->own);
        g_free(k->own_url);
}

/* "a3 (klar)": which output a message is about; the file comes first. */
static char *who_of(const struct job *j, const struct layout *l)
{
        return g_strdup_printf("%s%s (%s)", j->f->name, j->preview ? "-png" : "", l->name);
}

static void json_string(GString *s, const char *v)
{
        g_string_append_c(s, '"');
        for (const char *p = v; *p; p++) {
                if (*p == '"' || *p == '\\')
                        g_string_append_printf(s, "\\%c", *p);
                else if ((unsigned char)*p < 0x20)
                        g_string_append_printf(s, "\\u%04x", (unsigned char)*p);
                else
                        g_string_append_c(s, *p);
        }
        g_string_append_c(s, '"');
}

/* --debug-boxes: every box of the page as drawn, in the page's units
 * from its top-left corner (bleed and slug included, as a PDF reader
 * measures), text boxes by their ink and their logical lines. */
static char *boxes_json(const struct job *j, const struct canvas *cv, const struct boxes *bs)
{
        static const char *const kinds[] = { [BOX_RECT] = "rect", [BOX_TEXT] = "text", [BOX_IMAGE] = "image",
                                             [BOX_QR] = "qr" };
        double off = cv->bleed + cv->slug;
        GString *s = g_string_new(NULL);
        g_string_append_printf(s, "{\"format\": \"%s%s\", \"unit\": \"%s\",\n \"trim\": [%.2f, %.2f, %.2f, %.2f],\n",
                               j->f->name, j->preview ? "-png" : "", j->f->print && !j->preview ? "pt" : "px", off,
                               off, cv->trim_w, cv->trim_h);
        if (j->f->print)
                g_string_append_printf(s, " \"safe\": %.2f,\n", SAFE_CUT_MM * cv->mm);
        else
                g_string_append_printf(s, " \"safe_top\": %.2f, \"safe_bottom\": %.2f,\n", j->f->safe_top,
                                       j->f->safe_bottom);
        g_string_append(s, " \"boxes\": [");
        for (size_t i = 0; i < bs->n; i++) {
                const struct box *b = &bs->b[i];
                struct rect r = drawn(b, true);
                g_string_append_printf(s, "%s\n  {\"element\": ", i ? "," : "");
                json_string(s, b->elem->name);
                /* A rect an image element made is the plate under a logo. */
                bool plate = b->kind == BOX_RECT && b->elem->kind == ELEM_IMAGE;
                g_string_append_printf(s, ", \"kind\": \"%s\", \"x\": %.2f, \"y\": %.2f, \"w\": %.2f, \"h\": %.2f",
                                       plate ? "plate" : kinds[b->kind], r.x + off, r.y + off, r.w, r.h);
                if (b->kind == BOX_TEXT) {
                        struct rect l = drawn(b, false);
                        g_string_append_printf(s, ", \"logical\": [%.2f, %.2f, %.2f, %.2f], \"size\": %.2f, "
                                               "\"shortened\": %s, \"broken\": %s, \"unknown_glyphs\": %d, \"text\": ",
                                               l.x + off, l.y + off, l.w, l.h, b->size, b->shortened ? "true" : "false",
                                               b->broken ? "true" : "false",
                                               pango_layout_get_unknown_glyphs_count(b->layout));
                        json_string(s, pango_layout_get_text(b->layout));
                }
                g_string_append_c(s, '}');
        }
        g_string_append(s, "\n]}\n");
        return g_string_free(s, FALSE);
}

/* "-print" for a page with bleed or crop marks: the print-shop file gets
 * its own name, so it and the plain NAME-FORMAT.pdf can both exist. */
static const char *print_suffix(const struct canvas *cv)
{
        return cv->bleed > 0 || cv->slug > 0 ? "-print" : "";
}

/* Open, write and finish the boxes file of a job in the slot *box. */
static bool write_boxes(const struct community *c, const struct render_options *o, const struct job *j,
                        const struct canvas *cv, const struct boxes *bs, struct output *box, struct diag *d)
{
        char *name = g_strdup_printf("%s-%s%s%s.boxes.%s", c->slug, j->f->name, print_suffix(cv),
                                     j->preview ? "-png" : "", output_writer(OUTPUT_JSON)->ext);
        char *path = g_build_filename(o->outdir, name, NULL);
        bool ok = output_open(box, OUTPUT_JSON, path, NULL, d);
        if (ok) {
                char *json = boxes_json(j, cv, bs);
                output_write(box, json, strlen(json));
                g_free(json);
                ok = output_finish(box, d);
        }
        g_free(path);
        g_free(name);
        return ok;
}

/* Lay out and draw job j into the next free slot of outs (*used counts
 * them), and with --debug-boxes its boxes file into the one after. */
static bool render_job(struct renderer *r, const struct community *c, const struct render_options *o,
                       const struct prep *p, const struct job *j, struct render_batch *b, struct diag *d)
{
        struct output *out = render_batch_add(b, j->f, j->preview);
        struct canvas cv;
        canvas_for(j, o, &cv);
        char *who = who_of(j, p->layout);
        struct boxes bs = { 0 };
        /* The parameter names the output as -f does: "a3", "a3-png". */
        char *value = g_strdup_printf("%s%s", j->f->name, j->preview ? "-png" : "");
        struct code k;
        GHashTable *shown = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
        bool ok = code_for(c, p, value, &k, d) && lay_out(r, c, o, p, k.qr, j, &cv, who, &bs, shown, NULL, d);
        g_hash_table_destroy(shown);
        g_free(value);
        enum output_kind kind = format_output(j->f, j->preview);
        bool pdf = kind == OUTPUT_PDF;
        char date[16];
        g_date_strftime(date, sizeof date, "%Y-%m-%d", &o->today);
        /* PDF boxes count from the bottom left, in points. */
        double page_w = cv.trim_w + 2 * (cv.bleed + cv.slug), page_h = cv.trim_h + 2 * (cv.bleed + cv.slug);
        struct pdfbox trim = { cv.slug + cv.bleed, cv.slug + cv.bleed, page_w - cv.slug - cv.bleed,
                               page_h - cv.slug - cv.bleed };
        struct pdfbox bleed = { cv.slug, cv.slug, page_w - cv.slug, page_h - cv.slug };
        bool boxes = pdf && (cv.bleed > 0 || cv.slug > 0);
        struct pdf_meta meta = { c->name, c->lead.name, c->topic, NULL, date,
                                 boxes ? &trim : NULL, boxes ? &bleed : NULL };
        struct output_spec spec = { page_w, page_h, j->preview ? (o->dpi > 0 ? o->dpi : 150) : 0, &meta, o->threads,
                                    false };
        if (ok && o->stream_fd >= 0) {
                ok = output_open_stream(out, kind, o->stream_fd, o->stream_name, &spec, d);
        } else if (ok) {
                char *name = g_strdup_printf("%s-%s%s.%s", c->slug, j->f->name, print_suffix(&cv),
                                             output_writer(kind)->ext);
                char *path = g_build_filename(o->outdir, name, NULL);
                ok = output_open(out, kind, path, &spec, d);
                g_free(path);
                g_free(name);
        }
        if (ok) {
                struct draw_target dt = { NULL, !pdf, k.qr, k.url, who, p->logo, p->photo, NULL };
                struct draw_frame frame = { cv.trim_w, cv.trim_h, cv.bleed, cv.slug, cv.mm, cv.pt, pdf };
                const char *why = draw_page(out->surface, &frame, &dt, &bs);
                if (!why) {
                        ok = output_finish(out, d);
                } else {
                        if (!output_failed(out, d))
                                diag_error(d, c->path, 0, NULL, "%s: cannot draw this page: %s", who, why);
                        ok = false;
                }
        }
        if (ok && o->debug_boxes && o->stream_fd < 0)
                ok = write_boxes(c, o, j, &cv, &bs, render_batch_add(b, j->f, j->preview), d);
        boxes_clear(&bs);
        code_clear(&k);
        g_free(who);
        return ok;
}

/* Feed a file to sum: its path, its time (a file touched since counts as
 * changed, as make has it: more work at worst, never a wrong skip) and
 * its bytes.  NULLs for what could not be read (then the render fails and
 * says why). */
static void sum_read(struct digest *sum, const char *path, const char *stamp, const char *data, size_t len)
{
        digest_update(sum, path, strlen(path));
        if (stamp)
                digest_update(sum, stamp, strlen(stamp));
        if (data)
                digest_update(sum, data, len);
}

/* The same of a file read now. */
static void sum_file(struct digest *sum, const char *path)
{
        char *data = NULL, *stamp = NULL;
        gsize len = 0;
        GStatBuf st;
        if (g_stat(path, &st) == 0)
                stamp = g_strdup_printf("%lld.%09ld", (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
        if (!g_file_get_contents(path, &data, &len, NULL))
                data = NULL;
        sum_read(sum, path, stamp, data, len);
        g_free(stamp);
        g_free(data);
}

char *renderer_input_key(struct renderer *r, const struct community *c, const struct render_options *o)
{
        struct digest sum;
        digest_init(&sum);
        char *opts = g_strdup_printf("plakat %s|%s|%s|%g|%g|%d|%s", PLAKAT_VERSION, r->data_sum,
                                     o->layout ? o->layout : "", o->dpi, o->bleed_mm, o->marks, o->outdir);
        digest_update(&sum, opts, strlen(opts));
        g_free(opts);
        for (size_t i = 0; o->formats && o->formats[i]; i++)
                digest_update(&sum, o->formats[i], strlen(o->formats[i]) + 1);
        /* The community file as it was parsed, not as it is now: changed in
         * between, the key would vouch for bytes never drawn. */
        if (c->source)
                sum_read(&sum, c->path, c->source_stamp, c->source, c->source_len);
        else
                sum_file(&sum, c->path);
        if (c->style.logo)
                sum_file(&sum, c->style.logo);
        if (c->style.photo)
                sum_file(&sum, c->style.photo);
        /* The words of the day: the next meetings and everything else a
         * template can print, as of o->today. */
        struct facts *f = renderer_facts(r, c, &o->today);
        for (const char *const *k = facts_placeholders(); *k; k++) {
                const char *v = facts_get(f, *k);
                digest_update(&sum, *k, strlen(*k) + 1);
                digest_update(&sum, v ? v : "", v ? strlen(v) + 1 : 1);
        }
        facts_free(f);
        char *hex = g_malloc(DIGEST_HEX);
        digest_hex(&sum, hex);
        return hex;
}

void render_result_clear(struct render_result *r)
{
        for (size_t i = 0; i < r->n; i++)
                g_free(r->items[i].path);
        g_free(r->items);
        memset(r, 0, sizeof *r);
}

/* ---- batches: one community's files, committed together ------------------------ */

struct pending {
        struct output out;
        const struct format *format;
        bool preview;
};

struct render_batch {
        GPtrArray *items; /* struct pending, owned */
};

static void pending_free(gpointer x)
{
        struct pending *pe = x;
        output_abort(&pe->out);
        g_free(pe);
}

struct render_batch *render_batch_new(void)
{
        struct render_batch *b = g_new0(struct render_batch, 1);
        b->items = g_ptr_array_new_with_free_func(pending_free);
        return b;
}

void render_batch_free(struct render_batch *b)
{
        if (!b)
                return;
        g_ptr_array_free(b->items, TRUE);
        g_free(b);
}

struct output *render_batch_add(struct render_batch *b, const struct format *f, bool preview)
{
        struct pending *pe = g_new0(struct pending, 1);
        /* Nothing open yet: output_abort must find no descriptor. */
        pe->out.fd = pe->out.stream = pe->out.sink.fd = -1;
        pe->format = f;
        pe->preview = preview;
        g_ptr_array_add(b->items, pe);
        return &pe->out;
}

size_t render_batch_len(const struct render_batch *b)
{
        return b->items->len;
}

const char *render_batch_path(const struct render_batch *b, size_t i)
{
        return ((const struct pending *)b->items->pdata[i])->out.path;
}

const struct format *render_batch_format(const struct render_batch *b, size_t i, bool *preview)
{
        const struct pending *pe = b->items->pdata[i];
        *preview = pe->preview;
        return pe->format;
}

bool render_batch_commit(struct render_batch *b, struct render_result *res, struct diag *d)
{
        if (res)
                memset(res, 0, sizeof *res);
        /* All or nothing: every file is complete under a temporary name
         * before the first is renamed, and a failed rename takes back the
         * ones before it. */
        size_t n = b->items->len, committed = 0;
        bool ok = true;
        for (; ok && committed < n; committed++)
                ok = output_commit(&((struct pending *)b->items->pdata[committed])->out, committed + 1 < n, d);
        if (!ok) {
                for (size_t i = 0; i + 1 < committed; i++)
                        output_uncommit(&((struct pending *)b->items->pdata[i])->out);
                return false;
        }
        if (res) {
                res->items = g_new0(struct rendered, n ? n : 1);
                for (size_t i = 0; i < n; i++) {
                        const struct pending *pe = b->items->pdata[i];
                        struct rendered *it = &res->items[res->n++];
                        *it = (struct rendered){ g_strdup(pe->out.path), pe->format, pe->preview, pe->out.w->kind, "" };
                        memcpy(it->sha256, pe->out.sha256, sizeof it->sha256);
                }
        }
        return true;
}

bool renderer_render_batch(struct renderer *r, const struct community *c, const struct render_options *o,
                           struct render_batch *b, struct diag *d)
{
        size_t errors_before = d->errors;
        struct prep p;
        bool ok = prep_init(r, c, o, &p, d);
        if (ok && o->stream_fd < 0 && g_mkdir_with_parents(o->outdir, 0777) != 0) {
                diag_fail(d, o->outdir, "cannot create the output folder: %s", g_strerror(errno));
                ok = false;
        }
        /* A stream carries one file: two formats would run together. */
        g_assert(!ok || o->stream_fd < 0 || p.jobs->len == 1);
        size_t n = ok ? p.jobs->len : 0;
        /* Every format, even after one failed: the lead hears of every
         * problem in one go (nothing is kept if any failed). */
        for (size_t i = 0; i < n; i++) {
                const struct job *j = &g_array_index(p.jobs, struct job, i);
                ok &= render_job(r, c, o, &p, j, b, d);
        }
        prep_clear(&p);
        /* A refusal always says why; a path that forgot to is our bug, and
         * the lead must still hear that nothing was written. */
        if (!ok && d->errors == errors_before)
                diag_error(d, c->path, 0, NULL, "could not be rendered, for a reason plakat failed to name "
                           "(a bug: please report it); nothing was written");
        return ok;
}

bool renderer_render(struct renderer *r, const struct community *c,
                     const struct render_options *o, struct render_result *res, struct diag *d)
{
        if (res)
                memset(res, 0, sizeof *res);
        struct render_batch *b = render_batch_new();
        bool ok = renderer_render_batch(r, c, o, b, d) && render_batch_commit(b, res, d);
        render_batch_free(b);
        return ok;
}

/* ---- sheets ---------------------------------------------------------------------- */

/* A sheet being filled: the open output, its pages, the page being drawn,
 * the plan. */
struct sheeting {
        struct output *out;
        struct sheetpdf *pages; /* writes into out's surface */
        struct sheet_plan plan; /* pt */
        cairo_t *page;          /* the current page, NULL between pages */
        size_t placed;          /* pieces on the current page */
        size_t pieces;          /* pieces in all */
        double mm, pt;
        const char *why;        /* cairo's reason, once drawing failed */
};

/* Whether the sheet's pages are written on a thread beside the drawing:
 * only when a second processor is there and may be used (-j 1 keeps one
 * busy; see sheetpdf.c). */
static bool sheet_writer_thread(const struct render_options *o)
{
        unsigned have = util_processors();
        unsigned may = o->threads > 0 ? MIN((unsigned)o->threads, have) : have;
        return may >= 2;
}

static void sheet_page_end(struct sheeting *sh)
{
        if (!sh->page)
                return;
        double *xs = g_new(double, 2 * (size_t)sh->plan.cols + 1);
        double *ys = g_new(double, 2 * (size_t)sh->plan.rows + 1);
        size_t nx, ny;
        double bx0, by0, bx1, by1;
        sheet_cuts(&sh->plan, xs, &nx, ys, &ny);
        sheet_bleed(&sh->plan, &bx0, &by0, &bx1, &by1);
        draw_sheet_marks(sh->page, sh->plan.sheet_w, sh->plan.sheet_h, bx0, by0, bx1, by1, xs, nx, ys, ny, sh->mm,
                         sh->pt);
        g_free(xs);
        g_free(ys);
        sheetpdf_page_end(sh->pages, sh->page);
        sh->page = NULL;
        sh->placed = 0;
}

/* One community's piece, laid out once, drawn copies times; *page the
 * page (from 1) the first copy is on. */
static bool sheet_community(struct renderer *r, const struct community *c, const struct render_options *o,
                            const struct job *j, unsigned copies, const char *track, struct sheeting *sh,
                            size_t *page, struct diag *d)
{
        size_t errors = d->errors;
        struct render_options po = *o;
        po.marks = false; /* the sheet has the marks */
        char *only[] = { j->f->name, NULL };
        po.formats = only;
        struct prep p;
        bool ok = prep_init(r, c, &po, &p, d);
        struct canvas cv;
        canvas_for(j, &po, &cv);
        char *who = ok ? who_of(j, p.layout) : NULL;
        struct boxes bs = { 0 };
        struct code code = { 0 };
        GHashTable *shown = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
        ok = ok && code_for(c, &p, track ? track : j->f->name, &code, d) &&
             lay_out(r, c, &po, &p, code.qr, j, &cv, who, &bs, shown, NULL, d) && d->errors == errors;
        g_hash_table_destroy(shown);
        if (ok) {
                struct draw_target dt = { NULL, false, code.qr, code.url, who, p.logo, p.photo, NULL };
                *page = sh->pieces / sheet_capacity(&sh->plan) + 1;
                for (unsigned k = 0; k < copies; k++) {
                        if (!sh->page)
                                sh->page = sheetpdf_page_begin(sh->pages);
                        dt.links = sheetpdf_links(sh->pages);
                        sheetpdf_page_shows(sh->pages, p.logo);
                        sheetpdf_page_shows(sh->pages, p.photo);
                        double x, y;
                        sheet_cell(&sh->plan, sh->placed, &x, &y);
                        draw_sheet_piece(sh->page, &dt, &bs, x, y, cv.trim_w, cv.trim_h, cv.bleed, sh->plan.rotated);
                        sh->pieces++;
                        if (++sh->placed == sheet_capacity(&sh->plan))
                                sheet_page_end(sh);
                }
        }
        boxes_clear(&bs);
        code_clear(&code);
        g_free(who);
        prep_clear(&p);
        return ok;
}

/* The plan a sheet is drawn on (pt).  Marks need the slug's room at the
 * sheet's edges, but a sheet that holds more pieces without it (4 x A6 on
 * A4) is worth more than marks outside: then the marks get what room is
 * left.  Returns false when not one piece fits. */
static bool sheet_layout(const struct format *sheet, const struct format *piece, double bleed_mm,
                         struct sheet_plan *out)
{
        double margin = (MARK_SLUG_MM - 4) * MM_PT;
        struct sheet_plan roomy, tight;
        bool fits = sheet_plan(sheet->width * MM_PT, sheet->height * MM_PT, piece->width * MM_PT,
                               piece->height * MM_PT, bleed_mm * MM_PT, margin, &roomy);
        fits |= sheet_plan(sheet->width * MM_PT, sheet->height * MM_PT, piece->width * MM_PT, piece->height * MM_PT,
                           bleed_mm * MM_PT, 0, &tight);
        *out = sheet_capacity(&tight) > sheet_capacity(&roomy) ? tight : roomy;
        return fits;
}

/* Whether p leaves room for crop marks left and right of its pieces
 * (*sides) and above and below them (*ends). */
static void sheet_mark_room(const struct sheet_plan *p, bool *sides, bool *ends)
{
        double least = 2 * MM_PT; /* the gap before a mark and 1 mm of mark */
        *sides = p->x0 - p->bleed >= least;
        *ends = p->y0 - p->bleed >= least;
}

/* Whether piece, with bleed_mm around it, goes on sheet at least
 * at_least times (marks: with room for crop marks all around). */
static bool sheet_takes(const struct format *sheet, const struct format *piece, double bleed_mm, bool marks,
                        size_t at_least)
{
        struct sheet_plan p;
        if (!sheet_layout(sheet, piece, bleed_mm, &p) || sheet_capacity(&p) < at_least)
                return false;
        bool sides, ends;
        sheet_mark_room(&p, &sides, &ends);
        return !marks || (sides && ends);
}

/* Paper a holds paper b (either turned) and is not the same size. */
static bool paper_larger(const struct format *a, const struct format *b)
{
        double a_short = MIN(a->width, a->height), a_long = MAX(a->width, a->height);
        double b_short = MIN(b->width, b->height), b_long = MAX(b->width, b->height);
        return a_short >= b_short && a_long >= b_long && (a_short > b_short || a_long > b_long);
}

static int by_area(gconstpointer a, gconstpointer b)
{
        const struct format *fa = *(const struct format *const *)a, *fb = *(const struct format *const *)b;
        double x = fa->width * fa->height, y = fb->width * fb->height;
        return x < y ? -1 : x > y ? 1 : strcmp(fa->name, fb->name);
}

/* What a suggestion names: the two nearest sizes are what a user reaches
 * for (SRA4 before SRA3), and a longer list only buries them. */
#define SHEET_SUGGESTIONS 2

/* Names of print formats, ", " between, SHEET_SUGGESTIONS at most:
 * larger: paper larger than sheet that takes piece at least at_least
 * times (a larger sheet that holds fewer is no advice), the smallest
 * first; otherwise formats for -f smaller than piece that sheet takes,
 * the largest first.  "" when there is none; caller frees. */
static char *sheet_suggest(const struct formats *fs, const struct format *sheet, const struct format *piece,
                           double bleed_mm, bool marks, bool larger, size_t at_least)
{
        GPtrArray *fit = g_ptr_array_new();
        for (size_t k = 0; k < fs->n; k++) {
                const struct format *f = &fs->f[k];
                if (!f->print || (larger ? !paper_larger(f, sheet) || !sheet_takes(f, piece, bleed_mm, marks, at_least)
                                         : f->sheet_only || !paper_larger(piece, f) ||
                                                   !sheet_takes(sheet, f, bleed_mm, marks, 1)))
                        continue;
                g_ptr_array_add(fit, (gpointer)f);
        }
        g_ptr_array_sort(fit, by_area);
        GString *s = g_string_new(NULL);
        for (size_t k = 0; k < fit->len && k < SHEET_SUGGESTIONS; k++) {
                const struct format *f = fit->pdata[larger ? k : fit->len - 1 - k];
                g_string_append_printf(s, "%s%s", k ? ", " : "", f->name);
        }
        g_ptr_array_free(fit, TRUE);
        return g_string_free(s, FALSE);
}

size_t renderer_sheet_pieces(const struct renderer *r, const char *sheet, const char *piece, double bleed_mm)
{
        const struct format *fs = formats_find(&r->formats, sheet), *fp = formats_find(&r->formats, piece);
        struct sheet_plan p;
        return fs && fp && sheet_layout(fs, fp, bleed_mm, &p) ? sheet_capacity(&p) : 0;
}

char *renderer_sheet_misfit(const struct renderer *r, const struct format *sheet, const struct format *piece,
                            double bleed_mm)
{
        struct sheet_plan p;
        if (sheet_layout(sheet, piece, bleed_mm, &p))
                return NULL;
        char *larger = sheet_suggest(&r->formats, sheet, piece, bleed_mm, false, true, 1);
        char *smaller = sheet_suggest(&r->formats, sheet, piece, bleed_mm, false, false, 1);
        char *advice = *larger && *smaller ? g_strdup_printf(_("use a larger sheet (--sheet %s) or a smaller format (-f %s)"),
                                                             larger, smaller)
                       : *larger  ? g_strdup_printf(_("use a larger sheet (--sheet %s)"), larger)
                       : *smaller ? g_strdup_printf(_("use a smaller format (-f %s)"), smaller)
                                  : g_strdup(_("no paper size plakat knows is large enough (plakat formats lists them)"));
        double w = piece->width + 2 * bleed_mm, h = piece->height + 2 * bleed_mm;
        char *why = bleed_mm > 0
                            ? g_strdup_printf(_("-f %s with --bleed %g does not fit on --sheet %s: the piece with its "
                                                "bleed is %g x %g mm, the sheet %g x %g mm; %s"),
                                              piece->name, bleed_mm, sheet->name, w, h, sheet->width, sheet->height,
                                              advice)
                            : g_strdup_printf(_("-f %s does not fit on --sheet %s: the piece is %g x %g mm, the sheet "
                                                "%g x %g mm; %s"),
                                              piece->name, sheet->name, w, h, sheet->width, sheet->height, advice);
        g_free(advice);
        g_free(smaller);
        g_free(larger);
        return why;
}

/* What to do about a sheet without room for marks: a larger sheet that
 * has it for as many pieces; or, when none has, less bleed where that
 * would leave room on this sheet or a larger one; or else a smaller
 * format.  One piece that is the whole sheet (A3 on A3, no bleed) needs
 * no cut at all, so it is told the larger sheet only as the way to
 * marks.  ngettext: the words for the cut follow the number of pieces.
 * Caller frees. */
static char *sheet_marks_advice(const struct renderer *r, const struct format *sheet, const struct format *piece,
                                double bleed_mm, size_t pieces, bool whole)
{
        char *larger = sheet_suggest(&r->formats, sheet, piece, bleed_mm, true, true, pieces);
        char *advice;
        if (pieces == 1 && whole && bleed_mm <= 0)
                advice = *larger ? g_strdup_printf(_("the piece is the whole sheet and needs no cut; a larger sheet "
                                                     "(--sheet %s) has room for marks"),
                                                   larger)
                                 : g_strdup(_("the piece is the whole sheet and needs no cut"));
        else if (*larger)
                advice = g_strdup_printf(ngettext("cut around the piece, or use a larger sheet (--sheet %s) for marks",
                                                  "cut between the pieces, or use a larger sheet (--sheet %s) for marks",
                                                  pieces),
                                         larger);
        else
                advice = NULL;
        g_free(larger);
        if (advice)
                return advice;
        bool less_bleed = false;
        if (bleed_mm > 0) {
                char *without = sheet_suggest(&r->formats, sheet, piece, 0, true, true, pieces);
                less_bleed = *without || sheet_takes(sheet, piece, 0, true, pieces);
                g_free(without);
        }
        return less_bleed ? g_strdup_printf(ngettext("cut around the piece: no larger sheet has room for marks "
                                                     "around it with %g mm bleed; use less bleed (--bleed) or a "
                                                     "smaller format (-f) for marks",
                                                     "cut between the pieces: no larger sheet has room for marks "
                                                     "around them with %g mm bleed; use less bleed (--bleed) or a "
                                                     "smaller format (-f) for marks",
                                                     pieces),
                                            bleed_mm)
                          : g_strdup(ngettext("cut around the piece: no larger sheet has room for marks around it; "
                                              "use a smaller format (-f) for marks",
                                              "cut between the pieces: no larger sheet has room for marks around "
                                              "them; use a smaller format (-f) for marks",
                                              pieces));
}

/* With bleed fewer pieces may fit than without (4 x A6 on A4 become 2),
 * and the print shop would get more paper without a word: said when a
 * larger sheet holds as many with bleed and marks (and named), or when the
 * bleed costs a fifth of the pieces or more (then less bleed is the way).
 * A piece less than a sheet of many (8 A6 on SRA3 with bleed, 9 without
 * and no room for marks) is what bleed costs on the sheet made for it: a
 * warning about it on every run would only teach the office to skip
 * warnings.  NULL when there is nothing to say; caller frees. */
static char *sheet_bleed_cost(const struct renderer *r, const struct format *sheet, const struct format *piece,
                              double bleed_mm, size_t pieces)
{
        struct sheet_plan bare;
        if (bleed_mm <= 0 || !sheet_layout(sheet, piece, 0, &bare) || sheet_capacity(&bare) <= pieces)
                return NULL;
        size_t without = sheet_capacity(&bare);
        char *larger = sheet_suggest(&r->formats, sheet, piece, bleed_mm, true, true, without);
        char *advice = NULL;
        if (*larger)
                advice = g_strdup_printf(_("a larger sheet (--sheet %s) holds %zu or more with bleed and crop marks"),
                                         larger, without);
        else if (5 * pieces <= 4 * without)
                advice = g_strdup(_("less bleed (--bleed) puts more on each sheet"));
        char *msg = NULL;
        if (advice)
                msg = g_strdup_printf(_("--bleed %g leaves room for %zu %s on each %s sheet, %zu without bleed (each "
                                        "piece with its bleed is %g x %g mm); %s"),
                                      bleed_mm, pieces, piece->name, sheet->name, without, piece->width + 2 * bleed_mm,
                                      piece->height + 2 * bleed_mm, advice);
        g_free(advice);
        g_free(larger);
        return msg;
}

bool renderer_sheets_batch(struct renderer *r, const struct community *const *cs, size_t n,
                           const struct render_options *o, const struct sheet_request *sr,
                           struct render_batch *b, struct diag *d)
{
        const struct format *sheet = formats_find(&r->formats, sr->sheet);
        const struct format *piece = formats_find(&r->formats, sr->piece);
        if (!sheet || !piece || !sheet->print || !piece->print) {
                diag_error(d, NULL, 0, NULL, "sheets take print formats (plakat formats lists them); found \"%s\" on \"%s\"",
                           sr->piece, sr->sheet);
                return false;
        }
        struct sheeting sh = { .mm = MM_PT, .pt = 1 };
        if (!sheet_layout(sheet, piece, o->bleed_mm, &sh.plan)) {
                /* plakat render finds this before any community is read;
                 * a caller that did not ask first is told the same. */
                char *why = renderer_sheet_misfit(r, sheet, piece, o->bleed_mm);
                diag_error(d, NULL, 0, NULL, "%s", why);
                g_free(why);
                return false;
        }
        /* A-series pieces fill A-series paper edge to edge (2 x A6 is
         * exactly A4's width): then no mark fits outside them.  Say so
         * rather than hand the print shop a sheet without marks silently. */
        bool sides, ends;
        sheet_mark_room(&sh.plan, &sides, &ends);
        /* One sentence for each case, the advice a whole clause of its
         * own: a translation cannot be assembled from English pieces.  A
         * sheet of a piece's own size holds one (A3 on A3), hence ngettext:
         * "1 a3 fills ... around it", not "fill ... them". */
        size_t pieces = sheet_capacity(&sh.plan);
        char *cost = sheet_bleed_cost(r, sheet, piece, o->bleed_mm, pieces);
        if (cost)
                diag_warn(d, sr->path, 0, NULL, "%s", cost);
        g_free(cost);
        char *advice = sides && ends ? NULL : sheet_marks_advice(r, sheet, piece, o->bleed_mm, pieces, !sides && !ends);
        char *nomarks = NULL;
        if (!sides && !ends)
                nomarks = g_strdup_printf(
                        ngettext("%zu %s fills the %s sheet edge to edge: no room for crop marks around it; %s",
                                 "%zu %s fill the %s sheet edge to edge: no room for crop marks around them; %s",
                                 pieces),
                        pieces, piece->name, sheet->name, advice);
        else if (!sides)
                nomarks = g_strdup_printf(
                        ngettext("%zu %s fills the width of the %s sheet: no room for crop marks left and right of "
                                 "it; %s",
                                 "%zu %s fill the width of the %s sheet: no room for crop marks left and right of "
                                 "them; %s",
                                 pieces),
                        pieces, piece->name, sheet->name, advice);
        else if (!ends)
                nomarks = g_strdup_printf(
                        ngettext("%zu %s fills the height of the %s sheet: no room for crop marks above and below "
                                 "it; %s",
                                 "%zu %s fill the height of the %s sheet: no room for crop marks above and below "
                                 "them; %s",
                                 pieces),
                        pieces, piece->name, sheet->name, advice);
        if (nomarks)
                diag_warn(d, sr->path, 0, NULL, "%s", nomarks);
        g_free(nomarks);
        g_free(advice);
        char date[16];
        g_date_strftime(date, sizeof date, "%Y-%m-%d", &o->today);
        struct pdfbox trim, bleed;
        double x0, y0, x1, y1;
        /* PDF boxes count from the bottom left. */
        sheet_trim(&sh.plan, &x0, &y0, &x1, &y1);
        trim = (struct pdfbox){ x0, sh.plan.sheet_h - y1, x1, sh.plan.sheet_h - y0 };
        sheet_bleed(&sh.plan, &x0, &y0, &x1, &y1);
        bleed = (struct pdfbox){ x0, sh.plan.sheet_h - y1, x1, sh.plan.sheet_h - y0 };
        struct pdf_meta meta = { sr->title ? sr->title : "plakat sheets", NULL, NULL, NULL, date, &trim, &bleed };
        struct output_spec spec = { sh.plan.sheet_w, sh.plan.sheet_h, 0, &meta, 0, true };
        sh.out = render_batch_add(b, sheet, false);
        if (!output_open(sh.out, OUTPUT_PDF, sr->path, &spec, d))
                return false;
        struct job j = { piece, false };
        bool all = true;
        sh.pages = sheetpdf_new(sh.out->surface, sh.plan.sheet_w, sh.plan.sheet_h, sheet_writer_thread(o));
        bool stopped = false;
        for (size_t i = 0; i < n && !(stopped = sr->stop && *sr->stop); i++) {
                size_t page = 0;
                bool placed = sheet_community(r, cs[i], o, &j, sr->copies ? sr->copies : 1, sr->track, &sh, &page,
                                              sr->diags ? &sr->diags[i] : d);
                if (sr->placed)
                        sr->placed[i] = placed;
                if (sr->pages)
                        sr->pages[i] = placed ? page : 0;
                all &= placed;
        }
        sheet_page_end(&sh);
        sh.why = sheetpdf_close(sh.pages);
        bool ok = sh.pieces > 0 && !stopped;
        if (ok && sh.why) {
                if (!output_failed(sh.out, d))
                        diag_error(d, sr->path, 0, NULL, "cannot draw the sheet: %s", sh.why);
                ok = false;
        }
        ok = ok && output_finish(sh.out, d);
        /* Nothing drawn: no sheet to commit with the rest. */
        if (!ok)
                output_abort(sh.out);
        return ok && all;
}

bool renderer_render_sheets(struct renderer *r, const struct community *const *cs, size_t n,
                            const struct render_options *o, const struct sheet_request *sr,
                            struct render_result *res, struct diag *d)
{
        if (res)
                memset(res, 0, sizeof *res);
        struct render_batch *b = render_batch_new();
        bool all = renderer_sheets_batch(r, cs, n, o, sr, b, d);
        /* The sheet is kept when at least one piece was drawn, even when
         * another community was refused (a sheet given up has no path). */
        bool drawn = b->items->len > 0 && ((struct pending *)b->items->pdata[0])->out.path;
        bool ok = drawn && render_batch_commit(b, res, d);
        render_batch_free(b);
        return ok && all;
}

/* What a lead wrote that a design may leave out, with the placeholders
 * that show it. */
static const struct {
        const char *setting, *by;
} optional_fields[] = {
        { "pitch", "pitch" },
        { "goal", "goal" },
        { "tags", "tags hashtags" },
        { "agenda", "agenda" },
        { "channels", "channels" },
        /* not woop: plakat kit's WOOP sheet always shows it, and a poster
         * is not where a group plans; "Not shown: woop" sent leads looking
         * for a mistake */
        { "lead.role", "lead.role lead" },
        { "lead.email", "lead.email" },
        { "lead.phone", "lead.phone" },
        { "venue.room", "venue.room venue rota venues" },
        { "venue.note", "venue.note venue rota venues" },
};

/* Whether the lead gave field i: {lead} and {venue} always have a value,
 * so given means the setting itself. */
static bool field_given(const struct prep *p, size_t i)
{
        char **by = g_strsplit(optional_fields[i].by, " ", -1);
        bool given = false;
        for (char **b = by; *b; b++) {
                const char *v = facts_get(p->facts, *b);
                if (strcmp(*b, "lead") != 0 && strcmp(*b, "venue") != 0 && strcmp(*b, "rota") != 0 &&
                    strcmp(*b, "venues") != 0)
                        given |= v && *v;
        }
        g_strfreev(by);
        return given;
}

/* Whether names (of elements left out for room) holds name. */
static bool names_has(const GPtrArray *names, const char *name)
{
        for (size_t k = 0; k < names->len; k++)
                if (strcmp(names->pdata[k], name) == 0)
                        return true;
        return false;
}

/* The formats of the jobs whose bit is set in mask, "f1, f2", or "all"
 * when that is every job (no format is named "all"; it is translated
 * where it is printed). */
static char *formats_of(const struct prep *p, const bool *mask)
{
        GString *s = g_string_new(NULL);
        bool all = true;
        for (size_t i = 0; i < p->jobs->len; i++) {
                all &= mask[i];
                if (mask[i])
                        g_string_append_printf(s, "%s%s", s->len ? ", " : "",
                                               g_array_index(p->jobs, struct job, i).f->name);
        }
        if (all)
                g_string_assign(s, "all");
        return g_string_free(s, FALSE);
}

/* Names with the formats they apply to, grouped: "agenda, channels
 * everywhere; goal on a6, story".  names[k] applies to the jobs of
 * masks[k]. */
static void group_by_formats(const struct prep *p, const char *const *names, bool *const *masks, size_t n,
                             GString *out)
{
        char **fmts = g_new0(char *, n + 1);
        for (size_t k = 0; k < n; k++)
                fmts[k] = formats_of(p, masks[k]);
        bool *done = g_new0(bool, n);
        /* what no output shows first, then the rest in the table's order */
        for (int pass = 0; pass < 2; pass++)
                for (size_t k = 0; k < n; k++) {
                        if (done[k] || (strcmp(fmts[k], "all") == 0) != (pass == 0))
                                continue;
                        g_string_append_printf(out, "%s%s", out->len ? "; " : "", names[k]);
                        for (size_t m = k + 1; m < n; m++)
                                if (!done[m] && strcmp(fmts[m], fmts[k]) == 0) {
                                        g_string_append_printf(out, ", %s", names[m]);
                                        done[m] = true;
                                }
                        done[k] = true;
                        if (strcmp(fmts[k], "all") == 0)
                                g_string_append_printf(out, " %s", P_("formats", "everywhere"));
                        else
                                g_string_append_printf(out, _(" on %s"), fmts[k]);
                }
        g_free(done);
        g_strfreev(fmts);
}

/* check's "Not shown" line: what the lead wrote that an output leaves
 * out, per output where they differ ("agenda everywhere; goal on a6, story"),
 * then the optional elements left out for room, or NULL when every
 * output shows everything.  shown[i] and dropped[i] are job i's. */
static char *unshown(const struct prep *p, GHashTable *const *shown, GPtrArray *const *dropped)
{
        size_t nj = p->jobs->len, nf = G_N_ELEMENTS(optional_fields);
        GPtrArray *names = g_ptr_array_new();
        GPtrArray *masks = g_ptr_array_new_with_free_func(g_free);
        for (size_t i = 0; i < nf; i++) {
                if (!field_given(p, i))
                        continue;
                /* An output that left the field out for room says so
                 * below, once: not here too ("channels (all); left out
                 * for room: channels (a3, a4)" contradicted itself). */
                bool *mask = g_new0(bool, nj), any = false;
                for (size_t j = 0; j < nj; j++)
                        any |= mask[j] = !shows_any(shown[j], optional_fields[i].by) &&
                                         !names_has(dropped[j], optional_fields[i].setting);
                if (!any) {
                        g_free(mask);
                        continue;
                }
                g_ptr_array_add(names, (gpointer)optional_fields[i].setting);
                g_ptr_array_add(masks, mask);
        }
        GString *s = g_string_new(NULL);
        if (names->len == 0) {
                g_string_append(s, _("nothing"));
        } else {
                bool every = true;
                for (size_t k = 0; k < masks->len; k++)
                        for (size_t j = 0; j < nj; j++)
                                every &= ((bool *)masks->pdata[k])[j];
                if (every) {
                        /* the same on every output: as plakat always said it */
                        for (size_t k = 0; k < names->len; k++)
                                g_string_append_printf(s, "%s%s", k ? ", " : "", (char *)names->pdata[k]);
                } else {
                        group_by_formats(p, (const char *const *)names->pdata, (bool *const *)masks->pdata,
                                         names->len, s);
                }
        }
        size_t fields = names->len;
        g_ptr_array_set_size(names, 0);
        g_ptr_array_set_size(masks, 0);
        for (size_t j = 0; j < nj; j++)
                for (size_t e = 0; e < dropped[j]->len; e++) {
                        const char *name = dropped[j]->pdata[e];
                        size_t k = 0;
                        while (k < names->len && strcmp(names->pdata[k], name) != 0)
                                k++;
                        if (k == names->len) {
                                g_ptr_array_add(names, (gpointer)name);
                                g_ptr_array_add(masks, g_new0(bool, nj));
                        }
                        ((bool *)masks->pdata[k])[j] = true;
                }
        GString *room = g_string_new(NULL);
        group_by_formats(p, (const char *const *)names->pdata, (bool *const *)masks->pdata, names->len, room);
        char *out = NULL;
        if (fields || room->len) {
                GString *fmts = g_string_new(NULL);
                for (size_t i = 0; i < nj; i++)
                        g_string_append_printf(fmts, "%s%s", i ? ", " : "",
                                               g_array_index(p->jobs, struct job, i).f->name);
                out = g_strdup_printf(_("%s (design %s, %s)%s%s"), s->str, p->layout->name, fmts->str,
                                      room->len ? _("; left out for room: ") : "", room->str);
                g_string_free(fmts, TRUE);
        }
        g_string_free(room, TRUE);
        g_string_free(s, TRUE);
        g_ptr_array_free(masks, TRUE);
        g_ptr_array_free(names, TRUE);
        return out;
}

void renderer_check(struct renderer *r, const struct community *c,
                    const struct render_options *o, struct diag *d, char **not_shown)
{
        struct prep p;
        *not_shown = NULL;
        if (prep_init(r, c, o, &p, d)) {
                size_t nj = p.jobs->len;
                GHashTable **shown = g_new0(GHashTable *, nj);
                GPtrArray **dropped = g_new0(GPtrArray *, nj);
                for (size_t i = 0; i < nj; i++) {
                        const struct job *j = &g_array_index(p.jobs, struct job, i);
                        struct canvas cv;
                        canvas_for(j, o, &cv);
                        char *who = who_of(j, p.layout);
                        struct boxes bs;
                        shown[i] = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
                        dropped[i] = g_ptr_array_new();
                        lay_out(r, c, o, &p, p.qr, j, &cv, who, &bs, shown[i], dropped[i], d);
                        boxes_clear(&bs);
                        g_free(who);
                }
                *not_shown = unshown(&p, shown, dropped);
                for (size_t i = 0; i < nj; i++) {
                        g_hash_table_destroy(shown[i]);
                        g_ptr_array_free(dropped[i], TRUE);
                }
                g_free(shown);
                g_free(dropped);
        }
        prep_clear(&p);
}
