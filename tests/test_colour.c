/* test_colour.c: "#RRGGBB" and WCAG 2 contrast against published numbers. */
#include "colour.h"
#include "testlib.h"

static struct rgb hex(const char *s)
{
        struct rgb c = { 0 };
        g_assert_true(colour_parse(s, &c));
        return c;
}

static void test_parse(void)
{
        struct rgb c = hex("#0f5c4D");
        g_assert_true(c.set);
        g_assert_cmpfloat_with_epsilon(c.r, 0x0f / 255.0, 1e-12);
        g_assert_cmpfloat_with_epsilon(c.g, 0x5c / 255.0, 1e-12);
        g_assert_cmpfloat_with_epsilon(c.b, 0x4d / 255.0, 1e-12);
        c = hex("#FFFFFF");
        g_assert_cmpfloat(c.r, ==, 1.0);
        c = hex("#000000");
        g_assert_cmpfloat(c.b, ==, 0.0);
}

/* Refusals leave the colour as it was: a community's unset style colour
 * stays unset after a typo. */
static void test_parse_refuses(void)
{
        static const char *const bad[] = {
                "#12345", "#1234567", "0F5C4D", "#GGGGGG", "", "#", "#12 456", " #123456",
                "#123456 ", "#FFF", "#-12345", "#+12345", "#0x1234",
        };
        for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
                struct rgb c = { false, 0.25, 0.5, 0.75 };
                g_assert_false(colour_parse(bad[i], &c));
                g_assert_false(c.set);
                g_assert_cmpfloat(c.r, ==, 0.25);
                g_assert_cmpfloat(c.g, ==, 0.5);
                g_assert_cmpfloat(c.b, ==, 0.75);
        }
        struct rgb c = { 0 };
        g_assert_false(colour_parse(NULL, &c));
}

static void test_luminance(void)
{
        g_assert_cmpfloat_with_epsilon(colour_luminance(hex("#000000")), 0.0, 1e-12);
        g_assert_cmpfloat_with_epsilon(colour_luminance(hex("#FFFFFF")), 1.0, 1e-12);
        /* The channel weights of WCAG 2 (ITU-R BT.709). */
        g_assert_cmpfloat_with_epsilon(colour_luminance(hex("#FF0000")), 0.2126, 1e-12);
        g_assert_cmpfloat_with_epsilon(colour_luminance(hex("#00FF00")), 0.7152, 1e-12);
        g_assert_cmpfloat_with_epsilon(colour_luminance(hex("#0000FF")), 0.0722, 1e-12);
}

/* Ratios as WCAG checkers print them (WebAIM's contrast checker and the
 * W3C's examples): #767676 is the lightest grey that passes AA on white,
 * #777777 just fails it. */
static void test_contrast_known(void)
{
        static const struct {
                const char *a, *b;
                double ratio;
        } known[] = {
                { "#000000", "#FFFFFF", 21.0 },
                { "#FFFFFF", "#FFFFFF", 1.0 },
                { "#767676", "#FFFFFF", 4.54 },
                { "#777777", "#FFFFFF", 4.48 },
                { "#595959", "#FFFFFF", 7.00 },
                { "#FF0000", "#FFFFFF", 4.00 },
                { "#0000FF", "#FFFFFF", 8.59 },
        };
        for (size_t i = 0; i < G_N_ELEMENTS(known); i++) {
                struct rgb a = hex(known[i].a), b = hex(known[i].b);
                g_assert_cmpfloat_with_epsilon(colour_contrast(a, b), known[i].ratio, 0.005);
                g_assert_cmpfloat(colour_contrast(a, b), ==, colour_contrast(b, a));
        }
        g_assert_cmpfloat(colour_contrast(hex("#767676"), hex("#FFFFFF")), >=, 4.5);
        g_assert_cmpfloat(colour_contrast(hex("#777777"), hex("#FFFFFF")), <, 4.5);
}

int main(int argc, char **argv)
{
        test_init(&argc, &argv);
        g_test_add_func("/colour/parse", test_parse);
        g_test_add_func("/colour/parse-refuses", test_parse_refuses);
        g_test_add_func("/colour/luminance", test_luminance);
        g_test_add_func("/colour/contrast-known", test_contrast_known);
        return g_test_run();
}
