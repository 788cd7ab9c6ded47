/* test_diag.c: the shape of every message, the counts, did-you-mean and
 * the quoting of values that come from strangers. */
#include "diag.h"
#include "testlib.h"

#include <string.h>

/* ---- message formats ------------------------------------------------------------ */

static void test_formats(void)
{
        struct diag d;
        diag_init(&d, NULL);
        diag_error(&d, "x.cfg", 14, "schedule.first", "expected \"%s\", found \"%s\"", "YYYY-MM-DD HH:MM",
                   "12.01.2027");
        diag_warn(&d, "x.cfg", 9, "lead.emial", "unknown setting; did you mean %s?", "lead.email");
        diag_error(&d, "x.cfg", 0, NULL, "cannot read: %s", "No such file or directory");
        diag_warn(&d, "x.cfg", -3, "name", "is long");
        diag_error(&d, NULL, 7, "name", "no file, so no line either");
        diag_warn(&d, NULL, 0, NULL, "bare");
        g_assert_cmpuint(d.n, ==, 6);
        g_assert_cmpstr(d.msgs[0].text, ==,
                        "x.cfg:14: schedule.first: expected \"YYYY-MM-DD HH:MM\", found \"12.01.2027\"");
        g_assert_cmpstr(d.msgs[1].text, ==,
                        "x.cfg:9: warning: lead.emial: unknown setting; did you mean lead.email?");
        g_assert_cmpstr(d.msgs[2].text, ==, "x.cfg: cannot read: No such file or directory");
        g_assert_cmpstr(d.msgs[3].text, ==, "x.cfg: warning: name: is long");
        g_assert_cmpstr(d.msgs[4].text, ==, "name: no file, so no line either");
        g_assert_cmpstr(d.msgs[5].text, ==, "warning: bare");
        /* where: the length of the place, up to and with ": ". */
        static const size_t where[] = { 10, 9, 7, 7, 0, 0 };
        for (size_t i = 0; i < d.n; i++)
                g_assert_cmpuint(d.msgs[i].where, ==, where[i]);
        g_assert_cmpint(d.msgs[0].level, ==, DIAG_ERROR);
        g_assert_cmpint(d.msgs[1].level, ==, DIAG_WARNING);
        diag_clear(&d);
}

static void test_counts_and_clear(void)
{
        struct diag d;
        diag_init(&d, NULL);
        g_assert_cmpuint(d.n + d.errors + d.warnings, ==, 0);
        /* More than the first allocation holds. */
        for (int i = 0; i < 50; i++) {
                if (i % 5 == 0)
                        diag_error(&d, "f", i + 1, NULL, "e%d", i);
                else
                        diag_warn(&d, "f", i + 1, NULL, "w%d", i);
        }
        g_assert_cmpuint(d.n, ==, 50);
        g_assert_cmpuint(d.errors, ==, 10);
        g_assert_cmpuint(d.warnings, ==, 40);
        g_assert_cmpstr(d.msgs[49].text, ==, "f:50: warning: w49");
        g_assert_cmpstr(d.msgs[45].text, ==, "f:46: e45");

        FILE *keep = stderr;
        d.echo = keep;
        diag_clear(&d);
        g_assert_cmpuint(d.n + d.errors + d.warnings + d.cap, ==, 0);
        g_assert_null(d.msgs);
        g_assert_true(d.echo == keep); /* clearing keeps where messages go */
        d.echo = NULL;
        diag_error(&d, "f", 1, NULL, "again");
        g_assert_cmpuint(d.errors, ==, 1);
        diag_clear(&d);
}

/* Echo prints each message as it comes (a long batch shows progress);
 * diag_print writes them all again, one per line. */
static void test_echo_and_print(void)
{
        char *buf = NULL, *printed = NULL;
        size_t len = 0, plen = 0;
        FILE *echo = open_memstream(&buf, &len);
        g_assert_nonnull(echo);
        struct diag d;
        diag_init(&d, echo);
        diag_error(&d, "a.cfg", 2, "name", "too long");
        g_assert_cmpstr(buf, ==, "a.cfg:2: name: too long\n"); /* flushed at once */
        diag_warn(&d, "a.cfg", 3, NULL, "odd");
        fclose(echo);
        g_assert_cmpstr(buf, ==, "a.cfg:2: name: too long\na.cfg:3: warning: odd\n");

        FILE *out = open_memstream(&printed, &plen);
        diag_print(&d, out);
        fclose(out);
        g_assert_cmpstr(printed, ==, buf);
        d.echo = NULL;
        diag_clear(&d);
        free(buf);
        free(printed);
}

/* A problem that makes plakat leave something out: errors become
 * warnings, the word "warning" after the place, once; counts follow. */
static void test_add_as_warnings(void)
{
        struct diag src, d;
        diag_init(&src, NULL);
        diag_init(&d, NULL);
        diag_error(&src, "klar.layout", 12, "title", "unknown placeholder {nmae}");
        diag_warn(&src, "klar.layout", 3, NULL, "already a warning");
        diag_error(&src, NULL, 0, NULL, "no place at all");
        diag_error(&d, "x.cfg", 1, NULL, "an earlier error");

        diag_add_as_warnings(&d, &src);
        g_assert_cmpuint(d.n, ==, 4);
        g_assert_cmpuint(d.errors, ==, 1);
        g_assert_cmpuint(d.warnings, ==, 3);
        g_assert_cmpstr(d.msgs[1].text, ==, "klar.layout:12: warning: title: unknown placeholder {nmae}");
        g_assert_cmpstr(d.msgs[2].text, ==, "klar.layout:3: warning: already a warning");
        g_assert_cmpstr(d.msgs[3].text, ==, "warning: no place at all");
        for (size_t i = 1; i < d.n; i++)
                g_assert_cmpint(d.msgs[i].level, ==, DIAG_WARNING);
        g_assert_cmpuint(d.msgs[1].where, ==, strlen("klar.layout:12: "));
        g_assert_cmpuint(d.msgs[3].where, ==, 0);

        /* The source is left as it was, and copying twice copies twice. */
        g_assert_cmpuint(src.errors, ==, 2);
        g_assert_cmpstr(src.msgs[0].text, ==, "klar.layout:12: title: unknown placeholder {nmae}");
        diag_add_as_warnings(&d, &src);
        g_assert_cmpuint(d.warnings, ==, 6);
        g_assert_cmpstr(d.msgs[4].text, ==, d.msgs[1].text);

        struct diag empty;
        diag_init(&empty, NULL);
        diag_add_as_warnings(&d, &empty);
        g_assert_cmpuint(d.n, ==, 7);
        diag_clear(&d);
        diag_clear(&src);
}

/* ---- did you mean ----------------------------------------------------------------- */

static void test_closest(void)
{
        static const char *const settings[] = {
                "name", "topic", "lead.name", "lead.email", "lead.phone", "signup.url", "signup.label",
                "schedule.first", "style.primary", "style.photo",
        };
        size_t n = G_N_ELEMENTS(settings);
        /* A swap counts as one edit (the commonest typo). */
        g_assert_cmpstr(diag_closest("lead.emial", settings, n), ==, "lead.email");
        g_assert_cmpstr(diag_closest("lead.mail", settings, n), ==, "lead.email");
        g_assert_cmpstr(diag_closest("sigup.url", settings, n), ==, "signup.url");
        g_assert_cmpstr(diag_closest("shedule.frist", settings, n), ==, "schedule.first");
        g_assert_cmpstr(diag_closest("topic", settings, n), ==, "topic");
        g_assert_cmpstr(diag_closest("style.phot", settings, n), ==, "style.photo");
        /* Nothing plausible: no suggestion rather than a wild one. */
        g_assert_null(diag_closest("colour", settings, n));
        g_assert_null(diag_closest("venue.address", settings, n));
        g_assert_null(diag_closest("x", NULL, 0));
        /* The limit: a third of the word, at least two edits. */
        static const char *const one[] = { "abcdefghi" };
        g_assert_nonnull(diag_closest("abcdefXYZ", one, 1)); /* 3 of 9 */
        g_assert_null(diag_closest("abcdeWXYZ", one, 1));    /* 4 of 9 */
        static const char *const short_one[] = { "ab" };
        g_assert_nonnull(diag_closest("xy", short_one, 1));
        g_assert_null(diag_closest("xyz", short_one, 1));
        /* Equally close: the first in the list wins (stable messages). */
        static const char *const tie[] = { "qr_min", "qr_max" }, *const eit[] = { "qr_max", "qr_min" };
        g_assert_cmpstr(diag_closest("qr_mzz", tie, 2), ==, "qr_min");
        g_assert_cmpstr(diag_closest("qr_mzz", eit, 2), ==, "qr_max");
        g_assert_cmpstr(diag_closest("qr_mzx", tie, 2), ==, "qr_max"); /* closer beats first */
        /* Returns a pointer into the list. */
        g_assert_true(diag_closest("lead.emial", settings, n) == settings[3]);
}

static void test_syntax_hint(void)
{
        g_assert_cmpstr(diag_syntax_hint("syntax error"), ==, "look for a missing quote or bracket here or just above");
        g_assert_cmpstr(diag_syntax_hint(NULL), ==, "look for a missing quote or bracket here or just above");
        g_assert_cmpstr(diag_syntax_hint("duplicate setting name"), ==,
                        "a setting is given twice (duplicate setting name)");
        g_assert_cmpstr(diag_syntax_hint("mismatched element type in array"), ==,
                        "a list in [ ] must hold one kind of value, e.g. only strings");
        g_assert_cmpstr(diag_syntax_hint("file I/O error"), ==, "file I/O error");
}

/* ---- quoting ---------------------------------------------------------------------- */

/* Values from strangers: control characters are shown, never sent to the
 * terminal; the result is always valid UTF-8. */
static void test_quote(void)
{
        static const struct {
                const char *value;
                size_t max;
                const char *want;
        } cases[] = {
                { "12.01.2027", 80, "\"12.01.2027\"" },
                { "", 80, "\"\"" },
                { "say \"hi\" \\o/", 80, "\"say \\\"hi\\\" \\\\o/\"" },
                { "a\nb\tc\rd", 80, "\"a\\x0ab\\x09c\\x0dd\"" },
                { "\x1b[31mred", 80, "\"\\x1b[31mred\"" },
                { "del\x7f", 80, "\"del\\x7f\"" },
                { "c1\xc2\x85", 80, "\"c1\\x85\"" },      /* U+0085 NEL */
                { "nbsp\xc2\xa0ok", 80, "\"nbsp\xc2\xa0ok\"" }, /* U+00A0 is text */
                /* Direction overrides and isolates would reorder the terminal line. */
                { "abc\xe2\x80\xae" "fdp.exe", 80, "\"abc\\u202efdp.exe\"" },
                { "\xe2\x81\xa6x\xe2\x81\xa9", 80, "\"\\u2066x\\u2069\"" },
                { "\xe2\x80\x8f", 80, "\"\\u200f\"" },
                { "\xd8\x9c", 80, "\"\\u061c\"" },
                /* Invalid bytes become U+FFFD: the message stays UTF-8. */
                { "caf\xe9", 80, "\"caf\xef\xbf\xbd\"" },
                /* Cut after max characters (not bytes), marked with an ellipsis. */
                { "Grüße", 5, "\"Grüße\"" },
                { "Grüße!", 5, "\"Grüße…\"" },
                { "abc", 0, "\"…\"" },
        };
        for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
                char *got = diag_quote(cases[i].value, cases[i].max);
                g_assert_cmpstr(got, ==, cases[i].want);
                g_assert_true(g_utf8_validate(got, -1, NULL));
                g_free(got);
        }
}

int main(int argc, char **argv)
{
        test_init(&argc, &argv);
        g_test_add_func("/diag/formats", test_formats);
        g_test_add_func("/diag/counts-and-clear", test_counts_and_clear);
        g_test_add_func("/diag/echo-and-print", test_echo_and_print);
        g_test_add_func("/diag/add-as-warnings", test_add_as_warnings);
        g_test_add_func("/diag/closest", test_closest);
        g_test_add_func("/diag/syntax-hint", test_syntax_hint);
        g_test_add_func("/diag/quote", test_quote);
        return g_test_run();
}
