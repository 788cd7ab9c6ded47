/* test_cli.c: the command line -> struct cli (src/cli.c). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "testlib.h"

/* Parse a NULL-terminated list of words; the messages land in *err_text. */
static int parse(struct cli *cli, char **err_text, ...)
{
        char *argv[32];
        int argc = 0;
        argv[argc++] = "plakat";
        va_list ap;
        va_start(ap, err_text);
        for (char *w; (w = va_arg(ap, char *)) && argc < 31;)
                argv[argc++] = w;
        va_end(ap);
        argv[argc] = NULL;
        char *buf = NULL;
        size_t len = 0;
        FILE *err = open_memstream(&buf, &len);
        FILE *out = fopen("/dev/null", "w");
        int rc = cli_parse(argc, argv, cli, out, err);
        fclose(err);
        fclose(out);
        *err_text = g_strdup(buf);
        free(buf);
        return rc;
}

static void test_defaults(void)
{
        struct cli c;
        char *err;
        g_assert_cmpint(parse(&c, &err, "render", "a.cfg", NULL), ==, -1);
        g_assert_cmpstr(err, ==, "");
        g_assert_cmpstr(c.command, ==, "render");
        g_assert_cmpuint(g_strv_length(c.files), ==, 1);
        g_assert_cmpstr(c.files[0], ==, "a.cfg");
        g_assert_cmpuint(g_strv_length(c.formats), ==, 2);
        g_assert_cmpstr(c.formats[0], ==, "a3");
        g_assert_cmpstr(c.formats[1], ==, "instagram");
        g_assert_cmpstr(c.outdir, ==, "out");
        g_assert_null(c.layout);
        g_assert_true(g_date_valid(&c.today));
        g_assert_false(c.quiet || c.marks || c.allow_outside);
        cli_clear(&c);
        g_free(err);
}

static void test_options_anywhere(void)
{
        struct cli c;
        char *err;
        int rc = parse(&c, &err, "-q", "render", "a.cfg", "-f", "a3, a3-png", "--today=2027-02-28",
                       "b.cfg", "--marks", "--bleed", "3", "--dpi", "300", "-o", "x", "-l", "minimal",
                       "--allow-outside-paths", "--", "-c.cfg", NULL);
        g_assert_cmpint(rc, ==, -1);
        g_assert_true(c.quiet && c.marks && c.allow_outside);
        g_assert_cmpuint(g_strv_length(c.files), ==, 3);
        g_assert_cmpstr(c.files[2], ==, "-c.cfg");
        g_assert_cmpstr(c.formats[1], ==, "a3-png");
        g_assert_cmpint(g_date_get_day(&c.today), ==, 28);
        g_assert_cmpfloat(c.bleed_mm, ==, 3);
        g_assert_cmpfloat(c.dpi, ==, 300);
        g_assert_cmpstr(c.outdir, ==, "x");
        g_assert_cmpstr(c.layout, ==, "minimal");
        cli_clear(&c);
        g_free(err);
}

static void test_mistakes(void)
{
        static const char *const cases[][4] = {
                {"check", NULL, NULL, "plakat: check: no community file given\n"},
                {"chekc", "a.cfg", NULL, "plakat: unknown command \"chekc\"; did you mean \"check\"?\n"},
                {"a.cfg", NULL, NULL, "plakat: unknown command \"a.cfg\"; did you mean \"plakat check a.cfg\"?\n"},
                {"check", "--tody=2027-01-01", "a.cfg",
                 "plakat: unknown option \"--tody\"; did you mean \"--today\"?\n"},
                {"check", "--fo=x", "a.cfg", "plakat: option \"--fo=x\" is ambiguous: --format, --fonts, --force\n"},
                {"check", "--lay=x", "a.cfg", "plakat: option \"--lay=x\" is ambiguous: --layout, --layouts\n"},
                {"check", "--marks=yes", "a.cfg", "plakat: option \"--marks\" takes no value\n"},
                {"check", "-x", "a.cfg", "plakat: unknown option \"-x\"\n"},
                {"check", "a.cfg", "-o", "plakat: option \"-o\" needs a value\n"},
                {"check", "--today=2027-13-01", "a.cfg",
                 "plakat: --today: no such date \"2027-13-01\": there is no month 13 (months are 01 to 12)\n"},
                {"check", "--today=2027-02-29", "a.cfg",
                 "plakat: --today: no such date \"2027-02-29\": February 2027 has 28 days\n"},
                {"check", "--today=1.1.2027", "a.cfg",
                 "plakat: --today: expected a date as YYYY-MM-DD, found \"1.1.2027\"\n"},
                {"check", "--dpi=lots", "a.cfg",
                 "plakat: --dpi: expected a number from 10 to 1200, found \"lots\"\n"},
                {"check", "--bleed=-3", "a.cfg",
                 "plakat: --bleed: expected millimetres from 0 to 20, found \"-3\"\n"},
                {"check", "--layouts=/no/such/folder", "a.cfg",
                 "plakat: --layouts: \"/no/such/folder\" is not a folder\n"},
                {"layouts", "a.cfg", NULL, "plakat: layouts takes no files\n"},
        };
        for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
                struct cli c;
                char *err;
                int rc = parse(&c, &err, cases[i][0], cases[i][1], cases[i][2], NULL);
                g_assert_cmpint(rc, ==, CLI_EXIT_USAGE);
                char *want = g_strconcat(cases[i][3], "Try 'plakat --help' for more information.\n", NULL);
                g_assert_cmpstr(err, ==, want);
                g_free(want);
                g_free(err);
                g_assert_null(c.command);
        }
}

/* --today says what is wrong with a date, in the words of community.c. */
static void test_date_problem(void)
{
        static const char *const cases[][2] = {
                {"2027-01-31", NULL},
                {"2028-02-29", NULL},
                {"2027-13-01", "no such date \"2027-13-01\": there is no month 13 (months are 01 to 12)"},
                {"2027-00-10", "no such date \"2027-00-10\": there is no month 0 (months are 01 to 12)"},
                {"2027-02-29", "no such date \"2027-02-29\": February 2027 has 28 days"},
                {"2027-04-31", "no such date \"2027-04-31\": April 2027 has 30 days"},
                {"2027-01-00", "no such date \"2027-01-00\": January 2027 has 31 days"},
                {"0000-01-01", "no such date \"0000-01-01\": there is no year 0"},
                {"12.01.2027", "expected a date as YYYY-MM-DD, found \"12.01.2027\""},
                {"2027-1-1", "expected a date as YYYY-MM-DD, found \"2027-1-1\""},
                {"", "expected a date as YYYY-MM-DD, found \"\""},
        };
        for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
                char *why = cli_date_problem(cases[i][0]);
                g_assert_cmpstr(why, ==, cases[i][1]);
                g_free(why);
        }
}

/* --layouts, like --fonts, is repeatable and kept in order. */
static void test_layout_dirs(void)
{
        struct cli c;
        char *err;
        const char *tmp = g_get_tmp_dir();
        g_assert_cmpint(parse(&c, &err, "render", "--layouts", tmp, "a.cfg", "--layouts=.", NULL), ==, -1);
        g_assert_cmpstr(err, ==, "");
        g_assert_cmpuint(g_strv_length(c.layout_dirs), ==, 2);
        g_assert_cmpstr(c.layout_dirs[0], ==, tmp);
        g_assert_cmpstr(c.layout_dirs[1], ==, ".");
        g_assert_cmpuint(g_strv_length(c.files), ==, 1);
        cli_clear(&c);
        g_free(err);
        g_assert_cmpint(parse(&c, &err, "check", "a.cfg", NULL), ==, -1);
        g_assert_nonnull(c.layout_dirs);
        g_assert_null(c.layout_dirs[0]);
        cli_clear(&c);
        g_free(err);
}

static void test_help_version(void)
{
        struct cli c;
        char *err;
        g_assert_cmpint(parse(&c, &err, "--help", NULL), ==, CLI_EXIT_OK);
        g_free(err);
        g_assert_cmpint(parse(&c, &err, "render", "-V", NULL), ==, CLI_EXIT_OK);
        g_assert_cmpstr(err, ==, "");
        g_free(err);
}

int main(int argc, char **argv)
{
        test_init(&argc, &argv);
        g_test_add_func("/cli/defaults", test_defaults);
        g_test_add_func("/cli/options_anywhere", test_options_anywhere);
        g_test_add_func("/cli/mistakes", test_mistakes);
        g_test_add_func("/cli/help_version", test_help_version);
        g_test_add_func("/cli/date_problem", test_date_problem);
        g_test_add_func("/cli/layout_dirs", test_layout_dirs);
        return g_test_run();
}
