/* sink.c: checked, buffered writes (see sink.h).
 *
 * 64 KiB of buffer: cairo's PDF surface and libpng hand over many small
 * pieces (a few bytes to a few KiB), and one write(2) per piece costs more
 * than the drawing of a flyer; FILE streams did this buffering before, but
 * they report errors only to whoever asks ferror at the right time. */
#include "sink.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#define SINK_BUF (64 * 1024)

void sink_init_fd(struct sink *s, int fd)
{
        memset(s, 0, sizeof *s);
        s->fd = fd;
        s->cap = SINK_BUF;
        s->buf = g_malloc(s->cap);
        digest_init(&s->sum);
}

void sink_init_mem(struct sink *s)
{
        memset(s, 0, sizeof *s);
        s->fd = -1;
        s->mem = g_byte_array_new();
        digest_init(&s->sum);
}

int sink_write_all(int fd, const void *data, size_t n)
{
        const unsigned char *p = data;
        while (n > 0) {
                ssize_t w = write(fd, p, n);
                if (w < 0 && errno == EINTR)
                        continue;
                if (w < 0)
                        return errno;
                if (w == 0)
                        return EIO; /* a regular file never takes nothing; don't spin */
                p += w;
                n -= (size_t)w;
        }
        return 0;
}

bool sink_flush(struct sink *s)
{
        if (!s->err && s->used > 0)
                s->err = sink_write_all(s->fd, s->buf, s->used);
        s->used = 0;
        return s->err == 0;
}

bool sink_write(struct sink *s, const void *data, size_t n)
{
        if (s->err)
                return false;
        digest_update(&s->sum, data, n);
        if (s->mem) {
                /* GByteArray takes a guint length. */
                for (const unsigned char *p = data; n > 0;) {
                        guint k = n > G_MAXUINT ? G_MAXUINT : (guint)n;
                        g_byte_array_append(s->mem, p, k);
                        p += k;
                        n -= k;
                }
                return true;
        }
        if (s->used + n > s->cap && !sink_flush(s))
                return false;
        if (n >= s->cap) {
                s->err = sink_write_all(s->fd, data, n);
                return s->err == 0;
        }
        memcpy(s->buf + s->used, data, n);
        s->used += n;
        return true;
}

const unsigned char *sink_bytes(const struct sink *s, size_t *len)
{
        *len = s->mem ? s->mem->len : 0;
        return s->mem ? s->mem->data : NULL;
}

const char *sink_sha256(struct sink *s)
{
        if (!s->hex[0])
                digest_hex(&s->sum, s->hex);
        return s->hex;
}

int sink_error(const struct sink *s)
{
        return s->err;
}

void sink_clear(struct sink *s)
{
        g_free(s->buf);
        if (s->mem)
                g_byte_array_free(s->mem, TRUE);
        memset(s, 0, sizeof *s);
        s->fd = -1;
}
