/* box.c: layout page + facts -> positioned boxes with fitted text.
 *
 * Fitting text is a search for the largest size at which the text wraps
 * into its box.  Height grows monotonically with size for a given width
 * (more lines, taller lines), so a bisection between the layout's largest
 * and smallest size needs about eight Pango layouts per element, not one
 * per step of a linear scan.  A stack does the same with one shared
 * factor for all its children, so a block of labels and values shrinks
 * together and keeps its hierarchy. */
#include "box.h"
#include "i18n.h"

#include <assert.h>
#include <math.h>
#include <string.h>

#include "diag.h"
#include "expand.h"
#include "facts.h"
#include "hyphen.h"
#include "lang.h"

/* Design units -> canvas units for one page. */
struct map {
        double s, ox, oy; /* scale and offset */
        double size_k;    /* layout size value -> canvas units */
        const struct box_target *t;
        GHashTable *vars; /* placeholder -> text as Pango gets it (box_typeset) */
        const char *lang; /* the community's language, for case and direction */
        struct diag *d;   /* for a text cut at EXPAND_MAX_BYTES */
};

/* ---- line-break control -------------------------------------------------------
 *
 * Facts are plain text that says which parts read as one unit (holds) and
 * which values are web addresses; how a line may break is decided here,
 * where the text is handed to Pango, with characters Pango's line breaker
 * obeys: a no-break space for a held space, word joiners around a held
 * dash ("18:30–" / "20:00 Uhr" must not happen), and for an address a
 * zero-width space after each "/", "?" and "&" (a break there reads as
 * intended) and a word joiner after each of its hyphens (a reader would
 * take the line's end for part of the address, and type it or not).
 * Separators between the parts of a text (" · ", " – ") get a no-break
 * space before them wherever they come from (box_glue): a wrapped list
 * breaks after a separator, never before one. */

char *box_typeset(const struct fact *x)
{
        GString *r = g_string_new(NULL);
        const char *v = x->value;
        size_t h = 0;
        for (const char *p = v; *p; p = g_utf8_next_char(p)) {
                size_t at = (size_t)(p - v);
                while (h < x->n_holds && x->holds[h].start + x->holds[h].len <= at)
                        h++;
                bool held = h < x->n_holds && x->holds[h].start <= at;
                gunichar c = g_utf8_get_char(p);
                if (held && c == ' ') {
                        g_string_append(r, "\u00a0");
                } else if (held && (c == 0x2013 || c == '-')) {
                        g_string_append(r, "\u2060");
                        g_string_append_unichar(r, c);
                        g_string_append(r, "\u2060");
                } else {
                        g_string_append_len(r, p, g_utf8_next_char(p) - p);
                        if (x->url && *p == '-')
                                g_string_append(r, "\u2060");
                        else if (x->url && (*p == '/' || *p == '?' || *p == '&') && p[1] && p[1] != '/')
                                g_string_append(r, "\u200b"); /* not inside "//" */
                }
        }
        return g_string_free(r, FALSE);
}

/* ---- language: case and direction ------------------------------------------------
 *
 * Both are decided by the community's language, not the process's
 * locale: g_utf8_strup maps "i" to "İ" when plakat happens to run in a
 * Turkish locale, and to "I" for a Turkish community otherwise.  The
 * direction a paragraph is laid out in follows the bidi algorithm's
 * first strong letter, which is wrong for a German paragraph that opens
 * with an Arabic greeting: the language says which way the reader reads,
 * the letters say whether that can be so.  The marks that say it
 * (U+200E, U+200F, U+2068, U+2069) are default-ignorable: Pango draws
 * nothing for them, and text without them is left alone, so pure
 * left-to-right text is typeset exactly as before. */

/* The primary subtag of lang ("pt-BR" -> "pt") is one of codes. */
static bool code_is(const char *lang, const char *const *codes)
{
        if (!lang)
                return false;
        size_t n = strcspn(lang, "-_");
        for (size_t i = 0; codes[i]; i++)
                if (strlen(codes[i]) == n && g_ascii_strncasecmp(lang, codes[i], n) == 0)
                        return true;
        return false;
}

static bool code_turkic(const char *lang)
{
        static const char *const codes[] = { "tr", "az", "crh", NULL };
        return code_is(lang, codes);
}

static bool code_rtl(const char *lang)
{
        static const char *const codes[] = { "ar", "he", "iw", "fa", "ur", "yi", "ps", "sd", "ug", "dv",
                                             "ckb", "syr", NULL };
        return code_is(lang, codes);
}

char *box_upper(const char *text, const char *lang)
{
        /* Only "i" differs between the Turkic rule and the default one
         * (dotless "ı" is "I" in both); strup gets the runs between. */
        const char *dotted = code_turkic(lang) ? "\u0130" : "I";
        GString *r = g_string_new(NULL);
        const char *run = text;
        for (const char *p = text;; p++) {
                if (*p && *p != 'i')
                        continue;
                char *up = g_utf8_strup(run, p - run);
                g_string_append(r, up);
                g_free(up);
                if (!*p)
                        break;
                g_string_append(r, dotted);
                run = p + 1;
        }
        return g_string_free(r, FALSE);
}

enum strong { STRONG_NONE, STRONG_L, STRONG_R };

#define LRM 0x200e
#define RLM 0x200f
#define FSI 0x2068
#define PDI 0x2069

/* The bidi class of c as far as paragraph direction cares: letters and
 * spacing marks are strong, in the direction of their script. */
static enum strong strong_of(gunichar c)
{
        if (c == LRM)
                return STRONG_L;
        if (c == RLM || c == 0x061c)
                return STRONG_R;
        switch (g_unichar_type(c)) {
        case G_UNICODE_LOWERCASE_LETTER:
        case G_UNICODE_UPPERCASE_LETTER:
        case G_UNICODE_TITLECASE_LETTER:
        case G_UNICODE_MODIFIER_LETTER:
        case G_UNICODE_OTHER_LETTER:
        case G_UNICODE_SPACING_MARK:
                break;
        default:
                return STRONG_NONE;
        }
        switch (g_unichar_get_script(c)) {
        case G_UNICODE_SCRIPT_ARABIC:
        case G_UNICODE_SCRIPT_HEBREW:
        case G_UNICODE_SCRIPT_SYRIAC:
        case G_UNICODE_SCRIPT_THAANA:
        case G_UNICODE_SCRIPT_NKO:
        case G_UNICODE_SCRIPT_SAMARITAN:
        case G_UNICODE_SCRIPT_MANDAIC:
        case G_UNICODE_SCRIPT_ADLAM:
        case G_UNICODE_SCRIPT_HANIFI_ROHINGYA:
                return STRONG_R;
        default:
                return STRONG_L;
        }
}

/* The first strong letter of [p, end) outside isolates (as the bidi
 * algorithm's rule P2 looks for it), and whether one of direction want
 * occurs at all. */
static enum strong first_strong(const char *p, const char *end, enum strong want, bool *has_want)
{
        enum strong first = STRONG_NONE;
        int depth = 0;
        *has_want = false;
        for (; p < end; p = g_utf8_next_char(p)) {
                gunichar c = g_utf8_get_char(p);
                depth += c == FSI ? 1 : c == PDI && depth > 0 ? -1 : 0;
                enum strong s = strong_of(c);
                *has_want |= s == want;
                if (!first && !depth)
                        first = s;
        }
        return first;
}

static bool has_rtl(const char *text)
{
        for (const char *p = text; *p; p = g_utf8_next_char(p))
                if ((guchar)*p >= 0xc0 && strong_of(g_utf8_get_char(p)) == STRONG_R)
                        return true;
        return false;
}

/* One paragraph [p, end) into r: hashtags isolated, a mark in front when
 * its first letter would set the wrong direction. */
static void direct_paragraph(GString *r, const char *p, const char *end, enum strong want)
{
        GString *par = g_string_new(NULL);
        bool in_tag = false;
        for (const char *q = p; q < end; q = g_utf8_next_char(q)) {
                gunichar c = g_utf8_get_char(q);
                bool space = g_unichar_isspace(c) || c == 0x00a0;
                if (in_tag && space) {
                        g_string_append_unichar(par, PDI);
                        in_tag = false;
                }
                if (c == '#' && (q == p || g_unichar_isspace(g_utf8_get_char(g_utf8_prev_char(q))))) {
                        g_string_append_unichar(par, FSI);
                        in_tag = true;
                }
                g_string_append_len(par, q, g_utf8_next_char(q) - q);
        }
        if (in_tag)
                g_string_append_unichar(par, PDI);
        bool has_want;
        enum strong first = first_strong(par->str, par->str + par->len, want, &has_want);
        if (has_want && first != want)
                g_string_append_unichar(r, want == STRONG_R ? RLM : LRM);
        g_string_append_len(r, par->str, (gssize)par->len);
        g_string_free(par, TRUE);
}

char *box_direct(const char *text, const char *lang)
{
        bool rtl = code_rtl(lang);
        if (!rtl && !has_rtl(text))
                return g_strdup(text);
        enum strong want = rtl ? STRONG_R : STRONG_L;
        GString *r = g_string_new(NULL);
        const char *p = text;
        for (;;) {
                const char *end = p + strcspn(p, "\n");
                direct_paragraph(r, p, end, want);
                if (!*end)
                        break;
                g_string_append_c(r, '\n');
                p = end + 1;
        }
        return g_string_free(r, FALSE);
}

/* s with a no-break space before each separator between spaces (" · ",
 * " – ", " | ", " • "); takes s.  Caller frees. */
static char *box_glue(char *s)
{
        static const char *const seps[] = { "\u00b7 ", "\u2013 ", "\u2014 ", "| ", "\u2022 " };
        GString *r = g_string_sized_new(strlen(s) + 8);
        for (const char *p = s; *p; p++) {
                bool glue = false;
                for (size_t i = 0; *p == ' ' && i < G_N_ELEMENTS(seps) && !glue; i++)
                        glue = g_str_has_prefix(p + 1, seps[i]);
                if (glue)
                        g_string_append(r, "\u00a0");
                else
                        g_string_append_c(r, *p);
        }
        g_free(s);
        return g_string_free(r, FALSE);
}

/* Every placeholder's text for Pango; free with g_hash_table_destroy. */
static GHashTable *typeset_all(const struct facts *f)
{
        GHashTable *vars = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
        for (const char *const *n = facts_placeholders(); *n; n++) {
                const struct fact *x = facts_fact(f, *n);
                if (x)
                        g_hash_table_insert(vars, (gpointer)*n, box_typeset(x));
        }
        return vars;
}

static void map_init(struct map *m, const struct box_target *t)
{
        const struct page *pg = t->page;
        m->t = t;
        m->s = fmin(t->width / pg->width, t->height / pg->height);
        m->ox = (t->width - pg->width * m->s) / 2;
        m->oy = (t->height - pg->height * m->s) / 2;
        /* Sizes are written in pt on mm pages, in px on px pages. */
        m->size_k = pg->unit == UNIT_MM ? m->s * 25.4 / 72.0 : m->s;
}

/* The canvas rectangle of e; stretch extends edges that touch the design
 * page's edge to the canvas edge plus bleed. */
static void map_rect(const struct map *m, const struct elem *e, bool stretch,
                     double *x, double *y, double *w, double *h)
{
        const struct page *pg = m->t->page;
        double eps = pg->width * 0.002;
        double x0 = m->ox + e->x * m->s, y0 = m->oy + e->y * m->s;
        double x1 = x0 + e->w * m->s, y1 = y0 + e->h * m->s;
        if (stretch) {
                double b = m->t->bleed;
                if (e->x <= eps) x0 = -b;
                if (e->y <= eps) y0 = -b;
                if (e->x + e->w >= pg->width - eps) x1 = m->t->width + b;
                if (e->y + e->h >= pg->height - eps) y1 = m->t->height + b;
        }
        *x = x0;
        *y = y0;
        *w = x1 - x0;
        *h = y1 - y0;
}

static struct rgb colour_of(const struct box_target *t, const struct colour *c)
{
        return c->literal ? c->rgb : t->palette->c[c->role];
}

static struct box *add(struct boxes *bs, enum box_kind kind, const struct elem *e)
{
        if (bs->n == bs->cap) {
                bs->cap = bs->cap ? bs->cap * 2 : 16;
                bs->b = g_renew(struct box, bs->b, bs->cap);
        }
        struct box *b = &bs->b[bs->n++];
        memset(b, 0, sizeof *b);
        b->kind = kind;
        b->elem = e;
        return b;
}

struct box *boxes_insert(struct boxes *bs, size_t at, enum box_kind kind, const struct elem *e)
{
        assert(at <= bs->n);
        struct box b = *add(bs, kind, e);
        memmove(&bs->b[at + 1], &bs->b[at], (bs->n - 1 - at) * sizeof *bs->b);
        bs->b[at] = b;
        return &bs->b[at];
}

void boxes_clear(struct boxes *bs)
{
        for (size_t i = 0; i < bs->n; i++)
                if (bs->b[i].layout)
                        g_object_unref(bs->b[i].layout);
        g_free(bs->b);
        memset(bs, 0, sizeof *bs);
}

/* ---- text -------------------------------------------------------------------- */

/* Every text is shaped at one reference size and drawn scaled.  Without
 * hinting, glyph metrics scale linearly, so "does it fit at size s in
 * width w" is the same question as "does it fit at the reference size in
 * width w * REF / s".  One size means one scaled font per face for the
 * whole run: each fitting step only re-breaks lines, where a new size
 * would load every glyph's metrics again. */
#define REF BOX_REF_SIZE

static void set_size(PangoLayout *l, double size, double width)
{
        pango_layout_set_width(l, (int)(width * REF / size * PANGO_SCALE));
}

/* What fitting asks of a layout at one width: its logical size at the
 * reference size (Pango units), its line count, and whether Pango cut it. */
struct look {
        int w, h, lines;
        bool cut;
};

/* Pango itemizes and shapes a paragraph anew each time its width changes,
 * and shaping is most of a render (half a million instructions for a
 * three-word label with Inter's features).  What was measured is
 * therefore remembered per Pango context, for a range of widths:
 *
 * - Lines are broken greedily: each takes the longest run of words that
 *   fits.  If the lines laid out at width W are all at most m wide, then
 *   at any width in [m, W] each line still fits and the next word still
 *   does not, so the lines, and every measure, are the same.  When no
 *   paragraph wrapped at all, that holds for any width from m up.
 * - m is the widest line plus a margin, because Pango decides a break on
 *   the widths before it reshapes the broken line, and letter spacing
 *   past a line's last letter is dropped only then (seen: up to 0.03 em
 *   without letter spacing; the margin is a fifth of an em plus twice
 *   the letter spacing).  Where a break adds a hyphen, Pango also counts
 *   the hyphen at every run that ends there, though the line goes on, so
 *   the margin grows by the widest hyphen (hyphen_width).
 * - The overall width is the widest line only when the lines' offsets do
 *   not depend on the width: one line, or left-aligned left-to-right
 *   lines.  Otherwise, and for a layout Pango cut, only W itself is
 *   remembered.
 * - No margin is needed where no line wrapped and Pango's breaker
 *   compares exactly the widths read back (breaks_exactly: no letter
 *   spacing, no break that adds a hyphen): a paragraph goes on one line
 *   when the sum of its runs' widths fits, and that sum is its line's
 *   width.  So the natural width N answers every wider probe.
 * - Below N, a paragraph of two lines whose second line has no break
 *   inside (and ends in no space, which the breaker would not count)
 *   keeps its lines from the width it was measured at (or the margin's
 *   lower end) up to N: its first line can end nowhere later but at the
 *   paragraph's end, which needs N.  A name broken into "Community" and
 *   "2" is such a text, and so is a time held together ("18:30–20:00
 *   Uhr").
 *
 * Measured (callgrind, 100 A6 flyers, one worker, each its own name):
 * the name was measured 8 times per flyer, each probe of the stack's
 * shrinking near its wrap point falling between known ranges; with the
 * last two rules, twice (its widest and its smallest size), and the
 * sign-up address once.
 * Measurements per flyer 10.1 -> 3.2, lay_out 5.05 M -> 2.9 M
 * instructions; the first flyer (nothing shared) 24 -> 17.  Of a look
 * that hits, building the key (style and text printed) cost more than
 * the rest, so a layout keeps its spans while the context's serial, its
 * height and its ellipsizing stay (spans_of).  Caching a text's
 * extents for the renderer's checks was tried and dropped: Pango
 * answers again cheaply, and g_object_get_data cost more.
 *
 * An office's batch repeats its labels, venues and call to action in
 * every community, a stack refitted after a hyphenation trial repeats its
 * probes, and the probes of one fit mostly fall into a range measured
 * before.  The layout itself is always given its width (that is cheap:
 * Pango only marks it changed), so whatever draws it lays it out for
 * real.  PLAKAT_VERIFY_LOOKS=1 in the environment measures every
 * remembered answer again and aborts on a difference (the suite runs the
 * samples so).
 *
 * A layout's style key (everything new_layout set besides its width,
 * height and ellipsizing) hangs on the layout. */
#define LOOKS_MAX 1024 /* keys; forgetting all at once keeps memory flat */
#define SPANS_MAX 16   /* width ranges per key */
#define LOOKS_KEY "plakat-looks"
#define DRAWN_KEY "plakat-drawn"
#define DRAWN_MAX 128 /* laid-out layouts are kilobytes each */
#define STYLE_KEY "plakat-style"
#define MARGIN_KEY "plakat-margin" /* Pango units, set by new_layout */
#define SEEN_KEY "plakat-seen"

struct span {
        int lo, hi;   /* Pango widths that lay the text out alike */
        bool natural; /* no line wrapped: every width from lo up lays it out alike */
        bool tail;    /* two lines, the second unbreakable: alike up to the natural width */
        struct look look;
};

/* The table named name on l's context (made on first use), and l's key
 * in it (caller frees), with the width when with_width. */
static GHashTable *memo(PangoLayout *l, const char *name, GDestroyNotify free_value, bool with_width,
                        guint max, char **key)
{
        PangoContext *ctx = pango_layout_get_context(l);
        GHashTable *t = g_object_get_data(G_OBJECT(ctx), name);
        if (!t) {
                t = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, free_value);
                g_object_set_data_full(G_OBJECT(ctx), name, t, (GDestroyNotify)g_hash_table_unref);
        }
        const char *style = g_object_get_data(G_OBJECT(l), STYLE_KEY);
        g_assert(style);
        /* The context's serial: whatever changes the context (woop.c
         * updates it from a cairo context) makes every older answer old. */
        *key = g_strdup_printf("%u|%d|%d|%d|%s", pango_context_get_serial(ctx),
                               with_width ? pango_layout_get_width(l) : 0, pango_layout_get_height(l),
                               (int)pango_layout_get_ellipsize(l), style);
        if (g_hash_table_size(t) >= max)
                g_hash_table_remove_all(t);
        return t;
}

/* Whether some break in l would add a hyphen (a soft hyphen inside a
 * word): Pango counts the hyphen's width wherever a run ends at one, even
 * when the line goes on past it ("Garten\u00ad" then "\u0456", a run of
 * its own), so such a line may break earlier than the widths read back
 * say. */
static bool adds_hyphen(PangoLayout *l)
{
        int n;
        const PangoLogAttr *a = pango_layout_get_log_attrs_readonly(l, &n);
        for (int i = 1; i < n; i++)
                if ((a[i].is_line_break || i == n - 1) && a[i].break_inserts_hyphen)
                        return true;
        return false;
}

/* Whether Pango's line breaker compares exactly the widths measure_now
 * reads back for l: no letter spacing (trimmed off a line's ends only
 * after its breaks are chosen), justification, indent or tab, and no
 * break anywhere that would add a hyphen (hyphen: adds_hyphen; refusing
 * every such text is the safe side). */
static bool breaks_exactly(PangoLayout *l, bool hyphen)
{
        return !hyphen && !pango_layout_get_attributes(l) && !pango_layout_get_justify(l) &&
               !pango_layout_get_indent(l) && !strchr(pango_layout_get_text(l), '\t');
}

/* The widest hyphen l's fonts would add (Pango units; what Pango's
 * find_hyphen_width reads from a run's font): the margin must hold it
 * where adds_hyphen, or at a narrower width that still holds every line a
 * run no longer fits with its hyphen and the line breaks earlier. */
static int hyphen_width(PangoLayout *l)
{
        int widest = 0;
        for (GSList *it = pango_layout_get_lines_readonly(l); it; it = it->next)
                for (GSList *r = ((PangoLayoutLine *)it->data)->runs; r; r = r->next) {
                        PangoFont *f = ((PangoLayoutRun *)r->data)->item->analysis.font;
                        hb_font_t *hb = f ? pango_font_get_hb_font(f) : NULL;
                        hb_codepoint_t g;
                        if (hb && (hb_font_get_nominal_glyph(hb, 0x2010, &g) || hb_font_get_nominal_glyph(hb, '-', &g)))
                                widest = MAX(widest, (int)hb_font_get_glyph_h_advance(hb, g));
                }
        return widest;
}

/* Whether the text from byte index start to its end is one paragraph with
 * no break allowed inside, and ends in no space (its last letter then
 * counts in full when Pango tries the whole paragraph on one line). */
static bool unbreakable_from(PangoLayout *l, int start)
{
        const char *text = pango_layout_get_text(l);
        int n;
        const PangoLogAttr *a = pango_layout_get_log_attrs_readonly(l, &n);
        long from = g_utf8_pointer_to_offset(text, text + start);
        for (long i = from + 1; i < n - 1; i++)
                if (a[i].is_line_break || a[i].is_mandatory_break)
                        return false;
        return n >= 2 && !a[n - 2].is_white;
}

/* Measure l with Pango; *span gets the widths that measure alike. */
static struct look measure_now(PangoLayout *l, struct span *span)
{
        PangoRectangle r;
        pango_layout_get_extents(l, NULL, &r);
        struct look k = { r.width, r.height, pango_layout_get_line_count(l), pango_layout_is_ellipsized(l) };
        int width = pango_layout_get_width(l);
        *span = (struct span){ .lo = width, .hi = width, .look = k };
        if (k.cut || width < 0)
                return k;
        int widest = 0, second = -1;
        bool wrapped = false, offset_free = k.lines == 1 || pango_layout_get_alignment(l) == PANGO_ALIGN_LEFT;
        for (GSList *it = pango_layout_get_lines_readonly(l); it; it = it->next) {
                PangoLayoutLine *line = it->data;
                PangoRectangle lr;
                pango_layout_line_get_extents(line, NULL, &lr);
                widest = MAX(widest, lr.width);
                wrapped |= !line->is_paragraph_start;
                offset_free &= k.lines == 1 || line->resolved_dir == PANGO_DIRECTION_LTR;
                if (it != pango_layout_get_lines_readonly(l) && second < 0)
                        second = line->is_paragraph_start ? INT_MAX : line->start_index;
        }
        if (!offset_free)
                return k;
        bool hyphen = adds_hyphen(l), exact = breaks_exactly(l, hyphen);
        double margin = GPOINTER_TO_INT(g_object_get_data(G_OBJECT(l), MARGIN_KEY)) + (hyphen ? hyphen_width(l) : 0);
        double lo = widest + (exact && !wrapped ? 0 : margin);
        if (lo <= width) {
                span->lo = (int)ceil(lo);
                span->hi = wrapped ? width : INT_MAX;
        }
        span->natural = exact && !wrapped && lo <= width;
        span->tail = exact && k.lines == 2 && second != INT_MAX && pango_layout_get_wrap(l) == PANGO_WRAP_WORD &&
                     unbreakable_from(l, second);
        return k;
}

static bool verify_looks(void)
{
        static int on = -1;
        if (on < 0)
                on = g_strcmp0(g_getenv("PLAKAT_VERIFY_LOOKS"), "1") == 0;
        return on;
}

/* The span of spans that holds width, or NULL.  A tail span holds every
 * width from its lo up to the natural width, when that is known: below
 * it the whole paragraph does not fit one line, and its first line can
 * end nowhere later than where it ended. */
static const struct span *span_at(const GArray *spans, int width)
{
        int natural = INT_MAX;
        for (guint i = 0; i < spans->len; i++) {
                const struct span *s = &g_array_index(spans, struct span, i);
                if (width >= s->lo && width <= s->hi)
                        return s;
                if (s->natural)
                        natural = s->lo;
        }
        for (guint i = 0; i < spans->len && natural < INT_MAX; i++) {
                const struct span *s = &g_array_index(spans, struct span, i);
                if (s->tail && width >= s->lo && width < natural)
                        return s;
        }
        return NULL;
}

/* What look found for a layout last: the spans of its key, valid while
 * the context's serial, the height and the ellipsizing are the same.
 * Building the key (its text included) and hashing it cost more than a
 * fit's probes that hit; each fit asks the same layout about ten times. */

struct seen {
        guint serial;
        int height;
        PangoEllipsizeMode ellipsize;
        GArray *spans; /* a reference */
};

static void seen_free(struct seen *sn)
{
        g_array_unref(sn->spans);
        g_free(sn);
}

/* The spans remembered for l's key. */
static GArray *spans_of(PangoLayout *l)
{
        struct seen *sn = g_object_get_data(G_OBJECT(l), SEEN_KEY);
        guint serial = pango_context_get_serial(pango_layout_get_context(l));
        int height = pango_layout_get_height(l);
        PangoEllipsizeMode ellipsize = pango_layout_get_ellipsize(l);
        if (sn && sn->serial == serial && sn->height == height && sn->ellipsize == ellipsize)
                return sn->spans;
        char *key;
        GHashTable *looks = memo(l, LOOKS_KEY, (GDestroyNotify)g_array_unref, false, LOOKS_MAX, &key);
        GArray *spans = g_hash_table_lookup(looks, key);
        if (!spans) {
                spans = g_array_new(FALSE, FALSE, sizeof(struct span));
                g_hash_table_insert(looks, key, spans);
        } else {
                g_free(key);
        }
        sn = g_new(struct seen, 1);
        *sn = (struct seen){ serial, height, ellipsize, g_array_ref(spans) };
        g_object_set_data_full(G_OBJECT(l), SEEN_KEY, sn, (GDestroyNotify)seen_free);
        return spans;
}

static struct look look(PangoLayout *l)
{
        GArray *spans = spans_of(l);
        int width = pango_layout_get_width(l);
        const struct span *s = span_at(spans, width);
        if (s) {
                if (verify_looks()) {
                        struct span again;
                        struct look k = measure_now(l, &again);
                        if (k.w != s->look.w || k.h != s->look.h || k.lines != s->look.lines || k.cut != s->look.cut)
                                g_error("a remembered measure differs from Pango's at width %d "
                                        "(range %d..%d%s): %d x %d, %d lines against %d x %d, %d lines; text: %s",
                                        width, s->lo, s->hi, s->tail ? ", tail" : "", s->look.w, s->look.h,
                                        s->look.lines, k.w, k.h, k.lines, pango_layout_get_text(l));
                }
                return s->look;
        }
        struct span fresh;
        struct look k = measure_now(l, &fresh);
        if (spans->len >= SPANS_MAX)
                g_array_set_size(spans, 0);
        g_array_append_val(spans, fresh);
        return k;
}

void box_forget(PangoContext *ctx)
{
        g_object_set_data(G_OBJECT(ctx), LOOKS_KEY, NULL);
        g_object_set_data(G_OBJECT(ctx), DRAWN_KEY, NULL);
}

/* A layout that is only drawn from now on: the one laid out already for
 * the same key when there is one (a batch's labels are then laid out for
 * drawing once, not once per community).  Nothing changes a box's layout
 * after fitting, so sharing it is safe.  Takes l; returns a reference. */
static PangoLayout *drawn(PangoLayout *l)
{
        char *key;
        GHashTable *done = memo(l, DRAWN_KEY, g_object_unref, true, DRAWN_MAX, &key);
        PangoLayout *same = g_hash_table_lookup(done, key);
        if (same) {
                g_free(key);
                g_object_unref(l);
                return g_object_ref(same);
        }
        g_hash_table_insert(done, key, g_object_ref(l));
        return l;
}

/* Logical size of l drawn at size, in canvas units. */
static void extent(PangoLayout *l, double size, double *w, double *h)
{
        struct look k = look(l);
        *w = (double)k.w / PANGO_SCALE * size / REF;
        *h = (double)k.h / PANGO_SCALE * size / REF;
}

static bool layout_fits(PangoLayout *l, const struct elem *e, double size, double width, double height)
{
        double w, h;
        extent(l, size, &w, &h);
        if (w > width + 0.5)
                return false; /* a word wider than the box */
        if (e->max_lines && look(l).lines > e->max_lines)
                return false;
        return h <= height + 0.5;
}

/* wrap: PANGO_WRAP_WORD, or PANGO_WRAP_WORD_CHAR as the last resort for
 * a word that no hyphenation point makes fit (see break_words). */
static PangoLayout *new_layout(PangoContext *ctx, const struct elem *e, const char *text, double width,
                               const char *lang, PangoWrapMode wrap)
{
        PangoLayout *l = pango_layout_new(ctx);
        char *up = e->uppercase ? box_upper(text, lang) : NULL;
        pango_layout_set_text(l, up ? up : text, -1);
        /* Everything below that changes a measure (see look). */
        g_object_set_data_full(G_OBJECT(l), STYLE_KEY,
                               g_strdup_printf("%s|%d|%d|%d|%d|%.17g|%.17g|%s", e->font, e->weight, e->italic,
                                               (int)wrap, (int)e->align, e->line_height, e->tracking,
                                               up ? up : text),
                               g_free);
        g_object_set_data(G_OBJECT(l), MARGIN_KEY,
                          GINT_TO_POINTER((int)((0.2 + 2 * fabs(e->tracking) / 1000.0) * REF * PANGO_SCALE)));
        g_free(up);
        pango_layout_set_wrap(l, wrap);
        /* Each paragraph's direction from its text (box_direct put a mark
         * where the first letter alone would mislead). */
        pango_layout_set_auto_dir(l, TRUE);
        /* Pango mirrors left and right for right-to-left paragraphs, so
         * "start" is the reading start in every script. */
        pango_layout_set_alignment(l, e->align == ALIGN_CENTER ? PANGO_ALIGN_CENTER
                                      : e->align == ALIGN_END  ? PANGO_ALIGN_RIGHT
                                                               : PANGO_ALIGN_LEFT);
        if (e->line_height > 0)
                pango_layout_set_line_spacing(l, (float)e->line_height);
        PangoFontDescription *fd = pango_font_description_new();
        pango_font_description_set_family(fd, e->font);
        pango_font_description_set_weight(fd, (PangoWeight)e->weight);
        pango_font_description_set_style(fd, e->italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
        pango_font_description_set_absolute_size(fd, REF * PANGO_SCALE);
        pango_layout_set_font_description(l, fd);
        pango_font_description_free(fd);
        if (e->tracking != 0) {
                PangoAttrList *attrs = pango_attr_list_new();
                pango_attr_list_insert(attrs, pango_attr_letter_spacing_new(
                                                      (int)(e->tracking / 1000.0 * REF * PANGO_SCALE)));
                pango_layout_set_attributes(l, attrs);
                pango_attr_list_unref(attrs);
        }
        set_size(l, REF, width);
        return l;
}

static PangoLayout *fit_text(PangoContext *ctx, const struct elem *e, const char *text, const char *lang,
                             PangoWrapMode wrap, double width, double height, double min, double max,
                             double *size, bool *fits)
{
        PangoLayout *l = new_layout(ctx, e, text, width, lang, wrap);
        set_size(l, max, width);
        if (layout_fits(l, e, max, width, height)) {
                *size = max;
                *fits = true;
                return l;
        }
        set_size(l, min, width);
        if (!layout_fits(l, e, min, width, height)) {
                *size = min;
                *fits = false;
                return l;
        }
        double lo = min, hi = max;
        /* Half a percent is below what the eye tells apart. */
        while (hi - lo > fmax(0.005 * hi, 0.1)) {
                double mid = (lo + hi) / 2;
                set_size(l, mid, width);
                if (layout_fits(l, e, mid, width, height))
                        lo = mid;
                else
                        hi = mid;
        }
        set_size(l, lo, width);
        *size = lo;
        *fits = true;
        return l;
}

PangoLayout *box_fit_text(PangoContext *ctx, const struct elem *e, const char *text,
                          double width, double height, double min, double max,
                          double *size, bool *fits)
{
        return fit_text(ctx, e, text, NULL, PANGO_WRAP_WORD, width, height, min, max, size, fits);
}

/* Whether a line of l starts where no line break is allowed: a word was
 * broken by PANGO_WRAP_WORD_CHAR (a soft hyphen's break is allowed). */
static bool broken_in_word(PangoLayout *l)
{
        const char *text = pango_layout_get_text(l);
        int n;
        const PangoLogAttr *a = pango_layout_get_log_attrs_readonly(l, &n);
        GSList *lines = pango_layout_get_lines_readonly(l);
        for (GSList *it = lines ? lines->next : NULL; it; it = it->next) {
                const PangoLayoutLine *ln = it->data;
                long off = g_utf8_pointer_to_offset(text, text + ln->start_index);
                if (off > 0 && off < n && !a[off].is_line_break && text[ln->start_index - 1] != '\n')
                        return true;
        }
        return false;
}

/* Cut a layout that does not fit to the box with an ellipsis. */
static void ellipsize(PangoLayout *l, const struct elem *e, double size, double height)
{
        pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
        if (e->max_lines)
                pango_layout_set_height(l, -e->max_lines);
        else
                pango_layout_set_height(l, (int)(height * REF / size * PANGO_SCALE));
}

static double layout_height(PangoLayout *l, double size)
{
        double w, h;
        extent(l, size, &w, &h);
        return h;
}

/* The element's text, or NULL when it is left out (empty, or a needed
 * placeholder is empty).  Caller frees. */
static char *text_of(const struct map *m, const struct elem *e)
{
        const struct box_target *t = m->t;
        for (size_t i = 0; e->needs && e->needs[i]; i++)
                if (!facts_get(t->facts, e->needs[i]))
                        return NULL;
        for (size_t i = 0; e->unless && e->unless[i]; i++)
                if (facts_get(t->facts, e->unless[i]))
                        return NULL;
        if (e->kind == ELEM_IMAGE) {
                const char *p = strcmp(e->source, "logo") == 0 ? t->logo : t->photo;
                return p ? g_strdup(p) : NULL;
        }
        if (e->kind != ELEM_TEXT)
                return g_strdup("");
        bool cut = false;
        char *s = box_glue(expand(e->text, m->vars, &cut));
        if (cut)
                diag_warn(m->d, t->file, 0, NULL,
                          "%s: text \"%s\" is longer than %d bytes with its placeholders filled in; cut there",
                          t->who, e->name, EXPAND_MAX_BYTES);
        if (!*s) {
                g_free(s);
                return NULL;
        }
        char *d = box_direct(s, m->lang);
        g_free(s);
        return d;
}

/* Hyphenation is a last resort: a headline broken "Garden-ing" when it
 * could have wrapped whole words at a slightly smaller size looks wrong.
 * So text is fitted as written first.  Hyphens are tried only when it
 * does not fit at all, or when one long word is what holds its size down
 * (the word fills the width: "Nachbarschaftshilfegemeinschaft" on an A6
 * flyer), and kept only when they clearly help.  A second reason:
 * libhyphen needs over two seconds to load Debian's German patterns, which
 * a render should pay only when breaking a word can actually help. */
#define HYPHEN_GAIN 0.1 /* how much larger (of the size) hyphens must make it */

/* The width at the reference size of the longest run of letters in text
 * when it has 13 or more ("Stadtentwicklung"), else 0: shorter words wrap
 * whole at little cost. */
static double long_word_width(PangoContext *ctx, const struct elem *e, const char *text, const char *lang)
{
        const char *best = NULL, *start = NULL;
        long best_n = 0, n = 0;
        for (const char *p = text;; p = g_utf8_next_char(p)) {
                if (*p && g_unichar_isalpha(g_utf8_get_char(p))) {
                        if (!n++)
                                start = p;
                        continue;
                }
                if (n > best_n) {
                        best_n = n;
                        best = start;
                }
                n = 0;
                if (!*p)
                        break;
        }
        if (best_n < 13)
                return 0;
        char *word = g_strndup(best, (gsize)(g_utf8_offset_to_pointer(best, best_n) - best));
        PangoLayout *l = new_layout(ctx, e, word, 1e6, lang, PANGO_WRAP_WORD);
        double w, h;
        extent(l, REF, &w, &h);
        g_object_unref(l);
        g_free(word);
        return w;
}

/* Is text at size held down by its longest word filling the width? */
static bool word_limited(PangoContext *ctx, const struct elem *e, const char *text, const char *lang,
                         double size, double width)
{
        double w = long_word_width(ctx, e, text, lang);
        return w > 0 && w * size / REF >= 0.9 * width;
}

/* text with soft hyphens (at the joints of compounds only, with joints),
 * or NULL when that changes nothing or e must not be hyphenated. */
static char *hyphenated(const struct box_target *t, const struct elem *e, const char *text, bool joints)
{
        if (!e->hyphenate || !t->hyphenate_words)
                return NULL;
        const char *lang = lang_code(facts_lang(t->facts));
        char *h = joints ? hyphen_joints(text, lang) : hyphen_text(text, lang);
        if (strcmp(h, text) == 0) {
                g_free(h);
                return NULL;
        }
        return h;
}

/* Say exactly what fitting did to a text that did not fit as written
 * (b's layout, in a box of height h): a word broken where no hyphen
 * could go, lines cut with "…", or, when Pango cut nothing, text that
 * runs past its box.  Each warning is true of what is drawn: a cut is
 * read back from the layout, not assumed (check_boxes checks the flags
 * again).  Returns false when the element asks for an error. */
static bool tell_fit(const struct box_target *t, struct box *b, double h, struct diag *d)
{
        const struct elem *e = b->elem;
        double size = t->screen ? b->size : b->size / t->pt;
        const char *unit = t->screen ? "px" : "pt";
        double lw, lh;
        extent(b->layout, b->size, &lw, &lh);
        b->shortened = pango_layout_is_ellipsized(b->layout);
        b->broken = broken_in_word(b->layout);
        bool over = !b->shortened && (lh > h + 0.5 || lw > b->w + 0.5);
        if (b->broken)
                diag_warn(d, t->file, 0, NULL, "%s: %s: a word is too long for its box even at %.0f %s; "
                          "broken where no hyphen can go", t->who, e->name, size, unit);
        if (!b->shortened && !over)
                return true;
        if (e->overflow == OVERFLOW_ERROR && e->text && strstr(e->text, "{signup.")) {
                /* A printed address cut with "…" cannot be typed: refuse,
                 * and say where a shorter one goes. */
                bool is_short;
                int line = facts_signup_line(t->facts, &is_short);
                diag_error(d, t->file, line, is_short ? "signup.short" : "signup.url",
                           is_short ? "%s: %s: the printed address does not fit even at %.0f %s; make signup.short shorter"
                                    : _("%s: %s: the printed address does not fit even at %.0f %s; add a shorter one to print as signup.short"),
                           t->who, e->name, size, unit);
                return false;
        }
        if (e->overflow == OVERFLOW_ERROR) {
                diag_error(d, t->file, 0, NULL, "%s: %s: text does not fit its box even at %.0f %s",
                           t->who, e->name, size, unit);
                return false;
        }
        if (b->shortened)
                diag_warn(d, t->file, 0, NULL, "%s: %s: text does not fit its box even at %.0f %s; shortened with \"…\"",
                          t->who, e->name, size, unit);
        else
                diag_warn(d, t->file, 0, NULL, "%s: %s: text does not fit its box even at %.0f %s; it runs past the box",
                          t->who, e->name, size, unit);
        return true;
}

/* ---- containers ------------------------------------------------------------------
 *
 * A stack, row, grid or list placed on the page is flattened into a tree of
 * nodes in document order (a node's subtree follows it; `end` is the index
 * after it).  Lists and grids are expanded here: a list into a column of
 * rows, one per item, a grid into rows of cells that each repeat the
 * grid's children.  Every text in the tree shares one size factor k, so a
 * block of labels and values shrinks together and keeps its hierarchy.
 * Work is linear in the nodes, and the nodes are bounded (NODES_MAX). */

#define NODES_MAX 512
#define ROW_MAX (LAYOUT_CHILDREN_MAX > LAYOUT_CELLS_MAX ? LAYOUT_CHILDREN_MAX : LAYOUT_CELLS_MAX)

enum node_dir { NODE_LEAF, NODE_COLUMN, NODE_ROW };

struct node {
        const struct elem *e;
        enum node_dir dir;
        size_t end;  /* index after this node's subtree */
        char *text;  /* a text's text; NULL for other leaves and containers */
        bool given;  /* has content */
        bool on;     /* given, and not dropped for space */
        PangoLayout *layout;
        double size, w, h;
        double measured; /* the size layout was last measured at; 0: never */
        double measured_width;
        double width;    /* the width it was given last */
        bool charwrap;   /* may break words anywhere (break_words) */
        double gap;      /* containers: canvas units between children */
        enum align valign;
        bool optional;   /* an element's own node (not one a list or grid made) */
};

struct tree {
        const struct map *m;
        GArray *nodes; /* struct node */
        bool full;     /* NODES_MAX reached */
};

static struct node *node_at(struct tree *tr, size_t i)
{
        return &g_array_index(tr->nodes, struct node, i);
}

static size_t node_add(struct tree *tr, const struct elem *e, enum node_dir dir, double gap)
{
        struct node n = { .e = e, .dir = dir, .gap = gap * tr->m->s, .valign = e->valign };
        g_array_append_val(tr->nodes, n);
        return tr->nodes->len - 1;
}

static void build(struct tree *tr, const struct elem *e);

/* The item fields of a list as placeholders ({item}, {item.url}, {n}),
 * set in the map's table while the item's children are built. */
static const char *const item_keys[] = { "item", "item.type", "item.name", "item.url", "item.room",
                                         "item.address", "item.note" };

static void set_item(struct tree *tr, const char *list, size_t i)
{
        GHashTable *vars = tr->m->vars;
        const char *const *fields = facts_item_fields();
        for (size_t f = 0; fields[f] && f < G_N_ELEMENTS(item_keys); f++) {
                const char *v = facts_item(tr->m->t->facts, list, i, fields[f]);
                if (!v) {
                        g_hash_table_remove(vars, item_keys[f]);
                        continue;
                }
                struct fact x = { .value = (char *)v, .url = strcmp(fields[f], "url") == 0 };
                g_hash_table_replace(vars, (gpointer)item_keys[f], box_typeset(&x));
        }
        g_hash_table_replace(vars, (gpointer)"n", g_strdup_printf("%zu", i + 1));
}

static void clear_item(struct tree *tr)
{
        for (size_t f = 0; f < G_N_ELEMENTS(item_keys); f++)
                g_hash_table_remove(tr->m->vars, item_keys[f]);
        g_hash_table_remove(tr->m->vars, "n");
}

static const char *marker_text(enum marker mk, size_t i, char buf[16])
{
        switch (mk) {
        case MARKER_BULLET: return "•\u00a0";
        case MARKER_DASH: return "–\u00a0";
        case MARKER_NUMBER: g_snprintf(buf, 16, "%zu.\u00a0", i + 1); return buf;
        case MARKER_NONE: break;
        }
        return "";
}

/* The children of e, each in its variant for the format. */
static void build_children(struct tree *tr, const struct elem *e)
{
        for (size_t i = 0; i < e->n_children; i++) {
                const struct elem *c = layout_elem_for(&e->children[i], tr->m->t->format);
                if (c)
                        build(tr, c);
        }
}

/* A container is given when any child is. */
static void close_node(struct tree *tr, size_t at)
{
        struct node *n = node_at(tr, at);
        n->end = tr->nodes->len;
        bool any = false;
        for (size_t j = at + 1; j < n->end && !any; j = node_at(tr, j)->end)
                any = node_at(tr, j)->given;
        n = node_at(tr, at);
        n->given = n->on = n->given && any;
}

static void build(struct tree *tr, const struct elem *e)
{
        if (tr->nodes->len >= NODES_MAX) {
                tr->full = true;
                return;
        }
        char *s = text_of(tr->m, e);
        bool given = s != NULL;
        if (e->kind == ELEM_TEXT || e->kind == ELEM_RECT || e->kind == ELEM_IMAGE || e->kind == ELEM_QR) {
                size_t at = node_add(tr, e, NODE_LEAF, 0);
                struct node *n = node_at(tr, at);
                n->given = n->on = given;
                n->optional = e->optional;
                n->end = at + 1;
                if (s && e->kind == ELEM_TEXT) {
                        n->text = s;
                } else {
                        g_free(s);
                }
                return;
        }
        g_free(s);
        size_t at = node_add(tr, e, e->kind == ELEM_ROW ? NODE_ROW : NODE_COLUMN, e->gap);
        node_at(tr, at)->given = given;
        node_at(tr, at)->optional = e->optional;
        if (e->kind == ELEM_STACK || e->kind == ELEM_ROW) {
                build_children(tr, e);
        } else if (e->kind == ELEM_GRID) {
                for (int r = 0; r < e->rows; r++) {
                        size_t row = node_add(tr, e, NODE_ROW, e->gap);
                        node_at(tr, row)->given = true;
                        for (int c = 0; c < e->columns; c++) {
                                size_t cell = node_add(tr, e, NODE_COLUMN, 0);
                                node_at(tr, cell)->given = true;
                                node_at(tr, cell)->valign = ALIGN_START;
                                build_children(tr, e);
                                close_node(tr, cell);
                        }
                        close_node(tr, row);
                }
        } else {
                size_t n = facts_list_len(tr->m->t->facts, e->items);
                for (size_t i = 0; i < n && i < (size_t)e->max_items; i++) {
                        size_t row = node_add(tr, e, NODE_ROW, e->gap);
                        node_at(tr, row)->given = true;
                        node_at(tr, row)->valign = ALIGN_START;
                        set_item(tr, e->items, i);
                        size_t first = tr->nodes->len;
                        build_children(tr, e);
                        clear_item(tr);
                        /* The marker goes before the item's first text. */
                        char buf[16];
                        const char *mk = marker_text(e->marker, i, buf);
                        for (size_t j = first; *mk && j < tr->nodes->len; j++) {
                                struct node *c = node_at(tr, j);
                                if (c->text) {
                                        char *t = g_strconcat(mk, c->text, NULL);
                                        g_free(c->text);
                                        c->text = t;
                                        break;
                                }
                        }
                        close_node(tr, row);
                }
        }
        close_node(tr, at);
}

/* The width of each child of row node i at width, indexed by child
 * order: a fixed width, else a share of the rest.  An empty child keeps
 * its width, so the fields of a list's items stand in columns. */
static void row_widths(struct tree *tr, size_t i, double width, double *widths)
{
        const struct map *m = tr->m;
        struct node *n = node_at(tr, i);
        double fixed = 0, shares = 0;
        size_t on = 0; /* children */
        for (size_t j = i + 1; j < n->end; j = node_at(tr, j)->end) {
                struct node *c = node_at(tr, j);
                on++;
                if (c->e->w > 0 && c->e != n->e)
                        fixed += c->e->w * m->s;
                else
                        shares += c->e == n->e || c->e->weight_share <= 0 ? 1 : c->e->weight_share;
        }
        double free = fmax(0, width - fixed - (on ? (double)(on - 1) * n->gap : 0));
        size_t k = 0;
        for (size_t j = i + 1; j < n->end; j = node_at(tr, j)->end, k++) {
                struct node *c = node_at(tr, j);
                double share = c->e == n->e || c->e->weight_share <= 0 ? 1 : c->e->weight_share;
                widths[k] = c->e->w > 0 && c->e != n->e ? c->e->w * m->s : free * share / shares;
        }
}

/* Lay out node i at width and size factor k (0 = smallest sizes, 1 =
 * largest), setting its h; adds its height to *total, plus 1e9 for each
 * text that does not fit its width or its max_lines (in the order the
 * flat stack always added them, so its sizes come out bit for bit). */
static void measure(struct tree *tr, size_t i, double width, double k, double *total)
{
        const struct map *m = tr->m;
        struct node *c = node_at(tr, i);
        c->width = width;
        if (c->dir == NODE_LEAF) {
                if (!c->text) {
                        c->h = c->e->h * m->s;
                        *total += c->h;
                        return;
                }
                double lo = c->e->size_min * m->size_k, hi = c->e->size_max * m->size_k;
                c->size = lo + k * (hi - lo);
                if (!c->layout) {
                        c->layout = new_layout(m->t->pango, c->e, c->text, width, m->lang,
                                               c->charwrap ? PANGO_WRAP_WORD_CHAR : PANGO_WRAP_WORD);
                        if (c->e->max_lines) {
                                pango_layout_set_ellipsize(c->layout, PANGO_ELLIPSIZE_END);
                                pango_layout_set_height(c->layout, -c->e->max_lines);
                        }
                }
                /* Labels have one size: lay them out once per width. */
                if (c->size != c->measured || width != c->measured_width) {
                        set_size(c->layout, c->size, width);
                        extent(c->layout, c->size, &c->w, &c->h);
                        c->measured = c->size;
                        c->measured_width = width;
                }
                /* A word wider than the column, or more lines than
                 * max_lines allows (Pango cut them), count as too big. */
                if (c->w > width + 0.5 || look(c->layout).cut)
                        *total += 1e9;
                *total += c->h;
                return;
        }
        double plain = 0;
        if (c->dir == NODE_COLUMN) {
                bool first = true;
                for (size_t j = i + 1; j < c->end; j = node_at(tr, j)->end) {
                        struct node *ch = node_at(tr, j);
                        if (!ch->on)
                                continue;
                        if (!first) {
                                *total += c->gap;
                                plain += c->gap;
                        }
                        *total += ch->e->space_before * m->s;
                        plain += ch->e->space_before * m->s;
                        first = false;
                        measure(tr, j, width, k, total);
                        plain += node_at(tr, j)->h;
                }
        } else {
                double widths[ROW_MAX], penalty = 0;
                row_widths(tr, i, width, widths);
                size_t q = 0;
                for (size_t j = i + 1; j < c->end; j = node_at(tr, j)->end, q++) {
                        if (!node_at(tr, j)->on)
                                continue;
                        double t = 0;
                        measure(tr, j, widths[q], k, &t);
                        penalty += t - node_at(tr, j)->h;
                        plain = fmax(plain, node_at(tr, j)->h);
                }
                *total += penalty + plain;
        }
        node_at(tr, i)->h = plain;
}

static double tree_height(struct tree *tr, double width, double k)
{
        double total = 0;
        measure(tr, 0, width, k, &total);
        return total;
}

/* Give a text node new text (taking it; the old text is the caller's);
 * its layout is made anew. */
static void set_text(struct node *c, char *text)
{
        c->text = text;
        if (c->layout)
                g_object_unref(c->layout);
        c->layout = NULL;
        c->measured = 0;
}

/* The largest factor k in [0, 1) at which the tree fits into height h,
 * knowing the heights h0 at k = 0 (fits) and h1 at k = 1 (does not).
 * Height grows with k almost linearly between line breaks, so guessing by
 * interpolation (regula falsi, Illinois variant so that one end cannot
 * stall) gets there in a few layouts where bisection needs seven. */
static double shrink(struct tree *tr, double w, double h, double h0, double h1)
{
        double lo = 0, hi = 1, flo = h0 - h, fhi = h1 - h;
        int side = 0;
        for (int i = 0; i < 12 && hi - lo > 0.01; i++) {
                /* A word too wide for the column counts as a huge height:
                 * no line to interpolate on, so halve the bracket then. */
                double k = fhi > 1e8 ? (lo + hi) / 2 : lo + (hi - lo) * (-flo) / (fhi - flo);
                /* Stay strictly inside, and at least 1 % from either end. */
                k = fmin(fmax(k, lo + 0.005), hi - 0.005);
                double f = tree_height(tr, w, k) - h;
                if (f <= 0.5) {
                        lo = k;
                        flo = f;
                        if (side == -1)
                                fhi /= 2;
                        side = -1;
                } else {
                        hi = k;
                        fhi = f;
                        if (side == 1)
                                flo /= 2;
                        side = 1;
                }
        }
        return lo;
}

/* Leave out the first n of the optional nodes drop[0..len) and keep the rest. */
static void drop_first(struct tree *tr, const size_t *drop, size_t len, size_t n)
{
        for (size_t i = 0; i < len; i++)
                node_at(tr, drop[i])->on = i >= n;
}

/* Largest sizes first; else shrink all texts together; else drop
 * optional elements from the last one up, as few as let the smallest
 * sizes fit.  Returns the size factor; *fits is false when even the
 * smallest sizes of what is left overflow (everything optional is then
 * left out).
 *
 * Leaving out more never makes the tree taller, so the fewest drops that
 * fit are found by halving: log n layouts of the tree, not n (dropping one
 * at a time took a minute for a stack of 400 optional texts). */
static double tree_fit(struct tree *tr, double w, double h, bool *fits)
{
        double h1 = tree_height(tr, w, 1);
        if (h1 <= h + 0.5) {
                *fits = true;
                return 1;
        }
        double h0 = tree_height(tr, w, 0);
        if (h0 > h + 0.5) {
                size_t *drop = g_new(size_t, tr->nodes->len);
                size_t len = 0;
                for (size_t i = tr->nodes->len; i-- > 1;)
                        if (node_at(tr, i)->on && node_at(tr, i)->optional)
                                drop[len++] = i;
                drop_first(tr, drop, len, len);
                if (!len || tree_height(tr, w, 0) > h + 0.5) {
                        g_free(drop);
                        *fits = false;
                        return 0;
                }
                size_t lo = 0, hi = len; /* lo drops overflow, hi drops fit */
                while (hi - lo > 1) {
                        size_t mid = lo + (hi - lo) / 2;
                        drop_first(tr, drop, len, mid);
                        if (tree_height(tr, w, 0) <= h + 0.5)
                                hi = mid;
                        else
                                lo = mid;
                }
                drop_first(tr, drop, len, hi);
                g_free(drop);
                h1 = tree_height(tr, w, 1);
                if (h1 <= h + 0.5) {
                        *fits = true;
                        return 1;
                }
                h0 = tree_height(tr, w, 0);
        }
        *fits = true;
        return shrink(tr, w, h, h0, h1);
}

static void tree_reset(struct tree *tr)
{
        for (size_t i = 0; i < tr->nodes->len; i++)
                node_at(tr, i)->on = node_at(tr, i)->given;
}

/* Everything in node i's subtree and after it up to end is left out. */
static void off_from(struct tree *tr, size_t i, size_t end)
{
        for (size_t j = i; j < end; j++)
                node_at(tr, j)->on = false;
}

struct placing {
        struct tree *tr;
        struct boxes *out;
        struct diag *d;
        const struct elem *root;
        double bottom; /* canvas y the root's box ends at */
        bool good;
};

/* A box for leaf c at (x, y), width w: texts cut when they overflow
 * what is left below them (room). */
static void place_leaf(struct placing *pl, struct node *c, double x, double y, double w, double room)
{
        const struct map *m = pl->tr->m;
        const struct box_target *t = m->t;
        bool cut = c->text && (look(c->layout).cut || c->w > w + 0.5 || c->h > room + 0.5);
        if (cut) {
                /* More lines than max_lines, or more than the room left,
                 * even at the smallest size: cut (tell_fit says so). */
                ellipsize(c->layout, c->e, c->size, room);
                c->h = layout_height(c->layout, c->size);
        }
        struct box *b = add(pl->out, c->e->kind == ELEM_TEXT ? BOX_TEXT
                                     : c->e->kind == ELEM_QR  ? BOX_QR
                                     : c->e->kind == ELEM_IMAGE ? BOX_IMAGE
                                                                : BOX_RECT,
                            c->e);
        b->x = x;
        b->y = y;
        b->w = w;
        b->h = c->h;
        b->radius = c->e->radius * m->s;
        if (c->text) {
                b->layout = cut ? c->layout : drawn(c->layout);
                c->layout = NULL;
                b->size = c->size;
                b->colour = colour_of(t, &c->e->colour);
                if (cut || c->charwrap)
                        pl->good &= tell_fit(t, b, room, pl->d);
        } else if (c->e->kind == ELEM_QR) {
                b->colour = colour_of(t, &c->e->fill);
                b->light = colour_of(t, &c->e->light);
                b->w = b->h; /* square, at the column's start edge */
        } else if (c->e->kind == ELEM_IMAGE) {
                b->image = strcmp(c->e->source, "logo") == 0 ? t->logo : t->photo;
        } else {
                b->colour = colour_of(t, &c->e->fill);
        }
}

static void place(struct placing *pl, size_t i, double x, double y, double w);

/* The children of column node i from y down; false when the root's box
 * ran out (the rest is left out). */
static bool place_column(struct placing *pl, size_t i, double x, double cy, double w)
{
        struct tree *tr = pl->tr;
        const struct map *m = tr->m;
        struct node *n = node_at(tr, i);
        size_t end = n->end;
        double gap = n->gap;
        bool first = true;
        for (size_t j = i + 1; j < end; j = node_at(tr, j)->end) {
                struct node *c = node_at(tr, j);
                if (!c->on)
                        continue;
                if (!first)
                        cy += gap;
                first = false;
                cy += c->e->space_before * m->s;
                double room = pl->bottom - cy;
                if (c->h > room + 0.5 && (!c->text || room < c->size)) {
                        /* The box overflows here: leave out the rest, saying so. */
                        diag_warn(pl->d, m->t->file, 0, NULL, "%s: %s: no room left in %s; left out",
                                  m->t->who, c->e->name, pl->root->name);
                        off_from(tr, j, tr->nodes->len);
                        return false;
                }
                if (c->dir == NODE_LEAF)
                        place_leaf(pl, c, x, cy, w, room);
                else
                        place(pl, j, x, cy, w);
                cy += node_at(tr, j)->h;
        }
        return true;
}

static void place(struct placing *pl, size_t i, double x, double y, double w)
{
        struct tree *tr = pl->tr;
        struct node *n = node_at(tr, i);
        if (n->dir == NODE_COLUMN) {
                place_column(pl, i, x, y, w);
                return;
        }
        double widths[ROW_MAX];
        row_widths(tr, i, w, widths);
        double rowh = n->h, gap = n->gap;
        enum align va = n->valign;
        size_t q = 0;
        for (size_t j = i + 1; j < node_at(tr, i)->end; j = node_at(tr, j)->end, q++) {
                struct node *c = node_at(tr, j);
                double cx = x;
                x += widths[q] + gap;
                if (!c->on)
                        continue;
                double cy = y + (rowh - c->h) * (va == ALIGN_CENTER ? 0.5 : va == ALIGN_END ? 1.0 : 0.0);
                if (c->dir == NODE_LEAF)
                        place_leaf(pl, c, cx, cy, widths[q], pl->bottom - cy);
                else
                        place(pl, j, cx, cy, widths[q]);
        }
}

/* The last resort for a word that no hyphen makes fit its column even at
 * the smallest size: its text may break anywhere (Pango's
 * WRAP_WORD_CHAR still breaks between words where it can, and inside a
 * word only where it must), so that it never runs out of its column over
 * its neighbours; tell_fit warns.  Fits the tree again from the start and
 * returns its size factor. */
static double break_words(struct tree *tr, double w, double h, bool *fits)
{
        tree_reset(tr);
        tree_height(tr, w, 0);
        for (size_t i = 0; i < tr->nodes->len; i++) {
                struct node *c = node_at(tr, i);
                if (!c->on || !c->text || c->charwrap || c->w <= c->width + 0.5)
                        continue;
                c->charwrap = true;
                g_object_unref(c->layout);
                c->layout = NULL;
                c->measured = 0;
        }
        tree_reset(tr);
        return tree_fit(tr, w, h, fits);
}

static bool do_stack(const struct map *m, const struct elem *st, struct boxes *out, struct diag *d)
{
        const struct box_target *t = m->t;
        double x, y, w, h;
        map_rect(m, st, false, &x, &y, &w, &h);
        struct tree tr = { m, g_array_new(FALSE, TRUE, sizeof(struct node)), false };
        build(&tr, st);
        if (tr.full)
                diag_warn(d, t->file, 0, NULL, "%s: %s: more than %d boxes; the rest is left out", t->who,
                          st->name, NODES_MAX);
        size_t n = tr.nodes->len;
        bool good = true;
        if (!node_at(&tr, 0)->on)
                goto out;

        bool fits;
        double k = tree_fit(&tr, w, h, &fits);
        bool limited = false;
        /* Only where hyphens could win HYPHEN_GAIN: a stack near its
         * largest sizes has nothing to gain (and the German patterns cost
         * a cache read). */
        for (size_t i = 0; fits && k + HYPHEN_GAIN < 1 && i < n && !limited; i++) {
                struct node *c = node_at(&tr, i);
                limited = c->on && c->text && c->e->hyphenate &&
                          word_limited(t->pango, c->e, c->text, m->lang, c->size, c->width);
        }
        /* Words too long for the column: let the texts that permit it
         * break inside words, with every child back, and keep that only
         * when it is clearly better.  Joints of compounds first; every
         * syllable only when joints are not enough, from the text as
         * written (a text with soft hyphens is left alone, so joints kept
         * for break_words would keep out the syllables). */
        char **written = g_new0(char *, n);
        for (size_t i = 0; i < n; i++)
                written[i] = g_strdup(node_at(&tr, i)->text);
        for (int joints = 1; joints >= 0 && (!fits || limited); joints--) {
                char **plain = g_new0(char *, n);
                bool changed = false;
                for (size_t i = 0; i < n; i++) {
                        struct node *c = node_at(&tr, i);
                        char *hy = written[i] ? hyphenated(t, c->e, written[i], joints) : NULL;
                        if (!hy)
                                continue;
                        plain[i] = c->text;
                        set_text(c, hy);
                        changed = true;
                }
                if (changed) {
                        tree_reset(&tr);
                        bool fits2;
                        double k2 = tree_fit(&tr, w, h, &fits2);
                        /* Neither fitting: keep the hyphens, so that
                                 * break_words breaks at them first. */
                        if ((fits2 && (!fits || k2 > k + HYPHEN_GAIN)) || (!fits && !fits2)) {
                                k = k2;
                                fits = fits2;
                                limited = false;
                                for (size_t i = 0; i < n; i++)
                                        g_free(plain[i]);
                        } else {
                                for (size_t i = 0; i < n; i++) {
                                        struct node *c = node_at(&tr, i);
                                        if (plain[i]) {
                                                g_free(c->text);
                                                set_text(c, plain[i]);
                                        }
                                }
                                tree_reset(&tr);
                                k = tree_fit(&tr, w, h, &fits);
                        }
                }
                g_free(plain);
        }
        for (size_t i = 0; i < n; i++)
                g_free(written[i]);
        g_free(written);
        if (!fits)
                k = break_words(&tr, w, h, &fits);
        tree_height(&tr, w, k);
        /* The height the children take (measuring adds a penalty for
         * words or lines that do not fit, which is no height to place by). */
        struct node *root = node_at(&tr, 0);
        double total = root->h;
        if (root->dir == NODE_COLUMN) {
                total = 0;
                bool any = false;
                for (size_t i = 1; i < n; i = node_at(&tr, i)->end)
                        if (node_at(&tr, i)->on) {
                                total += (any ? root->gap : 0) + node_at(&tr, i)->e->space_before * m->s +
                                         node_at(&tr, i)->h;
                                any = true;
                        }
        }
        double cy = y;
        if (total <= h)
                cy += (h - total) * (st->valign == ALIGN_CENTER ? 0.5 : st->valign == ALIGN_END ? 1.0 : 0.0);
        struct placing pl = { &tr, out, d, st, y + h, true };
        place(&pl, 0, x, cy, w);
        good = pl.good;
out:
        for (size_t i = 0; i < n; i++) {
                g_free(node_at(&tr, i)->text);
                if (node_at(&tr, i)->layout)
                        g_object_unref(node_at(&tr, i)->layout);
        }
        g_array_free(tr.nodes, TRUE);
        return good;
}

/* A text element on its own: fitted as written; with hyphens when those
 * help (see HYPHEN_GAIN); as the last resort with words broken anywhere,
 * and cut with "…" when even that does not fit. */
static bool single_text(const struct map *m, const struct elem *e, const char *text, double x, double y,
                        double w, double h, struct boxes *out, struct diag *d)
{
        const struct box_target *t = m->t;
        double size, lo = e->size_min * m->size_k, hi = e->size_max * m->size_k;
        bool fits;
        PangoLayout *l = fit_text(t->pango, e, text, m->lang, PANGO_WRAP_WORD, w, h, lo, hi, &size, &fits);
        bool limited = fits && size * (1 + HYPHEN_GAIN) < hi && e->hyphenate &&
                       word_limited(t->pango, e, text, m->lang, size, w);
        /* Joints of compounds first, then every syllable; the last
         * hyphenation tried is kept for the last resort below. */
        char *hy = NULL;
        for (int joints = 1; joints >= 0 && (!fits || limited); joints--) {
                char *h2 = hyphenated(t, e, text, joints);
                if (!h2)
                        continue;
                double size2;
                bool fits2;
                PangoLayout *l2 = fit_text(t->pango, e, h2, m->lang, PANGO_WRAP_WORD, w, h, lo, hi, &size2, &fits2);
                if (fits2 && (!fits || size2 > size * (1 + HYPHEN_GAIN))) {
                        g_object_unref(l);
                        l = l2;
                        size = size2;
                        fits = fits2;
                        limited = false;
                } else {
                        g_object_unref(l2);
                }
                g_free(hy);
                hy = h2;
        }
        bool charwrap = false;
        if (!fits) {
                /* Where a word is wider than the box, WRAP_WORD_CHAR
                 * breaks it (at its hyphenation points first); elsewhere
                 * it breaks as WRAP_WORD did, so nothing else changes. */
                g_object_unref(l);
                l = fit_text(t->pango, e, hy ? hy : text, m->lang, PANGO_WRAP_WORD_CHAR, w, h, lo, hi, &size, &fits);
                charwrap = true;
        }
        g_free(hy);
        if (!fits)
                ellipsize(l, e, size, h);
        double lh = layout_height(l, size);
        struct box *b = add(out, BOX_TEXT, e);
        b->x = x, b->w = w, b->h = fmin(lh, h);
        b->y = y + (lh < h ? (h - lh) * (e->valign == ALIGN_CENTER ? 0.5
                                         : e->valign == ALIGN_END  ? 1.0
                                                                   : 0.0)
                           : 0);
        b->layout = l;
        b->size = size;
        b->overflowed = !fits;
        b->colour = colour_of(t, &e->colour);
        return charwrap ? tell_fit(t, b, h, d) : true;
}

void box_text_extents(const struct box *b, bool ink, double *x, double *y, double *w, double *h)
{
        PangoRectangle in, lo;
        pango_layout_get_extents(b->layout, &in, &lo);
        const PangoRectangle *r = ink ? &in : &lo;
        double k = b->size / REF / PANGO_SCALE;
        *x = b->x + r->x * k;
        *y = b->y + r->y * k;
        *w = r->width * k;
        *h = r->height * k;
}

/* ---- the page ------------------------------------------------------------------ */

bool box_layout(const struct box_target *t, struct boxes *out, struct diag *d)
{
        struct map m;
        map_init(&m, t);
        m.d = d;
        m.vars = typeset_all(t->facts);
        const struct lang *words = facts_lang(t->facts);
        m.lang = t->lang ? t->lang : words ? lang_code(words) : NULL;
        bool good = true;
        memset(out, 0, sizeof *out);
        for (size_t i = 0; i < t->page->n_elems; i++) {
                const struct elem *e = &t->page->elems[i];
                e = layout_elem_for(e, t->format);
                if (!e)
                        continue;
                if (e->kind == ELEM_STACK || e->kind == ELEM_ROW || e->kind == ELEM_GRID || e->kind == ELEM_LIST) {
                        good &= do_stack(&m, e, out, d);
                        continue;
                }
                char *text = text_of(&m, e);
                if (!text)
                        continue;
                double x, y, w, h;
                map_rect(&m, e, e->kind == ELEM_RECT || e->kind == ELEM_IMAGE, &x, &y, &w, &h);
                switch (e->kind) {
                case ELEM_RECT: {
                        struct box *b = add(out, BOX_RECT, e);
                        b->x = x, b->y = y, b->w = w, b->h = h;
                        b->colour = colour_of(t, &e->fill);
                        b->radius = e->radius * m.s;
                        break;
                }
                case ELEM_IMAGE: {
                        struct box *b = add(out, BOX_IMAGE, e);
                        b->x = x, b->y = y, b->w = w, b->h = h;
                        b->image = strcmp(e->source, "logo") == 0 ? t->logo : t->photo;
                        break;
                }
                case ELEM_QR: {
                        struct box *b = add(out, BOX_QR, e);
                        double side = fmin(w, h);
                        b->x = x + (w - side) / 2;
                        b->y = y + (h - side) / 2;
                        b->w = b->h = side;
                        b->colour = colour_of(t, &e->fill);
                        b->light = colour_of(t, &e->light);
                        break;
                }
                case ELEM_TEXT:
                        good &= single_text(&m, e, text, x, y, w, h, out, d);
                        break;
                case ELEM_STACK:
                case ELEM_ROW:
                case ELEM_GRID:
                case ELEM_LIST:
                        break;
                }
                g_free(text);
        }
        g_hash_table_destroy(m.vars);
        return good;
}
