/* lang.h: the words plakat adds itself, in the community's language.
 *
 * Each language is one data file, lang/<code>.cfg (libconfig), holding the
 * labels ("Wann?"), the call to action, weekday and month names, ordinal
 * forms, the order of date parts, 12- or 24-hour time and the sentence
 * templates that word a schedule.  Nothing here depends on the machine's
 * locale.  Adding a language means adding a file. */
#ifndef PLAKAT_LANG_H
#define PLAKAT_LANG_H

#include <glib.h>
#include <stdbool.h>
#include <stddef.h>

struct diag;

struct lang;

/* Load dir/<code>.cfg.  Problems are reported to d with file:line; returns
 * NULL when the file is missing or broken.  Free with lang_free. */
struct lang *lang_load(const char *dir, const char *code, struct diag *d);
void lang_free(struct lang *l);

/* The language codes shipped in dir (file names without .cfg), sorted,
 * NULL-terminated; free with g_strfreev. */
char **lang_list(const char *dir);

/* The code, e.g. "de". */
const char *lang_code(const struct lang *l);

/* A label by key ("when", "where", "contact", "next_meetings", "signup",
 * "lead", "agenda", "goal", "channels", "woop_wish", ...).  Unknown keys are
 * a programming error (assert); every shipped language has every key. */
const char *lang_label(const struct lang *l, const char *key);

/* What goes between a label and its value in running text: ":" after
 * "Unser Ziel", nothing after a label that ends in its own mark ("Wann?",
 * "Mach mit!", "Anmeldung:", "Mehr…"), which a lead may have written
 * themselves, also with a space after it. */
const char *lang_colon_after(const char *label);

/* Does the language have this label?  (For layout checks.) */
bool lang_has_label(const struct lang *l, const char *key);

/* Whether text in this language runs right to left. */
bool lang_rtl(const struct lang *l);

enum lang_date_style {
        LANG_DATE_SHORT,   /* "12. Jan."      / "12 Jan"        */
        LANG_DATE_LONG,    /* "12. Januar 2027" / "12 January 2027" */
        LANG_DATE_WEEKDAY, /* "Di., 12. Jan." / "Tue, 12 Jan"   */
        LANG_DATE_FULL,    /* "Dienstag, 12. Januar 2027" / "Tuesday, 12 January 2027" */
        LANG_DATE_LIST,    /* an item of a list of days: "12. Jan." / "12 Jan" */
        LANG_DATE_LIST_YEAR, /* the same with the year: "12. Jan. 2027" */
};

/* A day in words.  Caller frees with g_free. */
char *lang_date(const struct lang *l, const GDate *date, enum lang_date_style style);

/* A time of day (minute 0..1439): "18:30" or "6:30 pm".  Caller frees. */
char *lang_time(const struct lang *l, int minute);

/* A time span, with the language's suffix: "18:30–20:00 Uhr", "6:30–8 pm";
 * end < 0 gives the start alone ("18:30 Uhr").  Caller frees. */
char *lang_time_range(const struct lang *l, int start, int end);

/* Weekday (G_DATE_MONDAY..G_DATE_SUNDAY) and month (1..12) names. */
const char *lang_weekday(const struct lang *l, GDateWeekday wd);
const char *lang_month(const struct lang *l, int month);

/* A sentence template by key with {placeholders}, for schedule wording. */
const char *lang_template(const struct lang *l, const char *key);

/* An ordinal for n (1..31 and "last"): "2." / "2nd".  n = -1 is "last". */
const char *lang_ordinal(const struct lang *l, int n);

/* Additions (schedule wording and layouts). */

/* The language's own name, e.g. "Deutsch". */
const char *lang_name(const struct lang *l);

/* Short ("Di." / "Tue") and adverbial ("dienstags" / "Tuesdays") weekday
 * names, and short month names ("Jan." / "Jan"). */
const char *lang_weekday_short(const struct lang *l, GDateWeekday wd);
const char *lang_weekday_adverb(const struct lang *l, GDateWeekday wd);
const char *lang_month_short(const struct lang *l, int month);

/* What separates the items of a list of days: ", ". */
const char *lang_list_sep(const struct lang *l);

/* A day by a format of the language file's kind ("{d}. {mon} {year}": {d}
 * {dd} {m} {mm} {month} {mon} {year} {weekday} {wd}).  Caller frees. */
char *lang_date_fmt(const struct lang *l, const GDate *date, const char *fmt);

/* Replace each {name} in tmpl by its value from pairs, a NULL-terminated
 * list name, value, name, value, ....  Unknown {names} stay as they are.
 * Caller frees with g_free. */
char *lang_fill(const char *tmpl, const char *const *pairs);

#endif
