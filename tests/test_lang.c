/* test_lang.c: language files: the shipped ones load cleanly and say what
 * they must; broken ones are reported with file:line. */
#include "diag.h"
#include "lang.h"
#include "testlib.h"

#include <glib/gstdio.h>
#include <string.h>

static struct lang *de, *en;

/* ---- shipped files ------------------------------------------------------------- */

static void test_shipped_load_cleanly(void)
{
        char **codes = lang_list("lang");
        g_assert_nonnull(codes);
        g_assert_cmpuint(g_strv_length(codes), >=, 2);
        for (char **c = codes; *c; c++) {
                struct diag d;
                diag_init(&d, stderr);
                struct lang *l = lang_load("lang", *c, &d);
                g_assert_nonnull(l);
                g_assert_cmpuint(d.n, ==, 0); /* not even a warning */
                g_assert_cmpstr(lang_code(l), ==, *c);
                lang_free(l);
                diag_clear(&d);
        }
        g_strfreev(codes);
}

static void test_list_sorted(void)
{
        char **codes = lang_list("lang");
        g_assert_true(g_strv_contains((const char *const *)codes, "de"));
        g_assert_true(g_strv_contains((const char *const *)codes, "en"));
        for (size_t i = 1; codes[i]; i++)
                g_assert_cmpint(strcmp(codes[i - 1], codes[i]), <, 0);
        g_strfreev(codes);

        /* No folder: an empty list, not NULL. */
        codes = lang_list("no/such/folder");
        g_assert_nonnull(codes);
        g_assert_null(codes[0]);
        g_strfreev(codes);
}

static void test_labels(void)
{
        g_assert_cmpstr(lang_label(de, "signup"), ==, "Jetzt anmelden");
        g_assert_cmpstr(lang_label(en, "signup"), ==, "Sign up now");
        g_assert_cmpstr(lang_label(de, "scan_hint"), ==, "QR-Code scannen");
        g_assert_cmpstr(lang_label(en, "scan_hint"), ==, "Scan to join");
        g_assert_cmpstr(lang_label(de, "free_entry"), ==, "Eintritt frei");
        g_assert_cmpstr(lang_label(en, "free_entry"), ==, "Free entry");
        g_assert_cmpstr(lang_label(de, "everyone_welcome"), ==, "Alle sind willkommen");
        g_assert_cmpstr(lang_label(en, "everyone_welcome"), ==, "Everyone welcome");
        g_assert_cmpstr(lang_label(de, "when"), ==, "Wann?");
        g_assert_cmpstr(lang_label(en, "when"), ==, "When?");
        static const char *const keys[] = {
                "when", "where", "contact", "next_meetings", "signup", "lead", "agenda",
                "goal", "channels", "topic", "woop_wish", "woop_outcome", "woop_obstacles",
                "woop_plan", "scan_hint", "no_more_meetings", "free_entry",
                "everyone_welcome",
        };
        for (size_t i = 0; i < G_N_ELEMENTS(keys); i++) {
                g_assert_true(lang_has_label(de, keys[i]));
                g_assert_true(lang_has_label(en, keys[i]));
        }
        g_assert_false(lang_has_label(de, "no_such_label"));
        g_assert_false(lang_rtl(de));
        g_assert_false(lang_rtl(en));
        g_assert_cmpstr(lang_name(de), ==, "Deutsch");
        g_assert_cmpstr(lang_name(en), ==, "English");
}

static void test_names(void)
{
        g_assert_cmpstr(lang_weekday(de, G_DATE_TUESDAY), ==, "Dienstag");
        g_assert_cmpstr(lang_weekday(en, G_DATE_SUNDAY), ==, "Sunday");
        g_assert_cmpstr(lang_weekday_short(de, G_DATE_TUESDAY), ==, "Di.");
        g_assert_cmpstr(lang_weekday_short(en, G_DATE_TUESDAY), ==, "Tue");
        g_assert_cmpstr(lang_weekday_adverb(de, G_DATE_TUESDAY), ==, "dienstags");
        g_assert_cmpstr(lang_month(de, 3), ==, "März");
        g_assert_cmpstr(lang_month(en, 12), ==, "December");

        static const char *const de_short[] = {
                "Jan.", "Feb.", "März", "Apr.", "Mai", "Juni",
                "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez.",
        };
        for (int m = 1; m <= 12; m++)
                g_assert_cmpstr(lang_month_short(de, m), ==, de_short[m - 1]);
        g_assert_cmpstr(lang_month_short(en, 9), ==, "Sep");

        g_assert_cmpstr(lang_ordinal(de, 2), ==, "2.");
        g_assert_cmpstr(lang_ordinal(de, -1), ==, "letzten");
        g_assert_cmpstr(lang_ordinal(en, -1), ==, "last");
        static const struct { int n; const char *s; } en_ord[] = {
                { 1, "1st" },   { 2, "2nd" },   { 3, "3rd" },   { 4, "4th" },
                { 5, "5th" },   { 11, "11th" }, { 12, "12th" }, { 13, "13th" },
                { 21, "21st" }, { 22, "22nd" }, { 23, "23rd" }, { 31, "31st" },
        };
        for (size_t i = 0; i < G_N_ELEMENTS(en_ord); i++)
                g_assert_cmpstr(lang_ordinal(en, en_ord[i].n), ==, en_ord[i].s);
}

static void check_date(const struct lang *l, const char *iso, enum lang_date_style st,
                       const char *want)
{
        int y, m, dd;
        g_assert_cmpint(sscanf(iso, "%d-%d-%d", &y, &m, &dd), ==, 3);
        GDate d;
        g_date_clear(&d, 1);
        g_date_set_dmy(&d, (GDateDay)dd, (GDateMonth)m, (GDateYear)y);
        char *got = lang_date(l, &d, st);
        g_assert_cmpstr(got, ==, want);
        g_free(got);
}

static void test_dates(void)
{
        check_date(de, "2027-01-12", LANG_DATE_SHORT, "12. Jan.");
        check_date(en, "2027-01-12", LANG_DATE_SHORT, "12 Jan");
        check_date(de, "2027-01-12", LANG_DATE_LONG, "12. Januar 2027");
        check_date(en, "2027-01-12", LANG_DATE_LONG, "12 January 2027");
        check_date(de, "2027-01-12", LANG_DATE_WEEKDAY, "Di., 12. Jan.");
        check_date(en, "2027-01-12", LANG_DATE_WEEKDAY, "Tue, 12 Jan");
        check_date(de, "2027-01-12", LANG_DATE_FULL, "Dienstag, 12. Januar 2027");
        check_date(en, "2027-01-12", LANG_DATE_FULL, "Tuesday, 12 January 2027");
        check_date(de, "2027-03-09", LANG_DATE_LIST, "9. März");
        check_date(de, "2027-03-09", LANG_DATE_LIST_YEAR, "9. März 2027");
        check_date(en, "2028-02-29", LANG_DATE_LIST_YEAR, "29 Feb 2028");

        GDate d;
        g_date_clear(&d, 1);
        g_date_set_dmy(&d, 5, 7, 2027);
        char *s = lang_date_fmt(de, &d, "{dd}.{mm}.{year} ({wd})");
        g_assert_cmpstr(s, ==, "05.07.2027 (Mo.)");
        g_free(s);
}

static void check_time(const struct lang *l, int start, int end, const char *want)
{
        char *got = end == -2 ? lang_time(l, start) : lang_time_range(l, start, end);
        g_assert_cmpstr(got, ==, want);
        g_free(got);
}

#define HM(h, m) ((h) * 60 + (m))

static void test_times(void)
{
        check_time(de, HM(18, 30), -2, "18:30");
        check_time(de, HM(9, 5), -2, "9:05");
        check_time(de, HM(0, 0), -2, "0:00");
        check_time(de, HM(18, 30), -1, "18:30 Uhr");
        check_time(de, HM(18, 30), HM(20, 0), "18:30–20:00 Uhr");

        check_time(en, HM(18, 30), -2, "6:30 pm");
        check_time(en, HM(20, 0), -2, "8 pm");
        check_time(en, HM(0, 0), -2, "12 am");
        check_time(en, HM(0, 30), -2, "12:30 am");
        check_time(en, HM(12, 0), -2, "12 pm");
        check_time(en, HM(11, 59), -2, "11:59 am");
        check_time(en, HM(18, 30), -1, "6:30 pm");
        check_time(en, HM(18, 30), HM(20, 0), "6:30–8 pm");
        check_time(en, HM(11, 0), HM(13, 0), "11 am–1 pm");
        check_time(en, HM(9, 0), HM(10, 30), "9–10:30 am");
        /* Past midnight. */
        check_time(en, HM(23, 0), HM(24, 30), "11 pm–12:30 am");
        check_time(de, HM(23, 0), HM(24, 30), "23:00–0:30 Uhr");
}

/* A label that ends in its own mark takes no colon, also with a space
 * typed after it ("Mach mit! " read "Mach mit! : https://..."). */
static void test_colon_after(void)
{
        g_assert_cmpstr(lang_colon_after("Unser Ziel"), ==, ":");
        g_assert_cmpstr(lang_colon_after("Wann?"), ==, "");
        g_assert_cmpstr(lang_colon_after("Mach mit!"), ==, "");
        g_assert_cmpstr(lang_colon_after("Anmeldung:"), ==, "");
        g_assert_cmpstr(lang_colon_after("Mach mit! "), ==, "");
        g_assert_cmpstr(lang_colon_after("Anmeldung:\t "), ==, "");
        g_assert_cmpstr(lang_colon_after("Mehr…"), ==, "");
        g_assert_cmpstr(lang_colon_after("Jetzt anmelden →"), ==, "");
        g_assert_cmpstr(lang_colon_after("参加する？"), ==, "");
        g_assert_cmpstr(lang_colon_after("Dabei?)"), ==, ":");
        g_assert_cmpstr(lang_colon_after("Café"), ==, ":");
        g_assert_cmpstr(lang_colon_after(""), ==, ":");
        g_assert_cmpstr(lang_colon_after(NULL), ==, ":");
}

static void test_fill(void)
{
        const char *pairs[] = { "a", "1", "bb", "zwei", NULL };
        char *s = lang_fill("{a}-{bb}-{c}-{a", pairs);
        g_assert_cmpstr(s, ==, "1-zwei-{c}-{a");
        g_free(s);
        s = lang_fill("", pairs);
        g_assert_cmpstr(s, ==, "");
        g_free(s);
}

/* ---- broken files ----------------------------------------------------------- */

/* Write text as dir/code.cfg, load it, and return the messages joined by
 * newlines (caller frees); *loaded says whether lang_load succeeded. */
static char *load_text(const char *text, bool *loaded)
{
        char *dir = g_dir_make_tmp("plakat-lang-XXXXXX", NULL);
        g_assert_nonnull(dir);
        char *path = g_build_filename(dir, "xx.cfg", NULL);
        g_assert_true(g_file_set_contents(path, text, -1, NULL));
        struct diag d;
        diag_init(&d, NULL);
        struct lang *l = lang_load(dir, "xx", &d);
        *loaded = l != NULL;
        lang_free(l);
        GString *out = g_string_new(NULL);
        for (size_t i = 0; i < d.n; i++) {
                /* The folder differs run to run; keep the name from it on. */
                const char *t = d.msgs[i].text;
                const char *rel = g_str_has_prefix(t, dir) ? t + strlen(dir) + 1 : t;
                g_string_append_printf(out, "%s%s", i ? "\n" : "", rel);
        }
        diag_clear(&d);
        g_unlink(path);
        g_rmdir(dir);
        g_free(path);
        g_free(dir);
        return g_string_free(out, FALSE);
}

/* The shipped de.cfg with `from` replaced by `to` (once). */
static char *de_with(const char *from, const char *to)
{
        char *text = NULL;
        g_assert_true(g_file_get_contents("lang/de.cfg", &text, NULL, NULL));
        char *at = strstr(text, from);
        g_assert_nonnull(at);
        *at = '\0';
        char *out = g_strconcat(text, to, at + strlen(from), NULL);
        g_free(text);
        return out;
}

/* The line of the first occurrence of s in lang/de.cfg. */
static int de_line(const char *s)
{
        char *text = NULL;
        g_assert_true(g_file_get_contents("lang/de.cfg", &text, NULL, NULL));
        char *at = strstr(text, s);
        g_assert_nonnull(at);
        int line = 1;
        for (char *p = text; p < at; p++)
                line += *p == '\n';
        g_free(text);
        return line;
}

static void test_syntax_error(void)
{
        bool ok;
        char *msg = load_text("name = \"X\";\nrtl = false;\nlabels = {\n  when = ;\n};\n", &ok);
        g_assert_false(ok);
        g_assert_cmpstr(msg, ==, "xx.cfg:4: syntax error: look for a missing quote or bracket here or just above");
        g_free(msg);
}

static void test_missing_key(void)
{
        bool ok;
        char *text = de_with("  signup           = \"Jetzt anmelden\";\n", "");
        char *msg = load_text(text, &ok);
        g_assert_false(ok);
        char *want = g_strdup_printf("xx.cfg:%d: labels.signup: missing; every language "
                                     "file needs it", de_line("labels = {"));
        g_assert_cmpstr(msg, ==, want);
        g_free(want);
        g_free(msg);
        g_free(text);

        /* A missing top-level setting has no line of its own. */
        text = de_with("ordinal_last = \"letzten\";", "");
        msg = load_text(text, &ok);
        g_assert_false(ok);
        g_assert_cmpstr(msg, ==, "xx.cfg: ordinal_last: missing; every language file needs it");
        g_free(msg);
        g_free(text);
}

static void test_wrong_types(void)
{
        bool ok;
        char *text = de_with("\"Nov.\", \"Dez.\"]", "\"Nov.\"]");
        char *msg = load_text(text, &ok);
        g_assert_false(ok);
        char *want = g_strdup_printf("xx.cfg:%d: months_short: expected a list of 12 strings",
                                     de_line("months_short"));
        g_assert_cmpstr(msg, ==, want);
        g_free(want);
        g_free(msg);
        g_free(text);

        text = de_with("clock          = 24;", "clock          = 13;");
        msg = load_text(text, &ok);
        g_assert_false(ok);
        want = g_strdup_printf("xx.cfg:%d: time.clock: expected 12 or 24", de_line("clock"));
        g_assert_cmpstr(msg, ==, want);
        g_free(want);
        g_free(msg);
        g_free(text);

        text = de_with("when             = \"Wann?\";", "when             = 3;");
        msg = load_text(text, &ok);
        g_assert_false(ok);
        want = g_strdup_printf("xx.cfg:%d: labels.when: expected a string",
                               de_line("when             ="));
        g_assert_cmpstr(msg, ==, want);
        g_free(want);
        g_free(msg);
        g_free(text);
}

static void test_unknown_placeholder(void)
{
        bool ok;
        char *text = de_with("\"Jeden {weekday}, {time}\"", "\"Jeden {weekdy}, {time}\"");
        char *msg = load_text(text, &ok);
        g_assert_false(ok);
        char *want = g_strdup_printf(
                "xx.cfg:%d: schedule.weekly: unknown placeholder {weekdy}; known: {date} "
                "{time} {weekday} {weekdays} {ordinal} {day} {interval} {count} {rule}",
                de_line("weekly         ="));
        g_assert_cmpstr(msg, ==, want);
        g_free(want);
        g_free(msg);
        g_free(text);

        text = de_with("\"{d}. {month} {year}\"", "\"{d}. {monht} {year}\"");
        msg = load_text(text, &ok);
        g_assert_false(ok);
        g_assert_true(strstr(msg, "dates.long: unknown placeholder {monht}") != NULL);
        g_free(msg);
        g_free(text);
}

static void test_unknown_setting_warns(void)
{
        bool ok;
        char *text = de_with("rtl  = false;", "rtl  = false;\nmonth = [];");
        char *msg = load_text(text, &ok);
        g_assert_true(ok); /* a warning does not refuse */
        char *want = g_strdup_printf("xx.cfg:%d: warning: month: unknown setting; did you "
                                     "mean months?", de_line("rtl  =") + 1);
        g_assert_cmpstr(msg, ==, want);
        g_free(want);
        g_free(msg);
        g_free(text);
}

static void test_every_problem_reported(void)
{
        /* Two problems: both are reported, not just the first. */
        bool ok;
        char *a = de_with("  signup           = \"Jetzt anmelden\";\n", "");
        char *text = g_strconcat(a, "", NULL);
        g_free(a);
        char *b = strstr(text, "clock          = 24;");
        g_assert_nonnull(b);
        memcpy(b, "clock          = 99;", strlen("clock          = 99;"));
        char *msg = load_text(text, &ok);
        g_assert_false(ok);
        g_assert_true(strstr(msg, "labels.signup: missing") != NULL);
        g_assert_true(strstr(msg, "time.clock: expected 12 or 24") != NULL);
        g_free(msg);
        g_free(text);
}

static void test_bom_and_utf8(void)
{
        bool ok;
        char *de_text = de_with("name = ", "name = ");
        char *text = g_strconcat("\xEF\xBB\xBF", de_text, NULL);
        char *msg = load_text(text, &ok);
        g_assert_true(ok);
        g_assert_cmpstr(msg, ==, "");
        g_free(msg);
        g_free(text);
        g_free(de_text);

        msg = load_text("name = \"X\";\n# caf\xE9\n", &ok);
        g_assert_false(ok);
        g_assert_cmpstr(msg, ==, "xx.cfg:2: file is not valid UTF-8 (byte 0xE9); save it as UTF-8");
        g_free(msg);
}

static void test_missing_file_and_bad_code(void)
{
        struct diag d;
        diag_init(&d, NULL);
        g_assert_null(lang_load("lang", "zz", &d));
        g_assert_cmpuint(d.errors, ==, 1);
        g_assert_true(g_str_has_prefix(d.msgs[0].text, "lang/zz.cfg: cannot open: "));
        diag_clear(&d);

        /* A code from a community file must not reach outside the folder. */
        g_assert_null(lang_load("lang", "../lang/de", &d));
        g_assert_cmpuint(d.errors, ==, 1);
        g_assert_cmpstr(d.msgs[0].text, ==,
                        "language: \"../lang/de\" is not a language code (letters, digits, "
                        "'-' and '_')");
        diag_clear(&d);
        g_assert_null(lang_load("lang", "", &d));
        diag_clear(&d);
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

        g_test_add_func("/lang/shipped-load-cleanly", test_shipped_load_cleanly);
        g_test_add_func("/lang/list-sorted", test_list_sorted);
        g_test_add_func("/lang/labels", test_labels);
        g_test_add_func("/lang/names", test_names);
        g_test_add_func("/lang/dates", test_dates);
        g_test_add_func("/lang/times", test_times);
        g_test_add_func("/lang/fill", test_fill);
        g_test_add_func("/lang/colon-after", test_colon_after);
        g_test_add_func("/lang/syntax-error", test_syntax_error);
        g_test_add_func("/lang/missing-key", test_missing_key);
        g_test_add_func("/lang/wrong-types", test_wrong_types);
        g_test_add_func("/lang/unknown-placeholder", test_unknown_placeholder);
        g_test_add_func("/lang/unknown-setting-warns", test_unknown_setting_warns);
        g_test_add_func("/lang/every-problem-reported", test_every_problem_reported);
        g_test_add_func("/lang/bom-and-utf8", test_bom_and_utf8);
        g_test_add_func("/lang/missing-file-and-bad-code", test_missing_file_and_bad_code);
        int rc = g_test_run();

        lang_free(de);
        lang_free(en);
        diag_clear(&d);
        return rc;
}
