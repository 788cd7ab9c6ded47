/* fuzz_layout.c: bytes -> layout_load_string, then every page of an
 * accepted layout laid out with a sample community's facts and drawn onto
 * a small image surface, as a render would (box_layout, draw_page).
 *
 * The canvas is the page scaled to at most FUZZ_CANVAS px a side: the
 * design's units map onto it by one scale whatever size the page says,
 * and a small surface keeps each input fast. */
#include <cairo.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "box.h"
#include "community.h"
#include "diag.h"
#include "draw.h"
#include "facts.h"
#include "fonts.h"
#include "fuzz.h"
#include "image.h"
#include "lang.h"
#include "layout.h"
#include "qr.h"
#include "theme.h"

#define FUZZ_CANVAS 240.0

static struct fonts *fonts;
static struct lang *lang;
static struct community *community;
static struct facts *facts;
static struct qr *qr;
static struct image *logo, *photo;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
        FUZZ_BEGIN(argc, argv);
        struct diag d;
        diag_init(&d, NULL);
        const char *dirs[] = { FUZZ_SRCDIR "/fonts", NULL };
        fonts = fonts_new(dirs, &d);
        lang = lang_load(FUZZ_SRCDIR "/lang", "de", &d);
        /* A community with every list, a logo and a photo. */
        community = community_load(FUZZ_SRCDIR "/samples/ki-im-alltag-auftakt.cfg", NULL, &d);
        if (!fonts || !lang || !community) {
                diag_print(&d, stderr);
                abort();
        }
        GDate today;
        g_date_clear(&today, 1);
        g_date_set_dmy(&today, 1, G_DATE_JANUARY, 2027);
        facts = facts_new(community, lang, &today);
        char *e = NULL;
        qr = qr_encode(community->signup.url, QR_LEVEL_M, 0, &e);
        g_free(e);
        if (community->style.logo)
                logo = image_load_at(community->style.logo, community->path, 0, "style.logo", &d);
        if (community->style.photo)
                photo = image_load_at(community->style.photo, community->path, 0, "style.photo", &d);
        diag_clear(&d);
        return 0;
}

static void draw(const struct layout *l, const struct page *pg, const char *format, struct diag *d)
{
        double k = FUZZ_CANVAS / (pg->width > pg->height ? pg->width : pg->height);
        if (!(k > 0) || !(pg->width * k >= 1) || !(pg->height * k >= 1))
                return; /* the loader refuses such pages; nothing to draw */
        struct palette pal;
        theme_palette(&l->palette, NULL, &community->style, &pal);
        bool screen = pg->unit == UNIT_PX;
        struct box_target t = {
                .page = pg,
                .width = pg->width * k,
                .height = pg->height * k,
                .bleed = 2,
                .pt = screen ? k : k * 25.4 / 72.0,
                .screen = screen,
                .format = format,
                .lang = community->language,
                .palette = &pal,
                .facts = facts,
                .pango = fonts_context(fonts),
                .logo = community->style.logo,
                .photo = community->style.photo,
                .hyphenate_words = true,
                .file = "fuzz.cfg",
                .who = "fuzz",
        };
        struct boxes bs;
        box_layout(&t, &bs, d);
        int w = (int)(t.width + 2 * t.bleed + 1), h = (int)(t.height + 2 * t.bleed + 1);
        cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
        struct draw_target dt = { NULL, true, qr, community->signup.url, "fuzz", logo, photo };
        struct draw_frame fr = { t.width, t.height, t.bleed, 0, screen ? 0 : k, t.pt, false };
        draw_page(s, &fr, &dt, &bs);
        cairo_surface_destroy(s);
        boxes_clear(&bs);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        /* libconfig reads a C string: stop at the first NUL, as a file
         * with one is refused before it reaches the parser. */
        char *text = g_strndup((const char *)data, size);
        struct diag d;
        diag_init(&d, NULL);
        struct layout *l = layout_load_string(text, "fuzz.cfg", facts_placeholders(), &d);
        if (l) {
                static const char *const formats[] = { "a6", "instagram", "linkedin", "story", NULL };
                for (int f = 0; f < FAMILY_COUNT; f++)
                        if (l->pages[f].present)
                                draw(l, &l->pages[f], formats[f % 4], &d);
                layout_free(l);
        } else if (d.errors == 0) {
                abort(); /* refused without a reason */
        }
        diag_clear(&d);
        g_free(text);
        return 0;
}
