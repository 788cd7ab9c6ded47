/* format.c: the formats file, and what a -f name asks for. */
#include "format.h"
#include "i18n.h"

#include <glib.h>
#include <libconfig.h>
#include <string.h>

#include "cfg.h"
#include "diag.h"

static const struct cfg_limits limits = { 256 * 1024, 5000, N_("a formats file") };

static const char *const format_keys[] = {
        "name", "description", "description_xx", "kind", "family", "width", "height", "qr_min", "safe_top", "safe_bottom",
};
static const char *const required_keys[] = { "name", "kind", "family", "width", "height", "qr_min" };

/* Larger than any sheet or screen; a typo such as 2970 for 297 still
 * passes, a stray exponent does not. */
#define SIZE_MAX_UNITS 20000.0

static const char *const family_names[FAMILY_COUNT] = { "portrait", "square", "landscape", "story", "card" };

const char *format_family_name(enum family f)
{
        return family_names[f];
}

bool format_family_parse(const char *s, enum family *out)
{
        for (int i = 0; i < FAMILY_COUNT; i++)
                if (strcmp(s, family_names[i]) == 0) {
                        *out = (enum family)i;
                        return true;
                }
        return false;
}

bool format_family_in_all(enum family f)
{
        return f != FAMILY_CARD;
}

const char *const *format_family_names(void)
{
        return family_names;
}

/* One element of the formats list into *f; false after reporting. */
static bool read_format(const struct cfg_walk *w, const config_setting_t *g, struct format *f)
{
        memset(f, 0, sizeof *f); /* a refused element leaves nothing behind */
        if (config_setting_type(g) != CONFIG_TYPE_GROUP) {
                cfg_error(w, g, _("expected a format { name = ...; }, found %s"), cfg_type_name(g));
                return false;
        }
        size_t before = w->d->errors;
        cfg_keys(w, g, format_keys, G_N_ELEMENTS(format_keys));
        /* A sheet is only paper: no page family, no QR code of its own. */
        static const char *const kinds[] = { "print", "screen", "sheet", NULL };
        int kind = cfg_word(w, g, "kind", kinds, -1);
        for (size_t i = 0; i < G_N_ELEMENTS(required_keys); i++)
                if (kind != 2 || (strcmp(required_keys[i], "family") != 0 && strcmp(required_keys[i], "qr_min") != 0))
                        cfg_require(w, g, required_keys[i]);
        const char *name = cfg_string(w, g, "name");
        struct i18n_texts descs;
        cfg_texts_read(w, g, "description", &descs);
        const char *families[FAMILY_COUNT + 1] = { NULL };
        memcpy(families, family_names, sizeof family_names);
        int family = cfg_word(w, g, "family", families, -1);
        cfg_number(w, g, "width", 1, SIZE_MAX_UNITS, &f->width);
        cfg_number(w, g, "height", 1, SIZE_MAX_UNITS, &f->height);
        cfg_number(w, g, "qr_min", 0, SIZE_MAX_UNITS, &f->qr_min);
        cfg_number(w, g, "safe_top", 0, SIZE_MAX_UNITS, &f->safe_top);
        cfg_number(w, g, "safe_bottom", 0, SIZE_MAX_UNITS, &f->safe_bottom);
        if (w->d->errors > before) {
                i18n_texts_clear(&descs);
                return false;
        }
        f->print = kind != 1;
        f->sheet_only = kind == 2;
        f->family = family >= 0 ? (enum family)family : FAMILY_PORTRAIT;
        f->name = g_strdup(name);
        f->description = g_strdup(i18n_texts_pick(&descs, "en"));
        f->descriptions = descs;
        return true;
}

static bool from_config(const config_t *cfg, const char *path, void *into, struct diag *d)
{
        struct formats *out = into;
        const struct cfg_walk w = { path, d };
        size_t before = d->errors;
        static const char *const top_keys[] = { "formats" };
        cfg_keys(&w, config_root_setting(cfg), top_keys, G_N_ELEMENTS(top_keys));
        const config_setting_t *list = config_lookup(cfg, "formats");
        if (!list || config_setting_type(list) != CONFIG_TYPE_LIST) {
                diag_error(d, path, cfg_line(list), "formats",
                           "expected a list of formats ( { name = ...; }, ... ), found %s", cfg_type_name(list));
                return false;
        }
        size_t n = (size_t)config_setting_length(list);
        out->f = g_new0(struct format, n);
        for (size_t i = 0; i < n; i++)
                if (read_format(&w, config_setting_get_elem(list, (unsigned)i), &out->f[out->n]))
                        out->n++;
        if (d->errors > before) {
                formats_clear(out);
                return false;
        }
        return true;
}

bool formats_load(const char *path, struct formats *out, struct diag *d)
{
        memset(out, 0, sizeof *out);
        return cfg_read_file(path, &limits, from_config, out, d);
}

bool formats_load_string(const char *text, const char *name, struct formats *out, struct diag *d)
{
        memset(out, 0, sizeof *out);
        return cfg_read_string(text, strlen(text), name, &limits, from_config, out, d);
}

void formats_clear(struct formats *fs)
{
        for (size_t i = 0; i < fs->n; i++) {
                g_free(fs->f[i].name);
                g_free(fs->f[i].description);
                i18n_texts_clear(&fs->f[i].descriptions);
        }
        g_free(fs->f);
        memset(fs, 0, sizeof *fs);
}

const struct format *formats_find(const struct formats *fs, const char *name)
{
        for (size_t i = 0; i < fs->n; i++)
                if (strcmp(fs->f[i].name, name) == 0)
                        return &fs->f[i];
        return NULL;
}

const struct format *formats_request(const struct formats *fs, const char *name, bool *preview)
{
        *preview = false;
        const struct format *f = formats_find(fs, name);
        if (f && f->sheet_only)
                return NULL;
        if (f || !g_str_has_suffix(name, "-png"))
                return f;
        char *base = g_strndup(name, strlen(name) - 4);
        f = formats_find(fs, base);
        g_free(base);
        *preview = true;
        return f && f->print && !f->sheet_only ? f : NULL;
}

enum output_kind format_output(const struct format *f, bool preview)
{
        return f->print && !preview ? OUTPUT_PDF : OUTPUT_PNG;
}
