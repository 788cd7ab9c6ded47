/* starter.h: `plakat new`: a commented community file to fill in. */
#ifndef PLAKAT_STARTER_H
#define PLAKAT_STARTER_H

#include <stdbool.h>

struct diag;

/* The starter languages, NULL-terminated: "de", "en". */
extern const char *const starter_languages[];

/* The language `plakat new` writes in when --language is not given: "de"
 * when the messages locale is German, else "en". */
const char *starter_default_language(void);

/* The starter file's text in lang ("de" or "en"): every setting of the
 * community table with its one-line doc (translated), the required ones
 * set to placeholders «…» that community_load refuses until replaced, the
 * optional ones commented out with an example.  Caller frees with g_free. */
char *starter_text(const char *lang);

/* Write starter_text(lang) to path, atomically (output.h).  Refuses (false,
 * an error in d) when path exists: a starter never replaces a file. */
bool starter_write(const char *path, const char *lang, struct diag *d);

#endif
