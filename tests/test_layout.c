/* test_layout.c: layout files (src/layout.c).
 *
 * Every shipped design in layouts/ loads with no message at all; every
 * tests/data/layouts/bad/NAME.cfg gives exactly the messages in
 * NAME.expected and is refused exactly when one of them is an error;
 * tests/data/layouts/good/ loads cleanly.  The rest checks what the loader
 * stores. */
#include <glib.h>
#include <string.h>

#include "diag.h"
#include "facts.h"
#include "layout.h"
#include "testlib.h"

/* Known bugs: the file's .expected says what the message should be; until
 * the loader says so, the test is reported as TODO, not as a failure. */
static const struct {
        const char *file, *why;
} known_bugs[] = {
        { NULL, NULL },
};

static char *messages(const struct diag *d)
{
        GString *s = g_string_new(NULL);
        for (size_t i = 0; i < d->n; i++)
                g_string_append_printf(s, "%s\n", d->msgs[i].text);
        return g_string_free(s, FALSE);
}

static gint by_name(gconstpointer a, gconstpointer b)
{
        return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The .cfg files of dir, sorted; shipped: without formats.cfg and themes.cfg. */
static GPtrArray *cfg_files(const char *dir, bool shipped)
{
        GPtrArray *a = g_ptr_array_new_with_free_func(g_free);
        GDir *d = g_dir_open(dir, 0, NULL);
        g_assert_nonnull(d);
        for (const char *e; (e = g_dir_read_name(d));) {
                if (!g_str_has_suffix(e, ".cfg"))
                        continue;
                if (shipped && (strcmp(e, "formats.cfg") == 0 || strcmp(e, "themes.cfg") == 0))
                        continue;
                g_ptr_array_add(a, g_build_filename(dir, e, NULL));
        }
        g_dir_close(d);
        g_ptr_array_sort(a, by_name);
        return a;
}

static void test_clean_file(gconstpointer data)
{
        const char *path = data;
        struct diag d;
        diag_init(&d, NULL);
        struct layout *l = layout_load(path, facts_placeholders(), &d);
        char *got = messages(&d);
        g_assert_cmpstr(got, ==, "");
        g_assert_nonnull(l);
        g_assert_nonnull(l->name);
        g_assert_cmpstr(l->name, !=, "");
        bool any = false;
        for (int f = 0; f < FAMILY_COUNT; f++)
                any |= l->pages[f].present;
        g_assert_true(any);
        layout_free(l);
        g_free(got);
        diag_clear(&d);
}

static void test_bad_file(gconstpointer data)
{
        const char *cfg = data;
        char *exp_path = g_strdup_printf("%.*s.expected", (int)(strlen(cfg) - 4), cfg);
        char *expected = NULL;
        g_assert_true(g_file_get_contents(exp_path, &expected, NULL, NULL));

        struct diag d;
        diag_init(&d, NULL);
        struct layout *l = layout_load(cfg, facts_placeholders(), &d);
        char *got = messages(&d);
        const char *why = NULL;
        for (size_t i = 0; i < G_N_ELEMENTS(known_bugs); i++)
                if (known_bugs[i].file && g_str_has_suffix(cfg, known_bugs[i].file))
                        why = known_bugs[i].why;
        if (why && strcmp(got, expected) != 0) {
                g_test_message("got:\n%s", got);
                g_test_incomplete(why);
        } else {
                g_assert_cmpstr(got, ==, expected);
                g_assert_cmpuint(d.n, >, 0);
                /* Refused exactly when there was an error. */
                g_assert_true((l == NULL) == (d.errors > 0));
        }
        layout_free(l);
        g_free(got);
        diag_clear(&d);
        g_free(expected);
        g_free(exp_path);
}

/* ---- what is stored ------------------------------------------------------------ */

#define HEAD \
        "name = \"t\";\n" \
        "colors = { primary = \"#0F5C4D\"; };\n" \
        "fonts = { headline = \"Inter Display\"; body = \"Inter\"; };\n"

static struct layout *load_ok(const char *text)
{
        struct diag d;
        diag_init(&d, NULL);
        struct layout *l = layout_load_string(text, "t.cfg", facts_placeholders(), &d);
        char *got = messages(&d);
        g_assert_cmpstr(got, ==, "");
        g_assert_nonnull(l);
        g_free(got);
        diag_clear(&d);
        return l;
}

static void test_stored(void)
{
        struct layout *l = load_ok(HEAD
                "pages = ( { family = \"square\"; size = [1080, 1080]; unit = \"px\"; elements = (\n"
                "  { type = \"rect\"; name = \"band\"; box = [0, 0, 1080, 300]; fill = \"primary\"; radius = 12; },\n"
                "  { type = \"text\"; name = \"title\"; box = [72, 72, 900, 200]; text = \"{name}\";\n"
                "    font = \"headline\"; weight = \"black\"; size = [112, 52]; color = \"#112233\";\n"
                "    max_lines = 3; align = \"center\"; uppercase = true; },\n"
                "  { type = \"stack\"; name = \"facts\"; box = [72, 400, 600, 400]; gap = 6; children = (\n"
                "    { type = \"text\"; name = \"pitch\"; text = \"{pitch}\"; size = 28; optional = true; },\n"
                "    { type = \"text\"; name = \"goal\"; text = \"Ziel: {goal}\"; needs = \"goal\"; size = [22, 14]; space_before = 5; }\n"
                "  ); },\n"
                "  { type = \"qr\"; name = \"qr\"; box = [720, 648, 288, 288]; dark = \"text\"; light = \"#FFFFFF\"; }\n"
                "); } );\n");
        g_assert_cmpstr(l->name, ==, "t");
        g_assert_false(l->pages[FAMILY_PORTRAIT].present);
        const struct page *pg = &l->pages[FAMILY_SQUARE];
        g_assert_true(pg->present);
        g_assert_cmpint(pg->unit, ==, UNIT_PX);
        g_assert_cmpfloat(pg->width, ==, 1080);
        g_assert_cmpuint(pg->n_elems, ==, 4);

        const struct elem *band = &pg->elems[0];
        g_assert_cmpint(band->kind, ==, ELEM_RECT);
        g_assert_cmpstr(band->name, ==, "band");
        g_assert_cmpfloat(band->h, ==, 300);
        g_assert_false(band->fill.literal);
        g_assert_cmpint(band->fill.role, ==, ROLE_PRIMARY);
        g_assert_cmpfloat(band->radius, ==, 12);
        g_assert_cmpint(band->line, ==, 5);

        const struct elem *title = &pg->elems[1];
        g_assert_cmpint(title->kind, ==, ELEM_TEXT);
        g_assert_cmpstr(title->text, ==, "{name}");
        g_assert_cmpstr(title->font, ==, "Inter Display"); /* the role, resolved */
        g_assert_cmpint(title->weight, ==, 900);
        g_assert_cmpfloat(title->size_max, ==, 112);
        g_assert_cmpfloat(title->size_min, ==, 52);
        g_assert_true(title->colour.literal);
        g_assert_cmpfloat_with_epsilon(title->colour.rgb.r, 0x11 / 255.0, 1e-9);
        g_assert_cmpfloat_with_epsilon(title->colour.rgb.b, 0x33 / 255.0, 1e-9);
        g_assert_cmpint(title->max_lines, ==, 3);
        g_assert_cmpint(title->line, ==, 6);
        g_assert_cmpint(title->align, ==, ALIGN_CENTER);
        g_assert_true(title->uppercase);

        const struct elem *st = &pg->elems[2];
        g_assert_cmpint(st->kind, ==, ELEM_STACK);
        g_assert_cmpuint(st->n_children, ==, 2);
        g_assert_cmpfloat(st->gap, ==, 6);
        g_assert_true(st->children[0].optional);
        g_assert_cmpfloat(st->children[0].size_max, ==, 28);
        g_assert_cmpfloat(st->children[0].size_min, ==, 28); /* one size: both ends */
        g_assert_false(st->children[1].optional);
        g_assert_nonnull(st->children[1].needs);
        g_assert_cmpstr(st->children[1].needs[0], ==, "goal");
        g_assert_null(st->children[1].needs[1]);
        g_assert_cmpfloat(st->children[1].space_before, ==, 5);

        const struct elem *qr = &pg->elems[3];
        g_assert_cmpint(qr->kind, ==, ELEM_QR);
        g_assert_cmpint(qr->fill.role, ==, ROLE_TEXT);
        g_assert_true(qr->light.literal);
        layout_free(l);
}

static void test_names(void)
{
        enum family f;
        g_assert_true(format_family_parse("portrait", &f));
        g_assert_cmpint(f, ==, FAMILY_PORTRAIT);
        g_assert_true(format_family_parse("story", &f));
        g_assert_cmpint(f, ==, FAMILY_STORY);
        g_assert_false(format_family_parse("potrait", &f));
        for (int i = 0; i < FAMILY_COUNT; i++) {
                g_assert_true(format_family_parse(format_family_name((enum family)i), &f));
                g_assert_cmpint(f, ==, i);
        }
        g_assert_cmpstr(layout_role_name(ROLE_ON_PRIMARY), ==, "on_primary");
        /* "#RRGGBB" itself is colour.c's: tests/test_colour.c. */
}

/* The message names the file as given, for layouts read from memory too. */
static void test_string_syntax_error(void)
{
        struct diag d;
        diag_init(&d, NULL);
        struct layout *l = layout_load_string("name = \"t\";\npages = ( { family = ;\n", "mem.cfg",
                                              facts_placeholders(), &d);
        g_assert_null(l);
        g_assert_cmpuint(d.errors, ==, 1);
        g_assert_true(g_str_has_prefix(d.msgs[0].text, "mem.cfg:2: syntax error"));
        diag_clear(&d);
}

int main(int argc, char **argv)
{
        test_init(&argc, &argv);
        GPtrArray *shipped = cfg_files("layouts", true);
        GPtrArray *good = cfg_files("tests/data/layouts/good", false);
        GPtrArray *bad = cfg_files("tests/data/layouts/bad", false);
        g_assert_cmpuint(shipped->len, >, 0);
        for (guint i = 0; i < shipped->len; i++) {
                char *base = g_path_get_basename(shipped->pdata[i]);
                char *name = g_strdup_printf("/layout/shipped/%s", base);
                g_free(base);
                g_test_add_data_func(name, shipped->pdata[i], test_clean_file);
                g_free(name);
        }
        for (guint i = 0; i < good->len; i++) {
                char *base = g_path_get_basename(good->pdata[i]);
                char *name = g_strdup_printf("/layout/good/%s", base);
                g_free(base);
                g_test_add_data_func(name, good->pdata[i], test_clean_file);
                g_free(name);
        }
        for (guint i = 0; i < bad->len; i++) {
                char *base = g_path_get_basename(bad->pdata[i]);
                char *name = g_strdup_printf("/layout/bad/%s", base);
                g_free(base);
                g_test_add_data_func(name, bad->pdata[i], test_bad_file);
                g_free(name);
        }
        g_test_add_func("/layout/stored", test_stored);
        g_test_add_func("/layout/names", test_names);
        g_test_add_func("/layout/string-syntax-error", test_string_syntax_error);
        int rc = g_test_run();
        g_ptr_array_free(shipped, TRUE);
        g_ptr_array_free(good, TRUE);
        g_ptr_array_free(bad, TRUE);
        return rc;
}
