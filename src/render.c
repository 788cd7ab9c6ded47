/* render.c: one community -> output files.  (Being written; this is the
 * interface-only stand-in so the CLI can link.) */
#include "render.h"

#include "community.h"
#include "diag.h"
#include "lang.h"

struct renderer {
        char **language_codes;
        struct lang **langs;
        size_t n_langs;
};

struct renderer *renderer_new(const char *datadir, const char *const *extra_font_dirs,
                              struct diag *d)
{
        (void)extra_font_dirs;
        struct renderer *r = g_new0(struct renderer, 1);
        char *dir = g_build_filename(datadir, "lang", NULL);
        r->language_codes = lang_list(dir);
        r->n_langs = g_strv_length(r->language_codes);
        r->langs = g_new0(struct lang *, r->n_langs + 1);
        for (size_t i = 0; i < r->n_langs; i++)
                r->langs[i] = lang_load(dir, r->language_codes[i], d);
        g_free(dir);
        return r;
}

void renderer_free(struct renderer *r)
{
        if (!r)
                return;
        for (size_t i = 0; i < r->n_langs; i++)
                lang_free(r->langs[i]);
        g_free(r->langs);
        g_strfreev(r->language_codes);
        g_free(r);
}

const char *const *renderer_languages(const struct renderer *r)
{
        return (const char *const *)r->language_codes;
}

const struct lang *renderer_lang(const struct renderer *r, const char *code)
{
        for (size_t i = 0; i < r->n_langs; i++)
                if (r->langs[i] && g_strcmp0(r->language_codes[i], code) == 0)
                        return r->langs[i];
        for (size_t i = 0; i < r->n_langs; i++)
                if (r->langs[i] && g_strcmp0(r->language_codes[i], "de") == 0)
                        return r->langs[i];
        return NULL;
}

bool renderer_render(struct renderer *r, const struct community *c,
                     const struct render_options *o, struct diag *d)
{
        (void)r;
        (void)o;
        diag_error(d, c->path, 0, NULL, "rendering is not implemented yet");
        return false;
}

void renderer_check(struct renderer *r, const struct community *c,
                    const struct render_options *o, struct diag *d)
{
        (void)r;
        (void)c;
        (void)o;
        (void)d;
}

void renderer_list_formats(const struct renderer *r, FILE *out)
{
        (void)r;
        (void)out;
}

void renderer_list_layouts(const struct renderer *r, FILE *out)
{
        (void)r;
        (void)out;
}
