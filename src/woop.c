/* woop.c: the WOOP and planning sheet, drawn directly with Pango.
 *
 * Why not a layout page: the sheet is the same for every design and is
 * printed in black and white to be written on; its lines depend on what
 * the lead left open, which a poster layout does not express. */
#include "woop.h"

#include <pango/pangocairo.h>
#include <string.h>

#include "facts.h"
#include "fonts.h"
#include "lang.h"

#define MM (72.0 / 25.4)
#define MARGIN (18 * MM)
#define WIDTH (WOOP_W_MM * MM - 2 * MARGIN)

struct pen {
        cairo_t *cr;
        PangoContext *pango;
        const struct facts *f;
        double y;
};

static const char *word(const struct pen *p, const char *key)
{
        const struct lang *l = facts_lang(p->f);
        return l && lang_has_label(l, key) ? lang_label(l, key) : "";
}

/* Text at the pen, x in from the margin, wrapped to w; moves the pen down. */
static void text(struct pen *p, double x, double w, const char *s, double size, bool bold)
{
        PangoLayout *lay = pango_layout_new(p->pango);
        PangoFontDescription *fd = pango_font_description_new();
        pango_font_description_set_family(fd, "Inter");
        pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
        pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
        pango_layout_set_font_description(lay, fd);
        pango_layout_set_width(lay, (int)(w * PANGO_SCALE));
        pango_layout_set_wrap(lay, PANGO_WRAP_WORD_CHAR);
        pango_layout_set_text(lay, s, -1);
        pango_cairo_update_layout(p->cr, lay);
        cairo_move_to(p->cr, MARGIN + x, p->y);
        pango_cairo_show_layout(p->cr, lay);
        int h;
        pango_layout_get_size(lay, NULL, &h);
        p->y += (double)h / PANGO_SCALE;
        pango_font_description_free(fd);
        g_object_unref(lay);
}

/* n ruled lines to write on. */
static void lines(struct pen *p, double x, int n)
{
        cairo_set_line_width(p->cr, 0.5);
        for (int i = 0; i < n; i++) {
                p->y += 8 * MM;
                cairo_move_to(p->cr, MARGIN + x, p->y);
                cairo_line_to(p->cr, MARGIN + WIDTH, p->y);
                cairo_stroke(p->cr);
        }
        p->y += 2 * MM;
}

/* A list fact's items, each with a tick box; false when it has none. */
static bool checklist(struct pen *p, const char *list, const char *const *fallback)
{
        size_t n = facts_list_len(p->f, list);
        for (size_t i = 0; i < n || (!n && fallback && fallback[i]); i++) {
                const char *item = n ? facts_item(p->f, list, i, "item") : fallback[i];
                p->y += 1.5 * MM;
                cairo_set_line_width(p->cr, 0.8);
                cairo_rectangle(p->cr, MARGIN, p->y + 1, 3.2 * MM, 3.2 * MM);
                cairo_stroke(p->cr);
                text(p, 6 * MM, WIDTH - 6 * MM, item ? item : "", 10.5, false);
        }
        return n > 0;
}

static void heading(struct pen *p, const char *s)
{
        p->y += 5 * MM;
        text(p, 0, WIDTH, s, 13, true);
        p->y += 1 * MM;
}

/* One WOOP field: the lead's words, or lines to write on. */
static void field(struct pen *p, const char *label_key, const char *fact, bool list)
{
        text(p, 0, WIDTH, word(p, label_key), 10.5, true);
        if (list ? facts_list_len(p->f, fact) > 0 : facts_get(p->f, fact) != NULL) {
                if (list)
                        checklist(p, fact, NULL);
                else
                        text(p, 0, WIDTH, facts_get(p->f, fact), 10.5, false);
                p->y += 3 * MM;
        } else {
                lines(p, 0, 2);
        }
}

/* "Label: value" in the structure block; lines when the file has none. */
static void row(struct pen *p, const char *label_key, const char *value)
{
        double col = 48 * MM, y0 = p->y;
        text(p, 0, col - 3 * MM, word(p, label_key), 10.5, true);
        double below_label = p->y;
        p->y = y0;
        if (value && *value) {
                text(p, col, WIDTH - col, value, 10.5, false);
        } else {
                p->y -= 4 * MM;
                lines(p, col, 1);
        }
        /* A label of two lines ("Austausch zwischen den Treffen") takes
         * the room it needs. */
        if (p->y < below_label)
                p->y = below_label;
        p->y += 1.5 * MM;
}

const char *woop_draw(cairo_surface_t *surface, struct fonts *fonts, const struct facts *f)
{
        PangoContext *pango = fonts_context(fonts);
        cairo_t *cr = cairo_create(surface);
        struct pen p = { cr, pango, f, MARGIN };
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_paint(cr);
        cairo_set_source_rgb(cr, 0, 0, 0);

        text(&p, 0, WIDTH, word(&p, "kit_woop_title"), 18, true);
        text(&p, 0, WIDTH, facts_get(f, "name"), 12, false);
        /* The meeting the sheet is for: "Nächstes Treffen: Dienstag, 12.
         * Januar 2027, 18:30–20:00 Uhr" (none when no meeting lies ahead). */
        const char *next = facts_get(f, "next.full"), *time = facts_get(f, "next.time");
        if (next) {
                const char *lab = word(&p, "kit_next");
                char *when = time ? g_strdup_printf("%s%s %s, %s", lab, lang_colon_after(lab), next, time)
                                  : g_strdup_printf("%s%s %s", lab, lang_colon_after(lab), next);
                text(&p, 0, WIDTH, when, 10, false);
                g_free(when);
        }

        heading(&p, "WOOP");
        text(&p, 0, WIDTH, word(&p, "kit_woop_hint"), 9.5, false);
        p.y += 2 * MM;
        field(&p, "woop_wish", "woop.wish", false);
        field(&p, "woop_outcome", "woop.outcome", false);
        field(&p, "woop_obstacles", "woop.obstacles", true);
        field(&p, "woop_plan", "woop.plan", true);

        heading(&p, word(&p, "kit_structure"));
        row(&p, "lead", facts_get(f, "lead"));
        row(&p, "topic", facts_get(f, "topic"));
        row(&p, "goal", facts_get(f, "goal"));
        row(&p, "kit_cycle", facts_get(f, "cycle"));
        row(&p, "kit_place", facts_get(f, "venues"));
        row(&p, "channels", facts_get(f, "channels"));

        heading(&p, word(&p, "kit_course"));
        const char *suggestions[] = { word(&p, "kit_suggest_1"), word(&p, "kit_suggest_2"),
                                      word(&p, "kit_suggest_3"), NULL };
        if (!facts_list_len(f, "agenda"))
                text(&p, 0, WIDTH, word(&p, "kit_course_hint"), 9.5, false);
        checklist(&p, "agenda", suggestions);

        cairo_show_page(cr);
        cairo_status_t st = cairo_status(cr);
        cairo_destroy(cr);
        return st == CAIRO_STATUS_SUCCESS ? NULL : cairo_status_to_string(st);
}
