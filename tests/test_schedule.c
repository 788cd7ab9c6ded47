/* test_schedule.c: rule -> dates for a given "today", and the cycle in
 * words in both shipped languages. */
#include "diag.h"
#include "lang.h"
#include "schedule.h"
#include "testlib.h"

#include <string.h>

/* ---- helpers ---------------------------------------------------------------- */

static GDate day(const char *iso)
{
        GDate d;
        g_assert_true(schedule_parse_date(iso, &d));
        return d;
}

/* A rule from "YYYY-MM-DD HH:MM"; the struct owns nothing yet. */
static struct schedule rule(const char *first, enum schedule_repeat repeat, int interval,
                            enum schedule_monthly monthly)
{
        struct schedule s;
        memset(&s, 0, sizeof s);
        s.has_rule = true;
        g_assert_true(schedule_parse_slot(first, &s.first));
        s.repeat = repeat;
        s.interval = interval;
        s.monthly = monthly;
        return s;
}

static void add_skip(struct schedule *s, const char *iso)
{
        s->skip = g_renew(GDate, s->skip, s->n_skip + 1);
        s->skip[s->n_skip++] = day(iso);
        schedule_sort_skip(s);
}

static void add_date(struct schedule *s, const char *slot)
{
        s->dates = g_renew(struct slot, s->dates, s->n_dates + 1);
        g_assert_true(schedule_parse_slot(slot, &s->dates[s->n_dates++]));
}

static void set_until(struct schedule *s, const char *iso)
{
        s->has_until = true;
        s->until = day(iso);
}

/* The next max meetings from today as "YYYY-MM-DD HH:MM #index", one per
 * meeting, joined by ", ".  Caller frees. */
static char *next(const struct schedule *s, const char *today, size_t max)
{
        GDate t = day(today);
        struct meeting *m = g_new0(struct meeting, max ? max : 1);
        size_t n = schedule_next(s, &t, m, max);
        g_assert_cmpuint(n, <=, max);
        GString *out = g_string_new(NULL);
        for (size_t i = 0; i < n; i++) {
                const GDate *d = &m[i].start.date;
                g_string_append_printf(out, "%s%04d-%02d-%02d %02d:%02d #%zu", i ? ", " : "",
                                       g_date_get_year(d), g_date_get_month(d),
                                       g_date_get_day(d), m[i].start.minute / 60,
                                       m[i].start.minute % 60, m[i].index);
        }
        g_free(m);
        return g_string_free(out, FALSE);
}

#define ASSERT_NEXT(s, today, max, want)                                        \
        do {                                                                    \
                char *got_ = next((s), (today), (max));                         \
                g_assert_cmpstr(got_, ==, (want));                              \
                g_free(got_);                                                   \
        } while (0)

/* ---- the rules ---------------------------------------------------------------- */

static void test_weekly(void)
{
        struct schedule s = rule("2027-01-12 18:30", REPEAT_WEEKLY, 1, MONTHLY_NTH_WEEKDAY);
        /* Before first: first comes first. */
        ASSERT_NEXT(&s, "2026-12-01", 3,
                    "2027-01-12 18:30 #0, 2027-01-19 18:30 #1, 2027-01-26 18:30 #2");
        /* Today on a meeting day: included. */
        ASSERT_NEXT(&s, "2027-01-19", 2, "2027-01-19 18:30 #1, 2027-01-26 18:30 #2");
        /* The day after: the next week. */
        ASSERT_NEXT(&s, "2027-01-20", 1, "2027-01-26 18:30 #2");
        /* max 0: nothing, and out is not touched. */
        GDate t = day("2027-01-01");
        g_assert_cmpuint(schedule_next(&s, &t, NULL, 0), ==, 0);
        schedule_clear(&s);
}

static void test_weekly_interval(void)
{
        struct schedule s = rule("2027-01-12 18:30", REPEAT_WEEKLY, 6, MONTHLY_NTH_WEEKDAY);
        ASSERT_NEXT(&s, "2027-01-13", 3,
                    "2027-02-23 18:30 #1, 2027-04-06 18:30 #2, 2027-05-18 18:30 #3");
        ASSERT_NEXT(&s, "2027-04-06", 1, "2027-04-06 18:30 #2");
        s.interval = 2;
        ASSERT_NEXT(&s, "2027-01-13", 2, "2027-01-26 18:30 #1, 2027-02-09 18:30 #2");
        schedule_clear(&s);
}

static void test_monthly_nth(void)
{
        /* 2nd Tuesday, from the sample community. */
        struct schedule s = rule("2027-01-12 18:30", REPEAT_MONTHLY, 1, MONTHLY_NTH_WEEKDAY);
        ASSERT_NEXT(&s, "2027-01-01", 4,
                    "2027-01-12 18:30 #0, 2027-02-09 18:30 #1, 2027-03-09 18:30 #2, "
                    "2027-04-13 18:30 #3");
        /* Today after this month's meeting: next month's. */
        ASSERT_NEXT(&s, "2027-04-14", 1, "2027-05-11 18:30 #4");
        ASSERT_NEXT(&s, "2027-05-11", 1, "2027-05-11 18:30 #4");
        /* Every 3 months. */
        s.interval = 3;
        ASSERT_NEXT(&s, "2027-01-13", 3,
                    "2027-04-13 18:30 #1, 2027-07-13 18:30 #2, 2027-10-12 18:30 #3");
        schedule_clear(&s);
}

static void test_monthly_fifth_weekday(void)
{
        /* A 5th Tuesday: months without one have no meeting, and they do
         * not count for the index either. */
        struct schedule s = rule("2027-03-30 19:00", REPEAT_MONTHLY, 1, MONTHLY_NTH_WEEKDAY);
        ASSERT_NEXT(&s, "2027-03-01", 6,
                    "2027-03-30 19:00 #0, 2027-06-29 19:00 #1, 2027-08-31 19:00 #2, "
                    "2027-11-30 19:00 #3, 2028-02-29 19:00 #4, 2028-05-30 19:00 #5");
        ASSERT_NEXT(&s, "2027-09-01", 2, "2027-11-30 19:00 #3, 2028-02-29 19:00 #4");
        schedule_clear(&s);

        /* 5th Monday of February, once a year: only when February 1st of a
         * leap year is a Monday.  2016, then 2044. */
        s = rule("2016-02-29 18:00", REPEAT_MONTHLY, 12, MONTHLY_NTH_WEEKDAY);
        ASSERT_NEXT(&s, "2016-03-01", 1, "2044-02-29 18:00 #1");
        /* Until before the next one: nothing, and no endless search. */
        set_until(&s, "2040-01-01");
        ASSERT_NEXT(&s, "2016-03-01", 5, "");
        schedule_clear(&s);
}

static void test_monthly_last_weekday(void)
{
        struct schedule s = rule("2027-01-29 17:00", REPEAT_MONTHLY, 1, MONTHLY_LAST_WEEKDAY);
        ASSERT_NEXT(&s, "2027-01-01", 4,
                    "2027-01-29 17:00 #0, 2027-02-26 17:00 #1, 2027-03-26 17:00 #2, "
                    "2027-04-30 17:00 #3");
        schedule_clear(&s);

        /* A first that is not the month's last Friday starts with the last
         * Friday of its month. */
        s = rule("2027-01-08 17:00", REPEAT_MONTHLY, 1, MONTHLY_LAST_WEEKDAY);
        ASSERT_NEXT(&s, "2027-01-01", 2, "2027-01-29 17:00 #0, 2027-02-26 17:00 #1");
        schedule_clear(&s);
}

static void test_day_of_month_end(void)
{
        /* The 31st clamps to the month's end, and comes back in March. */
        struct schedule s = rule("2027-01-31 18:00", REPEAT_MONTHLY, 1, MONTHLY_DAY_OF_MONTH);
        ASSERT_NEXT(&s, "2027-01-01", 5,
                    "2027-01-31 18:00 #0, 2027-02-28 18:00 #1, 2027-03-31 18:00 #2, "
                    "2027-04-30 18:00 #3, 2027-05-31 18:00 #4");
        /* In a leap year, 29 February. */
        ASSERT_NEXT(&s, "2028-02-01", 2, "2028-02-29 18:00 #13, 2028-03-31 18:00 #14");
        schedule_clear(&s);

        s = rule("2027-01-15 18:00", REPEAT_MONTHLY, 2, MONTHLY_DAY_OF_MONTH);
        ASSERT_NEXT(&s, "2027-01-16", 2, "2027-03-15 18:00 #1, 2027-05-15 18:00 #2");
        schedule_clear(&s);
}

static void test_february_29(void)
{
        /* The 29th: 29 February in leap years, 28 February otherwise. */
        struct schedule s = rule("2027-01-29 18:00", REPEAT_MONTHLY, 1, MONTHLY_DAY_OF_MONTH);
        ASSERT_NEXT(&s, "2027-02-01", 2, "2027-02-28 18:00 #1, 2027-03-29 18:00 #2");
        ASSERT_NEXT(&s, "2028-02-01", 1, "2028-02-29 18:00 #13");
        schedule_clear(&s);

        /* Yearly on 29 February: the 28th between leap years; century
         * rule (2100 is no leap year, 2400 is). */
        s = rule("2028-02-29 18:00", REPEAT_MONTHLY, 12, MONTHLY_DAY_OF_MONTH);
        ASSERT_NEXT(&s, "2028-03-01", 4,
                    "2029-02-28 18:00 #1, 2030-02-28 18:00 #2, 2031-02-28 18:00 #3, "
                    "2032-02-29 18:00 #4");
        ASSERT_NEXT(&s, "2100-01-01", 1, "2100-02-28 18:00 #72");
        ASSERT_NEXT(&s, "2400-01-01", 1, "2400-02-29 18:00 #372");
        schedule_clear(&s);

        /* Weekly across a leap day. */
        s = rule("2028-02-22 18:00", REPEAT_WEEKLY, 1, MONTHLY_NTH_WEEKDAY);
        ASSERT_NEXT(&s, "2028-02-23", 2, "2028-02-29 18:00 #1, 2028-03-07 18:00 #2");
        schedule_clear(&s);
}

static void test_summer_time(void)
{
        /* Wall-clock time: the switch to summer time (last Sunday of March)
         * and back (last Sunday of October) keeps 18:30 at 18:30. */
        struct schedule s = rule("2027-03-21 18:30", REPEAT_WEEKLY, 1, MONTHLY_NTH_WEEKDAY);
        ASSERT_NEXT(&s, "2027-03-22", 2, "2027-03-28 18:30 #1, 2027-04-04 18:30 #2");
        ASSERT_NEXT(&s, "2027-10-30", 2, "2027-10-31 18:30 #32, 2027-11-07 18:30 #33");
        schedule_clear(&s);

        s = rule("2027-01-31 02:30", REPEAT_MONTHLY, 1, MONTHLY_LAST_WEEKDAY);
        /* 02:30 does not exist on 28 March 2027 in Germany; plakat prints
         * what the rule says and does not move it. */
        ASSERT_NEXT(&s, "2027-03-01", 1, "2027-03-28 02:30 #2");
        ASSERT_NEXT(&s, "2027-10-01", 1, "2027-10-31 02:30 #9");
        schedule_clear(&s);
}

static void test_skip_and_venue_index(void)
{
        /* Two venues alternate; a cancelled meeting still takes its turn:
         * the index keeps counting so venue = index % 2 follows the rota. */
        struct schedule s = rule("2027-01-12 18:30", REPEAT_MONTHLY, 1, MONTHLY_NTH_WEEKDAY);
        add_skip(&s, "2027-02-09");
        add_skip(&s, "2027-03-10"); /* not a meeting day: no effect */
        ASSERT_NEXT(&s, "2027-01-13", 3,
                    "2027-03-09 18:30 #2, 2027-04-13 18:30 #3, 2027-05-11 18:30 #4");
        GDate t = day("2027-01-13");
        struct meeting m[2];
        g_assert_cmpuint(schedule_next(&s, &t, m, 2), ==, 2);
        g_assert_cmpuint(m[0].index % 2, ==, 0); /* first venue again */
        g_assert_cmpuint(m[1].index % 2, ==, 1);
        schedule_clear(&s);
        g_assert_null(s.skip);
        g_assert_cmpuint(s.n_skip, ==, 0);

        /* Skipping today's meeting. */
        s = rule("2027-01-12 18:30", REPEAT_WEEKLY, 1, MONTHLY_NTH_WEEKDAY);
        add_skip(&s, "2027-01-19");
        ASSERT_NEXT(&s, "2027-01-19", 1, "2027-01-26 18:30 #2");
        schedule_clear(&s);
}

static void test_until(void)
{
        struct schedule s = rule("2027-01-12 18:30", REPEAT_WEEKLY, 2, MONTHLY_NTH_WEEKDAY);
        set_until(&s, "2027-02-09"); /* a meeting day: included */
        ASSERT_NEXT(&s, "2027-01-01", 10,
                    "2027-01-12 18:30 #0, 2027-01-26 18:30 #1, 2027-02-09 18:30 #2");
        set_until(&s, "2027-02-08");
        ASSERT_NEXT(&s, "2027-01-01", 10, "2027-01-12 18:30 #0, 2027-01-26 18:30 #1");
        /* Today after every meeting. */
        ASSERT_NEXT(&s, "2027-02-09", 10, "");
        ASSERT_NEXT(&s, "2031-01-01", 10, "");
        /* Skip and until together. */
        add_skip(&s, "2027-01-26");
        ASSERT_NEXT(&s, "2027-01-13", 10, "");
        schedule_clear(&s);
}

static void test_once(void)
{
        struct schedule s = rule("2027-01-12 18:30", REPEAT_ONCE, 1, MONTHLY_NTH_WEEKDAY);
        s.duration = 90;
        ASSERT_NEXT(&s, "2027-01-01", 5, "2027-01-12 18:30 #0");
        ASSERT_NEXT(&s, "2027-01-12", 5, "2027-01-12 18:30 #0");
        ASSERT_NEXT(&s, "2027-01-13", 5, "");
        GDate t = day("2027-01-01");
        struct meeting m;
        g_assert_cmpuint(schedule_next(&s, &t, &m, 1), ==, 1);
        g_assert_cmpint(m.duration, ==, 90);
        add_skip(&s, "2027-01-12");
        ASSERT_NEXT(&s, "2027-01-01", 5, "");
        schedule_clear(&s);
}

static void test_explicit_dates(void)
{
        struct schedule s;
        memset(&s, 0, sizeof s);
        /* Unsorted on purpose: the index is the position in time order. */
        add_date(&s, "2027-03-09 18:30");
        add_date(&s, "2027-01-12 18:30");
        add_date(&s, "2027-02-09 19:00");
        add_date(&s, "2027-02-09 17:00");
        ASSERT_NEXT(&s, "2027-01-01", 10,
                    "2027-01-12 18:30 #0, 2027-02-09 17:00 #1, 2027-02-09 19:00 #2, "
                    "2027-03-09 18:30 #3");
        ASSERT_NEXT(&s, "2027-02-09", 2, "2027-02-09 17:00 #1, 2027-02-09 19:00 #2");
        ASSERT_NEXT(&s, "2027-02-10", 10, "2027-03-09 18:30 #3");
        ASSERT_NEXT(&s, "2027-03-10", 10, "");
        add_skip(&s, "2027-03-09");
        ASSERT_NEXT(&s, "2027-02-10", 10, "");
        schedule_clear(&s);
        g_assert_null(s.dates);

        /* No rule and no dates: nothing, and an empty description. */
        memset(&s, 0, sizeof s);
        ASSERT_NEXT(&s, "2027-01-01", 3, "");
        schedule_clear(&s);
}

/* Today centuries after first: the answer is computed, not walked to.
 * Each call must be instant even under the sanitizers. */
static void test_far_future(void)
{
        GTimer *timer = g_timer_new();
        struct schedule s = rule("2027-01-12 18:30", REPEAT_WEEKLY, 6, MONTHLY_NTH_WEEKDAY);
        ASSERT_NEXT(&s, "2227-01-01", 1, "2227-01-02 18:30 #1739");
        schedule_clear(&s);

        s = rule("2027-01-12 18:30", REPEAT_MONTHLY, 1, MONTHLY_NTH_WEEKDAY);
        ASSERT_NEXT(&s, "2227-01-01", 1, "2227-01-09 18:30 #2400");
        schedule_clear(&s);

        s = rule("2027-03-30 19:00", REPEAT_MONTHLY, 1, MONTHLY_NTH_WEEKDAY);
        ASSERT_NEXT(&s, "2227-01-01", 1, "2227-01-30 19:00 #835");
        schedule_clear(&s);

        /* Beyond the last year plakat plans for: nothing, no crash. */
        s = rule("2027-01-12 18:30", REPEAT_WEEKLY, 1, MONTHLY_NTH_WEEKDAY);
        ASSERT_NEXT(&s, "9999-12-31", 3, "");
        GDate far;
        g_date_clear(&far, 1);
        g_date_set_dmy(&far, 1, G_DATE_JANUARY, 60000);
        struct meeting m[3];
        g_assert_cmpuint(schedule_next(&s, &far, m, 3), ==, 0);
        schedule_clear(&s);
        /* Every 7th month, 5th Tuesday: the last one in 9999, then none. */
        s = rule("2027-03-30 19:00", REPEAT_MONTHLY, 7, MONTHLY_NTH_WEEKDAY);
        ASSERT_NEXT(&s, "9999-01-01", 3, "9999-08-31 19:00 #4758");
        schedule_clear(&s);
        g_assert_cmpfloat(g_timer_elapsed(timer, NULL), <, 0.5);
        g_timer_destroy(timer);
}

/* Is d a meeting day of s by the definition, looked at day by day?  The
 * reference for test_against_brute_force; shares no code with schedule.c. */
static bool matches(const struct schedule *s, const GDate *d)
{
        const GDate *f = &s->first.date;
        if (g_date_compare(d, f) < 0)
                return false;
        if (s->repeat == REPEAT_WEEKLY)
                return g_date_days_between(f, d) % (7 * s->interval) == 0;
        int months = ((int)g_date_get_year(d) - (int)g_date_get_year(f)) * 12 +
                     (int)g_date_get_month(d) - (int)g_date_get_month(f);
        if (months % s->interval)
                return false;
        int dim = g_date_get_days_in_month(g_date_get_month(d), g_date_get_year(d));
        int dd = g_date_get_day(d), fd = g_date_get_day(f);
        bool same_wd = g_date_get_weekday(d) == g_date_get_weekday(f);
        switch (s->monthly) {
        case MONTHLY_LAST_WEEKDAY:
                return same_wd && dd + 7 > dim;
        case MONTHLY_DAY_OF_MONTH:
                return dd == MIN(fd, dim);
        case MONTHLY_NTH_WEEKDAY:
        default:
                return same_wd && (dd - 1) / 7 == (fd - 1) / 7;
        }
}

static void test_against_brute_force(void)
{
        static const struct {
                const char *first;
                enum schedule_repeat repeat;
                int interval;
                enum schedule_monthly monthly;
        } rules[] = {
                { "2027-01-12 18:30", REPEAT_WEEKLY, 1, MONTHLY_NTH_WEEKDAY },
                { "2027-01-14 18:30", REPEAT_WEEKLY, 3, MONTHLY_NTH_WEEKDAY },
                { "2027-01-12 18:30", REPEAT_MONTHLY, 1, MONTHLY_NTH_WEEKDAY },
                { "2027-01-29 18:30", REPEAT_MONTHLY, 1, MONTHLY_NTH_WEEKDAY },
                { "2027-03-30 18:30", REPEAT_MONTHLY, 2, MONTHLY_NTH_WEEKDAY },
                { "2027-05-31 18:30", REPEAT_MONTHLY, 5, MONTHLY_NTH_WEEKDAY },
                { "2027-01-29 18:30", REPEAT_MONTHLY, 1, MONTHLY_LAST_WEEKDAY },
                { "2027-02-22 18:30", REPEAT_MONTHLY, 4, MONTHLY_LAST_WEEKDAY },
                { "2027-01-31 18:30", REPEAT_MONTHLY, 1, MONTHLY_DAY_OF_MONTH },
                { "2027-08-30 18:30", REPEAT_MONTHLY, 3, MONTHLY_DAY_OF_MONTH },
        };
        for (size_t r = 0; r < G_N_ELEMENTS(rules); r++) {
                struct schedule s = rule(rules[r].first, rules[r].repeat, rules[r].interval,
                                         rules[r].monthly);
                /* The reference: every meeting day for 12 years. */
                GDate d = s.first.date, end = s.first.date;
                g_date_add_years(&end, 12);
                GArray *days = g_array_new(FALSE, FALSE, sizeof(GDate));
                for (; g_date_compare(&d, &end) < 0; g_date_add_days(&d, 1))
                        if (matches(&s, &d))
                                g_array_append_val(days, d);
                /* From each 11th day, the next 4 must be the reference's,
                 * as long as the reference has 4 more. */
                GDate today = s.first.date;
                g_date_subtract_days(&today, 40);
                for (size_t j = 0;; g_date_add_days(&today, 11)) {
                        while (j < days->len &&
                               g_date_compare(&g_array_index(days, GDate, j), &today) < 0)
                                j++;
                        if (j + 4 > days->len)
                                break;
                        struct meeting m[4];
                        size_t n = schedule_next(&s, &today, m, 4);
                        g_assert_cmpuint(n, ==, 4);
                        for (size_t i = 0; i < n; i++) {
                                g_assert_cmpint(g_date_compare(&m[i].start.date,
                                                               &g_array_index(days, GDate, j + i)),
                                                ==, 0);
                                g_assert_cmpuint(m[i].index, ==, j + i);
                        }
                }
                g_array_free(days, TRUE);
                schedule_clear(&s);
        }
}

/* ---- wording ------------------------------------------------------------------ */

static struct lang *de, *en;

static void check_describe(const struct schedule *s, const struct lang *l, const char *want)
{
        char *got = schedule_describe(s, l);
        g_assert_cmpstr(got, ==, want);
        g_free(got);
}

static void test_describe_weekly(void)
{
        struct schedule s = rule("2027-01-12 18:30", REPEAT_WEEKLY, 6, MONTHLY_NTH_WEEKDAY);
        check_describe(&s, de, "Alle 6 Wochen dienstags, 18:30 Uhr");
        check_describe(&s, en, "Every 6 weeks on Tuesday, 6:30 pm");
        s.interval = 2;
        check_describe(&s, de, "Alle 2 Wochen dienstags, 18:30 Uhr");
        check_describe(&s, en, "Every 2 weeks on Tuesday, 6:30 pm");
        s.interval = 1;
        check_describe(&s, de, "Jeden Dienstag, 18:30 Uhr");
        check_describe(&s, en, "Every Tuesday, 6:30 pm");
        s.duration = 90;
        check_describe(&s, de, "Jeden Dienstag, 18:30–20:00 Uhr");
        check_describe(&s, en, "Every Tuesday, 6:30–8 pm");
        set_until(&s, "2027-06-30");
        check_describe(&s, de, "Jeden Dienstag, 18:30–20:00 Uhr, bis 30. Juni 2027");
        check_describe(&s, en, "Every Tuesday, 6:30–8 pm, until 30 June 2027");
        schedule_clear(&s);
}

static void test_describe_monthly(void)
{
        struct schedule s = rule("2027-01-12 18:30", REPEAT_MONTHLY, 1, MONTHLY_NTH_WEEKDAY);
        s.duration = 90;
        check_describe(&s, de, "Jeden 2. Dienstag im Monat, 18:30–20:00 Uhr");
        check_describe(&s, en, "Every 2nd Tuesday of the month, 6:30–8 pm");
        s.interval = 3;
        check_describe(&s, de, "Alle 3 Monate am 2. Dienstag, 18:30–20:00 Uhr");
        check_describe(&s, en, "Every 3 months on the 2nd Tuesday, 6:30–8 pm");
        schedule_clear(&s);

        s = rule("2027-01-29 11:00", REPEAT_MONTHLY, 1, MONTHLY_LAST_WEEKDAY);
        s.duration = 120;
        check_describe(&s, de, "Jeden letzten Freitag im Monat, 11:00–13:00 Uhr");
        check_describe(&s, en, "On the last Friday of every month, 11 am–1 pm");
        s.interval = 2;
        check_describe(&s, de, "Alle 2 Monate am letzten Freitag, 11:00–13:00 Uhr");
        check_describe(&s, en, "Every 2 months on the last Friday, 11 am–1 pm");
        schedule_clear(&s);

        s = rule("2027-01-15 18:30", REPEAT_MONTHLY, 1, MONTHLY_DAY_OF_MONTH);
        check_describe(&s, de, "Jeden 15. des Monats, 18:30 Uhr");
        check_describe(&s, en, "On the 15th of every month, 6:30 pm");
        s.interval = 6;
        check_describe(&s, de, "Alle 6 Monate am 15., 18:30 Uhr");
        check_describe(&s, en, "Every 6 months on the 15th, 6:30 pm");
        schedule_clear(&s);

        s = rule("2027-03-30 19:00", REPEAT_MONTHLY, 1, MONTHLY_NTH_WEEKDAY);
        check_describe(&s, en, "Every 5th Tuesday of the month, 7 pm");
        schedule_clear(&s);
}

static void test_describe_once_and_dates(void)
{
        struct schedule s = rule("2027-01-12 18:30", REPEAT_ONCE, 1, MONTHLY_NTH_WEEKDAY);
        s.duration = 90;
        check_describe(&s, de, "Am Dienstag, 12. Januar 2027, 18:30–20:00 Uhr");
        check_describe(&s, en, "On Tuesday, 12 January 2027, 6:30–8 pm");
        set_until(&s, "2027-06-30"); /* meaningless for one meeting: left out */
        check_describe(&s, en, "On Tuesday, 12 January 2027, 6:30–8 pm");
        schedule_clear(&s);

        memset(&s, 0, sizeof s);
        check_describe(&s, de, "");
        add_date(&s, "2027-02-09 18:30");
        check_describe(&s, de, "Am Dienstag, 9. Februar 2027, 18:30 Uhr");
        add_date(&s, "2027-01-12 18:30");
        check_describe(&s, de, "An ausgewählten Terminen, 18:30 Uhr");
        check_describe(&s, en, "On selected dates, 6:30 pm");
        s.duration = 60;
        check_describe(&s, en, "On selected dates, 6:30–7:30 pm");
        add_date(&s, "2027-03-09 10:00");
        check_describe(&s, de, "An ausgewählten Terminen");
        check_describe(&s, en, "On selected dates");
        schedule_clear(&s);
}

static void check_list(const char *const *slots, size_t n, const struct lang *l,
                       const char *want)
{
        struct meeting m[8];
        g_assert_cmpuint(n, <=, G_N_ELEMENTS(m));
        for (size_t i = 0; i < n; i++)
                g_assert_true(schedule_parse_slot(slots[i], &m[i].start));
        char *got = schedule_list(m, n, l);
        g_assert_cmpstr(got, ==, want);
        g_free(got);
}

static void test_list(void)
{
        static const char *const one_year[] = {
                "2027-01-12 18:30", "2027-02-09 18:30", "2027-03-09 18:30",
        };
        check_list(one_year, 3, de, "12. Jan., 9. Feb., 9. März 2027");
        check_list(one_year, 3, en, "12 Jan, 9 Feb, 9 Mar 2027");
        check_list(one_year, 1, de, "12. Jan. 2027");
        check_list(one_year, 0, de, "");
        static const char *const two_years[] = {
                "2026-11-10 18:30", "2026-12-08 18:30", "2027-01-12 18:30",
        };
        check_list(two_years + 1, 2, de, "8. Dez. 2026, 12. Jan. 2027");
        check_list(two_years, 3, de, "10. Nov., 8. Dez. 2026, 12. Jan. 2027");
        check_list(two_years, 3, en, "10 Nov, 8 Dec 2026, 12 Jan 2027");
        static const char *const all_months[] = {
                "2027-04-13 18:30", "2027-05-11 18:30", "2027-06-08 18:30",
                "2027-07-13 18:30", "2027-08-10 18:30", "2027-09-14 18:30",
                "2027-10-12 18:30",
        };
        check_list(all_months, 7, de,
                   "13. Apr., 11. Mai, 8. Juni, 13. Juli, 10. Aug., 14. Sept., 12. Okt. 2027");
}

/* The list of what schedule_next found reads as promised. */
static void test_next_then_list(void)
{
        struct schedule s = rule("2026-11-10 18:30", REPEAT_MONTHLY, 1, MONTHLY_NTH_WEEKDAY);
        GDate t = day("2026-12-01");
        struct meeting m[3];
        size_t n = schedule_next(&s, &t, m, 3);
        char *got = schedule_list(m, n, de);
        g_assert_cmpstr(got, ==, "8. Dez. 2026, 12. Jan., 9. Feb. 2027");
        g_free(got);
        schedule_clear(&s);
}

int main(int argc, char **argv)
{
        test_init(&argc, &argv);
        struct diag d;
        diag_init(&d, stderr);
        de = lang_load("lang", "de", &d);
        en = lang_load("lang", "en", &d);
        g_assert_nonnull(de);
        g_assert_nonnull(en);
        g_assert_cmpuint(d.n, ==, 0);

        g_test_add_func("/schedule/weekly", test_weekly);
        g_test_add_func("/schedule/weekly-interval", test_weekly_interval);
        g_test_add_func("/schedule/monthly-nth", test_monthly_nth);
        g_test_add_func("/schedule/monthly-fifth-weekday", test_monthly_fifth_weekday);
        g_test_add_func("/schedule/monthly-last-weekday", test_monthly_last_weekday);
        g_test_add_func("/schedule/day-of-month-end", test_day_of_month_end);
        g_test_add_func("/schedule/february-29", test_february_29);
        g_test_add_func("/schedule/summer-time", test_summer_time);
        g_test_add_func("/schedule/skip-and-venue-index", test_skip_and_venue_index);
        g_test_add_func("/schedule/until", test_until);
        g_test_add_func("/schedule/once", test_once);
        g_test_add_func("/schedule/explicit-dates", test_explicit_dates);
        g_test_add_func("/schedule/far-future", test_far_future);
        g_test_add_func("/schedule/against-brute-force", test_against_brute_force);
        g_test_add_func("/schedule/describe-weekly", test_describe_weekly);
        g_test_add_func("/schedule/describe-monthly", test_describe_monthly);
        g_test_add_func("/schedule/describe-once-and-dates", test_describe_once_and_dates);
        g_test_add_func("/schedule/list", test_list);
        g_test_add_func("/schedule/next-then-list", test_next_then_list);
        int rc = g_test_run();

        lang_free(de);
        lang_free(en);
        diag_clear(&d);
        return rc;
}
