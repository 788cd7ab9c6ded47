/* pngout.h: cairo image surface -> fast, deterministic 8-bit RGB PNG.
 * (Not png.h: that name is libpng's.) */
#ifndef PLAKAT_PNGOUT_H
#define PLAKAT_PNGOUT_H

#include <cairo.h>
#include <stdbool.h>

#include "sink.h"

/* Encode the ARGB32 or RGB24 image surface s as an 8-bit RGB PNG (no
 * alpha channel: plakat's images are opaque, so any transparency is
 * composited over white) into out (not flushed).  The same pixels always
 * give the same bytes (no time stamps).  dpi > 0 records the physical size
 * (pHYs).  Returns true on success.  On failure *err is the reason an image
 * cannot be encoded (caller g_frees, to be framed by the caller), or NULL
 * when out failed (sink_error says why); out may then hold part of a file.
 * Compresses on up to threads threads (0: one a processor), all joined
 * before it returns, and writes to out only from the calling thread; the
 * bytes are the same for any number. */
bool pngout_write(cairo_surface_t *s, struct sink *out, double dpi, int threads, char **err);

#endif
