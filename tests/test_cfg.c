/* test_cfg.c: cfg.c: the checks before libconfig sees a byte (limits,
 * BOM and CRLF, encoding, @include, syntax errors in words) and every
 * walker function with its exact message. */
#include "cfg.h"
#include "diag.h"
#include "testlib.h"

#include <glib/gstdio.h>
#include <string.h>

static const struct cfg_limits lim = { 1000, 20, "a test file" };

/* Parse text (strlen) as "t.cfg" into a fresh cfg; messages into d. */
static bool parse(config_t *cfg, const char *text, struct diag *d)
{
        config_init(cfg);
        diag_init(d, NULL);
        return cfg_parse(cfg, text, strlen(text), "t.cfg", &lim, d);
}

/* The single message of d, which must have exactly one. */
static const char *only(const struct diag *d)
{
        g_assert_cmpuint(d->n, ==, 1);
        return d->msgs[0].text;
}

static void done(config_t *cfg, struct diag *d)
{
        config_destroy(cfg);
        diag_clear(d);
}

/* Refused before libconfig with exactly message want. */
static void refused(const char *text, size_t len, const char *want)
{
        config_t cfg;
        struct diag d;
        config_init(&cfg);
        diag_init(&d, NULL);
        g_assert_false(cfg_parse(&cfg, text, len, "t.cfg", &lim, &d));
        g_assert_cmpuint(d.errors, ==, 1);
        g_assert_cmpstr(only(&d), ==, want);
        done(&cfg, &d);
}

/* ---- reading ------------------------------------------------------------------ */

static void test_limits(void)
{
        char *big = g_strnfill(1001, ' ');
        refused(big, 1001, "t.cfg: file is 1001 bytes; at most 1000 are allowed");
        g_free(big);

        /* At the limit is fine: exactly 1000 bytes, exactly 20 settings. */
        GString *s = g_string_new(NULL);
        for (int i = 0; i < 20; i++)
                g_string_append_printf(s, "k%d = %d;\n", i, i);
        config_t cfg;
        struct diag d;
        g_assert_true(parse(&cfg, s->str, &d));
        g_assert_cmpuint(d.n, ==, 0);
        done(&cfg, &d);
        char *pad = g_strnfill(999 - s->len, '#');
        g_string_append(s, pad);
        g_string_append_c(s, '\n'); /* libconfig needs it after a comment */
        g_free(pad);
        g_assert_cmpuint(s->len, ==, 1000);
        g_assert_true(parse(&cfg, s->str, &d));
        done(&cfg, &d);

        /* The 21st setting, on line 21; "=" in strings and comments does
         * not count. */
        g_string_truncate(s, 0);
        g_string_append(s, "a = \"x = y\"; # b = 1\n/* c = 2 */\n");
        for (int i = 0; i < 20; i++)
                g_string_append_printf(s, "k%d = %d;\n", i, i);
        refused(s->str, s->len, "t.cfg:22: more than 20 settings; a test file needs far fewer");
        g_string_free(s, TRUE);
}

static void test_bom_and_crlf(void)
{
        config_t cfg;
        struct diag d;
        g_assert_true(parse(&cfg, "\xEF\xBB\xBF" "a = \"x\r\ny\";\r\nb = 2;\r\n", &d));
        g_assert_cmpuint(d.n, ==, 0);
        const char *a = NULL;
        g_assert_true(config_lookup_string(&cfg, "a", &a));
        g_assert_cmpstr(a, ==, "x\ny"); /* no "\r" left inside the string */
        g_assert_cmpint(cfg_line(config_lookup(&cfg, "b")), ==, 3); /* CRLF is one line */
        done(&cfg, &d);

        refused("\xFF\xFE" "a\0", 4, "t.cfg:1: file is UTF-16; save it as UTF-8");
        refused("\xFE\xFF" "\0a", 4, "t.cfg:1: file is UTF-16; save it as UTF-8");
}

static void test_encoding(void)
{
        static const char latin1[] = "a = 1;\nb = 2;\nc = \"M\xFCnster\";\n";
        refused(latin1, strlen(latin1), "t.cfg:3: file is not valid UTF-8 (byte 0xFC); save it as UTF-8");
        static const char nul[] = "a = 1;\nb\0 = 2;\n";
        refused(nul, sizeof nul - 1, "t.cfg:2: file contains a NUL byte; is it a text file?");
}

static void test_include_refused(void)
{
        static const char one[] = "a = 1;\n  @include \"/etc/passwd\"\n";
        refused(one, strlen(one), "t.cfg:2: @include is not allowed; a test file must not read other files");

        /* Every such line is named, in any case. */
        config_t cfg;
        struct diag d;
        g_assert_false(parse(&cfg, "@include \"a\"\n\t@INCLUDE \"b\"\n", &d));
        g_assert_cmpuint(d.errors, ==, 2);
        g_assert_cmpstr(d.msgs[1].text, ==,
                        "t.cfg:2: @include is not allowed; a test file must not read other files");
        done(&cfg, &d);
}

static void test_syntax_error_in_words(void)
{
        config_t cfg;
        struct diag d;
        g_assert_false(parse(&cfg, "a = 1;\nb = ;\nc = 2;\n", &d));
        const char *m = only(&d);
        g_assert_true(g_str_has_prefix(m, "t.cfg:2: syntax error: "));
        /* Not libconfig's bare "syntax error": a hint in words. */
        g_assert_cmpstr(m + strlen("t.cfg:2: syntax error: "), !=, "syntax error");
        g_assert_cmpstr(m + strlen("t.cfg:2: syntax error: "), ==, diag_syntax_hint("syntax error"));
        done(&cfg, &d);

        g_assert_false(parse(&cfg, "a = 1;\na = 2;\n", &d));
        g_assert_cmpstr(only(&d), ==, "t.cfg:2: syntax error: a setting is given twice (duplicate setting name)");
        done(&cfg, &d);
}

static void test_load(void)
{
        char *dir = g_dir_make_tmp("test_cfg-XXXXXX", NULL);
        char *path = g_build_filename(dir, "x.cfg", NULL);
        g_assert_true(g_file_set_contents(path, "a = 12;\n", -1, NULL));
        config_t cfg;
        struct diag d;
        config_init(&cfg);
        diag_init(&d, NULL);
        g_assert_true(cfg_load(&cfg, path, &lim, &d));
        g_assert_cmpuint(d.n, ==, 0);
        done(&cfg, &d);

        char *missing = g_build_filename(dir, "missing.cfg", NULL);
        config_init(&cfg);
        diag_init(&d, NULL);
        g_assert_false(cfg_load(&cfg, missing, &lim, &d));
        g_assert_cmpuint(d.errors, ==, 1);
        g_assert_true(g_str_has_prefix(only(&d), missing));
        done(&cfg, &d);

        g_unlink(path);
        g_rmdir(dir);
        g_free(missing);
        g_free(path);
        g_free(dir);
}

/* ---- the walker ------------------------------------------------------------- */

static const char walk_text[] =
        "name = \"x\";\n"                                           /* 1 */
        "pages = (\n"                                               /* 2 */
        "  { family = \"portrait\";\n"                              /* 3 */
        "    elements = ( { name = \"qr\"; size = 12; },\n"         /* 4 */
        "                 { size = 12.5; big = 12L; } ); }\n"       /* 5 */
        ");\n"                                                      /* 6 */
        "g = { s = \"text\"; b = true; i = 3; f = 0.5; arr = [1, 2]; lst = (1, \"a\"); grp = {}; };\n"; /* 7 */

static config_t wcfg;
static struct diag wd;
static const struct cfg_walk w = { "w.cfg", &wd };

static void walk_setup(void)
{
        config_init(&wcfg);
        diag_init(&wd, NULL);
        g_assert_true(cfg_parse(&wcfg, walk_text, strlen(walk_text), "w.cfg", &lim, &wd));
        g_assert_cmpuint(wd.n, ==, 0);
}

static void walk_teardown(void)
{
        config_destroy(&wcfg);
        diag_clear(&wd);
}

static const config_setting_t *at(const char *path)
{
        const config_setting_t *s = config_lookup(&wcfg, path);
        g_assert_nonnull(s);
        return s;
}

static void assert_path(const char *lookup, const char *want)
{
        char *p = cfg_path(at(lookup));
        g_assert_cmpstr(p, ==, want);
        g_free(p);
}

static void test_line_and_path(void)
{
        walk_setup();
        g_assert_cmpint(cfg_line(NULL), ==, 0);
        g_assert_cmpint(cfg_line(at("name")), ==, 1);
        g_assert_cmpint(cfg_line(at("pages.[0].elements.[1].size")), ==, 5);
        g_assert_cmpint(cfg_line(at("g.f")), ==, 7);

        char *root = cfg_path(config_root_setting(&wcfg));
        g_assert_cmpstr(root, ==, "");
        g_free(root);
        assert_path("name", "name");
        assert_path("g.s", "g.s");
        /* A page by its family, an element by its name, else by position. */
        assert_path("pages.[0].elements.[0].size", "pages[portrait].elements[qr].size");
        assert_path("pages.[0].elements.[1].size", "pages[portrait].elements[2].size");
        assert_path("g.lst.[1]", "g.lst[2]");
        walk_teardown();
}

static void test_type_names_and_found(void)
{
        walk_setup();
        static const struct {
                const char *path, *type, *found;
        } cases[] = {
                { "g.grp", "a group", "a group { … }" },
                { "g.i", "an integer", "3" },
                { "pages.[0].elements.[1].big", "an integer", "12" },
                { "g.f", "a number", "0.5" },
                { "g.s", "a string", "\"text\"" },
                { "g.b", "true or false", "true" },
                { "g.arr", "an array", "a list [ … ]" },
                { "g.lst", "a list", "a list ( … )" },
        };
        for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
                g_assert_cmpstr(cfg_type_name(at(cases[i].path)), ==, cases[i].type);
                char *f = cfg_found(at(cases[i].path));
                g_assert_cmpstr(f, ==, cases[i].found);
                g_free(f);
        }
        g_assert_cmpstr(cfg_type_name(NULL), ==, "nothing");
        char *f = cfg_found(NULL);
        g_assert_cmpstr(f, ==, "nothing");
        g_free(f);
        walk_teardown();
}

static void test_numbers(void)
{
        walk_setup();
        g_assert_true(cfg_is_number(at("g.i")));
        g_assert_true(cfg_is_number(at("g.f")));
        g_assert_true(cfg_is_number(at("pages.[0].elements.[1].big")));
        g_assert_false(cfg_is_number(at("g.s")));
        g_assert_false(cfg_is_number(at("g.b")));
        g_assert_false(cfg_is_number(NULL));
        g_assert_cmpfloat(cfg_number_of(at("pages.[0].elements.[0].size")), ==, 12.0);
        g_assert_cmpfloat(cfg_number_of(at("pages.[0].elements.[1].size")), ==, 12.5);
        g_assert_cmpfloat(cfg_number_of(at("pages.[0].elements.[1].big")), ==, 12.0);

        const config_setting_t *g = at("g"), *e = at("pages.[0].elements.[1]");
        double v = -1;
        g_assert_false(cfg_number(&w, g, "absent", 0, 10, &v));
        g_assert_cmpfloat(v, ==, -1); /* absent: untouched, no message */
        g_assert_true(cfg_number(&w, g, "i", 0, 10, &v));
        g_assert_cmpfloat(v, ==, 3);
        g_assert_true(cfg_number(&w, e, "size", 12.5, 12.5, &v)); /* bounds are inclusive */
        g_assert_cmpfloat(v, ==, 12.5);
        g_assert_cmpuint(wd.n, ==, 0);

        g_assert_false(cfg_number(&w, g, "s", 0, 10, &v));
        g_assert_false(cfg_number(&w, g, "f", 1, 20000, &v));
        g_assert_cmpfloat(v, ==, 12.5);
        g_assert_cmpuint(wd.errors, ==, 2);
        g_assert_cmpstr(wd.msgs[0].text, ==, "w.cfg:7: g.s: expected a number, found a string");
        g_assert_cmpstr(wd.msgs[1].text, ==, "w.cfg:7: g.f: expected a number from 1 to 20000, found 0.5");
        walk_teardown();
}

static void test_strings_bools_words(void)
{
        walk_setup();
        const config_setting_t *g = at("g");
        g_assert_cmpstr(cfg_string(&w, g, "s"), ==, "text");
        g_assert_null(cfg_string(&w, g, "absent"));
        bool b = false;
        g_assert_true(cfg_bool(&w, g, "b", &b));
        g_assert_true(b);
        g_assert_false(cfg_bool(&w, g, "absent", &b));
        static const char *const words[] = { "photo", "text", "logo", NULL };
        g_assert_cmpint(cfg_word(&w, g, "s", words, -1), ==, 1);
        g_assert_cmpint(cfg_word(&w, g, "absent", words, 7), ==, 7);
        g_assert_cmpuint(wd.n, ==, 0);

        g_assert_null(cfg_string(&w, g, "i"));
        b = false;
        g_assert_false(cfg_bool(&w, g, "s", &b));
        g_assert_false(b);
        static const char *const kinds[] = { "print", "screen", NULL };
        g_assert_cmpint(cfg_word(&w, g, "s", kinds, -1), ==, -1);
        g_assert_cmpint(cfg_word(&w, g, "f", kinds, -1), ==, -1);
        g_assert_cmpuint(wd.errors, ==, 4);
        g_assert_cmpstr(wd.msgs[0].text, ==, "w.cfg:7: g.i: expected a string, found an integer");
        g_assert_cmpstr(wd.msgs[1].text, ==, "w.cfg:7: g.s: expected true or false, found a string");
        g_assert_cmpstr(wd.msgs[2].text, ==, "w.cfg:7: g.s: expected one of \"print\", \"screen\", found \"text\"");
        g_assert_cmpstr(wd.msgs[3].text, ==, "w.cfg:7: g.f: expected a string, found a number");
        walk_teardown();
}

static void test_report_and_require(void)
{
        walk_setup();
        cfg_error(&w, at("pages.[0].elements.[0]"), "too %s", "big");
        cfg_warn(&w, at("g.b"), "ignored");
        cfg_error(&w, NULL, "no setting");
        cfg_warn(&w, config_root_setting(&wcfg), "the whole file");
        g_assert_nonnull(cfg_require(&w, at("g"), "s"));
        g_assert_null(cfg_require(&w, at("pages.[0].elements.[1]"), "type"));
        g_assert_null(cfg_require(&w, config_root_setting(&wcfg), "topic"));
        g_assert_cmpuint(wd.errors, ==, 4);
        g_assert_cmpuint(wd.warnings, ==, 2);
        g_assert_cmpstr(wd.msgs[0].text, ==, "w.cfg:4: pages[portrait].elements[qr]: too big");
        g_assert_cmpstr(wd.msgs[1].text, ==, "w.cfg:7: warning: g.b: ignored");
        g_assert_cmpstr(wd.msgs[2].text, ==, "w.cfg: no setting");
        g_assert_cmpstr(wd.msgs[3].text, ==, "w.cfg: warning: the whole file");
        g_assert_cmpstr(wd.msgs[4].text, ==,
                        "w.cfg:5: pages[portrait].elements[2].type: missing; this setting is required");
        g_assert_cmpstr(wd.msgs[5].text, ==, "w.cfg: topic: missing; this setting is required");
        walk_teardown();
}

static void test_unknown_keys(void)
{
        walk_setup();
        cfg_unknown(&w, 3, "a.b", "a.c");
        cfg_unknown(&w, 0, "x", NULL);
        g_assert_cmpstr(wd.msgs[0].text, ==, "w.cfg:3: warning: a.b: unknown setting; did you mean a.c?");
        g_assert_cmpstr(wd.msgs[1].text, ==, "w.cfg: warning: x: unknown setting");
        diag_clear(&wd);
        diag_init(&wd, NULL);

        /* All known: quiet. */
        static const char *const all[] = { "s", "b", "i", "f", "arr", "lst", "grp" };
        g_assert_cmpuint(cfg_keys(&w, at("g"), all, G_N_ELEMENTS(all)), ==, 0);
        g_assert_cmpuint(wd.n, ==, 0);

        /* "size" near "sizes"; "big" near nothing; warnings, not errors. */
        static const char *const keys[] = { "name", "sizes", "colour" };
        g_assert_cmpuint(cfg_keys(&w, at("pages.[0].elements.[1]"), keys, G_N_ELEMENTS(keys)), ==, 2);
        g_assert_cmpuint(wd.errors, ==, 0);
        g_assert_cmpuint(wd.warnings, ==, 2);
        g_assert_cmpstr(wd.msgs[0].text, ==,
                        "w.cfg:5: warning: pages[portrait].elements[2].size: unknown setting; did you mean sizes?");
        g_assert_cmpstr(wd.msgs[1].text, ==, "w.cfg:5: warning: pages[portrait].elements[2].big: unknown setting");

        /* List elements have no names: not unknown keys. */
        g_assert_cmpuint(cfg_keys(&w, at("g.lst"), keys, G_N_ELEMENTS(keys)), ==, 0);
        g_assert_cmpuint(cfg_keys(&w, at("g.grp"), NULL, 0), ==, 0);
        walk_teardown();
}

int main(int argc, char **argv)
{
        test_init(&argc, &argv);
        g_test_add_func("/cfg/limits", test_limits);
        g_test_add_func("/cfg/bom-and-crlf", test_bom_and_crlf);
        g_test_add_func("/cfg/encoding", test_encoding);
        g_test_add_func("/cfg/include-refused", test_include_refused);
        g_test_add_func("/cfg/syntax-error-in-words", test_syntax_error_in_words);
        g_test_add_func("/cfg/load", test_load);
        g_test_add_func("/cfg/walk/line-and-path", test_line_and_path);
        g_test_add_func("/cfg/walk/type-names-and-found", test_type_names_and_found);
        g_test_add_func("/cfg/walk/numbers", test_numbers);
        g_test_add_func("/cfg/walk/strings-bools-words", test_strings_bools_words);
        g_test_add_func("/cfg/walk/report-and-require", test_report_and_require);
        g_test_add_func("/cfg/walk/unknown-keys", test_unknown_keys);
        return g_test_run();
}
