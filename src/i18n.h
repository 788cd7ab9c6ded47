/* i18n.h: messages in the user's language (GNU gettext, domain "plakat").
 *
 * Mark a message for translation where it is written:
 *   _("text")            translated now
 *   N_("text")           only marked (a table entry); translate with _(var)
 *   P_("context", "text")  translated within a context, for short words
 *                          that mean different things in different places
 *   ngettext(one, many, n)  plurals ("1 error", "2 errors")
 * The format argument of diag_error, diag_warn, diag_fail and
 * cli_usage_error is translated by those functions, and xgettext is told so
 * (the Makefile's XGETTEXT_KEYWORDS): call sites pass plain literals.
 *
 * Only what a person reads is translated: setting names, file contents
 * and everything written into outputs stay as they are. */
#ifndef PLAKAT_I18N_H
#define PLAKAT_I18N_H

#include <libintl.h>
#include <stddef.h>

#define _(s) gettext(s)
#define N_(s) (s)
/* gettext keeps a context as "context\004text" in the catalogue. */
#define P_(ctx, s) i18n_pgettext(ctx "\004" s, s)

const char *i18n_pgettext(const char *ctx_and_text, const char *text);

/* Once, first thing in main: the user's locale for messages and character
 * classes, the C locale for numbers (libconfig reads and printf writes
 * "1.5", never "1,5"), and the catalogue: the build tree's when run from
 * it, else the one installed beside the binary, else the compiled-in
 * PLAKAT_LOCALEDIR.  exe is the binary's absolute path or NULL. */
void i18n_init(void);

/* The catalogue folder i18n_init chooses for a binary at exe (tests). */
char *i18n_localedir_from(const char *exe);

/* The name of month m (1..12) in the messages' language: "February",
 * "Februar". */
const char *i18n_month_name(int m);

/* The name of weekday w (1 Monday .. 7 Sunday, as ISO 8601 counts) in the
 * messages' language: "Sunday", "Sonntag". */
const char *i18n_weekday_name(int w);

/* The user's opening and closing quotation marks for values in messages:
 * "…" in English, „…“ in German. */
const char *i18n_open_quote(void);
const char *i18n_close_quote(void);

/* The language the messages of this run are in, as a two-letter code:
 * "de" when the German catalogue speaks, "en" when none does.  It is the
 * catalogue's own answer, so it follows every way gettext chooses
 * (LANGUAGE, LC_ALL, LC_MESSAGES, LANG, a language without a catalogue). */
const char *i18n_language(void);

/* A text a data file gives in several languages: a layout's, format's or
 * theme's description = "..." (English, the form designers have always
 * written) and description_de = "..." (cfg_texts_read reads them).  Shown
 * only to people (listings), never written into outputs. */
struct i18n_text {
        char lang[3]; /* "de"; "" for the plain key */
        char *text;
};
struct i18n_texts {
        struct i18n_text *v; /* in the file's order */
        size_t n;
};

/* The text for a reader of language lang ("de"): its own, else the
 * English (key_en, else the plain key), else the first there is; "" when
 * there is none.  Owned by t. */
const char *i18n_texts_pick(const struct i18n_texts *t, const char *lang);
/* Free the texts; t is empty afterwards (NULL: nothing). */
void i18n_texts_clear(struct i18n_texts *t);

#endif
