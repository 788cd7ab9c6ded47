/* batch.h: many community files at once, as the city office runs them.
 *
 * Inputs are files and folders (every *.cfg below a folder, by path, links
 * not followed), each file once.  Files are checked or rendered on worker
 * processes (render.h: a renderer is process-ready, not thread-ready),
 * forked after the renderer is loaded so they share its fonts and layouts;
 * a file that crashes its worker or runs past the time limit is reported
 * as failed and the batch goes on with a new worker.  Each file's lines
 * are printed together and in input order, exactly as a run one file at a
 * time prints them, whatever -j: the bytes of every output are the same
 * too.  On a terminal one line shows the progress.  A re-run skips what is
 * unchanged (record.h).  Ctrl-C or SIGTERM stops starting new files, lets
 * no temporary file stay, writes the record of what was done, and exits
 * 130. */
#ifndef PLAKAT_BATCH_H
#define PLAKAT_BATCH_H

#include <stdbool.h>

#include "job.h"
#include "render.h"

#define BATCH_EXIT_INTERRUPTED 130

struct batch {
        struct job_env env;          /* render or check, quiet, force, renderer */
        char **files;                /* community files (batch_inputs), NULL-terminated */
        bool folders;                /* a folder was among the inputs: report as a batch */
        unsigned jobs;               /* workers; 0: one per processor */
        double time_limit;           /* seconds a file may take; 0: no limit */
        bool progress;               /* the progress line (stderr a terminal, not -q) */
        const char *outdir;          /* render into files: where the record and report go */
        bool report;                 /* write report.json and report.html into outdir */
        const struct sheet_request *sheet; /* render onto sheets (sheet->path is made here) */
        /* Files in the folders named like community files but not quite
         * (batch_inputs), and why, for the report; NULL: none. */
        const GPtrArray *not_read, *not_read_why;
};

/* Run b.  Returns the exit status: 0 every file good (or unchanged), 1 any
 * refused or failed, 130 interrupted. */
int batch_run(struct batch *b);

/* The community files the inputs name: files as given, every *.cfg below
 * a folder (sorted by path, links not followed), each file once (also when
 * named twice or through a link: "FILE: given twice; <verb> once" goes to
 * notes unless quiet).  *folders tells whether a folder was among them.
 * A file in a folder named like a community file but not quite
 * ("x.cfg.txt", "X.CFG") is not read: "FILE: not read: WHY" goes to notes
 * unless quiet, and its path and WHY to not_read and why (both or none
 * NULL; g_free'd elements).  NULL-terminated; g_strfreev. */
char **batch_inputs(char *const *inputs, const char *verb, bool quiet, GString *notes, bool *folders,
                    GPtrArray *not_read, GPtrArray *why);

#endif
