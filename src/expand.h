/* expand.h: layout text templates -> text.
 *
 *   "{name}"                    the community's name
 *   "{label.when}"              a word of the community's language
 *   "{hashtags|topic}"          the first of these that is not empty
 *   "{label.goal}: {goal}"      empty when every placeholder that is no
 *                               label is empty (labels alone are no content)
 *   "[Raum {venue.room}]"       a bracketed part vanishes when any
 *                               placeholder inside it is empty
 *   "\{", "\[", "\]", "\\"      literal characters
 *
 * Values are inserted literally (never interpreted as markup). */
#ifndef PLAKAT_EXPAND_H
#define PLAKAT_EXPAND_H

#include <glib.h>
#include <stdbool.h>

struct diag;

/* Limits that keep a template from costing minutes (docs/layouts.md): a
 * text has at most EXPAND_PLACEHOLDERS_MAX placeholders (expand_check
 * refuses more), and expanded text is cut after EXPAND_MAX_BYTES bytes
 * (a poster never shows that much; four thousand copies of the agenda
 * would take Pango minutes to lay out). */
#define EXPAND_PLACEHOLDERS_MAX 32
#define EXPAND_MAX_BYTES 8192

/* Check a template's syntax and that every placeholder is one of names
 * (NULL-terminated); problems go to d as "file:line: setting: ...", with a
 * did-you-mean for unknown placeholders.  Returns false on any error. */
bool expand_check(const char *tmpl, const char *const *names, struct diag *d,
                  const char *file, int line, const char *setting);

/* Add every placeholder name tmpl uses (each alternative of {a|b}) to the
 * set names (keys owned by the set: g_str_hash, g_free). */
void expand_names(const char *tmpl, GHashTable *names);

/* Expand tmpl with values from vars (placeholder -> string; a missing key
 * or "" counts as empty).  Returns a new string, "" when everything was
 * empty; caller frees with g_free.  A result longer than EXPAND_MAX_BYTES
 * is cut there (at a character boundary, ending in "…"), and *cut (when
 * not NULL) says whether it was. */
char *expand(const char *tmpl, GHashTable *vars, bool *cut);

#endif
