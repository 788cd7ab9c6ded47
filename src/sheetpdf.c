/* sheetpdf.c: sheet pages recorded on the drawing thread, written into the
 * PDF in order by a writer thread.
 *
 * Why a writer thread.  A sheet run is one process (one PDF); callgrind of
 * 100 A6 flyers on 25 A4 sheets, all on one thread: 1.8 G instructions,
 * 49 % in cairo_show_page (cairo's PDF surface replaying the page, writing
 * its operators, deflating them), 28 % in lay_out (Pango fitting the
 * texts), the rest setting up and drawing.  Laying out and drawing stay on
 * the main thread (Pango, fontconfig and HarfBuzz are not to be shared,
 * render.h); the page's writing moves to a second thread, so the two
 * halves overlap.  Measured (callgrind --separate-threads=yes, the same run):
 * the main thread 894 M instructions (lay_out 509 M, prep 95 M, drawing
 * into recordings 76 M, and, after the join, output_finish 125 M of which
 * qpdf adding the page boxes is 112 M), the writer 901 M (cairo_show_page
 * 894 M, deflate 205 M of it); 1.824 G in all against 1.803 G before (the
 * recordings cost 1 %).  Wall time on the 2-core machine, 15 interleaved
 * runs with another engineer's load on it: 248 -> 194 ms (0.75 x); the
 * floor's 100 files 285 ms, so 0.84 -> 0.67 of it.  The writer is now the
 * longer half: what is left in series is the set-up before the first page
 * and qpdf's pass after the last (92 M; opening qpdf, another 20 M, is
 * done by the writer while it waits for the first page).
 *
 * What crosses to the writer: a recording surface (created, drawn and
 * given up by the main thread before the writer sees it), the links
 * (plain data) and references to the images the page shows.  What the
 * recording refers to and the main thread still uses:
 *   - scaled fonts and their font faces: cairo locks them itself (a
 *     scaled font's glyph cache under its mutex, cairo-ft faces under the
 *     unscaled font's mutex, the font map under a global one; reference
 *     counts are atomic): cairo is "MT-safe as long as you don't use/modify
 *     the same cairo_t, cairo_surface_t, cairo_pattern_t, or
 *     cairo_font_options_t concurrently from multiple threads; the font
 *     objects that are reasonably shared are MT-safe" (Behdad Esfahbod,
 *     cairo maintainer, java-gnome-hackers, 2008-06-19; cairo's own test
 *     pthread-show-text draws text with shared fonts on 8 threads);
 *   - image surfaces (a logo, a photo, librsvg's pictures inside an SVG):
 *     the recording holds cairo snapshots of them, which read the original
 *     until it is changed or freed.  Nothing changes an image once loaded;
 *     freeing one while the writer reads its snapshot would race inside
 *     cairo (the snapshot's target), so each page holds a reference to
 *     the images it shows (image_ref) and lets go only once it is written.
 *     cairo also keeps each image's snapshots in a list without a lock:
 *     the main thread adds to it when it draws the logo again, and
 *     destroying a recording takes its snapshots off.  So the writer hands
 *     every written page back, and the main thread frees it (free_written):
 *     every recording and image is created and destroyed on the main
 *     thread, and the writer only reads them.
 * The PDF surface is the writer's alone from sheetpdf_new to
 * sheetpdf_close: the main thread finishes it (output_finish) after the
 * join.  The writer starts with every signal blocked, so Ctrl-C lands on
 * the main thread (batch.c), and sheetpdf_close joins it on every path
 * (no thread is left at a fork or an exit).
 *
 * Why every page goes through a recording, also without a thread: the
 * PDF then gets the same cairo calls in the same order either way, and
 * -j 1 and -j 2 write the same bytes (tests/test_sheet.c checks it). */
#include "sheetpdf.h"

#include <glib.h>
#include <pthread.h>
#include <signal.h>

#include "draw.h"
#include "image.h"
#include "pdfbox.h"

struct queued {
        cairo_surface_t *rec;
        struct draw_links *links;
        GPtrArray *images; /* struct image, held until written */
};

struct sheetpdf {
        cairo_surface_t *pdf; /* the writer's while it runs */
        double w, h;
        struct queued now;      /* being drawn (main thread) */
        const char *why;      /* the main thread's first failure */
        GThread *writer;      /* NULL: pages are written at once */
        /* Shared with the writer, under lock. */
        GMutex lock;
        GCond changed;
        struct queued queue[SHEETPDF_QUEUE];
        size_t head, len;
        GArray *written; /* struct queued: pages written, for the main thread to free */
        bool closing;
        const char *writer_why; /* the writer's first failure; read after the join */
};

static void page_clear(struct queued *pg)
{
        cairo_surface_destroy(pg->rec);
        draw_links_free(pg->links);
        if (pg->images)
                g_ptr_array_free(pg->images, TRUE);
        *pg = (struct queued){ 0 };
}

/* The page onto the PDF: the recording as one Form XObject, then the
 * links tagged over it under the structure root that keeps cairo 1.16's
 * link annotations sound (draw.c draw_page).  The paint goes before the
 * root: cairo 1.16 fails the page ("invalid tag name, attributes, or
 * nesting") when a recording is painted inside a tag. */
static void write_page(cairo_surface_t *pdf, struct queued *pg, const char **why)
{
        cairo_t *cr = cairo_create(pdf);
        cairo_set_source_surface(cr, pg->rec, 0, 0);
        cairo_paint(cr);
        cairo_tag_begin(cr, "Document", "");
        draw_links_tag(cr, pg->links);
        cairo_tag_end(cr, "Document");
        cairo_show_page(cr);
        cairo_status_t st = cairo_status(cr);
        if (st != CAIRO_STATUS_SUCCESS && !*why)
                *why = cairo_status_to_string(st);
        cairo_destroy(cr);
}

static gpointer writer_run(gpointer data)
{
        struct sheetpdf *sp = data;
        /* Idle until the main thread has laid out the first page: open
         * qpdf, which adds the sheet's page boxes after the last page, so
         * that it is not opened in the serial stretch at the end. */
        pdfbox_prepare();
        for (;;) {
                g_mutex_lock(&sp->lock);
                while (sp->len == 0 && !sp->closing)
                        g_cond_wait(&sp->changed, &sp->lock);
                if (sp->len == 0) {
                        g_mutex_unlock(&sp->lock);
                        return NULL;
                }
                struct queued pg = sp->queue[sp->head];
                sp->head = (sp->head + 1) % SHEETPDF_QUEUE;
                sp->len--;
                g_cond_broadcast(&sp->changed);
                g_mutex_unlock(&sp->lock);
                write_page(sp->pdf, &pg, &sp->writer_why);
                /* Freed by the main thread (free_written): letting go of
                 * a recording lets go of cairo's snapshots of the images
                 * in it, and cairo keeps an image's snapshots in a list
                 * without a lock, which the main thread extends while it
                 * draws the same logo on the next page. */
                g_mutex_lock(&sp->lock);
                g_array_append_val(sp->written, pg);
                g_mutex_unlock(&sp->lock);
        }
}

struct sheetpdf *sheetpdf_new(cairo_surface_t *pdf, double width, double height, bool thread)
{
        struct sheetpdf *sp = g_new0(struct sheetpdf, 1);
        sp->pdf = pdf;
        sp->w = width;
        sp->h = height;
        g_mutex_init(&sp->lock);
        g_cond_init(&sp->changed);
        sp->written = g_array_new(FALSE, FALSE, sizeof(struct queued));
        if (thread) {
                sigset_t all, old;
                sigfillset(&all);
                pthread_sigmask(SIG_SETMASK, &all, &old);
                sp->writer = g_thread_try_new("plakat-sheetpdf", writer_run, sp, NULL);
                pthread_sigmask(SIG_SETMASK, &old, NULL);
        }
        return sp;
}

cairo_t *sheetpdf_page_begin(struct sheetpdf *sp)
{
        g_assert(!sp->now.rec);
        cairo_rectangle_t sheet = { 0, 0, sp->w, sp->h };
        sp->now.rec = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &sheet);
        sp->now.links = draw_links_new();
        sp->now.images = g_ptr_array_new_with_free_func((GDestroyNotify)image_free);
        cairo_t *cr = cairo_create(sp->now.rec);
        /* Paper: opaque white, as on a page drawn straight into a PDF. */
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_paint(cr);
        return cr;
}

struct draw_links *sheetpdf_links(struct sheetpdf *sp)
{
        return sp->now.links;
}

void sheetpdf_page_shows(struct sheetpdf *sp, struct image *im)
{
        if (im && !g_ptr_array_find(sp->now.images, im, NULL))
                g_ptr_array_add(sp->now.images, image_ref(im));
}

/* Free the pages the writer has written (main thread). */
static void free_written(struct sheetpdf *sp)
{
        g_mutex_lock(&sp->lock);
        GArray *done = sp->written;
        sp->written = g_array_new(FALSE, FALSE, sizeof(struct queued));
        g_mutex_unlock(&sp->lock);
        for (size_t i = 0; i < done->len; i++)
                page_clear(&g_array_index(done, struct queued, i));
        g_array_free(done, TRUE);
}

void sheetpdf_page_end(struct sheetpdf *sp, cairo_t *cr)
{
        cairo_status_t st = cairo_status(cr);
        cairo_destroy(cr);
        if (st != CAIRO_STATUS_SUCCESS && !sp->why)
                sp->why = cairo_status_to_string(st);
        struct queued pg = sp->now;
        sp->now = (struct queued){ 0 };
        if (!sp->writer) {
                write_page(sp->pdf, &pg, &sp->why);
                page_clear(&pg);
                return;
        }
        free_written(sp);
        g_mutex_lock(&sp->lock);
        while (sp->len == SHEETPDF_QUEUE)
                g_cond_wait(&sp->changed, &sp->lock);
        sp->queue[(sp->head + sp->len) % SHEETPDF_QUEUE] = pg;
        sp->len++;
        g_cond_broadcast(&sp->changed);
        g_mutex_unlock(&sp->lock);
}

const char *sheetpdf_close(struct sheetpdf *sp)
{
        if (sp->writer) {
                g_mutex_lock(&sp->lock);
                sp->closing = true;
                g_cond_broadcast(&sp->changed);
                g_mutex_unlock(&sp->lock);
                g_thread_join(sp->writer);
                free_written(sp);
        }
        g_assert(!sp->now.rec); /* a page begun is always ended */
        const char *why = sp->why ? sp->why : sp->writer_why;
        g_mutex_clear(&sp->lock);
        g_cond_clear(&sp->changed);
        g_array_free(sp->written, TRUE);
        g_free(sp);
        return why;
}
