/* util.c: small helpers that neither GLib nor libc has in our form. */
/* sched_getaffinity */
#define _GNU_SOURCE
#include "util.h"
#include "i18n.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <fcntl.h>
#include <sched.h>
#include <sys/stat.h>
#include <unistd.h>

#include "digest.h"

size_t util_utf8_len(const char *s)
{
        return (size_t)g_utf8_strlen(s, -1);
}

FILE *util_open_regular(const char *path, bool nofollow)
{
        /* O_NONBLOCK: opening a FIFO for reading would wait for a writer.
         * The check is on the opened file, so nothing can be swapped in
         * between checking and reading. */
        int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | (nofollow ? O_NOFOLLOW : 0));
        if (fd < 0)
                return NULL;
        struct stat st;
        if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
                close(fd);
                errno = EINVAL;
                return NULL;
        }
        FILE *f = fdopen(fd, "rb");
        if (!f) {
                int e = errno;
                close(fd);
                errno = e;
        }
        return f;
}

char *util_read_stream(FILE *f, size_t max, size_t *len, char **err)
{
        /* Check the size before reading: libconfig takes seconds on
         * multi-megabyte strings, and a stranger's file may be anything. */
        struct stat st;
        if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
                *err = g_strdup(_("not a regular file"));
                return NULL;
        }
        if ((unsigned long long)st.st_size > max) {
                *err = g_strdup_printf(_("file is %llu bytes; at most %zu are allowed"),
                                       (unsigned long long)st.st_size, max);
                return NULL;
        }
        if (fseek(f, 0, SEEK_SET) != 0) {
                *err = g_strdup(_("read error"));
                return NULL;
        }
        char *buf = g_malloc(max + 1);
        size_t n = fread(buf, 1, max + 1, f);
        if (ferror(f)) {
                *err = g_strdup(_("read error"));
                g_free(buf);
                return NULL;
        }
        if (n > max) { /* grew while we read it */
                *err = g_strdup_printf(_("file is larger than %zu bytes"), max);
                g_free(buf);
                return NULL;
        }
        buf[n] = '\0';
        *len = n;
        return buf;
}

char *util_read_file(const char *path, size_t max, size_t *len, char **err, struct stat *st)
{
        FILE *f = util_open_regular(path, false);
        if (!f) {
                *err = errno == EINVAL ? g_strdup(_("not a regular file"))
                                       : g_strdup_printf(_("cannot open: %s"), g_strerror(errno));
                return NULL;
        }
        if (st && fstat(fileno(f), st) != 0) {
                *err = g_strdup_printf(_("cannot open: %s"), g_strerror(errno));
                fclose(f);
                return NULL;
        }
        char *buf = util_read_stream(f, max, len, err);
        fclose(f);
        return buf;
}

char *util_basename_noext(const char *path, const char *ext)
{
        char *base = g_path_get_basename(path);
        if (ext && g_str_has_suffix(base, ext) && strlen(base) > strlen(ext))
                base[strlen(base) - strlen(ext)] = '\0';
        return base;
}

/* Linux shows the mask in /proc/self/status ("Umask:\t0022", since 4.7):
 * reading it there changes nothing.  Elsewhere the only way is to set it
 * and set it back. */
static mode_t read_umask(void)
{
        FILE *f = fopen("/proc/self/status", "r");
        if (f) {
                char line[256];
                unsigned long m;
                while (fgets(line, sizeof line, f))
                        if (sscanf(line, "Umask: %lo", &m) == 1 && m <= 0777) {
                                fclose(f);
                                return (mode_t)m;
                        }
                fclose(f);
        }
        mode_t m = umask(0);
        umask(m);
        return m;
}

mode_t util_umask(void)
{
        static gsize done;
        static mode_t mask;
        if (g_once_init_enter(&done)) {
                mask = read_umask();
                g_once_init_leave(&done, 1);
        }
        return mask;
}

unsigned util_processors(void)
{
#ifdef __linux__
        cpu_set_t set;
        if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0)
                return (unsigned)CPU_COUNT(&set);
#endif
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        return n > 0 ? (unsigned)n : 1;
}

char *util_slug(const char *path)
{
        char *base = util_basename_noext(path, ".cfg");
        size_t len = strlen(base);
        if (len <= UTIL_SLUG_MAX)
                return base;
        /* Cut at a character boundary, not inside a UTF-8 sequence. */
        const char *end = base + (UTIL_SLUG_MAX - 9);
        while (end > base && ((unsigned char)*end & 0xC0) == 0x80)
                end--;
        char *sum = digest_hex_of(base, len);
        char *slug = g_strdup_printf("%.*s-%.8s", (int)(end - base), base, sum);
        g_free(sum);
        g_free(base);
        return slug;
}
