/* schedule.h: when a community meets.  A rule (or an explicit list) turns
 * into concrete meetings counted from a given "today"; pure, no clock and no
 * locale.  Dates are GLib GDates in local (wall-clock) time: a meeting at
 * 18:30 stays at 18:30 across the switch to and from summer time. */
#ifndef PLAKAT_SCHEDULE_H
#define PLAKAT_SCHEDULE_H

#include <glib.h>
#include <stdbool.h>
#include <stddef.h>

struct lang;

enum schedule_repeat { REPEAT_ONCE, REPEAT_WEEKLY, REPEAT_MONTHLY };

enum schedule_monthly {
        MONTHLY_NTH_WEEKDAY,  /* e.g. 2nd Tuesday (default) */
        MONTHLY_LAST_WEEKDAY, /* e.g. last Friday */
        MONTHLY_DAY_OF_MONTH, /* e.g. the 15th */
};

/* A point in local time: a day and the minute of that day (0..1439). */
struct slot {
        GDate date;
        int minute;
};

struct schedule {
        /* Rule: has_rule is true when `first` was given. */
        bool has_rule;
        struct slot first;
        enum schedule_repeat repeat;
        int interval; /* >= 1 */
        enum schedule_monthly monthly;
        bool has_until;
        GDate until;
        GDate *skip; /* cancelled days, sorted (schedule_sort_skip); g_free'd by schedule_clear */
        size_t n_skip;

        /* Explicit list instead of a rule (has_rule false), sorted. */
        struct slot *dates;
        size_t n_dates;

        int duration; /* minutes; 0 when not given */
};

struct meeting {
        struct slot start;
        int duration; /* minutes; 0 when unknown */
        /* Position in the rule counted from `first`, cancelled meetings
         * included (or in the explicit list): venue = venues[index % n]. */
        size_t index;
};

/* Sort the cancelled days, as schedule_next expects; the loader calls it.
 * Code that fills skip by hand must call it too. */
void schedule_sort_skip(struct schedule *s);

/* Free what a schedule owns (skip, dates); the struct itself is the
 * caller's.  Safe on a zeroed struct. */
void schedule_clear(struct schedule *s);

/* Fill out[0..max) with the next meetings on or after today, skipping
 * cancelled days and stopping at `until`.  Returns how many were found
 * (0 when every meeting lies in the past). */
size_t schedule_next(const struct schedule *s, const GDate *today,
                     struct meeting *out, size_t max);

/* The cycle in words in the language l, e.g. "Jeden 2. Dienstag im Monat,
 * 18:30–20:00 Uhr" or "Every 6 weeks on Tuesday, 6:30–8 pm".  For an
 * explicit list or a single meeting, a short description of that.
 * Caller frees with g_free. */
char *schedule_describe(const struct schedule *s, const struct lang *l);

/* A list of meeting days in words, e.g. "12. Jan., 9. Feb., 9. März 2027"
 * (the year once, at the end, or at each change of year).  n may be 0
 * (returns ""). Caller frees with g_free. */
char *schedule_list(const struct meeting *m, size_t n, const struct lang *l);

/* Parse "YYYY-MM-DD HH:MM" or "YYYY-MM-DD" (with_time false) strictly,
 * checking the calendar (no 30 February, no 24:00).  Returns false on any
 * deviation. */
bool schedule_parse_slot(const char *s, struct slot *out);
bool schedule_parse_date(const char *s, GDate *out);

#endif
