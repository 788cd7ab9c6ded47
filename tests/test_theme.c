/* test_theme.c: themes files (shipped, from memory, from a file, broken)
 * and the palette a community gets from layout, theme and its own style. */
#include "colour.h"
#include "community.h"
#include "diag.h"
#include "layout.h"
#include "testlib.h"
#include "theme.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

static struct rgb hex(const char *s)
{
        struct rgb c = { 0 };
        g_assert_true(colour_parse(s, &c));
        return c;
}

static void assert_rgb(struct rgb got, const char *want)
{
        struct rgb w = hex(want);
        g_assert_true(got.set);
        g_assert_cmpfloat_with_epsilon(got.r, w.r, 1e-9);
        g_assert_cmpfloat_with_epsilon(got.g, w.g, 1e-9);
        g_assert_cmpfloat_with_epsilon(got.b, w.b, 1e-9);
}

/* Field by field: struct rgb has padding after set, which memcmp would read. */
static void assert_same(struct rgb got, struct rgb want)
{
        g_assert_true(got.set == want.set);
        g_assert_cmpfloat(got.r, ==, want.r);
        g_assert_cmpfloat(got.g, ==, want.g);
        g_assert_cmpfloat(got.b, ==, want.b);
}

/* ---- loading ---------------------------------------------------------------------- */

/* Every shipped theme loads without a word, "default" exists and sets
 * nothing, and the others give text that reads on their colours. */
static void test_shipped(void)
{
        struct diag d;
        diag_init(&d, stderr);
        struct themes ts;
        g_assert_true(themes_load("themes/themes.cfg", &ts, &d));
        g_assert_cmpuint(d.n, ==, 0);
        g_assert_cmpuint(ts.n, >=, 2);
        const struct theme *def = themes_find(&ts, "default");
        g_assert_nonnull(def);
        for (int r = 0; r < ROLE_COUNT; r++)
                g_assert_false(def->colours.c[r].set);
        const struct theme *stadt = themes_find(&ts, "stadt");
        g_assert_nonnull(stadt);
        assert_rgb(stadt->colours.c[ROLE_PRIMARY], "#1D3F8F");
        for (size_t i = 0; i < ts.n; i++) {
                const struct palette *p = &ts.t[i].colours;
                if (p->c[ROLE_PRIMARY].set && p->c[ROLE_ON_PRIMARY].set)
                        g_assert_cmpfloat(colour_contrast(p->c[ROLE_PRIMARY], p->c[ROLE_ON_PRIMARY]), >=, 4.5);
                if (p->c[ROLE_BACKGROUND].set && p->c[ROLE_TEXT].set)
                        g_assert_cmpfloat(colour_contrast(p->c[ROLE_BACKGROUND], p->c[ROLE_TEXT]), >=, 4.5);
        }
        /* A lead may write a name from a fixed set in capitals. */
        g_assert_true(themes_find(&ts, "Stadt") == stadt);
        g_assert_true(themes_find(&ts, "STADT") == stadt);
        g_assert_null(themes_find(&ts, "nope"));
        themes_clear(&ts);
        g_assert_cmpuint(ts.n, ==, 0);
        g_assert_null(ts.t);
        diag_clear(&d);
}

static const char two[] =
        "themes = (\n"
        "  { name = \"meer\"; description = \"sea\";\n"
        "    colors = { primary = \"#003B5C\"; surface = \"#e6f0f5\"; }; },\n"
        "  { name = \"leer\"; }\n"
        ");\n";

static void check_two(const struct themes *ts)
{
        g_assert_cmpuint(ts->n, ==, 2);
        const struct theme *meer = themes_find(ts, "meer");
        g_assert_nonnull(meer);
        g_assert_cmpstr(meer->description, ==, "sea");
        assert_rgb(meer->colours.c[ROLE_PRIMARY], "#003B5C");
        assert_rgb(meer->colours.c[ROLE_SURFACE], "#E6F0F5");
        g_assert_false(meer->colours.c[ROLE_ACCENT].set);
        const struct theme *leer = themes_find(ts, "leer");
        g_assert_cmpstr(leer->description, ==, "");
        for (int r = 0; r < ROLE_COUNT; r++)
                g_assert_false(leer->colours.c[r].set);
}

static void test_from_string(void)
{
        struct diag d;
        diag_init(&d, NULL);
        struct themes ts;
        g_assert_true(themes_load_string(two, strlen(two), "mem.cfg", &ts, &d));
        g_assert_cmpuint(d.n, ==, 0);
        check_two(&ts);
        themes_clear(&ts);
        diag_clear(&d);
}

static void test_from_file(void)
{
        char *path = NULL;
        GError *err = NULL;
        int fd = g_file_open_tmp("plakat-themes-XXXXXX.cfg", &path, &err);
        g_assert_no_error(err);
        close(fd);
        g_assert_true(g_file_set_contents(path, two, -1, &err));
        struct diag d;
        diag_init(&d, NULL);
        struct themes ts;
        g_assert_true(themes_load(path, &ts, &d));
        g_assert_cmpuint(d.n, ==, 0);
        check_two(&ts);
        themes_clear(&ts);

        g_assert_cmpint(g_unlink(path), ==, 0);
        g_assert_false(themes_load(path, &ts, &d));
        g_assert_cmpuint(d.errors, ==, 1);
        g_assert_true(g_str_has_prefix(d.msgs[0].text, path));
        g_assert_cmpuint(ts.n, ==, 0);
        diag_clear(&d);
        g_free(path);
}

/* description_xx: each language kept; a reader gets theirs, else the
 * English, else the first there is.  A misspelt one warns and keeps its
 * language in the did-you-mean; a wrong kind of value is an error. */
static void test_descriptions(void)
{
        static const char text[] =
                "themes = (\n"
                "  { name = \"meer\"; description = \"sea\"; description_de = \"Meer\"; },\n"
                "  { name = \"nur\"; description_fr = \"mer\"; description_it = \"mare\"; },\n"
                "  { name = \"en\"; description_en = \"sea (en)\"; description = \"sea\"; },\n"
                "  { name = \"tipp\"; description = \"sea\";\n"
                "    descripton_de = \"Meer\"; description_DE = \"x\"; description_deu = \"x\"; }\n"
                ");\n";
        struct diag d;
        diag_init(&d, NULL);
        struct themes ts;
        g_assert_true(themes_load_string(text, strlen(text), "t.cfg", &ts, &d));
        const struct theme *meer = themes_find(&ts, "meer"), *nur = themes_find(&ts, "nur");
        const struct theme *en = themes_find(&ts, "en"), *tipp = themes_find(&ts, "tipp");
        g_assert_cmpstr(i18n_texts_pick(&meer->descriptions, "de"), ==, "Meer");
        g_assert_cmpstr(i18n_texts_pick(&meer->descriptions, "en"), ==, "sea");
        g_assert_cmpstr(i18n_texts_pick(&meer->descriptions, "fr"), ==, "sea");
        g_assert_cmpstr(meer->description, ==, "sea"); /* the English, for outputs */
        g_assert_cmpstr(i18n_texts_pick(&nur->descriptions, "it"), ==, "mare");
        g_assert_cmpstr(i18n_texts_pick(&nur->descriptions, "de"), ==, "mer");
        g_assert_cmpstr(nur->description, ==, "mer");
        g_assert_cmpstr(i18n_texts_pick(&en->descriptions, "de"), ==, "sea (en)");
        g_assert_cmpstr(i18n_texts_pick(&tipp->descriptions, "de"), ==, "sea");
        g_assert_cmpuint(d.errors, ==, 0);
        g_assert_cmpuint(d.n, ==, 3);
        g_assert_cmpstr(d.msgs[0].text, ==,
                        "t.cfg:6: warning: themes[tipp].descripton_de: unknown setting; did you mean description_de?");
        g_assert_cmpstr(d.msgs[1].text, ==,
                        "t.cfg:6: warning: themes[tipp].description_DE: unknown setting; did you mean description?");
        g_assert_cmpstr(d.msgs[2].text, ==,
                        "t.cfg:6: warning: themes[tipp].description_deu: unknown setting; did you mean description?");
        themes_clear(&ts);
        diag_clear(&d);

        static const char wrong[] = "themes = ( { name = \"a\"; description_de = 5; } );\n";
        g_assert_false(themes_load_string(wrong, strlen(wrong), "w.cfg", &ts, &d));
        g_assert_cmpuint(d.errors, ==, 1);
        g_assert_cmpstr(d.msgs[0].text, ==, "w.cfg:1: themes[a].description_de: expected a string, found an integer");
        diag_clear(&d);
}

/* Every problem is told with its line, then the file is refused whole. */
static void test_broken(void)
{
        static const char text[] =
                "themes = (\n"
                "  { name = \"a\"; colors = { primary = \"#12345\"; }; },\n"
                "  { name = \"b\"; colors = {\n"
                "      primery = \"#123456\"; }; },\n"
                "  { description = \"no name\"; },\n"
                "  { name = \"c\"; colors = \"#123456\"; }\n"
                ");\n";
        struct diag d;
        diag_init(&d, NULL);
        struct themes ts;
        g_assert_false(themes_load_string(text, strlen(text), "t.cfg", &ts, &d));
        g_assert_cmpuint(d.errors, ==, 4);
        g_assert_cmpstr(d.msgs[0].text, ==, "t.cfg:2: primary: expected \"#RRGGBB\", found #12345");
        g_assert_cmpstr(d.msgs[1].text, ==,
                        "t.cfg:4: primery: expected a colour role (background, text, primary, accent, "
                        "on_primary, on_accent, muted, surface), found an unknown name");
        g_assert_cmpstr(d.msgs[2].text, ==, "t.cfg:5: name: expected the theme's name, found nothing");
        g_assert_cmpstr(d.msgs[3].text, ==,
                        "t.cfg:6: colors: expected a group { primary = \"#RRGGBB\"; ... }, found another kind of value");
        g_assert_cmpuint(ts.n, ==, 0);
        g_assert_null(ts.t);
        diag_clear(&d);

        static const char *const not_a_list[] = { "themes = { a = 1; };\n", "colours = ();\n" };
        for (size_t i = 0; i < G_N_ELEMENTS(not_a_list); i++) {
                diag_init(&d, NULL);
                g_assert_false(themes_load_string(not_a_list[i], strlen(not_a_list[i]), "t.cfg", &ts, &d));
                g_assert_cmpuint(d.errors, ==, 1);
                /* "colours" is also an unknown key: its warning comes first. */
                g_assert_cmpuint(d.warnings, ==, i);
                const char *e = d.msgs[d.n - 1].text;
                g_assert_true(strstr(e, "t.cfg: themes: expected a list") == e);
                diag_clear(&d);
        }

        static const char syntax[] = "themes = ( { name = \"a\" }\n";
        diag_init(&d, NULL);
        g_assert_false(themes_load_string(syntax, strlen(syntax), "t.cfg", &ts, &d));
        g_assert_cmpuint(d.errors, ==, 1);
        g_assert_true(g_str_has_prefix(d.msgs[0].text, "t.cfg:"));
        diag_clear(&d);
}

/* ---- palettes ---------------------------------------------------------------------- */

static struct palette layout_palette(void)
{
        static const char *const c[ROLE_COUNT] = { "#FFFFFF", "#1A1A1A", "#1F5F8B", "#F2A541",
                                                   "#FFFFFF", "#1A1A1A", "#5A5A5A", "#F3F3F0" };
        struct palette p;
        for (int i = 0; i < ROLE_COUNT; i++)
                p.c[i] = hex(c[i]);
        return p;
}

static void test_palette_layers(void)
{
        struct palette lp = layout_palette(), out;
        struct style none = { 0 };
        theme_palette(&lp, NULL, &none, &out);
        for (int r = 0; r < ROLE_COUNT; r++)
                assert_same(out.c[r], lp.c[r]);

        /* A theme replaces the roles it sets, nothing else. */
        struct theme t = { 0 };
        t.colours.c[ROLE_PRIMARY] = hex("#003B5C");
        t.colours.c[ROLE_MUTED] = hex("#445566");
        theme_palette(&lp, &t, &none, &out);
        assert_rgb(out.c[ROLE_PRIMARY], "#003B5C");
        assert_rgb(out.c[ROLE_MUTED], "#445566");
        assert_rgb(out.c[ROLE_ON_PRIMARY], "#FFFFFF"); /* the layout's */
        assert_rgb(out.c[ROLE_ACCENT], "#F2A541");

        /* The community's own colour beats the theme and brings readable
         * text: white on a dark colour, near-black on a light one. */
        struct style s = { 0 };
        s.primary = hex("#FFE600");
        s.accent = hex("#2E7D32");
        theme_palette(&lp, &t, &s, &out);
        assert_rgb(out.c[ROLE_PRIMARY], "#FFE600");
        struct rgb ink = { true, 0.10, 0.10, 0.12 }, white = hex("#FFFFFF");
        assert_same(out.c[ROLE_ON_PRIMARY], ink);
        assert_same(out.c[ROLE_ON_ACCENT], white);
        g_assert_cmpfloat(colour_contrast(out.c[ROLE_PRIMARY], out.c[ROLE_ON_PRIMARY]), >=, 4.5);
        g_assert_cmpfloat(colour_contrast(out.c[ROLE_ACCENT], out.c[ROLE_ON_ACCENT]), >=, 4.5);
        assert_rgb(out.c[ROLE_MUTED], "#445566"); /* neither text nor background given */
}

/* Background and text derive surface (6 % towards the readable colour)
 * and muted (text 30 % towards the background). */
static void test_palette_derived(void)
{
        struct palette lp = layout_palette(), out;
        struct style s = { 0 };
        s.background = hex("#000000");
        theme_palette(&lp, NULL, &s, &out);
        assert_rgb(out.c[ROLE_BACKGROUND], "#000000");
        /* black + 6 % of white */
        g_assert_cmpfloat_with_epsilon(out.c[ROLE_SURFACE].r, 0.06, 1e-12);
        g_assert_cmpfloat_with_epsilon(out.c[ROLE_SURFACE].b, 0.06, 1e-12);
        /* layout text #1A1A1A, 30 % towards black */
        g_assert_cmpfloat_with_epsilon(out.c[ROLE_MUTED].g, 0x1A / 255.0 * 0.7, 1e-12);

        struct style t = { 0 };
        t.text = hex("#FF0000");
        theme_palette(&lp, NULL, &t, &out);
        assert_rgb(out.c[ROLE_TEXT], "#FF0000");
        assert_rgb(out.c[ROLE_SURFACE], "#F3F3F0"); /* background untouched */
        g_assert_cmpfloat_with_epsilon(out.c[ROLE_MUTED].r, 1.0, 1e-12);
        g_assert_cmpfloat_with_epsilon(out.c[ROLE_MUTED].g, 0.3, 1e-12);
        g_assert_cmpfloat_with_epsilon(out.c[ROLE_MUTED].b, 0.3, 1e-12);
}

/* The readable text on a community's colour is whichever of white and ink
 * has the higher WCAG contrast, also for greys around the AA threshold
 * (#767676 and #777777 against white: 4.54 and 4.48). */
static void test_readable_follows_contrast(void)
{
        struct palette lp = layout_palette(), out;
        struct rgb ink = { true, 0.10, 0.10, 0.12 }, white = hex("#FFFFFF");
        static const char *const greys[] = { "#000000", "#333333", "#595959", "#767676", "#777777",
                                             "#999999", "#CCCCCC", "#FFFFFF", "#1F5F8B", "#F2A541" };
        for (size_t i = 0; i < G_N_ELEMENTS(greys); i++) {
                struct style s = { 0 };
                s.primary = hex(greys[i]);
                theme_palette(&lp, NULL, &s, &out);
                double cw = colour_contrast(s.primary, white), ci = colour_contrast(s.primary, ink);
                struct rgb want = cw >= ci ? white : ink;
                assert_same(out.c[ROLE_ON_PRIMARY], want);
        }
        /* WCAG's own numbers: black on white 21:1, #767676 on white 4.54:1. */
        g_assert_cmpfloat_with_epsilon(colour_contrast(hex("#000000"), white), 21.0, 1e-9);
        g_assert_cmpfloat_with_epsilon(colour_contrast(hex("#767676"), white), 4.54, 0.005);
}

int main(int argc, char **argv)
{
        test_init(&argc, &argv);
        g_test_add_func("/theme/shipped", test_shipped);
        g_test_add_func("/theme/from-string", test_from_string);
        g_test_add_func("/theme/from-file", test_from_file);
        g_test_add_func("/theme/descriptions", test_descriptions);
        g_test_add_func("/theme/broken", test_broken);
        g_test_add_func("/theme/palette-layers", test_palette_layers);
        g_test_add_func("/theme/palette-derived", test_palette_derived);
        g_test_add_func("/theme/readable-follows-contrast", test_readable_follows_contrast);
        return g_test_run();
}
