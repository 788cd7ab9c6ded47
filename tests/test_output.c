/* test_output.c: the writer table, and a file's way from a temporary name
 * beside its path to its place (or to nothing): exact bytes, the mode the
 * umask allows, the one message naming the file when the machine fails,
 * and a stream that stays silent until commit. */
#include "testlib.h"

#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"

/* ---- helpers ------------------------------------------------------------------- */

static char *tmp_dir(void)
{
        char *dir = g_dir_make_tmp("plakat-output-XXXXXX", NULL);
        g_assert_nonnull(dir);
        return dir;
}

static gint by_name(gconstpointer a, gconstpointer b)
{
        return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in dir, sorted, one per line ("" when empty). */
static char *listing(const char *dir)
{
        GDir *gd = g_dir_open(dir, 0, NULL);
        g_assert_nonnull(gd);
        GPtrArray *names = g_ptr_array_new();
        for (const char *e; (e = g_dir_read_name(gd));)
                g_ptr_array_add(names, g_strdup(e));
        g_dir_close(gd);
        g_ptr_array_sort(names, by_name);
        GString *s = g_string_new(NULL);
        for (guint i = 0; i < names->len; i++) {
                g_string_append_printf(s, "%s%s", i ? "\n" : "", (char *)names->pdata[i]);
                g_free(names->pdata[i]);
        }
        g_ptr_array_free(names, TRUE);
        return g_string_free(s, FALSE);
}

static void assert_listing(const char *dir, const char *want)
{
        char *got = listing(dir);
        g_assert_cmpstr(got, ==, want);
        g_free(got);
}

static void remove_dir(char *dir)
{
        GDir *gd = g_dir_open(dir, 0, NULL);
        if (gd) {
                for (const char *e; (e = g_dir_read_name(gd));) {
                        char *p = g_build_filename(dir, e, NULL);
                        g_unlink(p);
                        g_free(p);
                }
                g_dir_close(gd);
        }
        g_rmdir(dir);
        g_free(dir);
}

/* Every message of d, one per line. */
static char *messages(const struct diag *d)
{
        GString *s = g_string_new(NULL);
        for (size_t i = 0; i < d->n; i++)
                g_string_append_printf(s, "%s%s", i ? "\n" : "", d->msgs[i].text);
        return g_string_free(s, FALSE);
}

static void assert_messages(const struct diag *d, const char *want)
{
        char *got = messages(d);
        g_assert_cmpstr(got, ==, want);
        g_free(got);
}

static char *contents(const char *path, gsize *len)
{
        char *got = NULL;
        g_assert_true(g_file_get_contents(path, &got, len, NULL));
        return got;
}

/* Put /dev/full where o's temporary file was: every later write of o
 * fails with ENOSPC as on a full disk, while o->tmp still names a file to
 * clean up. */
static bool fill_disk(struct output *o)
{
        int full = open("/dev/full", O_WRONLY | O_CLOEXEC);
        if (full < 0)
                return false;
        g_assert_cmpint(dup2(full, o->fd), ==, o->fd);
        close(full);
        return true;
}

static char *failed_text(const char *path, const char *why)
{
        return g_strdup_printf("%s: could not write this file: %s; nothing was written for this community", path,
                               why);
}

/* ---- the table --------------------------------------------------------------------- */

static void test_table(void)
{
        for (int k = 0; k < OUTPUT_KIND_COUNT; k++) {
                const struct writer *w = output_writer((enum output_kind)k);
                g_assert_nonnull(w);
                g_assert_cmpint(w->kind, ==, k);
                g_assert_nonnull(w->name);
                g_assert_nonnull(w->ext);
                g_assert_cmpuint(strlen(w->ext), >, 0);
                g_assert_null(strchr(w->ext, '.'));
                g_assert_nonnull(w->open);
                g_assert_nonnull(w->finish);
                /* Two kinds with one extension would overwrite each other. */
                for (int j = 0; j < k; j++)
                        g_assert_cmpstr(output_writer((enum output_kind)j)->ext, !=, w->ext);
        }
        const struct writer *pdf = output_writer(OUTPUT_PDF), *png = output_writer(OUTPUT_PNG),
                            *text = output_writer(OUTPUT_TEXT);
        g_assert_cmpstr(pdf->name, ==, "PDF");
        g_assert_cmpstr(pdf->ext, ==, "pdf");
        g_assert_true(pdf->page);
        g_assert_cmpstr(png->name, ==, "PNG");
        g_assert_cmpstr(png->ext, ==, "png");
        g_assert_true(png->page);
        g_assert_cmpstr(text->ext, ==, "txt");
        g_assert_false(text->page);
}

/* ---- a text file from open to commit ---------------------------------------------------- */

static void test_text_commit(void)
{
        char *dir = tmp_dir();
        char *path = g_build_filename(dir, "notes.txt", NULL);
        struct diag d;
        diag_init(&d, NULL);
        struct output o;
        g_assert_true(output_open(&o, OUTPUT_TEXT, path, NULL, &d));
        g_assert_null(o.surface);

        /* Open: a dot-file beside the path, the path itself not yet. */
        g_assert_nonnull(o.tmp);
        char *tdir = g_path_get_dirname(o.tmp), *tbase = g_path_get_basename(o.tmp);
        g_assert_cmpstr(tdir, ==, dir);
        g_assert_true(g_str_has_prefix(tbase, ".notes.txt."));
        g_assert_true(g_file_test(o.tmp, G_FILE_TEST_IS_REGULAR));
        g_assert_false(g_file_test(path, G_FILE_TEST_EXISTS));
        assert_listing(dir, tbase);

        g_assert_true(output_write(&o, "Hallo ", 6));
        g_assert_true(output_printf(&o, "%s, %d Termine\n", "Welt", 3));
        g_assert_true(output_write(&o, "", 0));
        g_assert_true(output_finish(&o, &d));
        g_assert_false(g_file_test(path, G_FILE_TEST_EXISTS));
        g_assert_true(g_file_test(o.tmp, G_FILE_TEST_IS_REGULAR));
        g_assert_cmpint(o.fd, ==, -1); /* closed by finish */

        g_assert_true(output_commit(&o, &d));
        g_assert_cmpuint(d.n, ==, 0);
        assert_listing(dir, "notes.txt");
        gsize len;
        char *got = contents(path, &len);
        g_assert_cmpmem(got, len, "Hallo Welt, 3 Termine\n", 22);
        g_free(got);

        /* An ordinary file under the umask (022, set in main), not
         * mkstemp's private 0600. */
        struct stat st;
        g_assert_cmpint(g_stat(path, &st), ==, 0);
        g_assert_cmpint(st.st_mode & 07777, ==, 0644);
        g_assert_cmpint(output_file_mode(), ==, 0644);

        /* After commit, abort only frees: the file stays. */
        output_abort(&o);
        assert_listing(dir, "notes.txt");

        g_free(tdir);
        g_free(tbase);
        g_free(path);
        diag_clear(&d);
        remove_dir(dir);
}

/* Abort at any point before commit leaves the folder as it was. */
static void test_abort(void)
{
        char *dir = tmp_dir();
        char *path = g_build_filename(dir, "a.txt", NULL);
        g_assert_true(g_file_set_contents(path, "old", 3, NULL));
        struct diag d;
        diag_init(&d, NULL);
        struct output o;

        /* Right after open. */
        g_assert_true(output_open(&o, OUTPUT_TEXT, path, NULL, &d));
        output_write(&o, "new", 3);
        output_abort(&o);
        assert_listing(dir, "a.txt");

        /* After finish. */
        g_assert_true(output_open(&o, OUTPUT_TEXT, path, NULL, &d));
        output_write(&o, "new", 3);
        g_assert_true(output_finish(&o, &d));
        output_abort(&o);
        assert_listing(dir, "a.txt");

        gsize len;
        char *got = contents(path, &len);
        g_assert_cmpmem(got, len, "old", 3);
        g_free(got);
        g_assert_cmpuint(d.n, ==, 0);

        /* A page kind too (its surface is freed, nothing is written). */
        char *pdf = g_build_filename(dir, "b.pdf", NULL);
        struct output_spec spec = { 100, 100, 0, NULL };
        g_assert_true(output_open(&o, OUTPUT_PDF, pdf, &spec, &d));
        g_assert_nonnull(o.surface);
        output_abort(&o);
        assert_listing(dir, "a.txt");

        g_free(pdf);
        g_free(path);
        diag_clear(&d);
        remove_dir(dir);
}

/* A committed file taken back (a later file of the community failed). */
static void test_uncommit(void)
{
        char *dir = tmp_dir();
        char *path = g_build_filename(dir, "u.txt", NULL);
        struct diag d;
        diag_init(&d, NULL);
        struct output o;
        g_assert_true(output_open(&o, OUTPUT_TEXT, path, NULL, &d));
        output_printf(&o, "x");
        g_assert_true(output_finish(&o, &d));
        g_assert_true(output_commit(&o, &d));
        assert_listing(dir, "u.txt");
        output_uncommit(&o);
        assert_listing(dir, "");
        g_assert_null(o.path);
        output_abort(&o);
        g_assert_cmpuint(d.n, ==, 0);
        g_free(path);
        diag_clear(&d);
        remove_dir(dir);
}

/* The folder vanished between finish and commit: the rename fails, the
 * message names the file. */
static void test_commit_vanished(void)
{
        char *dir = tmp_dir();
        char *sub = g_build_filename(dir, "sub", NULL);
        g_assert_cmpint(g_mkdir(sub, 0755), ==, 0);
        char *path = g_build_filename(sub, "v.txt", NULL);
        struct diag d;
        diag_init(&d, NULL);
        struct output o;
        g_assert_true(output_open(&o, OUTPUT_TEXT, path, NULL, &d));
        output_printf(&o, "gone");
        g_assert_true(output_finish(&o, &d));
        g_assert_cmpint(g_unlink(o.tmp), ==, 0);
        g_assert_cmpint(g_rmdir(sub), ==, 0);

        g_assert_false(output_commit(&o, &d));
        char *want = g_strdup_printf("%s: could not put this file in place: %s; nothing was written for this community",
                                     path, g_strerror(ENOENT));
        assert_messages(&d, want);
        g_assert_cmpuint(d.errors, ==, 1);
        output_abort(&o);
        assert_listing(dir, "");

        g_free(want);
        g_free(path);
        g_free(sub);
        diag_clear(&d);
        remove_dir(dir);
}

/* A folder that does not exist, or cannot be written: refused at open,
 * the message names the file and says why. */
static void test_open_refused(void)
{
        char *dir = tmp_dir();
        char *path = g_build_filename(dir, "missing", "m.txt", NULL);
        struct diag d;
        diag_init(&d, NULL);
        struct output o;
        g_assert_false(output_open(&o, OUTPUT_TEXT, path, NULL, &d));
        char *want = failed_text(path, g_strerror(ENOENT));
        assert_messages(&d, want);
        g_free(want);
        output_abort(&o); /* still safe */
        assert_listing(dir, "");
        g_free(path);
        diag_clear(&d);

        if (geteuid() == 0) {
                /* File modes stop nothing for root. */
                remove_dir(dir);
                g_test_skip("running as root: a read-only folder can be written");
                return;
        }
        diag_init(&d, NULL);
        g_assert_cmpint(g_chmod(dir, 0555), ==, 0);
        path = g_build_filename(dir, "r.txt", NULL);
        g_assert_false(output_open(&o, OUTPUT_TEXT, path, NULL, &d));
        want = failed_text(path, g_strerror(EACCES));
        assert_messages(&d, want);
        output_abort(&o);
        g_assert_cmpint(g_chmod(dir, 0755), ==, 0);
        assert_listing(dir, "");
        g_free(want);
        g_free(path);
        diag_clear(&d);
        remove_dir(dir);
}

/* ---- the machine says no ---------------------------------------------------------------- */

/* The disk fills while the file is written: finish fails with one message
 * naming the final path (the one the user knows), and abort removes the
 * temporary file. */
static void test_finish_full_disk(void)
{
        char *dir = tmp_dir();
        char *path = g_build_filename(dir, "full.txt", NULL);
        struct diag d;
        diag_init(&d, NULL);
        struct output o;
        g_assert_true(output_open(&o, OUTPUT_TEXT, path, NULL, &d));
        if (!fill_disk(&o)) {
                output_abort(&o);
                g_free(path);
                diag_clear(&d);
                remove_dir(dir);
                g_test_skip("no /dev/full");
                return;
        }
        g_assert_true(output_write(&o, "buffered", 8)); /* not known yet */
        g_assert_false(output_finish(&o, &d));
        char *want = failed_text(path, g_strerror(ENOSPC));
        assert_messages(&d, want);
        g_assert_cmpuint(d.errors, ==, 1);
        output_abort(&o);
        assert_listing(dir, "");
        g_free(want);
        diag_clear(&d);

        /* A big write fails at once; finish still says it once. */
        diag_init(&d, NULL);
        g_assert_true(output_open(&o, OUTPUT_TEXT, path, NULL, &d));
        g_assert_true(fill_disk(&o));
        size_t n = 256 * 1024;
        char *big = g_malloc0(n);
        g_assert_false(output_write(&o, big, n));
        g_assert_false(output_printf(&o, "and more"));
        g_assert_false(output_finish(&o, &d));
        want = failed_text(path, g_strerror(ENOSPC));
        assert_messages(&d, want);
        output_abort(&o);
        assert_listing(dir, "");
        g_free(big);
        g_free(want);
        diag_clear(&d);

        g_free(path);
        remove_dir(dir);
}

/* output_failed: true with the message once the sink failed, false and
 * silent while all is well. */
static void test_failed(void)
{
        char *dir = tmp_dir();
        char *path = g_build_filename(dir, "f.txt", NULL);
        struct diag d;
        diag_init(&d, NULL);
        struct output o;
        g_assert_true(output_open(&o, OUTPUT_TEXT, path, NULL, &d));
        output_write(&o, "fine", 4);
        g_assert_false(output_failed(&o, &d));
        g_assert_cmpuint(d.n, ==, 0);
        if (fill_disk(&o)) {
                output_write(&o, "lost", 4);
                g_assert_true(output_failed(&o, &d));
                char *want = failed_text(path, g_strerror(ENOSPC));
                assert_messages(&d, want);
                g_free(want);
        }
        output_abort(&o);
        assert_listing(dir, "");
        g_free(path);
        diag_clear(&d);
        remove_dir(dir);
}

/* A PDF whose page boxes qpdf writes: qpdf's bytes reach the disk at
 * finish, so a full disk shows there, once, naming the file. */
static void test_pdf_boxes_full_disk(void)
{
        char *dir = tmp_dir();
        char *path = g_build_filename(dir, "boxes.pdf", NULL);
        struct pdfbox trim = { 20, 20, 120, 120 }, bleed = { 10, 10, 130, 130 };
        struct pdf_meta meta = { .title = "T", .date = "2027-01-01", .trim = &trim, .bleed = &bleed };
        struct output_spec spec = { 140, 140, 0, &meta };
        struct diag d;
        diag_init(&d, NULL);
        struct output o;

        /* First a good one: the boxes are in the file. */
        g_assert_true(output_open(&o, OUTPUT_PDF, path, &spec, &d));
        cairo_t *cr = cairo_create(o.surface);
        cairo_rectangle(cr, 10, 10, 120, 120);
        cairo_fill(cr);
        cairo_destroy(cr);
        g_assert_true(output_finish(&o, &d));
        g_assert_true(output_commit(&o, &d));
        output_abort(&o);
        g_assert_cmpuint(d.n, ==, 0);
        gsize len;
        char *got = contents(path, &len);
        g_assert_true(g_str_has_prefix(got, "%PDF-"));
        g_assert_nonnull(g_strstr_len(got, (gssize)len, "/TrimBox"));
        g_assert_nonnull(g_strstr_len(got, (gssize)len, "/BleedBox"));
        g_assert_nonnull(g_strstr_len(got + len - 8, 8, "%%EOF"));
        g_free(got);

        /* Then over it, on a full disk: the good one stays. */
        char *want_bytes = contents(path, &len);
        g_assert_true(output_open(&o, OUTPUT_PDF, path, &spec, &d));
        if (fill_disk(&o)) {
                cr = cairo_create(o.surface);
                cairo_rectangle(cr, 10, 10, 120, 120);
                cairo_fill(cr);
                cairo_destroy(cr);
                g_assert_false(output_finish(&o, &d));
                char *want = failed_text(path, g_strerror(ENOSPC));
                assert_messages(&d, want);
                g_free(want);
        }
        output_abort(&o);
        assert_listing(dir, "boxes.pdf");
        gsize len2;
        got = contents(path, &len2);
        g_assert_cmpmem(got, len2, want_bytes, len);
        g_free(got);
        g_free(want_bytes);

        g_free(path);
        diag_clear(&d);
        remove_dir(dir);
}

/* A PNG page: the signature, its size in IHDR. */
static void test_png(void)
{
        char *dir = tmp_dir();
        char *path = g_build_filename(dir, "p.png", NULL);
        struct output_spec spec = { 30, 20, 150, NULL };
        struct diag d;
        diag_init(&d, NULL);
        struct output o;
        g_assert_true(output_open(&o, OUTPUT_PNG, path, &spec, &d));
        g_assert_nonnull(o.surface);
        g_assert_cmpint(cairo_image_surface_get_width(o.surface), ==, 30);
        g_assert_cmpint(cairo_image_surface_get_height(o.surface), ==, 20);
        g_assert_true(output_finish(&o, &d));
        g_assert_true(output_commit(&o, &d));
        output_abort(&o);
        gsize len;
        unsigned char *got = (unsigned char *)contents(path, &len);
        g_assert_cmpuint(len, >, 24);
        g_assert_cmpmem(got, 8, "\x89PNG\r\n\x1a\n", 8);
        g_assert_cmpmem(got + 12, 4, "IHDR", 4);
        g_assert_cmpmem(got + 16, 8, "\0\0\0\x1e\0\0\0\x14", 8);
        g_free(got);
        g_assert_cmpuint(d.n, ==, 0);
        g_free(path);
        diag_clear(&d);
        remove_dir(dir);
}

/* ---- streams ---------------------------------------------------------------------------- */

static bool readable(int fd)
{
        struct pollfd p = { .fd = fd, .events = POLLIN };
        return poll(&p, 1, 0) == 1;
}

/* Nothing reaches the descriptor before commit (a refused community
 * writes no byte), then all of it. */
static void test_stream(void)
{
        int p[2];
        g_assert_cmpint(pipe(p), ==, 0);
        struct diag d;
        diag_init(&d, NULL);
        struct output o;
        g_assert_true(output_open_stream(&o, OUTPUT_TEXT, p[1], "standard output", NULL, &d));
        g_assert_null(o.tmp);
        output_printf(&o, "zeile %d\n", 1);
        g_assert_false(readable(p[0]));
        g_assert_true(output_finish(&o, &d));
        g_assert_false(readable(p[0]));
        g_assert_true(output_commit(&o, &d));
        g_assert_true(readable(p[0]));
        char buf[32];
        g_assert_cmpint(read(p[0], buf, sizeof buf), ==, 8);
        g_assert_cmpmem(buf, 8, "zeile 1\n", 8);
        output_uncommit(&o); /* nothing to take back from a stream */
        output_abort(&o);

        /* Aborted: nothing at all. */
        g_assert_true(output_open_stream(&o, OUTPUT_TEXT, p[1], "standard output", NULL, &d));
        output_printf(&o, "nie");
        output_abort(&o);
        close(p[1]);
        g_assert_cmpint(read(p[0], buf, sizeof buf), ==, 0);
        close(p[0]);
        g_assert_cmpuint(d.n, ==, 0);

        /* A stream that cannot take the bytes: at commit, once. */
        int full = open("/dev/full", O_WRONLY | O_CLOEXEC);
        if (full >= 0) {
                g_assert_true(output_open_stream(&o, OUTPUT_TEXT, full, "standard output", NULL, &d));
                output_printf(&o, "voll");
                g_assert_true(output_finish(&o, &d));
                g_assert_false(output_commit(&o, &d));
                assert_messages(&d, "cannot write to standard output: No space left on device");
                output_abort(&o);
                close(full);
        }
        /* A reader that went away: EPIPE (SIGPIPE ignored here). */
        diag_clear(&d);
        diag_init(&d, NULL);
        g_assert_cmpint(pipe(p), ==, 0);
        close(p[0]);
        g_assert_true(output_open_stream(&o, OUTPUT_TEXT, p[1], "standard output", NULL, &d));
        output_printf(&o, "weg");
        g_assert_true(output_finish(&o, &d));
        g_assert_false(output_commit(&o, &d));
        char *want = g_strdup_printf("cannot write to standard output: %s", g_strerror(EPIPE));
        assert_messages(&d, want);
        g_free(want);
        output_abort(&o);
        close(p[1]);
        diag_clear(&d);
}

int main(int argc, char **argv)
{
        /* Before the first output: output_file_mode reads the umask once. */
        umask(022);
        signal(SIGPIPE, SIG_IGN);
        test_init(&argc, &argv);
        g_test_add_func("/output/table", test_table);
        g_test_add_func("/output/text_commit", test_text_commit);
        g_test_add_func("/output/abort", test_abort);
        g_test_add_func("/output/uncommit", test_uncommit);
        g_test_add_func("/output/commit_vanished", test_commit_vanished);
        g_test_add_func("/output/open_refused", test_open_refused);
        g_test_add_func("/output/finish_full_disk", test_finish_full_disk);
        g_test_add_func("/output/failed", test_failed);
        g_test_add_func("/output/pdf_boxes_full_disk", test_pdf_boxes_full_disk);
        g_test_add_func("/output/png", test_png);
        g_test_add_func("/output/stream", test_stream);
        return g_test_run();
}
