/* render.h: one community -> the output files of the chosen formats.
 *
 * A renderer holds what is loaded once per process (fonts, layouts, formats,
 * languages) and is reused for every community and every output, so a
 * batch of fifty flyers pays the set-up once.
 *
 * Parallel runs: PROCESS-READY; not yet thread-ready.
 *
 * Worker processes, each with its own renderer, share nothing but files:
 * every output is written to a temporary file in the output folder and
 * renamed into place (two processes never see each other's half-written
 * files), the hyphenation cache (~/.cache/plakat) is written the same way,
 * and fontconfig's cache is fontconfig's to lock.  Inherited state (locale,
 * environment, umask) is read, never changed.
 *
 * Threads: a renderer must never be shared between threads.  Its fonts
 * hold one Pango font map and context, which Pango does not make
 * thread-safe (fonts.h), and measuring text fills their caches.  Everything
 * else in it (layouts, formats, themes, languages) is read-only once
 * renderer_new returns, as is a loaded struct community; a struct diag
 * belongs to one thread.  One renderer per thread is the design that could
 * work, and what is process-wide has been made safe for it:
 *   - lazily filled tables are filled once under g_once (lazy.c: librsvg
 *     and qpdf; community_settings), or are constant (facts placeholders,
 *     the settings tables);
 *   - hyphenation patterns are loaded and used under a lock (hyphen.c), so
 *     threads hyphenate one at a time, correctly;
 *   - fonts_new serialises making its fontconfig configuration current;
 *   - nothing calls setlocale or setenv; libconfig reads numbers in the C
 *     locale plakat never leaves;
 *   - util_umask reads the umask once without changing it, and
 *     renderer_new asks it (through output_file_mode) before any worker
 *     could start;
 *   - renderer_new itself reads the layout files on a helper thread while
 *     it loads the rest, and joins it before it returns: no thread of
 *     plakat's outlives it (batch.c forks after it), and the messages are
 *     added in file order after the join (render.c);
 *   - a sheet run writes its PDF on a second thread (sheetpdf.c) while the
 *     renderer stays on the calling thread: what crosses is cairo only,
 *     each page's recording surface (handed over once drawn, read by the
 *     writer, handed back once written and freed by the caller, so every
 *     surface and image is made and freed on one thread), the scaled fonts
 *     and font faces inside it
 *     (which cairo locks itself: per-font mutexes, atomic reference counts;
 *     cairo is "MT-safe as long you don't use/modify the same cairo_t,
 *     cairo_surface_t, cairo_pattern_t, or cairo_font_options_t
 *     concurrently", Behdad Esfahbod, java-gnome-hackers 2008-06-19), and
 *     the page's images (read by both threads, changed by neither), held
 *     (image_ref) until the page is written so none is freed under the
 *     writer; the PDF surface is the writer's until the join, and the
 *     thread is joined before renderer_sheets_batch returns.
 * Threads are still only argued, not tested: no test renders from two
 * threads under ThreadSanitizer yet, and librsvg, gdk-pixbuf and
 * libqrencode are trusted on their documentation.  So: -j N should fork
 * workers, each with its own renderer, until such a test exists. */
#ifndef PLAKAT_RENDER_H
#define PLAKAT_RENDER_H

#include <signal.h>
#include <glib.h>
#include <stdbool.h>
#include <stdio.h>

#include "format.h"

struct community;
struct facts;
struct diag;
struct renderer;

struct render_options {
        const char *outdir;   /* created if missing */
        char **formats;       /* format names ("a3", "instagram", ...), NULL-terminated */
        const char *layout;   /* design name; NULL: the default design */
        double dpi;           /* for PNG previews of print formats ("a3-png"); 0: 150 */
        double bleed_mm;      /* print formats: extend edge elements by this and grow the page */
        bool marks;           /* crop marks outside the bleed */
        /* Beside each output file also <slug>-<format>.boxes.json: every
         * box drawn, as the tests read it (not for a stream). */
        bool debug_boxes;
        GDate today;          /* "next meetings" are counted from this day */
        /* Write the one output to this open descriptor (not owned) instead
         * of into outdir, e.g. standard output for -o -; -1: files.  Only
         * for a single format. */
        int stream_fd;
        const char *stream_name; /* for messages: "standard output" */
        /* Processors one output may keep busy: the threads a PNG is
         * encoded on, or a sheet PDF's writer thread beside the drawing
         * (2 or more: a writer); 0: one per processor.  batch.c sets it
         * from -j (at most N processors busy): 1 for each of several
         * worker processes, else N or the processors, the fewer. */
        int threads;
};

/* One file (or stream) renderer_render committed. */
struct rendered {
        char *path;                  /* as written into outdir, or the stream's name */
        const struct format *format; /* owned by the renderer */
        bool preview;                /* a PNG preview of a print format */
        enum output_kind kind;
        char sha256[65];             /* of the file's bytes, hex */
};

/* What one renderer_render committed, in the order of o->formats. */
struct render_result {
        struct rendered *items;
        size_t n;
};

/* Free what r holds (r itself is the caller's); safe on a zeroed result. */
void render_result_clear(struct render_result *r);

/* Load fonts (the data dir's fonts/ plus extra_font_dirs), formats,
 * layouts (the data dir's layouts/ plus extra_layout_dirs) and languages
 * from datadir; the lists are NULL-terminated or NULL.  Problems go to d;
 * a refused layout file is a warning and left out.  Returns NULL when
 * plakat cannot work (no fonts, no layout, broken languages or formats).
 * Free with renderer_free. */
struct renderer *renderer_new(const char *datadir, const char *const *extra_font_dirs,
                              const char *const *extra_layout_dirs, struct diag *d);
void renderer_free(struct renderer *r);

/* Render c in every format of o.  Each file is written atomically
 * (temporary file, then rename) into o->outdir as <slug>-<format>.<ext>,
 * or to o->stream_fd.  Warnings (text that does not fit, a QR too small to
 * scan, low contrast) and errors go to d naming the community, format,
 * layout and element; a failure to write names the file.  Returns true
 * when every output was written, and then (when out is not NULL) the list
 * of what was committed in *out (free with render_result_clear); on false,
 * nothing of this community was left in outdir and *out is empty. */
bool renderer_render(struct renderer *r, const struct community *c,
                     const struct render_options *o, struct render_result *out, struct diag *d);

/* A fingerprint of everything renderer_render(r, c, o) reads: plakat's
 * version, the data files, the options, the community file and its images
 * (their bytes and times) and every text a template can print as of o->today (so a
 * new day with new "next meetings" changes it).  Same key, same output
 * bytes.  64 hex digits; caller frees. */
char *renderer_input_key(struct renderer *r, const struct community *c, const struct render_options *o);

/* Flyers on sheets: each community laid out once in the print format
 * piece and drawn copies times, one after the other in the order given,
 * as many as fit on each page of the print format sheet (turned where
 * that fits more; sheet.h), every piece with its own bleed (o->bleed_mm),
 * its QR code and link, crop marks at every cut, TrimBox and BleedBox
 * around the pieces.  One multi-page PDF at path, written atomically.
 * A community that is refused is left out with its messages (as with
 * renderer_render).  Returns false when any community was refused or the
 * file could not be written; the file is written when at least one piece
 * was drawn, and then listed in *out (kind PDF, format the sheet's). */
struct sheet_request {
        const char *sheet; /* format name: "a4", "a3" */
        const char *piece; /* format name: "a6", "card" */
        unsigned copies;   /* 1 or more */
        const char *path;
        const char *title; /* the PDF's title; NULL: "plakat sheets" */
        /* The value of signup.track on these pieces ("freund"); NULL: the
         * piece's format name.  Only where a community sets signup.track. */
        const char *track;
        /* NULL, or n flags set to whether each community went onto the
         * sheet (false: refused while laid out, said in the messages). */
        bool *placed;
        /* NULL, or n: the page (from 1) each community's first piece is
         * on, 0 for one not placed. */
        size_t *pages;
        /* NULL, or n diags: what laying out each community said goes into
         * its own (its file's messages, for the terminal and the report in
         * its turn), the sheet's into d.  NULL: everything into d. */
        struct diag *diags;
        /* NULL, or a flag a signal handler sets: once it is set no further
         * community is laid on the sheet and the sheet is given up (not
         * written), as a Ctrl-C leaves no file that is not the whole job. */
        const volatile sig_atomic_t *stop;
};
/* How many pieces of the print format piece, with bleed_mm, go on each
 * page of the print format sheet; 0 when either is unknown or none fits.
 * With every community placed, the k-th (from 0) of a run of copies each
 * starts on page k * copies / this + 1. */
size_t renderer_sheet_pieces(const struct renderer *r, const char *sheet, const char *piece, double bleed_mm);
/* Why not one piece of the print format piece, with bleed_mm around it,
 * goes on the print format sheet, and what would go: a translated
 * sentence naming -f, --bleed and --sheet as the user wrote them, for the
 * caller to frame ("-f a4 does not fit on --sheet a6: the piece is 210 x
 * 297 mm, the sheet 105 x 148 mm; use a larger sheet (--sheet a4, sra4) or
 * a smaller format (-f a6, card)").  NULL when a piece fits; caller frees
 * with g_free.  renderer_render_sheets refuses such a sheet with the same
 * sentence. */
char *renderer_sheet_misfit(const struct renderer *r, const struct format *sheet, const struct format *piece,
                            double bleed_mm);
bool renderer_render_sheets(struct renderer *r, const struct community *const *cs, size_t n,
                            const struct render_options *o, const struct sheet_request *sr,
                            struct render_result *out, struct diag *d);

/* ---- several calls, one commit ----
 * A batch holds files finished under temporary names and not yet in
 * place, so that one community's posters, sheets and texts (plakat kit)
 * go in all together or not at all. */
struct render_batch;
struct output;
struct render_batch *render_batch_new(void);
/* Remove whatever was not committed and free b; NULL does nothing. */
void render_batch_free(struct render_batch *b);
/* A new, empty output in b for the caller to output_open (owned by b);
 * format (may be NULL) and preview are what render_result reports. */
struct output *render_batch_add(struct render_batch *b, const struct format *f, bool preview);
/* Put every file of b in place, in the order added; all or none.  Call
 * only when every output of b was opened and finished.  Returns false
 * after reporting to d, having removed what it had put in place. */
bool render_batch_commit(struct render_batch *b, struct render_result *res, struct diag *d);
/* renderer_render and renderer_render_sheets, leaving the files in b:
 * the same messages and returns, nothing is committed. */
bool renderer_render_batch(struct renderer *r, const struct community *c, const struct render_options *o,
                           struct render_batch *b, struct diag *d);
bool renderer_sheets_batch(struct renderer *r, const struct community *const *cs, size_t n,
                           const struct render_options *o, const struct sheet_request *sr,
                           struct render_batch *b, struct diag *d);

/* What b holds: how many outputs, and output i's path (NULL when it
 * could not be opened), format (NULL for files that are no format) and
 * kind. */
size_t render_batch_len(const struct render_batch *b);
const char *render_batch_path(const struct render_batch *b, size_t i);
const struct format *render_batch_format(const struct render_batch *b, size_t i, bool *preview);

/* The fonts of r (owned by r), for pages drawn without a layout. */
struct fonts *renderer_fonts(const struct renderer *r);

/* The checks a render would make, without writing files (for `plakat
 * check`): fit, contrast, QR size, fonts that fell back.  Same messages as
 * renderer_render.  *not_shown gets the settings the community gave that
 * no page of these formats shows, in words ("agenda, woop (design klar,
 * a3, instagram)"), or NULL; caller frees. */
void renderer_check(struct renderer *r, const struct community *c,
                    const struct render_options *o, struct diag *d, char **not_shown);

/* The shipped languages, NULL-terminated (owned by r). */
const char *const *renderer_languages(const struct renderer *r);

/* A loaded language by code, falling back to "de" (owned by r). */
const struct lang *renderer_lang(const struct renderer *r, const char *code);

/* The facts of c as of today, in the language of its words
 * (renderer_lang of c->words_language): a new reference; give it back with
 * facts_free.  Kept for the community asked for last. */
struct facts *renderer_facts(struct renderer *r, const struct community *c, const GDate *today);

/* For `plakat formats` and `plakat layouts`: one line each to out. */
void renderer_list_formats(const struct renderer *r, FILE *out);
void renderer_list_layouts(const struct renderer *r, FILE *out);
void renderer_list_themes(const struct renderer *r, FILE *out);

/* The formats plakat knows (owned by r). */
const struct formats *renderer_formats(const struct renderer *r);

/* The names of the loaded designs, sorted, NULL-terminated (owned by r). */
const char *const *renderer_layout_names(const struct renderer *r);

/* The name of the layout loaded from path (as the layouts folder and the
 * file's name make it), or NULL when none was: its file was left out. */
const char *renderer_layout_from(const struct renderer *r, const char *path);

/* Whether the design named layout (NULL: the default) has a page for the
 * format named format ("a3", "a3-png", "instagram"...).  False for an
 * unknown layout or format. */
bool renderer_layout_has(const struct renderer *r, const char *layout, const char *format);

/* The name of the default design (owned by r). */
const char *renderer_default_layout(const struct renderer *r);

/* Whether -f NAME means something: a format, "all", or "<print format>-png"
 * (a PNG preview of a print format at --dpi). */
bool renderer_has_format(const struct renderer *r, const char *name);

#endif
