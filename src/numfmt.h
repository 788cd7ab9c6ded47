/* numfmt.h: the numbers cairo prints into PDFs, printed fast and exactly
 * as glibc prints them. */
#ifndef PLAKAT_NUMFMT_H
#define PLAKAT_NUMFMT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h> /* __GLIBC__ */

/* Defined where numfmt is built: glibc (its __vsnprintf_chk and
 * __chk_fail) and 128-bit integers.  Elsewhere glibc's or the C library's
 * snprintf prints everything, as before. */
#if defined(__GLIBC__) && defined(__SIZEOF_INT128__)
#define NUMFMT 1
#endif

#ifdef NUMFMT
/* The process's __snprintf_chk, glibc's fortified snprintf, which cairo's
 * calls bind to (numfmt.c says why).  Same contract and same bytes as
 * glibc's: writes at most maxlen bytes including the NUL to s and returns
 * the length the whole text has; aborts ("buffer overflow detected") when
 * slen < maxlen.  Formats it does not answer itself go on to glibc. */
int __snprintf_chk(char *s, size_t maxlen, int flag, size_t slen, const char *fmt, ...);
#endif

/* Whether numfmt has answered a call itself since the process started
 * (for the test that cairo's calls reach it). */
bool numfmt_reached(void);

#endif
