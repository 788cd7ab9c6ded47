/* diag.h: messages about files, addressed to whoever wrote them.
 *
 * Every problem in a community or layout file is reported, then the file is
 * refused; warnings are printed but do not refuse.  Messages look like
 *
 *   urban-gardening.cfg:14: schedule.first: expected "YYYY-MM-DD HH:MM", found "12.01.2027"
 *   urban-gardening.cfg:9: warning: lead.emial: unknown setting; did you mean lead.email?
 *
 * A diag collects messages in memory so a caller can print them, count them
 * or (in tests) compare them; diag_print writes them to a stream. */
#ifndef PLAKAT_DIAG_H
#define PLAKAT_DIAG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum diag_level { DIAG_WARNING, DIAG_ERROR };

struct diag_msg {
        enum diag_level level;
        char *text; /* full line without newline, e.g. "f.cfg:3: name: ..." */
        size_t where; /* length of the "f.cfg:3: " part of text */
};

struct diag {
        struct diag_msg *msgs;
        size_t n, cap;
        size_t errors, warnings;
        size_t failures; /* of the errors, those of the machine (diag_fail) */
        FILE *echo; /* when non-NULL, each message is also printed here */
};

/* Initialise an empty diag; echo may be NULL.  Free with diag_clear. */
void diag_init(struct diag *d, FILE *echo);
void diag_clear(struct diag *d);

/* Report a problem.  file is shown as given (callers pass the path the user
 * typed); line <= 0 leaves the line out; setting may be NULL. */
void diag_error(struct diag *d, const char *file, int line, const char *setting,
                const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void diag_warn(struct diag *d, const char *file, int line, const char *setting,
               const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Report a failure of the machine, not of the file: a full disk, a
 * folder without permission, a failed device.  Counted as an error (the
 * community is not written) and in failures, so a caller can tell the user
 * their file was not at fault. */
void diag_fail(struct diag *d, const char *file, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void diag_vadd(struct diag *d, enum diag_level level, const char *file, int line,
               const char *setting, const char *fmt, va_list ap);

/* Copy every message of src to d as a warning ("f.cfg:3: warning: ...").
 * For problems that make plakat leave something out rather than stop. */
void diag_add_as_warnings(struct diag *d, const struct diag *src);

/* Write every collected message, one per line. */
void diag_print(const struct diag *d, FILE *out);

/* The closest of candidates[0..n) to word by edit distance, or NULL when
 * none is close enough to be a plausible typo.  Returns a pointer into
 * candidates. */
const char *diag_closest(const char *word, const char *const *candidates, size_t n);

/* libconfig's syntax error text in words for whoever wrote the file
 * ("syntax error" -> "look for a missing quote or bracket ..."). */
const char *diag_syntax_hint(const char *libconfig_text);

/* Quote a user value for a message: surrounded by double quotes, control
 * characters escaped, cut with "…" after max_chars characters.  Caller
 * frees with g_free. */
char *diag_quote(const char *value, size_t max_chars);

/* A file name or other text as a terminal may show it: control and
 * direction characters escaped like diag_quote does, no quotes, no cut.
 * Caller frees with g_free. */
char *diag_clean(const char *value);

#endif
