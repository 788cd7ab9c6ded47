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

#include "batch.h"
#include "cli.h"
#include "community.h"
#include "diag.h"
#include "hyphen.h"
#include "i18n.h"
#include "kit.h"
#include "lang.h"
#include "output.h"
#include "paths.h"
#include "render.h"
#include "schedule.h"
#include "starter.h"

/* Print the messages of loading the renderer: errors always, warnings
 * unless --quiet. */
static void print_diag(const struct diag *d, bool quiet)
{
        for (size_t i = 0; i < d->n; i++)
                if (!quiet || d->msgs[i].level == DIAG_ERROR)
                        fprintf(stderr, "%s\n", d->msgs[i].text);
        fflush(stderr);
}

/* ---- formats and layouts by name ----------------------------------------------- */

/* The names of every format -f takes, NULL-terminated (g_free the array
 * only). */
static const char **format_names(const struct renderer *r)
{
        const struct formats *fs = renderer_formats(r);
        const char **names = g_new0(const char *, fs->n + 1);
        size_t k = 0;
        for (size_t i = 0; i < fs->n; i++)
                if (!fs->f[i].sheet_only) /* paper for --sheet, not for -f */
                        names[k++] = fs->f[i].name;
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
static bool layout_known(const struct renderer *r, struct cli *cli, const char *datadir)
{
        const char *const *known = renderer_layout_names(r);
        /* Names in any case ("-l Klar"), like the words in a community
         * file: the layout's own spelling is used from here on. */
        for (const char *const *k = known; *k; k++)
                if (g_ascii_strcasecmp(*k, cli->layout) == 0 && strcmp(*k, cli->layout) != 0) {
                        g_free(cli->layout);
                        cli->layout = g_strdup(*k);
                }
        bool ok = g_strv_contains(known, cli->layout);
        if (!ok) {
                char *q = diag_quote(cli->layout, 60);
                char *file = layout_file(datadir, cli->layout_dirs, cli->layout);
                const char *close = diag_closest(cli->layout, known, g_strv_length((char **)known));
                char *all = g_strjoinv(", ", (char **)known);
                /* NAME.cfg may hold a layout of another name: its name
                 * setting, not the file's name, is what -l asks for. */
                const char *named = file ? renderer_layout_from(r, file) : NULL;
                if (named) {
                        char *n = diag_quote(named, 60), *f = diag_clean(file);
                        cli_usage_error(stderr, "--layout: no layout is named %s; %s names its layout %s (its name "
                                        "setting): -l %s", q, f, n, named);
                        g_free(n);
                        g_free(f);
                } else if (file)
                        cli_usage_error(stderr, "--layout: layout %s was left out: %s has problems (%s)", q, file,
                                        cli->quiet ? _("run without -q to see them") : _("see the warnings above"));
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
                const char *what = cli->bleed_mm > 0 && cli->marks
                                           ? _("plakat: warning: --bleed and --marks apply to print formats (%s) only\n")
                                   : cli->bleed_mm > 0 ? _("plakat: warning: --bleed applies to print formats (%s) only\n")
                                                       : _("plakat: warning: --marks applies to print formats (%s) only\n");
                fprintf(stderr, what, print->str);
                fflush(stderr);
                g_string_free(print, TRUE);
        }
        g_free(known);
}

/* --sheet FORMAT -f PIECE: both print formats, the piece drawn as a PDF
 * (not a preview), and at least one piece with its bleed on the sheet. */
static bool sheet_formats_ok(const struct renderer *r, const struct cli *cli)
{
        bool preview;
        const struct format *sheet = formats_find(renderer_formats(r), cli->sheet);
        if (!sheet || !sheet->print) {
                char *q = diag_quote(cli->sheet, 40);
                cli_usage_error(stderr, "--sheet: %s is not a paper size (plakat formats lists them: a4, a3, sra4, sra3 ...)", q);
                g_free(q);
                return false;
        }
        const struct format *piece = formats_request(renderer_formats(r), cli->formats[0], &preview);
        if (!piece || preview || !piece->print) {
                char *q = diag_quote(cli->formats[0], 40);
                cli_usage_error(stderr, "--sheet: -f %s is not a print format; sheets carry flyers and posters", q);
                g_free(q);
                return false;
        }
        /* Whatever the communities say, such a sheet never holds a piece:
         * one usage mistake, found before any of them is read. */
        char *why = renderer_sheet_misfit(r, sheet, piece, cli->bleed_mm);
        if (why)
                cli_usage_error(stderr, "%s", why);
        g_free(why);
        return !why;
}

/* -o DIR: made (with its parents) before any community, so a folder that
 * cannot be made or written is one usage mistake, not one refusal per
 * file.  *made says whether it was not there before. */
static bool outdir_ready(const char *dir, bool *made)
{
        bool existed = g_file_test(dir, G_FILE_TEST_EXISTS);
        *made = !existed;
        const char *why = NULL, *fmt = NULL;
        /* A folder that is there but may not be written to is not one that
         * "cannot be created": say what is wrong with it. */
        if (existed && !g_file_test(dir, G_FILE_TEST_IS_DIR))
                fmt = _("plakat: -o %s: this is a file, not a folder; name a folder for the outputs\n");
        else if (existed && g_access(dir, W_OK | X_OK) != 0) {
                why = g_strerror(errno);
                fmt = _("plakat: -o %s: the output folder exists, but plakat may not write into it (%s); "
                        "name another folder with -o\n");
        } else if (g_mkdir_with_parents(dir, 0777) != 0) {
                why = g_strerror(errno);
                fmt = _("plakat: -o %s: cannot create the output folder: %s\n");
        } else if (g_access(dir, W_OK | X_OK) != 0) {
                why = g_strerror(errno);
                fmt = _("plakat: -o %s: the output folder exists, but plakat may not write into it (%s); "
                        "name another folder with -o\n");
        }
        if (fmt) {
                /* The folder as typed, like the files in other messages. */
                char *clean = diag_clean(dir);
                fprintf(stderr, fmt, clean, why ? why : "");
                g_free(clean);
                fflush(stderr);
                *made = false;
        }
        return fmt == NULL;
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

/* `plakat settings`: the community settings table, for people who write
 * community files.  A failed write (a full disk, a closed pipe) is not
 * success. */
static int settings_command(FILE *out)
{
        if (community_print_settings(out) < 0 || fflush(out) != 0) {
                fprintf(stderr, _("plakat: cannot write the list of settings: %s\n"), g_strerror(errno));
                return CLI_EXIT_REFUSED;
        }
        return CLI_EXIT_OK;
}

int main(int argc, char **argv)
{
        /* Past a file-size limit (ulimit -f) a write should fail and be
         * reported like a full disk, not kill plakat half-way. */
        signal(SIGXFSZ, SIG_IGN);
        /* Files that outputs replaced, kept for the next output to write
         * over (output.c), go when plakat does, by any return or exit. */
        atexit(output_drop_spares);
        /* Before anything reads a number or prints a message. */
        i18n_init();
        struct cli cli;
        int rc = cli_parse(argc, argv, &cli, stdout, stderr);
        if (rc >= 0)
                return rc;
        if (strcmp(cli.command, "new") == 0) {
                /* The table is compiled in: no data folder needed. */
                struct diag nd;
                diag_init(&nd, NULL);
                const char *lang = cli.language ? cli.language : starter_default_language();
                rc = starter_write(cli.files[0], lang, &nd) ? CLI_EXIT_OK : CLI_EXIT_REFUSED;
                print_diag(&nd, cli.quiet);
                diag_clear(&nd);
                if (rc == CLI_EXIT_OK && !cli.quiet)
                        printf("%s\n", cli.files[0]);
                cli_clear(&cli);
                return rc;
        }
        if (strcmp(cli.command, "settings") == 0) {
                /* The table is compiled in: no data folder needed. */
                rc = settings_command(stdout);
                cli_clear(&cli);
                return rc;
        }

        char *datadir = paths_datadir();
        char *layouts = g_build_filename(datadir, "layouts", NULL);
        struct renderer *r = NULL;
        struct kit *kits = NULL;
        /* Files named like community files but not quite, and why: for the
         * report (batch_inputs). */
        GPtrArray *not_read = g_ptr_array_new_with_free_func(g_free);
        GPtrArray *not_read_why = g_ptr_array_new_with_free_func(g_free);

        if (!g_file_test(layouts, G_FILE_TEST_IS_DIR)) {
                fprintf(stderr,
                        _("plakat: no data folder at %s (it should hold layouts/, formats/, themes/, lang/ and "
                          "fonts/); set PLAKAT_DATADIR to the right folder\n"),
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
                fprintf(stderr, _("plakat: cannot load the layouts, languages and fonts in %s\n"), datadir);
                rc = CLI_EXIT_REFUSED;
                goto out;
        }
        if (!renderer_lang(r, "de")) {
                fprintf(stderr, _("plakat: no language files in %s/lang\n"), datadir);
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
                kits = kit_new(r, datadir, &kd);
                print_diag(&kd, cli.quiet);
                diag_clear(&kd);
                if (!kits) {
                        fprintf(stderr, _("plakat: cannot load %s/formats/platforms.cfg\n"), datadir);
                        rc = CLI_EXIT_REFUSED;
                        goto out;
                }
        }
        if (!formats_known(r, cli.formats) || (cli.layout && !layout_known(r, &cli, datadir)) ||
            !layout_has_formats(r, &cli)) {
                rc = CLI_EXIT_USAGE;
                goto out;
        }
        if (cli.sheet && !sheet_formats_ok(r, &cli)) {
                rc = CLI_EXIT_USAGE;
                goto out;
        }
        GString *notes = g_string_new(NULL);
        bool folders = false;
        char **files = batch_inputs(cli.files, render ? _("rendered") : _("checked"), cli.quiet, notes, &folders,
                                    not_read, not_read_why);
        g_strfreev(cli.files);
        cli.files = files;
        fputs(notes->str, stderr);
        g_string_free(notes, TRUE);
        /* Folders with no community file in them (a wrong folder, files
         * named X.CFG): nothing to do is a mistake to say, not a success. */
        if (!cli.files[0]) {
                rc = cli_usage_error(stderr, "%s: no community file (*.cfg) in the folders given", cli.command);
                goto out;
        }
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

        bool to_stdout = render && strcmp(cli.outdir, "-") == 0;
        struct render_options ro = {
                .outdir = cli.outdir,
                .stream_fd = to_stdout ? STDOUT_FILENO : -1,
                .stream_name = _("standard output"),
                .formats = cli.formats,
                .layout = cli.layout,
                .dpi = cli.dpi,
                .bleed_mm = cli.bleed_mm,
                .marks = cli.marks,
                .debug_boxes = cli.debug_boxes,
                .today = cli.today,
        };
        struct community_options co = {
                .allow_outside = cli.allow_outside,
                .languages = renderer_languages(r),
        };
        char *sheet_path = NULL;
        struct sheet_request sheet = { .sheet = cli.sheet, .copies = cli.copies };
        if (cli.sheet) {
                /* No "-" in the name: a community's outputs are always
                 * NAME-FORMAT.ext, so this one can never be theirs. */
                char *name = g_strdup_printf("sheets_%s_on_%s.pdf", cli.formats[0], cli.sheet);
                sheet_path = g_build_filename(cli.outdir, name, NULL);
                g_free(name);
                sheet.piece = cli.formats[0];
                sheet.path = sheet_path;
        }
        struct batch b = {
                .env = { .r = r, .ro = &ro, .co = &co, .render = render, .quiet = cli.quiet, .force = cli.force,
                         .allow_ended = cli.allow_ended, .kit = kits },
                .files = cli.files,
                .folders = folders,
                .jobs = cli.jobs,
                .time_limit = cli.time_limit,
                .progress = !cli.quiet && isatty(STDERR_FILENO),
                .outdir = to_stdout ? NULL : cli.outdir,
                .report = cli.report,
                .sheet = cli.sheet ? &sheet : NULL,
                .not_read = not_read->len ? not_read : NULL,
                .not_read_why = not_read->len ? not_read_why : NULL,
        };
        rc = batch_run(&b);
        g_free(sheet_path);
        /* Every file refused: leave no empty folder behind that was not there. */
        if (made && dir_empty(cli.outdir))
                g_rmdir(cli.outdir);

out:
        g_ptr_array_free(not_read, TRUE);
        g_ptr_array_free(not_read_why, TRUE);
        kit_free(kits);
        renderer_free(r);
        /* Process-wide, so freed by the process: the patterns are cached
         * for every renderer. */
        hyphen_cleanup();
        g_free(layouts);
        g_free(datadir);
        cli_clear(&cli);
        return rc;
}
