/* record.c: the output folder's record of what it was rendered from.
 *
 * One line per output, tab-separated, after a comment line:
 *
 *   KEY  N  NAME  FORMAT  KIND  SHA256  SIZE  MTIME_NS
 *
 * A text file a person can read and delete; names are checked on reading
 * (no '/', no "..", nothing hidden), so a planted record can at worst make
 * plakat skip files it would have written identically. */
#include "record.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "diag.h"
#include "output.h"

struct record {
        GHashTable *by_name; /* name -> struct record_entry *, owned */
        GPtrArray *order;    /* names in the order they were noted, for stable files */
};

static void entry_free(gpointer p)
{
        struct record_entry *e = p;
        g_free(e->key);
        g_free(e->name);
        g_free(e->format);
        g_free(e->kind);
        g_free(e->sha256);
        g_free(e);
}

static struct record *record_new(void)
{
        struct record *r = g_new0(struct record, 1);
        r->by_name = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, entry_free);
        r->order = g_ptr_array_new_with_free_func(g_free);
        return r;
}

void record_free(struct record *r)
{
        if (!r)
                return;
        g_hash_table_destroy(r->by_name);
        g_ptr_array_free(r->order, TRUE);
        g_free(r);
}

static bool plain_name(const char *n)
{
        return *n && n[0] != '.' && !strchr(n, '/') && g_utf8_validate(n, -1, NULL);
}

static bool hex64(const char *s)
{
        if (strlen(s) != 64)
                return false;
        for (const char *p = s; *p; p++)
                if (!g_ascii_isxdigit(*p))
                        return false;
        return true;
}

static void put(struct record *r, struct record_entry *e)
{
        if (!g_hash_table_contains(r->by_name, e->name))
                g_ptr_array_add(r->order, g_strdup(e->name));
        g_hash_table_replace(r->by_name, e->name, e);
}

struct record *record_load(const char *dir)
{
        struct record *r = record_new();
        char *path = g_build_filename(dir, RECORD_FILE, NULL);
        char *text = NULL;
        /* A record larger than this is not one of ours. */
        if (g_file_get_contents(path, &text, NULL, NULL) && strlen(text) < 64 * 1024 * 1024) {
                char **lines = g_strsplit(text, "\n", -1);
                for (char **l = lines; *l; l++) {
                        char **f = g_strsplit(*l, "\t", -1);
                        char *end1 = NULL, *end2 = NULL, *end3 = NULL;
                        if (g_strv_length(f) == 8 && hex64(f[0]) && plain_name(f[2]) && hex64(f[5])) {
                                struct record_entry *e = g_new0(struct record_entry, 1);
                                e->n = (unsigned)g_ascii_strtoull(f[1], &end1, 10);
                                e->size = g_ascii_strtoll(f[6], &end2, 10);
                                e->mtime_ns = g_ascii_strtoll(f[7], &end3, 10);
                                e->key = g_strdup(f[0]);
                                e->name = g_strdup(f[2]);
                                e->format = g_strdup(f[3]);
                                e->kind = g_strdup(f[4]);
                                e->sha256 = g_strdup(f[5]);
                                if (*end1 || *end2 || *end3 || e->n == 0)
                                        entry_free(e);
                                else
                                        put(r, e);
                        }
                        g_strfreev(f);
                }
                g_strfreev(lines);
        }
        g_free(text);
        g_free(path);
        return r;
}

/* Size and time of a regular file in dir, without following a link. */
static bool file_stamp(const char *dir, const char *name, long long *size, long long *mtime_ns)
{
        char *p = g_build_filename(dir, name, NULL);
        struct stat st;
        bool ok = lstat(p, &st) == 0 && S_ISREG(st.st_mode);
        g_free(p);
        if (ok) {
                *size = (long long)st.st_size;
                *mtime_ns = (long long)st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec;
        }
        return ok;
}

GPtrArray *record_lookup(const struct record *r, const char *key, const char *dir)
{
        GPtrArray *found = g_ptr_array_new();
        for (size_t i = 0; i < r->order->len; i++) {
                struct record_entry *e = g_hash_table_lookup(r->by_name, r->order->pdata[i]);
                if (e && strcmp(e->key, key) == 0)
                        g_ptr_array_add(found, e);
        }
        bool all = found->len > 0 && found->len == ((struct record_entry *)found->pdata[0])->n;
        for (size_t i = 0; all && i < found->len; i++) {
                const struct record_entry *e = found->pdata[i];
                long long size, mtime;
                all = e->n == found->len && file_stamp(dir, e->name, &size, &mtime) && size == e->size &&
                      mtime == e->mtime_ns;
        }
        if (!all) {
                g_ptr_array_free(found, TRUE);
                return NULL;
        }
        return found;
}

void record_put(struct record *r, const char *key, unsigned n, const char *name, const char *format,
                const char *kind, const char *sha256, const char *dir)
{
        if (!plain_name(name) || !hex64(key) || !hex64(sha256) || n == 0)
                return;
        struct record_entry *e = g_new0(struct record_entry, 1);
        e->key = g_strdup(key);
        e->n = n;
        e->name = g_strdup(name);
        e->format = g_strdup(format);
        e->kind = g_strdup(kind);
        e->sha256 = g_strdup(sha256);
        if (file_stamp(dir, name, &e->size, &e->mtime_ns))
                put(r, e);
        else
                entry_free(e);
}

bool record_empty(const struct record *r)
{
        return g_hash_table_size(r->by_name) == 0;
}

bool record_save(const struct record *r, const char *dir, struct diag *d)
{
        char *path = g_build_filename(dir, RECORD_FILE, NULL);
        struct output o;
        bool ok = output_open(&o, OUTPUT_TEXT, path, NULL, d);
        if (ok) {
                output_printf(&o, "# plakat: what the files in this folder were rendered from; "
                                  "delete this file to render everything again\n");
                for (size_t i = 0; i < r->order->len; i++) {
                        const struct record_entry *e = g_hash_table_lookup(r->by_name, r->order->pdata[i]);
                        if (e)
                                output_printf(&o, "%s\t%u\t%s\t%s\t%s\t%s\t%lld\t%lld\n", e->key, e->n, e->name,
                                              e->format, e->kind, e->sha256, e->size, e->mtime_ns);
                }
                ok = output_finish(&o, d) && output_commit(&o, false, d);
        }
        output_abort(&o);
        g_free(path);
        return ok;
}
