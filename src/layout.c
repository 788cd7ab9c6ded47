/* layout.c: layout template file -> struct layout, checked.
 *
 * Designers write these files, so they get the same care as community
 * files: every problem is reported with file:line and the setting's path
 * ("pages.[0].elements.[3].size"), unknown settings get a did-you-mean, and
 * numbers may be written as 12 or 12.0 (libconfig tells them apart; a
 * designer should not have to). */
#include "layout.h"

#include <libconfig.h>
#include <pango/pango.h>
#include <string.h>

#include "cfg.h"
#include "diag.h"
#include "expand.h"

static const char *const family_names[FAMILY_COUNT] = { "portrait", "square", "landscape", "story" };
static const char *const role_names[ROLE_COUNT] = {
        "background", "text", "primary", "accent", "on_primary", "on_accent", "muted", "surface"
};

const char *layout_family_name(enum family f) { return family_names[f]; }
const char *layout_role_name(enum role r) { return role_names[r]; }

bool layout_family_parse(const char *s, enum family *out)
{
        for (int i = 0; i < FAMILY_COUNT; i++)
                if (strcmp(s, family_names[i]) == 0) {
                        *out = (enum family)i;
                        return true;
                }
        return false;
}

/* ---- reading settings ------------------------------------------------------ */

struct ctx {
        const char *file;
        struct diag *d;
        const char *const *placeholders;
        config_setting_t *fonts; /* font roles: headline = "Inter Display" */
};

static int line_of(const config_setting_t *s)
{
        int l = s ? (int)config_setting_source_line(s) : 0;
        return l;
}

/* Where a setting is, in words a designer finds in the file:
 * "pages[portrait].elements[qr].size" (the page by its family, an element
 * by its name, else by its position counted from 1).  Caller frees. */
static char *path_of(const config_setting_t *s)
{
        GString *r = g_string_new(NULL);
        GPtrArray *chain = g_ptr_array_new();
        for (const config_setting_t *p = s; p && config_setting_parent(p); p = config_setting_parent(p))
                g_ptr_array_insert(chain, 0, (gpointer)p);
        for (size_t i = 0; i < chain->len; i++) {
                const config_setting_t *p = chain->pdata[i];
                const char *n = config_setting_name(p);
                if (n) {
                        g_string_append_printf(r, "%s%s", r->len ? "." : "", n);
                        continue;
                }
                const char *label = NULL;
                if (config_setting_type(p) == CONFIG_TYPE_GROUP &&
                    !config_setting_lookup_string(p, "name", &label))
                        config_setting_lookup_string(p, "family", &label);
                if (label)
                        g_string_append_printf(r, "[%s]", label);
                else
                        g_string_append_printf(r, "[%d]", config_setting_index(p) + 1);
        }
        g_ptr_array_free(chain, TRUE);
        return g_string_free(r, FALSE);
}

static void err(struct ctx *c, const config_setting_t *s, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));
static void err(struct ctx *c, const config_setting_t *s, const char *fmt, ...)
{
        char *path = path_of(s);
        va_list ap;
        va_start(ap, fmt);
        diag_vadd(c->d, DIAG_ERROR, c->file, line_of(s), path, fmt, ap);
        va_end(ap);
        g_free(path);
}

static const char *type_name(const config_setting_t *s)
{
        switch (config_setting_type(s)) {
        case CONFIG_TYPE_GROUP: return "a group";
        case CONFIG_TYPE_INT: case CONFIG_TYPE_INT64: return "an integer";
        case CONFIG_TYPE_FLOAT: return "a number";
        case CONFIG_TYPE_STRING: return "a string";
        case CONFIG_TYPE_BOOL: return "true or false";
        case CONFIG_TYPE_ARRAY: return "an array";
        case CONFIG_TYPE_LIST: return "a list";
        default: return "something else";
        }
}

/* Warn about members of group not in keys, with did-you-mean. */
static void check_keys(struct ctx *c, const config_setting_t *group, const char *const *keys)
{
        size_t nk = g_strv_length((char **)keys);
        for (int i = 0; i < config_setting_length(group); i++) {
                const config_setting_t *m = config_setting_get_elem(group, (unsigned)i);
                const char *name = config_setting_name(m);
                bool ok = false;
                for (size_t k = 0; k < nk && !ok; k++)
                        ok = strcmp(name, keys[k]) == 0;
                if (ok)
                        continue;
                char *path = path_of(m);
                const char *near = diag_closest(name, keys, nk);
                if (near)
                        diag_warn(c->d, c->file, line_of(m), path, "unknown setting; did you mean %s?", near);
                else
                        diag_warn(c->d, c->file, line_of(m), path, "unknown setting");
                g_free(path);
        }
}

static bool is_number(const config_setting_t *s)
{
        int t = config_setting_type(s);
        return t == CONFIG_TYPE_INT || t == CONFIG_TYPE_INT64 || t == CONFIG_TYPE_FLOAT;
}

static double number_of(const config_setting_t *s)
{
        return config_setting_type(s) == CONFIG_TYPE_FLOAT ? config_setting_get_float(s)
                                                           : (double)config_setting_get_int64(s);
}

/* Optional number in [lo, hi]; keeps *out when absent. */
static void get_number(struct ctx *c, const config_setting_t *g, const char *key,
                       double lo, double hi, double *out)
{
        const config_setting_t *s = config_setting_get_member(g, key);
        if (!s)
                return;
        if (!is_number(s)) {
                err(c, s, "expected a number, found %s", type_name(s));
                return;
        }
        double v = number_of(s);
        if (v < lo || v > hi) {
                err(c, s, "expected a number from %g to %g, found %g", lo, hi, v);
                return;
        }
        *out = v;
}

static const char *get_string(struct ctx *c, const config_setting_t *g, const char *key)
{
        const config_setting_t *s = config_setting_get_member(g, key);
        if (!s)
                return NULL;
        if (config_setting_type(s) != CONFIG_TYPE_STRING) {
                err(c, s, "expected a string, found %s", type_name(s));
                return NULL;
        }
        return config_setting_get_string(s);
}

static void get_bool(struct ctx *c, const config_setting_t *g, const char *key, bool *out)
{
        const config_setting_t *s = config_setting_get_member(g, key);
        if (!s)
                return;
        if (config_setting_type(s) != CONFIG_TYPE_BOOL) {
                err(c, s, "expected true or false, found %s", type_name(s));
                return;
        }
        *out = config_setting_get_bool(s);
}

/* One of words[]; returns its index, or def when absent or wrong. */
static int get_word(struct ctx *c, const config_setting_t *g, const char *key,
                    const char *const *words, int def)
{
        const char *v = get_string(c, g, key);
        if (!v)
                return def;
        for (int i = 0; words[i]; i++)
                if (strcmp(v, words[i]) == 0)
                        return i;
        char *list = g_strjoinv("\", \"", (char **)words);
        char *q = diag_quote(v, 40);
        err(c, config_setting_get_member(g, key), "expected one of \"%s\", found %s", list, q);
        g_free(q);
        g_free(list);
        return def;
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
        err(c, config_setting_get_member(g, key),
            "expected a colour role (background, text, primary, accent, on_primary, on_accent, muted, surface) or \"#RRGGBB\", found %s%s%s%s",
            q, near ? "; did you mean " : "", near ? near : "", near ? "?" : "");
        g_free(q);
}

/* ---- elements ---------------------------------------------------------------- */

static const char *const kind_names[] = { "rect", "text", "image", "qr", "stack", NULL };
static const char *const align_names[] = { "start", "center", "end", NULL };
static const char *const valign_names[] = { "top", "middle", "bottom", NULL };
static const char *const weight_names[] = { "thin", "light", "regular", "medium", "semibold",
                                            "bold", "extrabold", "black", NULL };
static const int weight_values[] = { 100, 300, 400, 500, 600, 700, 800, 900 };

static const char *const common_keys[] = { "type", "name", "box", "optional", "needs", "unless", "space_before", "height" };
static const char *const rect_keys[] = { "fill", "radius" };
static const char *const text_keys[] = { "text", "font", "weight", "italic", "uppercase", "size", "line_height",
                                         "tracking", "color", "align", "valign", "max_lines", "overflow",
                                         "hyphenate" };
static const char *const image_keys[] = { "source", "fit" };
static const char *const qr_keys[] = { "dark", "light", "level" };
static const char *const stack_keys[] = { "children", "gap", "valign" };

static const char *const *keys_for(enum elem_kind k, size_t *n)
{
        switch (k) {
        case ELEM_RECT: *n = G_N_ELEMENTS(rect_keys); return rect_keys;
        case ELEM_TEXT: *n = G_N_ELEMENTS(text_keys); return text_keys;
        case ELEM_IMAGE: *n = G_N_ELEMENTS(image_keys); return image_keys;
        case ELEM_QR: *n = G_N_ELEMENTS(qr_keys); return qr_keys;
        case ELEM_STACK: *n = G_N_ELEMENTS(stack_keys); return stack_keys;
        }
        *n = 0;
        return NULL;
}

static bool read_elems(struct ctx *c, const config_setting_t *list, const struct page *pg,
                       bool in_stack, struct elem **out, size_t *n_out);

static void read_box(struct ctx *c, const config_setting_t *g, const struct page *pg, struct elem *e)
{
        const config_setting_t *s = config_setting_get_member(g, "box");
        if (!s) {
                err(c, g, "box: expected [x, y, width, height], found nothing");
                return;
        }
        int t = config_setting_type(s);
        if ((t != CONFIG_TYPE_ARRAY && t != CONFIG_TYPE_LIST) || config_setting_length(s) != 4) {
                err(c, s, "expected [x, y, width, height], found %s", type_name(s));
                return;
        }
        double v[4];
        for (int i = 0; i < 4; i++) {
                const config_setting_t *m = config_setting_get_elem(s, (unsigned)i);
                if (!is_number(m)) {
                        err(c, s, "expected [x, y, width, height] as numbers, found %s", type_name(m));
                        return;
                }
                v[i] = number_of(m);
        }
        if (v[2] <= 0 || v[3] <= 0) {
                err(c, s, "expected a positive width and height, found %g x %g", v[2], v[3]);
                return;
        }
        /* A little slack: designers place bands flush with the edge. */
        double slack = pg->width * 0.001;
        if (v[0] < -slack || v[1] < -slack || v[0] + v[2] > pg->width + slack ||
            v[1] + v[3] > pg->height + slack) {
                err(c, s, "expected a box inside the %g x %g page, found [%g, %g, %g, %g]",
                    pg->width, pg->height, v[0], v[1], v[2], v[3]);
                return;
        }
        e->x = v[0];
        e->y = v[1];
        e->w = v[2];
        e->h = v[3];
}

static void read_text(struct ctx *c, const config_setting_t *g, struct elem *e, const char *path)
{
        const char *t = get_string(c, g, "text");
        if (!t) {
                if (!config_setting_get_member(g, "text"))
                        err(c, g, "text: expected a template such as \"{name}\", found nothing");
                t = "";
        }
        e->text = g_strdup(t);
        char *tpath = g_strdup_printf("%s.text", path);
        expand_check(t, c->placeholders, c->d, c->file,
                     line_of(config_setting_get_member(g, "text")), tpath);
        g_free(tpath);

        const char *font = get_string(c, g, "font");
        if (!font)
                font = "body";
        const char *role = NULL;
        if (c->fonts && config_setting_lookup_string(c->fonts, font, &role))
                font = role;
        e->font = g_strdup(font);
        e->weight = weight_values[get_word(c, g, "weight", weight_names, 2)];
        get_bool(c, g, "italic", &e->italic);
        get_bool(c, g, "uppercase", &e->uppercase);
        e->hyphenate = true;
        get_bool(c, g, "hyphenate", &e->hyphenate);

        const config_setting_t *sz = config_setting_get_member(g, "size");
        e->size_max = e->size_min = 0;
        if (!sz) {
                err(c, g, "size: expected a size or [largest, smallest], found nothing");
        } else if (is_number(sz)) {
                e->size_max = e->size_min = number_of(sz);
        } else if ((config_setting_type(sz) == CONFIG_TYPE_ARRAY || config_setting_type(sz) == CONFIG_TYPE_LIST) &&
                   config_setting_length(sz) == 2 && is_number(config_setting_get_elem(sz, 0)) &&
                   is_number(config_setting_get_elem(sz, 1))) {
                e->size_max = number_of(config_setting_get_elem(sz, 0));
                e->size_min = number_of(config_setting_get_elem(sz, 1));
                if (e->size_min > e->size_max)
                        err(c, sz, "expected [largest, smallest], found the smaller first");
        } else {
                err(c, sz, "expected a size or [largest, smallest], found %s", type_name(sz));
                sz = NULL; /* one message is enough */
        }
        if (sz && (e->size_min < 1 || e->size_max > 2000))
                err(c, sz, "expected sizes from 1 to 2000, found %g", e->size_min < 1 ? e->size_min : e->size_max);

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
static char **read_names(struct ctx *c, const config_setting_t *g, const char *key, const char *path)
{
        const config_setting_t *s = config_setting_get_member(g, key);
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
                err(c, s, "expected a placeholder name or [\"a\", \"b\"], found %s", type_name(s));
        }
        char *kpath = g_strdup_printf("%s.%s", path, key);
        for (size_t i = 0; i < arr->len; i++) {
                char *t = g_strdup_printf("{%s}", (char *)arr->pdata[i]);
                expand_check(t, c->placeholders, c->d, c->file, line_of(s), kpath);
                g_free(t);
        }
        g_free(kpath);
        g_ptr_array_add(arr, NULL);
        return (char **)g_ptr_array_free(arr, FALSE);
}

static bool read_elem(struct ctx *c, const config_setting_t *g, const struct page *pg,
                      bool in_stack, struct elem *e)
{
        size_t before = c->d->errors;
        char *path = path_of(g);
        e->line = line_of(g);
        if (config_setting_type(g) != CONFIG_TYPE_GROUP) {
                err(c, g, "expected an element { type = ...; }, found %s", type_name(g));
                g_free(path);
                return false;
        }
        int kind = get_word(c, g, "type", kind_names, -1);
        if (kind < 0) {
                if (!config_setting_get_member(g, "type"))
                        err(c, g, "type: expected one of \"rect\", \"text\", \"image\", \"qr\", \"stack\", found nothing");
                g_free(path);
                return false;
        }
        e->kind = (enum elem_kind)kind;
        const char *name = get_string(c, g, "name");
        e->name = name ? g_strdup(name) : g_strdup_printf("%s at line %d", kind_names[kind], e->line);

        /* Known keys: the common ones plus the kind's own. */
        size_t nk;
        const char *const *kk = keys_for(e->kind, &nk);
        GPtrArray *keys = g_ptr_array_new();
        for (size_t i = 0; i < G_N_ELEMENTS(common_keys); i++)
                g_ptr_array_add(keys, (gpointer)common_keys[i]);
        for (size_t i = 0; i < nk; i++)
                g_ptr_array_add(keys, (gpointer)kk[i]);
        g_ptr_array_add(keys, NULL);
        check_keys(c, g, (const char *const *)keys->pdata);
        g_ptr_array_free(keys, TRUE);

        if (in_stack) {
                /* A child takes its width from the stack; only a fixed
                 * height (images, the QR, rules) may be given. */
                get_number(c, g, "height", 0, 1e5, &e->h);
                get_number(c, g, "space_before", -1e4, 1e4, &e->space_before);
                get_bool(c, g, "optional", &e->optional);
                if (e->kind == ELEM_STACK)
                        err(c, g, "type: expected a text, image, qr or rect inside a stack, found a stack");
                if ((e->kind == ELEM_IMAGE || e->kind == ELEM_QR || e->kind == ELEM_RECT) && e->h <= 0)
                        err(c, g, "height: expected the height of this %s in the stack, found nothing", kind_names[kind]);
        } else {
                read_box(c, g, pg, e);
        }

        e->needs = read_names(c, g, "needs", path);
        e->unless = read_names(c, g, "unless", path);

        switch (e->kind) {
        case ELEM_RECT:
                e->fill.role = ROLE_PRIMARY;
                get_colour(c, g, "fill", &e->fill);
                get_number(c, g, "radius", 0, 1e4, &e->radius);
                break;
        case ELEM_TEXT:
                read_text(c, g, e, path);
                break;
        case ELEM_IMAGE: {
                static const char *const sources[] = { "logo", "photo", NULL };
                static const char *const fits[] = { "cover", "contain", NULL };
                int src = get_word(c, g, "source", sources, 0);
                if (!config_setting_get_member(g, "source"))
                        err(c, g, "source: expected \"logo\" or \"photo\", found nothing");
                e->source = g_strdup(sources[src]);
                e->fit = (enum fit)get_word(c, g, "fit", fits, src == 0 ? FIT_CONTAIN : FIT_COVER);
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
                        err(c, config_setting_get_member(g, "level"),
                            "expected \"L\", \"M\", \"Q\" or \"H\", found \"%s\"", lv);
                break;
        }
        case ELEM_STACK: {
                get_number(c, g, "gap", 0, 1e4, &e->gap);
                e->valign = (enum align)get_word(c, g, "valign", valign_names, ALIGN_START);
                const config_setting_t *ch = config_setting_get_member(g, "children");
                if (!ch || config_setting_type(ch) != CONFIG_TYPE_LIST)
                        err(c, ch ? ch : g, "children: expected a list ( {...}, {...} ), found %s",
                            ch ? type_name(ch) : "nothing");
                else
                        read_elems(c, ch, pg, true, &e->children, &e->n_children);
                break;
        }
        }
        g_free(path);
        return c->d->errors == before;
}

static bool read_elems(struct ctx *c, const config_setting_t *list, const struct page *pg,
                       bool in_stack, struct elem **out, size_t *n_out)
{
        size_t n = (size_t)config_setting_length(list);
        struct elem *es = g_new0(struct elem, n ? n : 1);
        bool ok = true;
        for (size_t i = 0; i < n; i++)
                ok &= read_elem(c, config_setting_get_elem(list, (unsigned)i), pg, in_stack, &es[i]);
        *out = es;
        *n_out = n;
        return ok;
}

/* ---- pages and the file ----------------------------------------------------- */

static void read_page(struct ctx *c, const config_setting_t *g, struct layout *l)
{
        static const char *const page_keys[] = { "family", "size", "unit", "elements", NULL };
        if (config_setting_type(g) != CONFIG_TYPE_GROUP) {
                err(c, g, "expected a page { family = ...; }, found %s", type_name(g));
                return;
        }
        check_keys(c, g, page_keys);
        const char *fam = get_string(c, g, "family");
        enum family f;
        if (!fam) {
                err(c, g, "family: expected \"portrait\", \"square\", \"landscape\" or \"story\", found nothing");
                return;
        }
        if (!layout_family_parse(fam, &f)) {
                const char *near = diag_closest(fam, family_names, FAMILY_COUNT);
                err(c, config_setting_get_member(g, "family"),
                    "expected \"portrait\", \"square\", \"landscape\" or \"story\", found \"%s\"%s%s%s", fam,
                    near ? "; did you mean " : "", near ? near : "", near ? "?" : "");
                return;
        }
        struct page *pg = &l->pages[f];
        if (pg->present) {
                err(c, g, "family: expected one page per family, found a second \"%s\" page (the first is at line %d)",
                    fam, pg->line);
                return;
        }
        pg->present = true;
        pg->line = line_of(g);
        static const char *const units[] = { "mm", "px", NULL };
        pg->unit = (enum unit)get_word(c, g, "unit", units, UNIT_MM);
        const config_setting_t *sz = config_setting_get_member(g, "size");
        if (!sz || config_setting_length(sz) != 2 || !is_number(config_setting_get_elem(sz, 0)) ||
            !is_number(config_setting_get_elem(sz, 1))) {
                err(c, sz ? sz : g, "size: expected [width, height], found %s", sz ? type_name(sz) : "nothing");
                pg->width = pg->height = 100;
        } else {
                pg->width = number_of(config_setting_get_elem(sz, 0));
                pg->height = number_of(config_setting_get_elem(sz, 1));
                if (pg->width <= 0 || pg->height <= 0 || pg->width > 1e5 || pg->height > 1e5) {
                        err(c, sz, "expected a positive [width, height], found [%g, %g]", pg->width, pg->height);
                        pg->width = pg->height = 100;
                }
        }
        const config_setting_t *els = config_setting_get_member(g, "elements");
        if (!els || config_setting_type(els) != CONFIG_TYPE_LIST) {
                err(c, els ? els : g, "elements: expected a list ( {...}, {...} ), found %s",
                    els ? type_name(els) : "nothing");
                return;
        }
        read_elems(c, els, pg, false, &pg->elems, &pg->n_elems);
}

static struct layout *read_layout(struct ctx *c, config_t *cfg, const char *path)
{
        static const char *const top_keys[] = { "name", "description", "colors", "fonts", "pages", NULL };
        struct layout *l = g_new0(struct layout, 1);
        l->path = g_strdup(path);
        config_setting_t *root = config_root_setting(cfg);
        check_keys(c, root, top_keys);

        const char *name = get_string(c, root, "name");
        if (!name)
                err(c, root, "name: expected the layout's name, found nothing");
        l->name = g_strdup(name ? name : "?");
        const char *desc = get_string(c, root, "description");
        l->description = g_strdup(desc ? desc : "");

        /* Defaults a layout may override, and a theme or community after it. */
        static const char *const defaults[ROLE_COUNT] = { "#FFFFFF", "#1A1A1A", "#1F5F8B", "#F2A541",
                                                          "#FFFFFF", "#1A1A1A", "#5A5A5A", "#F3F3F0" };
        for (int i = 0; i < ROLE_COUNT; i++)
                colour_parse(defaults[i], &l->palette.c[i]);
        config_setting_t *colors = config_setting_get_member(root, "colors");
        if (colors) {
                check_keys(c, colors, role_names);
                for (int i = 0; i < ROLE_COUNT; i++) {
                        const char *v = get_string(c, colors, role_names[i]);
                        if (v && !colour_parse(v, &l->palette.c[i]))
                                err(c, config_setting_get_member(colors, role_names[i]),
                                    "expected \"#RRGGBB\", found \"%s\"", v);
                }
        }
        c->fonts = config_setting_get_member(root, "fonts");
        if (c->fonts && config_setting_type(c->fonts) != CONFIG_TYPE_GROUP) {
                err(c, c->fonts, "expected a group { headline = \"Family\"; }, found %s", type_name(c->fonts));
                c->fonts = NULL;
        }

        const config_setting_t *pages = config_setting_get_member(root, "pages");
        if (!pages || config_setting_type(pages) != CONFIG_TYPE_LIST || config_setting_length(pages) == 0) {
                const char *found = !pages ? "nothing"
                                    : config_setting_type(pages) == CONFIG_TYPE_LIST ? "an empty list"
                                                                                     : type_name(pages);
                if (pages)
                        err(c, pages, "expected a list of pages ( { family = \"portrait\"; ... } ), found %s", found);
                else
                        err(c, root, "pages: expected a list of pages ( { family = \"portrait\"; ... } ), found nothing");
        } else {
                for (int i = 0; i < config_setting_length(pages); i++)
                        read_page(c, config_setting_get_elem(pages, (unsigned)i), l);
        }
        return l;
}

static const struct cfg_limits limits = { 1024 * 1024, 20000, "a layout file" };

/* The layout in a parsed file; destroys cfg. */
static struct layout *from_config(config_t *cfg, const char *name, const char *const *placeholders,
                                  struct diag *d)
{
        size_t before = d->errors;
        struct ctx c = { name, d, placeholders, NULL };
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
                elems_free(e->children, e->n_children);
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
        g_free(l->path);
        g_free(l);
}
