/* fonts.c: plakat's own fonts, registered with fontconfig once. */
#include "fonts.h"

#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <string.h>

#include <glib/gstdio.h>
#include <unistd.h>

#include "diag.h"
#include "fcmatch.h"

G_LOCK_DEFINE_STATIC(current_config);

struct fonts {
        FcConfig *config;
        PangoFontMap *map;
        PangoContext *context;
        char **families; /* installed family names, for fonts_has_family */
};

static char **list_families(FcConfig *config)
{
        FcPattern *pat = FcPatternCreate();
        FcObjectSet *os = FcObjectSetBuild(FC_FAMILY, NULL);
        FcFontSet *set = FcFontList(config, pat, os);
        GPtrArray *names = g_ptr_array_new();
        for (int i = 0; set && i < set->nfont; i++) {
                FcChar8 *fam;
                /* A font lists several names ("Inter", "Inter Black"): all count. */
                for (int k = 0; FcPatternGetString(set->fonts[i], FC_FAMILY, k, &fam) == FcResultMatch; k++)
                        g_ptr_array_add(names, g_strdup((const char *)fam));
        }
        g_ptr_array_add(names, NULL);
        if (set)
                FcFontSetDestroy(set);
        FcObjectSetDestroy(os);
        FcPatternDestroy(pat);
        return (char **)g_ptr_array_free(names, FALSE);
}

/* Emoji come from the system's Noto Color Emoji (Debian's
 * fonts-noto-color-emoji, OFL, installed by scripts/deps.sh): at 10 MB it
 * is not worth a copy in git, and it is the same file on every machine
 * that has the package.  A folder that ships an emoji font of its own
 * (fonts/, --fonts) wins; without either, emoji are drawn as boxes and
 * check_text says so. */
static const char *const emoji_files[] = {
        "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf",
        "/usr/share/fonts/noto/NotoColorEmoji.ttf",               /* Fedora, Arch */
        "/usr/local/share/fonts/noto/NotoColorEmoji.ttf",
        NULL,
};

static bool has_emoji_font(FcConfig *config)
{
        FcPattern *pat = FcPatternCreate();
        FcPatternAddBool(pat, FC_COLOR, FcTrue);
        FcObjectSet *os = FcObjectSetBuild(FC_FILE, NULL);
        FcFontSet *set = FcFontList(config, pat, os);
        bool any = set && set->nfont > 0;
        if (set)
                FcFontSetDestroy(set);
        FcObjectSetDestroy(os);
        FcPatternDestroy(pat);
        return any;
}

static void add_emoji(FcConfig *config, const char *const *dirs)
{
        (void)dirs;
        if (has_emoji_font(config))
                return;
        for (size_t i = 0; emoji_files[i]; i++)
                if (g_file_test(emoji_files[i], G_FILE_TEST_IS_REGULAR) &&
                    FcConfigAppFontAddFile(config, (const FcChar8 *)emoji_files[i]))
                        return;
}

struct fonts *fonts_new(const char *const *dirs, struct diag *d)
{
        struct fonts *f = g_new0(struct fonts, 1);
        /* An empty configuration: no system font dirs, no user config; only
         * a cache, so later runs need not parse the font files again. */
        f->config = FcConfigCreate();
        /* The cache is plakat's own folder, and only when it can be
         * written: fontconfig prints "No writable cache directories" to
         * the user's terminal otherwise (a read-only home, HOME unset).
         * Without a cache the fonts are simply read each time. */
        char *own = g_strdup_printf("plakat-%lu-fontconfig", (unsigned long)getuid());
        char *caches[] = {
                g_build_filename(g_get_user_cache_dir(), "plakat", "fontconfig", NULL),
                g_build_filename(g_get_tmp_dir(), own, NULL),
        };
        GString *conf = g_string_new("<?xml version=\"1.0\"?><!DOCTYPE fontconfig SYSTEM \"fonts.dtd\"><fontconfig>");
        for (size_t i = 0; i < G_N_ELEMENTS(caches); i++) {
                GStatBuf st;
                /* A folder in /tmp must be ours, or another user could
                 * hand us their cache. */
                if (g_mkdir_with_parents(caches[i], 0700) == 0 && g_access(caches[i], W_OK | X_OK) == 0 &&
                    g_stat(caches[i], &st) == 0 && st.st_uid == getuid()) {
                        char *esc = g_markup_escape_text(caches[i], -1);
                        g_string_append_printf(conf, "<cachedir>%s</cachedir>", esc);
                        g_free(esc);
                        break;
                }
        }
        for (size_t i = 0; i < G_N_ELEMENTS(caches); i++)
                g_free(caches[i]);
        g_free(own);
        g_string_append(conf, "</fontconfig>");
        FcConfigParseAndLoadFromMemory(f->config, (const FcChar8 *)conf->str, FcFalse);
        g_string_free(conf, TRUE);
        for (size_t i = 0; dirs && dirs[i]; i++)
                if (!FcConfigAppFontAddDir(f->config, (const FcChar8 *)dirs[i]))
                        diag_warn(d, dirs[i], 0, NULL, "cannot read fonts from this folder");
        add_emoji(f->config, dirs);
        f->families = list_families(f->config);
        if (!f->families[0]) {
                diag_error(d, NULL, 0, NULL, "no fonts found (looked in %s)",
                           dirs && dirs[0] ? dirs[0] : "nowhere");
                fonts_free(f);
                return NULL;
        }
        /* Pango's font maps call FcInit (in a thread), which would load the
         * system's configuration and scan its fonts unless a current
         * configuration exists: make ours current first.  The current
         * configuration is the process's, so two of these at once are
         * serialised; once the map has its own configuration, the current
         * one no longer matters to it. */
        G_LOCK(current_config);
        FcConfigSetCurrent(f->config);
        f->map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
        pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(f->map), f->config);
        G_UNLOCK(current_config);
        /* set_config waited for FcInit's answer: the thread is ending. */
        fcmatch_join_init();
        pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(f->map), 72.0);
        f->context = pango_font_map_create_context(f->map);

        cairo_font_options_t *fo = cairo_font_options_create();
        cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
        cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
        cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
        pango_cairo_context_set_font_options(f->context, fo);
        cairo_font_options_destroy(fo);
        pango_context_set_round_glyph_positions(f->context, FALSE);
        return f;
}

void fonts_free(struct fonts *f)
{
        if (!f)
                return;
        if (f->context)
                g_object_unref(f->context);
        if (f->map)
                g_object_unref(f->map);
        if (f->config)
                FcConfigDestroy(f->config);
        g_strfreev(f->families);
        g_free(f);
}

PangoContext *fonts_context(struct fonts *f)
{
        return f->context;
}

bool fonts_has_family(const struct fonts *f, const char *family)
{
        for (size_t i = 0; f->families[i]; i++)
                if (g_ascii_strcasecmp(f->families[i], family) == 0)
                        return true;
        return false;
}

const char *const *fonts_families(const struct fonts *f)
{
        return (const char *const *)f->families;
}
