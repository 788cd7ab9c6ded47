/* batch.c: many community files, workers, order, progress, re-runs.
 *
 * Why processes and not threads: render.h says a renderer may not be
 * shared between threads and that threads are argued, not tested; worker
 * processes forked after the renderer is loaded share its fonts and
 * layouts for free (copy on write) and isolate a file that crashes or
 * hangs, which the office's batch of files written by strangers needs
 * anyway.
 *
 * The parent hands each worker the index of its next file over a pipe
 * (and, while files remain, one more queued behind it) and reads back the
 * packed job result (job.h) over another; results wait until every file
 * before them is printed.  The parent never renders
 * in a batch: it only reads pipes, prints, and keeps the record. */
#include "batch.h"
#include "i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "community.h"
#include "diag.h"
#include "digest.h"
#include "output.h"
#include "record.h"
#include "report.h"
#include "util.h"

/* ---- inputs ---------------------------------------------------------------------- */

static int by_path(const void *a, const void *b)
{
        return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Why a name a lead meant as a community file is not one, or NULL:
 * "x.cfg.txt" (Windows hides the .txt a text editor added) or "x.CFG".
 * Such a file is not read, but said, or its community would get no
 * flyer unnoticed. */
static const char *almost_cfg(const char *name)
{
        size_t n = strlen(name);
        if (n > 8 && g_ascii_strcasecmp(name + n - 8, ".cfg.txt") == 0)
                return _("a community file's name ends in .cfg (rename it; Windows may hide a .txt at the end)");
        if (n > 4 && g_ascii_strcasecmp(name + n - 4, ".cfg") == 0 && strcmp(name + n - 4, ".cfg") != 0)
                return _("a community file's name ends in .cfg in small letters (rename it)");
        return NULL;
}

/* What tells a file from another, also when named twice or through a
 * link: its device and inode; its path when it cannot be looked at.
 * Caller frees. */
static char *file_id(const char *path)
{
        GStatBuf st;
        return g_stat(path, &st) == 0 ? g_strdup_printf("%llu:%llu", (unsigned long long)st.st_dev,
                                                        (unsigned long long)st.st_ino)
                                      : g_strconcat("path:", path, NULL);
}

/* Every *.cfg below dir into out, links not followed: a link in a shared
 * folder could lead anywhere, and a loop would never end.  Names that
 * look meant as one (almost_cfg) into missed. */
static void walk(const char *dir, GPtrArray *out, GPtrArray *missed, unsigned depth)
{
        GDir *gd = depth < 32 ? g_dir_open(dir, 0, NULL) : NULL;
        if (!gd)
                return;
        for (const char *e; (e = g_dir_read_name(gd));) {
                if (e[0] == '.')
                        continue; /* hidden: editors' backups, our own record */
                char *p = g_build_filename(dir, e, NULL);
                struct stat st;
                if (lstat(p, &st) != 0) {
                        g_free(p);
                        continue;
                }
                if (S_ISDIR(st.st_mode)) {
                        walk(p, out, missed, depth + 1);
                        g_free(p);
                } else if (S_ISREG(st.st_mode) && g_str_has_suffix(e, ".cfg")) {
                        g_ptr_array_add(out, p);
                } else if (S_ISREG(st.st_mode) && almost_cfg(e)) {
                        g_ptr_array_add(missed, p);
                } else {
                        g_free(p);
                }
        }
        g_dir_close(gd);
}

char **batch_inputs(char *const *inputs, const char *verb, bool quiet, GString *notes, bool *folders,
                    GPtrArray *not_read, GPtrArray *why)
{
        *folders = false;
        GPtrArray *files = g_ptr_array_new();
        GPtrArray *ids = g_ptr_array_new_with_free_func(g_free);
        /* A file not read is said once, also when its folder is named
         * twice or inside another one named ("plakat render in in/b"). */
        GHashTable *missed_ids = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
        for (char *const *in = inputs; *in; in++) {
                GPtrArray *found = g_ptr_array_new();
                if (g_file_test(*in, G_FILE_TEST_IS_DIR)) {
                        *folders = true;
                        GPtrArray *missed = g_ptr_array_new_with_free_func(g_free);
                        walk(*in, found, missed, 0);
                        g_ptr_array_sort(found, by_path);
                        g_ptr_array_sort(missed, by_path);
                        for (size_t i = 0; i < missed->len; i++) {
                                if (!g_hash_table_add(missed_ids, file_id(missed->pdata[i])))
                                        continue;
                                char *clean = diag_clean(missed->pdata[i]), *base = g_path_get_basename(clean);
                                if (notes && !quiet)
                                        g_string_append_printf(notes, _("%s: not read: %s\n"), clean,
                                                               almost_cfg(base));
                                if (not_read) {
                                        g_ptr_array_add(not_read, g_strdup(missed->pdata[i]));
                                        g_ptr_array_add(why, g_strdup(almost_cfg(base)));
                                }
                                g_free(base);
                                g_free(clean);
                        }
                        g_ptr_array_free(missed, TRUE);
                } else {
                        g_ptr_array_add(found, g_strdup(*in));
                }
                for (size_t i = 0; i < found->len; i++) {
                        char *f = found->pdata[i];
                        char *id = file_id(f);
                        bool seen = false;
                        for (guint k = 0; k < ids->len && !seen; k++)
                                seen = strcmp(ids->pdata[k], id) == 0;
                        if (seen) {
                                if (!quiet && notes) {
                                        char *clean = diag_clean(f);
                                        g_string_append_printf(notes, _("%s: given twice; %s once\n"), clean, verb);
                                        g_free(clean);
                                }
                                g_free(id);
                                g_free(f);
                        } else {
                                g_ptr_array_add(ids, id);
                                g_ptr_array_add(files, f);
                        }
                }
                g_ptr_array_free(found, TRUE);
        }
        g_ptr_array_free(ids, TRUE);
        g_hash_table_destroy(missed_ids);
        g_ptr_array_add(files, NULL);
        return (char **)g_ptr_array_free(files, FALSE);
}

/* ---- signals ----------------------------------------------------------------------- */

static volatile sig_atomic_t interrupted;
static struct timespec interrupted_at;

/* The first signal lets the file at hand finish (a worker's or this
 * process's) and starts no other; a second one, for a file that does not
 * finish, removes this process's temporary files and ends at once.  A
 * second one within a quarter of a second is the same stop told twice,
 * not a person pressing Ctrl-C again: timeout(1) signals the command and
 * then its whole process group, plakat among it, and so stopped it at
 * once 2 runs in 6, without the summary or the record of the files it
 * had finished. */
static void on_interrupt(int sig)
{
        (void)sig;
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now); /* async-signal-safe (POSIX) */
        if (interrupted) {
                long long ms = (now.tv_sec - interrupted_at.tv_sec) * 1000LL +
                               (now.tv_nsec - interrupted_at.tv_nsec) / 1000000;
                if (ms < 250)
                        return;
                output_remove_live();
                _exit(BATCH_EXIT_INTERRUPTED);
        }
        interrupted_at = now;
        interrupted = 1;
}

static void catch_interrupts(void)
{
        static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
        for (size_t i = 0; i < G_N_ELEMENTS(sigs); i++) {
                struct sigaction sa = { 0 };
                sa.sa_handler = on_interrupt;
                sigemptyset(&sa.sa_mask);
                sigaction(sigs[i], &sa, NULL);
        }
}

/* ---- workers ------------------------------------------------------------------------- */

struct worker {
        pid_t pid;
        int to, from; /* pipes: index in, result out */
        int job;      /* file being done, -1 when idle */
        int next;     /* file queued behind it in the pipe, -1: none */
        gint64 start; /* when it got the file, monotonic us */
        GByteArray *buf;
};

static bool write_all(int fd, const void *p, size_t n)
{
        return sink_write_all(fd, p, n) == 0;
}

static bool read_all(int fd, void *p, size_t n)
{
        unsigned char *q = p;
        while (n > 0) {
                ssize_t r = read(fd, q, n);
                if (r < 0 && errno == EINTR)
                        continue;
                if (r <= 0)
                        return false;
                q += r;
                n -= (size_t)r;
        }
        return true;
}

/* A worker's life: read an index, do that file, send the result; until
 * the parent closes the pipe.  Ctrl-C is the parent's to handle; SIGTERM
 * (the parent stopping it) removes this worker's temporary files. */
G_GNUC_NORETURN static void work(const struct batch *b, char **files, int in, int out, pid_t parent)
{
        signal(SIGINT, SIG_IGN);
        output_remove_on_signals();
        /* A parent killed outright (kill -9) must not leave workers that
         * go on writing into the folder: Linux tells them with SIGTERM. */
        prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (getppid() != parent)
                _exit(0);
        guint32 idx;
        while (read_all(in, &idx, sizeof idx)) {
                struct job_result res;
                job_run(&b->env, files[idx], &res);
                GByteArray *packed = job_result_pack(&res);
                guint32 len = packed->len;
                bool ok = write_all(out, &len, sizeof len) && write_all(out, packed->data, packed->len);
                g_byte_array_free(packed, TRUE);
                job_result_clear(&res);
                if (!ok)
                        break;
        }
        output_drop_spares();
        _exit(0);
}

static bool spawn(struct worker *w, const struct batch *b, char **files, struct worker *all, size_t n_all)
{
        int to[2], from[2];
        if (pipe(to) != 0)
                return false;
        if (pipe(from) != 0) {
                close(to[0]);
                close(to[1]);
                return false;
        }
        fflush(NULL); /* nothing buffered may be printed twice */
        pid_t parent = getpid();
        pid_t pid = fork();
        if (pid < 0) {
                close(to[0]);
                close(to[1]);
                close(from[0]);
                close(from[1]);
                return false;
        }
        if (pid == 0) {
                output_after_fork();
                for (size_t i = 0; i < n_all; i++)
                        if (all[i].pid > 0) {
                                close(all[i].to);
                                close(all[i].from);
                        }
                close(to[1]);
                close(from[0]);
                work(b, files, to[0], from[1], parent);
        }
        close(to[0]);
        close(from[1]);
        *w = (struct worker){ .pid = pid, .to = to[1], .from = from[0], .job = -1, .next = -1,
                              .buf = g_byte_array_new() };
        return true;
}

/* Stop w: close its pipes, end it (kill: SIGKILL now, for a hung one; else
 * it ends when its input closes) and reap it.  Returns its wait status. */
static int retire(struct worker *w, int kill_with)
{
        if (w->pid <= 0)
                return 0;
        if (w->to >= 0)
                close(w->to);
        close(w->from);
        if (kill_with)
                kill(w->pid, kill_with);
        int status = 0;
        while (waitpid(w->pid, &status, 0) < 0 && errno == EINTR)
                ;
        g_byte_array_free(w->buf, TRUE);
        w->pid = 0;
        return status;
}

/* ---- the run ---------------------------------------------------------------------------- */

struct run {
        struct batch *b;
        char **files;
        size_t n;
        struct job_result **results; /* NULL until done */
        size_t printed; /* results before this one are printed */
        size_t shown;   /* results printed (after Ctrl-C, past files never done) */
        size_t done, started;
        GArray *again; /* files handed back by a lost worker before it began them */
        size_t count[JOB_FAILED + 1];
        struct record *record;
        struct job_result *sheet; /* sheets: the sheet PDF as a result, for the report */
        bool sheet_not_done;      /* sheets: Ctrl-C came before the sheet was written */
        bool report;              /* report.json and report.html are written at the end */
        gint64 t0;
        bool line; /* a progress line is on the screen */
};

static void clear_progress(struct run *run)
{
        if (run->line) {
                fputs("\r\033[K", stderr);
                run->line = false;
        }
}

static void show_progress(struct run *run, const char *current)
{
        if (!run->b->progress)
                return;
        double el = (double)(g_get_monotonic_time() - run->t0) / G_USEC_PER_SEC;
        GString *s = g_string_new(NULL);
        g_string_append_printf(s, "[%zu/%zu] %02d:%02d", run->done, run->n, (int)el / 60, (int)el % 60);
        if (run->done > 0 && run->done < run->n) {
                double left = el / (double)run->done * (double)(run->n - run->done);
                g_string_append_printf(s, _(", about %02d:%02d left"), (int)left / 60, (int)left % 60);
        }
        if (current) {
                char *base = g_path_get_basename(current);
                /* The name as the terminal may show it: no control characters. */
                for (char *p = base; *p; p++)
                        if ((unsigned char)*p < 0x20 || *p == 0x7f)
                                *p = '?';
                g_string_append_printf(s, "  %s", base);
                g_free(base);
        }
        fprintf(stderr, "\r\033[K%s", s->str);
        fflush(stderr);
        g_string_free(s, TRUE);
        run->line = true;
}

/* Put what a good job wrote (or found unchanged) into the record. */
static void note(struct record *rec, const struct job_result *r, const char *dir)
{
        if (!r->key || (r->status != JOB_OK && r->status != JOB_UNCHANGED))
                return;
        for (size_t i = 0; i < r->outputs->len; i++) {
                const struct job_output *o = &g_array_index(r->outputs, struct job_output, i);
                char *name = g_path_get_basename(o->path);
                record_put(rec, r->key, r->outputs->len, name, o->format, o->kind, o->sha256, dir);
                g_free(name);
        }
}

/* Print r, count it, and put it into the record. */
static void show(struct run *run, const struct job_result *r)
{
        clear_progress(run);
        fputs(r->err ? r->err : "", stderr);
        fflush(stderr);
        fputs(r->out ? r->out : "", stdout);
        fflush(stdout);
        run->count[r->status]++;
        run->shown++;
        if (run->record)
                note(run->record, r, run->b->outdir);
}

static void finish(struct run *run, size_t i, struct job_result *res)
{
        run->results[i] = res;
        run->done++;
        /* Print every result whose turn has come. */
        for (; run->printed < run->n && run->results[run->printed]; run->printed++)
                show(run, run->results[run->printed]);
}

/* After Ctrl-C the files before a finished one may never finish (a
 * worker stopped on them): what did finish is printed in input order
 * past those gaps, counted, and recorded, so the same command run again
 * calls it unchanged instead of doing it again.  Before, a file another
 * worker finished after such a gap was left out of the record and the
 * summary (office.sh's Ctrl-C test saw 3 whole files unknown to the
 * record, 1 in 4 runs on a busy machine). */
static void finish_rest(struct run *run)
{
        for (; run->printed < run->n; run->printed++)
                if (run->results[run->printed])
                        show(run, run->results[run->printed]);
}

static struct job_result *new_result(void)
{
        return g_new0(struct job_result, 1);
}

/* Files refused before any worker sees them: two whose outputs would
 * have the same names (x.cfg in two folders) would overwrite each other. */
static void refuse_collisions(struct run *run)
{
        if (run->b->sheet)
                return;
        /* A check says so as a warning, in the file's turn: the office
         * checks first, and should hear of it before the render refuses. */
        bool check = !run->b->env.render;
        GHashTable *first = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
        for (size_t i = 0; i < run->n; i++) {
                char *slug = util_slug(run->files[i]);
                const char *other = g_hash_table_lookup(first, slug);
                if (other) {
                        /* Quoted whole, "-..." inside: a closing quote
                         * is more than one byte in some languages („…“). */
                        char *names = g_strconcat(slug, "-...", NULL);
                        char *a = diag_clean(run->files[i]), *b = diag_clean(other), *q = diag_quote(names, 200);
                        g_free(names);
                        if (check) {
                                /* Told by the file's check as its warning
                                 * (job.c): workers are forked after this. */
                                char *msg = g_strdup_printf(_("rendered into one folder, its outputs would overwrite "
                                                              "those of %s (both are named %s), and plakat render "
                                                              "refuses it (one on --sheet does not mind); rename one "
                                                              "of the files"),
                                                            b, q);
                                if (!run->b->env.clash)
                                        run->b->env.clash = g_hash_table_new_full(g_str_hash, g_str_equal, NULL,
                                                                                  g_free);
                                g_hash_table_insert(run->b->env.clash, run->files[i], msg);
                                g_free(a);
                                g_free(b);
                                g_free(q);
                                g_free(slug);
                                continue;
                        }
                        char *msg = g_strdup_printf(_("%s: its outputs would overwrite those of %s (both are named "
                                                      "%s); rename one of the files"),
                                                    a, b, q);
                        g_free(a);
                        g_free(b);
                        g_free(q);
                        struct job_result *res = new_result();
                        job_refuse(run->files[i], msg, res);
                        finish(run, i, res); /* printed in its turn */
                        g_free(msg);
                        g_free(slug);
                } else {
                        g_hash_table_insert(first, slug, run->files[i]);
                }
        }
        g_hash_table_destroy(first);
}

/* The next file not yet handed out, or -1. */
static int next_job(struct run *run)
{
        if (run->again->len && !interrupted) {
                int job = g_array_index(run->again, int, run->again->len - 1);
                g_array_set_size(run->again, run->again->len - 1);
                return job;
        }
        while (run->started < run->n && run->results[run->started])
                run->started++;
        if (run->started >= run->n || interrupted)
                return -1;
        return (int)run->started++;
}

/* Each whole answer in w's buffer, in order: with a file queued, two may
 * come in one read. */
static void take_answers(struct run *run, struct worker *w)
{
        guint32 len;
        while (w->job >= 0 && w->buf->len >= sizeof len &&
               (memcpy(&len, w->buf->data, sizeof len), w->buf->len >= sizeof len + len)) {
                struct job_result *res = new_result();
                if (!job_result_unpack(w->buf->data + sizeof len, len, res)) {
                        job_result_clear(res);
                        job_fail(run->files[w->job],
                                 _("plakat's worker sent a broken answer; nothing is known of this file"), res);
                }
                g_byte_array_remove_range(w->buf, 0, sizeof len + len);
                int job = w->job;
                /* The queued file is being done now. */
                w->job = w->next;
                w->next = -1;
                w->start = g_get_monotonic_time();
                finish(run, (size_t)job, res);
        }
}

/* Ctrl-C: stop w at once (on SIGTERM it removes its temporary files; what
 * it finished before is whole), then take the answers it sent before it
 * stopped, so the record knows every file it put in place and the same
 * command run again calls them unchanged.  With a file queued that can be
 * two; only a file put in place in the moment before SIGTERM, its answer
 * not yet sent, is done again. */
static void stop(struct run *run, struct worker *w)
{
        kill(w->pid, SIGTERM);
        guint8 chunk[65536];
        for (ssize_t got; (got = read(w->from, chunk, sizeof chunk)) != 0;) {
                if (got > 0)
                        g_byte_array_append(w->buf, chunk, (guint)got);
                else if (errno != EINTR)
                        break;
        }
        take_answers(run, w);
        w->job = w->next = -1;
        retire(w, 0);
}

/* Temporary files of a plakat that is gone, in the output folder and,
 * for a kit, in each community's folder there. */
static void sweep(const struct batch *b)
{
        output_sweep(b->outdir, b->env.kit != NULL);
}

static void worker_lost(struct run *run, struct worker *w, int status, const char *why_timeout)
{
        int job = w->job;
        w->job = -1;
        if (w->next >= 0) /* never begun: another worker does it */
                g_array_append_val(run->again, w->next);
        w->next = -1;
        if (job < 0)
                return;
        /* What the worker left behind: its temporary files (its pid is gone). */
        if (run->b->env.render && run->b->outdir)
                sweep(run->b);
        char *why;
        if (why_timeout)
                why = g_strdup(why_timeout);
        else if (WIFSIGNALED(status))
                why = g_strdup_printf(_("plakat stopped on this file (signal %d: %s); nothing was written. "
                                      "Please report this file."),
                                      WTERMSIG(status), g_strsignal(WTERMSIG(status)));
        else
                why = g_strdup(_("plakat's worker ended on this file; nothing was written. Please report this file."));
        struct job_result *res = new_result();
        job_fail(run->files[job], why, res);
        g_free(why);
        finish(run, (size_t)job, res);
}

static void run_workers(struct run *run, unsigned want)
{
        struct worker *ws = g_new0(struct worker, want);
        size_t n = 0;
        for (; n < want; n++)
                if (!spawn(&ws[n], run->b, run->files, ws, n))
                        break;
        if (n == 0)
                g_error(_("cannot start a worker process: %s"), g_strerror(errno));
        struct pollfd *pfd = g_new0(struct pollfd, n);
        gint64 limit = (gint64)(run->b->time_limit * G_USEC_PER_SEC);
        for (;;) {
                /* Hand out work: each worker one file and, while more
                 * files wait than there are workers, a second one queued
                 * in its pipe.  A worker that finished then begins the
                 * next at once instead of sleeping until the parent has
                 * read its answer: on this 2-core VM waking a sleeping
                 * process took 0.24 ms on average (perf sched, -j 1, 100
                 * A6 flyers: 202 wake-ups, 25 ms of 340).  100 A6 flyers
                 * on 2 workers, 30 interleaved runs: median 189 -> 182 ms,
                 * faster in 23; on 1 worker no clear change.  At the end
                 * nothing is queued, so no worker waits behind another. */
                for (size_t i = 0; i < n; i++) {
                        if (ws[i].pid <= 0 && !interrupted && (run->started < run->n || run->again->len) &&
                            !spawn(&ws[i], run->b, run->files, ws, n))
                                continue;
                        while (ws[i].pid > 0 && ws[i].next < 0 &&
                               (ws[i].job < 0 || run->n - run->started + run->again->len > n)) {
                                int job = next_job(run);
                                if (job < 0)
                                        break;
                                guint32 idx = (guint32)job;
                                if (ws[i].job < 0) {
                                        ws[i].job = job;
                                        ws[i].start = g_get_monotonic_time();
                                } else {
                                        ws[i].next = job;
                                }
                                if (!write_all(ws[i].to, &idx, sizeof idx))
                                        worker_lost(run, &ws[i], retire(&ws[i], SIGKILL), NULL);
                        }
                }
                size_t busy = 0;
                const char *current = NULL;
                for (size_t i = 0; i < n; i++) {
                        pfd[i] = (struct pollfd){ .fd = ws[i].job >= 0 ? ws[i].from : -1, .events = POLLIN };
                        if (ws[i].job >= 0) {
                                busy++;
                                current = run->files[ws[i].job];
                        }
                }
                if (busy == 0)
                        break;
                show_progress(run, current);
                /* Wake for the progress line, and in time for the first
                 * file that would pass the limit. */
                int timeout = run->b->progress ? 250 : 1000;
                for (size_t i = 0; limit > 0 && i < n; i++)
                        if (ws[i].job >= 0) {
                                gint64 ms = (ws[i].start + limit - g_get_monotonic_time()) / 1000 + 1;
                                timeout = (int)CLAMP(ms, 0, timeout);
                        }
                if (poll(pfd, n, timeout) < 0 && errno != EINTR)
                        break;
                if (interrupted) {
                        for (size_t i = 0; i < n; i++)
                                if (ws[i].job >= 0)
                                        stop(run, &ws[i]);
                        break;
                }
                gint64 now = g_get_monotonic_time();
                for (size_t i = 0; i < n; i++) {
                        struct worker *w = &ws[i];
                        if (w->job < 0)
                                continue;
                        /* Past the limit is past it, answer or not: the
                         * limit means the same on a slow and a fast run. */
                        if (limit > 0 && now - w->start > limit) {
                                char *why = g_strdup_printf(_("took longer than %g s and was stopped; nothing was "
                                                            "written"), run->b->time_limit);
                                worker_lost(run, w, retire(w, SIGKILL), why);
                                g_free(why);
                                continue;
                        }
                        if (!(pfd[i].revents & (POLLIN | POLLHUP | POLLERR)))
                                continue;
                        guint8 chunk[65536];
                        ssize_t got = read(w->from, chunk, sizeof chunk);
                        if (got > 0) {
                                g_byte_array_append(w->buf, chunk, (guint)got);
                        } else if (got == 0 || errno != EINTR) {
                                worker_lost(run, w, retire(w, 0), NULL);
                                continue;
                        }
                        take_answers(run, w);
                }
        }
        /* Every worker is told to end before the first is waited for, so
         * that their ends (a millisecond or so each: the kernel unmaps
         * what they used) overlap. */
        for (size_t i = 0; i < n; i++)
                if (ws[i].pid > 0) {
                        close(ws[i].to);
                        ws[i].to = -1;
                }
        for (size_t i = 0; i < n; i++)
                retire(&ws[i], 0);
        g_free(pfd);
        g_free(ws);
}

static void run_here(struct run *run)
{
        for (int job; (job = next_job(run)) >= 0;) {
                show_progress(run, run->files[job]);
                struct job_result *res = new_result();
                job_run(&run->b->env, run->files[job], res);
                finish(run, (size_t)job, res);
        }
}

/* ---- sheets --------------------------------------------------------------------------- */

/* d's messages after res's (all, for the report, and for the terminal:
 * errors, and warnings unless quiet), and its counts on top of res's. */
static void keep_messages(struct job_result *res, const struct diag *d, bool quiet)
{
        GString *err = g_string_new(res->err);
        for (size_t k = 0; k < d->n; k++) {
                bool error = d->msgs[k].level == DIAG_ERROR;
                g_ptr_array_add(res->messages, g_strconcat(error ? "E" : "W", d->msgs[k].text, NULL));
                if (!quiet || error)
                        g_string_append_printf(err, "%s\n", d->msgs[k].text);
        }
        res->errors += d->errors;
        res->warnings += d->warnings;
        res->failures += d->failures;
        free(res->err);
        res->err = strdup(err->str);
        g_string_free(err, TRUE);
}

/* res is refused: its status, and the line the terminal ends its
 * messages with, as for a file rendered on its own. */
static void refuse(struct job_result *res)
{
        res->status = JOB_REFUSED;
        char *clean = diag_clean(res->path);
        char *line = g_strdup_printf(ngettext("%s: refused (%zu error)\n", "%s: refused (%zu errors)\n", res->errors),
                                     clean, res->errors);
        char *err = g_strconcat(res->err, line, NULL);
        free(res->err);
        res->err = strdup(err);
        g_free(err);
        g_free(line);
        g_free(clean);
}

/* cr was laid on the sheet at sheet, which was not written: a message of
 * its own, so that its entry in report.json says why it has no outputs.
 * The terminal says it once, with the sheet's path; the report's lead
 * reads only their own entry, which points to the sheet's messages. */
static void sheet_lost(struct job_result *cr, const char *sheet, enum job_status now)
{
        char *community = diag_clean(cr->path), *clean = diag_clean(sheet);
        char *msg = g_strdup_printf(_("%s: the sheet %s with this community was not written; the sheet's messages "
                                      "say why"),
                                    community, clean);
        g_ptr_array_add(cr->messages, g_strconcat("E", msg, NULL));
        cr->errors++;
        if (now == JOB_FAILED)
                cr->failures++;
        cr->status = now;
        g_free(msg);
        g_free(clean);
        g_free(community);
}

/* The loaded communities' results, printed and counted in input order;
 * unchanged: their sheet is as the record says.  undone: the run was
 * stopped before their sheet was written, so what was not refused is
 * left out (the summary counts it as not done).  Each is handed on or
 * freed once. */
static void finish_loaded(struct run *run, struct job_result **loaded, bool unchanged, bool undone)
{
        for (size_t i = 0; i < run->n; i++) {
                if (!loaded[i])
                        continue;
                if (undone && loaded[i]->status == JOB_OK) {
                        job_result_clear(loaded[i]);
                        g_free(loaded[i]);
                } else {
                        if (unchanged && loaded[i]->status == JOB_OK)
                                loaded[i]->status = JOB_UNCHANGED;
                        finish(run, i, loaded[i]);
                }
                loaded[i] = NULL;
        }
}

/* The sheet's own fingerprint: its communities' and how they are laid
 * on it. */
static void sheet_key(const struct batch *b, GPtrArray *cs, char key[DIGEST_HEX])
{
        struct digest sum;
        digest_init(&sum);
        for (size_t i = 0; i < cs->len; i++) {
                char *k = renderer_input_key(b->env.r, cs->pdata[i], b->env.ro);
                digest_update(&sum, k, strlen(k));
                g_free(k);
        }
        char *how = g_strdup_printf("%s|%s|%u", b->sheet->sheet, b->sheet->piece, b->sheet->copies);
        digest_update(&sum, how, strlen(how));
        g_free(how);
        digest_hex(&sum, key);
}

/* Draw the sheet of the communities cs (each loaded[at[k]]) into sr:
 * what laying out each one said goes into its own result, in its turn;
 * one refused there is refused; when the sheet is not written, the others
 * count as it went.  The record keeps the sheet only when every community
 * is on it: one refused while laid out is tried, and told, again on the
 * next run, as a refused file always is.  Returns false when the run was
 * stopped before the sheet was written. */
static bool draw_sheet(struct run *run, GPtrArray *cs, GArray *at, struct job_result **loaded, const char *key,
                       struct job_result *sr)
{
        struct batch *b = run->b;
        struct diag d;
        diag_init(&d, NULL);
        struct render_result rr;
        struct sheet_request req = *b->sheet;
        req.placed = g_new(bool, cs->len);
        req.pages = g_new(size_t, cs->len);
        req.diags = g_new(struct diag, cs->len);
        req.stop = &interrupted;
        for (size_t k = 0; k < cs->len; k++) {
                req.placed[k] = true;    /* stays so for a community never tried */
                req.pages[k] = SIZE_MAX; /* and so does this: tried, it is set */
                diag_init(&req.diags[k], NULL);
        }
        /* What became of each community and of the sheet is in
         * req.placed, req.diags and rr (no file: not written). */
        (void)renderer_render_sheets(b->env.r, (const struct community *const *)cs->pdata, cs->len, b->env.ro, &req,
                                     &rr, &d);
        /* Given up: Ctrl-C stopped the drawing before the last community
         * (the renderer says nothing of it).  A Ctrl-C that came later,
         * while the sheet was written, stops nothing: a sheet that could
         * not be written is told as such (File too large), not as one
         * the run was interrupted before, and so is one with every
         * community refused. */
        bool stopped = rr.n == 0 && interrupted && d.errors == 0 && cs->len > 0 &&
                       req.pages[cs->len - 1] == SIZE_MAX;
        /* A sheet not written (it could not be opened, drawn or put in
         * place) has nothing of the others on paper either: they count as
         * the sheet went, failed when the machine said no, refused
         * otherwise, and the sheet is not counted on top of them. */
        enum job_status lost = d.failures && d.failures == d.errors ? JOB_FAILED : JOB_REFUSED;
        bool all = true;
        for (size_t k = 0; k < cs->len; k++) {
                struct job_result *cr = loaded[g_array_index(at, size_t, k)];
                keep_messages(cr, &req.diags[k], b->env.quiet);
                cr->sheet_page = rr.n > 0 ? req.pages[k] : 0;
                all &= req.placed[k];
                if (!req.placed[k])
                        refuse(cr);
                else if (rr.n == 0 && !stopped)
                        sheet_lost(cr, b->sheet->path, lost);
                diag_clear(&req.diags[k]);
        }
        if (!stopped) {
                finish_loaded(run, loaded, false, false);
                keep_messages(sr, &d, b->env.quiet);
                fputs(sr->err, stderr);
                if (rr.n == 0)
                        sr->status = lost;
        }
        char *name = g_path_get_basename(b->sheet->path);
        for (size_t k = 0; k < rr.n; k++) {
                const struct rendered *it = &rr.items[k];
                char *clean = diag_clean(it->path);
                printf("%s\n", clean);
                g_free(clean);
                /* The piece's format, as the record keeps it: a re-run
                 * shows the same. */
                struct job_output o = { g_strdup(it->path), g_strdup(b->sheet->piece),
                                        g_strdup(output_writer(it->kind)->ext), g_strdup(it->sha256) };
                g_array_append_val(sr->outputs, o);
                if (run->record && all)
                        record_put(run->record, key, 1, name, b->sheet->piece, "pdf", it->sha256, b->outdir);
        }
        fflush(stdout);
        g_free(name);
        g_free(req.placed);
        g_free(req.pages);
        g_free(req.diags);
        render_result_clear(&rr);
        diag_clear(&d);
        return !stopped;
}

/* All communities on sheets in one PDF: each file's messages in order
 * (from reading it, then from laying it out), then the sheet's messages
 * and path.  A community's status waits for the sheet's: on a sheet the
 * record found unchanged, nothing of it was rendered.  Ctrl-C while the
 * files are read or the sheet is drawn gives the sheet up: the files
 * refused so far are told, the rest are not done. */
static void run_sheets(struct run *run)
{
        struct batch *b = run->b;
        GPtrArray *cs = g_ptr_array_new();
        GArray *at = g_array_new(FALSE, FALSE, sizeof(size_t)); /* each of cs's file */
        struct job_result **loaded = g_new0(struct job_result *, run->n ? run->n : 1);
        for (size_t i = 0; i < run->n && !interrupted; i++) {
                struct diag d;
                diag_init(&d, NULL);
                struct community *c = community_load(run->files[i], b->env.co, &d);
                if (c && !job_series_open(&b->env, c, &d)) {
                        community_free(c);
                        c = NULL;
                }
                struct job_result *res = new_result();
                job_result_init(res, run->files[i]);
                keep_messages(res, &d, b->env.quiet);
                if (c) {
                        g_ptr_array_add(cs, c);
                        g_array_append_val(at, i);
                } else {
                        refuse(res);
                }
                diag_clear(&d);
                loaded[i] = res;
        }
        bool done = !interrupted;
        if (cs->len > 0 && done) {
                char key[DIGEST_HEX];
                sheet_key(b, cs, key);
                GPtrArray *was = run->record && !b->env.force ? record_lookup(run->record, key, b->outdir) : NULL;
                clear_progress(run);
                /* The sheet as a result of its own, so the report lists it. */
                struct job_result *sr = run->sheet = new_result();
                job_result_init(sr, b->sheet->path);
                sr->key = g_strdup(key);
                if (was) {
                        /* The record keeps a sheet only with every
                         * community on it: each where the plan puts it. */
                        size_t per = renderer_sheet_pieces(b->env.r, b->sheet->sheet, b->sheet->piece,
                                                           b->env.ro->bleed_mm);
                        unsigned copies = b->sheet->copies ? b->sheet->copies : 1;
                        for (size_t k = 0; per && k < cs->len; k++)
                                loaded[g_array_index(at, size_t, k)]->sheet_page = k * copies / per + 1;
                        finish_loaded(run, loaded, true, false);
                        char *clean = diag_clean(b->sheet->path);
                        printf("%s\n", clean);
                        g_free(clean);
                        fflush(stdout);
                        sr->status = JOB_UNCHANGED;
                        for (size_t k = 0; k < was->len; k++) {
                                const struct record_entry *e = was->pdata[k];
                                struct job_output o = { g_strdup(b->sheet->path), g_strdup(e->format),
                                                        g_strdup(e->kind), g_strdup(e->sha256) };
                                g_array_append_val(sr->outputs, o);
                        }
                        g_ptr_array_free(was, TRUE);
                } else {
                        done = draw_sheet(run, cs, at, loaded, key, sr);
                }
                if (!done) {
                        job_result_clear(sr);
                        g_free(sr);
                        run->sheet = NULL;
                }
        }
        run->sheet_not_done = !done;
        finish_loaded(run, loaded, false, !done);
        g_free(loaded);
        g_array_free(at, TRUE);
        for (size_t i = 0; i < cs->len; i++)
                community_free(cs->pdata[i]);
        g_ptr_array_free(cs, TRUE);
}

/* ---- summary ------------------------------------------------------------------------------ */

static void summary(struct run *run, bool always)
{
        double el = (double)(g_get_monotonic_time() - run->t0) / G_USEC_PER_SEC;
        size_t left = run->n - run->shown;
        if (!always && left == 0)
                return;
        GString *s = g_string_new(NULL);
        if (run->b->env.render)
                g_string_append_printf(s, _("%zu rendered, %zu unchanged, %zu refused, %zu failed"), run->count[JOB_OK],
                                       run->count[JOB_UNCHANGED], run->count[JOB_REFUSED], run->count[JOB_FAILED]);
        else if (run->count[JOB_FAILED])
                /* A check's file fails when its worker is lost or too slow:
                 * counted, or "0 OK, 0 refused" would hide it. */
                g_string_append_printf(s, _("%zu OK, %zu refused, %zu failed"), run->count[JOB_OK],
                                       run->count[JOB_REFUSED], run->count[JOB_FAILED]);
        else
                g_string_append_printf(s, _("%zu OK, %zu refused"), run->count[JOB_OK], run->count[JOB_REFUSED]);
        if (left > 0)
                g_string_append_printf(s, _(", %zu not done (interrupted; run the same command again to finish)"), left);
        else if (interrupted && run->report)
                /* Every file was done; Ctrl-C came while the last file,
                 * the record or the report was made, so the report may
                 * lack pictures (exit 130 says so too).  Without a
                 * report nothing is missing: the counts say it all. */
                g_string_append(s, _(", interrupted at the end (run the same command again for a whole report)"));
        g_string_append_printf(s, _(" in %.1f s"), el);
        clear_progress(run);
        fprintf(stderr, "%s\n", s->str);
        fflush(stderr);
        g_string_free(s, TRUE);
}

/* report.json and report.html of what was done, before the summary line
 * so that the line stays the last thing printed. */
static void write_report(struct run *run)
{
        struct batch *b = run->b;
        struct report_run rr = {
                .rendered = run->count[JOB_OK],
                .unchanged = run->count[JOB_UNCHANGED],
                .refused = run->count[JOB_REFUSED],
                .failed = run->count[JOB_FAILED],
                .seconds = (double)(g_get_monotonic_time() - run->t0) / G_USEC_PER_SEC,
                .interrupted = interrupted,
                .today = b->env.ro->today,
                .files = run->files,
                .sheet = run->sheet,
                .sheet_request = b->sheet,
                .sheet_not_done = run->sheet_not_done,
                .not_read = b->not_read,
                .not_read_why = b->not_read_why,
                /* After Ctrl-C no new picture is drawn: stopping comes first. */
                .r = interrupted ? NULL : b->env.r,
                .stop = &interrupted,
                .ro = b->env.ro,
                .co = b->env.co,
        };
        struct diag d;
        diag_init(&d, NULL);
        if (!report_write(b->outdir, (const struct job_result *const *)run->results, run->n, &rr, &d))
                for (size_t k = 0; k < d.n; k++)
                        fprintf(stderr, "%s\n", d.msgs[k].text);
        diag_clear(&d);
}

int batch_run(struct batch *b)
{
        struct run run = { .b = b, .t0 = g_get_monotonic_time(), .again = g_array_new(FALSE, FALSE, sizeof(int)) };
        run.files = b->files;
        run.n = g_strv_length(run.files);
        run.results = g_new0(struct job_result *, run.n ? run.n : 1);
        bool to_files = b->env.render && b->outdir && b->env.ro->stream_fd < 0;
        if (to_files) {
                sweep(b);
                run.record = record_load(b->outdir);
        }
        b->env.record = run.record;
        interrupted = 0;
        catch_interrupts();
        if (run.n <= 1)
                b->progress = false;
        refuse_collisions(&run);
        unsigned want = b->jobs ? b->jobs : util_processors();
        /* An output's threads follow -j too: a process working alone (a
         * sheet, one file, one worker) may use up to N (at most one per
         * processor) for a sheet's PDF writer or a PNG's bands (render.h),
         * so with -j 1 an output is made on one processor.  Several workers already keep the
         * processors busy, and an image encoded on more threads there only
         * adds switching (100 Instagram images on -j 2, the mean of 5
         * runs, five times: 561-630 ms on one thread each, 574-643 ms on
         * two). */
        bool alone = b->sheet || run.n <= 1 || b->env.ro->stream_fd >= 0;
        unsigned workers = alone ? 1 : MIN(want, (unsigned)run.n);
        struct render_options use = *b->env.ro;
        const struct render_options *own = b->env.ro;
        use.threads = workers > 1 ? 1 : (int)MIN(want, util_processors());
        b->env.ro = &use;
        if (b->sheet)
                run_sheets(&run); /* one process draws the sheet */
        else if (alone)
                run_here(&run); /* one file: nothing to isolate it from */
        else
                run_workers(&run, workers);
        b->env.ro = own;
        if (interrupted)
                finish_rest(&run);
        clear_progress(&run);
        int status = 0;
        if (run.record && !record_empty(run.record)) {
                struct diag d;
                diag_init(&d, NULL);
                if (!record_save(run.record, b->outdir, &d))
                        for (size_t k = 0; k < d.n; k++)
                                fprintf(stderr, "%s\n", d.msgs[k].text);
                diag_clear(&d);
        }
        run.report = b->report && to_files;
        if (run.report)
                write_report(&run);
        bool many = run.n > 1 || b->sheet || b->folders || run.count[JOB_UNCHANGED] > 0;
        /* A check of many files where some were refused ends with the
         * count too: forty files' messages scroll by, and "31 OK, 9
         * refused" is what the office reads.  All good, stderr stays empty,
         * as a checker's should. */
        bool refusals = run.count[JOB_REFUSED] || run.count[JOB_FAILED];
        if ((b->env.render || (many && refusals)) && (!b->env.quiet || interrupted))
                summary(&run, many || interrupted);
        if (run.count[JOB_REFUSED] || run.count[JOB_FAILED])
                status = 1;
        if (interrupted)
                status = BATCH_EXIT_INTERRUPTED;
        for (size_t i = 0; i < run.n; i++)
                if (run.results[i]) {
                        job_result_clear(run.results[i]);
                        g_free(run.results[i]);
                }
        g_free(run.results);
        if (b->env.clash) {
                g_hash_table_destroy(b->env.clash);
                b->env.clash = NULL;
        }
        g_array_free(run.again, TRUE);
        if (run.sheet) {
                job_result_clear(run.sheet);
                g_free(run.sheet);
        }
        record_free(run.record);
        /* Back to dying of the signal for whatever follows. */
        signal(SIGINT, SIG_DFL);
        signal(SIGTERM, SIG_DFL);
        signal(SIGHUP, SIG_DFL);
        return status;
}
