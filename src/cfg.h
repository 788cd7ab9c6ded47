/* cfg.h: reading plakat's libconfig files, one careful way for all of
 * them (community files, layouts, languages, formats, themes).
 *
 * Before libconfig sees a byte: the size is checked (libconfig takes
 * seconds on multi-megabyte strings), a UTF-8 byte-order mark is dropped
 * and CRLF becomes LF (Windows editors), other encodings are refused with
 * the line of the first bad byte, @include is refused (it would read other
 * files), and the number of settings is capped (libconfig's parser slows
 * down quadratically).  Syntax errors come in plain words.
 *
 * Then the walker: the pieces every loader needs once the file is parsed,
 * so that a setting's line, its path in messages, the type it was found
 * to be, numbers written as 12 or 12.0, and the warning for an unknown
 * key with its did-you-mean read the same in every kind of file:
 *
 *   formats/formats.cfg:21: formats[story].saftey_top: expected a number, found a string
 *   formats/formats.cfg:21: warning: formats[story].saftey_top: unknown setting; did you mean safe_top?
 *
 * A setting's path names groups by key and list elements by their "name"
 * (else "family", else their position counted from 1), the way a
 * designer finds them in the file: "pages[portrait].elements[qr].size". */
#ifndef PLAKAT_CFG_H
#define PLAKAT_CFG_H

#include <libconfig.h>
#include <stdbool.h>
#include <stddef.h>

struct diag;
struct i18n_texts;

struct cfg_limits {
        size_t max_bytes;
        size_t max_settings;
        const char *what; /* for messages: "a community file" */
};

/* Parse text[0..len) into cfg (initialised by the caller, destroyed by
 * the caller in every case).  Problems go to d at file:line; returns false
 * after reporting. */
bool cfg_parse(config_t *cfg, const char *text, size_t len, const char *file,
               const struct cfg_limits *lim, struct diag *d);

/* Read the regular file path (no FIFOs, at most lim->max_bytes) and parse
 * it as cfg_parse does. */
bool cfg_load(config_t *cfg, const char *path, const struct cfg_limits *lim, struct diag *d);

/* A loader's reading of a parsed file into out; false after reporting. */
typedef bool cfg_reader(const config_t *cfg, const char *file, void *out, struct diag *d);

/* Parse the file at path (cfg_load) or text[0..len) named name
 * (cfg_parse) and hand it to read, destroying the parse afterwards: the
 * frame every data-file loader shares.  Returns false when either fails. */
bool cfg_read_file(const char *path, const struct cfg_limits *lim, cfg_reader *read, void *out,
                   struct diag *d);
bool cfg_read_string(const char *text, size_t len, const char *name, const struct cfg_limits *lim,
                     cfg_reader *read, void *out, struct diag *d);

/* ---- walking a parsed file ---------------------------------------------- */

/* Where messages go: the file as the user named it, and the diagnostics. */
struct cfg_walk {
        const char *file;
        struct diag *d;
};

/* The member key of group g, or NULL (g not a group, or no such key):
 * config_setting_get_member, which compares names with two strchr calls a
 * character (about 570 instructions a lookup, 9 M of loading the three
 * designs); a key holding a path token (":./") is left to libconfig,
 * which reads it as a path. */
const config_setting_t *cfg_member(const config_setting_t *g, const char *key);

/* The string at path under g (config_setting_lookup_string: "x.y" is y
 * inside x), or NULL (g NULL, nothing there, not a string); a plain key
 * through cfg_member. */
const char *cfg_lookup_string(const config_setting_t *g, const char *path);

/* The line s was written on; 0 for NULL (diag then leaves it out). */
int cfg_line(const config_setting_t *s);

/* The path of s as messages show it, "formats[story].safe_top" (see
 * above); "" for the root.  Caller frees with g_free. */
char *cfg_path(const config_setting_t *s);

/* What kind of value s is, for "expected …, found <type>": "a group",
 * "an integer", "a number" (12.0), "a string", "true or false",
 * "an array", "a list"; "nothing" for NULL.  Static storage. */
const char *cfg_type_name(const config_setting_t *s);

/* What the user wrote, for "expected …, found <value>": a string quoted
 * (diag_quote, cut after 60 characters), a number or bool as written,
 * "a group { … }", "a list [ … ]", "a list ( … )", "nothing" for NULL.
 * Caller frees with g_free. */
char *cfg_found(const config_setting_t *s);

/* True when s is a number, whether written as 12 or 12.0 (libconfig
 * tells them apart; whoever writes the file should not have to). */
bool cfg_is_number(const config_setting_t *s);
/* The value of a number s (cfg_is_number(s) must hold). */
double cfg_number_of(const config_setting_t *s);

/* Report a problem with s: at its line, named by its path (both left out
 * when s is NULL). */
void cfg_error(const struct cfg_walk *w, const config_setting_t *s, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));
void cfg_warn(const struct cfg_walk *w, const config_setting_t *s, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));

/* The member key of group g, or NULL after reporting, at g's line,
 *   <path of g>.<key>: missing; this setting is required */
const config_setting_t *cfg_require(const struct cfg_walk *w, const config_setting_t *g,
                                    const char *key);

/* Optional members of group g.  Each returns quietly when key is absent
 * and leaves *out as it was; a value of the wrong kind is an error at its
 * line, e.g.
 *   <path>: expected a number, found a string
 *   <path>: expected a number from 1 to 20000, found 0
 *   <path>: expected a string, found an integer
 *   <path>: expected true or false, found a string
 *   <path>: expected one of "print", "screen", found "prnt"
 * cfg_number takes 12 and 12.0 alike and stores v only when lo <= v <= hi;
 * true when it stored.  cfg_string returns libconfig's string (valid until
 * config_destroy; copy it) or NULL when absent or wrong.  cfg_bool: true
 * when it stored.  cfg_word: the index of the value in the NULL-terminated
 * words, or def when absent or not one of them. */
bool cfg_number(const struct cfg_walk *w, const config_setting_t *g, const char *key, double lo,
                double hi, double *out);
const char *cfg_string(const struct cfg_walk *w, const config_setting_t *g, const char *key);
bool cfg_bool(const struct cfg_walk *w, const config_setting_t *g, const char *key, bool *out);
int cfg_word(const struct cfg_walk *w, const config_setting_t *g, const char *key,
             const char *const *words, int def);

/* The same for a setting already found (NULL: absent), for loaders that
 * look keys up their own way (layout.c: a format's override, then the
 * element, then its style). */
bool cfg_number_at(const struct cfg_walk *w, const config_setting_t *s, double lo, double hi, double *out);
const char *cfg_string_at(const struct cfg_walk *w, const config_setting_t *s);
bool cfg_bool_at(const struct cfg_walk *w, const config_setting_t *s, bool *out);
int cfg_word_at(const struct cfg_walk *w, const config_setting_t *s, const char *const *words, int def);

/* The warning for an unknown setting at line, named path:
 *   <path>: unknown setting; did you mean <suggestion>?
 *   <path>: unknown setting                      (suggestion NULL) */
void cfg_unknown(const struct cfg_walk *w, int line, const char *path, const char *suggestion);

/* Warn (cfg_unknown) about every member of group g whose name is not
 * among keys[0..n), suggesting the closest key (diag_closest) when one is
 * near.  Returns how many were unknown.  Never an error: a misspelt key is
 * most often a harmless leftover, and refusing a file for it would be
 * harsher than the mistake. */
size_t cfg_keys(const struct cfg_walk *w, const config_setting_t *g, const char *const *keys,
                size_t n);

/* A key in keys written "stem_xx" (literally: "description_xx") stands
 * for stem_ and any two-letter language code in lower case: it lets a file
 * give description_de, description_fr, ... beside description.  A misspelt one
 * still warns, its did-you-mean keeping the language:
 *   themes[stadt].descripton_de: unknown setting; did you mean description_de? */
#define CFG_ANY_LANGUAGE "_xx"

/* Copy key (lang "") and every key_xx of group g that is a string into
 * out, in the file's order (empty when there is none); a value of another
 * kind is an error at its line.  Free with i18n_texts_clear. */
void cfg_texts_read(const struct cfg_walk *w, const config_setting_t *g, const char *key,
                    struct i18n_texts *out);

#endif
