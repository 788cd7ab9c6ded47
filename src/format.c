/* format.c: the formats file, and what a -f name asks for. */
#include "format.h"

#include <glib.h>
#include <libconfig.h>
#include <string.h>

#include "cfg.h"
#include "diag.h"

static bool num(const config_setting_t *g, const char *key, double *out)
{
        const config_setting_t *s = config_setting_get_member(g, key);
        if (!s)
                return false;
        int t = config_setting_type(s);
        if (t == CONFIG_TYPE_FLOAT)
                *out = config_setting_get_float(s);
        else if (t == CONFIG_TYPE_INT || t == CONFIG_TYPE_INT64)
                *out = (double)config_setting_get_int64(s);
        else
                return false;
        return true;
}

static const char *const family_names[FAMILY_COUNT] = { "portrait", "square", "landscape", "story" };

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

const char *const *format_family_names(void)
{
        return family_names;
}

static const struct cfg_limits limits = { 256 * 1024, 5000, "a formats file" };

static bool from_config(config_t *cfg, const char *path, struct formats *out, struct diag *d)
{
        size_t before = d->errors;
        const config_setting_t *list = config_lookup(cfg, "formats");
        if (!list || config_setting_type(list) != CONFIG_TYPE_LIST) {
                diag_error(d, path, 0, "formats", "expected a list of formats, found nothing");
                return false;
        }
        size_t n = (size_t)config_setting_length(list);
        out->f = g_new0(struct format, n);
        for (size_t i = 0; i < n; i++) {
                const config_setting_t *g = config_setting_get_elem(list, (unsigned)i);
                int line = (int)config_setting_source_line(g);
                struct format *f = &out->f[out->n];
                const char *name = NULL, *desc = "", *kind = NULL, *fam = NULL;
                config_setting_lookup_string(g, "name", &name);
                config_setting_lookup_string(g, "description", &desc);
                config_setting_lookup_string(g, "kind", &kind);
                config_setting_lookup_string(g, "family", &fam);
                if (!name || !kind || !fam || !num(g, "width", &f->width) || !num(g, "height", &f->height) ||
                    !num(g, "qr_min", &f->qr_min)) {
                        diag_error(d, path, line, "formats",
                                   "expected name, kind, family, width, height and qr_min, found fewer");
                        continue;
                }
                if (strcmp(kind, "print") != 0 && strcmp(kind, "screen") != 0) {
                        diag_error(d, path, line, "kind", "expected \"print\" or \"screen\", found \"%s\"", kind);
                        continue;
                }
                if (!format_family_parse(fam, &f->family)) {
                        diag_error(d, path, line, "family",
                                   "expected \"portrait\", \"square\", \"landscape\" or \"story\", found \"%s\"", fam);
                        continue;
                }
                if (f->width <= 0 || f->height <= 0 || f->width > 20000 || f->height > 20000) {
                        diag_error(d, path, line, "width", "expected a size from 1 to 20000, found %g x %g",
                                   f->width, f->height);
                        continue;
                }
                num(g, "safe_top", &f->safe_top);
                num(g, "safe_bottom", &f->safe_bottom);
                f->print = strcmp(kind, "print") == 0;
                f->name = g_strdup(name);
                f->description = g_strdup(desc);
                out->n++;
        }
        if (d->errors > before) {
                formats_clear(out);
                return false;
        }
        return true;
}

bool formats_load(const char *path, struct formats *out, struct diag *d)
{
        memset(out, 0, sizeof *out);
        config_t cfg;
        config_init(&cfg);
        bool ok = cfg_load(&cfg, path, &limits, d) && from_config(&cfg, path, out, d);
        config_destroy(&cfg);
        return ok;
}

bool formats_load_string(const char *text, const char *name, struct formats *out, struct diag *d)
{
        memset(out, 0, sizeof *out);
        config_t cfg;
        config_init(&cfg);
        bool ok = cfg_parse(&cfg, text, strlen(text), name, &limits, d) && from_config(&cfg, name, out, d);
        config_destroy(&cfg);
        return ok;
}

void formats_clear(struct formats *fs)
{
        for (size_t i = 0; i < fs->n; i++) {
                g_free(fs->f[i].name);
                g_free(fs->f[i].description);
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
        if (f || !g_str_has_suffix(name, "-png"))
                return f;
        char *base = g_strndup(name, strlen(name) - 4);
        f = formats_find(fs, base);
        g_free(base);
        *preview = true;
        return f && f->print ? f : NULL;
}

enum output_kind format_output(const struct format *f, bool preview)
{
        return f->print && !preview ? OUTPUT_PDF : OUTPUT_PNG;
}
