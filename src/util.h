/* util.h: small helpers that neither GLib nor libc has in the form we need.
 *
 * Memory: plakat allocates through GLib (g_malloc, g_strdup, g_new), which
 * aborts on out-of-memory, so callers never check for NULL from them. */
#ifndef PLAKAT_UTIL_H
#define PLAKAT_UTIL_H

#include <glib.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/types.h>

/* Number of Unicode characters in a valid UTF-8 string. */
size_t util_utf8_len(const char *s);

/* Open path for reading only if it is a regular file (never blocking on a
 * FIFO; with nofollow, not through a symbolic link).  NULL with errno set
 * (EINVAL: not a regular file) on failure. */
FILE *util_open_regular(const char *path, bool nofollow);

/* Read a whole file of at most max bytes.  Returns the bytes (NUL-terminated,
 * caller frees) and sets *len; on failure returns NULL and sets *err to a
 * message for the user (caller frees).  A file larger than max is not read.
 * st (may be NULL) gets the status of the file the bytes came from. */
char *util_read_file(const char *path, size_t max, size_t *len, char **err, struct stat *st);

/* The name a community's outputs start with: the file name without its
 * folder and ".cfg", shortened when it is long so that every output name
 * and its temporary name (".NAME-FORMAT.ext.plakat-PID-XXXXXX") fit the
 * file system's 255 bytes: the first UTIL_SLUG_MAX - 9 bytes (whole
 * characters) and "-" and 8 hex digits of the full name's SHA-256, so two
 * long names that start alike still differ.  Caller frees. */
#define UTIL_SLUG_MAX 160
char *util_slug(const char *path);

/* The same for a regular file already open (read from its start): the
 * bytes of the file that was opened, not of whatever its path names now. */
char *util_read_stream(FILE *f, size_t max, size_t *len, char **err);

/* The file name without its folder and without the extension ext (e.g.
 * ".cfg"), for naming outputs.  Caller frees. */
char *util_basename_noext(const char *path, const char *ext);

/* The process's file mode creation mask, as it was at the first call.
 * Read without changing it where the system tells (Linux: /proc); else by
 * setting it and setting it back, which is why main should call this once
 * before any worker thread starts.  plakat never changes the mask, so the
 * first answer stays right; code that writes files uses this instead of
 * the umask(0)/umask(mask) dance, which would race with other threads. */
mode_t util_umask(void);

/* The processors this process may run on: its affinity (taskset, a
 * container's cpuset), else every one online; at least 1.  The default
 * for -j and for the threads of one image. */
unsigned util_processors(void);

#endif
