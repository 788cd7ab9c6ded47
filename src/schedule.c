/* schedule.c: schedule rule -> meeting dates, and the cycle in words. */
#include "schedule.h"

#include "lang.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void schedule_clear(struct schedule *s)
{
        g_free(s->skip);
        g_free(s->dates);
        s->skip = NULL;
        s->dates = NULL;
        s->n_skip = s->n_dates = 0;
}

/* Exactly N digits at p, as a number; -1 otherwise. */
static int digits(const char *p, int n)
{
        int v = 0;
        for (int i = 0; i < n; i++) {
                if (p[i] < '0' || p[i] > '9')
                        return -1;
                v = v * 10 + (p[i] - '0');
        }
        return v;
}

bool schedule_parse_date(const char *s, GDate *out)
{
        if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
                return false;
        int y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
        if (y < 1 || m < 1 || d < 1 || !g_date_valid_dmy((GDateDay)d, (GDateMonth)m, (GDateYear)y))
                return false;
        g_date_clear(out, 1);
        g_date_set_dmy(out, (GDateDay)d, (GDateMonth)m, (GDateYear)y);
        return true;
}

bool schedule_parse_slot(const char *s, struct slot *out)
{
        if (strlen(s) != 16 || s[10] != ' ' || s[13] != ':')
                return false;
        char day[11];
        memcpy(day, s, 10);
        day[10] = '\0';
        int h = digits(s + 11, 2), min = digits(s + 14, 2);
        if (h < 0 || h > 23 || min < 0 || min > 59)
                return false;
        if (!schedule_parse_date(day, &out->date))
                return false;
        out->minute = h * 60 + min;
        return true;
}

/* ---- rule -> dates --------------------------------------------------------
 *
 * A rule is a sequence of periods k = 0, 1, 2, ...: week k*interval or month
 * k*interval after `first`.  Each period holds at most one meeting.  We never
 * walk from `first` to today: the period that contains today is computed
 * (days / (7 * interval), months / interval), and the walk starts there.
 *
 * The index of a meeting (for alternating venues) counts the meetings of the
 * rule from `first`, cancelled ones (skip) included: a cancelled meeting
 * still "uses up" its venue, so the group meets where the printed rota says.
 * It equals k for every rule except the 5th weekday (below), where months
 * without a meeting are not counted.
 *
 * Choices for days that a month lacks:
 *  - nth weekday, n = 5 ("5th Tuesday"): months without a 5th Tuesday have
 *    no meeting.  Falling back to the 4th would make it the last Tuesday in
 *    some months and not in others, which no sentence on a poster can say;
 *    "last-weekday" exists for whoever means the last one.
 *  - day of month 29..31: clamped to the month's last day (31 January, 28
 *    or 29 February, 31 March), as g_date_add_months does.  Someone who
 *    meets "on the 31st" means the end of the month, and a group that
 *    silently drops February, April, June, September and November surprises
 *    its members.  The day is always taken from `first`, so March is the
 *    31st again, not the 28th carried over from February.
 *  - last weekday and nth weekday for n <= 4 exist in every month.
 *
 * Times are wall-clock: every meeting starts at first.minute on its day.
 * No time zone is involved, so the switch to or from summer time never
 * moves an 18:30 meeting.
 *
 * A rule whose `first` is not on its own pattern (last-weekday with a
 * `first` that is not the month's last such weekday) starts with the
 * pattern's day in the month of `first`, which is never before `first`. */

/* The Gregorian calendar repeats after 400 years: 4800 months, 146097 days,
 * which is exactly 20871 weeks, so weekdays repeat too. */
#define CYCLE_MONTHS 4800u

/* No meeting lies beyond this year: GDate stops at 65535, and no poster
 * needs more.  It bounds every walk below. */
#define MAX_YEAR 9999u

enum occ { OCC_MEETING, OCC_NONE, OCC_END };

static int interval_of(const struct schedule *s)
{
        return s->interval >= 1 ? s->interval : 1;
}

/* Months since year 0 of the first day of d's month. */
static guint64 abs_month(const GDate *d)
{
        return (guint64)g_date_get_year(d) * 12 + (guint64)g_date_get_month(d) - 1;
}

/* Day of the month of the n-th (n = -1: last) weekday wd in month abs (as
 * abs_month), or 0 when the month has no such day. */
static int weekday_in_month(guint64 abs, GDateWeekday wd, int n)
{
        GDateYear y = (GDateYear)(abs / 12);
        GDateMonth m = (GDateMonth)(abs % 12 + 1);
        int dim = g_date_get_days_in_month(m, y);
        GDate d;
        g_date_clear(&d, 1);
        if (n == -1) {
                g_date_set_dmy(&d, (GDateDay)dim, m, y);
                return dim - ((int)g_date_get_weekday(&d) - (int)wd + 7) % 7;
        }
        g_date_set_dmy(&d, 1, m, y);
        int day = 1 + ((int)wd - (int)g_date_get_weekday(&d) + 7) % 7 + 7 * (n - 1);
        return day <= dim ? day : 0;
}

/* Which week of the month d lies in: 1..5. */
static int week_of_month(const GDate *d)
{
        return (g_date_get_day(d) - 1) / 7 + 1;
}

static bool fifth_weekday_rule(const struct schedule *s)
{
        return s->repeat == REPEAT_MONTHLY && s->monthly == MONTHLY_NTH_WEEKDAY &&
               week_of_month(&s->first.date) == 5;
}

/* The meeting of period k, in *out. */
static enum occ rule_date(const struct schedule *s, guint64 k, GDate *out)
{
        const GDate *first = &s->first.date;
        guint64 iv = (guint64)interval_of(s);
        *out = *first;
        switch (s->repeat) {
        case REPEAT_ONCE:
                return k == 0 ? OCC_MEETING : OCC_END;
        case REPEAT_WEEKLY: {
                GDate last;
                g_date_clear(&last, 1);
                g_date_set_dmy(&last, 31, G_DATE_DECEMBER, MAX_YEAR);
                guint64 days = k * 7 * iv;
                if (g_date_compare(first, &last) > 0 ||
                    days > (guint64)g_date_days_between(first, &last))
                        return OCC_END;
                g_date_add_days(out, (guint)days);
                return OCC_MEETING;
        }
        case REPEAT_MONTHLY:
                break;
        }
        guint64 months = k * iv;
        guint64 abs = abs_month(first) + months;
        if (abs / 12 > MAX_YEAR)
                return OCC_END;
        int day;
        switch (s->monthly) {
        case MONTHLY_DAY_OF_MONTH:
                /* Clamps the 29th..31st to the month's end (see above). */
                g_date_add_months(out, (guint)months);
                return OCC_MEETING;
        case MONTHLY_LAST_WEEKDAY:
                day = weekday_in_month(abs, g_date_get_weekday(first), -1);
                break;
        case MONTHLY_NTH_WEEKDAY:
        default:
                day = weekday_in_month(abs, g_date_get_weekday(first), week_of_month(first));
                break;
        }
        if (day == 0)
                return OCC_NONE;
        g_date_set_dmy(out, (GDateDay)day, (GDateMonth)(abs % 12 + 1), (GDateYear)(abs / 12));
        return OCC_MEETING;
}

static guint64 gcd(guint64 a, guint64 b)
{
        while (b) {
                guint64 t = a % b;
                a = b;
                b = t;
        }
        return a;
}

/* How many of periods [0, k) of a 5th-weekday rule have a meeting.  Which
 * months have a 5th Tuesday repeats every CYCLE_MONTHS, so the periods
 * repeat every c = lcm(interval, 4800) / interval; at most c periods are
 * looked at, whatever k is.  Months are moved back by whole 400-year cycles
 * so the check stays inside GDate's range. */
static guint64 count_fifth(const struct schedule *s, guint64 k)
{
        guint64 iv = (guint64)interval_of(s);
        guint64 c = CYCLE_MONTHS / gcd(iv, CYCLE_MONTHS);
        guint64 m0 = abs_month(&s->first.date);
        GDateWeekday wd = g_date_get_weekday(&s->first.date);
        guint64 base = 2000 * 12; /* any year that is a multiple of 400 */
        guint64 per_cycle = 0, rest = 0;
        /* Before the first full cycle, only k periods are needed. */
        guint64 upto = k < c ? k : c;
        for (guint64 j = 0; j < upto; j++) {
                guint64 m = base + (m0 + j * iv) % CYCLE_MONTHS;
                if (weekday_in_month(m, wd, 5)) {
                        per_cycle++;
                        if (j < k % c)
                                rest++;
                }
        }
        return k / c * per_cycle + rest;
}

/* The first period whose meeting may fall on or after today. */
static guint64 start_period(const struct schedule *s, const GDate *today)
{
        const GDate *first = &s->first.date;
        if (g_date_compare(today, first) <= 0)
                return 0;
        guint64 iv = (guint64)interval_of(s);
        switch (s->repeat) {
        case REPEAT_WEEKLY: {
                guint64 days = (guint64)g_date_days_between(first, today);
                return (days + 7 * iv - 1) / (7 * iv);
        }
        case REPEAT_MONTHLY:
                /* The period of today's month, or the one before: its
                 * meeting may still lie before today; the walk steps on. */
                return (abs_month(today) - abs_month(first)) / iv;
        case REPEAT_ONCE:
        default:
                return 0;
        }
}

static int compare_dates(const void *a, const void *b)
{
        return g_date_compare(a, b);
}

/* skip is sorted (schedule_sort_skip): a file may list thousands of
 * holidays, and every candidate meeting asks. */
static bool is_skipped(const struct schedule *s, const GDate *d)
{
        return s->n_skip && bsearch(d, s->skip, s->n_skip, sizeof *s->skip, compare_dates) != NULL;
}

void schedule_sort_skip(struct schedule *s)
{
        if (s->n_skip > 1)
                qsort(s->skip, s->n_skip, sizeof *s->skip, compare_dates);
}

static bool after_until(const struct schedule *s, const GDate *d)
{
        return s->has_until && g_date_compare(d, &s->until) > 0;
}

static size_t next_of_rule(const struct schedule *s, const GDate *today,
                           struct meeting *out, size_t max)
{
        guint64 k = start_period(s, today);
        bool fifth = fifth_weekday_rule(s);
        guint64 index = fifth ? count_fifth(s, k) : k;
        /* Each 4800 periods hold at least one meeting (the one of `first`
         * recurs), and each skip can waste one; past this, something is
         * wrong and we stop rather than spin. */
        guint64 wanted = MIN((guint64)max, G_MAXUINT32) + MIN((guint64)s->n_skip, G_MAXUINT32);
        guint64 bound = (wanted + 2) * (fifth ? CYCLE_MONTHS : 1);
        size_t n = 0;
        for (guint64 step = 0; n < max && step < bound; step++, k++) {
                GDate d;
                enum occ r = rule_date(s, k, &d);
                if (r == OCC_END)
                        break;
                if (r == OCC_NONE)
                        continue;
                if (after_until(s, &d))
                        break;
                if (g_date_compare(&d, today) >= 0 && !is_skipped(s, &d)) {
                        out[n].start.date = d;
                        out[n].start.minute = s->first.minute;
                        out[n].duration = s->duration;
                        out[n].index = (size_t)index;
                        n++;
                }
                index++;
        }
        return n;
}

static int compare_slots(const void *pa, const void *pb)
{
        const struct slot *a = pa, *b = pb;
        int c = g_date_compare(&a->date, &b->date);
        return c ? c : (a->minute > b->minute) - (a->minute < b->minute);
}

/* The explicit dates in order, whether or not the caller sorted them.
 * Caller frees. */
static struct slot *sorted_dates(const struct schedule *s)
{
        struct slot *v = g_new(struct slot, s->n_dates ? s->n_dates : 1);
        if (s->n_dates)
                memcpy(v, s->dates, s->n_dates * sizeof *v);
        qsort(v, s->n_dates, sizeof *v, compare_slots);
        return v;
}

static size_t next_of_list(const struct schedule *s, const GDate *today,
                           struct meeting *out, size_t max)
{
        struct slot *v = sorted_dates(s);
        size_t n = 0;
        for (size_t i = 0; i < s->n_dates && n < max; i++) {
                if (after_until(s, &v[i].date))
                        break;
                if (g_date_compare(&v[i].date, today) < 0 || is_skipped(s, &v[i].date))
                        continue;
                out[n].start = v[i];
                out[n].duration = s->duration;
                out[n].index = i;
                n++;
        }
        g_free(v);
        return n;
}

size_t schedule_next(const struct schedule *s, const GDate *today,
                     struct meeting *out, size_t max)
{
        if (max == 0)
                return 0;
        return s->has_rule ? next_of_rule(s, today, out, max)
                           : next_of_list(s, today, out, max);
}

/* ---- the cycle in words ---------------------------------------------------
 *
 * Every word comes from the language file; here we only choose the template
 * for the kind of rule and fill all placeholders it may use (see lang.c). */

/* The start, or the span when the duration is known: "18:30–20:00 Uhr". */
static char *time_words(const struct lang *l, int minute, int duration)
{
        return lang_time_range(l, minute, duration > 0 ? minute + duration : -1);
}

static const char *rule_template(const struct schedule *s)
{
        bool many = interval_of(s) > 1;
        switch (s->repeat) {
        case REPEAT_ONCE:
                return "once";
        case REPEAT_WEEKLY:
                return many ? "weekly_n" : "weekly";
        case REPEAT_MONTHLY:
        default:
                break;
        }
        switch (s->monthly) {
        case MONTHLY_LAST_WEEKDAY:
                return many ? "monthly_last_n" : "monthly_last";
        case MONTHLY_DAY_OF_MONTH:
                return many ? "monthly_day_n" : "monthly_day";
        case MONTHLY_NTH_WEEKDAY:
        default:
                return many ? "monthly_nth_n" : "monthly_nth";
        }
}

/* Fill template key for a meeting at `at`; time may be NULL (left out). */
static char *fill(const struct lang *l, const char *key, const struct slot *at,
                  const struct schedule *s, const char *time, size_t count)
{
        const GDate *d = &at->date;
        GDateWeekday wd = g_date_get_weekday(d);
        int ordinal = s->has_rule && s->repeat == REPEAT_MONTHLY &&
                                      s->monthly == MONTHLY_LAST_WEEKDAY
                              ? -1
                              : week_of_month(d);
        char *date = lang_date(l, d, LANG_DATE_FULL);
        char interval[16], n[24];
        g_snprintf(interval, sizeof interval, "%d", interval_of(s));
        g_snprintf(n, sizeof n, "%zu", count);
        const char *pairs[] = {
                "date", date,
                "time", time ? time : "",
                "weekday", lang_weekday(l, wd),
                "weekdays", lang_weekday_adverb(l, wd),
                "ordinal", lang_ordinal(l, ordinal),
                "day", lang_ordinal(l, g_date_get_day(d)),
                "interval", interval,
                "count", n,
                NULL,
        };
        char *text = lang_fill(lang_template(l, key), pairs);
        g_free(date);
        return text;
}

static char *describe_list(const struct schedule *s, const struct lang *l)
{
        if (s->n_dates == 0)
                return g_strdup("");
        struct slot *v = sorted_dates(s);
        bool same_time = true;
        for (size_t i = 1; i < s->n_dates; i++)
                same_time = same_time && v[i].minute == v[0].minute;
        char *time = time_words(l, v[0].minute, s->duration);
        /* A list of one is a single meeting and reads like one. */
        const char *key = s->n_dates == 1 ? "once" : same_time ? "dates" : "dates_mixed";
        char *text = fill(l, key, &v[0], s, time, s->n_dates);
        g_free(time);
        g_free(v);
        return text;
}

char *schedule_describe(const struct schedule *s, const struct lang *l)
{
        if (!s->has_rule)
                return describe_list(s, l);
        char *time = time_words(l, s->first.minute, s->duration);
        char *rule = fill(l, rule_template(s), &s->first, s, time, 1);
        g_free(time);
        if (!s->has_until || s->repeat == REPEAT_ONCE)
                return rule;
        char *until = lang_date(l, &s->until, LANG_DATE_LONG);
        const char *pairs[] = { "rule", rule, "date", until, NULL };
        char *text = lang_fill(lang_template(l, "until"), pairs);
        g_free(until);
        g_free(rule);
        return text;
}

char *schedule_list(const struct meeting *m, size_t n, const struct lang *l)
{
        GString *s = g_string_new(NULL);
        for (size_t i = 0; i < n; i++) {
                const GDate *d = &m[i].start.date;
                /* The year goes on the last day of each year in the list:
                 * "8. Dez. 2026, 12. Jan. 2027". */
                bool year = i + 1 == n ||
                            g_date_get_year(&m[i + 1].start.date) != g_date_get_year(d);
                char *day = lang_date(l, d, year ? LANG_DATE_LIST_YEAR : LANG_DATE_LIST);
                if (i)
                        g_string_append(s, lang_list_sep(l));
                g_string_append(s, day);
                g_free(day);
        }
        return g_string_free(s, FALSE);
}
