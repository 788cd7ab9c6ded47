/* fuzz_schedule.c: schedule rules and days from bytes -> schedule_next,
 * schedule_describe and schedule_list in every shipped language.
 *
 * The rule is built field by field from the input (any first day and
 * time, repeat, interval, monthly kind, until, cancelled days, explicit
 * dates), including values the loader would refuse but a caller could
 * build by hand: the functions promise not to crash on any of them. */
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "fuzz.h"
#include "lang.h"
#include "schedule.h"

static struct lang *langs[8];
static size_t n_langs;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
        FUZZ_BEGIN(argc, argv);
        char **codes = lang_list(FUZZ_SRCDIR "/lang");
        struct diag d;
        diag_init(&d, NULL);
        for (size_t i = 0; codes && codes[i] && n_langs < G_N_ELEMENTS(langs); i++)
                if ((langs[n_langs] = lang_load(FUZZ_SRCDIR "/lang", codes[i], &d)))
                        n_langs++;
        diag_clear(&d);
        g_strfreev(codes);
        return 0;
}

struct in {
        const uint8_t *p;
        size_t n;
};

static unsigned take(struct in *in, unsigned bytes)
{
        unsigned v = 0;
        for (unsigned i = 0; i < bytes; i++) {
                v = v << 8 | (in->n ? *in->p : 0);
                if (in->n) {
                        in->p++;
                        in->n--;
                }
        }
        return v;
}

/* A valid day within a few centuries of today, chosen by 2 bytes plus a
 * year offset: schedule functions take GDates that are valid. */
static void take_date(struct in *in, GDate *d)
{
        unsigned days = take(in, 3) % (400 * 366);
        g_date_clear(d, 1);
        g_date_set_dmy(d, 1, G_DATE_JANUARY, 1900);
        g_date_add_days(d, days);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct in in = { data, size };
        struct schedule s;
        memset(&s, 0, sizeof s);
        unsigned flags = take(&in, 1);
        s.has_rule = !(flags & 1);
        take_date(&in, &s.first.date);
        s.first.minute = (int)(take(&in, 2) % 1440);
        s.repeat = (enum schedule_repeat)(take(&in, 1) % 3);
        s.interval = 1 + (int)(take(&in, 1) % 60);
        s.monthly = (enum schedule_monthly)(take(&in, 1) % 3);
        s.duration = (int)(take(&in, 2) % 2000);
        s.has_until = flags & 2;
        take_date(&in, &s.until);
        s.n_skip = take(&in, 1) % 32;
        s.skip = s.n_skip ? g_new(GDate, s.n_skip) : NULL;
        for (size_t i = 0; i < s.n_skip; i++)
                take_date(&in, &s.skip[i]);
        schedule_sort_skip(&s);
        if (!s.has_rule) {
                s.n_dates = take(&in, 1) % 16;
                s.dates = s.n_dates ? g_new(struct slot, s.n_dates) : NULL;
                for (size_t i = 0; i < s.n_dates; i++) {
                        take_date(&in, &s.dates[i].date);
                        s.dates[i].minute = (int)(take(&in, 2) % 1440);
                }
                /* The loader sorts them; so does whoever builds one. */
                for (size_t i = 1; i < s.n_dates; i++)
                        for (size_t k = i; k > 0; k--) {
                                struct slot *a = &s.dates[k - 1], *b = &s.dates[k];
                                int c = g_date_compare(&a->date, &b->date);
                                if (c < 0 || (c == 0 && a->minute <= b->minute))
                                        break;
                                struct slot t = *a;
                                *a = *b;
                                *b = t;
                        }
        }
        GDate today;
        take_date(&in, &today);
        struct meeting m[8];
        size_t max = take(&in, 1) % 9;
        size_t n = schedule_next(&s, &today, m, max);
        if (n > max)
                __builtin_trap();
        for (size_t i = 0; i < n; i++)
                if ((i && g_date_compare(&m[i - 1].start.date, &m[i].start.date) > 0) ||
                    g_date_compare(&m[i].start.date, &today) < 0)
                        __builtin_trap(); /* not in order, or in the past */
        for (size_t k = 0; k < n_langs; k++) {
                g_free(schedule_describe(&s, langs[k]));
                g_free(schedule_list(m, n, langs[k]));
        }
        schedule_clear(&s);
        return 0;
}
