/* sink.h: the one path every byte of a user's file takes.
 *
 * A sink writes to a file descriptor through a buffer of its own, or
 * collects bytes in memory.  It keeps the first failure (errno) and
 * refuses every write after it, so a writer may write on blindly and ask
 * once at the end: a full disk, a file-size limit (ulimit -f) or a
 * failing device is never lost between a write and a close.  Nothing here
 * prints; the caller names the file in its message. */
#ifndef PLAKAT_SINK_H
#define PLAKAT_SINK_H

#include <glib.h>
#include <stdbool.h>
#include <stddef.h>

#include "digest.h"

struct sink {
        int fd;           /* -1: into mem */
        GByteArray *mem;  /* owned; NULL when writing to fd */
        unsigned char *buf;
        size_t used, cap;
        int err;          /* first errno, 0 while all is well */
        struct digest sum; /* SHA-256 of every byte written, for reports and re-runs */
        char hex[DIGEST_HEX]; /* the sum, once asked for ("" until then) */
};

/* A sink that writes to fd (not owned: sink_close does not close it). */
void sink_init_fd(struct sink *s, int fd);
/* A sink that collects bytes in memory (sink_bytes). */
void sink_init_mem(struct sink *s);

/* Append data[0..n).  Returns false once anything has failed. */
bool sink_write(struct sink *s, const void *data, size_t n);
/* Push buffered bytes to the descriptor.  Returns false once anything has
 * failed. */
bool sink_flush(struct sink *s);

/* The bytes collected by a memory sink (owned by s). */
const unsigned char *sink_bytes(const struct sink *s, size_t *len);

/* The SHA-256 of every byte written, as 64 hex digits (owned by s, valid
 * until sink_clear).  Call it once all bytes are written: the sum is
 * closed then, and later writes are not counted. */
const char *sink_sha256(struct sink *s);

/* The first failure as errno (0: none). */
int sink_error(const struct sink *s);

/* Free the buffer and memory; the descriptor stays open. */
void sink_clear(struct sink *s);

/* Write all of data[0..n) to fd, through EINTR and short writes.  Returns
 * 0 or the errno of the failure. */
int sink_write_all(int fd, const void *data, size_t n);

#endif
