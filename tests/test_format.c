/* test_format.c: format.c: the formats file from a string (unknown keys
 * warn with line and did-you-mean, bad values are refused with their
 * messages) and what a -f name asks for. */
#include "diag.h"
#include "format.h"
#include "testlib.h"

#include <string.h>

#define A3 "  { name = \"a3\"; kind = \"print\"; family = \"portrait\"; width = 297; height = 420; qr_min = 40;\n" \
           "    description = \"A3 poster\"; },\n"
#define INSTAGRAM "  { name = \"instagram\"; kind = \"screen\"; family = \"square\"; width = 1080; height = 1080.0;\n" \
                  "    qr_min = 200; }\n"

/* Load text as "f.cfg"; d initialised here, cleared by the caller. */
static bool load(const char *text, struct formats *fs, struct diag *d)
{
        diag_init(d, NULL);
        return formats_load_string(text, "f.cfg", fs, d);
}

static void test_shipped_file_loads_cleanly(void)
{
        struct formats fs;
        struct diag d;
        diag_init(&d, NULL);
        g_assert_true(formats_load("formats/formats.cfg", &fs, &d));
        g_assert_cmpuint(d.n, ==, 0); /* not even a warning */
        g_assert_cmpuint(fs.n, >=, 10);
        const struct format *story = formats_find(&fs, "story");
        g_assert_nonnull(story);
        g_assert_cmpfloat(story->safe_top, ==, 250);
        g_assert_cmpfloat(story->safe_bottom, ==, 250);
        formats_clear(&fs);
        diag_clear(&d);
}

static void test_values(void)
{
        struct formats fs;
        struct diag d;
        g_assert_true(load("formats = (\n" A3 INSTAGRAM ");\n", &fs, &d));
        g_assert_cmpuint(d.n, ==, 0);
        g_assert_cmpuint(fs.n, ==, 2);
        const struct format *a3 = &fs.f[0], *ig = &fs.f[1];
        g_assert_cmpstr(a3->name, ==, "a3");
        g_assert_cmpstr(a3->description, ==, "A3 poster");
        g_assert_true(a3->print);
        g_assert_cmpint(a3->family, ==, FAMILY_PORTRAIT);
        g_assert_cmpfloat(a3->width, ==, 297);
        g_assert_cmpfloat(a3->height, ==, 420);
        g_assert_cmpfloat(a3->qr_min, ==, 40);
        g_assert_cmpstr(ig->description, ==, ""); /* optional */
        g_assert_false(ig->print);
        g_assert_cmpint(ig->family, ==, FAMILY_SQUARE);
        g_assert_cmpfloat(ig->height, ==, 1080); /* 1080.0 is a number too */
        g_assert_cmpfloat(ig->safe_top, ==, 0);
        formats_clear(&fs);
        diag_clear(&d);
}

static void test_unknown_keys_warn(void)
{
        static const char text[] =
                "formats = (\n"
                A3
                "  { name = \"story\"; kind = \"screen\"; family = \"story\"; width = 1080; height = 1920;\n"
                "    qr_mni = 260; qr_min = 260;\n"
                "    saftey_top = 250; safe_bottom = 250;\n"
                "    descripton = \"Story\"; colour = \"red\"; }\n"
                ");\n"
                "fromats = ();\n";
        struct formats fs;
        struct diag d;
        g_assert_true(load(text, &fs, &d)); /* warnings refuse nothing */
        g_assert_cmpuint(fs.n, ==, 2);
        g_assert_cmpuint(d.errors, ==, 0);
        g_assert_cmpuint(d.warnings, ==, 5);
        g_assert_cmpstr(d.msgs[0].text, ==, "f.cfg:9: warning: fromats: unknown setting; did you mean formats?");
        g_assert_cmpstr(d.msgs[1].text, ==,
                        "f.cfg:5: warning: formats[story].qr_mni: unknown setting; did you mean qr_min?");
        g_assert_cmpstr(d.msgs[2].text, ==,
                        "f.cfg:6: warning: formats[story].saftey_top: unknown setting; did you mean safe_top?");
        g_assert_cmpstr(d.msgs[3].text, ==,
                        "f.cfg:7: warning: formats[story].descripton: unknown setting; did you mean description?");
        g_assert_cmpstr(d.msgs[4].text, ==, "f.cfg:7: warning: formats[story].colour: unknown setting");
        /* The misspelt key was not taken for the right one. */
        g_assert_cmpfloat(formats_find(&fs, "story")->safe_top, ==, 0);
        formats_clear(&fs);
        diag_clear(&d);
}

/* text is refused with exactly the messages want (NULL-terminated). */
static void refused(const char *text, const char *const *want)
{
        struct formats fs;
        struct diag d;
        g_assert_false(load(text, &fs, &d));
        g_assert_cmpuint(fs.n, ==, 0);
        g_assert_null(fs.f);
        size_t n = 0;
        while (want[n])
                n++;
        for (size_t i = 0; i < d.n && i < n; i++)
                g_assert_cmpstr(d.msgs[i].text, ==, want[i]);
        g_assert_cmpuint(d.n, ==, n);
        g_assert_cmpuint(d.errors, ==, n);
        diag_clear(&d);
}

static void test_bad_values_refused(void)
{
        static const char bad[] =
                "formats = (\n"
                A3
                "  { name = \"x\"; kind = \"prnt\"; family = \"portait\"; width = 0; height = \"420\";\n"
                "    qr_min = 1e9; safe_top = -1; }\n"
                ");\n";
        static const char *const want[] = {
                "f.cfg:4: formats[x].kind: expected one of \"print\", \"screen\", \"sheet\", found \"prnt\"",
                "f.cfg:4: formats[x].family: expected one of \"portrait\", \"square\", \"landscape\", \"story\", \"card\", found \"portait\"",
                "f.cfg:4: formats[x].width: expected a number from 1 to 20000, found 0",
                "f.cfg:4: formats[x].height: expected a number, found a string",
                "f.cfg:5: formats[x].qr_min: expected a number from 0 to 20000, found 1e+09",
                "f.cfg:5: formats[x].safe_top: expected a number from 0 to 20000, found -1",
                NULL,
        };
        refused(bad, want);

        static const char missing[] = "formats = (\n" A3 "  { name = \"y\"; kind = \"screen\"; }\n);\n";
        static const char *const want_missing[] = {
                "f.cfg:4: formats[y].family: missing; this setting is required",
                "f.cfg:4: formats[y].width: missing; this setting is required",
                "f.cfg:4: formats[y].height: missing; this setting is required",
                "f.cfg:4: formats[y].qr_min: missing; this setting is required",
                NULL,
        };
        refused(missing, want_missing);

        static const char *const want_none[] = {
                "f.cfg: formats: expected a list of formats ( { name = ...; }, ... ), found nothing", NULL,
        };
        refused("# nothing\n", want_none);
        static const char *const want_group[] = {
                "f.cfg:1: formats: expected a list of formats ( { name = ...; }, ... ), found a group", NULL,
        };
        refused("formats = { a3 = 1; };\n", want_group);
        static const char *const want_elem[] = {
                "f.cfg:1: formats[2]: expected a format { name = ...; }, found a string", NULL,
        };
        refused("formats = ( { name = \"a\"; kind = \"print\"; family = \"square\"; width = 1; height = 1; "
                "qr_min = 1; }, \"b\" );\n", want_elem);
        static const char *const want_syntax[] = {
                "f.cfg:2: syntax error: look for a missing quote or bracket here or just above", NULL,
        };
        refused("formats = (\n  { name = \"a\"; kind = ; }\n);\n", want_syntax);
}

static void test_request(void)
{
        struct formats fs;
        struct diag d;
        g_assert_true(load("formats = (\n" A3 INSTAGRAM ");\n", &fs, &d));
        bool preview = true;
        const struct format *f = formats_request(&fs, "a3", &preview);
        g_assert_nonnull(f);
        g_assert_cmpstr(f->name, ==, "a3");
        g_assert_false(preview);
        g_assert_cmpint(format_output(f, preview), ==, OUTPUT_PDF);

        f = formats_request(&fs, "a3-png", &preview);
        g_assert_nonnull(f);
        g_assert_cmpstr(f->name, ==, "a3");
        g_assert_true(preview);
        g_assert_cmpint(format_output(f, preview), ==, OUTPUT_PNG);

        /* A screen format is a PNG already: it has no preview. */
        g_assert_null(formats_request(&fs, "instagram-png", &preview));
        f = formats_request(&fs, "instagram", &preview);
        g_assert_nonnull(f);
        g_assert_false(preview);
        g_assert_cmpint(format_output(f, preview), ==, OUTPUT_PNG);

        g_assert_null(formats_request(&fs, "a7", &preview));
        g_assert_null(formats_request(&fs, "a7-png", &preview));
        g_assert_null(formats_request(&fs, "-png", &preview));
        g_assert_null(formats_request(&fs, "all", &preview));
        formats_clear(&fs);
        diag_clear(&d);
}

int main(int argc, char **argv)
{
        test_init(&argc, &argv);
        g_test_add_func("/format/shipped-file-loads-cleanly", test_shipped_file_loads_cleanly);
        g_test_add_func("/format/values", test_values);
        g_test_add_func("/format/unknown-keys-warn", test_unknown_keys_warn);
        g_test_add_func("/format/bad-values-refused", test_bad_values_refused);
        g_test_add_func("/format/request", test_request);
        return g_test_run();
}
