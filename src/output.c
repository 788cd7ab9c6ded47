/* output.c: the writer table, temporary files, commit. */
#define _GNU_SOURCE /* renameat2 */
#include "output.h"
#include "i18n.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "diag.h"
#include "pixels.h"
#include "pngout.h"
#include "util.h"

/* ---- the writers ------------------------------------------------------------ */

static cairo_status_t to_sink(void *closure, const unsigned char *data, unsigned int len)
{
        return sink_write(closure, data, len) ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

static bool surface_ok(cairo_surface_t *s, char **err)
{
        cairo_status_t st = cairo_surface_status(s);
        if (st != CAIRO_STATUS_SUCCESS)
                *err = g_strdup_printf(_("cannot create the drawing surface: %s"), cairo_status_to_string(st));
        return st == CAIRO_STATUS_SUCCESS;
}

static bool pdf_open(struct output *o, const struct output_spec *spec, char **err)
{
        const struct pdf_meta *meta = spec->meta;
        struct sink *into = &o->sink;
        if (meta && meta->trim && meta->bleed) {
                o->pdf = g_new(struct sink, 1);
                sink_init_mem(o->pdf);
                o->trim = *meta->trim;
                o->bleed = *meta->bleed;
                into = o->pdf;
        }
        o->surface = cairo_pdf_surface_create_for_stream(to_sink, into, spec->width, spec->height);
        cairo_pdf_surface_restrict_to_version(o->surface, CAIRO_PDF_VERSION_1_5);
        if (meta) {
                static const struct {
                        cairo_pdf_metadata_t key;
                        size_t offset;
                } fields[] = {
                        { CAIRO_PDF_METADATA_TITLE, offsetof(struct pdf_meta, title) },
                        { CAIRO_PDF_METADATA_AUTHOR, offsetof(struct pdf_meta, author) },
                        { CAIRO_PDF_METADATA_SUBJECT, offsetof(struct pdf_meta, subject) },
                        { CAIRO_PDF_METADATA_KEYWORDS, offsetof(struct pdf_meta, keywords) },
                };
                for (size_t i = 0; i < G_N_ELEMENTS(fields); i++) {
                        const char *v = *(const char *const *)(const void *)((const char *)meta + fields[i].offset);
                        if (v)
                                cairo_pdf_surface_set_metadata(o->surface, fields[i].key, v);
                }
                /* A fixed date keeps the bytes reproducible. */
                if (meta->date) {
                        char *iso = g_strdup_printf("%sT00:00:00Z", meta->date);
                        cairo_pdf_surface_set_metadata(o->surface, CAIRO_PDF_METADATA_CREATE_DATE, iso);
                        cairo_pdf_surface_set_metadata(o->surface, CAIRO_PDF_METADATA_MOD_DATE, iso);
                        g_free(iso);
                }
        }
        cairo_pdf_surface_set_metadata(o->surface, CAIRO_PDF_METADATA_CREATOR, "plakat " PLAKAT_VERSION);
        return surface_ok(o->surface, err);
}

static bool pdf_finish(struct output *o, char **err)
{
        /* cairo writes the rest of the file now; a failed write shows in
         * the sink, a failed drawing in the surface's status. */
        cairo_surface_finish(o->surface);
        cairo_status_t st = cairo_surface_status(o->surface);
        struct sink *written = o->pdf ? o->pdf : &o->sink;
        if (sink_error(written) && !o->pdf)
                return false;
        if (st != CAIRO_STATUS_SUCCESS) {
                *err = g_strdup_printf(_("cannot draw the PDF: %s"), cairo_status_to_string(st));
                return false;
        }
        if (!o->pdf)
                return true;
        size_t len;
        const unsigned char *bytes = sink_bytes(o->pdf, &len);
        char *why = NULL;
        bool ok = pdfbox_write(bytes, len, &o->trim, &o->bleed, &o->sink, &why);
        if (why) {
                *err = g_strdup_printf(_("cannot write the PDF's page boxes: %s"), why);
                g_free(why);
        }
        return ok;
}

static bool png_open(struct output *o, const struct output_spec *spec, char **err)
{
        o->dpi = spec->dpi;
        o->threads = spec->threads;
        o->surface = pixels_surface(CAIRO_FORMAT_RGB24, (int)spec->width, (int)spec->height);
        return surface_ok(o->surface, err);
}

static bool png_finish(struct output *o, char **err)
{
        cairo_surface_flush(o->surface);
        char *why = NULL;
        bool ok = pngout_write(o->surface, &o->sink, o->dpi, o->threads, &why);
        if (why) {
                *err = g_strdup_printf(_("cannot encode the PNG: %s"), why);
                g_free(why);
        }
        return ok;
}

static bool bytes_open(struct output *o, const struct output_spec *spec, char **err)
{
        (void)o;
        (void)spec;
        (void)err;
        return true;
}

static bool bytes_finish(struct output *o, char **err)
{
        (void)err;
        return sink_error(&o->sink) == 0;
}

/* Indexed by kind; the assertion below keeps it in step with the enum. */
static const struct writer writers[] = {
        [OUTPUT_PDF] = { .kind = OUTPUT_PDF, .name = "PDF", .ext = "pdf", .page = true,
                         .open = pdf_open, .finish = pdf_finish },
        [OUTPUT_PNG] = { .kind = OUTPUT_PNG, .name = "PNG", .ext = "png", .page = true,
                         .open = png_open, .finish = png_finish },
        [OUTPUT_TEXT] = { .kind = OUTPUT_TEXT, .name = "text", .ext = "txt", .page = false,
                          .open = bytes_open, .finish = bytes_finish },
        /* --debug-boxes (render.c) and the run's report (report.h). */
        [OUTPUT_JSON] = { .kind = OUTPUT_JSON, .name = "JSON", .ext = "json", .page = false,
                          .open = bytes_open, .finish = bytes_finish },
        [OUTPUT_ICS] = { .kind = OUTPUT_ICS, .name = "calendar", .ext = "ics", .page = false,
                         .open = bytes_open, .finish = bytes_finish },
        [OUTPUT_HTML] = { .kind = OUTPUT_HTML, .name = "HTML", .ext = "html", .page = false,
                          .open = bytes_open, .finish = bytes_finish },
};
G_STATIC_ASSERT(G_N_ELEMENTS(writers) == OUTPUT_KIND_COUNT);

const struct writer *output_writer(enum output_kind kind)
{
        g_assert((unsigned)kind < OUTPUT_KIND_COUNT);
        return &writers[kind];
}

/* ---- files ---------------------------------------------------------------------- */

mode_t output_file_mode(void)
{
        /* util_umask reads the mask once, without setting it. */
        return 0666 & ~util_umask();
}

/* ---- temporary files that a signal must not leave behind ------------------ */

/* The temporary files this process has open, for the signal handler to
 * remove.  A fixed table: the handler may only read memory that is never
 * reallocated under it, and changes happen with signals blocked.  A
 * community has a few dozen outputs at once at most; past the table's
 * size a file is simply not tracked (a later run sweeps it, see
 * output_sweep). */
#define LIVE_MAX 256
static char *volatile live[LIVE_MAX];

static void block(sigset_t *old)
{
        sigset_t all;
        sigfillset(&all);
        sigprocmask(SIG_BLOCK, &all, old);
}

static void track(char *tmp, bool on)
{
        sigset_t old;
        block(&old);
        for (size_t i = 0; i < LIVE_MAX; i++)
                if (on ? live[i] == NULL : live[i] == tmp) {
                        live[i] = on ? tmp : NULL;
                        break;
                }
        sigprocmask(SIG_SETMASK, &old, NULL);
}

static void on_signal(int sig)
{
        for (size_t i = 0; i < LIVE_MAX; i++)
                if (live[i])
                        unlink(live[i]);
        signal(sig, SIG_DFL);
        raise(sig);
}

void output_remove_on_signals(void)
{
        static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
        for (size_t i = 0; i < G_N_ELEMENTS(sigs); i++) {
                struct sigaction sa = { 0 };
                sa.sa_handler = on_signal;
                sigfillset(&sa.sa_mask);
                sigaction(sigs[i], &sa, NULL);
        }
}

void output_remove_live(void)
{
        sigset_t old;
        block(&old);
        for (size_t i = 0; i < LIVE_MAX; i++)
                if (live[i])
                        unlink(live[i]);
        sigprocmask(SIG_SETMASK, &old, NULL);
}

/* A temporary file's name: ".NAME.plakat-PID-XXXXXX" beside NAME.  The
 * writer's process id lets a later run tell a leftover of a run that died
 * from a file another plakat is writing right now. */
#define TMP_TAG ".plakat-"

static bool leftover(const char *name, pid_t *pid)
{
        const char *tag = g_strrstr(name, TMP_TAG);
        if (name[0] != '.' || !tag)
                return false;
        char *end = NULL;
        long v = strtol(tag + strlen(TMP_TAG), &end, 10);
        if (v <= 0 || !end || *end != '-' || strlen(end + 1) != 6)
                return false;
        *pid = (pid_t)v;
        return true;
}

size_t output_sweep(const char *dir, bool folders)
{
        GDir *gd = g_dir_open(dir, 0, NULL);
        if (!gd)
                return 0;
        size_t n = 0;
        for (const char *e; (e = g_dir_read_name(gd));) {
                pid_t pid;
                bool left = leftover(e, &pid);
                if (!left && !folders)
                        continue;
                char *p = g_build_filename(dir, e, NULL);
                struct stat st;
                bool there = lstat(p, &st) == 0;
                if (there && S_ISDIR(st.st_mode) && folders)
                        n += output_sweep(p, false);
                /* Only a writer that is gone: kill(pid, 0) fails with ESRCH. */
                else if (there && left && S_ISREG(st.st_mode) && pid != getpid() && kill(pid, 0) != 0 &&
                         errno == ESRCH && unlink(p) == 0)
                        n++;
                g_free(p);
        }
        g_dir_close(gd);
        return n;
}

/* ---- spares: replacing a file without a new inode -------------------------
 *
 * Renaming a new file over an old one costs the file system a new inode
 * and frees the old one, for every output of every run.  ext4 without a
 * journal (the machines this project runs on) looks for each new inode
 * past every inode freed in the last minutes (ialloc.c, recently_deleted),
 * so re-rendering a folder paid for its files twice.  A test program
 * replacing 100 files of 20 KB, the same folder run after run: by rename
 * 16-18 ms, swapped as below 13 ms, written in place (O_TRUNC, as the
 * floor program does) 12 ms; 30-55, 10-21 and 5-23 ms on a busy machine.
 * 100 A6 flyers on one worker, compare.sh: 1.14-1.51 -> 1.09-1.12 (the
 * old way slowed run after run as freed inodes piled up).
 *
 * So output_commit swaps the new file with the old one (renameat2 with
 * RENAME_EXCHANGE, atomic as a rename is): the old file lands under our
 * temporary name, and instead of being removed it becomes a spare that the
 * next output in that folder writes over and swaps in turn.  A spare
 * is used only when it is plainly ours and nobody else's business: a
 * regular file with one link (a user's hard link to an old output keeps
 * its bytes), our user, the group a new file would get, no extended
 * attributes (labels and ACLs stay what a new file gets), open nowhere
 * else (a reader of the old file keeps reading its bytes; where leases
 * are off, no spare is used).  Anything else is removed, which is what
 * the rename would have done.  Spares are
 * tracked like temporary files (a signal removes them), kept only in the
 * folder written last, removed by output_drop_spares at the end, and a
 * crash leaves dot-files that output_sweep removes.  Where the file system
 * cannot swap (NFS, some FUSE) the rename does as before.
 *
 * A spare is written over from its start and what is left of its old
 * bytes is cut off at the end (output_finish), never emptied first: ext4
 * takes a file cut to nothing and written again for a file being replaced
 * in place and writes it out to the disk when it is closed (auto_da_alloc,
 * ext4_truncate), which costs a block request for every output.  Cut to
 * its new length, it waits for the flusher like any new file.  100 A6
 * flyers, the old way against this one interleaved, 15 runs each: one
 * worker 283 -> 263 ms, two workers 154 -> 143 ms; the same bytes. */
#define SPARES_MAX 32

static struct {
        char *path[SPARES_MAX]; /* tracked temporary names */
        size_t n;
        pid_t pid; /* the process they belong to: a worker inherits none */
} spares;
G_LOCK_DEFINE_STATIC(spares);
static gint cannot_swap;

static void remove_tmp(char *path)
{
        g_unlink(path);
        track(path, false);
        g_free(path);
}

static bool same_dir(const char *path, const char *dir)
{
        char *d = g_path_get_dirname(path);
        bool same = strcmp(d, dir) == 0;
        g_free(d);
        return same;
}

/* Keep path (a temporary name of ours, tracked, holding a file nobody
 * needs any more) for a later output, or remove it when there is no room.
 * Spares in other folders go: outputs seldom return to a folder (kit
 * writes one per community), and only the output folder is swept after
 * a crash. */
static void spare_keep(char *path)
{
        char *dir = g_path_get_dirname(path);
        char *gone[SPARES_MAX + 1];
        size_t n_gone = 0;
        G_LOCK(spares);
        if (spares.pid != getpid()) {
                spares.n = 0;
                spares.pid = getpid();
        }
        for (size_t i = spares.n; i-- > 0;)
                if (!same_dir(spares.path[i], dir)) {
                        gone[n_gone++] = spares.path[i];
                        spares.path[i] = spares.path[--spares.n];
                }
        if (spares.n < SPARES_MAX)
                spares.path[spares.n++] = path;
        else
                gone[n_gone++] = path;
        G_UNLOCK(spares);
        for (size_t i = 0; i < n_gone; i++)
                remove_tmp(gone[i]);
        g_free(dir);
}

/* Whether no other descriptor or mapping has fd's file open: a reader
 * that opened the old output before it was replaced (a download, a
 * viewer, a sync tool) must go on reading its bytes, not the next
 * output's as they are written.  The kernel grants a write lease only
 * then (fcntl(2)); it is given back at once.  An open by someone else
 * in between breaks it with a signal: SIGURG, ignored unless handled,
 * rather than SIGIO, which would end plakat. */
static bool alone(int fd)
{
        return fcntl(fd, F_SETSIG, SIGURG) == 0 && fcntl(fd, F_SETLEASE, F_WRLCK) == 0 &&
               fcntl(fd, F_SETLEASE, F_UNLCK) == 0;
}

/* The spare at path opened for writing over, or -1 when it is not one to
 * use (see above).  O_NONBLOCK: a FIFO put there must not hang us. */
static int open_spare(const char *path, const char *dir)
{
        int fd = open(path, O_WRONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
        if (fd < 0)
                return -1;
        struct stat st, ds;
        bool ok = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_nlink == 1 && st.st_uid == geteuid() &&
                  stat(dir, &ds) == 0 && st.st_gid == ((ds.st_mode & S_ISGID) ? ds.st_gid : getegid()) &&
                  flistxattr(fd, NULL, 0) == 0 && alone(fd) && fcntl(fd, F_SETFL, 0) == 0;
        if (!ok) {
                close(fd);
                return -1;
        }
        return fd;
}

/* A spare in dir, opened for writing over, its name in *tmp; else -1. */
static int spare_take(const char *dir, char **tmp)
{
        for (;;) {
                char *p = NULL;
                G_LOCK(spares);
                if (spares.pid == getpid())
                        for (size_t i = spares.n; i-- > 0;)
                                if (same_dir(spares.path[i], dir)) {
                                        p = spares.path[i];
                                        spares.path[i] = spares.path[--spares.n];
                                        break;
                                }
                G_UNLOCK(spares);
                if (!p)
                        return -1;
                int fd = open_spare(p, dir);
                if (fd >= 0) {
                        *tmp = p;
                        return fd;
                }
                remove_tmp(p);
        }
}

void output_drop_spares(void)
{
        G_LOCK(spares);
        if (spares.pid == getpid())
                while (spares.n > 0)
                        remove_tmp(spares.path[--spares.n]);
        spares.n = 0;
        G_UNLOCK(spares);
}

void output_after_fork(void)
{
        /* The parent's names: its own to remove, never ours. */
        for (size_t i = 0; i < LIVE_MAX; i++)
                live[i] = NULL;
        spares.n = 0;
        spares.pid = getpid();
}

/* The machine refused o's file (errno e).  Every failure message names
 * the final path, which is the one the user knows, and says what is lost:
 * a sheet holds many communities, so not "this community" there.  Whole
 * sentences each, for the translation. */
static void fail_write(const struct output *o, int e, struct diag *d)
{
        if (o->sheet)
                diag_fail(d, o->path, "could not write this file: %s; the sheet was not written", g_strerror(e));
        else
                diag_fail(d, o->path, "could not write this file: %s; nothing was written for this community",
                          g_strerror(e));
}

/* Report a failure of o's file: the machine's reason when the sink has
 * one, else why. */
static void report(struct output *o, const char *why, struct diag *d)
{
        int e = sink_error(&o->sink);
        if (!why)
                why = _("unknown error");
        if (e)
                fail_write(o, e, d);
        else if (o->sheet)
                diag_error(d, o->path, 0, NULL, "could not make this file: %s; the sheet was not written", why);
        else
                diag_error(d, o->path, 0, NULL, "could not make this file: %s; nothing was written for this community",
                           why);
}

static bool start(struct output *o, enum output_kind kind, const struct output_spec *spec, struct diag *d)
{
        o->w = output_writer(kind);
        static const struct output_spec none;
        char *why = NULL;
        if (!o->w->open(o, spec ? spec : &none, &why)) {
                report(o, why, d);
                g_free(why);
                output_abort(o);
                return false;
        }
        return true;
}

static void empty(struct output *o)
{
        memset(o, 0, sizeof *o);
        o->fd = o->stream = -1;
        o->sink.fd = -1;
}

bool output_open(struct output *o, enum output_kind kind, const char *path, const struct output_spec *spec,
                 struct diag *d)
{
        empty(o);
        o->path = g_strdup(path);
        o->sheet = spec && spec->sheet;
        /* The temporary file sits beside the final one, so putting it in
         * place is atomic (same file system) and a crash leaves only a
         * dot-file; a spare there (see above) serves before a new file. */
        char *dir = g_path_get_dirname(path), *base = g_path_get_basename(path);
        o->fd = spare_take(dir, &o->tmp);
        o->spare = o->fd >= 0;
        if (o->fd < 0) {
                o->tmp = g_strdup_printf("%s/.%s" TMP_TAG "%ld-XXXXXX", dir, base, (long)getpid());
                /* Tracked before it exists: a signal between the two would
                 * leave it behind otherwise (unlink of a missing file is
                 * harmless). */
                track(o->tmp, true);
                o->fd = g_mkstemp_full(o->tmp, O_WRONLY | O_CLOEXEC, 0600);
        }
        g_free(dir);
        g_free(base);
        if (o->fd < 0) {
                int e = errno;
                track(o->tmp, false);
                fail_write(o, e, d);
                g_free(o->tmp);
                o->tmp = NULL;
                output_abort(o);
                return false;
        }
        /* mkstemp makes the file private (and a spare has the mode of the
         * file it was); outputs are ordinary files. */
        if (fchmod(o->fd, output_file_mode()) != 0) {
                fail_write(o, errno, d);
                output_abort(o);
                return false;
        }
        sink_init_fd(&o->sink, o->fd);
        return start(o, kind, spec, d);
}

bool output_open_stream(struct output *o, enum output_kind kind, int fd, const char *name,
                        const struct output_spec *spec, struct diag *d)
{
        empty(o);
        o->path = g_strdup(name);
        o->sheet = spec && spec->sheet;
        o->stream = fd;
        /* In memory until commit: a refused community writes nothing. */
        sink_init_mem(&o->sink);
        return start(o, kind, spec, d);
}

bool output_write(struct output *o, const void *data, size_t n)
{
        g_assert(!o->w->page);
        return sink_write(&o->sink, data, n);
}

bool output_printf(struct output *o, const char *fmt, ...)
{
        va_list ap;
        va_start(ap, fmt);
        char *s = g_strdup_vprintf(fmt, ap);
        va_end(ap);
        bool ok = output_write(o, s, strlen(s));
        g_free(s);
        return ok;
}

static void release(struct output *o)
{
        if (o->surface)
                cairo_surface_destroy(o->surface);
        o->surface = NULL;
        if (o->pdf) {
                sink_clear(o->pdf);
                g_free(o->pdf);
                o->pdf = NULL;
        }
        sink_clear(&o->sink);
        if (o->fd >= 0)
                close(o->fd);
        o->fd = -1;
}

bool output_failed(struct output *o, struct diag *d)
{
        sink_flush(&o->sink);
        if (!sink_error(&o->sink))
                return false;
        report(o, NULL, d);
        return true;
}

bool output_finish(struct output *o, struct diag *d)
{
        char *why = NULL;
        bool ok = o->w->finish(o, &why);
        if (o->surface) {
                cairo_surface_destroy(o->surface);
                o->surface = NULL;
        }
        ok = sink_flush(&o->sink) && ok;
        /* A spare's old bytes past the new ones (see the spares). */
        if (ok && o->spare) {
                off_t end = lseek(o->fd, 0, SEEK_CUR);
                struct stat st;
                if (end < 0 || fstat(o->fd, &st) != 0 || (st.st_size > end && ftruncate(o->fd, end) != 0)) {
                        o->sink.err = errno;
                        ok = false;
                }
        }
        /* Close here: some file systems (NFS) tell of a full disk only now,
         * and the renames that follow should be all that is left to go
         * wrong. */
        if (o->fd >= 0) {
                int fd = o->fd;
                o->fd = -1;
                if (close(fd) != 0 && ok) {
                        o->sink.err = errno;
                        ok = false;
                }
        }
        if (!ok)
                report(o, why, d);
        else
                g_strlcpy(o->sha256, sink_sha256(&o->sink), sizeof o->sha256);
        g_free(why);
        return ok;
}

/* After a swap, what came out from under the final name.  A folder put
 * there since lstat looked is swapped back (SWAP_UNDONE), so that the
 * rename refuses it as before; one that cannot be swapped back stays
 * under our name, never removed (SWAP_STUCK; the new file is in place). */
enum swap { SWAP_FILE, SWAP_UNDONE, SWAP_STUCK };

static enum swap swapped(const struct output *o)
{
        struct stat st;
        if (lstat(o->tmp, &st) != 0 || S_ISREG(st.st_mode))
                return SWAP_FILE;
        return renameat2(AT_FDCWD, o->tmp, AT_FDCWD, o->path, RENAME_EXCHANGE) == 0 ? SWAP_UNDONE : SWAP_STUCK;
}

bool output_commit(struct output *o, bool undoable, struct diag *d)
{
        bool ok;
        if (o->stream >= 0) {
                size_t len;
                const unsigned char *bytes = sink_bytes(&o->sink, &len);
                int e = sink_write_all(o->stream, bytes, len);
                ok = e == 0;
                if (!ok)
                        diag_fail(d, NULL, "cannot write to %s: %s", o->path, g_strerror(e));
                sink_clear(&o->sink);
                return ok;
        }
        /* The file this one replaces is swapped under our temporary name:
         * a spare, or until the community is whole the backup that
         * output_uncommit puts back.  Only a regular file: a folder or a
         * link there is the rename's to refuse or replace, as before. */
        struct stat st;
        bool replaces = lstat(o->path, &st) == 0 && S_ISREG(st.st_mode);
        if (replaces && !g_atomic_int_get(&cannot_swap)) {
                if (renameat2(AT_FDCWD, o->tmp, AT_FDCWD, o->path, RENAME_EXCHANGE) == 0) {
                        enum swap got = swapped(o);
                        if (got == SWAP_STUCK) {
                                track(o->tmp, false);
                                g_free(o->tmp);
                        } else if (got == SWAP_FILE && undoable) {
                                o->backup = o->tmp;
                        } else if (got == SWAP_FILE) {
                                spare_keep(o->tmp);
                        }
                        if (got != SWAP_UNDONE) {
                                o->tmp = NULL;
                                return true;
                        }
                } else if (errno == EINVAL || errno == ENOSYS || errno == EOPNOTSUPP) {
                        g_atomic_int_set(&cannot_swap, 1);
                }
        }
        /* Without a swap the file it replaces is kept under a temporary
         * name of ours (a second link to it, nothing copied). */
        if (undoable && replaces) {
                char *dir = g_path_get_dirname(o->path), *base = g_path_get_basename(o->path);
                char *backup = g_strdup_printf("%s/.%s" TMP_TAG "%ld-XXXXXX", dir, base, (long)getpid());
                g_free(dir);
                g_free(base);
                track(backup, true);
                int fd = g_mkstemp_full(backup, O_WRONLY | O_CLOEXEC, 0600);
                if (fd >= 0) {
                        close(fd);
                        unlink(backup); /* the name is ours (our pid); link needs it free */
                }
                if (fd >= 0 && link(o->path, backup) == 0) {
                        o->backup = backup;
                } else {
                        track(backup, false);
                        g_free(backup);
                }
        }
        ok = g_rename(o->tmp, o->path) == 0;
        track(o->tmp, false);
        if (!ok) {
                if (o->sheet)
                        diag_fail(d, o->path, "could not put this file in place: %s; the sheet was not written",
                                  g_strerror(errno));
                else
                        diag_fail(d, o->path,
                                  "could not put this file in place: %s; nothing was written for this community",
                                  g_strerror(errno));
                g_unlink(o->tmp);
        }
        g_free(o->tmp);
        o->tmp = NULL;
        return ok;
}

void output_uncommit(struct output *o)
{
        if (o->path && o->stream < 0) {
                if (o->backup && g_rename(o->backup, o->path) == 0) {
                        track(o->backup, false);
                        g_free(o->backup);
                        o->backup = NULL;
                } else {
                        g_unlink(o->path);
                }
        }
        g_free(o->path);
        o->path = NULL;
}

void output_abort(struct output *o)
{
        release(o);
        if (o->backup) {
                spare_keep(o->backup);
                o->backup = NULL;
        }
        if (o->tmp) {
                g_unlink(o->tmp);
                track(o->tmp, false);
        }
        g_free(o->tmp);
        g_free(o->path);
        o->tmp = o->path = NULL;
}
