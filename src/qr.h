/* qr.h: text -> QR module matrix (libqrencode) -> one filled cairo path. */
#ifndef PLAKAT_QR_H
#define PLAKAT_QR_H

#include <cairo.h>
#include <stdbool.h>

#include "qrlevel.h"

/* Light modules around the code on each side, as ISO/IEC 18004 requires. */
#define QR_QUIET 4

struct qr {
        int width;              /* modules per side, without quiet zone */
        unsigned char *dark;    /* width*width, row by row; 1 = dark */
};

/* Encode text exactly as given, in 8-bit byte mode (no case folding, no
 * added bytes), at the smallest version that fits.  max_version 1..40 caps
 * the version; 0 (or above 40) means no cap.  Returns the code (free with
 * qr_free), or NULL with *err set to a message for the user (caller
 * g_frees) when the text is empty or does not fit, e.g.
 *   "2400 bytes is too long for a QR code at error correction M (at most 2331)"
 * The caller prefixes the setting name ("signup.url: ..."). */
struct qr *qr_encode(const char *text, enum qr_level level, int max_version, char **err);

/* Longest text in bytes that fits at level within max_version (0: 40). */
int qr_capacity(enum qr_level level, int max_version);

/* Frees q; NULL does nothing. */
void qr_free(struct qr *q);

/* Modules per side including the quiet zone of QR_QUIET on each side. */
int qr_total(const struct qr *q);

/* Draw q into the square (x, y, size) in user units: the whole square
 * (quiet zone included) is filled with light, then all dark modules with
 * dark as one path traced along their outlines (no edges between adjacent
 * modules, so no seams in any renderer), filled once.  Colours are RGB in
 * 0..1.  snap (for raster output): module edges fall on whole device pixels,
 * each module floor(size_px / qr_total) pixels wide, the code centred in
 * the square; ignored when the CTM rotates or a module would be under one
 * pixel.  Without snap (vector output) the geometry is exact.  The state of cr
 * (source, matrix, fill rule) is restored; its current path is cleared. */
void qr_draw(cairo_t *cr, const struct qr *q, double x, double y, double size,
             const double dark[3], const double light[3], bool snap);

#endif
