/* pngout.c: cairo image surface -> fast, deterministic 8-bit RGB PNG.
 *
 * Why not cairo_surface_write_to_png: it uses zlib's default level 6 with
 * libpng's adaptive filters, about 35-60 ms for a 1080x1080 social image,
 * and writes RGBA even for opaque images.  Measured on 1080x1080 images
 * (flat poster art, full-bleed gradient, half photo; see tests/test_pngout.c
 * for the benchmark the test prints):
 *
 *   cairo default           163 KB 35 ms   266 KB 42 ms   952 KB 144 ms
 *   level 3, filter NONE    161 KB  9 ms   261 KB 12 ms  1344 KB  36 ms
 *   level 3, filter PAETH   182 KB 15 ms   305 KB 20 ms  1023 KB  46 ms
 *   level 3, all (adaptive) 177 KB 24 ms   292 KB 28 ms  1021 KB  58 ms
 *   level 2, filter NONE    170 KB  8 ms   271 KB 11 ms  1353 KB  35 ms
 *
 * Levels 1-3 use zlib's fast matcher; from 4 on it switches to the lazy
 * one and costs 1.5-2x more.  Level 3 is the best of the fast ones.
 * Flat art (text, shapes, QR codes, cairo gradients) compresses best
 * unfiltered, as rows repeat and LZ finds them; libpng's adaptive choice
 * never picks NONE there.  Photos need a filter, and PAETH alone is nearly
 * as small as the adaptive search at far less time.  So we decide once per
 * image from the share of pixels equal to their left neighbour (0.87-0.89
 * for flat art, 0.55 with a photo).  Switching per row was tried and is
 * worse: filtered rows break the matches between rows.
 *
 * Two cores for one image (pigz's way): the rows are cut into PNG_CHUNKS
 * bands, each filtered and compressed on its own as raw deflate, primed
 * with the last 32 KiB of the rows above it so matches across a seam are
 * kept; every band but the last ends in a sync flush (byte aligned), and
 * the bands follow each other in one zlib stream whose Adler-32 is
 * combined from theirs.  The count is a constant, never the number of
 * processors, so the bytes are the same on every machine; the threads
 * take bands from a counter, so 4 bands on 2 cores even out a costly band.
 * Measured with test_pngout's benchmark images (bytes; wall ms, median of
 * 8 runs of its best of 5, on 2 cores with little else running) and with
 * callgrind on one 1080x1080 render (`-f instagram`, urban-gardening.cfg):
 * pngout_write's instructions in all threads (callgrind runs one thread
 * at a time, so how it shares the bands out says nothing; wall time does).
 *
 *   bands    poster          gradient        half photo     instructions
 *   libpng  105262  8.2 ms  231716 11.6 ms  295604 13.5 ms  127.4 M
 *   1       105118  8.1 ms  231380 11.6 ms  295172 13.6 ms  127.0 M
 *   2       105470  5.0 ms  230799  7.2 ms  295321  9.8 ms  128.3 M
 *   4       103653  4.8 ms  229833  6.7 ms  294743  7.5 ms  129.3 M
 *   8       104287  5.3 ms  229145  6.8 ms  295019  7.8 ms  133.8 M
 *
 * The sizes stay within 1 % of one stream (the seams cost a few bytes;
 * libpng's 8 KiB IDATs cost 12 bytes each).  8 bands cost 5 % more
 * instructions for no gain on 2 cores; with 2, a costly half (the photo
 * on top) keeps one core waiting; so 4.  The serial rest is the chunk
 * writing and the sink's checksum, about 5 M.
 *
 * The chunks around the image data are a few fixed bytes, written here
 * with zlib's crc32 (libpng would add only its longjmp error path).
 * Threads live only inside pngout_write and none outlives the call, so a
 * fork (batch.c's workers) never copies one. */
#include "pngout.h"
#include "i18n.h"
#include "util.h"

#include <glib.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>
#include <zlib.h>

enum {
        PNG_LEVEL = 3,
        PNG_CHUNKS = 4,         /* bands of rows, one raw deflate stream each */
        PNG_WINDOW = 32768,     /* deflate's window: a chunk's dictionary */
        FILTER_NONE = 0,
        FILTER_PAETH = 4,
};

/* One band of rows and its compressed bytes. */
struct band {
        int y0, y1;             /* rows [y0, y1) */
        bool last;              /* ends the stream (Z_FINISH) */
        unsigned char *z;       /* raw deflate, g_malloc'd */
        size_t zlen, zcap;
        uint64_t same;          /* pixels equal to their left neighbour */
        uLong adler;            /* Adler-32 of the band's filtered rows */
        bool ok;                /* false: zlib had no memory */
};

/* What the threads share: the pixels (read only), the bands (each written
 * by the one thread that took it) and the next band to take. */
struct job {
        const unsigned char *data;
        int w, h, stride;
        bool alpha;
        int filter;
        int n;                  /* bands in use: PNG_CHUNKS, fewer rows fewer */
        int threads;            /* at most; from pngout_write */
        struct band band[PNG_CHUNKS];
        void (*work)(const struct job *, struct band *);
        atomic_int next;
};

/* For choose_filter: count band b's pixels equal to their left neighbour.
 * Four at a time in a vector (SSE2 on x86-64, whatever the target has
 * elsewhere): the scalar loop took 9 instructions a pixel, a tenth of a
 * 1080x1080 image's encoding. */
typedef uint32_t px4 __attribute__((vector_size(16)));

static void band_count(const struct job *j, struct band *b)
{
        for (int y = b->y0; y < b->y1; y++) {
                const uint32_t *p = (const uint32_t *)(const void *)(j->data + (size_t)y * (size_t)j->stride);
                px4 acc = { 0, 0, 0, 0 };
                int x = 1;
                /* A lane counts at most w / 4 matches, far below 2^32. */
                for (; x + 4 <= j->w; x += 4) {
                        px4 cur, left;
                        memcpy(&cur, p + x, sizeof cur);
                        memcpy(&left, p + x - 1, sizeof left);
                        acc -= (px4)(cur == left); /* a match is all ones: -1 */
                }
                uint64_t same = (uint64_t)acc[0] + acc[1] + acc[2] + acc[3];
                for (; x < j->w; x++)
                        same += p[x] == p[x - 1];
                b->same += same;
        }
}

/* See the top of the file. */
static int choose_filter(const struct job *j)
{
        uint64_t same = 0, all = (uint64_t)(j->w - 1) * (uint64_t)j->h;
        for (int i = 0; i < j->n; i++)
                same += j->band[i].same;
        return 4 * same >= 3 * all ? FILTER_NONE : FILTER_PAETH;
}

/* One row of cairo pixels (native-endian 32-bit, premultiplied) to RGB
 * over white.  Premultiplied c = colour * a, so over white it is
 * c + 255 - a, exact and never above 255. */
static void to_rgb(const uint32_t *p, int w, bool alpha, unsigned char *out)
{
        int x = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        /* Opaque pixels (every PNG plakat draws is RGB24) need no sum: one
         * byte swap puts R, G, B first in memory and a 4-byte store writes
         * them; the next pixel's store covers the fourth byte, so the last
         * pixel goes byte by byte below.  8 instructions a pixel, loop
         * included, not 20 (GCC 12, -O2). */
        if (!alpha)
                for (; x + 1 < w; x++) {
                        uint32_t rgb = __builtin_bswap32(p[x]) >> 8; /* x R G B -> R G B 0 */
                        memcpy(out + 3 * x, &rgb, sizeof rgb);
                }
#endif
        for (; x < w; x++) {
                uint32_t v = p[x];
                unsigned k = alpha ? 255u - (v >> 24) : 0u;
                out[3 * x] = (unsigned char)(((v >> 16) & 0xff) + k);
                out[3 * x + 1] = (unsigned char)(((v >> 8) & 0xff) + k);
                out[3 * x + 2] = (unsigned char)((v & 0xff) + k);
        }
}

static void row_rgb(const struct job *j, int y, unsigned char *out)
{
        to_rgb((const uint32_t *)(const void *)(j->data + (size_t)y * (size_t)j->stride), j->w,
               j->alpha, out);
}

/* The PNG specification's predictor, in its order of ties. */
static unsigned paeth(unsigned a, unsigned b, unsigned c)
{
        int pa = abs((int)b - (int)c), pb = abs((int)a - (int)c), pc = abs((int)(a + b) - 2 * (int)c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/* Row y as PNG stores it (filter byte, then 3w bytes) into out.  With
 * PAETH, *prev holds row y-1 in RGB (zeros above row 0) and *cur is
 * scratch; they are swapped, so *prev holds row y after. */
static void filter_row(const struct job *j, int y, unsigned char **prev, unsigned char **cur,
                       unsigned char *out)
{
        out[0] = (unsigned char)j->filter;
        if (j->filter == FILTER_NONE) {
                row_rgb(j, y, out + 1);
                return;
        }
        unsigned char *p = *prev, *c = *cur;
        size_t n = (size_t)j->w * 3;
        row_rgb(j, y, c);
        for (size_t i = 0; i < 3 && i < n; i++)
                out[1 + i] = (unsigned char)(c[i] - p[i]);
        for (size_t i = 3; i < n; i++)
                out[1 + i] = (unsigned char)(c[i] - paeth(c[i - 3], p[i], p[i - 3]));
        *prev = c;
        *cur = p;
}

/* Run deflate on what z holds, growing b's buffer, until the input is
 * taken and flush is done.  Returns false only for zlib's own errors. */
static bool pump(z_stream *z, struct band *b, int flush)
{
        for (;;) {
                if (b->zlen == b->zcap) {
                        b->zcap = b->zcap * 2 + 4096;
                        b->z = g_realloc(b->z, b->zcap);
                }
                z->next_out = b->z + b->zlen;
                z->avail_out = (uInt)MIN(b->zcap - b->zlen, (size_t)UINT_MAX);
                int r = deflate(z, flush);
                b->zlen = (size_t)(z->next_out - b->z);
                if (r == Z_STREAM_END)
                        return true;
                if (r == Z_STREAM_ERROR)
                        return false;
                /* Room left over: deflate took all it had and flushed. */
                if (z->avail_out > 0)
                        return flush != Z_FINISH;
        }
}

/* Filter band b's rows and compress them as raw deflate, primed with the
 * last 32 KiB of the rows before it, which this thread filters again
 * itself: a few rows of work instead of waiting for the band above. */
static void band_deflate(const struct job *j, struct band *b)
{
        size_t rowlen = 1 + (size_t)j->w * 3;
        int k = (int)MIN((size_t)b->y0, (PNG_WINDOW + rowlen - 1) / rowlen);
        unsigned char *rgb = g_malloc0(2 * ((size_t)j->w * 3));
        unsigned char *prev = rgb, *cur = rgb + (size_t)j->w * 3;
        unsigned char *rows = g_malloc(((size_t)k + 1) * rowlen);
        z_stream z = { 0 };
        b->ok = deflateInit2(&z, PNG_LEVEL, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) == Z_OK;
        if (!b->ok)
                goto out;

        int y = b->y0 - k;
        if (j->filter == FILTER_PAETH && y > 0)
                row_rgb(j, y - 1, prev);
        for (int i = 0; i < k; i++)
                filter_row(j, y + i, &prev, &cur, rows + (size_t)i * rowlen);
        if (k > 0) {
                size_t have = (size_t)k * rowlen, use = MIN(have, (size_t)PNG_WINDOW);
                b->ok = deflateSetDictionary(&z, rows + have - use, (uInt)use) == Z_OK;
        }

        unsigned char *row = rows + (size_t)k * rowlen;
        b->adler = adler32(0, NULL, 0);
        b->zcap = (size_t)(b->y1 - b->y0) * rowlen / 4;
        b->z = g_malloc(b->zcap);
        for (y = b->y0; y < b->y1 && b->ok; y++) {
                filter_row(j, y, &prev, &cur, row);
                b->adler = adler32(b->adler, row, (uInt)rowlen);
                z.next_in = row;
                z.avail_in = (uInt)rowlen;
                b->ok = pump(&z, b, Z_NO_FLUSH);
        }
        /* A sync flush ends on a byte boundary, so the next band's stream
         * can follow it directly. */
        if (b->ok)
                b->ok = pump(&z, b, b->last ? Z_FINISH : Z_SYNC_FLUSH);
        deflateEnd(&z);
out:
        g_free(rows);
        g_free(rgb);
}

static void *take_bands(void *arg)
{
        struct job *j = arg;
        for (int i; (i = atomic_fetch_add(&j->next, 1)) < j->n;)
                j->work(j, &j->band[i]);
        return NULL;
}

/* work on every band, shared by this thread and one helper for each
 * further processor; which thread does a band does not change its bytes.
 * Helpers block every signal, so signals reach this thread as before;
 * every helper is joined before this returns, so a fork after it (batch.c)
 * copies no thread. */
static void run_bands(struct job *j, void (*work)(const struct job *, struct band *))
{
        j->work = work;
        atomic_store(&j->next, 0);
        pthread_t helper[PNG_CHUNKS];
        int want = MIN(j->n, j->threads > 0 ? j->threads : (int)util_processors()) - 1, started = 0;
        sigset_t all, old;
        sigfillset(&all);
        pthread_sigmask(SIG_SETMASK, &all, &old);
        /* No helper (no resources) only costs time: this thread does it all. */
        while (started < want && pthread_create(&helper[started], NULL, take_bands, j) == 0)
                started++;
        pthread_sigmask(SIG_SETMASK, &old, NULL);
        take_bands(j);
        for (int i = 0; i < started; i++)
                pthread_join(helper[i], NULL);
}

/* ---- chunks ---------------------------------------------------------------------- */

static void put32(unsigned char *p, uint32_t v)
{
        p[0] = (unsigned char)(v >> 24);
        p[1] = (unsigned char)(v >> 16);
        p[2] = (unsigned char)(v >> 8);
        p[3] = (unsigned char)v;
}

struct piece {
        const void *p;
        size_t n;
};

/* A PNG chunk of type made of the n pieces.  Returns false once the sink
 * has failed. */
static bool put_chunk(struct sink *out, const char *type, const struct piece *piece, int n)
{
        unsigned char head[8], tail[4];
        size_t len = 0;
        for (int i = 0; i < n; i++)
                len += piece[i].n;
        g_assert(len <= 0x7fffffff);
        put32(head, (uint32_t)len);
        memcpy(head + 4, type, 4);
        uLong crc = crc32(0, head + 4, 4);
        bool ok = sink_write(out, head, sizeof head);
        for (int i = 0; i < n; i++) {
                if (piece[i].n == 0)
                        continue; /* crc32(crc, NULL, 0) would be 0 */
                crc = crc32_z(crc, piece[i].p, piece[i].n);
                ok = sink_write(out, piece[i].p, piece[i].n) && ok;
        }
        put32(tail, (uint32_t)crc);
        return sink_write(out, tail, sizeof tail) && ok;
}

static bool put_small(struct sink *out, const char *type, const void *p, size_t n)
{
        struct piece one = { p, n };
        return put_chunk(out, type, &one, 1);
}

/* The header chunks, then one IDAT a band: the zlib header opens the
 * first, the Adler-32 of all rows closes the last, so the IDATs together
 * are one zlib stream. */
static bool put_png(struct sink *out, const struct job *j, double dpi)
{
        bool ok = sink_write(out, "\x89PNG\r\n\x1a\n", 8);
        unsigned char ihdr[13] = { 0 };
        put32(ihdr, (uint32_t)j->w);
        put32(ihdr + 4, (uint32_t)j->h);
        ihdr[8] = 8;            /* bits a channel */
        ihdr[9] = 2;            /* RGB */
        ok = put_small(out, "IHDR", ihdr, sizeof ihdr) && ok;
        /* cairo draws in sRGB; saying so costs 13 bytes and keeps colour
         * managed viewers from guessing (intent 0: perceptual). */
        ok = put_small(out, "sRGB", "\0", 1) && ok;
        if (dpi > 0) {
                double ppm = floor(dpi / 0.0254 + 0.5);
                if (ppm >= 1 && ppm <= 0x7fffffff) {
                        unsigned char phys[9];
                        put32(phys, (uint32_t)ppm);
                        put32(phys + 4, (uint32_t)ppm);
                        phys[8] = 1; /* pixels a metre */
                        ok = put_small(out, "pHYs", phys, sizeof phys) && ok;
                }
        }

        /* Deflate, 32 KiB window (CINFO 7), level 2-5 (FLEVEL 1), and a
         * check that makes the two bytes a multiple of 31. */
        unsigned hdr = 0x7800 | 1u << 6;
        hdr += 31 - hdr % 31;
        unsigned char zhead[2] = { (unsigned char)(hdr >> 8), (unsigned char)hdr };
        uLong adler = j->band[0].adler;
        size_t rowlen = 1 + (size_t)j->w * 3;
        for (int i = 1; i < j->n; i++)
                adler = adler32_combine(adler, j->band[i].adler,
                                        (z_off_t)((size_t)(j->band[i].y1 - j->band[i].y0) * rowlen));
        unsigned char ztail[4];
        put32(ztail, (uint32_t)adler);
        for (int i = 0; i < j->n; i++) {
                struct piece p[3];
                int n = 0;
                if (i == 0)
                        p[n++] = (struct piece){ zhead, sizeof zhead };
                p[n++] = (struct piece){ j->band[i].z, j->band[i].zlen };
                if (i == j->n - 1)
                        p[n++] = (struct piece){ ztail, sizeof ztail };
                ok = put_chunk(out, "IDAT", p, n) && ok;
        }
        return put_small(out, "IEND", NULL, 0) && ok;
}

bool pngout_write(cairo_surface_t *s, struct sink *out, double dpi, int threads, char **err)
{
        *err = NULL;
        if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
                *err = g_strdup(cairo_status_to_string(cairo_surface_status(s)));
                return false;
        }
        if (cairo_surface_get_type(s) != CAIRO_SURFACE_TYPE_IMAGE) {
                *err = g_strdup(_("not an image surface"));
                return false;
        }
        cairo_format_t format = cairo_image_surface_get_format(s);
        if (format != CAIRO_FORMAT_ARGB32 && format != CAIRO_FORMAT_RGB24) {
                *err = g_strdup(_("only ARGB32 and RGB24 surfaces are supported"));
                return false;
        }
        cairo_surface_flush(s);
        struct job *j = g_new0(struct job, 1);
        j->data = cairo_image_surface_get_data(s);
        j->w = cairo_image_surface_get_width(s);
        j->h = cairo_image_surface_get_height(s);
        j->stride = cairo_image_surface_get_stride(s);
        if (j->w <= 0 || j->h <= 0 || !j->data) {
                g_free(j);
                *err = g_strdup(_("empty image"));
                return false;
        }
        j->alpha = format == CAIRO_FORMAT_ARGB32;
        j->threads = threads;
        j->n = MIN(PNG_CHUNKS, j->h);
        for (int i = 0; i < j->n; i++) {
                j->band[i].y0 = (int)((int64_t)j->h * i / j->n);
                j->band[i].y1 = (int)((int64_t)j->h * (i + 1) / j->n);
                j->band[i].last = i == j->n - 1;
        }
        atomic_init(&j->next, 0);
        run_bands(j, band_count);
        j->filter = choose_filter(j);
        run_bands(j, band_deflate);

        bool ok = true;
        for (int i = 0; i < j->n; i++)
                ok = ok && j->band[i].ok;
        if (!ok)
                *err = g_strdup("out of memory");
        else
                ok = put_png(out, j, dpi);
        for (int i = 0; i < j->n; i++)
                g_free(j->band[i].z);
        g_free(j);
        /* A failed write leaves no reason of ours: the sink knows why. */
        return ok;
}
