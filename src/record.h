/* record.h: what an output folder was rendered from, for re-runs.
 *
 * A re-run of the office's weekly batch should redo only what changed.
 * The record (".plakat-record" in the output folder) lists every output
 * with the fingerprint of all its inputs (renderer_input_key) and the
 * size, time and SHA-256 the file had when plakat wrote it.  An output is
 * skipped only when the fingerprint matches and every file of that render
 * is still there with its recorded size and time; a damaged, foreign or
 * missing record, or a file touched since, only means more work, never a
 * wrong skip. */
#ifndef PLAKAT_RECORD_H
#define PLAKAT_RECORD_H

#include <glib.h>
#include <stdbool.h>

struct diag;

#define RECORD_FILE ".plakat-record"

struct record_entry {
        char *key;    /* fingerprint of the render that wrote it */
        unsigned n;   /* outputs of that render in all */
        char *name;   /* file name in the folder (no '/') */
        char *format, *kind, *sha256;
        long long size, mtime_ns;
};

struct record;

/* The record of dir; an empty one when there is none or it cannot be read.
 * Lines that do not parse are ignored.  Free with record_free. */
struct record *record_load(const char *dir);
void record_free(struct record *r);

/* The entries of key, in the order written, when all of them are there
 * and every file in dir still has its recorded size and time; else NULL.
 * Free with g_ptr_array_free (the entries stay r's). */
GPtrArray *record_lookup(const struct record *r, const char *key, const char *dir);

/* Note that the render with fingerprint key wrote (or found unchanged) the
 * file name in dir, one of n outputs, replacing an earlier entry of that
 * name; its size and time are read from dir now.  A name with a '/' or
 * that is not a regular file in dir is not noted. */
void record_put(struct record *r, const char *key, unsigned n, const char *name, const char *format,
                const char *kind, const char *sha256, const char *dir);

/* Whether anything was noted or loaded. */
bool record_empty(const struct record *r);

/* Write the record into dir (atomically, through output.c).  Returns false
 * after reporting to d. */
bool record_save(const struct record *r, const char *dir, struct diag *d);

#endif
