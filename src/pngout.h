/* pngout.h: cairo image surface -> fast, deterministic 8-bit RGB PNG.
 * (Not png.h: that name is libpng's.) */
#ifndef PLAKAT_PNGOUT_H
#define PLAKAT_PNGOUT_H

#include <cairo.h>
#include <stdbool.h>
#include <stdio.h>

/* Write the ARGB32 or RGB24 image surface s as an 8-bit RGB PNG (no alpha
 * channel: plakat's images are opaque, so any transparency is composited
 * over white) to the open stream f, which stays open and is flushed.  The
 * same pixels always give the same bytes (no time stamps).  dpi > 0 records
 * the physical size (pHYs).  Returns true on success; false with *err set
 * to a message for the user (caller g_frees) on an unsupported surface or
 * a write error.  On failure f may hold part of a file. */
bool pngout_write(cairo_surface_t *s, FILE *f, double dpi, char **err);

#endif
