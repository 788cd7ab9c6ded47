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
 * a soft hyphen cannot say them. */
#include "hyphen.h"

#include <hyphen.h> /* libhyphen's; ours is "hyphen.h" in this folder */

#include <glib.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define HYPHEN_MIN_LETTERS 7
#define HYPHEN_MAX_LETTERS 100  /* a longer "word" is not a word */
#define HYPHEN_MAX_CHUNK   2000 /* bytes between spaces worth looking at */
#define SHY "\xC2\xAD"          /* U+00AD in UTF-8 */

struct language {
        const char *code;
        const char *file;
        int lhmin, rhmin; /* letters kept together at each end of a word */
        bool tried;
        HyphenDict *dict;
};

static struct language languages[] = {
        { "de", "hyph_de_DE.dic", 2, 2, false, NULL },
        { "en", "hyph_en_US.dic", 2, 3, false, NULL },
};

G_LOCK_DEFINE_STATIC(languages);

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
                                l->dict = hnj_hyphen_load(path);
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

/* Append the run of n letters at word (UTF-8) to out, with soft hyphens
 * where the patterns allow. */
static void hyphenate_run(GString *out, const char *word, size_t bytes, size_t n,
                          const struct language *l)
{
        if (n < HYPHEN_MIN_LETTERS || n > HYPHEN_MAX_LETTERS) {
                g_string_append_len(out, word, (gssize)bytes);
                return;
        }
        /* Lower case, one character for one.  libhyphen counts characters,
         * also in UTF-8, so hyphens[k] is about character k of the word. */
        GString *low = g_string_new(NULL);
        bool ok = true;
        size_t k = 0;
        bool latin1 = g_ascii_strcasecmp(l->dict->cset, "ISO8859-1") == 0 ||
                      g_ascii_strcasecmp(l->dict->cset, "ISO-8859-1") == 0;
        for (const char *p = word; p < word + bytes; p = g_utf8_next_char(p), k++) {
                char u[6];
                gint len = g_unichar_to_utf8(g_unichar_tolower(g_utf8_get_char(p)), u);
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
        char *hyphens = NULL, **rep = NULL;
        int *pos = NULL, *cut = NULL;
        if (ok) {
                hyphens = g_malloc0(low->len + 5);
                ok = hnj_hyphen_hyphenate3(l->dict, low->str, (int)low->len, hyphens, NULL, &rep, &pos,
                                           &cut, l->lhmin, l->rhmin, 2, 2) == 0;
        }
        k = 0;
        for (const char *p = word; p < word + bytes; k++) {
                const char *next = g_utf8_next_char(p);
                g_string_append_len(out, p, next - p);
                /* Never before a combining mark: it belongs to the letter. */
                bool mark_next = next < word + bytes && g_unichar_ismark(g_utf8_get_char(next));
                if (ok && k + 1 < n && !mark_next && (hyphens[k] & 1) && !(rep && rep[k]))
                        g_string_append(out, SHY);
                p = next;
        }
        if (rep) {
                for (size_t i = 0; i < low->len; i++)
                        free(rep[i]);
                free(rep);
        }
        free(pos);
        free(cut);
        g_free(hyphens);
        g_string_free(low, TRUE);
}

/* Append the chunk (no spaces) to out, hyphenating its runs of letters. */
static void hyphenate_chunk(GString *out, const char *s, size_t bytes, const struct language *l)
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
                        hyphenate_run(out, p, (size_t)(q - p), n, l);
                        p = q;
                } else {
                        q = g_utf8_next_char(p);
                        g_string_append_len(out, p, q - p);
                        p = q;
                }
        }
}

char *hyphen_text(const char *text, const char *lang)
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
                        hyphenate_chunk(out, p, (size_t)(q - p), l);
                p = q;
        }
        G_UNLOCK(languages);
        return g_string_free(out, FALSE);
}

void hyphen_cleanup(void)
{
        G_LOCK(languages);
        for (size_t i = 0; i < G_N_ELEMENTS(languages); i++) {
                if (languages[i].dict)
                        hnj_hyphen_free(languages[i].dict);
                languages[i].dict = NULL;
                languages[i].tried = false;
        }
        G_UNLOCK(languages);
}
