/* report.h: a batch's report for the office and the leads.
 *
 * --report writes two files into the output folder, each atomically
 * (output.h), after the run:
 *
 *   report.json   for scripts: per community its input path, status,
 *                 every error and warning (with file, line and setting),
 *                 every output (format, path in the folder, SHA-256); and
 *                 the run's summary.  Fields: docs/report.md.
 *   report.html   for people: a contact sheet, one self-contained page
 *                 (CSS inline, no script, no network, relative links only)
 *                 that works on a phone and in a copy of the folder.
 *                 Refused and failed communities come first with their
 *                 messages exactly as the terminal showed them, then every
 *                 community with its warnings and a thumbnail of each
 *                 output linked to the file.
 *
 * PNG outputs are their own thumbnails.  A PDF has none a browser can show
 * in an <img>, so the community's page is rendered again as a small PNG
 * into report-thumbs/, named by the PDF's SHA-256: a re-run whose PDF did
 * not change reuses it, and pictures of PDFs no longer there are removed.
 * Everything the page links to exists when it is written. */
#ifndef PLAKAT_REPORT_H
#define PLAKAT_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "job.h"
#include "render.h"

#include <signal.h>

struct community_options;
struct diag;

#define REPORT_JSON "report.json"
#define REPORT_HTML "report.html"
#define REPORT_THUMBS "report-thumbs"

/* What the report says about the run as a whole, and what it needs to draw
 * thumbnails. */
struct report_run {
        size_t rendered, unchanged, refused, failed; /* as the summary line counts them */
        double seconds;                              /* the whole run */
        bool interrupted;                            /* Ctrl-C: some files were not done */
        GDate today;                                 /* the run's --today */
        char *const *files;                          /* the inputs, in order (names of files not done) */
        /* Sheets: the one sheet PDF as a result (outputs: the sheet; messages:
         * the sheet's own), and what it was asked to be; NULL: no sheets. */
        const struct job_result *sheet;
        const struct sheet_request *sheet_request;
        bool sheet_not_done; /* sheets: Ctrl-C came before the sheet was written */
        /* Files in the folders named like community files but not quite
         * ("x.cfg.txt"), and why each was not read; NULL: none. */
        const GPtrArray *not_read, *not_read_why;
        /* For thumbnails of PDFs; r NULL: no new thumbnails are drawn. */
        struct renderer *r;
        /* NULL, or a flag a signal handler sets: once it is set no further
         * thumbnail is drawn (those outputs show their cards), and the
         * report says the run was interrupted. */
        const volatile sig_atomic_t *stop;
        const struct render_options *ro;
        const struct community_options *co;
};

/* Write report.json and report.html into dir for results[0..n) (input
 * order; a NULL entry is a file not done because the run was interrupted),
 * and the thumbnails they need into dir/report-thumbs/.  A thumbnail that
 * cannot be drawn leaves a card with the format's name instead.  Returns
 * false after reporting to d when a report file could not be written. */
bool report_write(const char *dir, const struct job_result *const *results, size_t n,
                  const struct report_run *run, struct diag *d);

/* For tests: s as a JSON string (quotes included) appended to out.  Invalid
 * UTF-8 becomes U+FFFD; control characters, quotes, backslashes and the
 * line separators U+2028/U+2029 are escaped. */
void report_json_string(GString *out, const char *s);

/* For tests: s as HTML text appended to out: valid UTF-8, & < > " '
 * escaped, control characters shown as \xNN as on the terminal (tabs and
 * newlines kept). */
void report_html_text(GString *out, const char *s);

/* For tests: a message's parts as "file:line: [warning: ]setting: text"
 * carries them; *line 0 and *setting NULL when the message has none.
 * community is the file the message is about when it starts with it
 * (file names may contain ':').  *file and *setting: caller frees. */
void report_message_parts(const char *text, const char *community, char **file, int *line, char **setting,
                          const char **message);

#endif
