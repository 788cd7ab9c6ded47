/* test_numfmt.c: numfmt's __snprintf_chk prints what glibc prints, byte
 * for byte and with the same length returned, for the numbers of every
 * range, precision and buffer size; sends what it does not answer to
 * glibc; aborts like glibc on a lying buffer size; and is what cairo's
 * calls reach. */
#define _GNU_SOURCE
#include "testlib.h"

#include "numfmt.h"

#include <cairo-pdf.h>
#include <fenv.h>
#include <float.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#ifdef NUMFMT

/* glibc's answer: vsnprintf is glibc's own, not numfmt's. */
static int glibc(char *s, size_t n, const char *fmt, ...)
{
        va_list ap;
        va_start(ap, fmt);
        int r = vsnprintf(s, n, fmt, ap);
        va_end(ap);
        return r;
}

static unsigned long mismatches;

static void same(const char *fmt, const char *mine, int mine_n, const char *theirs, int theirs_n)
{
        if (mine_n == theirs_n && strcmp(mine, theirs) == 0)
                return;
        if (mismatches++ < 10)
                g_test_message("%s: numfmt \"%s\" (%d), glibc \"%s\" (%d)", fmt, mine, mine_n, theirs, theirs_n);
}

/* Every way cairo asks for d: "%f", "%.*f" at prec, "%.18f", and a fixed
 * precision in the format. */
static void check_double(double d, int prec)
{
        char a[96], b[96];
        int n = __snprintf_chk(a, sizeof a, 1, sizeof a, "%f", d);
        same("%f", a, n, b, glibc(b, sizeof b, "%f", d));
        n = __snprintf_chk(a, sizeof a, 1, sizeof a, "%.*f", prec, d);
        same("%.*f", a, n, b, glibc(b, sizeof b, "%.*f", prec, d));
        n = __snprintf_chk(a, sizeof a, 1, sizeof a, "%.18f", d);
        same("%.18f", a, n, b, glibc(b, sizeof b, "%.18f", d));
        n = __snprintf_chk(a, sizeof a, 1, sizeof a, "%.3f", d);
        same("%.3f", a, n, b, glibc(b, sizeof b, "%.3f", d));
}

static double from_bits(uint64_t bits)
{
        double d;
        memcpy(&d, &bits, sizeof d);
        return d;
}

/* Random numbers of the kinds a PDF holds (page coordinates, with few and
 * with many decimals; small fractions; exact binary fractions, where ties
 * are) and doubles of any bit pattern. */
static void test_random(void)
{
        GRand *r = g_rand_new_with_seed(9);
        mismatches = 0;
        for (int i = 0; i < 400000; i++) {
                double d;
                switch (i % 5) {
                case 0: d = g_rand_double_range(r, -3000, 3000); break;
                case 1: d = g_rand_int_range(r, -3000000, 3000000) / 1000.0; break;
                case 2: d = g_rand_double_range(r, -0.1, 0.1) * pow(10, -g_rand_int_range(r, 0, 12)); break;
                case 3: d = ldexp(g_rand_int_range(r, -100000, 100000), -g_rand_int_range(r, 0, 60)); break;
                default: d = from_bits((uint64_t)g_rand_int(r) << 32 | g_rand_int(r)); break;
                }
                if (!isnan(d))
                        check_double(d, i % 19);
        }
        g_rand_free(r);
        g_assert_cmpuint(mismatches, ==, 0);
}

/* Where an exact method and a sloppy one differ: ties (0.0078125 is
 * 7812.5 millionths), halves at precision 0, the last representable step
 * below a rounding boundary, subnormals, the fast path's upper end (2^63)
 * and beyond, signed zeros, infinities and NaN. */
static void test_edges(void)
{
        static const double d[] = {
                0.0, -0.0, 0.5, 1.5, 2.5, -2.5, 0.0078125, -0.0078125, 0.0000005, 0.0000015,
                0.1, 0.125, 0.999999999, 0.9999995, 1e-7, 1e-300, 5e-324, -5e-324, 2.2250738585072014e-308,
                123456.7890125, 4503599627370496.5, 9007199254740993.0, 9.2233720368547748e18,
                9.2233720368547758e18, 9.2233720368547779e18, 1e19, 1e300, DBL_MAX, -DBL_MAX,
                841.8897637795276, 1190.551181102362, 297.6377952755905, 419.5275590551181,
        };
        mismatches = 0;
        for (size_t i = 0; i < G_N_ELEMENTS(d); i++) {
                for (int prec = -1; prec <= 20; prec++)
                        check_double(d[i], prec);
                check_double(nextafter(d[i], INFINITY), 6);
                check_double(nextafter(d[i], -INFINITY), 6);
        }
        check_double(INFINITY, 6);
        check_double(-INFINITY, 3);
        check_double(NAN, 6);
        g_assert_cmpuint(mismatches, ==, 0);
}

/* The integer conversions cairo uses, and some it does not (left to
 * glibc), at the ends of their ranges. */
static void test_integers(void)
{
        static const long v[] = { 0, 1, -1, 9, 10, 255, 4096, 65535, 65536, 1234567890, INT_MAX, INT_MIN,
                                  LONG_MAX, LONG_MIN, -42 };
        static const char *const ints[] = { "%d", "%u", "%x", "%X", "%02x", "%04x", "%04X", "%5d", "%05d",
                                            "%-5d", "%+d", "% d", "%#x", "%.3d", "%hd", "%0120d" };
        static const char *const longs[] = { "%ld", "%lu", "%lx", "%010ld", "%20ld", "%lld", "%jd" };
        char a[160], b[160];
        mismatches = 0;
        for (size_t i = 0; i < G_N_ELEMENTS(v); i++) {
                for (size_t f = 0; f < G_N_ELEMENTS(ints); f++) {
                        int n = __snprintf_chk(a, sizeof a, 1, sizeof a, ints[f], (int)v[i]);
                        same(ints[f], a, n, b, glibc(b, sizeof b, ints[f], (int)v[i]));
                }
                for (size_t f = 0; f < G_N_ELEMENTS(longs); f++) {
                        int n = __snprintf_chk(a, sizeof a, 1, sizeof a, longs[f], v[i]);
                        same(longs[f], a, n, b, glibc(b, sizeof b, longs[f], v[i]));
                }
        }
        /* Not a number format at all, and one with text around it. */
        int n = __snprintf_chk(a, sizeof a, 1, sizeof a, "CairoFont-%d-%d", 3, 7);
        same("CairoFont-%d-%d", a, n, b, glibc(b, sizeof b, "CairoFont-%d-%d", 3, 7));
        n = __snprintf_chk(a, sizeof a, 1, sizeof a, "%s", "plain");
        same("%s", a, n, b, glibc(b, sizeof b, "%s", "plain"));
        g_assert_cmpuint(mismatches, ==, 0);
}

/* A buffer too small for the text: the same bytes kept, the same length
 * returned, and nothing written at all for size 0. */
static void test_truncated(void)
{
        mismatches = 0;
        for (size_t size = 0; size < 14; size++) {
                char a[16], b[16];
                memset(a, 'x', sizeof a);
                memset(b, 'x', sizeof b);
                int n = __snprintf_chk(a, size, 1, sizeof a, "%f", -1234.56789);
                int m = glibc(b, size, "%f", -1234.56789);
                g_assert_cmpint(n, ==, m);
                g_assert_cmpmem(a, sizeof a, b, sizeof b);
                n = __snprintf_chk(a, size, 1, sizeof a, "%010ld", -12345L);
                m = glibc(b, size, "%010ld", -12345L);
                g_assert_cmpint(n, ==, m);
                g_assert_cmpmem(a, sizeof a, b, sizeof b);
        }
}

/* 841.889763 printed by numfmt into a and by glibc into b, their
 * lengths in *n and *m, in the LC_NUMERIC of the locale name.  False when
 * that locale is not installed (the test skips). */
static bool in_locale(const char *name, char *a, char *b, size_t size, int *n, int *m)
{
        locale_t l = newlocale(LC_NUMERIC_MASK, name, (locale_t)0);
        if (!l) {
                char *why = g_strdup_printf("no %s locale installed", name);
                g_test_skip(why);
                g_free(why);
                return false;
        }
        locale_t old = uselocale(l);
        *n = __snprintf_chk(a, size, 1, size, "%f", 841.889763);
        *m = glibc(b, size, "%f", 841.889763);
        uselocale(old);
        freelocale(l);
        return true;
}

/* A locale with a decimal comma, where one is installed (Debian:
 * locales-all or locale-gen): glibc prints the comma, and so must numfmt,
 * since cairo swaps whatever the locale's point is for a '.'. */
static void test_locale(void)
{
        char a[64], b[64];
        int n, m;
        if (!in_locale("de_DE.UTF-8", a, b, sizeof a, &n, &m))
                return;
        g_assert_cmpstr(a, ==, "841,889763");
        g_assert_cmpstr(a, ==, b);
        g_assert_cmpint(n, ==, m);
}

/* glibc rounds "%f" in the current rounding mode; numfmt knows only to
 * nearest and must leave the others to glibc. */
static void test_rounding_modes(void)
{
        static const int modes[] = { FE_UPWARD, FE_DOWNWARD, FE_TOWARDZERO };
        GRand *r = g_rand_new_with_seed(3);
        mismatches = 0;
        for (size_t m = 0; m < G_N_ELEMENTS(modes); m++) {
                g_assert_cmpint(fesetround(modes[m]), ==, 0);
                for (int i = 0; i < 2000; i++)
                        check_double(g_rand_double_range(r, -3000, 3000), i % 19);
                check_double(0.0078125, 6);
                check_double(-2.5, 0);
        }
        fesetround(FE_TONEAREST);
        g_rand_free(r);
        g_assert_cmpuint(mismatches, ==, 0);
}

/* A locale whose decimal point is more than one byte (Pashto's U+066B):
 * glibc prints it whole, numfmt leaves it to glibc. */
static void test_wide_point(void)
{
        char a[64], b[64];
        int n, m;
        if (!in_locale("ps_AF.UTF-8", a, b, sizeof a, &n, &m))
                return;
        g_assert_cmpuint(strlen(a), >, strlen("841.889763"));
        g_assert_cmpstr(a, ==, b);
        g_assert_cmpint(n, ==, m);
}

static cairo_status_t discard(void *closure, const unsigned char *data, unsigned int length)
{
        (void)closure;
        (void)data;
        (void)length;
        return CAIRO_STATUS_SUCCESS;
}

/* A small PDF through cairo, its numbers printed through snprintf. */
static void cairo_pdf(void)
{
        cairo_surface_t *s = cairo_pdf_surface_create_for_stream(discard, NULL, 297.64, 419.53);
        cairo_t *cr = cairo_create(s);
        cairo_rectangle(cr, 10.25, 20.125, 33.3, 44.4);
        cairo_fill(cr);
        cairo_destroy(cr);
        cairo_surface_finish(s);
        g_assert_cmpint(cairo_surface_status(s), ==, CAIRO_STATUS_SUCCESS);
        cairo_surface_destroy(s);
}

/* PLAKAT_NUMFMT=glibc, set before the first call, sends every call to
 * glibc: tests/e2e/numfmt.sh compares against that, so it must work. */
static void test_glibc_only(void)
{
        if (g_test_subprocess()) {
                g_setenv("PLAKAT_NUMFMT", "glibc", TRUE);
                cairo_pdf();
                g_assert_false(numfmt_reached());
                return;
        }
        g_test_trap_subprocess(NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
        g_test_trap_assert_passed();
}

/* Like glibc's, a call whose buffer is said to be smaller than the size
 * it may write to is stopped, not written. */
static void test_fortified(void)
{
        if (g_test_subprocess()) {
                char a[4];
                /* Through a volatile, so a fortified build's compiler does
                 * not refuse the deliberate overflow at compile time. */
                volatile size_t size = 8;
                __snprintf_chk(a, size, 1, sizeof a, "%f", 1.0);
                return;
        }
        g_test_trap_subprocess(NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDIN);
        g_test_trap_assert_failed();
        g_test_trap_assert_stderr("*buffer overflow detected*");
}

/* cairo's own calls reach numfmt: the Makefile links it in and the
 * dynamic linker binds cairo's __snprintf_chk to it.  Without either, this
 * PDF's numbers would be printed by glibc alone. */
static void test_cairo_reaches(void)
{
        g_assert_false(numfmt_reached());
        cairo_pdf();
        g_assert_true(numfmt_reached());
}

int main(int argc, char **argv)
{
        test_init(&argc, &argv);
        /* First, before any other test has printed through numfmt. */
        g_test_add_func("/numfmt/cairo-reaches", test_cairo_reaches);
        g_test_add_func("/numfmt/random", test_random);
        g_test_add_func("/numfmt/edges", test_edges);
        g_test_add_func("/numfmt/integers", test_integers);
        g_test_add_func("/numfmt/truncated", test_truncated);
        g_test_add_func("/numfmt/locale", test_locale);
        g_test_add_func("/numfmt/wide-point", test_wide_point);
        g_test_add_func("/numfmt/rounding-modes", test_rounding_modes);
        g_test_add_func("/numfmt/glibc-only", test_glibc_only);
        g_test_add_func("/numfmt/fortified", test_fortified);
        return g_test_run();
}

#else

static void test_not_built(void)
{
        g_test_skip("numfmt is not built here (no glibc or no 128-bit integers)");
}

int main(int argc, char **argv)
{
        test_init(&argc, &argv);
        g_test_add_func("/numfmt/not-built", test_not_built);
        return g_test_run();
}

#endif
