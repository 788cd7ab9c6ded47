/* hyphen.h: where long words may break, as soft hyphens for Pango.
 *
 * Uses libhyphen with Debian's patterns (hyphen-de, hyphen-en-us), loaded
 * once per language per process, from compiled patterns that are checked
 * byte for byte before use (hyphen.c explains where they come from). */
#ifndef PLAKAT_HYPHEN_H
#define PLAKAT_HYPHEN_H

/* text with U+00AD inserted at the hyphenation points of words in language
 * lang ("de", "en"); text unchanged for a language without patterns.
 * Caller frees with g_free. */
char *hyphen_text(const char *text, const char *lang);

/* The same with soft hyphens only at the joints of compounds
 * ("Nachbarschafts\u00ADhilfe"), for a language that knows them (German);
 * text unchanged otherwise.  Caller frees with g_free. */
char *hyphen_joints(const char *text, const char *lang);

/* Free the loaded patterns (at exit, for leak checkers); the next
 * hyphen_text loads them again. */
void hyphen_cleanup(void);

#include <stdbool.h>
#include <stddef.h>

/* Where the patterns of a language came from. */
enum hyphen_from {
        HYPHEN_FROM_NONE,     /* no patterns for the language */
        HYPHEN_FROM_PREBUILT, /* compiled at build time, in the data folder or build tree */
        HYPHEN_FROM_CACHE,    /* compiled into the user's cache folder by an earlier run */
        HYPHEN_FROM_PATTERNS, /* libhyphen's slow load of the pattern file */
};

/* Load lang's patterns as hyphen_text would and say from where (tests). */
enum hyphen_from hyphen_loaded_from(const char *lang);

/* Compile the pattern file patterns into out (the build's step; written
 * atomically).  Returns false with *err (caller frees) saying why. */
bool hyphen_compile(const char *patterns, const char *out, char **err);

/* Readers of compiled patterns, for the fuzzer.  hyphen_read_compiled
 * checks the whole file (magic, SHA-256, identity) and returns NULL on any
 * mismatch; hyphen_read_levels reads the part after the header with no
 * checksum and only checks that every count and index is in range.  Free
 * what either returns with hyphen_free_levels. */
struct _HyphenDict;
struct _HyphenDict *hyphen_read_compiled(const unsigned char *data, size_t len, const char *identity);
struct _HyphenDict *hyphen_read_levels(const unsigned char *data, size_t len);
void hyphen_free_levels(struct _HyphenDict *d);

#endif
