/* job.h: one community file, checked or rendered, its messages collected.
 *
 * What a run one file at a time prints for a file (the messages and the
 * summary line for stderr; for stdout what plakat understood, or the paths
 * written) is kept in a result instead of printed, so that a batch can run
 * files on several workers and still print each file's lines together and
 * in input order (batch.c), and put them in its report. */
#ifndef PLAKAT_JOB_H
#define PLAKAT_JOB_H

#include <glib.h>
#include <stdbool.h>
#include <stddef.h>

struct renderer;
struct render_options;
struct community_options;
struct record;
struct kit;
struct community;
struct diag;

struct job_env {
        struct renderer *r;
        const struct render_options *ro;
        const struct community_options *co;
        bool render;                 /* render, else check */
        bool quiet;                  /* warnings kept for the report, not printed */
        bool force;                  /* render even what the record says is unchanged */
        bool allow_ended;            /* render a series whose meetings have all passed */
        const struct record *record; /* render: the output folder's record; NULL: none */
        struct kit *kit;             /* render the whole promotion kit (kit.h) instead */
        /* check: NULL, or file path -> why render would refuse it beside
         * another (their outputs' names), told as the file's warning. */
        GHashTable *clash;
};

enum job_status { JOB_OK, JOB_UNCHANGED, JOB_REFUSED, JOB_FAILED };

struct job_output {
        char *path;   /* as printed */
        char *format; /* "a3", "a3-png", "instagram" */
        char *kind;   /* file extension: "pdf", "png" */
        char *sha256; /* hex */
};

struct job_result {
        enum job_status status;  /* FAILED: only the machine failed (diag_fail) */
        char *path;              /* the community file as given */
        char *out, *err;         /* for stdout and stderr, whole lines (malloc'd) */
        GPtrArray *messages;     /* every message, "E..." or "W..." + its text, -q or not */
        GArray *outputs;         /* struct job_output, written or unchanged */
        size_t errors, warnings, failures;
        char *key;               /* render: the inputs' fingerprint, or NULL */
        size_t sheet_page;       /* on a sheet: the page (from 1) its first piece is on; 0: none */
        double seconds;
};

/* An empty result for path: no messages, no outputs, empty texts, status
 * OK (free with job_result_clear). */
void job_result_init(struct job_result *res, const char *path);

/* Check or render the file at path as e says; the result tells everything
 * (free with job_result_clear). */
void job_run(const struct job_env *e, const char *path, struct job_result *res);

/* Whether c may go on paper today: false, with the error in d, when every
 * meeting lies in the past and e does not allow an ended series (a poster
 * inviting to sign up for nothing).  Render and sheets ask the same. */
bool job_series_open(const struct job_env *e, const struct community *c, struct diag *d);

/* A result for a file refused before it was read (one message, e.g. two
 * files whose outputs would share names), or one that failed outside
 * plakat's control (a worker that crashed or took too long). */
void job_refuse(const char *path, const char *message, struct job_result *res);
void job_fail(const char *path, const char *why, struct job_result *res);

void job_result_clear(struct job_result *res);

/* A result as bytes for a pipe, and back.  unpack returns false on bytes
 * that are not a whole result (res must still be cleared). */
GByteArray *job_result_pack(const struct job_result *res);
bool job_result_unpack(const guint8 *data, size_t len, struct job_result *res);

#endif
