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
 * empty; caller frees with g_free. */
char *expand(const char *tmpl, GHashTable *vars);

#endif
