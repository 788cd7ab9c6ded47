/* test_sink.c: the one write path: buffering, writes that bypass the
 * buffer, the memory sink, the first error kept (a full device), and
 * sink_write_all through a pipe. */
#include "testlib.h"

#include "sink.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A temporary file, open for writing; its path in *path (g_free). */
static int tmp_file(char **path)
{
        int fd = g_file_open_tmp("plakat-sink-XXXXXX", path, NULL);
        g_assert_cmpint(fd, >=, 0);
        return fd;
}

static gsize file_size(const char *path)
{
        struct stat st;
        g_assert_cmpint(g_stat(path, &st), ==, 0);
        return (gsize)st.st_size;
}

static void assert_file(const char *path, const unsigned char *want, size_t n)
{
        gchar *got = NULL;
        gsize len = 0;
        g_assert_true(g_file_get_contents(path, &got, &len, NULL));
        g_assert_cmpmem(got, len, want, n);
        g_free(got);
}

/* Bytes that show their position, so a lost or repeated piece shows. */
static unsigned char *pattern(size_t n)
{
        unsigned char *p = g_malloc(n);
        for (size_t i = 0; i < n; i++)
                p[i] = (unsigned char)(i * 7 + i / 251);
        return p;
}

/* Many small writes: held until a flush (nothing reaches the file before),
 * then the same bytes as one big write into another file. */
static void test_small_writes(void)
{
        size_t n = 50000; /* less than the buffer: all of it waits */
        unsigned char *data = pattern(n);
        char *a, *b;
        int fa = tmp_file(&a), fb = tmp_file(&b);

        struct sink s;
        sink_init_fd(&s, fa);
        for (size_t i = 0; i < n;) {
                size_t k = MIN(1 + i % 13, n - i);
                g_assert_true(sink_write(&s, data + i, k));
                i += k;
        }
        g_assert_cmpuint(file_size(a), ==, 0);
        g_assert_true(sink_flush(&s));
        g_assert_cmpuint(file_size(a), ==, n);
        g_assert_cmpint(sink_error(&s), ==, 0);
        sink_clear(&s);

        sink_init_fd(&s, fb);
        g_assert_true(sink_write(&s, data, n));
        g_assert_true(sink_flush(&s));
        sink_clear(&s);

        assert_file(a, data, n);
        assert_file(b, data, n);

        /* More than a buffer's worth of small pieces: the buffer empties on
         * the way, nothing is lost at its edge. */
        size_t m = 300001;
        unsigned char *more = pattern(m);
        g_assert_cmpint(ftruncate(fa, 0), ==, 0);
        g_assert_cmpint(lseek(fa, 0, SEEK_SET), ==, 0);
        sink_init_fd(&s, fa);
        for (size_t i = 0; i < m;) {
                size_t k = MIN(1000 + i % 977, m - i);
                g_assert_true(sink_write(&s, more + i, k));
                i += k;
        }
        g_assert_cmpuint(file_size(a), >, 0); /* some went out already */
        g_assert_cmpuint(file_size(a), <, m);
        g_assert_true(sink_flush(&s));
        sink_clear(&s);
        assert_file(a, more, m);

        /* sink_clear leaves the descriptor open: it is the caller's. */
        g_assert_cmpint(fcntl(fa, F_GETFD), !=, -1);
        close(fa);
        close(fb);
        g_unlink(a);
        g_unlink(b);
        g_free(a);
        g_free(b);
        g_free(data);
        g_free(more);
}

/* A write at least as big as the buffer goes straight out, after what was
 * buffered before it (order kept), and leaves the buffer empty. */
static void test_big_write(void)
{
        size_t big = 200000;
        unsigned char *data = pattern(big + 10);
        char *path;
        int fd = tmp_file(&path);
        struct sink s;
        sink_init_fd(&s, fd);
        g_assert_true(sink_write(&s, data, 10));
        g_assert_cmpuint(file_size(path), ==, 0);
        g_assert_true(sink_write(&s, data + 10, big));
        g_assert_cmpuint(file_size(path), ==, big + 10); /* no flush needed */
        g_assert_cmpuint(s.used, ==, 0);
        g_assert_true(sink_flush(&s));
        assert_file(path, data, big + 10);
        sink_clear(&s);
        close(fd);
        g_unlink(path);
        g_free(path);
        g_free(data);
}

static void test_memory(void)
{
        struct sink s;
        sink_init_mem(&s);
        size_t len = 1;
        sink_bytes(&s, &len);
        g_assert_cmpuint(len, ==, 0);

        size_t n = 150000;
        unsigned char *data = pattern(n);
        g_assert_true(sink_write(&s, data, 3));
        g_assert_true(sink_write(&s, data + 3, 0));
        g_assert_true(sink_write(&s, data + 3, n - 3)); /* bigger than a file sink's buffer */
        g_assert_true(sink_flush(&s));
        const unsigned char *got = sink_bytes(&s, &len);
        g_assert_cmpmem(got, len, data, n);
        g_assert_cmpint(sink_error(&s), ==, 0);
        sink_clear(&s);
        g_assert_cmpint(s.fd, ==, -1);
        g_assert_null(s.mem);
        g_free(data);
}

/* /dev/full: the flush fails with ENOSPC, and so does every later write
 * and flush, keeping the first reason. */
static void test_full_device(void)
{
        int fd = open("/dev/full", O_WRONLY | O_CLOEXEC);
        if (fd < 0) {
                g_test_skip("no /dev/full");
                return;
        }
        struct sink s;
        sink_init_fd(&s, fd);
        g_assert_true(sink_write(&s, "abc", 3)); /* buffered: not known yet */
        g_assert_false(sink_flush(&s));
        g_assert_cmpint(sink_error(&s), ==, ENOSPC);
        g_assert_false(sink_write(&s, "d", 1));
        g_assert_false(sink_flush(&s));
        g_assert_cmpint(sink_error(&s), ==, ENOSPC);
        sink_clear(&s);

        /* A big write fails at once. */
        unsigned char *data = pattern(100000);
        sink_init_fd(&s, fd);
        g_assert_false(sink_write(&s, data, 100000));
        g_assert_cmpint(sink_error(&s), ==, ENOSPC);
        g_assert_false(sink_write(&s, "x", 1));
        sink_clear(&s);

        /* Filling the buffer pushes it out, and that failure is seen by
         * the write that caused it. */
        sink_init_fd(&s, fd);
        bool ok = true;
        for (int i = 0; i < 200 && ok; i++)
                ok = sink_write(&s, data, 1000);
        g_assert_false(ok);
        g_assert_cmpint(sink_error(&s), ==, ENOSPC);
        sink_clear(&s);

        /* A failed descriptor: EBADF, kept the same way. */
        sink_init_fd(&s, fd);
        close(fd);
        g_assert_true(sink_write(&s, "abc", 3));
        g_assert_false(sink_flush(&s));
        g_assert_cmpint(sink_error(&s), ==, EBADF);
        sink_clear(&s);
        g_free(data);
}

struct reader {
        int fd;
        GByteArray *got;
};

static gpointer read_all(gpointer data)
{
        struct reader *r = data;
        unsigned char buf[4096];
        ssize_t n;
        while ((n = read(r->fd, buf, sizeof buf)) > 0)
                g_byte_array_append(r->got, buf, (guint)n);
        return NULL;
}

/* A pipe takes at most its capacity per write: sink_write_all goes on
 * through short writes until everything arrived, in order. */
static void test_write_all_pipe(void)
{
        int p[2];
        g_assert_cmpint(pipe(p), ==, 0);
        struct reader r = { p[0], g_byte_array_new() };
        GThread *t = g_thread_new("reader", read_all, &r);
        size_t n = 1 << 20; /* 16 times a pipe's usual capacity */
        unsigned char *data = pattern(n);
        g_assert_cmpint(sink_write_all(p[1], data, n), ==, 0);
        g_assert_cmpint(sink_write_all(p[1], data, 0), ==, 0);
        close(p[1]);
        g_thread_join(t);
        g_assert_cmpmem(r.got->data, r.got->len, data, n);
        close(p[0]);
        g_byte_array_free(r.got, TRUE);

        /* Nobody reading: EPIPE, returned (this test ignores SIGPIPE). */
        g_assert_cmpint(pipe(p), ==, 0);
        close(p[0]);
        g_assert_cmpint(sink_write_all(p[1], data, 10), ==, EPIPE);
        close(p[1]);

        /* Through a sink the same. */
        g_assert_cmpint(pipe(p), ==, 0);
        close(p[0]);
        struct sink s;
        sink_init_fd(&s, p[1]);
        g_assert_true(sink_write(&s, data, 10));
        g_assert_false(sink_flush(&s));
        g_assert_cmpint(sink_error(&s), ==, EPIPE);
        sink_clear(&s);
        close(p[1]);
        g_free(data);
}

int main(int argc, char **argv)
{
        test_init(&argc, &argv);
        signal(SIGPIPE, SIG_IGN);
        g_test_add_func("/sink/small_writes", test_small_writes);
        g_test_add_func("/sink/big_write", test_big_write);
        g_test_add_func("/sink/memory", test_memory);
        g_test_add_func("/sink/full_device", test_full_device);
        g_test_add_func("/sink/write_all_pipe", test_write_all_pipe);
        return g_test_run();
}
