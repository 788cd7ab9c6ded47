/* design-floor.c: the shared floor program (../shared/bench/floor/floor.c),
 * unchanged, drawing in plakat's fonts the way plakat sets them up.
 *
 * Issue 9 asks for one A3 poster in 0.8 x the floor's time.  The floor
 * draws in two faces of the system's DejaVu Sans through the system's
 * fontconfig; plakat's design draws in six faces of Inter (the klar A3
 * poster: Inter Display Black and Bold, Inter Regular, Medium, SemiBold
 * and Bold) through a fontconfig of its own that knows only its fonts
 * (src/fonts.c).  Each face costs at every start: its file is opened,
 * HarfBuzz reads its layout tables, cairo embeds a subset of it in the
 * PDF.  Linked into the floor, this file changes only the fonts:
 *
 *   - a constructor makes a fontconfig configuration with plakat's fonts
 *     folder (DESIGN_FLOOR_FONTS) and a cache (DESIGN_FLOOR_CACHE) the
 *     current one before Pango starts, as fonts.c does;
 *   - pango_layout_set_text, which the floor calls for every line, is
 *     defined here (the executable's symbol comes first, as for
 *     src/fcmatch.c) and swaps the floor's face for one of the six by
 *     the line's role: headline, topic, label, fact, body, web address.
 *
 * The time of this program is what drawing plakat's design costs without
 * any of plakat's own work (no community or layout file, no fitting, no
 * checks): tests/bench-design-floor.sh runs it against the plain floor.
 * Not part of plakat; built only by that script. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__attribute__((constructor)) static void own_fonts(void)
{
        const char *fonts = getenv("DESIGN_FLOOR_FONTS"), *cache = getenv("DESIGN_FLOOR_CACHE");
        if (!fonts || !cache) {
                fprintf(stderr, "design-floor: set DESIGN_FLOOR_FONTS and DESIGN_FLOOR_CACHE\n");
                exit(2);
        }
        FcConfig *fc = FcConfigCreate();
        char conf[4096];
        snprintf(conf, sizeof conf, "<?xml version=\"1.0\"?><fontconfig><cachedir>%s</cachedir></fontconfig>", cache);
        if (!FcConfigParseAndLoadFromMemory(fc, (const FcChar8 *)conf, FcFalse) ||
            !FcConfigAppFontAddDir(fc, (const FcChar8 *)fonts) || !FcConfigSetCurrent(fc)) {
                fprintf(stderr, "design-floor: cannot read fonts from %s\n", fonts);
                exit(2);
        }
}

/* The face for one of the floor's lines, from its size and weight and
 * its words: the headline (>= 60 pt), labels (bold), the web address
 * (<= 14 pt), the two lines after a headline (the topic), lines with a
 * number in them (time, dates, address: the facts), the rest (body). */
static const char *face_for(const PangoFontDescription *d, const char *text)
{
        static int after_title;
        double size = pango_font_description_get_size(d) / (double)PANGO_SCALE;
        if (size >= 60) {
                after_title = 0;
                return "Inter Display Black";
        }
        if (pango_font_description_get_weight(d) >= PANGO_WEIGHT_BOLD)
                return "Inter Bold";
        if (size <= 14)
                return "Inter SemiBold";
        if (++after_title <= 2)
                return "Inter Medium";
        return strpbrk(text, "0123456789") ? "Inter Display Bold" : "Inter Regular";
}

/* The floor sets a line's font and then its text, so the face is chosen
 * here, where both are known. */
void pango_layout_set_text(PangoLayout *layout, const char *text, int length)
{
        static void (*real)(PangoLayout *, const char *, int);
        if (!real) {
                void *sym = dlsym(RTLD_NEXT, "pango_layout_set_text");
                memcpy(&real, &sym, sizeof real);
        }
        const PangoFontDescription *desc = pango_layout_get_font_description(layout);
        if (desc && text) {
                PangoFontDescription *d = pango_font_description_from_string(face_for(desc, text));
                pango_font_description_set_absolute_size(d, pango_font_description_get_size(desc));
                pango_layout_set_font_description(layout, d);
                pango_font_description_free(d);
        }
        real(layout, text, length);
}
