/* numfmt.c: the numbers cairo prints into PDFs, printed fast and exactly
 * as glibc prints them.
 *
 * cairo 1.16 writes every number of a PDF through snprintf: each path
 * coordinate, matrix entry and glyph position through "%f", "%.*f" or
 * "%.18f" (_cairo_dtostr), each offset, length and hex byte through "%d",
 * "%ld", "%04x" and the like (_cairo_output_stream_printf).  glibc prints a
 * "%f" with its multi-precision __printf_fp, about 3,000 instructions a
 * number.  Measured on an A6 flyer (urban-gardening, compare.sh's batch):
 * 2,400 calls, 1,575 of them "%.*f" for the QR code's outline, 4.7 M of the
 * flyer's 24 M instructions; perf put glibc's printf at 10 % of the wall
 * time of 100 flyers on one worker.
 *
 * Options weighed:
 *   - drawing the QR code so cairo prints fewer numbers (an image mask,
 *     stroked rows, a Form XObject in module units): each changes the
 *     output bytes, which #9 rules out for speed work, and an image mask
 *     is smoothed by some viewers;
 *   - a cairo of our own: plakat builds on Debian's packages;
 *   - this: plakat defines __snprintf_chk, the symbol cairo's fortified
 *     snprintf calls go to.  The executable comes first in the dynamic
 *     linker's search order, so cairo's calls bind here (ELF symbol
 *     interposition, the mechanism malloc replacements use; the
 *     Makefile links this file as an object into plakat and the test and
 *     fuzz binaries).  The formats cairo uses are
 *     answered here; every other format, and every case outside the fast
 *     path's range, goes on to glibc's __vsnprintf_chk unchanged.
 *   Measured (perf stat, 15 runs each): 100 A6 flyers on one worker 335 ->
 *   308 ms, the same 100 on A4 sheets 131 -> 113 ms; the same bytes.
 *
 * Exact, not close: a finite double is m * 2^e exactly (m < 2^53), and
 * "%.Nf" prints it rounded to N decimals, ties to even, as glibc does in
 * the default rounding mode.  Here round(m * 10^N / 2^-e) is computed in
 * 128-bit integers: m * 10^N < 2^53 * 2^60, and for e > 0 only up to
 * e = 10, so nothing overflows.  The decimal point is the locale's, as
 * glibc's; a locale whose point is not one byte, or another rounding mode,
 * goes to glibc, as do the formats cairo uses rarely ("%0*x" for glyph
 * ids, "%lld").  Where the platform has no 128-bit integers or is not
 * glibc, none of this is built (NUMFMT in numfmt.h) and glibc prints all.
 * tests/test_numfmt.c compares both printers (1.6 million calls, the
 * rounding modes, ties, the ends of the ranges), and tests/e2e/numfmt.sh
 * compares whole PDFs with PLAKAT_NUMFMT=glibc, which sends every call
 * to glibc. */
#define _GNU_SOURCE
#include "numfmt.h"

#ifdef NUMFMT

#include <fenv.h>
#include <langinfo.h>
#include <math.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* glibc's own, exported since 2.3.4; no public header declares them. */
extern int __vsnprintf_chk(char *s, size_t maxlen, int flag, size_t slen, const char *fmt, va_list ap);
extern void __chk_fail(void) __attribute__((noreturn));

__extension__ typedef unsigned __int128 u128;

static atomic_bool reached;

bool numfmt_reached(void)
{
        return atomic_load_explicit(&reached, memory_order_relaxed);
}

/* Whether PLAKAT_NUMFMT=glibc sends every call to glibc; read once. */
static bool glibc_only(void)
{
        static atomic_int mode; /* 0: not read yet, 1: fast path, 2: glibc */
        int m = atomic_load_explicit(&mode, memory_order_relaxed);
        if (!m) {
                const char *v = getenv("PLAKAT_NUMFMT");
                m = v && strcmp(v, "glibc") == 0 ? 2 : 1;
                atomic_store_explicit(&mode, m, memory_order_relaxed);
        }
        return m == 2;
}

/* Copy the len bytes at text to s as snprintf does: at most maxlen - 1 of
 * them and a NUL, nothing when maxlen is 0.  Returns len. */
static int put(char *s, size_t maxlen, const char *text, int len)
{
        if (maxlen) {
                size_t n = (size_t)len < maxlen - 1 ? (size_t)len : maxlen - 1;
                memcpy(s, text, n);
                s[n] = '\0';
        }
        return len;
}

/* Digit d before buf[i], and the decimal point before it when it is the
 * first digit after the point.  Returns where the text now starts. */
static int put_digit(char *buf, int i, int d, bool first_decimal, char point)
{
        buf[--i] = (char)('0' + d);
        if (first_decimal)
                buf[--i] = point;
        return i;
}

/* "%.{prec}f" of d with point as the decimal point into s.  Returns the
 * length, or -1 where glibc must answer (prec outside 0..18, not finite,
 * |d| >= 2^63). */
static int fixed(char *s, size_t maxlen, double d, int prec, char point)
{
        static const uint64_t pow10[] = {
                1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000,
                10000000000, 100000000000, 1000000000000, 10000000000000, 100000000000000,
                1000000000000000, 10000000000000000, 100000000000000000, 1000000000000000000,
        };
        if (prec < 0 || prec > 18 || !isfinite(d))
                return -1;
        uint64_t bits;
        memcpy(&bits, &d, sizeof bits);
        bool negative = bits >> 63;
        int biased = (int)(bits >> 52 & 0x7ff);
        uint64_t m = bits & ((UINT64_C(1) << 52) - 1);
        if (biased)
                m |= UINT64_C(1) << 52;
        else
                biased = 1; /* subnormal: m * 2^-1074 */
        int e = biased - 1075;
        u128 q;
        if (e >= 0) {
                if (e > 10)
                        return -1;
                q = ((u128)m << e) * pow10[prec];
        } else {
                u128 v = (u128)m * pow10[prec];
                int k = -e;
                if (k > 120) {
                        q = 0; /* v < 2^113, so v / 2^k < 1/2 */
                } else {
                        q = v >> k;
                        u128 rest = v - (q << k), half = (u128)1 << (k - 1);
                        if (rest > half || (rest == half && (q & 1)))
                                q++;
                }
        }
        char buf[48]; /* '-', 19 + 18 digits, the point */
        int i = sizeof buf, digits = 0;
        /* Dividing 128 bits is a library call: only while q needs them. */
        for (; q >> 64; q /= 10)
                i = put_digit(buf, i, (int)(q % 10), ++digits == prec, point);
        uint64_t low = (uint64_t)q;
        do {
                i = put_digit(buf, i, (int)(low % 10), ++digits == prec, point);
                low /= 10;
        } while (low || digits <= prec);
        if (negative)
                buf[--i] = '-';
        return put(s, maxlen, buf + i, (int)sizeof buf - i);
}

/* One conversion of the kinds cairo uses: '%', an optional '0' flag and
 * width, an optional precision ".N" or ".*", an optional 'l', and one of
 * f d u x X, with nothing after it. */
struct conv {
        bool zero, star, is_long;
        int width, prec; /* prec -1: none given */
        char kind;
};

static bool parse(const char *f, struct conv *c)
{
        *c = (struct conv){ .prec = -1 };
        if (*f++ != '%')
                return false;
        if (*f == '0') {
                c->zero = true;
                f++;
        }
        for (; *f >= '0' && *f <= '9' && c->width <= 64; f++)
                c->width = c->width * 10 + (*f - '0');
        if (*f == '.') {
                f++;
                if (*f == '*') {
                        c->star = true;
                        f++;
                } else {
                        for (c->prec = 0; *f >= '0' && *f <= '9' && c->prec <= 64; f++)
                                c->prec = c->prec * 10 + (*f - '0');
                }
        }
        if (*f == 'l') {
                c->is_long = true;
                f++;
        }
        c->kind = *f;
        return c->kind && strchr("fduxX", c->kind) && !f[1] && c->width <= 64;
}

/* An integer conversion: the digits of the magnitude u in base 10 or 16,
 * a '-' when negative, padded to the width with zeros after the sign or
 * spaces before it. */
static int integer(char *s, size_t maxlen, const struct conv *c, unsigned long u, bool negative)
{
        const char *digit = c->kind == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
        unsigned base = c->kind == 'x' || c->kind == 'X' ? 16 : 10;
        char buf[96]; /* width at most 64, or '-' and 20 digits */
        int i = sizeof buf;
        do {
                buf[--i] = digit[u % base];
                u /= base;
        } while (u);
        int len = (int)sizeof buf - i + negative;
        for (; c->zero && len < c->width; len++)
                buf[--i] = '0';
        if (negative)
                buf[--i] = '-';
        for (; len < c->width; len++)
                buf[--i] = ' ';
        return put(s, maxlen, buf + i, len);
}

/* The length of the call's text, answered here, or -1 for glibc (which
 * then reads the arguments from a copy of the list). */
static int answer(char *s, size_t maxlen, const char *fmt, va_list ap)
{
        struct conv c;
        if (!parse(fmt, &c) || glibc_only())
                return -1;
        if (c.kind == 'f') {
                if (c.zero || c.width || c.is_long || fegetround() != FE_TONEAREST)
                        return -1;
                const char *point = nl_langinfo(RADIXCHAR);
                if (!point[0] || point[1])
                        return -1;
                int prec = c.star ? va_arg(ap, int) : c.prec < 0 ? 6 : c.prec;
                return fixed(s, maxlen, va_arg(ap, double), prec, point[0]);
        }
        if (c.prec >= 0 || c.star)
                return -1;
        if (c.kind == 'd') {
                long v = c.is_long ? va_arg(ap, long) : va_arg(ap, int);
                return integer(s, maxlen, &c, v < 0 ? 0UL - (unsigned long)v : (unsigned long)v, v < 0);
        }
        return integer(s, maxlen, &c, c.is_long ? va_arg(ap, unsigned long) : va_arg(ap, unsigned), false);
}

int __snprintf_chk(char *s, size_t maxlen, int flag, size_t slen, const char *fmt, ...)
{
        if (slen < maxlen)
                __chk_fail();
        va_list ap;
        va_start(ap, fmt);
        va_list again;
        va_copy(again, ap);
        int n = answer(s, maxlen, fmt, ap);
        if (n < 0)
                n = __vsnprintf_chk(s, maxlen, flag, slen, fmt, again);
        else if (!atomic_load_explicit(&reached, memory_order_relaxed))
                atomic_store_explicit(&reached, true, memory_order_relaxed);
        va_end(again);
        va_end(ap);
        return n;
}

#else

bool numfmt_reached(void)
{
        return false;
}

#endif
