/* hyphen.h: where long words may break, as soft hyphens for Pango.
 *
 * Uses libhyphen with Debian's patterns (hyphen-de, hyphen-en-us), loaded
 * once per language per process. */
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

/* Free the loaded patterns (at exit, for leak checkers). */
void hyphen_cleanup(void);

#endif
