/* test_limits.c: hostile or careless layouts (issue 12, point 2 and 3)
 * are refused with a message that names the limit and the element, in
 * milliseconds: the sizes here are the ones that took 64 s, more than
 * ten minutes, 99 s and 32 s before the limits existed.  Page sizes
 * outside a real page or screen are refused naming the page. */
#include <glib.h>
#include <string.h>

#include "diag.h"
#include "expand.h"
#include "facts.h"
#include "layout.h"
#include "testlib.h"

#define HEAD                                                                                      \
        "name = \"hostile\";\n"                                                                   \
        "description = \"test\";\n"                                                               \
        "pages = (\n"                                                                             \
        "  { family = \"portrait\"; size = [297, 420]; unit = \"mm\";\n"                          \
        "    elements = (\n"

#define TAIL "    );\n  }\n);\n"

/* Generous: the loader needs milliseconds; this catches minutes, even
 * under the sanitizers and on a shared machine. */
#define SECONDS_MAX 5.0

/* Load text; return every message, one a line, and whether it was refused. */
static char *load(const char *text, bool *refused, double *seconds)
{
        struct diag d;
        diag_init(&d, NULL);
        gint64 t0 = g_get_monotonic_time();
        struct layout *l = layout_load_string(text, "hostile.cfg", facts_placeholders(), &d);
        *seconds = (double)(g_get_monotonic_time() - t0) / 1e6;
        *refused = l == NULL;
        layout_free(l);
        GString *s = g_string_new(NULL);
        for (size_t i = 0; i < d.n; i++)
                g_string_append_printf(s, "%s\n", d.msgs[i].text);
        diag_clear(&d);
        return g_string_free(s, FALSE);
}

static void refused_with(const char *text, const char *want)
{
        bool refused;
        double secs;
        char *got = load(text, &refused, &secs);
        if (!strstr(got, want))
                g_test_message("messages:\n%s", got);
        g_assert_nonnull(strstr(got, want));
        g_assert_true(refused);
        g_assert_cmpfloat(secs, <, SECONDS_MAX);
        g_free(got);
}

/* One stack with n optional text children. */
static char *stack_of(size_t n)
{
        GString *s = g_string_new(HEAD "      { type = \"stack\"; name = \"column\"; box = [10, 10, 277, 400];\n"
                                       "        children = (\n");
        for (size_t i = 0; i < n; i++)
                g_string_append_printf(s, "%s          { type = \"text\"; text = \"{pitch}\"; size = [30, 8]; "
                                          "optional = true; }\n",
                                       i ? "," : "");
        g_string_append(s, "        );\n      }\n" TAIL);
        return g_string_free(s, FALSE);
}

static void test_children(void)
{
        for (size_t n = 400; n <= 3000; n += 2600) {
                char *text = stack_of(n);
                char *want = g_strdup_printf("hostile.cfg:7: pages[portrait].elements[column].children: "
                                             "expected at most %d children, found %zu",
                                             LAYOUT_CHILDREN_MAX, n);
                refused_with(text, want);
                g_free(want);
                g_free(text);
        }
        /* At the limit: accepted. */
        char *text = stack_of(LAYOUT_CHILDREN_MAX);
        bool refused;
        double secs;
        g_free(load(text, &refused, &secs));
        g_assert_false(refused);
        g_free(text);
}

static void test_placeholders(void)
{
        GString *s = g_string_new(HEAD "      { type = \"text\"; name = \"agendas\"; box = [10, 10, 277, 400]; "
                                       "size = [30, 8]; text = \"");
        for (int i = 0; i < 4000; i++)
                g_string_append(s, "{agenda} ");
        g_string_append(s, "\"; }\n" TAIL);
        char *want = g_strdup_printf("pages[portrait].elements[agendas].text: expected at most %d placeholders "
                                     "in one text, found more",
                                     EXPAND_PLACEHOLDERS_MAX);
        refused_with(s->str, want);
        /* Said once, not 3,968 times. */
        bool refused;
        double secs;
        char *got = load(s->str, &refused, &secs);
        char **lines = g_strsplit(got, "\n", -1);
        g_assert_cmpuint(g_strv_length(lines), ==, 2); /* one line and the empty rest */
        g_strfreev(lines);
        g_free(got);
        g_free(want);
        g_string_free(s, TRUE);
}

static void test_elements(void)
{
        GString *s = g_string_new(HEAD);
        for (int i = 0; i < 3500; i++)
                g_string_append_printf(s, "%s      { type = \"text\"; box = [10, 10, 100, 20]; size = [12, 8]; "
                                          "text = \"{name}\"; }\n",
                                       i ? "," : "");
        g_string_append(s, TAIL);
        char *want = g_strdup_printf("pages[portrait].elements[%d]: expected at most %d elements on a page "
                                     "(those inside containers count too), found more: this is element %d",
                                     LAYOUT_ELEMENTS_MAX + 1, LAYOUT_ELEMENTS_MAX, LAYOUT_ELEMENTS_MAX + 1);
        refused_with(s->str, want);
        g_free(want);
        g_string_free(s, TRUE);

        /* Nested containers count too: 8 stacks of 30 texts. */
        s = g_string_new(HEAD);
        for (int i = 0; i < 8; i++) {
                g_string_append_printf(s, "%s      { type = \"stack\"; box = [10, 10, 200, 300]; children = (\n",
                                       i ? "," : "");
                for (int k = 0; k < 30; k++)
                        g_string_append_printf(s, "%s        { type = \"text\"; text = \"{name}\"; size = [12, 8]; }\n",
                                               k ? "," : "");
                g_string_append(s, "      ); }\n");
        }
        g_string_append(s, TAIL);
        refused_with(s->str, "elements on a page (those inside containers count too), found more");
        g_string_free(s, TRUE);
}

/* A page of the given size and unit, with one element inside it. */
static char *page_of(const char *size, const char *unit)
{
        return g_strdup_printf("name = \"hostile\";\ndescription = \"test\";\npages = (\n"
                               "  { family = \"square\"; size = [%s]; unit = \"%s\";\n"
                               "    elements = ( { type = \"qr\"; box = [0, 0, 5, 5]; } );\n  }\n);\n",
                               size, unit);
}

static void test_page_sizes(void)
{
        static const struct {
                const char *size, *unit;
        } bad[] = {
                { "1e-300, 1e-300", "mm" }, { "1e300, 1e300", "mm" }, { "0, 100", "mm" }, { "100, -100", "mm" },
                { "9.9, 100.0", "mm" },       { "100, 5001", "mm" },    { "15, 1080", "px" }, { "1080, 20001", "px" },
                { "1e-300, 1e-300", "px" },
        };
        for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
                char *text = page_of(bad[i].size, bad[i].unit);
                bool mm = strcmp(bad[i].unit, "mm") == 0;
                char *want = g_strdup_printf("hostile.cfg:4: pages[square].size: expected a square page between %s "
                                             "a side, found [",
                                             mm ? "10 and 5000 mm" : "16 and 20000 px");
                refused_with(text, want);
                g_free(want);
                g_free(text);
        }
        /* The limits themselves are real pages. */
        static const char *const good[][2] = { { "10, 5000", "mm" }, { "16, 20000", "px" } };
        for (size_t i = 0; i < G_N_ELEMENTS(good); i++) {
                char *text = g_strdup_printf("name = \"t\";\ndescription = \"t\";\npages = (\n"
                                             "  { family = \"square\"; size = [%s]; unit = \"%s\";\n"
                                             "    elements = ( { type = \"rect\"; box = [0, 0, 10, 10]; fill = \"primary\"; } );\n"
                                             "  }\n);\n",
                                             good[i][0], good[i][1]);
                bool refused;
                double secs;
                char *got = load(text, &refused, &secs);
                g_assert_cmpstr(got, ==, "");
                g_assert_false(refused);
                g_free(got);
                g_free(text);
        }
}

int main(int argc, char **argv)
{
        test_init(&argc, &argv);
        g_test_add_func("/limits/children", test_children);
        g_test_add_func("/limits/placeholders", test_placeholders);
        g_test_add_func("/limits/elements", test_elements);
        g_test_add_func("/limits/page_sizes", test_page_sizes);
        return g_test_run();
}
