/* output.h: the files plakat writes, one table of writers.
 *
 * Every output is written under a temporary name beside its final path
 * and renamed into place by output_commit only when the whole community
 * succeeded (or, for a stream such as -o -, collected in memory and copied
 * out on commit).  Every byte takes one checked path (sink.h): a full disk
 * or a file-size limit is an error naming the file, the temporary file is
 * removed, and nothing is renamed into place.
 *
 * A kind of output is one row of the writer table plus its open and
 * finish functions.  Page kinds (PDF, PNG) give the caller a cairo surface
 * to draw on; byte kinds (text, and later calendar files) take what the
 * caller writes with output_write. */
#ifndef PLAKAT_OUTPUT_H
#define PLAKAT_OUTPUT_H

#include <cairo.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include <glib.h>

#include "format.h" /* enum output_kind */
#include "pdfbox.h"
#include "sink.h"

struct diag;

struct pdf_meta {
        const char *title, *author, *subject, *keywords, *date; /* date: "YYYY-MM-DD" */
        /* With bleed or crop marks the page is larger than the piece: where
         * the cut goes and how far colour runs, the same on every page.
         * NULL: the page is the piece. */
        const struct pdfbox *trim, *bleed;
};

/* What a file is to be: pages in pt (PDF) or px (PNG); byte kinds ignore
 * it (NULL is fine for them). */
struct output_spec {
        double width, height;
        double dpi;                  /* PNG: recorded as pHYs; 0: none */
        const struct pdf_meta *meta; /* PDF; may be NULL */
        int threads;                 /* PNG: encode on at most this many; 0: one per processor */
        bool sheet;                  /* a print sheet of many communities: its failures
                                      * say the sheet was not written, not "nothing was
                                      * written for this community" */
};

struct output;

struct writer {
        enum output_kind kind;
        const char *name; /* for messages and reports: "PDF" */
        const char *ext;  /* file name extension, without the dot */
        bool page;        /* drawn on output.surface; else written with output_write */
        /* Set up o after its sink is ready.  Returns false with *err (the
         * reason, caller frees) on failure. */
        bool (*open)(struct output *o, const struct output_spec *spec, char **err);
        /* Turn what was drawn or written into the file's bytes in o->sink.
         * Returns false with *err set, or NULL when the sink failed. */
        bool (*finish)(struct output *o, char **err);
};

/* The row for kind (never NULL). */
const struct writer *output_writer(enum output_kind kind);

/* One file being written. */
struct output {
        const struct writer *w;
        char *path;   /* final path; for a stream, its name in messages */
        char *tmp;    /* temporary file beside path; NULL for a stream */
        int fd;       /* the temporary file, or -1 */
        int stream;   /* the descriptor a stream output goes to on commit, or -1 */
        struct sink sink;
        cairo_surface_t *surface; /* page kinds: draw here between open and finish */
        double dpi;
        int threads; /* PNG: from the spec */
        /* A PDF with page boxes: cairo writes into memory, qpdf adds the
         * boxes and writes into the sink. */
        struct sink *pdf;
        struct pdfbox trim, bleed;
        char sha256[65]; /* the file's SHA-256 in hex once output_finish succeeded, else "" */
        char *backup;    /* after commit: the file it replaced, kept under a temporary
                          * name until output_abort, so output_uncommit can put it back */
        bool sheet;      /* from the spec */
        bool spare;      /* fd is a spare written over: its old tail is cut at finish */
};

/* On SIGINT, SIGTERM and SIGHUP remove this process's temporary files,
 * then die of the signal as before.  For a single render; a batch's
 * parent handles its signals itself (batch.c). */
void output_remove_on_signals(void);

/* Remove this process's temporary files now (a worker told to stop). */
void output_remove_live(void);

/* Remove the spares this process keeps (files that outputs replaced, kept
 * to be written over by the next output in their folder instead of making
 * a new file; see output.c).  Call before the process ends; a crash leaves
 * them to output_sweep. */
void output_drop_spares(void);

/* In a child after fork: the parent's temporary files and spares are the
 * parent's, never this process's to remove or use. */
void output_after_fork(void);

/* Remove the temporary files in dir that a plakat which is no longer
 * running left behind (killed, machine off); never those of a run that is
 * alive.  With folders, those in every folder directly inside dir too
 * (symbolic links are not followed): plakat kit writes each community's
 * files into a folder of its own there.  Returns how many it removed. */
size_t output_sweep(const char *dir, bool folders);

/* The mode new outputs get: 0666 less the umask (util_umask). */
mode_t output_file_mode(void);

/* Start a file of kind at path (a temporary file beside it for now).
 * Returns false after reporting to d; o is then empty (output_abort is
 * still safe). */
bool output_open(struct output *o, enum output_kind kind, const char *path, const struct output_spec *spec,
                 struct diag *d);

/* Start an output of kind whose bytes go to the open descriptor fd (not
 * owned) on output_commit; name stands for it in messages ("standard
 * output").  Same returns as output_open. */
bool output_open_stream(struct output *o, enum output_kind kind, int fd, const char *name,
                        const struct output_spec *spec, struct diag *d);

/* Byte kinds: append data[0..n).  Returns false once anything has failed
 * (output_finish then reports it). */
bool output_write(struct output *o, const void *data, size_t n);
bool output_printf(struct output *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* When o's bytes could not be written (a full disk while cairo was
 * still drawing), report that naming the file and return true; else
 * false.  Lets a caller tell a machine failure from its own. */
bool output_failed(struct output *o, struct diag *d);

/* Finish the file (flush the PDF, encode the PNG) and close it, still under
 * its temporary name.  Returns false after reporting to d, naming the file;
 * call output_abort then. */
bool output_finish(struct output *o, struct diag *d);

/* After output_finish: put into place, swapped with the file it replaces
 * (which becomes a spare, see output.c) or renamed over it where the file
 * system cannot swap (a stream: write the bytes out).  Returns false after
 * reporting to d, the temporary file removed.  o keeps its final path, for
 * output_uncommit, and the replaced file as its backup when undoable.
 * undoable: keep the file it replaces for output_uncommit until
 * output_abort; only a file that a later one's failed commit could take
 * back needs it.  Swapped, that costs nothing; renamed, a second link and
 * five more file-system calls (made, closed, removed, linked, removed
 * again). */
bool output_commit(struct output *o, bool undoable, struct diag *d);

/* Take a committed file back (when a later one of the same community
 * failed to commit): the file it replaced is put back in place, or, if
 * there was none, it is removed; a failure never leaves a user with less
 * than they had.  Does nothing for a stream. */
void output_uncommit(struct output *o);

/* Remove whatever o left (temporary file) and free it; safe after a failed
 * open, and after commit (then it only frees). */
void output_abort(struct output *o);

#endif
