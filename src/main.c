/* main.c: options in, exit code out.
 *
 * `check` and `render` take many files and treat each on its own: a file
 * that is refused gets its messages and one summary line on stderr,
 *
 *   samples/broken.cfg: refused (2 errors)
 *
 * nothing on stdout and nothing in the output folder, and the next file is
 * handled; the exit status is 1 if any file was refused.  That is what the
 * city office needs when it runs fifty files written by strangers.  On
 * stdout, `check` prints what plakat understood, for a lead to compare with
 * what they meant, and `render` prints the path of every file it wrote, one
 * per line, so scripts can pick them up. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "cli.h"
#include "community.h"
#include "diag.h"
#include "hyphen.h"
#include "kit.h"
#include "lang.h"
#include "paths.h"
#include "render.h"
#include "schedule.h"

/* Meetings shown by `check`. */
#define CHECK_NEXT 3

/* Column where values start in `check` output: "  Sign-up:   ". */
#define LABEL_WIDTH 10

struct run {
        const struct cli *cli;
        struct renderer *r;
        struct render_options ro;
        struct community_options co;
        GHashTable *slugs; /* render: slug -> first path, to catch overwrites */
        struct kit *kit;   /* kit: the platforms, loaded once */
};

/* ---- output helpers ------------------------------------------------------ */

/* Write s with control characters shown as \xNN: the values come from
 * files written by strangers and must not drive the terminal. */
static void put_clean(FILE *out, const char *s)
{
        char *valid = g_utf8_make_valid(s, -1);
        for (const char *p = valid; *p; p = g_utf8_next_char(p)) {
                gunichar c = g_utf8_get_char(p);
                if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0))
                        fprintf(out, "\\x%02x", (unsigned)c);
                else
                        fwrite(p, 1, (size_t)(g_utf8_next_char(p) - p), out);
        }
        g_free(valid);
}

static void field(FILE *out, const char *label, const char *value)
{
        fprintf(out, "  %-*s ", LABEL_WIDTH, label);
        put_clean(out, value);
        fputc('\n', out);
}

/* A continuation line under the previous field. */
static void field_more(FILE *out, const char *value)
{
        fprintf(out, "  %-*s ", LABEL_WIDTH, "");
        put_clean(out, value);
        fputc('\n', out);
}

/* Print the messages collected for one file: errors always, warnings
 * unless --quiet. */
static void print_diag(const struct diag *d, bool quiet)
{
        for (size_t i = 0; i < d->n; i++)
                if (!quiet || d->msgs[i].level == DIAG_ERROR)
                        fprintf(stderr, "%s\n", d->msgs[i].text);
        fflush(stderr);
}

/* The summary of a file that was not written: refused for mistakes in it,
 * failed when only the machine failed (a full disk is not the lead's
 * fault, and they should not go looking for one in their file). */
static void print_refused(const char *path, const struct diag *d)
{
        size_t errors = d->errors - d->failures;
        if (errors > 0)
                fprintf(stderr, "%s: refused (%zu error%s)\n", path, errors, errors == 1 ? "" : "s");
        else
                fprintf(stderr, "%s: failed (nothing was written; the file itself is fine)\n", path);
        fflush(stderr);
}

/* ---- what `check` prints --------------------------------------------------- */

static char *venue_text(const struct venue *v)
{
        GString *s = g_string_new(v->name);
        if (v->room)
                g_string_append_printf(s, ", %s", v->room);
        if (v->address)
                g_string_append_printf(s, ", %s", v->address);
        if (v->note)
                g_string_append_printf(s, " (%s)", v->note);
        return g_string_free(s, FALSE);
}

static char *lead_text(const struct lead *l)
{
        GString *s = g_string_new(l->name);
        if (l->role)
                g_string_append_printf(s, " (%s)", l->role);
        if (l->email)
                g_string_append_printf(s, " <%s>", l->email);
        if (l->phone)
                g_string_append_printf(s, ", %s", l->phone);
        return g_string_free(s, FALSE);
}

static void print_understood(FILE *out, const struct run *run, const struct community *c,
                             const struct meeting *next, size_t n_next, const char *not_shown,
                             size_t warnings)
{
        const struct lang *l = renderer_lang(run->r, c->words_language);
        fprintf(out, "%s: OK\n", c->path);
        field(out, "Name:", c->name);
        field(out, "Topic:", c->topic);

        char *cycle = schedule_describe(&c->schedule, l);
        field(out, "Meets:", cycle);
        g_free(cycle);
        if (n_next > 0) {
                char *list = schedule_list(next, n_next, l);
                field(out, "Next:", list);
                g_free(list);
        } else {
                field(out, "Next:", "none (every meeting lies in the past)");
        }

        if (c->n_venues == 1) {
                char *v = venue_text(&c->venues[0]);
                field(out, "Venue:", v);
                g_free(v);
        } else {
                field(out, "Venues:", "taking turns, meeting by meeting:");
                for (size_t i = 0; i < c->n_venues; i++) {
                        char *v = venue_text(&c->venues[i]);
                        char *line = g_strdup_printf("%zu. %s", i + 1, v);
                        field_more(out, line);
                        g_free(line);
                        g_free(v);
                }
        }

        char *lead = lead_text(&c->lead);
        field(out, "Lead:", lead);
        g_free(lead);
        field(out, "Sign-up:", c->signup.url);

        if (c->n_channels > 0) {
                GString *s = g_string_new(NULL);
                g_string_printf(s, "%zu (", c->n_channels);
                for (size_t i = 0; i < c->n_channels; i++)
                        g_string_append_printf(s, "%s%s", i ? ", " : "",
                                               c->channels[i].type ? c->channels[i].type : "?");
                g_string_append_c(s, ')');
                field(out, "Channels:", s->str);
                g_string_free(s, TRUE);
        }

        if (l && g_ascii_strcasecmp(lang_code(l), c->language) != 0) {
                char *s = g_strdup_printf("%s (not shipped; plakat's words are in %s)", c->language,
                                          lang_code(l));
                field(out, "Language:", s);
                g_free(s);
        } else {
                field(out, "Language:", c->language);
        }
        /* Optional settings the chosen design leaves out: said, not warned
         * (a poster cannot carry everything; the lead should know). */
        if (not_shown)
                field(out, "Not shown:", not_shown);
        fprintf(out, "  %-*s %zu\n", LABEL_WIDTH, "Warnings:", warnings);
        fflush(out);
}

/* ---- the schedule against "today" ------------------------------------------ */

/* The last meeting of a schedule that has ended before today; false when
 * there is none at all. */
static bool last_meeting(const struct schedule *s, const GDate *today, struct slot *last)
{
        GDate from;
        if (s->has_rule)
                from = s->first.date;
        else if (s->n_dates > 0)
                from = s->dates[0].date;
        else
                return false;
        struct meeting m[64];
        bool found = false;
        /* Pages of meetings; bounded by today since the schedule has ended. */
        while (g_date_compare(&from, today) <= 0) {
                size_t n = schedule_next(s, &from, m, G_N_ELEMENTS(m));
                if (n == 0)
                        break;
                *last = m[n - 1].start;
                found = true;
                if (n < G_N_ELEMENTS(m))
                        break;
                from = m[n - 1].start.date;
                g_date_add_days(&from, 1);
        }
        return found;
}

/* Fill next[0..max) from today; warn when every meeting lies in the past:
 * a poster inviting to last year's meetings must not go out unnoticed. */
static size_t next_meetings(const struct run *run, const struct community *c, struct meeting *next,
                            size_t max, struct diag *d)
{
        size_t n = schedule_next(&c->schedule, &run->ro.today, next, max);
        if (n > 0)
                return n;
        struct slot last;
        if (last_meeting(&c->schedule, &run->ro.today, &last)) {
                const struct lang *l = renderer_lang(run->r, c->words_language);
                char *day = lang_date(l, &last.date, LANG_DATE_LONG);
                diag_warn(d, c->path, 0, "schedule", "every meeting lies in the past (last: %s)", day);
                g_free(day);
        } else {
                diag_warn(d, c->path, 0, "schedule", "no meetings at all (every date is skipped)");
        }
        return 0;
}

/* ---- commands ---------------------------------------------------------------- */

static struct community *load(const struct run *run, const char *path, struct diag *d)
{
        return community_load(path, &run->co, d);
}

/* Returns true when the file is good. */
static bool check_one(struct run *run, const char *path)
{
        struct diag d;
        diag_init(&d, NULL);
        struct community *c = load(run, path, &d);
        bool ok = c != NULL;
        if (c) {
                struct meeting next[CHECK_NEXT];
                size_t n = next_meetings(run, c, next, CHECK_NEXT, &d);
                char *not_shown = NULL;
                renderer_check(run->r, c, &run->ro, &d, &not_shown);
                ok = d.errors == 0;
                print_diag(&d, run->cli->quiet);
                if (ok)
                        print_understood(stdout, run, c, next, n, not_shown, d.warnings);
                g_free(not_shown);
        } else {
                print_diag(&d, run->cli->quiet);
        }
        if (!ok)
                print_refused(path, &d);
        community_free(c);
        diag_clear(&d);
        return ok;
}

/* render and kit: the same checks, messages and summary; kit writes a
 * folder per community instead of the chosen formats. */
static bool render_one(struct run *run, const char *path)
{
        struct diag d;
        diag_init(&d, NULL);
        struct community *c = load(run, path, &d);
        bool ok = c != NULL;
        if (c) {
                const char *first = g_hash_table_lookup(run->slugs, c->slug);
                if (first) {
                        /* Two files called x.cfg in different folders would
                         * silently overwrite each other's outputs. */
                        diag_error(&d, path, 0, NULL,
                                   "its outputs would overwrite those of %s (both are named \"%s-...\"); rename one of the files",
                                   first, c->slug);
                        ok = false;
                } else {
                        g_hash_table_insert(run->slugs, g_strdup(c->slug), g_strdup(path));
                }
        }
        struct render_result done = { 0 };
        if (ok) {
                struct meeting next[1];
                next_meetings(run, c, next, 1, &d);
                ok = (run->kit ? kit_make(run->kit, c, &run->ro, &done, &d)
                               : renderer_render(run->r, c, &run->ro, &done, &d)) &&
                     d.errors == 0;
        }
        print_diag(&d, run->cli->quiet);
        /* The paths of the files written, for scripts; not when the one
         * output went to standard output itself. */
        if (ok && run->ro.stream_fd < 0) {
                for (size_t i = 0; i < done.n; i++)
                        printf("%s\n", done.items[i].path);
                fflush(stdout);
        }
        render_result_clear(&done);
        if (!ok)
                print_refused(path, &d);
        community_free(c);
        diag_clear(&d);
        return ok;
}

/* ---- formats and layouts by name ----------------------------------------------- */

/* The names of every format, NULL-terminated (g_free the array only). */
static const char **format_names(const struct renderer *r)
{
        const struct formats *fs = renderer_formats(r);
        const char **names = g_new0(const char *, fs->n + 1);
        for (size_t i = 0; i < fs->n; i++)
                names[i] = fs->f[i].name;
        return names;
}

/* Whether -f NAME is a print format or a PNG preview of one: the formats
 * --bleed and --marks apply to. */
static bool is_print(const struct renderer *r, const char *name)
{
        bool preview;
        const struct format *f = formats_request(renderer_formats(r), name, &preview);
        return f && f->print;
}

/* -f: every name must mean something to the renderer ("all", a format,
 * "<print format>-png"); the renderer expands "all" itself, to the formats
 * the layout has. */
static bool formats_known(const struct renderer *r, char **asked)
{
        for (char **f = asked; *f; f++) {
                if (renderer_has_format(r, *f))
                        continue;
                const char **known = format_names(r);
                /* Did-you-mean also knows "all" and the previews ("a3png"). */
                GPtrArray *cands = g_ptr_array_new_with_free_func(g_free);
                g_ptr_array_add(cands, g_strdup("all"));
                for (const char **k = known; *k; k++) {
                        g_ptr_array_add(cands, g_strdup(*k));
                        if (is_print(r, *k))
                                g_ptr_array_add(cands, g_strconcat(*k, "-png", NULL));
                }
                const char *close = diag_closest(*f, (const char *const *)cands->pdata, cands->len);
                char *q = diag_quote(*f, 60);
                if (close) {
                        cli_usage_error(stderr, "--format: unknown format %s; did you mean \"%s\"?", q, close);
                } else {
                        char *all = g_strjoinv(", ", (char **)known);
                        const char *example = NULL;
                        for (const char **k = known; *k && !example; k++)
                                if (is_print(r, *k))
                                        example = *k;
                        if (example)
                                cli_usage_error(stderr,
                                                "--format: unknown format %s (plakat formats lists them: %s; "
                                                "\"all\" is every format the layout has; a print format with "
                                                "-png, e.g. \"%s-png\", is a PNG preview)",
                                                q, all, example);
                        else
                                cli_usage_error(stderr,
                                                "--format: unknown format %s (plakat formats lists them: %s; "
                                                "\"all\" is every format the layout has)",
                                                q, all);
                        g_free(all);
                }
                g_free(q);
                g_ptr_array_free(cands, TRUE);
                g_free(known);
                return false;
        }
        return true;
}

/* The layout file called NAME.cfg in the data folder or a --layouts
 * folder, or NULL (g_free). */
static char *layout_file(const char *datadir, char **layout_dirs, const char *name)
{
        char *file = g_strconcat(name, ".cfg", NULL);
        char *found = g_build_filename(datadir, "layouts", file, NULL);
        for (char **dir = layout_dirs; !g_file_test(found, G_FILE_TEST_IS_REGULAR); dir++) {
                g_free(found);
                found = *dir ? g_build_filename(*dir, file, NULL) : NULL;
                if (!found)
                        break;
        }
        g_free(file);
        return found;
}

/* -l: the layout must be one the renderer has loaded.  A layout file of
 * that name that was left out (its problems were printed as warnings) is
 * named, so a designer is not told that their file does not exist. */
static bool layout_known(const struct renderer *r, const struct cli *cli, const char *datadir)
{
        const char *const *known = renderer_layout_names(r);
        bool ok = g_strv_contains(known, cli->layout);
        if (!ok) {
                char *q = diag_quote(cli->layout, 60);
                char *file = layout_file(datadir, cli->layout_dirs, cli->layout);
                const char *close = diag_closest(cli->layout, known, g_strv_length((char **)known));
                char *all = g_strjoinv(", ", (char **)known);
                if (file)
                        cli_usage_error(stderr, "--layout: layout %s was left out: %s has problems (%s)", q, file,
                                        cli->quiet ? "run without -q to see them" : "see the warnings above");
                else if (close)
                        cli_usage_error(stderr, "--layout: unknown layout %s; did you mean \"%s\"?", q, close);
                else
                        cli_usage_error(stderr, "--layout: unknown layout %s (plakat layouts lists them: %s)", q,
                                        all);
                g_free(all);
                g_free(file);
                g_free(q);
        }
        return ok;
}

/* Every format named with -f (or the default ones) must have a page in
 * the layout; "all" is whatever the layout has.  Refused up front, for
 * every file at once, rather than once per community. */
static bool layout_has_formats(const struct renderer *r, const struct cli *cli)
{
        const char *layout = cli->layout ? cli->layout : renderer_default_layout(r);
        GString *missing = g_string_new(NULL);
        for (char **f = cli->formats; *f; f++)
                if (strcmp(*f, "all") != 0 && !renderer_layout_has(r, layout, *f))
                        g_string_append_printf(missing, "%s%s", missing->len ? ", " : "", *f);
        bool ok = missing->len == 0;
        if (!ok) {
                const char **known = format_names(r);
                GString *has = g_string_new(NULL);
                for (const char **k = known; *k; k++)
                        if (renderer_layout_has(r, layout, *k))
                                g_string_append_printf(has, "%s%s", has->len ? ", " : "", *k);
                char *q = diag_quote(layout, 60);
                cli_usage_error(stderr, "layout %s has no page for %s (it has: %s); pick formats with -f", q,
                                missing->str, has->len ? has->str : "none");
                g_free(q);
                g_string_free(has, TRUE);
                g_free(known);
        }
        g_string_free(missing, TRUE);
        return ok;
}

/* --bleed and --marks change print formats only; say so when none of the
 * formats asked for is one, rather than ignoring them silently. */
static void warn_screen_only(const struct renderer *r, const struct cli *cli)
{
        if (cli->quiet || (cli->bleed_mm <= 0 && !cli->marks))
                return;
        const char *layout = cli->layout ? cli->layout : renderer_default_layout(r);
        const char **known = format_names(r);
        bool any = false;
        for (char **f = cli->formats; *f && !any; f++) {
                if (strcmp(*f, "all") == 0) {
                        for (const char **k = known; *k && !any; k++)
                                any = is_print(r, *k) && renderer_layout_has(r, layout, *k);
                } else {
                        any = is_print(r, *f);
                }
        }
        if (!any) {
                GString *print = g_string_new(NULL);
                for (const char **k = known; *k; k++) {
                        const struct format *f = formats_find(renderer_formats(r), *k);
                        /* The invite card is plakat kit's, not a -f format. */
                        if (is_print(r, *k) && format_family_in_all(f->family))
                                g_string_append_printf(print, "%s%s", print->len ? ", " : "", *k);
                }
                const char *what = cli->bleed_mm > 0 && cli->marks ? "--bleed and --marks apply"
                                   : cli->bleed_mm > 0             ? "--bleed applies"
                                                                   : "--marks applies";
                fprintf(stderr, "plakat: warning: %s to print formats (%s) only\n", what, print->str);
                fflush(stderr);
                g_string_free(print, TRUE);
        }
        g_free(known);
}

/* The same community file named twice (also as ./x.cfg or through a link)
 * is handled once; the later mentions are dropped with a note. */
static void drop_repeats(struct cli *cli, bool render)
{
        GPtrArray *keep = g_ptr_array_new();
        GPtrArray *ids = g_ptr_array_new_with_free_func(g_free);
        for (char **f = cli->files; *f; f++) {
                GStatBuf st;
                char *id = g_stat(*f, &st) == 0
                                   ? g_strdup_printf("%llu:%llu", (unsigned long long)st.st_dev,
                                                     (unsigned long long)st.st_ino)
                                   : g_strconcat("path:", *f, NULL);
                bool seen = false;
                for (guint i = 0; i < ids->len && !seen; i++)
                        seen = strcmp(ids->pdata[i], id) == 0;
                if (seen) {
                        if (!cli->quiet) {
                                fprintf(stderr, "%s: given twice; %s once\n", *f, render ? "rendered" : "checked");
                                fflush(stderr);
                        }
                        g_free(id);
                        g_free(*f);
                } else {
                        g_ptr_array_add(ids, id);
                        g_ptr_array_add(keep, *f);
                }
        }
        g_ptr_array_add(keep, NULL);
        g_free(cli->files);
        cli->files = (char **)g_ptr_array_free(keep, FALSE);
        g_ptr_array_free(ids, TRUE);
}

/* -o DIR: made (with its parents) before any community, so a folder that
 * cannot be made or written is one usage mistake, not one refusal per
 * file.  *made says whether it was not there before. */
static bool outdir_ready(const char *dir, bool *made)
{
        *made = !g_file_test(dir, G_FILE_TEST_EXISTS);
        const char *why = NULL;
        if (g_mkdir_with_parents(dir, 0777) != 0)
                why = g_strerror(errno);
        else if (!g_file_test(dir, G_FILE_TEST_IS_DIR))
                why = g_strerror(ENOTDIR);
        else if (g_access(dir, W_OK | X_OK) != 0)
                why = g_strerror(errno);
        if (why) {
                /* The folder as typed, like the files in other messages. */
                fprintf(stderr, "plakat: -o %s: cannot create the output folder: %s\n", dir, why);
                fflush(stderr);
                *made = false;
        }
        return why == NULL;
}

/* Whether dir holds nothing. */
static bool dir_empty(const char *dir)
{
        GDir *gd = g_dir_open(dir, 0, NULL);
        bool empty = gd && !g_dir_read_name(gd);
        if (gd)
                g_dir_close(gd);
        return empty;
}

/* ---- main ---------------------------------------------------------------------------- */

static int run_files(struct run *run)
{
        int status = CLI_EXIT_OK;
        bool render = strcmp(run->cli->command, "render") == 0 || strcmp(run->cli->command, "kit") == 0;
        /* drop_repeats has left each file once. */
        for (char **f = run->cli->files; *f; f++) {
                bool ok = render ? render_one(run, *f) : check_one(run, *f);
                if (!ok)
                        status = CLI_EXIT_REFUSED;
        }
        return status;
}

/* `plakat settings`: the community settings table, for people who write
 * community files.  A failed write (a full disk, a closed pipe) is not
 * success. */
static int settings_command(FILE *out)
{
        if (community_print_settings(out) < 0 || fflush(out) != 0) {
                fprintf(stderr, "plakat: cannot write the list of settings: %s\n", g_strerror(errno));
                return CLI_EXIT_REFUSED;
        }
        return CLI_EXIT_OK;
}

int main(int argc, char **argv)
{
        /* Past a file-size limit (ulimit -f) a write should fail and be
         * reported like a full disk, not kill plakat half-way. */
        signal(SIGXFSZ, SIG_IGN);
        struct cli cli;
        int rc = cli_parse(argc, argv, &cli, stdout, stderr);
        if (rc >= 0)
                return rc;
        if (strcmp(cli.command, "settings") == 0) {
                /* The table is compiled in: no data folder needed. */
                rc = settings_command(stdout);
                cli_clear(&cli);
                return rc;
        }

        char *datadir = paths_datadir();
        char *layouts = g_build_filename(datadir, "layouts", NULL);
        struct renderer *r = NULL;
        struct run run = {.cli = &cli};

        if (!g_file_test(layouts, G_FILE_TEST_IS_DIR)) {
                fprintf(stderr,
                        "plakat: no data folder at %s (it should hold layouts/, lang/ and fonts/); "
                        "set PLAKAT_DATADIR to the right folder\n",
                        datadir);
                rc = CLI_EXIT_REFUSED;
                goto out;
        }

        struct diag d;
        diag_init(&d, NULL);
        r = renderer_new(datadir, (const char *const *)cli.font_dirs, (const char *const *)cli.layout_dirs, &d);
        print_diag(&d, cli.quiet);
        diag_clear(&d);
        if (!r) {
                fprintf(stderr, "plakat: cannot load the layouts, languages and fonts in %s\n", datadir);
                rc = CLI_EXIT_REFUSED;
                goto out;
        }
        if (!renderer_lang(r, "de")) {
                fprintf(stderr, "plakat: no language files in %s/lang\n", datadir);
                rc = CLI_EXIT_REFUSED;
                goto out;
        }

        if (strcmp(cli.command, "formats") == 0) {
                renderer_list_formats(r, stdout);
                rc = CLI_EXIT_OK;
                goto out;
        }
        if (strcmp(cli.command, "layouts") == 0) {
                renderer_list_layouts(r, stdout);
                rc = CLI_EXIT_OK;
                goto out;
        }
        if (strcmp(cli.command, "themes") == 0) {
                renderer_list_themes(r, stdout);
                rc = CLI_EXIT_OK;
                goto out;
        }

        bool kit = strcmp(cli.command, "kit") == 0;
        bool render = strcmp(cli.command, "render") == 0 || kit;
        if (kit && strcmp(cli.outdir, "-") == 0) {
                rc = cli_usage_error(stderr, "-o -: a kit is a folder of files; name a folder");
                goto out;
        }
        if (kit) {
                struct diag kd;
                diag_init(&kd, NULL);
                run.kit = kit_new(r, datadir, &kd);
                print_diag(&kd, cli.quiet);
                diag_clear(&kd);
                if (!run.kit) {
                        fprintf(stderr, "plakat: cannot load %s/formats/platforms.cfg\n", datadir);
                        rc = CLI_EXIT_REFUSED;
                        goto out;
                }
        }
        if (!formats_known(r, cli.formats) || (cli.layout && !layout_known(r, &cli, datadir)) ||
            !layout_has_formats(r, &cli)) {
                rc = CLI_EXIT_USAGE;
                goto out;
        }
        drop_repeats(&cli, render);
        if (render && strcmp(cli.outdir, "-") == 0) {
                if (g_strv_length(cli.files) != 1 || g_strv_length(cli.formats) != 1 ||
                    strcmp(cli.formats[0], "all") == 0) {
                        rc = cli_usage_error(stderr, "-o -: standard output takes one file in one format");
                        goto out;
                }
                if (isatty(STDOUT_FILENO)) {
                        rc = cli_usage_error(stderr, "-o -: standard output is a terminal; redirect it to a file");
                        goto out;
                }
        }
        warn_screen_only(r, &cli);
        bool made = false;
        if (render && strcmp(cli.outdir, "-") != 0 && !outdir_ready(cli.outdir, &made)) {
                rc = CLI_EXIT_USAGE;
                goto out;
        }

        run.r = r;
        bool to_stdout = render && strcmp(cli.outdir, "-") == 0;
        run.ro = (struct render_options){
                .outdir = cli.outdir,
                .stream_fd = to_stdout ? STDOUT_FILENO : -1,
                .stream_name = "standard output",
                .formats = cli.formats,
                .layout = cli.layout,
                .dpi = cli.dpi,
                .bleed_mm = cli.bleed_mm,
                .marks = cli.marks,
                .today = cli.today,
        };
        run.co = (struct community_options){
                .allow_outside = cli.allow_outside,
                .languages = renderer_languages(r),
        };
        run.slugs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
        rc = run_files(&run);
        g_hash_table_destroy(run.slugs);
        /* Every file refused: leave no empty folder behind that was not there. */
        if (made && dir_empty(cli.outdir))
                g_rmdir(cli.outdir);

out:
        kit_free(run.kit);
        renderer_free(r);
        /* Process-wide, so freed by the process: the patterns are cached
         * for every renderer. */
        hyphen_cleanup();
        g_free(layouts);
        g_free(datadir);
        cli_clear(&cli);
        return rc;
}
