/* qrlevel.h: the QR code's error-correction level, without the drawing.
 *
 * Owned by qr.c; apart from qr.h (which draws with cairo) so that layouts
 * and other model code can name a level without pulling in cairo. */
#ifndef PLAKAT_QRLEVEL_H
#define PLAKAT_QRLEVEL_H

#include <stdbool.h>

/* Error correction: L 7 %, M 15 %, Q 25 %, H 30 % of the code may be lost. */
enum qr_level { QR_LEVEL_L, QR_LEVEL_M, QR_LEVEL_Q, QR_LEVEL_H };

/* Parse "L", "M", "Q" or "H" (any case) into *out; false for anything else
 * (then *out is untouched). */
bool qr_level_parse(const char *s, enum qr_level *out);

/* "L", "M", "Q" or "H". */
const char *qr_level_name(enum qr_level level);

#endif
