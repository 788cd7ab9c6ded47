/* hyphen.c: soft hyphens for long words, from libhyphen patterns.
 *
 * Pango breaks a line at U+00AD and shows a hyphen there, so hyphenation
 * is just text in, text out.  libhyphen wants a lower-case word in the
 * dictionary's charset (Debian: ISO8859-1 for German, UTF-8 for English)
 * and answers with odd numbers after the characters (not bytes, also in
 * UTF-8) where the word may break.
 * Each word is therefore lowered character by character (one character in,
 * one out, so positions map back) and encoded; the hyphens go into the
 * original word, capitals and all.
 *
 * Left alone: URLs, e-mail addresses, anything with a digit or a soft
 * hyphen already (the writer decided), runs of letters shorter than
 * HYPHEN_MIN_LETTERS, and absurdly long strings.  In a compound with '-'
 * each long part is hyphenated on its own; Pango already breaks after the
 * '-'.  Breaks that change letters (old German "Schiff=fahrt") are skipped:
 * a soft hyphen cannot say them.
 *
 * Joints: a German compound reads best broken where its words meet
 * ("Nachbarschafts-hilfe"), not at any syllable ("Nachbar-schaftshilfe").
 * The patterns do not say which points are joints, so a point counts as
 * one when the letters before it end in a common last part of a
 * compound's first word (JOINT_ENDS: "-schaft", "-ung", "garten", with a
 * linking "s", "es", "n" or "en").  hyphen_joints offers only those; a
 * caller tries them before every syllable (box.c). */
/* madvise(MADV_HUGEPAGE) is Linux's, beyond POSIX. */
#define _DEFAULT_SOURCE
#include "hyphen.h"

#include <hyphen.h> /* libhyphen's; ours is "hyphen.h" in this folder */

#include <errno.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "digest.h"
#include "lazy.h"
#include "paths.h"

#define HYPHEN_MIN_LETTERS 7
#define HYPHEN_MAX_LETTERS 400  /* a longer "word" is not a word */
#define HYPHEN_MAX_CHUNK   2000 /* bytes between spaces worth looking at */
#define SHY "\xC2\xAD"          /* U+00AD in UTF-8 */

/* Endings of a compound's first word, lower case (German). */
static const char *const joint_ends[] = {
        "schaft", "ung", "heit", "keit", "tion", "tät", "ling", "tum", "nis", "ismus", "ität",
        "garten", "gruppe", "kreis", "zentrum", "straße", "arbeit", "hilfe", "verein", "projekt",
        "netz", "netzwerk", "treff", "schule", "kirche", "zeit", "welt", "stadt", "haus", "platz",
        "werk", "raum", "markt", "bürger", "nachbar", "kinder", "eltern", "frauen", "männer",
        "senioren", "jugend", "familie", "sprach", "kultur", "kunst", "musik", "sport", "natur",
        "umwelt", "klima", "energie", "digital", "stadtteil", "quartier", "gemeinde", "förder",
        "beratung", "begegnung", "bildung", "lese", "repair", "reparatur", "fahrrad", "rad",
        "wasser", "wald", "feld", "bienen", "pflanzen", "tausch", "koch", "back", "spiel",
        "sprech", "stunde", "abend", "tag", "woche", "monat", "jahr", "gesundheit", "pflege",
        "wohn", "wohnung", "nutzung", "recht", "gesetz", "ordnung", "verkehr", "grundstück",
        NULL
};

struct language {
        const char *code;
        const char *file;
        int lhmin, rhmin; /* letters kept together at each end of a word */
        const char *const *joints; /* endings of a compound's first word, or NULL */
        bool tried;
        enum hyphen_from from; /* not HYPHEN_FROM_PATTERNS: free with cached_free */
        HyphenDict *dict;
};

static struct language languages[] = {
        { "de", "hyph_de_DE.dic", 3, 4, joint_ends, false, HYPHEN_FROM_NONE, NULL },
        { "en", "hyph_en_US.dic", 3, 4, NULL, false, HYPHEN_FROM_NONE, NULL },
};

G_LOCK_DEFINE_STATIC(languages);

/* ---- compiled patterns ------------------------------------------------------
 *
 * libhyphen builds its state machine from the pattern file on every load:
 * over three seconds for Debian's German patterns (78,000 lines, 290,000
 * states), far more than a whole poster takes.  So the finished machine
 * is kept in a file ("compiled patterns") and read back in milliseconds:
 *
 *   1. <data folder>/hyphen/<patterns>.bin, written by `make` into the
 *      build tree (build/hyphen/, found next to the binary) and installed
 *      by `make install` into the data folder, where users cannot change it;
 *   2. else ~/.cache/plakat/<patterns>-<key>.bin, written by the first run
 *      that needed it (temporary file, then rename: two processes never
 *      see half a file);
 *   3. else libhyphen's own load (and 2. is written for next time).
 *
 * libhyphen trusts its tables: an index that stays in range but points at
 * the wrong state makes it write outside its buffers.  So no byte of a
 * compiled file is trusted before the whole file is checked: a header
 * holds a SHA-256 over every byte after it, and the identity of what it
 * was compiled from (plakat's version, the layout of libhyphen's
 * structures, the pattern file's name, size and SHA-256).  Any mismatch,
 * a damaged byte anywhere, a pattern file updated by the distribution, a
 * cache from another plakat, means the file is not used: the next place
 * is tried and the user's cache is rewritten.  Checking costs about 50 ms
 * for German, against 3.3 s for the slow load.  The checksum guards
 * against damage, not against someone who may write the user's own files
 * (they could change the binary's environment just as well); the reader
 * below stays memory-safe on any bytes (tests/fuzz/fuzz_hyphen.c).
 *
 * Layout of a file:
 *   "plakat-hyphen-3\0"       magic (16 bytes)
 *   digest[32]                 SHA-256 of every byte that follows
 *   int len, identity[len]     text, NUL included
 *   levels                     put_dict below
 * A cached level lives in one block (dict, states, transitions, strings)
 * instead of 370,000 small allocations, so it is freed by cached_free, not
 * hnj_hyphen_free. */

#define CACHE_MAGIC "plakat-hyphen-3"
#define DIGEST_LEN DIGEST_BYTES

static void put_bytes(GByteArray *b, const void *p, size_t n)
{
        g_byte_array_append(b, p, (guint)n);
}

static void put_int(GByteArray *b, int v)
{
        put_bytes(b, &v, sizeof v);
}

/* Bytes of a string with its NUL, 0 for NULL. */
static int str_size(const char *s)
{
        return s ? (int)strlen(s) + 1 : 0;
}

/* One level: a header with the counts the reader allocates by, then the
 * states, then the next level. */
static void put_dict(GByteArray *b, const HyphenDict *d)
{
        /* nohyphen holds nohyphenl + 1 strings, one after the other. */
        int nlen = 0;
        for (int i = 0; d->nohyphen && i <= d->nohyphenl; i++)
                nlen += (int)strlen(d->nohyphen + nlen) + 1;
        int ntrans = 0, nchars = nlen;
        for (int i = 0; i < d->num_states; i++) {
                ntrans += d->states[i].num_trans;
                nchars += str_size(d->states[i].match) + str_size(d->states[i].repl);
        }
        put_bytes(b, &d->lhmin, 4); /* lhmin, rhmin, clhmin, crhmin */
        /* Past its NUL, libhyphen's cset is whatever malloc gave: pad. */
        char cset[MAX_NAME] = { 0 };
        g_strlcpy(cset, d->cset, sizeof cset);
        put_bytes(b, cset, sizeof cset);
        put_int(b, d->utf8);
        put_int(b, d->num_states);
        put_int(b, ntrans);
        put_int(b, nchars);
        put_int(b, d->nohyphen ? d->nohyphenl : -1);
        put_int(b, nlen);
        put_bytes(b, d->nohyphen, (size_t)nlen);
        for (int i = 0; i < d->num_states; i++) {
                const HyphenState *st = &d->states[i];
                put_int(b, str_size(st->match));
                put_bytes(b, st->match, (size_t)str_size(st->match));
                put_int(b, str_size(st->repl));
                put_bytes(b, st->repl, (size_t)str_size(st->repl));
                /* libhyphen sets these only for states with a replacement. */
                signed char ri = st->repl ? st->replindex : 0, rc = st->repl ? st->replcut : 0;
                put_bytes(b, &ri, 1);
                put_bytes(b, &rc, 1);
                put_int(b, st->fallback_state);
                put_int(b, st->num_trans);
                for (int k = 0; k < st->num_trans; k++) {
                        put_bytes(b, &st->trans[k].ch, 1);
                        put_int(b, st->trans[k].new_state);
                }
        }
        put_int(b, d->nextlevel != NULL);
        if (d->nextlevel)
                put_dict(b, d->nextlevel);
}

struct reader {
        const unsigned char *p, *end;
        bool ok;
};

static void get_bytes(struct reader *r, void *out, size_t n)
{
        if (!r->ok || (size_t)(r->end - r->p) < n) {
                r->ok = false;
                memset(out, 0, n);
                return;
        }
        memcpy(out, r->p, n);
        r->p += n;
}

static int get_int(struct reader *r)
{
        int v;
        get_bytes(r, &v, sizeof v);
        return v;
}

/* A string of size bytes (NUL included; 0 for NULL) copied into the
 * string block at *next, which must have room (checked by the caller's
 * totals).  Returns it, or NULL. */
static char *get_str(struct reader *r, char **next, const char *limit)
{
        int size = get_int(r);
        if (!r->ok || size == 0)
                return NULL;
        if (size < 0 || size > limit - *next) {
                r->ok = false;
                return NULL;
        }
        char *s = *next;
        get_bytes(r, s, (size_t)size);
        s[size - 1] = '\0';
        *next += size;
        return s;
}

/* A cached dictionary: one block per level (dict, states, transitions,
 * strings), chained by nextlevel. */
static void cached_free(HyphenDict *d)
{
        while (d) {
                HyphenDict *next = d->nextlevel;
                free(d);
                d = next;
        }
}

/* A block for a whole level (14 MB for German), freed with free().
 * Asking for huge pages where the kernel offers them saves thousands of
 * page faults, a third of the load.  Every byte is written by the
 * reader, so it is not zeroed. */
static char *big_block(size_t size)
{
        void *p = NULL;
        size_t align = size >= (4u << 20) ? (2u << 20) : 16;
        if (posix_memalign(&p, align, size) != 0 || !p)
                abort();
#ifdef MADV_HUGEPAGE
        if (align > 16)
                madvise(p, size, MADV_HUGEPAGE);
#endif
        return p;
}

static HyphenDict *get_dict(struct reader *r, int depth)
{
        char mins[4], cset[MAX_NAME];
        get_bytes(r, mins, sizeof mins);
        get_bytes(r, cset, sizeof cset);
        int utf8 = get_int(r), n = get_int(r), ntrans = get_int(r), nchars = get_int(r);
        int nohyphenl = get_int(r), nlen = get_int(r);
        if (!r->ok || n < 0 || n > 10000000 || ntrans < 0 || ntrans > 10000000 || nchars < 0 ||
            nchars > 100000000 || nlen < 0 || nlen > nchars || nohyphenl < -1 || (nohyphenl < 0 && nlen)) {
                r->ok = false;
                return NULL;
        }
        /* Each state takes at least 18 bytes of the file, each transition
         * 5, each string byte 1: counts that the rest of the file cannot
         * hold are refused before anything is allocated for them. */
        size_t left = (size_t)(r->end - r->p);
        if ((size_t)n * 18 + (size_t)ntrans * 5 > left || (size_t)nchars > left) {
                r->ok = false;
                return NULL;
        }
        /* Every part is a multiple of the next one's alignment. */
        size_t size = sizeof(HyphenDict) + (size_t)n * sizeof(HyphenState) +
                      (size_t)ntrans * sizeof(HyphenTrans) + (size_t)nchars;
        char *block = big_block(size);
        memset(block, 0, sizeof(HyphenDict));
        HyphenDict *d = (HyphenDict *)(void *)block;
        d->states = (HyphenState *)(void *)(block + sizeof(HyphenDict));
        HyphenTrans *trans = (HyphenTrans *)(void *)(d->states + n);
        char *chars = (char *)(trans + ntrans), *limit = chars + nchars;

        memcpy(&d->lhmin, mins, sizeof mins);
        memcpy(d->cset, cset, sizeof cset);
        d->cset[MAX_NAME - 1] = '\0';
        d->utf8 = utf8;
        if (nohyphenl >= 0) {
                d->nohyphenl = nohyphenl;
                d->nohyphen = chars;
                get_bytes(r, chars, (size_t)nlen);
                if (nlen)
                        chars[nlen - 1] = '\0';
                chars += nlen;
        }
        int used = 0;
        for (int i = 0; i < n && r->ok; i++) {
                HyphenState *st = &d->states[i];
                st->match = get_str(r, &chars, limit);
                st->repl = get_str(r, &chars, limit);
                get_bytes(r, &st->replindex, 1);
                get_bytes(r, &st->replcut, 1);
                st->fallback_state = get_int(r);
                int t = get_int(r);
                if (t < 0 || t > ntrans - used || st->fallback_state < -1 || st->fallback_state >= n) {
                        r->ok = false;
                        break;
                }
                st->trans = t ? trans + used : NULL;
                st->num_trans = t;
                used += t;
                for (int k = 0; k < t; k++) {
                        get_bytes(r, &st->trans[k].ch, 1);
                        st->trans[k].new_state = get_int(r);
                        if (st->trans[k].new_state < 0 || st->trans[k].new_state >= n)
                                r->ok = false;
                }
        }
        d->num_states = n;
        if (r->ok && get_int(r) && depth < 4)
                d->nextlevel = get_dict(r, depth + 1);
        return d;
}

/* What a compiled file must have been compiled from: this plakat, this
 * machine's libhyphen structures and the pattern file's bytes.  NULL when
 * the pattern file cannot be read.  Caller frees. */
static char *identity_of(const char *patterns)
{
        gchar *data;
        gsize len;
        if (!g_file_get_contents(patterns, &data, &len, NULL))
                return NULL;
        char *sum = digest_hex_of(data, len);
        char *base = g_path_get_basename(patterns);
        const union { int i; char c; } one = { 1 };
        char *id = g_strdup_printf("plakat %s\nabi %zu %zu %zu %zu %s\npatterns %s %zu %s\n", PLAKAT_VERSION,
                                   sizeof(HyphenDict), sizeof(HyphenState), sizeof(HyphenTrans), sizeof(int),
                                   one.c ? "le" : "be", base, (size_t)len, sum);
        g_free(base);
        g_free(sum);
        g_free(data);
        return id;
}

/* The file's bytes for the patterns d compiled from what identity names. */
static GByteArray *compile_bytes(const HyphenDict *d, const char *identity)
{
        GByteArray *b = g_byte_array_new();
        put_bytes(b, CACHE_MAGIC, sizeof CACHE_MAGIC);
        unsigned char digest[DIGEST_LEN] = { 0 };
        put_bytes(b, digest, sizeof digest);
        put_int(b, str_size(identity));
        put_bytes(b, identity, (size_t)str_size(identity));
        put_dict(b, d);
        size_t head = sizeof CACHE_MAGIC + DIGEST_LEN;
        struct digest sum;
        digest_init(&sum);
        digest_update(&sum, b->data + head, b->len - head);
        digest_bytes(&sum, b->data + sizeof CACHE_MAGIC);
        return b;
}

/* Write atomically (g_file_set_contents: temporary file, then rename). */
static bool write_compiled(const char *path, const HyphenDict *d, const char *identity, GError **err)
{
        GByteArray *b = compile_bytes(d, identity);
        char *dir = g_path_get_dirname(path);
        bool ok = g_mkdir_with_parents(dir, 0700) == 0;
        if (!ok)
                g_set_error(err, G_FILE_ERROR, g_file_error_from_errno(errno), "cannot make the folder %s: %s",
                            dir, g_strerror(errno));
        else
                ok = g_file_set_contents(path, (const char *)b->data, (gssize)b->len, err);
        g_free(dir);
        g_byte_array_free(b, TRUE);
        return ok;
}

HyphenDict *hyphen_read_levels(const unsigned char *data, size_t len)
{
        struct reader r = { data, data + len, data != NULL };
        HyphenDict *d = get_dict(&r, 0);
        if (!r.ok || r.p != r.end) {
                cached_free(d);
                return NULL;
        }
        return d;
}

void hyphen_free_levels(HyphenDict *d)
{
        cached_free(d);
}

HyphenDict *hyphen_read_compiled(const unsigned char *data, size_t len, const char *identity)
{
        size_t head = sizeof CACHE_MAGIC + DIGEST_LEN;
        if (!data || !identity || len < head + 4 || memcmp(data, CACHE_MAGIC, sizeof CACHE_MAGIC) != 0)
                return NULL;
        unsigned char digest[DIGEST_LEN];
        struct digest sum;
        digest_init(&sum);
        digest_update(&sum, data + head, len - head);
        digest_bytes(&sum, digest);
        if (memcmp(digest, data + sizeof CACHE_MAGIC, sizeof digest) != 0)
                return NULL;
        int idlen;
        memcpy(&idlen, data + head, sizeof idlen);
        size_t want = strlen(identity) + 1;
        if (idlen < 0 || (size_t)idlen != want || len - head - 4 < want ||
            memcmp(data + head + 4, identity, want) != 0)
                return NULL;
        size_t body = head + 4 + want;
        return hyphen_read_levels(data + body, len - body);
}

/* The verified patterns in the compiled file at path, or NULL. */
static HyphenDict *read_compiled(const char *path, const char *identity)
{
        /* Mapped, not read: the pages come straight from the page cache. */
        GMappedFile *mf = g_mapped_file_new(path, FALSE, NULL);
        if (!mf)
                return NULL;
        HyphenDict *d = hyphen_read_compiled((const unsigned char *)g_mapped_file_get_contents(mf),
                                             g_mapped_file_get_length(mf), identity);
        g_mapped_file_unref(mf);
        if (!d)
                g_debug("%s: %s is not for these patterns or damaged; not used", __func__, path);
        return d;
}

bool hyphen_compile(const char *patterns, const char *out, char **err)
{
        const char *why = NULL;
        const struct lazy_hyphen *hnj = lazy_hyphen(&why);
        if (!hnj) {
                *err = g_strdup_printf("libhyphen: %s", why);
                return false;
        }
        char *id = identity_of(patterns);
        HyphenDict *d = id ? hnj->load(patterns) : NULL;
        GError *e = NULL;
        bool ok = d && write_compiled(out, d, id, &e);
        if (!ok)
                *err = e ? g_strdup(e->message) : g_strdup_printf("cannot read the patterns %s", patterns);
        g_clear_error(&e);
        if (d)
                hnj->free(d);
        g_free(id);
        return ok;
}

/* The user's cache folder, read at each load (tests change XDG_CACHE_HOME;
 * GLib's g_get_user_cache_dir reads it only once). */
static char *cache_file(const char *patterns, const char *identity)
{
        const char *xdg = g_getenv("XDG_CACHE_HOME");
        char *dir = xdg && g_path_is_absolute(xdg) ? g_strdup(xdg) : g_build_filename(g_get_home_dir(), ".cache", NULL);
        char *key = digest_hex_of(identity, strlen(identity));
        key[16] = '\0';
        char *base = g_path_get_basename(patterns);
        char *name = g_strdup_printf("%s-%s.bin", base, key);
        char *path = g_build_filename(dir, "plakat", name, NULL);
        g_free(name);
        g_free(base);
        g_free(key);
        g_free(dir);
        return path;
}

/* Where `make` and `make install` put compiled patterns: the data folder's
 * hyphen/ and the binary's own folder's (the build tree). */
static char **prebuilt_files(const char *patterns)
{
        char *base = g_path_get_basename(patterns);
        char *bin = g_strconcat(base, ".bin", NULL);
        GPtrArray *a = g_ptr_array_new();
        char *datadir = paths_datadir();
        g_ptr_array_add(a, g_build_filename(datadir, "hyphen", bin, NULL));
        char *exe = g_file_read_link("/proc/self/exe", NULL);
        if (exe) {
                char *dir = g_path_get_dirname(exe);
                g_ptr_array_add(a, g_build_filename(dir, "hyphen", bin, NULL));
                g_free(dir);
        }
        g_ptr_array_add(a, NULL);
        g_free(exe);
        g_free(datadir);
        g_free(bin);
        g_free(base);
        return (char **)g_ptr_array_free(a, FALSE);
}

/* The patterns at path, from a verified compiled file when there is one
 * (*from says which), else loaded by libhyphen, and the user's cache
 * written for next time. */
static HyphenDict *load_compiled(const char *path, enum hyphen_from *from)
{
        char *id = identity_of(path);
        HyphenDict *d = NULL;
        char **pre = id ? prebuilt_files(path) : NULL;
        for (size_t i = 0; pre && pre[i] && !d; i++)
                d = read_compiled(pre[i], id);
        g_strfreev(pre);
        *from = HYPHEN_FROM_PREBUILT;
        char *cpath = id && !d ? cache_file(path, id) : NULL;
        if (cpath) {
                d = read_compiled(cpath, id);
                *from = HYPHEN_FROM_CACHE;
        }
        const char *why = NULL;
        const struct lazy_hyphen *hnj = d ? NULL : lazy_hyphen(&why);
        if (hnj) {
                *from = HYPHEN_FROM_PATTERNS;
                d = hnj->load(path);
                if (d && cpath)
                        write_compiled(cpath, d, id, NULL);
        }
        g_free(cpath);
        g_free(id);
        return d;
}

/* The dictionary for lang, loaded on first use; NULL when there is none. */
static struct language *language_for(const char *lang)
{
        if (!lang)
                return NULL;
        for (size_t i = 0; i < G_N_ELEMENTS(languages); i++) {
                struct language *l = &languages[i];
                if (strcmp(l->code, lang) != 0)
                        continue;
                if (!l->tried) {
                        l->tried = true;
                        const char *dir = g_getenv("PLAKAT_HYPHEN_DIR");
                        char *path = g_build_filename(dir && *dir ? dir : "/usr/share/hyphen", l->file, NULL);
                        if (g_file_test(path, G_FILE_TEST_IS_REGULAR))
                                l->dict = load_compiled(path, &l->from);
                        if (!l->dict)
                                g_debug("%s: no hyphenation patterns for \"%s\" in %s", __func__, lang, path);
                        g_free(path);
                }
                return l->dict ? l : NULL;
        }
        return NULL;
}

static bool is_letter(gunichar c)
{
        return g_unichar_isalpha(c) || g_unichar_ismark(c);
}

/* Whether the chunk between spaces is something not to touch. */
static bool leave_alone(const char *s, size_t n)
{
        if (n > HYPHEN_MAX_CHUNK)
                return true;
        for (const char *p = s; p < s + n; p = g_utf8_next_char(p)) {
                gunichar c = g_utf8_get_char(p);
                if (c == '@' || c == 0xAD || g_unichar_isdigit(c))
                        return true;
                if (c == ':' && p + 3 <= s + n && p[1] == '/' && p[2] == '/')
                        return true;
        }
        return n >= 4 && g_ascii_strncasecmp(s, "www.", 4) == 0;
}

/* Suffixes that start no word of a compound: "Nachbar|schaft" is no
 * joint although "Nachbar" ends a first word ("Nachbarhilfe"). */
static const char *const suffixes[] = { "schaft", "heit", "keit", "ung", "lich", "isch", "tion", "tät",
                                        "ling", "tum", "nis", "ig", "er", "in", NULL };

/* Whether a break after byte at of the lower-case word low (UTF-8)
 * is a joint: the first part ends in one of ends, with or without
 * a linking "s", "es", "n", "en" or "e", and the rest starts no suffix. */
static bool is_joint(const char *low, size_t at, const char *const *ends)
{
        static const char *const links[] = { "", "s", "es", "n", "en", "e" };
        for (size_t i = 0; suffixes[i]; i++)
                if (g_str_has_prefix(low + at, suffixes[i]))
                        return false;
        for (size_t k = 0; k < G_N_ELEMENTS(links); k++) {
                size_t ln = strlen(links[k]);
                if (ln > at || memcmp(low + at - ln, links[k], ln) != 0)
                        continue;
                for (size_t i = 0; ends[i]; i++) {
                        size_t en = strlen(ends[i]);
                        /* The first word has at least three letters. */
                        if (en + ln <= at && memcmp(low + at - ln - en, ends[i], en) == 0 &&
                            g_utf8_strlen(low, (gssize)(at - ln)) >= 3)
                                return true;
                }
        }
        return false;
}

/* The hyphenation points of the lowered word low (n characters in the
 * dictionary's charset, character k starting at byte at[k], at[n] the
 * end): may[k] is set when the word may break after character k without
 * a change of letters.  libhyphen takes a word of any length (its
 * MAX_CHARS only bounds a pattern file's lines); plakat's own cap is
 * HYPHEN_MAX_LETTERS, above the longest compounds German bureaucracy
 * makes ("Grundstücksverkehrsgenehmigungszuständigkeitsübertragungs-
 * verordnung" breaks "genehmi-gungs", never "genehm-igungs").  Returns
 * false when libhyphen fails. */
static bool points(const struct language *l, const char *low, const size_t *at, size_t n, bool *may)
{
        int bytes = (int)at[n];
        char *hy = g_malloc0((size_t)bytes + 5);
        char **rep = NULL;
        int *pos = NULL, *cut = NULL;
        const char *why = NULL;
        const struct lazy_hyphen *hnj = lazy_hyphen(&why);
        bool ok = hnj && hnj->hyphenate3(l->dict, low, bytes, hy, NULL, &rep, &pos, &cut, l->lhmin, l->rhmin, 2,
                                         2) == 0;
        for (size_t k = 0; ok && k < n; k++)
                may[k] = (hy[k] & 1) && !(rep && rep[k]);
        if (rep) {
                for (int i = 0; i < bytes; i++)
                        free(rep[i]);
                free(rep);
        }
        free(pos);
        free(cut);
        g_free(hy);
        return ok;
}

/* Append the run of n letters at word (UTF-8) to out, with soft hyphens
 * where the patterns allow (only at joints when joints is set). */
static void hyphenate_run(GString *out, const char *word, size_t bytes, size_t n,
                          const struct language *l, bool joints)
{
        if (n < HYPHEN_MIN_LETTERS || n > HYPHEN_MAX_LETTERS) {
                g_string_append_len(out, word, (gssize)bytes);
                return;
        }
        /* Lower case, one character for one.  libhyphen counts characters,
         * also in UTF-8, so a point after character k is about character
         * k of the word; at[k] is where it starts in low. */
        GString *low = g_string_new(NULL);
        size_t *at = g_new(size_t, n + 1);
        bool ok = true;
        size_t k = 0;
        bool latin1 = g_ascii_strcasecmp(l->dict->cset, "ISO8859-1") == 0 ||
                      g_ascii_strcasecmp(l->dict->cset, "ISO-8859-1") == 0;
        for (const char *p = word; p < word + bytes && k < n; p = g_utf8_next_char(p), k++) {
                char u[6];
                gint len = g_unichar_to_utf8(g_unichar_tolower(g_utf8_get_char(p)), u);
                at[k] = low->len;
                if (l->dict->utf8) {
                        g_string_append_len(low, u, len);
                } else if (latin1 && g_utf8_get_char(u) <= 0xFF) {
                        g_string_append_c(low, (char)g_utf8_get_char(u));
                } else {
                        /* Single-byte charsets only: one char, one byte. */
                        gsize wrote = 0;
                        char *b = g_convert(u, len, l->dict->cset, "UTF-8", NULL, &wrote, NULL);
                        ok = b && wrote == 1;
                        if (ok)
                                g_string_append_len(low, b, 1);
                        g_free(b);
                        if (!ok)
                                break;
                }
        }
        at[n] = low->len;
        bool *may = g_new0(bool, n);
        ok = ok && points(l, low->str, at, n, may);
        /* The word in lower case, UTF-8, and where each letter ends in
         * it: for joints. */
        GString *lw = g_string_new(NULL);
        size_t *ends = g_new(size_t, n + 1);
        k = 0;
        for (const char *p = word; p < word + bytes && k < n; p = g_utf8_next_char(p), k++) {
                g_string_append_unichar(lw, g_unichar_tolower(g_utf8_get_char(p)));
                ends[k] = lw->len;
        }
        k = 0;
        for (const char *p = word; p < word + bytes; k++) {
                const char *next = g_utf8_next_char(p);
                g_string_append_len(out, p, next - p);
                /* Never before a combining mark: it belongs to the letter. */
                bool mark_next = next < word + bytes && g_unichar_ismark(g_utf8_get_char(next));
                bool joint = !joints || (l->joints && k + 1 < n && is_joint(lw->str, ends[k], l->joints));
                if (ok && k + 1 < n && !mark_next && may[k] && joint)
                        g_string_append(out, SHY);
                p = next;
        }
        g_free(ends);
        g_string_free(lw, TRUE);
        g_free(may);
        g_free(at);
        g_string_free(low, TRUE);
}

/* Append the chunk (no spaces) to out, hyphenating its runs of letters. */
static void hyphenate_chunk(GString *out, const char *s, size_t bytes, const struct language *l, bool joints)
{
        if (leave_alone(s, bytes)) {
                g_string_append_len(out, s, (gssize)bytes);
                return;
        }
        const char *end = s + bytes;
        const char *p = s;
        while (p < end) {
                const char *q = p;
                size_t n = 0;
                while (q < end && is_letter(g_utf8_get_char(q))) {
                        q = g_utf8_next_char(q);
                        n++;
                }
                if (n > 0) {
                        hyphenate_run(out, p, (size_t)(q - p), n, l, joints);
                        p = q;
                } else {
                        q = g_utf8_next_char(p);
                        g_string_append_len(out, p, q - p);
                        p = q;
                }
        }
}

static char *hyphenate(const char *text, const char *lang, bool joints)
{
        if (!text)
                return NULL;
        if (!g_utf8_validate(text, -1, NULL))
                return g_strdup(text);
        G_LOCK(languages);
        struct language *l = language_for(lang);
        if (!l) {
                G_UNLOCK(languages);
                return g_strdup(text);
        }
        GString *out = g_string_sized_new(strlen(text) + 16);
        const char *p = text;
        while (*p) {
                const char *q = p;
                while (*q && g_unichar_isspace(g_utf8_get_char(q)))
                        q = g_utf8_next_char(q);
                g_string_append_len(out, p, q - p);
                p = q;
                while (*q && !g_unichar_isspace(g_utf8_get_char(q)))
                        q = g_utf8_next_char(q);
                if (q > p)
                        hyphenate_chunk(out, p, (size_t)(q - p), l, joints);
                p = q;
        }
        G_UNLOCK(languages);
        return g_string_free(out, FALSE);
}

char *hyphen_text(const char *text, const char *lang)
{
        return hyphenate(text, lang, false);
}

char *hyphen_joints(const char *text, const char *lang)
{
        return hyphenate(text, lang, true);
}

void hyphen_cleanup(void)
{
        const char *why = NULL;
        G_LOCK(languages);
        for (size_t i = 0; i < G_N_ELEMENTS(languages); i++) {
                if (languages[i].dict && languages[i].from != HYPHEN_FROM_PATTERNS)
                        cached_free(languages[i].dict);
                else if (languages[i].dict)
                        lazy_hyphen(&why)->free(languages[i].dict); /* loaded by it */
                languages[i].dict = NULL;
                languages[i].tried = false;
                languages[i].from = HYPHEN_FROM_NONE;
        }
        G_UNLOCK(languages);
}

enum hyphen_from hyphen_loaded_from(const char *lang)
{
        G_LOCK(languages);
        struct language *l = language_for(lang);
        enum hyphen_from from = l ? l->from : HYPHEN_FROM_NONE;
        G_UNLOCK(languages);
        return from;
}
