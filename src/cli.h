/* cli.h: the command line -> struct cli.  Option syntax only: whether a
 * format or layout exists is decided later, against the loaded renderer. */
#ifndef PLAKAT_CLI_H
#define PLAKAT_CLI_H

#include <glib.h>
#include <stdbool.h>
#include <stdio.h>

/* Exit statuses (README, man page): */
#define CLI_EXIT_OK      0 /* every file was good */
#define CLI_EXIT_REFUSED 1 /* a community was refused, or plakat could not start */
#define CLI_EXIT_USAGE   2 /* bad option, value, command; no files */

struct cli {
        char *command;       /* "check", "render", "formats", "layouts", "themes", "settings", "new" */
        char **files;        /* NULL-terminated, maybe empty */
        GDate today;         /* --today, or the local date */
        char **formats;      /* --format split at commas; NULL: the default */
        char *outdir;        /* --output, default "out"; "-" is standard output */
        char *layout;        /* --layout or NULL */
        double dpi;          /* 0: the renderer's default */
        double bleed_mm;
        bool marks, allow_outside, allow_ended, quiet;
        bool debug_boxes;    /* --debug-boxes: NAME-FORMAT.boxes.json beside each output */
        char **font_dirs;    /* --fonts, NULL-terminated, maybe empty */
        char **layout_dirs;  /* --layouts, NULL-terminated, maybe empty */
        unsigned jobs;       /* -j: workers; 0: one per processor */
        double time_limit;   /* --time-limit: seconds a file may take; 0: none */
        char *sheet;         /* --sheet: the sheet's format, or NULL */
        unsigned copies;     /* --copies: each community this often on sheets */
        bool force;          /* --force: render even what is unchanged */
        bool report;         /* --report: report.json and report.html */
        char *language;      /* --language (new): "de", "en", or NULL: from the locale */
};

/* How long one community file may take in a batch before it is stopped. */
#define CLI_DEFAULT_TIME_LIMIT 60.0

/* Default formats when -f is not given. */
#define CLI_DEFAULT_FORMATS "a3,instagram"

/* Parse argv into *cli.  Returns -1 when the command should run; otherwise
 * an exit status: CLI_EXIT_OK after --help or --version (printed to out),
 * CLI_EXIT_USAGE after a mistake (one line plus "Try 'plakat --help'" on
 * err).  On -1 free *cli with cli_clear; on other returns it is cleared. */
int cli_parse(int argc, char **argv, struct cli *cli, FILE *out, FILE *err);
void cli_clear(struct cli *cli);

/* Why s is not a date as --today takes it: "expected a date as
 * YYYY-MM-DD, found \"1.1.2027\"", "no such date \"2027-13-01\": there is
 * no month 13"...; NULL when s is a date.  Caller frees with g_free. */
char *cli_date_problem(const char *s);

/* Print a usage mistake: "plakat: <message>" and the --help hint on err.
 * Returns CLI_EXIT_USAGE. */
int cli_usage_error(FILE *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The commands, NULL-terminated (for did-you-mean and tests). */
extern const char *const cli_commands[];

/* The --help text. */
void cli_help(FILE *out);

#endif
