/* test_output.c: the writer table, and a file's way from a temporary name
 * beside its path to its place (or to nothing): exact bytes, the mode the
 * umask allows, the one message naming the file when the machine fails,
 * and a stream that stays silent until commit. */
#include "testlib.h"

#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"

/* ---- helpers ------------------------------------------------------------------- */

/* One file to write in a fresh folder, and the messages about it. */
struct fx {
        char *dir, *path;
        struct diag d;
        struct output o;
};

static void fx_init(struct fx *f, const char *name)
{
        f->dir = g_dir_make_tmp("plakat-output-XXXXXX", NULL);
        g_assert_nonnull(f->dir);
        f->path = g_build_filename(f->dir, name, NULL);
        diag_init(&f->d, NULL);
        memset(&f->o, 0, sizeof f->o);
}

static void fx_done(struct fx *f)
{
        output_drop_spares();
        g_free(f->path);
        diag_clear(&f->d);
        test_remove_dir(f->dir);
}

static void assert_listing(const char *dir, const char *want)
{
        char *got = test_listing(dir);
        g_assert_cmpstr(got, ==, want);
        g_free(got);
}

/* Every message of d, one per line. */
static void assert_messages(const struct diag *d, const char *want)
{
        GString *s = g_string_new(NULL);
        for (size_t i = 0; i < d->n; i++)
                g_string_append_printf(s, "%s%s", i ? "\n" : "", d->msgs[i].text);
        g_assert_cmpstr(s->str, ==, want);
        g_string_free(s, TRUE);
}

/* The one message a file that could not be written gets, and nothing
 * else. */
static void assert_failed(const struct fx *f, int err)
{
        char *want = g_strdup_printf("%s: could not write this file: %s; nothing was written for this community",
                                     f->path, g_strerror(err));
        assert_messages(&f->d, want);
        g_assert_cmpuint(f->d.errors, ==, 1);
        g_free(want);
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
        struct fx f;
        fx_init(&f, "notes.txt");
        g_assert_true(output_open(&f.o, OUTPUT_TEXT, f.path, NULL, &f.d));
        g_assert_null(f.o.surface);

        /* Open: a dot-file beside the path, the path itself not yet. */
        g_assert_nonnull(f.o.tmp);
        char *tdir = g_path_get_dirname(f.o.tmp), *tbase = g_path_get_basename(f.o.tmp);
        g_assert_cmpstr(tdir, ==, f.dir);
        g_assert_true(g_str_has_prefix(tbase, ".notes.txt."));
        g_assert_true(g_file_test(f.o.tmp, G_FILE_TEST_IS_REGULAR));
        assert_listing(f.dir, tbase);

        g_assert_true(output_write(&f.o, "Hallo ", 6));
        g_assert_true(output_printf(&f.o, "%s, %d Termine\n", "Welt", 3));
        g_assert_true(output_write(&f.o, "", 0));
        g_assert_true(output_finish(&f.o, &f.d));
        assert_listing(f.dir, tbase); /* finished, still under its temporary name */
        g_assert_cmpint(f.o.fd, ==, -1); /* closed by finish */

        g_assert_true(output_commit(&f.o, false, &f.d));
        g_assert_cmpuint(f.d.n, ==, 0);
        assert_listing(f.dir, "notes.txt");
        gsize len;
        char *got = contents(f.path, &len);
        g_assert_cmpmem(got, len, "Hallo Welt, 3 Termine\n", 22);
        g_free(got);

        /* An ordinary file under the umask (022, set in main), not
         * mkstemp's private 0600. */
        struct stat st;
        g_assert_cmpint(g_stat(f.path, &st), ==, 0);
        g_assert_cmpint(st.st_mode & 07777, ==, 0644);
        g_assert_cmpint(output_file_mode(), ==, 0644);

        /* After commit, abort only frees: the file stays. */
        output_abort(&f.o);
        assert_listing(f.dir, "notes.txt");

        g_free(tdir);
        g_free(tbase);
        fx_done(&f);
}

/* Abort at any point before commit leaves the folder as it was. */
static void test_abort(void)
{
        struct fx f;
        fx_init(&f, "a.txt");
        g_assert_true(g_file_set_contents(f.path, "old", 3, NULL));

        /* Right after open. */
        g_assert_true(output_open(&f.o, OUTPUT_TEXT, f.path, NULL, &f.d));
        output_write(&f.o, "new", 3);
        output_abort(&f.o);
        assert_listing(f.dir, "a.txt");

        /* After finish. */
        g_assert_true(output_open(&f.o, OUTPUT_TEXT, f.path, NULL, &f.d));
        output_write(&f.o, "new", 3);
        g_assert_true(output_finish(&f.o, &f.d));
        output_abort(&f.o);
        assert_listing(f.dir, "a.txt");

        gsize len;
        char *got = contents(f.path, &len);
        g_assert_cmpmem(got, len, "old", 3);
        g_free(got);

        /* A page kind too (its surface is freed, nothing is written). */
        char *pdf = g_build_filename(f.dir, "b.pdf", NULL);
        struct output_spec spec = { 100, 100, 0, NULL, 0, false };
        g_assert_true(output_open(&f.o, OUTPUT_PDF, pdf, &spec, &f.d));
        g_assert_nonnull(f.o.surface);
        output_abort(&f.o);
        assert_listing(f.dir, "a.txt");
        g_assert_cmpuint(f.d.n, ==, 0);

        g_free(pdf);
        fx_done(&f);
}

/* A committed file taken back (a later file of the community failed). */
static void test_uncommit(void)
{
        struct fx f;
        fx_init(&f, "u.txt");
        g_assert_true(output_open(&f.o, OUTPUT_TEXT, f.path, NULL, &f.d));
        output_printf(&f.o, "x");
        g_assert_true(output_finish(&f.o, &f.d));
        g_assert_true(output_commit(&f.o, true, &f.d));
        assert_listing(f.dir, "u.txt");
        output_uncommit(&f.o);
        assert_listing(f.dir, "");
        g_assert_null(f.o.path);
        output_abort(&f.o);
        g_assert_cmpuint(f.d.n, ==, 0);
        fx_done(&f);
}

/* Replacing a file: the old one is swapped under a temporary name of
 * ours; undoable keeps it there until output_abort and puts it back on
 * uncommit; else, and after output_abort, it is a spare for the next
 * output in the folder, gone with output_drop_spares. */
static void test_uncommit_replaced(void)
{
        struct fx f;
        fx_init(&f, "r.txt");
        g_assert_true(g_file_set_contents(f.path, "old", -1, NULL));
        for (int undoable = 1; undoable >= 0; undoable--) {
                struct output o;
                g_assert_true(output_open(&o, OUTPUT_TEXT, f.path, NULL, &f.d));
                output_printf(&o, "new");
                g_assert_true(output_finish(&o, &f.d));
                g_assert_true(output_commit(&o, undoable, &f.d));
                /* The old file under its second name. */
                char *names = test_listing(f.dir);
                size_t entries = 1;
                for (const char *p = names; *p; p++)
                        entries += *p == '\n';
                g_assert_cmpuint(entries, ==, 2);
                g_free(names);
                char *now = NULL;
                g_assert_true(g_file_get_contents(f.path, &now, NULL, NULL));
                g_assert_cmpstr(now, ==, "new");
                g_free(now);
                if (undoable) {
                        output_uncommit(&o);
                        assert_listing(f.dir, "r.txt");
                        g_assert_true(g_file_get_contents(f.path, &now, NULL, NULL));
                        g_assert_cmpstr(now, ==, "old");
                        g_free(now);
                }
                output_abort(&o);
                output_drop_spares();
                assert_listing(f.dir, "r.txt");
        }
        g_assert_cmpuint(f.d.n, ==, 0);
        fx_done(&f);
}


/* The file a commit replaced is written over by the next output in its
 * folder: the same inode serves again, with only the new bytes.  One
 * with a second link is not: the link keeps the old bytes. */
static void test_spare_reused(void)
{
        struct fx f;
        fx_init(&f, "a.txt");
        char *b = g_build_filename(f.dir, "b.txt", NULL), *c = g_build_filename(f.dir, "c.txt", NULL);
        char *keep = g_build_filename(f.dir, "keep.txt", NULL);
        g_assert_true(g_file_set_contents(f.path, "old a, longer than what follows", -1, NULL));
        struct stat old, now;
        g_assert_cmpint(stat(f.path, &old), ==, 0);
        const char *paths[] = { f.path, b };
        for (size_t i = 0; i < G_N_ELEMENTS(paths); i++) {
                g_assert_true(output_open(&f.o, OUTPUT_TEXT, paths[i], NULL, &f.d));
                output_printf(&f.o, "new %zu", i);
                g_assert_true(output_finish(&f.o, &f.d));
                g_assert_true(output_commit(&f.o, false, &f.d));
                output_abort(&f.o);
        }
        g_assert_cmpint(stat(b, &now), ==, 0);
        g_assert_cmpuint(now.st_ino, ==, old.st_ino);
        gsize len;
        char *got = contents(b, &len);
        g_assert_cmpmem(got, len, "new 1", 5);
        g_free(got);
        assert_listing(f.dir, "a.txt\nb.txt");

        /* b.txt replaced while linked elsewhere: c.txt gets a new file. */
        g_assert_cmpint(link(b, keep), ==, 0);
        g_assert_true(output_open(&f.o, OUTPUT_TEXT, b, NULL, &f.d));
        output_printf(&f.o, "newer b");
        g_assert_true(output_finish(&f.o, &f.d));
        g_assert_true(output_commit(&f.o, false, &f.d));
        output_abort(&f.o);
        g_assert_true(output_open(&f.o, OUTPUT_TEXT, c, NULL, &f.d));
        output_printf(&f.o, "c");
        g_assert_true(output_finish(&f.o, &f.d));
        g_assert_true(output_commit(&f.o, false, &f.d));
        output_abort(&f.o);
        g_assert_cmpint(stat(c, &now), ==, 0);
        g_assert_cmpuint(now.st_ino, !=, old.st_ino);
        got = contents(keep, &len);
        g_assert_cmpmem(got, len, "new 1", 5);
        g_free(got);
        assert_listing(f.dir, "a.txt\nb.txt\nc.txt\nkeep.txt");
        g_assert_cmpuint(f.d.n, ==, 0);
        g_free(b);
        g_free(c);
        g_free(keep);
        fx_done(&f);
}
/* The folder vanished between finish and commit: the rename fails, the
 * message names the file. */
static void test_commit_vanished(void)
{
        struct fx f;
        fx_init(&f, "sub");
        g_assert_cmpint(g_mkdir(f.path, 0755), ==, 0);
        char *path = g_build_filename(f.path, "v.txt", NULL);
        g_assert_true(output_open(&f.o, OUTPUT_TEXT, path, NULL, &f.d));
        output_printf(&f.o, "gone");
        g_assert_true(output_finish(&f.o, &f.d));
        g_assert_cmpint(g_unlink(f.o.tmp), ==, 0);
        g_assert_cmpint(g_rmdir(f.path), ==, 0);

        g_assert_false(output_commit(&f.o, false, &f.d));
        char *want = g_strdup_printf("%s: could not put this file in place: %s; nothing was written for this community",
                                     path, g_strerror(ENOENT));
        assert_messages(&f.d, want);
        output_abort(&f.o);
        assert_listing(f.dir, "");

        g_free(want);
        g_free(path);
        fx_done(&f);
}

/* A folder that does not exist, or cannot be written: refused at open,
 * the message names the file and says why. */
static void test_open_refused(void)
{
        struct fx f;
        fx_init(&f, "missing/m.txt");
        g_assert_false(output_open(&f.o, OUTPUT_TEXT, f.path, NULL, &f.d));
        assert_failed(&f, ENOENT);
        output_abort(&f.o); /* still safe */
        assert_listing(f.dir, "");
        fx_done(&f);

        if (geteuid() == 0) {
                g_test_skip("running as root: file modes stop nothing");
                return;
        }
        fx_init(&f, "r.txt");
        g_assert_cmpint(g_chmod(f.dir, 0555), ==, 0);
        g_assert_false(output_open(&f.o, OUTPUT_TEXT, f.path, NULL, &f.d));
        assert_failed(&f, EACCES);
        output_abort(&f.o);
        g_assert_cmpint(g_chmod(f.dir, 0755), ==, 0);
        assert_listing(f.dir, "");
        fx_done(&f);
}

/* A print sheet holds many communities: its failures say the sheet was
 * not written, not "nothing was written for this community", at open (no
 * folder) and at commit (a folder at its name). */
static void test_sheet_refused(void)
{
        struct output_spec spec = { 100, 100, 0, NULL, 0, true };
        struct fx f;
        fx_init(&f, "missing/sheets_a6_on_a4.pdf");
        g_assert_false(output_open(&f.o, OUTPUT_PDF, f.path, &spec, &f.d));
        char *want = g_strdup_printf("%s: could not write this file: %s; the sheet was not written", f.path,
                                     g_strerror(ENOENT));
        assert_messages(&f.d, want);
        g_assert_cmpuint(f.d.failures, ==, 1);
        output_abort(&f.o);
        g_free(want);
        fx_done(&f);

        fx_init(&f, "sheets_a6_on_a4.pdf");
        g_assert_cmpint(g_mkdir(f.path, 0755), ==, 0);
        g_assert_true(output_open(&f.o, OUTPUT_PDF, f.path, &spec, &f.d));
        g_assert_true(output_finish(&f.o, &f.d));
        g_assert_false(output_commit(&f.o, false, &f.d));
        want = g_strdup_printf("%s: could not put this file in place: %s; the sheet was not written", f.path,
                               g_strerror(EISDIR));
        assert_messages(&f.d, want);
        output_abort(&f.o);
        assert_listing(f.dir, "sheets_a6_on_a4.pdf");
        g_assert_true(g_file_test(f.path, G_FILE_TEST_IS_DIR)); /* the folder, as it was */
        g_free(want);
        fx_done(&f);
}

/* ---- the machine says no ---------------------------------------------------------------- */

/* The disk fills while the file is written: finish fails with one message
 * naming the final path (the one the user knows), and abort removes the
 * temporary file.  Small writes are only found out at the flush, a big
 * one at once. */
static void test_finish_full_disk(void)
{
        size_t sizes[] = { 8, 256 * 1024 };
        for (size_t i = 0; i < G_N_ELEMENTS(sizes); i++) {
                struct fx f;
                fx_init(&f, "full.txt");
                g_assert_true(output_open(&f.o, OUTPUT_TEXT, f.path, NULL, &f.d));
                if (!fill_disk(&f.o)) {
                        output_abort(&f.o);
                        fx_done(&f);
                        g_test_skip("no /dev/full");
                        return;
                }
                char *data = g_malloc0(sizes[i]);
                g_assert_true(output_write(&f.o, data, sizes[i]) == (i == 0));
                g_assert_true(output_printf(&f.o, "and more") == (i == 0));
                g_assert_false(output_finish(&f.o, &f.d));
                assert_failed(&f, ENOSPC);
                output_abort(&f.o);
                assert_listing(f.dir, "");
                g_free(data);
                fx_done(&f);
        }
}

/* output_failed: true with the message once the sink failed, false and
 * silent while all is well. */
static void test_failed(void)
{
        struct fx f;
        fx_init(&f, "f.txt");
        g_assert_true(output_open(&f.o, OUTPUT_TEXT, f.path, NULL, &f.d));
        output_write(&f.o, "fine", 4);
        g_assert_false(output_failed(&f.o, &f.d));
        g_assert_cmpuint(f.d.n, ==, 0);
        if (fill_disk(&f.o)) {
                output_write(&f.o, "lost", 4);
                g_assert_true(output_failed(&f.o, &f.d));
                assert_failed(&f, ENOSPC);
        }
        output_abort(&f.o);
        assert_listing(f.dir, "");
        fx_done(&f);
}

static void draw_square(cairo_surface_t *s)
{
        cairo_t *cr = cairo_create(s);
        cairo_rectangle(cr, 10, 10, 120, 120);
        cairo_fill(cr);
        cairo_destroy(cr);
}

/* A PDF whose page boxes qpdf writes: qpdf's bytes reach the disk at
 * finish, so a full disk shows there, once, naming the file; a good file
 * from before stays. */
static void test_pdf_boxes_full_disk(void)
{
        struct fx f;
        fx_init(&f, "boxes.pdf");
        struct pdfbox trim = { 20, 20, 120, 120 }, bleed = { 10, 10, 130, 130 };
        struct pdf_meta meta = { .title = "T", .date = "2027-01-01", .trim = &trim, .bleed = &bleed };
        struct output_spec spec = { 140, 140, 0, &meta, 0, false };

        g_assert_true(output_open(&f.o, OUTPUT_PDF, f.path, &spec, &f.d));
        draw_square(f.o.surface);
        g_assert_true(output_finish(&f.o, &f.d));
        g_assert_true(output_commit(&f.o, false, &f.d));
        output_abort(&f.o);
        g_assert_cmpuint(f.d.n, ==, 0);
        gsize len;
        char *good = contents(f.path, &len);
        g_assert_true(g_str_has_prefix(good, "%PDF-"));
        g_assert_nonnull(g_strstr_len(good, (gssize)len, "/TrimBox"));
        g_assert_nonnull(g_strstr_len(good, (gssize)len, "/BleedBox"));
        g_assert_nonnull(g_strstr_len(good + len - 8, 8, "%%EOF"));

        g_assert_true(output_open(&f.o, OUTPUT_PDF, f.path, &spec, &f.d));
        if (fill_disk(&f.o)) {
                draw_square(f.o.surface);
                g_assert_false(output_finish(&f.o, &f.d));
                assert_failed(&f, ENOSPC);
        }
        output_abort(&f.o);
        assert_listing(f.dir, "boxes.pdf");
        gsize len2;
        char *got = contents(f.path, &len2);
        g_assert_cmpmem(got, len2, good, len);
        g_free(got);
        g_free(good);
        fx_done(&f);
}

/* A PNG page: the signature, its size in IHDR. */
static void test_png(void)
{
        struct fx f;
        fx_init(&f, "p.png");
        struct output_spec spec = { 30, 20, 150, NULL, 0, false };
        g_assert_true(output_open(&f.o, OUTPUT_PNG, f.path, &spec, &f.d));
        g_assert_nonnull(f.o.surface);
        g_assert_cmpint(cairo_image_surface_get_width(f.o.surface), ==, 30);
        g_assert_cmpint(cairo_image_surface_get_height(f.o.surface), ==, 20);
        g_assert_true(output_finish(&f.o, &f.d));
        g_assert_true(output_commit(&f.o, false, &f.d));
        output_abort(&f.o);
        gsize len;
        unsigned char *got = (unsigned char *)contents(f.path, &len);
        g_assert_cmpuint(len, >, 24);
        g_assert_cmpmem(got, 8, "\x89PNG\r\n\x1a\n", 8);
        g_assert_cmpmem(got + 12, 4, "IHDR", 4);
        g_assert_cmpmem(got + 16, 8, "\0\0\0\x1e\0\0\0\x14", 8);
        g_free(got);
        g_assert_cmpuint(f.d.n, ==, 0);
        fx_done(&f);
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
        g_assert_true(output_commit(&o, false, &d));
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
                g_assert_false(output_commit(&o, false, &d));
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
        g_assert_false(output_commit(&o, false, &d));
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
        g_test_add_func("/output/uncommit_replaced", test_uncommit_replaced);
        g_test_add_func("/output/spare_reused", test_spare_reused);
        g_test_add_func("/output/commit_vanished", test_commit_vanished);
        g_test_add_func("/output/open_refused", test_open_refused);
        g_test_add_func("/output/sheet_refused", test_sheet_refused);
        g_test_add_func("/output/finish_full_disk", test_finish_full_disk);
        g_test_add_func("/output/failed", test_failed);
        g_test_add_func("/output/pdf_boxes_full_disk", test_pdf_boxes_full_disk);
        g_test_add_func("/output/png", test_png);
        g_test_add_func("/output/stream", test_stream);
        return g_test_run();
}
