/* layout.c: layout template file -> struct layout, checked.
 *
 * Designers write these files, so they get the same care as community
 * files: every problem is reported with file:line and the setting's path
 * ("pages.[0].elements.[3].size"), unknown settings get a did-you-mean, and
 * numbers may be written as 12 or 12.0 (libconfig tells them apart; a
 * designer should not have to). */
#include "layout.h"
#include "i18n.h"

#include <libconfig.h>
#include <pango/pango.h>
#include <string.h>

#include "cfg.h"
#include "diag.h"
#include "expand.h"
#include "facts.h"

/* NULL-terminated: check_keys counts the keys (fuzzing found the
 * unterminated table read past its end on an unknown key in colors). */
static const char *const role_names[ROLE_COUNT + 1] = {
        "background", "text", "primary", "accent", "on_primary", "on_accent", "muted", "surface", NULL
};

const char *layout_role_name(enum role r) { return role_names[r]; }

/* ---- reading settings ------------------------------------------------------ */

struct ctx {
        struct cfg_walk w; /* the file and the diagnostics */
        const char *file;
        struct diag *d;
        const char *const *placeholders;
        const config_setting_t *fonts;  /* font roles: headline = "Inter Display" */
        const config_setting_t *styles; /* named text styles */
        /* The element being read, and where its keys are looked up first
         * (a format's overrides) and last (its style). */
        const config_setting_t *elem, *over, *style;
        const config_setting_t *next_over; /* the overrides for the next element read */
        int depth;       /* containers around the element */
        size_t page_elems; /* elements read on this page so far (LAYOUT_ELEMENTS_MAX) */
        bool page_full;    /* page_elems passed the limit: the rest is not read */
        bool in_variant; /* reading a format's variant: no variants inside */
};

/* A key of g: for the element being read, a format's override wins over
 * the element's own key, which wins over its style's. */
static const config_setting_t *member(const struct ctx *c, const config_setting_t *g, const char *key)
{
        if (g != c->elem)
                return cfg_member(g, key);
        const config_setting_t *s = c->over ? cfg_member(c->over, key) : NULL;
        if (!s)
                s = cfg_member(g, key);
        if (!s && c->style)
                s = cfg_member(c->style, key);
        return s;
}

/* The walker's readers (cfg.h), each given the key through member(), so
 * overrides and styles apply; err names the setting at its line. */
#define err(c, s, ...) cfg_error(&(c)->w, (s), __VA_ARGS__)

static void check_keys(struct ctx *c, const config_setting_t *group, const char *const *keys)
{
        cfg_keys(&c->w, group, keys, g_strv_length((char **)keys));
}

/* Optional number in [lo, hi]; keeps *out when absent. */
static void get_number(struct ctx *c, const config_setting_t *g, const char *key,
                       double lo, double hi, double *out)
{
        cfg_number_at(&c->w, member(c, g, key), lo, hi, out);
}

static const char *get_string(struct ctx *c, const config_setting_t *g, const char *key)
{
        return cfg_string_at(&c->w, member(c, g, key));
}

static void get_bool(struct ctx *c, const config_setting_t *g, const char *key, bool *out)
{
        cfg_bool_at(&c->w, member(c, g, key), out);
}

/* One of words[]; returns its index, or def when absent or wrong. */
static int get_word(struct ctx *c, const config_setting_t *g, const char *key,
                    const char *const *words, int def)
{
        return cfg_word_at(&c->w, member(c, g, key), words, def);
}

static void get_colour(struct ctx *c, const config_setting_t *g, const char *key,
                       struct colour *out)
{
        const char *v = get_string(c, g, key);
        if (!v)
                return;
        memset(out, 0, sizeof *out);
        if (v[0] == '#') {
                if (colour_parse(v, &out->rgb)) {
                        out->literal = true;
                        return;
                }
        } else {
                for (int i = 0; i < ROLE_COUNT; i++)
                        if (strcmp(v, role_names[i]) == 0) {
                                out->role = (enum role)i;
                                return;
                        }
        }
        char *q = diag_quote(v, 40);
        const char *near = diag_closest(v, role_names, ROLE_COUNT);
        err(c, member(c, g, key),
            _("expected a colour role (background, text, primary, accent, on_primary, on_accent, muted, surface) or \"#RRGGBB\", found %s%s%s%s"),
            q, near ? _("; did you mean ") : "", near ? near : "", near ? "?" : "");
        g_free(q);
}

/* ---- elements ---------------------------------------------------------------- */

static const char *const kind_names[] = { "rect", "text", "image", "qr", "stack", "row", "grid", "list", NULL };
static const char *const align_names[] = { "start", "center", "end", NULL };
static const char *const valign_names[] = { "top", "middle", "bottom", NULL };
static const char *const weight_names[] = { "thin", "light", "regular", "medium", "semibold",
                                            "bold", "extrabold", "black", NULL };
static const int weight_values[] = { 100, 300, 400, 500, 600, 700, 800, 900 };
static const char *const marker_names[] = { "none", "bullet", "number", "dash", NULL };

/* Where an element stands decides which placement keys mean something. */
enum place { PLACE_PAGE, PLACE_COLUMN, PLACE_ROW };

/* Every key an element may have, with the kinds (bit 1 << kind) and places
 * (bit 1 << place) where it has an effect.  One table serves the unknown-
 * key check, the did-you-mean and the "has no effect here" warnings. */
#define K(kind) (1u << (kind))
#define ALL_KINDS 0xffu
#define TEXTUAL K(ELEM_TEXT)
#define CONTAINERS (K(ELEM_STACK) | K(ELEM_ROW) | K(ELEM_GRID) | K(ELEM_LIST))
#define FIXED (K(ELEM_RECT) | K(ELEM_IMAGE) | K(ELEM_QR))
#define ANYWHERE 7u
static const struct key {
        const char *name;
        unsigned kinds, places;
        const char *where; /* for the message: where the key has an effect */
} elem_keys[] = {
        { "type", ALL_KINDS, ANYWHERE, NULL },
        { "name", ALL_KINDS, ANYWHERE, NULL },
        { "needs", ALL_KINDS, ANYWHERE, NULL },
        { "unless", ALL_KINDS, ANYWHERE, NULL },
        { "hide_on", ALL_KINDS, ANYWHERE, NULL },
        { "formats", ALL_KINDS, ANYWHERE, NULL },
        { "box", ALL_KINDS, 1u << PLACE_PAGE, N_("only on an element placed on the page") },
        { "optional", ALL_KINDS, 1u << PLACE_COLUMN, N_("inside a stack or grid") },
        { "space_before", ALL_KINDS, 1u << PLACE_COLUMN, N_("inside a stack or grid") },
        { "height", FIXED, (1u << PLACE_COLUMN) | (1u << PLACE_ROW), N_("on a rect, image or qr inside a container") },
        { "width", ALL_KINDS, 1u << PLACE_ROW, N_("inside a row") },
        { "share", ALL_KINDS, 1u << PLACE_ROW, N_("inside a row") },
        { "weight", TEXTUAL, ANYWHERE, N_("on a text") },
        { "fill", K(ELEM_RECT), ANYWHERE, N_("on a rect") },
        { "radius", K(ELEM_RECT), ANYWHERE, N_("on a rect") },
        { "style", TEXTUAL, ANYWHERE, N_("on a text") },
        { "text", TEXTUAL, ANYWHERE, N_("on a text") },
        { "font", TEXTUAL, ANYWHERE, N_("on a text") },
        { "italic", TEXTUAL, ANYWHERE, N_("on a text") },
        { "uppercase", TEXTUAL, ANYWHERE, N_("on a text") },
        { "size", TEXTUAL, ANYWHERE, N_("on a text") },
        { "line_height", TEXTUAL, ANYWHERE, N_("on a text") },
        { "tracking", TEXTUAL, ANYWHERE, N_("on a text") },
        { "color", TEXTUAL, ANYWHERE, N_("on a text") },
        { "align", TEXTUAL, ANYWHERE, N_("on a text") },
        { "valign", TEXTUAL | CONTAINERS, ANYWHERE, N_("on a text placed on the page, or on a container") },
        { "max_lines", TEXTUAL, ANYWHERE, N_("on a text") },
        { "overflow", TEXTUAL, ANYWHERE, N_("on a text") },
        { "hyphenate", TEXTUAL, ANYWHERE, N_("on a text") },
        { "source", K(ELEM_IMAGE), ANYWHERE, N_("on an image") },
        { "fit", K(ELEM_IMAGE), ANYWHERE, N_("on an image") },
        { "plate", K(ELEM_IMAGE), ANYWHERE, N_("on an image") },
        { "dark", K(ELEM_QR), ANYWHERE, N_("on a qr") },
        { "light", K(ELEM_QR), ANYWHERE, N_("on a qr") },
        { "level", K(ELEM_QR), ANYWHERE, N_("on a qr") },
        { "children", CONTAINERS, ANYWHERE, N_("on a stack, row, grid or list") },
        { "gap", CONTAINERS, ANYWHERE, N_("on a stack, row, grid or list") },
        { "columns", K(ELEM_GRID), ANYWHERE, N_("on a grid") },
        { "rows", K(ELEM_GRID), ANYWHERE, N_("on a grid") },
        { "items", K(ELEM_LIST), ANYWHERE, N_("on a list") },
        { "marker", K(ELEM_LIST), ANYWHERE, N_("on a list") },
        { "max_items", K(ELEM_LIST), ANYWHERE, N_("on a list") },
};

/* The keys a style may set: a text's look, not its content or place. */
static const char *const style_keys[] = { "font", "weight", "italic", "uppercase", "size", "line_height",
                                          "tracking", "color", "align", "valign", "max_lines", "overflow",
                                          "hyphenate", NULL };

static const struct key *key_named(const char *name)
{
        for (size_t i = 0; i < G_N_ELEMENTS(elem_keys); i++)
                if (strcmp(elem_keys[i].name, name) == 0)
                        return &elem_keys[i];
        return NULL;
}

/* A key that means something only elsewhere, beyond the table: a text's
 * valign inside a container (the text is exactly as tall as its lines). */
static bool has_effect(const struct key *k, enum elem_kind kind, enum place place)
{
        if (strcmp(k->name, "valign") == 0 && kind == ELEM_TEXT)
                return place == PLACE_PAGE;
        return (k->kinds & K(kind)) && (k->places & (1u << place));
}

/* Warn about every key of g that is unknown (with did-you-mean) or has
 * no effect on a kind at place (saying where it has one). */
static void check_elem_keys(struct ctx *c, const config_setting_t *g, enum elem_kind kind, enum place place,
                            bool variant)
{
        for (int i = 0; i < config_setting_length(g); i++) {
                const config_setting_t *m = config_setting_get_elem(g, (unsigned)i);
                const char *name = config_setting_name(m);
                const struct key *k = key_named(name);
                /* The path only for a message: building it walks up the
                 * whole file, and most keys are fine. */
                bool variant_only = variant && k && (strcmp(name, "type") == 0 || strcmp(name, "name") == 0 ||
                                                     strcmp(name, "children") == 0 || strcmp(name, "formats") == 0);
                if (k && !variant_only && has_effect(k, kind, place))
                        continue;
                char *path = cfg_path(m);
                if (!k) {
                        /* On the stack: layouts are read on two threads (render.c). */
                        const char *names[G_N_ELEMENTS(elem_keys)];
                        for (size_t n = 0; n < G_N_ELEMENTS(elem_keys); n++)
                                names[n] = elem_keys[n].name;
                        const char *near = diag_closest(name, names, G_N_ELEMENTS(elem_keys));
                        diag_warn(c->d, c->file, cfg_line(m), path, "unknown setting%s%s%s",
                                  near ? _("; did you mean ") : "", near ? near : "", near ? "?" : "");
                } else if (variant_only) {
                        diag_warn(c->d, c->file, cfg_line(m), path, "has no effect in a format's overrides");
                } else if (!has_effect(k, kind, place)) {
                        const char *here = place == PLACE_PAGE ? _("on the page") : place == PLACE_ROW ? _("inside a row or list")
                                                                                                  : _("inside a stack or grid");
                        if (k->kinds & K(kind))
                                diag_warn(c->d, c->file, cfg_line(m), path, "has no effect %s; it works %s", here, _(k->where));
                        else
                                diag_warn(c->d, c->file, cfg_line(m), path, "has no effect on a %s; it works %s",
                                          kind_names[kind], _(k->where));
                }
                g_free(path);
        }
}

static bool read_elems(struct ctx *c, const config_setting_t *list, const struct page *pg,
                       enum place place, struct elem **out, size_t *n_out);

static void read_box(struct ctx *c, const config_setting_t *g, const struct page *pg, struct elem *e)
{
        const config_setting_t *s = member(c, g, "box");
        if (!s) {
                err(c, g, _("box: expected [x, y, width, height], found nothing"));
                return;
        }
        int t = config_setting_type(s);
        if ((t != CONFIG_TYPE_ARRAY && t != CONFIG_TYPE_LIST) || config_setting_length(s) != 4) {
                err(c, s, _("expected [x, y, width, height], found %s"), cfg_type_name(s));
                return;
        }
        double v[4];
        for (int i = 0; i < 4; i++) {
                const config_setting_t *m = config_setting_get_elem(s, (unsigned)i);
                if (!cfg_is_number(m)) {
                        err(c, s, _("expected [x, y, width, height] as numbers, found %s"), cfg_type_name(m));
                        return;
                }
                v[i] = cfg_number_of(m);
        }
        if (v[2] <= 0 || v[3] <= 0) {
                err(c, s, _("expected a positive width and height, found %g x %g"), v[2], v[3]);
                return;
        }
        /* A little slack: designers place bands flush with the edge. */
        double slack = pg->width * 0.001;
        if (v[0] < -slack || v[1] < -slack || v[0] + v[2] > pg->width + slack ||
            v[1] + v[3] > pg->height + slack) {
                err(c, s, _("expected a box inside the %g x %g page, found [%g, %g, %g, %g]"),
                    pg->width, pg->height, v[0], v[1], v[2], v[3]);
                return;
        }
        e->x = v[0];
        e->y = v[1];
        e->w = v[2];
        e->h = v[3];
}

/* expand_check of the template t, the setting named "<path of g>.key".
 * The path only for a message: building it walks up the whole file
 * (cfg_path was 5 M of the 35 M of loading the three designs), and most
 * templates are fine, so they are checked first with no name at all. */
static void check_template(struct ctx *c, const char *t, int line, const config_setting_t *g, const char *key)
{
        struct diag trial;
        diag_init(&trial, NULL);
        expand_check(t, c->placeholders, &trial, c->file, line, key);
        if (trial.n) {
                char *path = cfg_path(g);
                char *kpath = g_strdup_printf("%s.%s", path, key);
                expand_check(t, c->placeholders, c->d, c->file, line, kpath);
                g_free(kpath);
                g_free(path);
        }
        diag_clear(&trial);
}

static void read_text(struct ctx *c, const config_setting_t *g, struct elem *e)
{
        const char *t = get_string(c, g, "text");
        if (!t) {
                if (!member(c, g, "text"))
                        err(c, g, _("text: expected a template such as \"{name}\", found nothing"));
                t = "";
        }
        e->text = g_strdup(t);
        check_template(c, t, cfg_line(member(c, g, "text")), g, "text");

        const char *font = get_string(c, g, "font");
        if (!font)
                font = "body";
        /* Font roles a layout does not name are the bundled families, so a
         * layout without `fonts` asks for no font that is not there. */
        static const char *const roles[][2] = { { "body", "Inter" }, { "headline", "Inter Display" } };
        const char *role = cfg_lookup_string(c->fonts, font);
        if (role)
                font = role;
        else
                for (size_t i = 0; i < G_N_ELEMENTS(roles); i++)
                        if (strcmp(font, roles[i][0]) == 0)
                                font = roles[i][1];
        e->font = g_strdup(font);
        e->weight = weight_values[get_word(c, g, "weight", weight_names, 2)];
        get_bool(c, g, "italic", &e->italic);
        get_bool(c, g, "uppercase", &e->uppercase);
        e->hyphenate = true;
        get_bool(c, g, "hyphenate", &e->hyphenate);

        const config_setting_t *sz = member(c, g, "size");
        e->size_max = e->size_min = 0;
        if (!sz) {
                err(c, g, _("size: expected a size or [largest, smallest], found nothing"));
        } else if (cfg_is_number(sz)) {
                e->size_max = e->size_min = cfg_number_of(sz);
        } else if ((config_setting_type(sz) == CONFIG_TYPE_ARRAY || config_setting_type(sz) == CONFIG_TYPE_LIST) &&
                   config_setting_length(sz) == 2 && cfg_is_number(config_setting_get_elem(sz, 0)) &&
                   cfg_is_number(config_setting_get_elem(sz, 1))) {
                e->size_max = cfg_number_of(config_setting_get_elem(sz, 0));
                e->size_min = cfg_number_of(config_setting_get_elem(sz, 1));
                if (e->size_min > e->size_max)
                        err(c, sz, _("expected [largest, smallest], found the smaller first"));
        } else {
                err(c, sz, _("expected a size or [largest, smallest], found %s"), cfg_type_name(sz));
                sz = NULL; /* one message is enough */
        }
        if (sz && (e->size_min < 1 || e->size_max > 2000))
                err(c, sz, _("expected sizes from 1 to 2000, found %g"), e->size_min < 1 ? e->size_min : e->size_max);

        get_number(c, g, "line_height", 0.5, 3.0, &e->line_height);
        get_number(c, g, "tracking", -200, 1000, &e->tracking);
        e->colour.role = ROLE_TEXT;
        get_colour(c, g, "color", &e->colour);
        e->align = (enum align)get_word(c, g, "align", align_names, ALIGN_START);
        e->valign = (enum align)get_word(c, g, "valign", valign_names, ALIGN_START);
        double ml = 0;
        get_number(c, g, "max_lines", 0, 100, &ml);
        e->max_lines = (int)ml;
        static const char *const overflow_names[] = { "ellipsis", "error", NULL };
        e->overflow = (enum overflow)get_word(c, g, "overflow", overflow_names, OVERFLOW_ELLIPSIS);
}

/* `needs` / `unless`: a placeholder name or a list of them, checked;
 * NULL-terminated, or NULL when the key is absent. */
static char **read_names(struct ctx *c, const config_setting_t *g, const char *key)
{
        const config_setting_t *s = member(c, g, key);
        if (!s)
                return NULL;
        GPtrArray *arr = g_ptr_array_new();
        if (config_setting_type(s) == CONFIG_TYPE_STRING) {
                g_ptr_array_add(arr, g_strdup(config_setting_get_string(s)));
        } else if (config_setting_type(s) == CONFIG_TYPE_ARRAY) {
                for (int i = 0; i < config_setting_length(s); i++) {
                        const char *v = config_setting_get_string_elem(s, i);
                        if (v)
                                g_ptr_array_add(arr, g_strdup(v));
                }
        } else {
                err(c, s, _("expected a placeholder name or [\"a\", \"b\"], found %s"), cfg_type_name(s));
        }
        for (size_t i = 0; i < arr->len; i++) {
                char *t = g_strdup_printf("{%s}", (char *)arr->pdata[i]);
                check_template(c, t, cfg_line(s), g, key);
                g_free(t);
        }
        g_ptr_array_add(arr, NULL);
        return (char **)g_ptr_array_free(arr, FALSE);
}

/* `hide_on`: format names, NULL-terminated, or NULL when absent. */
static char **read_formats(struct ctx *c, const config_setting_t *g)
{
        const config_setting_t *s = member(c, g, "hide_on");
        if (!s)
                return NULL;
        if (config_setting_type(s) != CONFIG_TYPE_ARRAY ||
            (config_setting_length(s) && config_setting_type(config_setting_get_elem(s, 0)) != CONFIG_TYPE_STRING)) {
                err(c, s, _("expected a list of format names [\"a6\", \"story\"], found %s"), cfg_type_name(s));
                return NULL;
        }
        char **r = g_new0(char *, (size_t)config_setting_length(s) + 1);
        for (int i = 0; i < config_setting_length(s); i++)
                r[i] = g_strdup(config_setting_get_string_elem(s, i));
        return r;
}

/* The named style of a text, or NULL. */
static const config_setting_t *style_of(struct ctx *c, const config_setting_t *g)
{
        const config_setting_t *s = cfg_member(g, "style");
        if (!s)
                return NULL;
        const char *name = config_setting_type(s) == CONFIG_TYPE_STRING ? config_setting_get_string(s) : NULL;
        const config_setting_t *st = name && c->styles ? cfg_member(c->styles, name) : NULL;
        if (st)
                return st;
        GPtrArray *names = g_ptr_array_new();
        for (int i = 0; c->styles && i < config_setting_length(c->styles); i++)
                g_ptr_array_add(names, (gpointer)config_setting_name(config_setting_get_elem(c->styles, (unsigned)i)));
        const char *near = name ? diag_closest(name, (const char *const *)names->pdata, names->len) : NULL;
        char *q = name ? diag_quote(name, 40) : NULL;
        err(c, s, _("expected the name of a style in styles, found %s%s%s%s"), q ? q : cfg_type_name(s),
            near ? _("; did you mean ") : "", near ? near : "", near ? "?" : "");
        g_free(q);
        g_ptr_array_free(names, TRUE);
        return NULL;
}

static void read_variants(struct ctx *c, const config_setting_t *g, const struct page *pg, enum place place,
                          struct elem *e);

static void read_container(struct ctx *c, const config_setting_t *g, const struct page *pg, struct elem *e)
{
        get_number(c, g, "gap", 0, 1e4, &e->gap);
        e->valign = (enum align)get_word(c, g, "valign", valign_names, ALIGN_START);
        if (e->kind == ELEM_GRID) {
                double cols = 1, rows = 1;
                get_number(c, g, "columns", 1, LAYOUT_CELLS_MAX, &cols);
                get_number(c, g, "rows", 1, LAYOUT_CELLS_MAX, &rows);
                e->columns = (int)cols;
                e->rows = (int)rows;
                if (e->columns * e->rows > LAYOUT_CELLS_MAX)
                        err(c, member(c, g, "rows") ? member(c, g, "rows") : g,
                            _("expected at most %d cells, found %d columns x %d rows"), LAYOUT_CELLS_MAX,
                            e->columns, e->rows);
        }
        const char *const *saved = c->placeholders;
        GPtrArray *names = NULL;
        if (e->kind == ELEM_LIST) {
                int which = get_word(c, g, "items", facts_lists(), -1);
                if (which < 0 && !member(c, g, "items"))
                        err(c, g, _("items: expected a list such as \"agenda\" or \"channels\", found nothing"));
                e->items = g_strdup(which < 0 ? "agenda" : facts_lists()[which]);
                e->marker = (enum marker)get_word(c, g, "marker", marker_names, MARKER_NONE);
                double mx = LAYOUT_ITEMS_MAX;
                get_number(c, g, "max_items", 1, LAYOUT_ITEMS_MAX, &mx);
                e->max_items = (int)mx;
                /* Inside a list, templates also read the item: {item},
                 * {item.type}, ... and its number {n}. */
                names = g_ptr_array_new_with_free_func(g_free);
                for (const char *const *p = saved; *p; p++)
                        g_ptr_array_add(names, g_strdup(*p));
                for (const char *const *f = facts_item_fields(); *f; f++)
                        g_ptr_array_add(names, strcmp(*f, "item") == 0 ? g_strdup("item")
                                                                      : g_strdup_printf("item.%s", *f));
                g_ptr_array_add(names, g_strdup("n"));
                g_ptr_array_add(names, NULL);
                c->placeholders = (const char *const *)names->pdata;
        }
        const config_setting_t *ch = cfg_member(g, "children");
        if (!ch || config_setting_type(ch) != CONFIG_TYPE_LIST)
                err(c, ch ? ch : g, _("children: expected a list ( {...}, {...} ), found %s"),
                    ch ? cfg_type_name(ch) : _("nothing"));
        else if (config_setting_length(ch) > LAYOUT_CHILDREN_MAX)
                err(c, ch, _("expected at most %d children, found %d"), LAYOUT_CHILDREN_MAX, config_setting_length(ch));
        else if (c->depth >= LAYOUT_DEPTH_MAX)
                err(c, g, _("type: expected at most %d containers inside each other, found more"), LAYOUT_DEPTH_MAX);
        else {
                /* A variant's children are the element's children read
                 * again: their problems were reported the first time. */
                struct diag quiet, *d = c->d;
                diag_init(&quiet, NULL);
                if (c->in_variant)
                        c->d = &quiet;
                c->depth++;
                /* A list's item is a row of its children. */
                read_elems(c, ch, pg, e->kind == ELEM_ROW || e->kind == ELEM_LIST ? PLACE_ROW : PLACE_COLUMN,
                           &e->children, &e->n_children);
                c->depth--;
                c->d = d;
                diag_clear(&quiet);
        }
        c->placeholders = saved;
        if (names)
                g_ptr_array_free(names, TRUE);
}

static bool read_elem(struct ctx *c, const config_setting_t *g, const struct page *pg,
                      enum place place, struct elem *e)
{
        size_t before = c->d->errors;
        e->line = cfg_line(g);
        if (config_setting_type(g) != CONFIG_TYPE_GROUP) {
                err(c, g, _("expected an element { type = ...; }, found %s"), cfg_type_name(g));
                return false;
        }
        int kind = get_word(c, g, "type", kind_names, -1);
        if (kind < 0) {
                if (!cfg_member(g, "type"))
                        err(c, g, _("type: expected one of \"rect\", \"text\", \"image\", \"qr\", \"stack\", \"row\", \"grid\", \"list\", found nothing"));
                return false;
        }
        e->kind = (enum elem_kind)kind;
        const char *name = get_string(c, g, "name");
        e->name = name ? g_strdup(name) : g_strdup_printf(_("%s at line %d"), kind_names[kind], e->line);

        /* Keys are looked up in the format's overrides, the element, then
         * its style; the caller's element is restored on the way out. */
        const config_setting_t *saved_elem = c->elem, *saved_style = c->style, *over = c->over;
        c->elem = g;
        c->over = c->next_over;
        c->next_over = NULL;
        /* A variant's children were checked with the element itself. */
        if (c->over)
                check_elem_keys(c, c->over, e->kind, place, true);
        else if (!c->in_variant)
                check_elem_keys(c, g, e->kind, place, false);
        c->style = e->kind == ELEM_TEXT ? style_of(c, g) : NULL;

        e->weight_share = 1;
        if (place == PLACE_PAGE) {
                read_box(c, g, pg, e);
        } else {
                /* A child takes its place from its container; only a fixed
                 * height (images, the QR, rules), or in a row a width or a
                 * share of it, may be given. */
                get_number(c, g, "height", 0, 1e5, &e->h);
                get_number(c, g, "space_before", -1e4, 1e4, &e->space_before);
                get_bool(c, g, "optional", &e->optional);
                if (place == PLACE_ROW) {
                        get_number(c, g, "width", 0, 1e5, &e->w);
                        get_number(c, g, "share", 0.01, 100, &e->weight_share);
                }
                if ((e->kind == ELEM_IMAGE || e->kind == ELEM_QR || e->kind == ELEM_RECT) && e->h <= 0)
                        err(c, g, _("height: expected the height of this %s in the %s, found nothing"), kind_names[kind],
                            place == PLACE_ROW ? "row" : "column");
        }

        e->needs = read_names(c, g, "needs");
        e->unless = read_names(c, g, "unless");
        e->hide_on = read_formats(c, g);

        switch (e->kind) {
        case ELEM_RECT:
                e->fill.role = ROLE_PRIMARY;
                get_colour(c, g, "fill", &e->fill);
                get_number(c, g, "radius", 0, 1e4, &e->radius);
                break;
        case ELEM_TEXT:
                read_text(c, g, e);
                break;
        case ELEM_IMAGE: {
                static const char *const sources[] = { "logo", "photo", NULL };
                static const char *const fits[] = { "cover", "contain", NULL };
                int src = get_word(c, g, "source", sources, 0);
                if (!member(c, g, "source"))
                        err(c, g, _("source: expected \"logo\" or \"photo\", found nothing"));
                e->source = g_strdup(sources[src]);
                e->fit = (enum fit)get_word(c, g, "fit", fits, src == 0 ? FIT_CONTAIN : FIT_COVER);
                /* A photo fills its area and brings its own colours: only
                 * a logo is measured against its background. */
                static const char *const plates[] = { "auto", "none", NULL };
                e->plate = (enum plate)get_word(c, g, "plate", plates, src == 0 ? PLATE_AUTO : PLATE_NONE);
                const config_setting_t *pm = member(c, g, "plate");
                if (src != 0 && pm) {
                        char *pp = cfg_path(pm);
                        diag_warn(c->d, c->file, cfg_line(pm), pp, "has no effect on a photo; it works on a logo");
                        g_free(pp);
                }
                break;
        }
        case ELEM_QR: {
                e->fill.role = ROLE_TEXT;
                e->light.literal = true;
                e->light.rgb = (struct rgb){ true, 1, 1, 1 };
                get_colour(c, g, "dark", &e->fill);
                get_colour(c, g, "light", &e->light);
                const char *lv = get_string(c, g, "level");
                e->level = QR_LEVEL_M;
                if (lv && !qr_level_parse(lv, &e->level))
                        err(c, member(c, g, "level"),
                            _("expected \"L\", \"M\", \"Q\" or \"H\", found \"%s\""), lv);
                break;
        }
        case ELEM_STACK:
        case ELEM_ROW:
        case ELEM_GRID:
        case ELEM_LIST:
                read_container(c, g, pg, e);
                break;
        }
        if (!c->in_variant)
                read_variants(c, g, pg, place, e);
        c->elem = saved_elem;
        c->style = saved_style;
        c->over = over;
        return c->d->errors == before;
}

/* `formats = { a6 = { size = [30, 20]; }; }`: the element once more for
 * each format, with those keys in place of its own.  Children inside a
 * variant are read without variants of their own (bounded work). */
#define VARIANTS_MAX 16
static void read_variants(struct ctx *c, const config_setting_t *g, const struct page *pg, enum place place,
                          struct elem *e)
{
        const config_setting_t *fs = cfg_member(g, "formats");
        if (!fs)
                return;
        if (config_setting_type(fs) != CONFIG_TYPE_GROUP || config_setting_length(fs) > VARIANTS_MAX) {
                err(c, fs, _("expected a group of at most %d formats { a6 = { ... }; }, found %s"), VARIANTS_MAX,
                    cfg_type_name(fs));
                return;
        }
        e->n_variants = (size_t)config_setting_length(fs);
        e->variants = g_new0(struct elem_variant, e->n_variants ? e->n_variants : 1);
        for (size_t i = 0; i < e->n_variants; i++) {
                const config_setting_t *o = config_setting_get_elem(fs, (unsigned)i);
                e->variants[i].format = g_strdup(config_setting_name(o));
                e->variants[i].elem = g_new0(struct elem, 1);
                if (config_setting_type(o) != CONFIG_TYPE_GROUP) {
                        err(c, o, _("expected a group of settings { size = 20; }, found %s"), cfg_type_name(o));
                        continue;
                }
                /* The element is read again with the overrides: only the
                 * problems of the overrides themselves are news. */
                struct diag quiet, *d = c->d;
                diag_init(&quiet, NULL);
                c->d = &quiet;
                c->in_variant = true;
                c->next_over = o;
                read_elem(c, g, pg, place, e->variants[i].elem);
                c->in_variant = false;
                c->d = d;
                for (size_t m = 0; m < quiet.n; m++) {
                        const struct diag_msg *msg = &quiet.msgs[m];
                        if (!strstr(msg->text, ".formats."))
                                continue;
                        char *where = g_strndup(msg->text, msg->where > 2 ? msg->where - 2 : 0);
                        if (msg->level == DIAG_ERROR)
                                diag_error(d, where, 0, NULL, "%s", msg->text + msg->where);
                        else
                                diag_warn(d, where, 0, NULL, "%s", msg->text + msg->where + strlen(_("warning: ")));
                        g_free(where);
                }
                diag_clear(&quiet);
        }
}

static bool read_elems(struct ctx *c, const config_setting_t *list, const struct page *pg,
                       enum place place, struct elem **out, size_t *n_out)
{
        size_t n = (size_t)config_setting_length(list);
        struct elem *es = g_new0(struct elem, n ? n : 1);
        bool ok = true;
        for (size_t i = 0; i < n; i++) {
                const config_setting_t *g = config_setting_get_elem(list, (unsigned)i);
                /* A variant reads an element's children again: they were
                 * counted the first time. */
                if (c->page_full || (!c->in_variant && ++c->page_elems > LAYOUT_ELEMENTS_MAX)) {
                        /* Said once, at the first element too many; the rest
                         * of the page is not read (a hostile file stays fast). */
                        if (!c->page_full)
                                err(c, g, "expected at most %d elements on a page (those inside containers "
                                    "count too), found more: this is element %zu", LAYOUT_ELEMENTS_MAX,
                                    c->page_elems);
                        c->page_full = true;
                        n = i;
                        ok = false;
                        break;
                }
                ok &= read_elem(c, g, pg, place, &es[i]);
        }
        *out = es;
        *n_out = n;
        return ok;
}

const struct elem *layout_elem_for(const struct elem *e, const char *format)
{
        if (!format)
                return e;
        for (size_t i = 0; e->hide_on && e->hide_on[i]; i++)
                if (strcmp(e->hide_on[i], format) == 0)
                        return NULL;
        for (size_t i = 0; i < e->n_variants; i++)
                if (strcmp(e->variants[i].format, format) == 0)
                        return e->variants[i].elem;
        return e;
}

/* ---- pages and the file ----------------------------------------------------- */

static void read_page(struct ctx *c, const config_setting_t *g, struct layout *l)
{
        static const char *const page_keys[] = { "family", "size", "unit", "elements", NULL };
        if (config_setting_type(g) != CONFIG_TYPE_GROUP) {
                err(c, g, _("expected a page { family = ...; }, found %s"), cfg_type_name(g));
                return;
        }
        check_keys(c, g, page_keys);
        const char *fam = get_string(c, g, "family");
        enum family f;
        if (!fam) {
                err(c, g, _("family: expected \"portrait\", \"square\", \"landscape\", \"story\" or \"card\", found nothing"));
                return;
        }
        if (!format_family_parse(fam, &f)) {
                const char *near = diag_closest(fam, format_family_names(), FAMILY_COUNT);
                err(c, cfg_member(g, "family"),
                    _("expected \"portrait\", \"square\", \"landscape\", \"story\" or \"card\", found \"%s\"%s%s%s"), fam,
                    near ? _("; did you mean ") : "", near ? near : "", near ? "?" : "");
                return;
        }
        struct page *pg = &l->pages[f];
        if (pg->present) {
                err(c, g, _("family: expected one page per family, found a second \"%s\" page (the first is at line %d)"),
                    fam, pg->line);
                return;
        }
        pg->present = true;
        pg->line = cfg_line(g);
        c->page_elems = 0;
        c->page_full = false;
        static const char *const units[] = { "mm", "px", NULL };
        pg->unit = (enum unit)get_word(c, g, "unit", units, UNIT_MM);
        const config_setting_t *sz = cfg_member(g, "size");
        if (!sz || config_setting_length(sz) != 2 || !cfg_is_number(config_setting_get_elem(sz, 0)) ||
            !cfg_is_number(config_setting_get_elem(sz, 1))) {
                err(c, sz ? sz : g, _("size: expected [width, height], found %s"), sz ? cfg_type_name(sz) : _("nothing"));
                pg->width = pg->height = 100;
        } else {
                pg->width = cfg_number_of(config_setting_get_elem(sz, 0));
                pg->height = cfg_number_of(config_setting_get_elem(sz, 1));
                bool mm = pg->unit == UNIT_MM;
                double lo = mm ? LAYOUT_PAGE_MM_MIN : LAYOUT_PAGE_PX_MIN;
                double hi = mm ? LAYOUT_PAGE_MM_MAX : LAYOUT_PAGE_PX_MAX;
                /* Written as a comparison that NaN fails. */
                if (!(pg->width >= lo && pg->width <= hi && pg->height >= lo && pg->height <= hi)) {
                        err(c, sz, "expected a %s page between %g and %g %s a side, found [%g, %g]",
                            fam, lo, hi, mm ? "mm" : "px", pg->width, pg->height);
                        pg->width = pg->height = 100;
                }
        }
        const config_setting_t *els = cfg_member(g, "elements");
        if (!els || config_setting_type(els) != CONFIG_TYPE_LIST) {
                err(c, els ? els : g, _("elements: expected a list ( {...}, {...} ), found %s"),
                    els ? cfg_type_name(els) : _("nothing"));
                return;
        }
        read_elems(c, els, pg, PLACE_PAGE, &pg->elems, &pg->n_elems);
}

static struct layout *read_layout(struct ctx *c, config_t *cfg, const char *path)
{
        static const char *const top_keys[] = {
                "name", "description", "description_xx", "colors", "fonts", "styles", "pages", NULL,
        };
        struct layout *l = g_new0(struct layout, 1);
        l->path = g_strdup(path);
        config_setting_t *root = config_root_setting(cfg);
        check_keys(c, root, top_keys);

        const char *name = get_string(c, root, "name");
        if (!name)
                err(c, root, _("name: expected the layout's name, found nothing"));
        l->name = g_strdup(name ? name : "?");
        cfg_texts_read(&c->w, root, "description", &l->descriptions);
        l->description = g_strdup(i18n_texts_pick(&l->descriptions, "en"));

        /* Defaults a layout may override, and a theme or community after it. */
        static const char *const defaults[ROLE_COUNT] = { "#FFFFFF", "#1A1A1A", "#1F5F8B", "#F2A541",
                                                          "#FFFFFF", "#1A1A1A", "#5A5A5A", "#F3F3F0" };
        for (int i = 0; i < ROLE_COUNT; i++)
                colour_parse(defaults[i], &l->palette.c[i]);
        const config_setting_t *colors = cfg_member(root, "colors");
        if (colors) {
                check_keys(c, colors, role_names);
                for (int i = 0; i < ROLE_COUNT; i++) {
                        const char *v = get_string(c, colors, role_names[i]);
                        if (v && !colour_parse(v, &l->palette.c[i]))
                                err(c, cfg_member(colors, role_names[i]),
                                    _("expected \"#RRGGBB\", found \"%s\""), v);
                }
        }
        c->fonts = cfg_member(root, "fonts");
        if (c->fonts && config_setting_type(c->fonts) != CONFIG_TYPE_GROUP) {
                err(c, c->fonts, _("expected a group { headline = \"Family\"; }, found %s"), cfg_type_name(c->fonts));
                c->fonts = NULL;
        }

        c->styles = cfg_member(root, "styles");
        if (c->styles && config_setting_type(c->styles) != CONFIG_TYPE_GROUP) {
                err(c, c->styles, _("expected a group { label = { weight = \"bold\"; }; }, found %s"),
                    cfg_type_name(c->styles));
                c->styles = NULL;
        }
        for (int i = 0; c->styles && i < config_setting_length(c->styles); i++) {
                const config_setting_t *st = config_setting_get_elem(c->styles, (unsigned)i);
                if (config_setting_type(st) != CONFIG_TYPE_GROUP)
                        err(c, st, _("expected a group of text settings { size = 20; }, found %s"), cfg_type_name(st));
                else
                        check_keys(c, st, style_keys);
        }

        const config_setting_t *pages = cfg_member(root, "pages");
        if (!pages || config_setting_type(pages) != CONFIG_TYPE_LIST || config_setting_length(pages) == 0) {
                const char *found = !pages ? "nothing"
                                    : config_setting_type(pages) == CONFIG_TYPE_LIST ? _("an empty list")
                                                                                     : cfg_type_name(pages);
                if (pages)
                        err(c, pages, _("expected a list of pages ( { family = \"portrait\"; ... } ), found %s"), found);
                else
                        err(c, root, _("pages: expected a list of pages ( { family = \"portrait\"; ... } ), found nothing"));
        } else {
                for (int i = 0; i < config_setting_length(pages); i++)
                        read_page(c, config_setting_get_elem(pages, (unsigned)i), l);
        }
        return l;
}

static const struct cfg_limits limits = { 1024 * 1024, 20000, N_("a layout file") };

/* The layout in a parsed file; destroys cfg. */
static struct layout *from_config(config_t *cfg, const char *name, const char *const *placeholders,
                                  struct diag *d)
{
        size_t before = d->errors;
        struct ctx c = { .w = { name, d }, .file = name, .d = d, .placeholders = placeholders };
        struct layout *l = read_layout(&c, cfg, name);
        config_destroy(cfg);
        if (d->errors > before) {
                layout_free(l);
                return NULL;
        }
        return l;
}

struct layout *layout_load_string(const char *text, const char *name,
                                  const char *const *placeholders, struct diag *d)
{
        config_t cfg;
        config_init(&cfg);
        if (!cfg_parse(&cfg, text, strlen(text), name, &limits, d)) {
                config_destroy(&cfg);
                return NULL;
        }
        return from_config(&cfg, name, placeholders, d);
}

struct layout *layout_load(const char *path, const char *const *placeholders, struct diag *d)
{
        config_t cfg;
        config_init(&cfg);
        if (!cfg_load(&cfg, path, &limits, d)) {
                config_destroy(&cfg);
                return NULL;
        }
        return from_config(&cfg, path, placeholders, d);
}

static void elems_free(struct elem *es, size_t n)
{
        for (size_t i = 0; i < n; i++) {
                struct elem *e = &es[i];
                g_free(e->name);
                g_free(e->text);
                g_free(e->font);
                g_free(e->source);
                g_strfreev(e->needs);
                g_strfreev(e->unless);
                g_strfreev(e->hide_on);
                g_free(e->items);
                elems_free(e->children, e->n_children);
                for (size_t v = 0; v < e->n_variants; v++) {
                        g_free(e->variants[v].format);
                        elems_free(e->variants[v].elem, 1);
                }
                g_free(e->variants);
        }
        g_free(es);
}

void layout_free(struct layout *l)
{
        if (!l)
                return;
        for (int f = 0; f < FAMILY_COUNT; f++)
                elems_free(l->pages[f].elems, l->pages[f].n_elems);
        g_free(l->name);
        g_free(l->description);
        i18n_texts_clear(&l->descriptions);
        g_free(l->path);
        g_free(l);
}
