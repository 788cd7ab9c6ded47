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

/* The user's opening and closing quotation marks for values in messages:
 * "…" in English, „…“ in German. */
const char *i18n_open_quote(void);
const char *i18n_close_quote(void);

#endif
