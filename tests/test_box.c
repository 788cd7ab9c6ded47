/* test_box.c: layout page + facts -> boxes (src/box.c), in numbers.
 *
 * Text fitting picks the largest size that fits (one percent more does
 * not), reports an overflow at the smallest size; a stack shrinks its
 * children together, then drops optional ones, then leaves out what has
 * no room; empty texts and unmet "needs" vanish; elements touching the
 * design page's edge stretch to the canvas edge and into the bleed.
 * Uses the shipped fonts in fonts/. */
#include <glib.h>
#include <math.h>
#include <string.h>

#include "box.h"
#include "diag.h"
#include "facts.h"
#include "fonts.h"
#include "layout.h"
#include "testlib.h"

static struct fonts *fonts;
static PangoContext *ctx;

static char *messages(const struct diag *d)
{
        GString *s = g_string_new(NULL);
        for (size_t i = 0; i < d->n; i++)
                g_string_append_printf(s, "%s\n", d->msgs[i].text);
        return g_string_free(s, FALSE);
}

/* A text element as the loader would make it. */
static struct elem text_elem(void)
{
        struct elem e;
        memset(&e, 0, sizeof e);
        e.kind = ELEM_TEXT;
        e.name = "t";
        e.font = "Inter";
        e.weight = 400;
        e.text = "{name}";
        return e;
}

/* Logical size of a fitted layout at size, canvas units. */
static void drawn_size(PangoLayout *l, double size, double *w, double *h)
{
        PangoRectangle r;
        pango_layout_get_extents(l, NULL, &r);
        *w = (double)r.width / PANGO_SCALE * size / BOX_REF_SIZE;
        *h = (double)r.height / PANGO_SCALE * size / BOX_REF_SIZE;
}

static bool fits_at(const struct elem *e, const char *text, double w, double h, double size)
{
        double s;
        bool fits;
        PangoLayout *l = box_fit_text(ctx, e, text, w, h, size, size, &s, &fits);
        g_assert_cmpfloat(s, ==, size);
        g_object_unref(l);
        return fits;
}

/* ---- box_fit_text --------------------------------------------------------------- */

static void test_fit_largest(void)
{
        struct elem e = text_elem();
        const char *texts[] = { "Urban Gardening Bielefeld", "Repair-Café Sennestadt",
                                "Gemeinsam gärtnern in der Stadt und voneinander lernen", "Ü", NULL };
        const double boxes[][2] = { { 300, 100 }, { 500, 60 }, { 120, 300 }, { 800, 800 } };
        for (size_t i = 0; texts[i]; i++) {
                for (size_t b = 0; b < G_N_ELEMENTS(boxes); b++) {
                        double w = boxes[b][0], h = boxes[b][1], size;
                        bool fits;
                        PangoLayout *l = box_fit_text(ctx, &e, texts[i], w, h, 4, 400, &size, &fits);
                        g_assert_true(fits);
                        g_assert_cmpfloat(size, >=, 4);
                        g_assert_cmpfloat(size, <=, 400);
                        /* What is returned fits (within the half-unit slack). */
                        double dw, dh;
                        drawn_size(l, size, &dw, &dh);
                        g_assert_cmpfloat(dw, <=, w + 0.5);
                        g_assert_cmpfloat(dh, <=, h + 0.5);
                        g_object_unref(l);
                        /* The largest: at the same size it fits, 1% larger it does
                         * not (unless it reached the maximum). */
                        g_assert_true(fits_at(&e, texts[i], w, h, size));
                        if (size < 400)
                                g_assert_false(fits_at(&e, texts[i], w, h, size * 1.01));
                }
        }
}

static void test_fit_max(void)
{
        struct elem e = text_elem();
        double size;
        bool fits;
        PangoLayout *l = box_fit_text(ctx, &e, "Hi", 1000, 1000, 10, 40, &size, &fits);
        g_assert_true(fits);
        g_assert_cmpfloat(size, ==, 40);
        g_object_unref(l);
}

static void test_fit_overflow(void)
{
        struct elem e = text_elem();
        double size;
        bool fits;
        /* Too long for the box even at the smallest size. */
        PangoLayout *l = box_fit_text(ctx, &e, "Arbeitsgemeinschaft für nachhaltige Stadtentwicklung",
                                      60, 10, 20, 80, &size, &fits);
        g_assert_false(fits);
        g_assert_cmpfloat(size, ==, 20);
        g_object_unref(l);
}

static void test_fit_max_lines(void)
{
        struct elem e = text_elem();
        const char *text = "Jeden zweiten Dienstag im Monat um halb sieben";
        double free_size, one_size;
        bool fits;
        PangoLayout *l = box_fit_text(ctx, &e, text, 300, 300, 4, 200, &free_size, &fits);
        g_assert_true(fits);
        g_assert_cmpint(pango_layout_get_line_count(l), >, 1);
        g_object_unref(l);
        e.max_lines = 1;
        l = box_fit_text(ctx, &e, text, 300, 300, 4, 200, &one_size, &fits);
        g_assert_true(fits);
        g_assert_cmpint(pango_layout_get_line_count(l), ==, 1);
        g_assert_cmpfloat(one_size, <, free_size);
        g_object_unref(l);
}

static void test_fit_uppercase_tracking(void)
{
        /* Capitals and letter spacing take more room: a smaller size. */
        struct elem e = text_elem();
        double plain, wide;
        bool fits;
        PangoLayout *l = box_fit_text(ctx, &e, "nachhaltigkeit", 400, 400, 4, 400, &plain, &fits);
        g_object_unref(l);
        e.uppercase = true;
        e.tracking = 120;
        l = box_fit_text(ctx, &e, "nachhaltigkeit", 400, 400, 4, 400, &wide, &fits);
        g_assert_true(fits);
        g_assert_cmpfloat(wide, <, plain * 0.95);
        g_object_unref(l);
}

/* ---- pages ------------------------------------------------------------------------ */

struct page_run {
        struct layout *l;
        struct facts *facts;
        struct palette pal;
        struct boxes bs;
        struct diag d;
        bool ok;
};

/* Lay out the square page of layout text at width x height (px) with bleed. */
static void run_page(struct page_run *r, const char *text, double width, double height, double bleed,
                     const char *const *kv)
{
        memset(r, 0, sizeof *r);
        diag_init(&r->d, NULL);
        r->l = layout_load_string(text, "t.cfg", facts_placeholders(), &r->d);
        char *m = messages(&r->d);
        g_assert_cmpstr(m, ==, "");
        g_free(m);
        g_assert_nonnull(r->l);
        r->facts = facts_new_empty(NULL);
        for (size_t i = 0; kv[i]; i += 2)
                facts_put(r->facts, kv[i], kv[i + 1]);
        r->pal = r->l->palette;
        struct box_target t = {
                .page = &r->l->pages[FAMILY_SQUARE],
                .width = width,
                .height = height,
                .bleed = bleed,
                .pt = 1,
                .palette = &r->pal,
                .facts = r->facts,
                .pango = ctx,
                .hyphenate_words = false,
                .file = "c.cfg",
                .who = "instagram (t)",
        };
        r->ok = box_layout(&t, &r->bs, &r->d);
}

static void page_clear(struct page_run *r)
{
        boxes_clear(&r->bs);
        facts_free(r->facts);
        layout_free(r->l);
        diag_clear(&r->d);
}

static const struct box *find(const struct page_run *r, const char *name)
{
        for (size_t i = 0; i < r->bs.n; i++)
                if (strcmp(r->bs.b[i].elem->name, name) == 0)
                        return &r->bs.b[i];
        return NULL;
}

#define HEAD \
        "name = \"t\";\n" \
        "colors = { primary = \"#0F5C4D\"; text = \"#1B2430\"; };\n" \
        "fonts = { headline = \"Inter Display\"; body = \"Inter\"; };\n"

#define STACK_PAGE(H) \
        HEAD "pages = ( { family = \"square\"; size = [1000, 1000]; unit = \"px\"; elements = (\n" \
        "  { type = \"stack\"; name = \"facts\"; box = [100, 100, 800, " #H "]; gap = 10; children = (\n" \
        "    { type = \"text\"; name = \"name\"; text = \"{name}\"; size = [100, 40]; max_lines = 3; },\n" \
        "    { type = \"text\"; name = \"pitch\"; text = \"{pitch}\"; size = [40, 20]; optional = true; },\n" \
        "    { type = \"text\"; name = \"goal\"; text = \"Ziel: {goal}\"; needs = \"goal\"; size = [30, 20]; },\n" \
        "    { type = \"text\"; name = \"venue\"; text = \"{venue.name}\"; size = [60, 30]; }\n" \
        "  ); }\n" \
        "); } );\n"

static const char *const facts_kv[] = {
        "name", "Urban Gardening Bielefeld",
        "pitch", "Wir tauschen Saatgut, bauen Hochbeete und lernen voneinander – jeden Monat.",
        "goal", "",
        "venue.name", "Innovation Office",
        NULL,
};

static void test_stack_roomy(void)
{
        struct page_run r;
        run_page(&r, STACK_PAGE(800), 1000, 1000, 0, facts_kv);
        g_assert_true(r.ok);
        g_assert_cmpuint(r.d.n, ==, 0);
        const struct box *name = find(&r, "name"), *pitch = find(&r, "pitch"), *venue = find(&r, "venue");
        g_assert_nonnull(name);
        g_assert_nonnull(pitch);
        g_assert_nonnull(venue);
        /* needs = "goal" and goal is empty: left out. */
        g_assert_null(find(&r, "goal"));
        /* Room enough: every child at its largest size. */
        g_assert_cmpfloat(name->size, ==, 100);
        g_assert_cmpfloat(pitch->size, ==, 40);
        g_assert_cmpfloat(venue->size, ==, 60);
        /* In order, a gap apart, inside the stack. */
        g_assert_cmpfloat(name->y, ==, 100);
        g_assert_cmpfloat(fabs(pitch->y - (name->y + name->h + 10)), <, 1e-6);
        g_assert_cmpfloat(fabs(venue->y - (pitch->y + pitch->h + 10)), <, 1e-6);
        g_assert_cmpfloat(venue->y + venue->h, <=, 900 + 0.5);
        g_assert_cmpfloat(name->x, ==, 100);
        g_assert_cmpfloat(name->w, ==, 800);
        page_clear(&r);
}

/* ---- remembered measures ---------------------------------------------------------
 *
 * Fitting answers a probe from what it measured before (box.c, look):
 * wider than a text's natural width it is one line; below it, a two-line
 * text whose second line cannot break keeps its lines.  At size
 * BOX_REF_SIZE a box w wide is a Pango width of w * PANGO_SCALE, so the
 * probes below land on single Pango units around the natural width,
 * where a shortcut off by one unit answers differently from Pango. */

/* Pango's own answer for text in e at width units (a layout made afresh
 * and laid out for real): its logical width and its line count. */
static void real_look(const struct elem *e, const char *text, int units, int *w, int *lines)
{
        double s;
        bool fits;
        PangoLayout *l = box_fit_text(ctx, e, text, (double)units / PANGO_SCALE, 1e6, BOX_REF_SIZE,
                                      BOX_REF_SIZE, &s, &fits);
        PangoRectangle r;
        pango_layout_get_extents(l, NULL, &r);
        *w = r.width;
        *lines = pango_layout_get_line_count(l);
        g_object_unref(l);
}

/* Whether fitting says text fits one line of a box units wide, and
 * whether Pango agrees. */
static void check_one_line(const struct elem *e, const char *text, int units, double line_h)
{
        double s;
        bool fits;
        PangoLayout *l = box_fit_text(ctx, e, text, (double)units / PANGO_SCALE, line_h, BOX_REF_SIZE,
                                      BOX_REF_SIZE, &s, &fits);
        g_object_unref(l);
        int w, lines;
        real_look(e, text, units, &w, &lines);
        bool real = lines == 1 && w <= units + PANGO_SCALE / 2;
        if (fits != real)
                g_error("\"%s\" at width %d: fitting says %s, Pango says %d lines %d wide", text, units,
                        fits ? "one line" : "more", lines, w);
}

static void test_remembered_boundaries(void)
{
        static const char *const texts[] = {
                "Community 2",                       /* two words: wraps exactly below its width */
                "Community 2 ",                      /* ends in a space */
                "Gemeinsam gärtnern in der Stadt",   /* a second line that can break again */
                "Jeden 2. Dienstag, 18:30\u2060\u2013\u206020:00\u00a0Uhr", /* held last line */
                "Nachbar\u00adschafts\u00adhilfe Bielefeld", /* soft hyphens: a break adds a hyphen */
                "Stadtteil\u00adzentrum",            /* the soft hyphen is the only break */
                "Garten\u00ad\U0001F331",           /* a break ends the run of Inter, but adds no hyphen */
                "Garten\u00ad\u8a9e\u00ad\u8a9e",       /* (a word ends there too) */
                /* The word goes on in Cyrillic, a run of its own, after a
                 * break that adds a hyphen: Pango counts the hyphen there,
                 * and the rest is narrower than it, so just above the
                 * natural width the line shows a hyphen inside (the
                 * added-hyphen guard in breaks_exactly). */
                "Garten\u00ad\u0456",
                "Kontakt: a@example.org\nZweite Zeile", /* two paragraphs */
                "\u0645\u0631\u062d\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645", /* right to left */
        };
        struct elem plain = text_elem(), tracked = text_elem(), centred = text_elem();
        tracked.tracking = 120;
        centred.align = ALIGN_CENTER;
        const struct elem *elems[] = { &plain, &tracked, &centred };
        for (size_t k = 0; k < G_N_ELEMENTS(elems); k++) {
                for (size_t i = 0; i < G_N_ELEMENTS(texts); i++) {
                        box_forget(ctx);
                        int natural, lines, narrow_w, narrow_lines;
                        real_look(elems[k], texts[i], 100000 * PANGO_SCALE, &natural, &lines);
                        double line_h = 0;
                        {
                                double s;
                                bool fits;
                                PangoLayout *l = box_fit_text(ctx, elems[k], texts[i], 1e5, 1e6, BOX_REF_SIZE,
                                                              BOX_REF_SIZE, &s, &fits);
                                PangoRectangle r;
                                pango_layout_get_extents(l, NULL, &r);
                                line_h = (double)r.height / lines / PANGO_SCALE;
                                g_object_unref(l);
                        }
                        int narrow = natural * 3 / 4;
                        real_look(elems[k], texts[i], narrow, &narrow_w, &narrow_lines);
                        /* Remember the natural width and a narrower layout first
                         * (as a fit's first probes do), then probe around both. */
                        check_one_line(elems[k], texts[i], 2 * natural, line_h);
                        check_one_line(elems[k], texts[i], narrow, line_h);
                        for (int d = -3; d <= 3; d++) {
                                check_one_line(elems[k], texts[i], natural + d, line_h);
                                check_one_line(elems[k], texts[i], narrow_w + d, line_h);
                        }
                        for (int j = 1; j < 8; j++)
                                check_one_line(elems[k], texts[i], narrow + (natural - narrow) * j / 8, line_h);
                }
        }
}

/* Pango counts the hyphen a break adds wherever a run ends there, also
 * where the line goes on: "Garten\u00ad" and the Cyrillic "\u0456" are runs
 * of their own.  Remembered at a width where the first line ends after
 * "\u0456 ", the text measured three lines a few units narrower (the run
 * with its hyphen no longer fits, so the line ends after "Brackwede"),
 * inside the margin that used to ignore the hyphen; klar's A3 poster then
 * drew the name over the topic. */
static void test_remembered_added_hyphen(void)
{
        struct elem e = text_elem();
        e.font = "Inter Display";
        e.weight = 900;
        const char *text = "Brackwede Garten\u00ad\u0456 nachhaltige";
        box_forget(ctx);
        for (int units = 941589; units >= 940000; units -= 53) {
                double s;
                bool fits;
                /* Room for two lines, not three. */
                PangoLayout *l = box_fit_text(ctx, &e, text, (double)units / PANGO_SCALE, 250, BOX_REF_SIZE,
                                              BOX_REF_SIZE, &s, &fits);
                PangoRectangle r;
                pango_layout_get_extents(l, NULL, &r);
                bool real = r.width <= units + PANGO_SCALE / 2 && r.height <= 250 * PANGO_SCALE + PANGO_SCALE / 2;
                if (fits != real)
                        g_error("at width %d: fitting says %s, Pango says %d lines %d wide", units,
                                fits ? "it fits" : "it does not", pango_layout_get_line_count(l), r.width);
                g_object_unref(l);
        }
}

/* The sizes fitting chooses with what it remembered are the sizes it
 * chooses from nothing, across widths, in both orders of probing. */
static void test_remembered_sizes(void)
{
        static const char *const texts[] = {
                "Community 2",
                "Jeden 2. Dienstag im Monat, 18:30\u2060\u2013\u206020:00\u00a0Uhr",
                "Innovation Office der Stadt Bielefeld",
                "Arbeitsgemeinschaft f\u00fcr nachhaltige Stadtentwicklung",
        };
        struct elem e = text_elem();
        e.max_lines = 2;
        for (size_t i = 0; i < G_N_ELEMENTS(texts); i++) {
                double fresh[40];
                for (int j = 0; j < 40; j++) {
                        box_forget(ctx);
                        double w = 120 + j * 23, size;
                        bool fits;
                        PangoLayout *l = box_fit_text(ctx, &e, texts[i], w, 200, 8, 120, &size, &fits);
                        g_object_unref(l);
                        fresh[j] = fits ? size : -size;
                }
                box_forget(ctx);
                for (int pass = 0; pass < 2; pass++)
                        for (int n = 0; n < 40; n++) {
                                int j = pass ? 39 - n : n;
                                double w = 120 + j * 23, size;
                                bool fits;
                                PangoLayout *l = box_fit_text(ctx, &e, texts[i], w, 200, 8, 120, &size, &fits);
                                g_object_unref(l);
                                g_assert_cmpfloat(fits ? size : -size, ==, fresh[j]);
                        }
        }
}

/* The layouts fitting shares between boxes hold their context, and the
 * context holds them: box_forget breaks the cycle, so that a renderer's
 * fonts go with it (valgrind found every renderer's fonts lost). */
static void test_forget(void)
{
        struct diag d;
        diag_init(&d, NULL);
        const char *const dirs[] = { "fonts", NULL };
        struct fonts *mine = fonts_new(dirs, &d);
        g_assert_nonnull(mine);
        PangoContext *shared = ctx, *c = fonts_context(mine);
        ctx = c;
        struct page_run r;
        run_page(&r, STACK_PAGE(800), 1000, 1000, 0, facts_kv);
        g_assert_true(r.ok);
        page_clear(&r);
        ctx = shared;
        g_object_add_weak_pointer(G_OBJECT(c), (gpointer *)&c);
        box_forget(c);
        fonts_free(mine);
        g_assert_null(c);
        diag_clear(&d);
}

/* unless = "photo": the element stands in for a missing photo. */
static void test_unless(void)
{
        static const char page[] =
                HEAD "pages = ( { family = \"square\"; size = [1000, 1000]; unit = \"px\"; elements = (\n"
                "  { type = \"text\"; name = \"stand-in\"; box = [100, 100, 800, 200]; text = \"{name}\";\n"
                "    unless = \"photo\"; size = 40; }\n"
                "); } );\n";
        static const char *const without[] = { "name", "Garten", NULL };
        static const char *const with[] = { "name", "Garten", "photo", "images/team.jpg", NULL };
        struct page_run r;
        run_page(&r, page, 1000, 1000, 0, without);
        g_assert_nonnull(find(&r, "stand-in"));
        page_clear(&r);
        run_page(&r, page, 1000, 1000, 0, with);
        g_assert_null(find(&r, "stand-in"));
        page_clear(&r);
}

/* A child that needs more lines than max_lines at its largest size is
 * made smaller until it fits them, never cut short with "…" in silence. */
static void test_stack_max_lines(void)
{
        static const char page[] =
                HEAD "pages = ( { family = \"square\"; size = [1000, 1000]; unit = \"px\"; elements = (\n"
                "  { type = \"stack\"; name = \"facts\"; box = [100, 100, 800, 800]; children = (\n"
                "    { type = \"text\"; name = \"name\"; text = \"{name}\"; size = [100, 40]; max_lines = 2; }\n"
                "  ); }\n"
                "); } );\n";
        struct page_run r;
        run_page(&r, page, 1000, 1000, 0, facts_kv);
        g_assert_true(r.ok);
        g_assert_cmpuint(r.d.n, ==, 0);
        const struct box *name = find(&r, "name");
        g_assert_nonnull(name);
        /* "Urban Gardening" is wider than 800 px at 100 px: three lines. */
        g_assert_cmpfloat(name->size, <, 100);
        g_assert_cmpfloat(name->size, >, 90);
        g_assert_false(pango_layout_is_ellipsized(name->layout));
        g_assert_cmpint(pango_layout_get_line_count(name->layout), ==, 2);
        page_clear(&r);
}

/* Total height of the stack's boxes, from the first top to the last bottom. */
static double used(const struct page_run *r)
{
        double top = 1e9, bottom = -1e9;
        for (size_t i = 0; i < r->bs.n; i++) {
                top = fmin(top, r->bs.b[i].y);
                bottom = fmax(bottom, r->bs.b[i].y + r->bs.b[i].h);
        }
        return bottom - top;
}

static void test_stack_shrinks(void)
{
        struct page_run big, r;
        run_page(&big, STACK_PAGE(800), 1000, 1000, 0, facts_kv);
        double need = used(&big);
        /* A little less room than the largest sizes need: all children
         * stay, every text between its smallest and largest size. */
        char *text = g_strdup(STACK_PAGE(800));
        char *p = strstr(text, "800]; gap");
        char h[8];
        g_snprintf(h, sizeof h, "%3d", (int)(need * 0.8));
        memcpy(p, h, 3);
        run_page(&r, text, 1000, 1000, 0, facts_kv);
        g_assert_true(r.ok);
        g_assert_cmpuint(r.d.n, ==, 0);
        const struct box *name = find(&r, "name"), *pitch = find(&r, "pitch"), *venue = find(&r, "venue");
        g_assert_nonnull(name);
        g_assert_nonnull(pitch);
        g_assert_nonnull(venue);
        g_assert_cmpfloat(name->size, <, 100);
        g_assert_cmpfloat(name->size, >=, 40);
        g_assert_cmpfloat(pitch->size, <, 40);
        g_assert_cmpfloat(venue->size, <, 60);
        g_assert_cmpfloat(used(&r), <=, need * 0.8 + 0.5);
        page_clear(&r);
        page_clear(&big);
        g_free(text);
}

static void test_stack_drops_optional(void)
{
        /* Not even the smallest sizes fit with the pitch: it goes, the
         * others are drawn, no message (dropping optional text is normal). */
        struct page_run r;
        run_page(&r, STACK_PAGE(110), 1000, 1000, 0, facts_kv);
        g_assert_true(r.ok);
        char *m = messages(&r.d);
        g_assert_cmpstr(m, ==, "");
        g_free(m);
        g_assert_null(find(&r, "pitch"));
        g_assert_nonnull(find(&r, "name"));
        g_assert_nonnull(find(&r, "venue"));
        g_assert_cmpfloat(used(&r), <=, 110 + 0.5);
        page_clear(&r);
}

static void test_stack_overflow(void)
{
        /* No room at all: what does not fit is left out with a warning
         * naming file, format, element and stack. */
        struct page_run r;
        run_page(&r, STACK_PAGE(50), 1000, 1000, 0, facts_kv);
        char *m = messages(&r.d);
        g_assert_cmpuint(r.d.n, >, 0);
        g_assert_true(strstr(m, "c.cfg: warning: instagram (t): venue: no room left in facts; left out\n") != NULL);
        g_assert_null(find(&r, "venue"));
        for (size_t i = 0; i < r.bs.n; i++)
                g_assert_cmpfloat(r.bs.b[i].y + r.bs.b[i].h, <=, 150 + 0.5);
        g_free(m);
        page_clear(&r);
}

static void test_empty_text_vanishes(void)
{
        static const char *const kv[] = { "name", "Lesekreis", NULL };
        struct page_run r;
        run_page(&r, HEAD "pages = ( { family = \"square\"; size = [1000, 1000]; unit = \"px\"; elements = (\n"
                          "  { type = \"text\"; name = \"title\"; box = [0, 0, 1000, 200]; text = \"{name}\"; size = 50; },\n"
                          "  { type = \"text\"; name = \"goal\"; box = [0, 300, 1000, 200]; text = \"Ziel: {goal}\"; size = 50; },\n"
                          "  { type = \"text\"; name = \"room\"; box = [0, 600, 1000, 200]; text = \"[Raum {venue.room}]\"; size = 50; }\n"
                          "); } );\n",
                 1000, 1000, 0, kv);
        g_assert_true(r.ok);
        g_assert_cmpuint(r.bs.n, ==, 1);
        g_assert_cmpstr(r.bs.b[0].elem->name, ==, "title");
        g_assert_cmpstr(pango_layout_get_text(r.bs.b[0].layout), ==, "Lesekreis");
        page_clear(&r);
}

#define EDGE_PAGE \
        HEAD "pages = ( { family = \"square\"; size = [100, 100]; unit = \"px\"; elements = (\n" \
        "  { type = \"rect\"; name = \"band\"; box = [0, 0, 100, 20]; fill = \"primary\"; },\n" \
        "  { type = \"rect\"; name = \"foot\"; box = [0, 80, 100, 20]; fill = \"text\"; },\n" \
        "  { type = \"rect\"; name = \"inner\"; box = [10, 30, 20, 20]; fill = \"#FF0000\"; },\n" \
        "  { type = \"qr\"; name = \"qr\"; box = [50, 30, 40, 30]; }\n" \
        "); } );\n"

static void test_edges_stretch(void)
{
        static const char *const kv[] = { NULL };
        struct page_run r;
        /* Canvas 200 x 220 with 10 of bleed: scale 2, the design centred
         * vertically (10 above and below). */
        run_page(&r, EDGE_PAGE, 200, 220, 10, kv);
        g_assert_true(r.ok);
        const struct box *band = find(&r, "band"), *foot = find(&r, "foot"), *inner = find(&r, "inner"),
                         *qr = find(&r, "qr");
        g_assert_nonnull(band);
        /* Touches left, top, right: to the canvas edges plus the bleed. */
        g_assert_cmpfloat(band->x, ==, -10);
        g_assert_cmpfloat(band->y, ==, -10);
        g_assert_cmpfloat(band->w, ==, 220);
        g_assert_cmpfloat(band->h, ==, 10 + 10 + 40);
        /* Touches the bottom: down to 220 + 10. */
        g_assert_cmpfloat(foot->y, ==, 10 + 160);
        g_assert_cmpfloat(foot->y + foot->h, ==, 230);
        g_assert_cmpfloat(foot->x, ==, -10);
        /* Touches nothing: scaled and moved only. */
        g_assert_cmpfloat(inner->x, ==, 20);
        g_assert_cmpfloat(inner->y, ==, 10 + 60);
        g_assert_cmpfloat(inner->w, ==, 40);
        g_assert_cmpfloat(inner->h, ==, 40);
        /* Colours from the palette, or literal. */
        g_assert_cmpfloat(fabs(band->colour.r - 0x0F / 255.0), <, 1e-9);
        g_assert_cmpfloat(inner->colour.r, ==, 1);
        /* The QR code is square, centred in its box, never stretched. */
        g_assert_cmpfloat(qr->w, ==, qr->h);
        g_assert_cmpfloat(qr->w, ==, 60);
        g_assert_cmpfloat(qr->x, ==, 100 + 10);
        g_assert_cmpfloat(qr->y, ==, 10 + 60);
        page_clear(&r);
}

static void test_mm_page_sizes(void)
{
        /* On a page in mm, sizes are pt: a 72 pt text on an A3 page drawn
         * at 1 canvas unit per pt is 72 units. */
        static const char *const kv[] = { "name", "Hi", NULL };
        struct page_run r;
        memset(&r, 0, sizeof r);
        diag_init(&r.d, NULL);
        r.l = layout_load_string(HEAD "pages = ( { family = \"portrait\"; size = [297, 420]; unit = \"mm\"; elements = (\n"
                                      "  { type = \"text\"; name = \"title\"; box = [20, 20, 257, 100]; text = \"{name}\"; size = 72; }\n"
                                      "); } );\n",
                                 "t.cfg", facts_placeholders(), &r.d);
        g_assert_nonnull(r.l);
        r.facts = facts_new_empty(NULL);
        for (size_t i = 0; kv[i]; i += 2)
                facts_put(r.facts, kv[i], kv[i + 1]);
        r.pal = r.l->palette;
        double mm = 72 / 25.4;
        struct box_target t = { .page = &r.l->pages[FAMILY_PORTRAIT], .width = 297 * mm, .height = 420 * mm,
                                .pt = 1, .palette = &r.pal, .facts = r.facts, .pango = ctx,
                                .file = "c.cfg", .who = "a3 (t)" };
        g_assert_true(box_layout(&t, &r.bs, &r.d));
        g_assert_cmpuint(r.bs.n, ==, 1);
        g_assert_cmpfloat(fabs(r.bs.b[0].size - 72), <, 1e-6);
        g_assert_cmpfloat(fabs(r.bs.b[0].x - 20 * mm), <, 1e-6);
        page_clear(&r);
}

/* ---- lists, rows, grids ------------------------------------------------------- */

/* The boxes of tests/data/layouts/good/showcase.cfg on a 1080 px square
 * for format, with an agenda of three and channels of three (one without
 * a name). */
static void run_showcase(struct page_run *r, const char *format)
{
        memset(r, 0, sizeof *r);
        diag_init(&r->d, NULL);
        r->l = layout_load("tests/data/layouts/good/showcase.cfg", facts_placeholders(), &r->d);
        g_assert_nonnull(r->l);
        r->facts = facts_new_empty(NULL);
        facts_put(r->facts, "name", "Garten");
        facts_put(r->facts, "cycle", "Jeden Dienstag");
        facts_put(r->facts, "venue.name", "Office");
        facts_put(r->facts, "label.when", "Wann?");
        facts_put(r->facts, "label.where", "Wo?");
        facts_put(r->facts, "label.agenda", "Ablauf");
        facts_put(r->facts, "label.channels", "Kanäle");
        facts_put(r->facts, "next.date", "12. Januar 2027");
        facts_put(r->facts, "signup.short", "example.org/s");
        static const char *const agenda[] = { "Ankommen", "Planen", "Pflanzen" };
        for (size_t i = 0; i < 3; i++)
                facts_list_add(r->facts, "agenda", (const char *const[]){ "item", agenda[i], NULL });
        facts_list_add(r->facts, "channels", (const char *const[]){ "type", "signal", "name", "Gruppe",
                                                                     "url", "https://s.example/g", NULL });
        facts_list_add(r->facts, "channels", (const char *const[]){ "type", "matrix", "name", "#g",
                                                                     "url", "https://m.example/g", NULL });
        facts_list_add(r->facts, "channels", (const char *const[]){ "type", "web", "url", "https://w.example", NULL });
        r->pal = r->l->palette;
        struct box_target t = { .page = &r->l->pages[FAMILY_SQUARE], .width = 1080, .height = 1080, .pt = 1,
                                .screen = true, .palette = &r->pal, .facts = r->facts, .pango = ctx,
                                .format = format, .file = "c.cfg", .who = "instagram (showcase)" };
        r->ok = box_layout(&t, &r->bs, &r->d);
}

/* The boxes drawn for the element named name, in drawing order. */
static GPtrArray *boxes_named(const struct page_run *r, const char *name)
{
        GPtrArray *a = g_ptr_array_new();
        for (size_t i = 0; i < r->bs.n; i++)
                if (strcmp(r->bs.b[i].elem->name, name) == 0)
                        g_ptr_array_add(a, &r->bs.b[i]);
        return a;
}

static const char *text_of_box(const struct box *b)
{
        return pango_layout_get_text(b->layout);
}

static void test_showcase(void)
{
        struct page_run r;
        run_showcase(&r, "instagram");
        char *m = messages(&r.d);
        g_assert_cmpstr(m, ==, "");
        g_free(m);
        g_assert_true(r.ok);

        /* The row: two stacks side by side, halves of 960 - 40. */
        GPtrArray *when = boxes_named(&r, "when-label"), *where = boxes_named(&r, "where-label");
        g_assert_cmpuint(when->len, ==, 1);
        g_assert_cmpuint(where->len, ==, 1);
        struct box *w0 = when->pdata[0], *h0 = where->pdata[0];
        g_assert_cmpfloat(fabs(w0->x - 60), <, 1e-6);
        g_assert_cmpfloat(fabs(h0->x - (60 + 460 + 40)), <, 1e-6);
        g_assert_cmpfloat(fabs(w0->w - 460), <, 1e-6);
        g_assert_cmpfloat(fabs(w0->y - h0->y), <, 1e-6);
        g_assert_cmpstr(text_of_box(w0), ==, "WANN?"); /* the style says uppercase */
        GPtrArray *venue = boxes_named(&r, "venue");
        g_assert_cmpstr(text_of_box(venue->pdata[0]), ==, "Office");
        g_assert_cmpfloat(((struct box *)venue->pdata[0])->y, >, h0->y);
        g_ptr_array_free(venue, TRUE);

        /* The numbered agenda: three items, in order, one under the other. */
        GPtrArray *agenda = boxes_named(&r, "item");
        g_assert_cmpuint(agenda->len, ==, 3);
        g_assert_cmpstr(text_of_box(agenda->pdata[0]), ==, "1.\u00a0Ankommen");
        g_assert_cmpstr(text_of_box(agenda->pdata[2]), ==, "3.\u00a0Pflanzen");
        for (size_t i = 1; i < 3; i++)
                g_assert_cmpfloat(((struct box *)agenda->pdata[i])->y, >, ((struct box *)agenda->pdata[i - 1])->y);

        /* Channel rows: type (160 px), name (share 1), link (share 1.5) in
         * columns; a channel without a name keeps the link in its column. */
        GPtrArray *type = boxes_named(&r, "type"), *chan = boxes_named(&r, "channel"),
                  *link = boxes_named(&r, "link");
        g_assert_cmpuint(type->len, ==, 3);
        g_assert_cmpuint(chan->len, ==, 2);
        g_assert_cmpuint(link->len, ==, 3);
        double free = 960 - 160 - 2 * 16;
        for (size_t i = 0; i < 3; i++) {
                struct box *ty = type->pdata[i], *li = link->pdata[i];
                g_assert_cmpfloat(fabs(ty->x - 60), <, 1e-6);
                g_assert_cmpfloat(fabs(ty->w - 160), <, 1e-6);
                g_assert_cmpfloat(fabs(li->x - (60 + 160 + 16 + free / 2.5 + 16)), <, 1e-6);
                g_assert_cmpfloat(fabs(li->w - free * 1.5 / 2.5), <, 1e-6);
                g_assert_cmpfloat(fabs(li->y - ty->y), <, 1e-6);
        }
        g_assert_cmpstr(text_of_box(chan->pdata[1]), ==, "#g");
        /* The link is a web address: it may break after a "/". */
        g_assert_cmpstr(text_of_box(link->pdata[0]), ==, "https://\u200bs.example/\u200bg");

        /* The grid: 3 x 2 cards, each a rule over two texts. */
        GPtrArray *card = boxes_named(&r, "card"), *names = boxes_named(&r, "card-name");
        g_assert_cmpuint(card->len, ==, 6);
        g_assert_cmpuint(names->len, ==, 6);
        double cell = (960 - 2 * 16) / 3.0;
        for (size_t i = 0; i < 6; i++) {
                struct box *c = card->pdata[i];
                g_assert_cmpfloat(fabs(c->x - (60 + (double)(i % 3) * (cell + 16))), <, 1e-6);
                g_assert_cmpfloat(fabs(c->w - cell), <, 1e-6);
                g_assert_cmpfloat(fabs(c->y - ((struct box *)card->pdata[i % 3])->y), >=, i < 3 ? 0 : 10);
        }
        /* hide_on = ["instagram"]. */
        GPtrArray *hidden = boxes_named(&r, "not-on-instagram");
        g_assert_cmpuint(hidden->len, ==, 0);
        GPtrArray *all[] = { when, where, agenda, type, chan, link, card, names, hidden };
        for (size_t i = 0; i < G_N_ELEMENTS(all); i++)
                g_ptr_array_free(all[i], TRUE);
        page_clear(&r);

        run_showcase(&r, "facebook");
        hidden = boxes_named(&r, "not-on-instagram");
        g_assert_cmpuint(hidden->len, ==, 1);
        g_ptr_array_free(hidden, TRUE);
        page_clear(&r);
}

/* A format's overrides replace keys of the element on that format only. */
static void test_format_variant(void)
{
        static const char *const kv[] = { "name", "Hi", NULL };
        const char *text = HEAD "pages = ( { family = \"square\"; size = [1000, 1000]; unit = \"px\"; elements = (\n"
                                "  { type = \"text\"; name = \"t\"; box = [0, 0, 1000, 1000]; text = \"{name}\"; size = 40;\n"
                                "    formats = { story = { size = 20; }; }; }\n"
                                "); } );\n";
        struct page_run r;
        run_page(&r, text, 1000, 1000, 0, kv);
        g_assert_cmpfloat(fabs(r.bs.b[0].size - 40), <, 1e-6);
        const struct elem *e = &r.l->pages[FAMILY_SQUARE].elems[0];
        const struct elem *v = layout_elem_for(e, "story");
        g_assert_true(v != e);
        g_assert_cmpfloat(v->size_max, ==, 20);
        g_assert_cmpstr(v->text, ==, "{name}");
        g_assert_true(layout_elem_for(e, "a6") == e);
        page_clear(&r);
}

/* ---- language: case and direction ----------------------------------------------- */

static void test_upper_by_language(void)
{
        char *tr = box_upper("dil iletişim", "tr"), *de = box_upper("dil straße", "de");
        char *az = box_upper("bir", "az-Latn"), *none = box_upper("dil", NULL);
        g_assert_cmpstr(tr, ==, "D\u0130L \u0130LET\u0130\u015e\u0130M");
        g_assert_cmpstr(de, ==, "DIL STRASSE");
        g_assert_cmpstr(az, ==, "B\u0130R");
        g_assert_cmpstr(none, ==, "DIL");
        g_free(tr);
        g_free(de);
        g_free(az);
        g_free(none);
}

static void test_direct(void)
{
        /* Left-to-right text in a left-to-right language: untouched. */
        char *plain = box_direct("#Garten #Natur, Raum 3", "de");
        g_assert_cmpstr(plain, ==, "#Garten #Natur, Raum 3");
        /* A German paragraph that opens in Arabic stays left to right. */
        char *mixed = box_direct("\u0645\u0631\u062d\u0628\u0627! Wir treffen uns.\nZweite Zeile", "de");
        g_assert_cmpstr(mixed, ==, "\u200e\u0645\u0631\u062d\u0628\u0627! Wir treffen uns.\nZweite Zeile");
        /* Each hashtag isolated; a paragraph of isolates alone has no
         * first letter, so the mark says left to right. */
        char *tags = box_direct("#\u0644\u063a\u0629 #Sprache", "en");
        g_assert_cmpstr(tags, ==, "\u200e\u2068#\u0644\u063a\u0629\u2069 \u2068#Sprache\u2069");
        /* Only Arabic letters: right to left by their own first letter, no mark. */
        char *name = box_direct("\u0646\u0627\u062f\u064a 2027", "en");
        g_assert_cmpstr(name, ==, "\u0646\u0627\u062f\u064a 2027");
        g_free(name);
        /* An Arabic community's paragraph that opens in Latin reads right to left. */
        char *ar = box_direct("Bielefeld \u0645\u0631\u062d\u0628\u0627", "ar");
        g_assert_cmpstr(ar, ==, "\u200fBielefeld \u0645\u0631\u062d\u0628\u0627");
        g_free(plain);
        g_free(mixed);
        g_free(tags);
        g_free(ar);
}

int main(int argc, char **argv)
{
        test_init(&argc, &argv);
        struct diag d;
        diag_init(&d, NULL);
        const char *const dirs[] = { "fonts", NULL };
        fonts = fonts_new(dirs, &d);
        g_assert_nonnull(fonts);
        g_assert_cmpuint(d.errors, ==, 0);
        ctx = fonts_context(fonts);

        g_test_add_func("/box/fit/largest", test_fit_largest);
        g_test_add_func("/box/forget", test_forget);
        g_test_add_func("/box/showcase", test_showcase);
        g_test_add_func("/box/format-variant", test_format_variant);
        g_test_add_func("/box/fit/max", test_fit_max);
        g_test_add_func("/box/fit/overflow", test_fit_overflow);
        g_test_add_func("/box/fit/max-lines", test_fit_max_lines);
        g_test_add_func("/box/fit/uppercase-tracking", test_fit_uppercase_tracking);
        g_test_add_func("/box/fit/remembered-boundaries", test_remembered_boundaries);
        g_test_add_func("/box/fit/remembered-sizes", test_remembered_sizes);
        g_test_add_func("/box/fit/remembered-added-hyphen", test_remembered_added_hyphen);
        g_test_add_func("/box/stack/roomy", test_stack_roomy);
        g_test_add_func("/box/stack/shrinks", test_stack_shrinks);
        g_test_add_func("/box/stack/max-lines", test_stack_max_lines);
        g_test_add_func("/box/unless", test_unless);
        g_test_add_func("/box/stack/drops-optional", test_stack_drops_optional);
        g_test_add_func("/box/stack/overflow", test_stack_overflow);
        g_test_add_func("/box/empty-text-vanishes", test_empty_text_vanishes);
        g_test_add_func("/box/edges-stretch", test_edges_stretch);
        g_test_add_func("/box/mm-page-sizes", test_mm_page_sizes);
        g_test_add_func("/box/upper-by-language", test_upper_by_language);
        g_test_add_func("/box/direct", test_direct);
        int rc = g_test_run();
        fonts_free(fonts);
        diag_clear(&d);
        return rc;
}
