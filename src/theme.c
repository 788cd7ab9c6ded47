/* theme.c: colour themes and the palette a community gets. */
#include "theme.h"
#include "i18n.h"

#include <glib.h>
#include <string.h>

#include "cfg.h"
#include "community.h"
#include "diag.h"

static const struct cfg_limits limits = { 256 * 1024, 5000, N_("a themes file") };

static bool read_themes(const config_t *cfg, const char *path, void *into, struct diag *d);

bool themes_load(const char *path, struct themes *out, struct diag *d)
{
        memset(out, 0, sizeof *out);
        return cfg_read_file(path, &limits, read_themes, out, d);
}

bool themes_load_string(const char *text, size_t len, const char *name, struct themes *out,
                        struct diag *d)
{
        memset(out, 0, sizeof *out);
        return cfg_read_string(text, len, name, &limits, read_themes, out, d);
}

/* themes = ( { name = "..."; description = "..."; colors = { primary = "#RRGGBB"; ... }; }, ... ) */
static bool read_themes(const config_t *cfg, const char *path, void *into, struct diag *d)
{
        struct themes *out = into;
        size_t before = d->errors;
        const struct cfg_walk w = { path, d };
        static const char *const top_keys[] = { "themes" };
        cfg_keys(&w, config_root_setting(cfg), top_keys, G_N_ELEMENTS(top_keys));
        const config_setting_t *list = config_lookup(cfg, "themes");
        if (!list || config_setting_type(list) != CONFIG_TYPE_LIST) {
                diag_error(d, path, 0, "themes", "expected a list ( { name = ...; }, ... ), found %s",
                           list ? _("another kind of value") : _("nothing"));
                return false;
        }
        size_t n = (size_t)config_setting_length(list);
        out->t = g_new0(struct theme, n + 1);
        for (size_t i = 0; i < n; i++) {
                const config_setting_t *g = config_setting_get_elem(list, (unsigned)i);
                int line = cfg_line(g);
                static const char *const theme_keys[] = { "name", "description", "description_xx",
                                                             "colors" };
                cfg_keys(&w, g, theme_keys, G_N_ELEMENTS(theme_keys));
                const char *name = NULL;
                config_setting_lookup_string(g, "name", &name);
                if (!name) {
                        diag_error(d, path, line, "name", "expected the theme's name, found nothing");
                        continue;
                }
                struct theme *t = &out->t[out->n++];
                t->name = g_strdup(name);
                cfg_texts_read(&w, g, "description", &t->descriptions);
                t->description = g_strdup(i18n_texts_pick(&t->descriptions, "en"));
                const config_setting_t *cs = config_setting_get_member(g, "colors");
                if (cs && config_setting_type(cs) != CONFIG_TYPE_GROUP) {
                        diag_error(d, path, cfg_line(cs), "colors",
                                   "expected a group { primary = \"#RRGGBB\"; ... }, found another kind of value");
                        cs = NULL;
                }
                for (int k = 0; cs && k < config_setting_length(cs); k++) {
                        const config_setting_t *m = config_setting_get_elem(cs, (unsigned)k);
                        const char *role = config_setting_name(m), *v = config_setting_get_string(m);
                        int r = 0;
                        while (r < ROLE_COUNT && strcmp(role, layout_role_name((enum role)r)) != 0)
                                r++;
                        if (r == ROLE_COUNT)
                                diag_error(d, path, cfg_line(m), role,
                                           "expected a colour role (background, text, primary, accent, on_primary, on_accent, muted, surface), found an unknown name");
                        else if (!v || !colour_parse(v, &t->colours.c[r]))
                                diag_error(d, path, cfg_line(m), role,
                                           "expected \"#RRGGBB\", found %s", v ? v : _("another kind of value"));
                }
        }
        if (d->errors > before) {
                themes_clear(out);
                return false;
        }
        return true;
}

void themes_clear(struct themes *ts)
{
        for (size_t i = 0; i < ts->n; i++) {
                g_free(ts->t[i].name);
                g_free(ts->t[i].description);
                i18n_texts_clear(&ts->t[i].descriptions);
        }
        g_free(ts->t);
        memset(ts, 0, sizeof *ts);
}

const struct theme *themes_find(const struct themes *ts, const char *name)
{
        for (size_t i = 0; i < ts->n; i++)
                if (g_ascii_strcasecmp(ts->t[i].name, name) == 0)
                        return &ts->t[i];
        return NULL;
}

/* Text on a colour the community chose: white or near-black, whichever
 * reads better. */
static struct rgb readable_on(struct rgb bg)
{
        struct rgb white = { true, 1, 1, 1 }, ink = { true, 0.10, 0.10, 0.12 };
        return colour_contrast(bg, white) >= colour_contrast(bg, ink) ? white : ink;
}

static struct rgb mix(struct rgb a, struct rgb b, double t)
{
        return (struct rgb){ true, a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t };
}

void theme_palette(const struct palette *layout, const struct theme *t, const struct style *s,
                   struct palette *p)
{
        *p = *layout;
        for (int k = 0; t && k < ROLE_COUNT; k++)
                if (t->colours.c[k].set)
                        p->c[k] = t->colours.c[k];
        if (s->primary.set) {
                p->c[ROLE_PRIMARY] = s->primary;
                p->c[ROLE_ON_PRIMARY] = readable_on(s->primary);
        }
        if (s->accent.set) {
                p->c[ROLE_ACCENT] = s->accent;
                p->c[ROLE_ON_ACCENT] = readable_on(s->accent);
        }
        if (s->background.set) {
                p->c[ROLE_BACKGROUND] = s->background;
                p->c[ROLE_SURFACE] = mix(s->background, readable_on(s->background), 0.06);
        }
        if (s->text.set)
                p->c[ROLE_TEXT] = s->text;
        if (s->background.set || s->text.set)
                p->c[ROLE_MUTED] = mix(p->c[ROLE_TEXT], p->c[ROLE_BACKGROUND], 0.3);
}

