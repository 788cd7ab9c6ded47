/* test_ics.c: the calendar file, the tracking parameter and the texts'
 * character counting.  With --dump FILE TODAY N it prints the next N
 * meetings of FILE as plakat computes them ("YYYY-MM-DD HH:MM venue"),
 * for tests/e2e/kit.sh to compare with an independent iCalendar reader. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "community.h"
#include "diag.h"
#include "ics.h"
#include "schedule.h"
#include "testlib.h"
#include "texts.h"
#include "track.h"

static int dump(const char *path, const char *today, int n)
{
        struct diag d;
        diag_init(&d, stderr);
        struct community *c = community_load(path, NULL, &d);
        GDate from;
        if (!c || !schedule_parse_date(today, &from))
                return 1;
        struct meeting *m = g_new(struct meeting, (size_t)n);
        size_t k = schedule_next(&c->schedule, &from, m, (size_t)n);
        for (size_t i = 0; i < k; i++)
                printf("%04d-%02d-%02d %02d:%02d %s\n", g_date_get_year(&m[i].start.date),
                       g_date_get_month(&m[i].start.date), g_date_get_day(&m[i].start.date),
                       m[i].start.minute / 60, m[i].start.minute % 60, c->venues[m[i].index % c->n_venues].name);
        g_free(m);
        community_free(c);
        diag_clear(&d);
        return 0;
}

static void test_track(void)
{
        static const struct {
                const char *url, *want;
        } cases[] = {
                { "https://a.org/x", "https://a.org/x?quelle=a3" },
                { "https://a.org/x?", "https://a.org/x?quelle=a3" },
                { "https://a.org/x?a=1", "https://a.org/x?a=1&quelle=a3" },
                { "https://a.org/x?a=1&", "https://a.org/x?a=1&quelle=a3" },
                { "https://a.org/x#form", "https://a.org/x?quelle=a3#form" },
                { "https://a.org/x?a=1#f?g", "https://a.org/x?a=1&quelle=a3#f?g" },
        };
        for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
                char *got = track_url(cases[i].url, "quelle", "a3");
                g_assert_cmpstr(got, ==, cases[i].want);
                g_free(got);
        }
        char *same = track_url("https://a.org/x?y#z", NULL, "a3");
        g_assert_cmpstr(same, ==, "https://a.org/x?y#z");
        g_free(same);
        char *esc = track_url("https://a.org/", "q", "a b&c");
        g_assert_cmpstr(esc, ==, "https://a.org/?q=a%20b%26c");
        g_free(esc);
}

static void test_count(void)
{
        /* Characters, not bytes: "ä" is one. */
        g_assert_cmpuint(texts_count("Gärten", 0), ==, 6);
        /* Mastodon: any link is 23, however long. */
        g_assert_cmpuint(texts_count("Hi https://example.org/a/very/long/path?x=1 ok", 23), ==, 3 + 23 + 3);
        g_assert_cmpuint(texts_count("Hi https://example.org/a/very/long/path?x=1 ok", 0), ==, 46);
}

static void test_fold(void)
{
        GString *s = g_string_new(NULL);
        /* 80 "ä": 160 octets; no line may pass 75 octets nor split one. */
        GString *line = g_string_new("DESCRIPTION:");
        for (int i = 0; i < 80; i++)
                g_string_append(line, "ä");
        ics_fold(s, line->str);
        char **lines = g_strsplit(s->str, "\r\n", -1);
        GString *back = g_string_new(NULL);
        for (char **l = lines; *l && **l; l++) {
                g_assert_cmpuint(strlen(*l), <=, 75);
                g_assert_true(g_utf8_validate(*l, -1, NULL));
                g_string_append(back, l == lines ? *l : *l + 1);
        }
        g_assert_cmpstr(back->str, ==, line->str);
        g_strfreev(lines);
        g_string_free(back, TRUE);
        g_string_free(line, TRUE);
        g_string_free(s, TRUE);
}

int main(int argc, char **argv)
{
        if (argc == 5 && strcmp(argv[1], "--dump") == 0)
                return dump(argv[2], argv[3], atoi(argv[4]));
        test_init(&argc, &argv);
        g_test_add_func("/ics/track", test_track);
        g_test_add_func("/ics/count", test_count);
        g_test_add_func("/ics/fold", test_fold);
        return g_test_run();
}
