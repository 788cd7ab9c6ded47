/* cli.c: the command line -> struct cli.
 *
 * getopt_long with GNU argument permutation, so options may come before or
 * after the command and the files (`plakat -q check a.cfg`, `plakat check
 * a.cfg -q`); `--` ends the options.  getopt's own messages are off: ours
 * name the option as typed, suggest the closest long option, and end with
 * the --help hint, as STYLE.md asks. */
#include "cli.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "diag.h"
#include "i18n.h"
#include "schedule.h"

const char *const cli_commands[] = {"check", "render", "kit", "formats", "layouts", "themes", "settings", "new", "help", NULL};

enum {
        OPT_TODAY = 256,
        OPT_DPI,
        OPT_BLEED,
        OPT_MARKS,
        OPT_FONTS,
        OPT_LAYOUTS,
        OPT_ALLOW_OUTSIDE,
        OPT_TIME_LIMIT,
        OPT_SHEET,
        OPT_COPIES,
        OPT_FORCE,
        OPT_REPORT,
        OPT_DEBUG_BOXES,
        OPT_ALLOW_ENDED,
        OPT_LANGUAGE,
};

static const struct option long_options[] = {
        {"today", required_argument, NULL, OPT_TODAY},
        {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {"layout", required_argument, NULL, 'l'},
        {"dpi", required_argument, NULL, OPT_DPI},
        {"bleed", required_argument, NULL, OPT_BLEED},
        {"marks", no_argument, NULL, OPT_MARKS},
        {"fonts", required_argument, NULL, OPT_FONTS},
        {"layouts", required_argument, NULL, OPT_LAYOUTS},
        {"allow-outside-paths", no_argument, NULL, OPT_ALLOW_OUTSIDE},
        {"jobs", required_argument, NULL, 'j'},
        {"time-limit", required_argument, NULL, OPT_TIME_LIMIT},
        {"sheet", required_argument, NULL, OPT_SHEET},
        {"copies", required_argument, NULL, OPT_COPIES},
        {"force", no_argument, NULL, OPT_FORCE},
        {"report", no_argument, NULL, OPT_REPORT},
        {"debug-boxes", no_argument, NULL, OPT_DEBUG_BOXES},
        {"allow-ended", no_argument, NULL, OPT_ALLOW_ENDED},
        {"language", required_argument, NULL, OPT_LANGUAGE},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
};

/* Leading ':' makes a missing value return ':' instead of '?'. */
static const char short_options[] = ":f:o:l:j:qhV";

#define DPI_MIN   10.0
#define DPI_MAX   1200.0
#define BLEED_MAX 20.0
#define JOBS_MAX 256
#define COPIES_MAX 1000
#define TIME_LIMIT_MAX 86400.0

void cli_help(FILE *out)
{
        /* Three pieces: C caps a string literal's length (4095). */
        fputs(_("Usage: plakat check [OPTIONS] FILE...\n"
                "       plakat render [OPTIONS] FILE...\n"
                "       plakat kit [OPTIONS] FILE...\n"
                "       plakat formats\n"
                "       plakat layouts | plakat themes | plakat settings\n"
                "       plakat new [--language=de|en] FILE\n"
                "\n"
                "Turn community files into print-ready posters (PDF) and social-media\n"
                "images (PNG) with a QR code for signing up.\n"
                "\n"
                "Commands:\n"
                "  check     read each FILE (or every *.cfg in a folder), report every\n"
                "            problem, print what plakat understood\n"
                "  render    write the posters and images of each FILE (one path per line)\n"
                "  kit       write each FILE's promotion kit into DIR/<name>/: every poster and\n"
                "            image of its design, invite cards, a WOOP sheet, texts to post,\n"
                "            alt texts, a calendar file and an index.html (-f is ignored)\n"
                "  formats   list the output formats\n"
                "  layouts   list the designs and the formats each one has\n"
                "  themes    list the colour themes (style.theme in a community file)\n"
                "  settings  list the settings of a community file, with their meaning\n"
                "  new       write FILE, a community file to fill in: every setting explained,\n"
                "            values to replace marked «…» (check refuses them until replaced);\n"
                "            never overwrites; --language=de|en (default: from the locale)\n"
                "\n"),
              out);
        fprintf(out,
                _("Options:\n"
                  "  -f, --format=LIST      formats to write, comma-separated, or \"all\" (every\n"
                  "                         format the layout has); a print format with -png\n"
                  "                         (a3-png) is a PNG preview (default: %s)\n"
                  "  -o, --output=DIR       folder for the outputs, created if missing\n"
                  "                         (default: out); \"-\" writes the single output\n"
                  "                         to standard output\n"
                  "  -l, --layout=NAME      the design (default: the standard one)\n"
                  "      --today=DATE       count the next meetings from DATE (YYYY-MM-DD)\n"
                  "                         instead of today, for reproducible output\n"
                  "      --dpi=N            resolution of PNG previews of print formats\n"
                  "                         (default: 150)\n"
                  "      --bleed=MM         print formats: bleed in millimetres (default: 0)\n"
                  "      --marks            print formats: crop marks outside the bleed\n"
                  "      --fonts=DIR        also use the fonts in DIR (repeatable)\n"
                  "      --layouts=DIR      also use the layout files (*.cfg) in DIR, to\n"
                  "                         try out a design of your own (repeatable)\n"
                  "      --allow-outside-paths\n"
                  "                         let logo and photo name files outside the\n"
                  "                         community file's folder (only for files you trust)\n"
                  "  -j, --jobs=N           render on N worker processes (default: one per\n"
                  "                         processor); output is the same for any N\n"
                  "      --time-limit=S     stop a file that takes longer than S seconds and\n"
                  "                         go on with the next (default: 60; 0: no limit)\n"),
                CLI_DEFAULT_FORMATS);
        fputs(_("      --force            render everything, also what is unchanged since\n"
                "                         the last run into the same folder\n"
                "      --sheet=FORMAT     print sheets: put the one print format of -f\n"
                "                         several times on each FORMAT page (a4, a3, sra4,\n"
                "                         sra3), with crop marks where there is room, into\n"
                "                         one PDF (sheets_PIECE_on_FORMAT.pdf)\n"
                "      --copies=N         with --sheet: each community N times (default: 1)\n"
                "      --report           also write report.json and report.html into the\n"
                "                         output folder\n"
                "      --debug-boxes      also write NAME-FORMAT.boxes.json: every box drawn\n"
                "                         (element, kind, x, y, w, h in output units, text)\n"
                "      --allow-ended      render a community whose meetings have all passed\n"
                "                         (refused otherwise: a poster would still invite)\n"
                "  -q, --quiet            do not print warnings (errors still are)\n"
                "  -h, --help             show this help\n"
                "  -V, --version          show the version\n"
                "\n"
                "Examples:\n"
                "  plakat check urban-gardening.cfg\n"
                "  plakat render urban-gardening.cfg\n"
                "      writes out/urban-gardening-a3.pdf and out/urban-gardening-instagram.png\n"
                "  plakat render -f all -o flyers communities/*.cfg\n"
                "  plakat render -f a3 -l NAME --today 2027-01-01 urban-gardening.cfg\n"
                "  plakat render -f instagram -o - urban-gardening.cfg > post.png\n"
                "  plakat render --layouts ~/layouts -l mini -f instagram urban-gardening.cfg\n"
                "  plakat kit -o kits urban-gardening.cfg\n"
                "      writes kits/urban-gardening/index.html and everything it links\n"
                "\n"
                "Exit status: 0 every file was good, 1 a file was refused (the others are\n"
                "still checked or rendered), 2 a mistake on the command line.\n"
                "Set PLAKAT_DATADIR to use layouts, languages and fonts from another folder.\n"
                "More: man plakat\n"),
              out);
}

int cli_usage_error(FILE *err, const char *fmt, ...)
{
        va_list ap;
        va_start(ap, fmt);
        fputs("plakat: ", err);
        vfprintf(err, _(fmt), ap);
        fputc('\n', err);
        fputs(_("Try 'plakat --help' for more information.\n"), err);
        va_end(ap);
        return CLI_EXIT_USAGE;
}

/* A long option that getopt refused: unknown, ambiguous, or given a value
 * it does not take.  arg is the word as typed, "--name[=value]". */
static int bad_long_option(FILE *err, const char *arg)
{
        const char *eq = strchr(arg, '=');
        char *name = g_strndup(arg + 2, eq ? (size_t)(eq - arg - 2) : strlen(arg + 2));
        const char *names[G_N_ELEMENTS(long_options)];
        size_t n = 0, prefixed = 0;
        const struct option *exact = NULL;
        GString *matches = g_string_new(NULL);
        for (const struct option *o = long_options; o->name; o++) {
                names[n++] = o->name;
                if (strcmp(o->name, name) == 0)
                        exact = o;
                if (*name && g_str_has_prefix(o->name, name)) {
                        g_string_append_printf(matches, "%s--%s", prefixed ? ", " : "", o->name);
                        prefixed++;
                }
        }
        int rc;
        if (exact && exact->has_arg == no_argument && eq)
                rc = cli_usage_error(err, "option \"--%s\" takes no value", name);
        else if (prefixed > 1)
                rc = cli_usage_error(err, "option \"%s\" is ambiguous: %s", arg, matches->str);
        else {
                const char *close = diag_closest(name, names, n);
                if (close)
                        rc = cli_usage_error(err, "unknown option \"--%s\"; did you mean \"--%s\"?", name,
                                             close);
                else
                        rc = cli_usage_error(err, "unknown option \"--%s\"", name);
        }
        g_string_free(matches, TRUE);
        g_free(name);
        return rc;
}

/* The same words as a date in a community file (community.c parse_when). */
char *cli_date_problem(const char *s)
{
        static const char shape[] = "dddd-dd-dd";
        bool shaped = strlen(s) == strlen(shape);
        for (size_t i = 0; shaped && shape[i]; i++)
                shaped = shape[i] == 'd' ? g_ascii_isdigit(s[i]) : s[i] == shape[i];
        char *q = diag_quote(s, 40);
        char *why;
        int y = shaped ? atoi(s) : 0, m = shaped ? atoi(s + 5) : 0, d = shaped ? atoi(s + 8) : 0;
        if (!shaped)
                why = g_strdup_printf(_("expected a date as YYYY-MM-DD, found %s"), q);
        else if (y < 1)
                why = g_strdup_printf(_("no such date %s: there is no year 0"), q);
        else if (m < 1 || m > 12)
                why = g_strdup_printf(_("no such date %s: there is no month %d (months are 01 to 12)"), q, m);
        else if (d < 1 || d > g_date_get_days_in_month((GDateMonth)m, (GDateYear)y))
                why = g_strdup_printf(_("no such date %s: %s %d has %d days"), q, i18n_month_name(m), y,
                                      (int)g_date_get_days_in_month((GDateMonth)m, (GDateYear)y));
        else
                why = NULL;
        g_free(q);
        return why;
}

/* A number from the whole of s within [lo, hi]. */
static bool parse_number(const char *s, double lo, double hi, double *out)
{
        char *end = NULL;
        double v = g_ascii_strtod(s, &end);
        if (end == s || *end != '\0' || !(v >= lo && v <= hi))
                return false;
        *out = v;
        return true;
}

/* "a3, instagram" -> {"a3", "instagram"}; false on an empty item. */
static bool split_formats(const char *s, GPtrArray *out)
{
        char **parts = g_strsplit(s, ",", -1);
        bool ok = parts[0] != NULL;
        for (char **p = parts; *p && ok; p++) {
                /* Format names are lower case; "A3" means a3. */
                char *item = g_strstrip(g_ascii_strdown(*p, -1));
                if (!*item) {
                        ok = false;
                        g_free(item);
                } else {
                        g_ptr_array_add(out, item);
                }
        }
        g_strfreev(parts);
        return ok;
}

void cli_clear(struct cli *cli)
{
        g_free(cli->command);
        g_free(cli->language);
        g_strfreev(cli->files);
        g_strfreev(cli->formats);
        g_free(cli->outdir);
        g_free(cli->layout);
        g_strfreev(cli->font_dirs);
        g_strfreev(cli->layout_dirs);
        g_free(cli->sheet);
        memset(cli, 0, sizeof *cli);
}

static char **take_strv(GPtrArray *a)
{
        g_ptr_array_add(a, NULL);
        return (char **)g_ptr_array_free(a, FALSE);
}

int cli_parse(int argc, char **argv, struct cli *cli, FILE *out, FILE *err)
{
        memset(cli, 0, sizeof *cli);
        g_date_clear(&cli->today, 1);
        g_date_set_time_t(&cli->today, time(NULL)); /* local date */
        cli->time_limit = CLI_DEFAULT_TIME_LIMIT;
        cli->copies = 1;
        GPtrArray *formats = NULL;
        GPtrArray *fonts = g_ptr_array_new_with_free_func(g_free);
        GPtrArray *layout_dirs = g_ptr_array_new_with_free_func(g_free);
        char *outdir = NULL, *layout = NULL;
        int rc = -1;

        opterr = 0;
        optind = 0; /* glibc: full reinitialisation, so tests may parse twice */
        int c;
        while (rc < 0 && (c = getopt_long(argc, argv, short_options, long_options, NULL)) != -1) {
                switch (c) {
                case 'f':
                        if (!formats)
                                formats = g_ptr_array_new_with_free_func(g_free);
                        if (!split_formats(optarg, formats)) {
                                char *q = diag_quote(optarg, 60);
                                rc = cli_usage_error(err, "--format: empty format name in %s", q);
                                g_free(q);
                        }
                        break;
                case 'o':
                        if (!*optarg) {
                                rc = cli_usage_error(err, "--output: empty folder name");
                                break;
                        }
                        g_free(outdir);
                        outdir = g_strdup(optarg);
                        break;
                case 'l':
                        if (!*optarg) {
                                rc = cli_usage_error(err, "--layout: empty layout name");
                                break;
                        }
                        g_free(layout);
                        layout = g_strdup(optarg);
                        break;
                case OPT_TODAY:
                        if (!schedule_parse_date(optarg, &cli->today)) {
                                char *why = cli_date_problem(optarg);
                                rc = cli_usage_error(err, "--today: %s", why ? why : _("not a date"));
                                g_free(why);
                        }
                        break;
                case OPT_DPI:
                        if (!parse_number(optarg, DPI_MIN, DPI_MAX, &cli->dpi)) {
                                char *q = diag_quote(optarg, 40);
                                rc = cli_usage_error(err, "--dpi: expected a number from %g to %g, found %s",
                                                     DPI_MIN, DPI_MAX, q);
                                g_free(q);
                        }
                        break;
                case OPT_BLEED:
                        if (!parse_number(optarg, 0, BLEED_MAX, &cli->bleed_mm)) {
                                char *q = diag_quote(optarg, 40);
                                rc = cli_usage_error(err,
                                                     "--bleed: expected millimetres from 0 to %g, found %s",
                                                     BLEED_MAX, q);
                                g_free(q);
                        }
                        break;
                case OPT_MARKS:
                        cli->marks = true;
                        break;
                case OPT_DEBUG_BOXES:
                        cli->debug_boxes = true;
                        break;
                case OPT_FONTS:
                        if (!g_file_test(optarg, G_FILE_TEST_IS_DIR)) {
                                char *q = diag_quote(optarg, 200);
                                rc = cli_usage_error(err, "--fonts: %s is not a folder", q);
                                g_free(q);
                                break;
                        }
                        g_ptr_array_add(fonts, g_strdup(optarg));
                        break;
                case OPT_LAYOUTS:
                        if (!g_file_test(optarg, G_FILE_TEST_IS_DIR)) {
                                char *q = diag_quote(optarg, 200);
                                rc = cli_usage_error(err, "--layouts: %s is not a folder", q);
                                g_free(q);
                                break;
                        }
                        g_ptr_array_add(layout_dirs, g_strdup(optarg));
                        break;
                case OPT_ALLOW_OUTSIDE:
                        cli->allow_outside = true;
                        break;
                case 'j': {
                        double v;
                        if (!parse_number(optarg, 1, JOBS_MAX, &v) || v != (unsigned)v) {
                                char *q = diag_quote(optarg, 40);
                                rc = cli_usage_error(err, "--jobs: expected a whole number from 1 to %d, found %s",
                                                     JOBS_MAX, q);
                                g_free(q);
                        } else {
                                cli->jobs = (unsigned)v;
                        }
                        break;
                }
                case OPT_TIME_LIMIT:
                        if (!parse_number(optarg, 0, TIME_LIMIT_MAX, &cli->time_limit)) {
                                char *q = diag_quote(optarg, 40);
                                rc = cli_usage_error(err, "--time-limit: expected seconds from 0 to %g, found %s",
                                                     TIME_LIMIT_MAX, q);
                                g_free(q);
                        }
                        break;
                case OPT_SHEET:
                        if (!*optarg) {
                                rc = cli_usage_error(err, "--sheet: empty format name");
                                break;
                        }
                        g_free(cli->sheet);
                        /* As -f takes "A6": a paper size is no less one in capitals. */
                        cli->sheet = g_strstrip(g_ascii_strdown(optarg, -1));
                        break;
                case OPT_COPIES: {
                        double v;
                        if (!parse_number(optarg, 1, COPIES_MAX, &v) || v != (unsigned)v) {
                                char *q = diag_quote(optarg, 40);
                                rc = cli_usage_error(err, "--copies: expected a whole number from 1 to %d, found %s",
                                                     COPIES_MAX, q);
                                g_free(q);
                        } else {
                                cli->copies = (unsigned)v;
                        }
                        break;
                }
                case OPT_FORCE:
                        cli->force = true;
                        break;
                case OPT_REPORT:
                        cli->report = true;
                        break;
                case OPT_ALLOW_ENDED:
                        cli->allow_ended = true;
                        break;
                case OPT_LANGUAGE:
                        if (strcmp(optarg, "de") != 0 && strcmp(optarg, "en") != 0) {
                                char *q = diag_quote(optarg, 40);
                                rc = cli_usage_error(err, "--language: expected de or en, found %s", q);
                                g_free(q);
                                break;
                        }
                        g_free(cli->language);
                        cli->language = g_strdup(optarg);
                        break;
                case 'q':
                        cli->quiet = true;
                        break;
                case 'h':
                        cli_help(out);
                        rc = CLI_EXIT_OK;
                        break;
                case 'V':
                        fputs("plakat " PLAKAT_VERSION "\n", out);
                        rc = CLI_EXIT_OK;
                        break;
                case ':': {
                        const char *arg = argv[optind - 1];
                        if (optopt > 0 && optopt < 256 && !g_str_has_prefix(arg, "--"))
                                rc = cli_usage_error(err, "option \"-%c\" needs a value", optopt);
                        else
                                rc = cli_usage_error(err, "option \"%s\" needs a value", arg);
                        break;
                }
                default: { /* '?' */
                        const char *arg = argv[optind - 1];
                        if (optopt == 0 || (g_str_has_prefix(arg, "--") && strchr(arg, '=')))
                                rc = bad_long_option(err, arg);
                        else
                                rc = cli_usage_error(err, "unknown option \"-%c\"", optopt);
                        break;
                }
                }
        }

        if (rc < 0) {
                if (optind >= argc) {
                        rc = cli_usage_error(err, "no command given (check, render, kit, new, formats, layouts, themes or settings)");
                } else {
                        const char *cmd = argv[optind];
                        bool known = false;
                        for (const char *const *k = cli_commands; *k; k++)
                                known = known || strcmp(*k, cmd) == 0;
                        if (!known) {
                                const char *close =
                                        diag_closest(cmd, cli_commands, g_strv_length((char **)cli_commands));
                                char *q = diag_quote(cmd, 60);
                                if (close)
                                        rc = cli_usage_error(err, "unknown command %s; did you mean \"%s\"?", q,
                                                             close);
                                else if (g_str_has_suffix(cmd, ".cfg"))
                                        rc = cli_usage_error(err, "unknown command %s; did you mean \"plakat check %s\"?",
                                                             q, cmd);
                                else
                                        rc = cli_usage_error(err,
                                                             "unknown command %s (check, render, kit, new, formats, layouts, themes or settings)",
                                                             q);
                                g_free(q);
                        } else if (strcmp(cmd, "help") == 0) {
                                cli_help(out);
                                rc = CLI_EXIT_OK;
                        }
                }
        }
        if (rc < 0) {
                const char *cmd = argv[optind];
                int nfiles = argc - optind - 1;
                bool wants_files = strcmp(cmd, "check") == 0 || strcmp(cmd, "render") == 0 || strcmp(cmd, "kit") == 0;
                if (wants_files && nfiles == 0)
                        rc = cli_usage_error(err, "%s: no community file given", cmd);
                else if (strcmp(cmd, "new") == 0 && nfiles != 1)
                        rc = cli_usage_error(err, "new: name the one file to write (e.g. plakat new my-group.cfg)");
                else if (cli->language && strcmp(cmd, "new") != 0)
                        rc = cli_usage_error(err, "--language: only with new");
                else if (!wants_files && nfiles > 0 && strcmp(cmd, "new") != 0)
                        rc = cli_usage_error(err, "%s takes no files", cmd);
                else if (cli->sheet && strcmp(cmd, "render") != 0)
                        rc = cli_usage_error(err, "--sheet: only with render");
                else if (cli->sheet && (!formats || formats->len != 1 ||
                                        strcmp(g_ptr_array_index(formats, 0), "all") == 0))
                        rc = cli_usage_error(err, "--sheet: name the one print format to put on the sheets with -f "
                                                  "(e.g. -f a6 --sheet a4)");
                else if (cli->sheet && outdir && strcmp(outdir, "-") == 0)
                        rc = cli_usage_error(err, "--sheet: the sheets are a file; -o - cannot take them");
                else if (cli->copies != 1 && !cli->sheet)
                        rc = cli_usage_error(err, "--copies: only with --sheet");
        }

        if (rc >= 0) {
                if (formats)
                        g_ptr_array_free(formats, TRUE);
                g_ptr_array_free(fonts, TRUE);
                g_ptr_array_free(layout_dirs, TRUE);
                g_free(outdir);
                g_free(layout);
                cli_clear(cli);
                return rc;
        }

        cli->command = g_strdup(argv[optind]);
        GPtrArray *files = g_ptr_array_new();
        for (int i = optind + 1; i < argc; i++)
                g_ptr_array_add(files, g_strdup(argv[i]));
        cli->files = take_strv(files);
        if (!formats) {
                formats = g_ptr_array_new_with_free_func(g_free);
                split_formats(CLI_DEFAULT_FORMATS, formats);
        }
        g_ptr_array_set_free_func(formats, NULL);
        cli->formats = take_strv(formats);
        g_ptr_array_set_free_func(fonts, NULL);
        cli->font_dirs = take_strv(fonts);
        g_ptr_array_set_free_func(layout_dirs, NULL);
        cli->layout_dirs = take_strv(layout_dirs);
        cli->outdir = outdir ? outdir : g_strdup("out");
        cli->layout = layout;
        return -1;
}
