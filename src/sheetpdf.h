/* sheetpdf.h: the pages of a sheet PDF, drawn on the caller's thread and
 * written into the PDF in order, by a writer thread when a second
 * processor may be used.
 *
 * Each page is drawn into a cairo recording surface the size of the
 * sheet; when it is done it goes, with the links kept apart from it
 * (draw.h) and the images it shows, into a queue of at most SHEETPDF_QUEUE
 * pages, and the writer paints it onto the PDF page (a Form XObject),
 * tags the links and shows the page.  Without a thread the caller does the
 * same at once: the same cairo calls on the PDF surface in the same order,
 * so the bytes are the same either way.  The rationale and the figures are
 * at the top of sheetpdf.c. */
#ifndef PLAKAT_SHEETPDF_H
#define PLAKAT_SHEETPDF_H

#include <cairo.h>
#include <stdbool.h>

struct draw_links;
struct image;
struct sheetpdf;

/* Pages queued for the writer.  With the one it is writing, and those it
 * has written until the caller frees them at its next page's end, a few
 * pages are held however many communities a sheet run has. */
#define SHEETPDF_QUEUE 2

/* Pages of width x height (the PDF surface's units) for pdf, which is the
 * writer's from now until sheetpdf_close returns: the caller must not
 * touch it in between.  thread: write on a thread of its own (when one
 * cannot be started, pages are written at once).  Never NULL. */
struct sheetpdf *sheetpdf_new(cairo_surface_t *pdf, double width, double height, bool thread);

/* Start a page: a context onto its recording, white paper laid.  Draw on
 * it (its links into sheetpdf_links), then sheetpdf_page_end. */
cairo_t *sheetpdf_page_begin(struct sheetpdf *sp);

/* The links of the page being drawn, for draw_target.links. */
struct draw_links *sheetpdf_links(struct sheetpdf *sp);

/* The page being drawn shows im: it holds im (image_ref) until it is
 * written.  NULL does nothing; the same image twice is held once. */
void sheetpdf_page_shows(struct sheetpdf *sp, struct image *im);

/* The page drawn on cr (which is freed) is done: write it, or queue it
 * for the writer, waiting while the queue is full. */
void sheetpdf_page_end(struct sheetpdf *sp, cairo_t *cr);

/* Wait until every page is written and the writer has ended (no thread
 * of it is left), free sp.  Returns NULL, or cairo's reason for the
 * first failure (static), drawing or writing, for the caller to frame. */
const char *sheetpdf_close(struct sheetpdf *sp);

#endif
