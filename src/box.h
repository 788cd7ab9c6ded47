/* box.h: a layout page + facts -> positioned boxes, text measured and
 * fitted.  Pure geometry and Pango: nothing is drawn here.
 *
 * Units: the canvas is in output units (pt for PDF, px for PNG of a screen
 * format).  The page's design units map onto it by one uniform scale; an
 * element that touches an edge of the design page is stretched to the
 * canvas edge (and into the bleed), so a band stays a band when the
 * format's proportions differ a little from the design's. */
#ifndef PLAKAT_BOX_H
#define PLAKAT_BOX_H

#include <pango/pango.h>
#include <stdbool.h>

#include "layout.h"

struct diag;
struct fact;
struct facts;
struct qr;

enum box_kind { BOX_RECT, BOX_TEXT, BOX_IMAGE, BOX_QR };

struct box {
        enum box_kind kind;
        const struct elem *elem;
        double x, y, w, h;   /* canvas units */
        struct rgb colour;   /* rect fill, text colour, qr dark */
        struct rgb light;    /* qr light */
        double radius;
        PangoLayout *layout; /* text, shaped at BOX_REF_SIZE: drawn with its
                              * top-left at (x, y), scaled by size / BOX_REF_SIZE */
        double size;         /* text: the size chosen by fitting, canvas units */
        bool overflowed;     /* text: did not fit even at the smallest size */
        bool shortened;      /* text: cut with "…" (and a warning said so) */
        bool broken;         /* text: a word broken where no hyphenation point is
                              * (and a warning said so) */
        const char *image;   /* image: path from the community */
};

struct boxes {
        struct box *b;
        size_t n, cap;
};

/* Where and how one page is laid out. */
struct box_target {
        const struct page *page;
        double width, height; /* trim size in canvas units */
        double bleed;         /* canvas units added on each side, for edge elements */
        double pt;            /* canvas units per typographic point */
        bool screen;          /* sizes in messages are px, not pt */
        const struct palette *palette;
        const struct facts *facts;
        PangoContext *pango;
        const char *logo, *photo; /* image paths or NULL */
        bool hyphenate_words;     /* insert soft hyphens (see hyphen.h) */
        const char *format;       /* "a6": picks elements' variants (hide_on, formats); may be NULL */
        const char *lang;         /* the community's language ("tr"), for case
                                   * mapping and direction; NULL: the facts' */
        /* For messages: the community file, and "a3 (klar)". */
        const char *file, *who;
};

/* Lay out every element of t->page into out (boxes in drawing order).
 * Warnings (text that does not fit) and errors (overflow = "error") go to
 * d.  Returns false on an error.  Free with boxes_clear. */
bool box_layout(const struct box_target *t, struct boxes *out, struct diag *d);
void boxes_clear(struct boxes *bs);

/* A new zeroed box of kind for e at position at (0..bs->n), the boxes from
 * there on moved one up: drawn before them.  Returns it; pointers into
 * bs from before are stale. */
struct box *boxes_insert(struct boxes *bs, size_t at, enum box_kind kind, const struct elem *e);

/* Where a text box's text is drawn, in canvas units: ink (what is
 * painted: the glyphs' outlines) or logical (the lines' full height and
 * advance), from its laid-out layout, not from the element's box.  A box
 * with no ink gets w = h = 0. */
void box_text_extents(const struct box *b, bool ink, double *x, double *y, double *w, double *h);

/* Forget what fitting remembered on ctx (see box.c, look): call it before
 * the context's last reference goes, since the layouts shared between
 * boxes hold the context, and it them. */
void box_forget(PangoContext *ctx);

/* The font size every text is shaped at; drawing scales it to box.size. */
#define BOX_REF_SIZE 100.0

/* Fit text into width x height: the largest size in [min, max] (canvas
 * units) at which it wraps into the box.  Returns a new layout (caller
 * unrefs) shaped at BOX_REF_SIZE with its width set for *size (the size
 * used); *fits tells whether it fitted. */
PangoLayout *box_fit_text(PangoContext *ctx, const struct elem *e, const char *text,
                          double width, double height, double min, double max,
                          double *size, bool *fits);

/* The value of x as Pango gets it: its holds and address breaks turned
 * into no-break spaces, word joiners and zero-width spaces.  Caller frees
 * with g_free. */
char *box_typeset(const struct fact *x);

/* text in capitals by the rules of language lang ("tr": "dil" -> "DİL"),
 * the same whatever the process's locale.  Caller frees. */
char *box_upper(const char *text, const char *lang);

/* text with the invisible marks that make Pango's bidi algorithm read it
 * as intended: each paragraph goes in the direction of lang (NULL: left
 * to right) when it has a letter of that direction, else in that of its
 * first letter (a German pitch that opens with an Arabic greeting stays
 * left to right; an Arabic name in an English file goes right to left);
 * and each hashtag is isolated (U+2068 ... U+2069) so that its "#" stays
 * at its own word's start.  Text without right-to-left letters in a
 * left-to-right language comes back unchanged.  Caller frees. */
char *box_direct(const char *text, const char *lang);

#endif
