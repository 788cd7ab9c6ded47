/* layout.h: a design, read from a layout template in layouts/ (data, not
 * code; format in docs/layouts.md).
 *
 * A layout has one page per aspect family (portrait, square, landscape,
 * story).  A page is a design canvas in mm (print) or px (screen) and a list
 * of elements with boxes in that unit: rectangles, text blocks whose text is
 * a template ("{name}", "[Raum {venue.room}]"), images, the QR code, and
 * containers: stacks (a column whose children close up when one of them is
 * empty), rows (side by side), grids (cells repeating their children) and
 * lists (children repeated for each item of a list fact).  Containers nest.
 * Text keys may come from a named style.  Colours
 * are roles ("primary", "on_primary", ...) filled by the layout's defaults,
 * then a theme, then the community's own style. */
#ifndef PLAKAT_LAYOUT_H
#define PLAKAT_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "colour.h"
#include "format.h" /* enum family */
#include "imagefit.h"
#include "qrlevel.h"

struct diag;

enum elem_kind { ELEM_RECT, ELEM_TEXT, ELEM_IMAGE, ELEM_QR, ELEM_STACK, ELEM_ROW, ELEM_GRID, ELEM_LIST };
enum marker { MARKER_NONE, MARKER_BULLET, MARKER_NUMBER, MARKER_DASH };

/* Limits that keep a hostile layout from taking long (docs/layouts.md). */
#define LAYOUT_CHILDREN_MAX 32 /* children of one container */
#define LAYOUT_DEPTH_MAX 4     /* containers inside containers */
#define LAYOUT_CELLS_MAX 64    /* columns x rows of a grid */
#define LAYOUT_ITEMS_MAX 32    /* items a list shows */
#define LAYOUT_ELEMENTS_MAX 200 /* elements on one page, those inside containers included */
/* A page's size: a real page or screen.  Smaller or larger sizes make
 * every scale absurd (1e-300 mm turns each length into infinity). */
#define LAYOUT_PAGE_MM_MIN 10.0
#define LAYOUT_PAGE_MM_MAX 5000.0
#define LAYOUT_PAGE_PX_MIN 16.0
#define LAYOUT_PAGE_PX_MAX 20000.0
enum align { ALIGN_START, ALIGN_CENTER, ALIGN_END };
/* An image's plate: a light or dark card drawn under a logo that would
 * vanish on what lies behind it (auto), or never (none). */
enum plate { PLATE_AUTO, PLATE_NONE };
enum overflow { OVERFLOW_ELLIPSIS, OVERFLOW_ERROR };
enum unit { UNIT_MM, UNIT_PX };

/* Colour roles every palette has. */
enum role {
        ROLE_BACKGROUND, ROLE_TEXT, ROLE_PRIMARY, ROLE_ACCENT, ROLE_ON_PRIMARY,
        ROLE_ON_ACCENT, ROLE_MUTED, ROLE_SURFACE, ROLE_COUNT
};

struct palette {
        struct rgb c[ROLE_COUNT];
};

/* A colour in a layout: a role, or a literal #RRGGBB. */
struct colour {
        bool literal;
        enum role role;
        struct rgb rgb;
};

struct elem {
        enum elem_kind kind;
        char *name; /* for messages: "title", or "text #3" */
        int line;
        double x, y, w, h; /* design units; in a stack, h is a fixed height or 0 */

        /* rect and qr */
        struct colour fill;   /* rect fill; qr dark modules */
        struct colour light;  /* qr background */
        double radius;
        enum qr_level level;

        /* text */
        char *text;   /* template */
        char *font;   /* family (after resolving font roles) */
        int weight;   /* PangoWeight value, 100..1000 */
        bool italic;
        bool uppercase;
        double size_max, size_min; /* pt on print pages, px on screen pages */
        double line_height;        /* factor, e.g. 1.15; 0: font default */
        double tracking;           /* letter spacing, 1/1000 em */
        struct colour colour;
        enum align align, valign;
        int max_lines; /* 0: no limit */
        enum overflow overflow;
        bool hyphenate;

        /* image */
        char *source; /* "logo" or "photo" */
        enum fit fit;
        enum plate plate; /* PLATE_AUTO by default on a logo, PLATE_NONE on a photo */

        /* containers */
        struct elem *children;
        size_t n_children;
        double gap;
        int columns, rows;    /* grid */
        char *items;          /* list: the list fact ("agenda") */
        enum marker marker;   /* list: put before each item's first text */
        int max_items;        /* list: at most this many items */
        double weight_share;  /* as a row child without a width: its share of the free width (share) */
        bool optional; /* as a stack child: dropped first when space is short */
        char **needs;  /* placeholders that must be non-empty, or the element is left out */
        char **unless; /* placeholders that must be empty, or the element is left out */
        double space_before; /* extra gap above this child in a stack */

        /* per format: left out on these formats, or drawn as a variant */
        char **hide_on;                /* NULL-terminated, or NULL */
        struct elem_variant *variants; /* the element with a format's overrides */
        size_t n_variants;
};

struct elem_variant {
        char *format; /* "a6" */
        struct elem *elem;
};

struct page {
        bool present;
        int line;
        double width, height;
        enum unit unit;
        struct elem *elems;
        size_t n_elems;
};

struct layout {
        char *name;
        char *description; /* English; "" when none */
        struct i18n_texts descriptions; /* every language, for plakat layouts */
        char *path;
        struct palette palette; /* the layout's own colours */
        struct page pages[FAMILY_COUNT];
};

/* Read and check a layout file.  Every problem goes to d with file:line
 * and did-you-mean; templates may use only placeholders (NULL-terminated).
 * Returns NULL when the file is refused. */
struct layout *layout_load(const char *path, const char *const *placeholders,
                           struct diag *d);
/* The same from memory (tests); name is used in messages. */
struct layout *layout_load_string(const char *text, const char *name,
                                  const char *const *placeholders, struct diag *d);
void layout_free(struct layout *l);

const char *layout_role_name(enum role r);

/* The element to draw on format (its variant for it, or e itself), or
 * NULL when e is hidden there.  format may be NULL (no overrides). */
const struct elem *layout_elem_for(const struct elem *e, const char *format);

#endif
