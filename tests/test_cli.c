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
                {"chekc", "a.cfg", NULL, "plakat: unknown command \"chekc\"; did you mean 'check'?\n"},
                {"check", "--tody=2027-01-01", "a.cfg",
                 "plakat: unknown option '--tody'; did you mean '--today'?\n"},
                {"check", "--fo=x", "a.cfg", "plakat: option '--fo=x' is ambiguous: --format, --fonts\n"},
                {"check", "--today=2027-13-01", "a.cfg",
                 "plakat: --today: expected a date as YYYY-MM-DD, got \"2027-13-01\"\n"},
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
        return g_test_run();
}
