/* output.c: formats file, and PDF/PNG files written atomically. */
#include "output.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <libconfig.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cfg.h"
#include "diag.h"
#include "pngout.h"

/* ---- the formats file ------------------------------------------------------- */

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

bool formats_load(const char *path, struct formats *out, struct diag *d)
{
        memset(out, 0, sizeof *out);
        config_t cfg;
        config_init(&cfg);
        size_t before = d->errors;
        static const struct cfg_limits limits = { 256 * 1024, 5000, "a formats file" };
        if (!cfg_load(&cfg, path, &limits, d)) {
                config_destroy(&cfg);
                return false;
        }
        const config_setting_t *list = config_lookup(&cfg, "formats");
        if (!list || config_setting_type(list) != CONFIG_TYPE_LIST) {
                diag_error(d, path, 0, "formats", "expected a list of formats, found nothing");
                config_destroy(&cfg);
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
                if (!layout_family_parse(fam, &f->family)) {
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
        config_destroy(&cfg);
        if (d->errors > before) {
                formats_clear(out);
                return false;
        }
        return true;
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

/* ---- files ----------------------------------------------------------------------- */

static cairo_status_t write_stream(void *closure, const unsigned char *data, unsigned int len)
{
        return fwrite(data, 1, len, closure) == len ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

static cairo_status_t write_memory(void *closure, const unsigned char *data, unsigned int len)
{
        g_byte_array_append(closure, data, len);
        return CAIRO_STATUS_SUCCESS;
}

bool output_open(struct output *o, enum output_kind kind, const char *path, double width,
                 double height, double dpi, const struct pdf_meta *meta, struct diag *d)
{
        memset(o, 0, sizeof *o);
        o->kind = kind;
        o->dpi = dpi;
        o->path = g_strdup(path);
        /* The temporary file sits beside the final one, so the rename is
         * atomic (same file system) and a crash leaves only a dot-file. */
        char *dir = g_path_get_dirname(path), *base = g_path_get_basename(path);
        o->tmp = g_strdup_printf("%s/.%s.XXXXXX", dir, base);
        g_free(dir);
        g_free(base);
        int fd = g_mkstemp(o->tmp);
        if (fd < 0) {
                diag_error(d, path, 0, NULL, "cannot write: %s", g_strerror(errno));
                g_free(o->tmp);
                o->tmp = NULL;
                return false;
        }
        /* mkstemp makes the file private; outputs are ordinary files. */
        mode_t mask = umask(0);
        umask(mask);
        fchmod(fd, 0666 & ~mask);
        o->f = fdopen(fd, "wb");
        if (!o->f) {
                diag_error(d, path, 0, NULL, "cannot write: %s", g_strerror(errno));
                close(fd);
                g_unlink(o->tmp);
                g_free(o->tmp);
                o->tmp = NULL;
                return false;
        }
        if (kind == OUTPUT_PDF) {
                if (meta && meta->trim && meta->bleed) {
                        o->mem = g_byte_array_new();
                        o->trim = *meta->trim;
                        o->bleed = *meta->bleed;
                        o->surface = cairo_pdf_surface_create_for_stream(write_memory, o->mem, width, height);
                } else {
                        o->surface = cairo_pdf_surface_create_for_stream(write_stream, o->f, width, height);
                }
                cairo_pdf_surface_restrict_to_version(o->surface, CAIRO_PDF_VERSION_1_5);
                if (meta) {
                        if (meta->title)
                                cairo_pdf_surface_set_metadata(o->surface, CAIRO_PDF_METADATA_TITLE, meta->title);
                        if (meta->author)
                                cairo_pdf_surface_set_metadata(o->surface, CAIRO_PDF_METADATA_AUTHOR, meta->author);
                        if (meta->subject)
                                cairo_pdf_surface_set_metadata(o->surface, CAIRO_PDF_METADATA_SUBJECT, meta->subject);
                        if (meta->keywords)
                                cairo_pdf_surface_set_metadata(o->surface, CAIRO_PDF_METADATA_KEYWORDS, meta->keywords);
                        /* A fixed date keeps the bytes reproducible. */
                        if (meta->date) {
                                char *iso = g_strdup_printf("%sT00:00:00Z", meta->date);
                                cairo_pdf_surface_set_metadata(o->surface, CAIRO_PDF_METADATA_CREATE_DATE, iso);
                                cairo_pdf_surface_set_metadata(o->surface, CAIRO_PDF_METADATA_MOD_DATE, iso);
                                g_free(iso);
                        }
                }
                cairo_pdf_surface_set_metadata(o->surface, CAIRO_PDF_METADATA_CREATOR, "plakat " PLAKAT_VERSION);
        } else {
                o->surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)width, (int)height);
        }
        if (cairo_surface_status(o->surface)) {
                diag_error(d, path, 0, NULL, "cannot create the drawing surface: %s",
                           cairo_status_to_string(cairo_surface_status(o->surface)));
                output_abort(o);
                return false;
        }
        return true;
}

static void release(struct output *o)
{
        if (o->mem)
                g_byte_array_free(o->mem, TRUE);
        o->mem = NULL;
        if (o->surface)
                cairo_surface_destroy(o->surface);
        if (o->f)
                fclose(o->f);
        o->surface = NULL;
        o->f = NULL;
}

bool output_finish(struct output *o, struct diag *d)
{
        bool ok = true;
        if (o->kind == OUTPUT_PDF) {
                cairo_surface_finish(o->surface);
                ok = cairo_surface_status(o->surface) == CAIRO_STATUS_SUCCESS;
        } else {
                char *e = NULL;
                cairo_surface_flush(o->surface);
                ok = pngout_write(o->surface, o->f, o->dpi, &e);
                if (!ok) {
                        diag_error(d, o->path, 0, NULL, "cannot write PNG: %s", e);
                        g_free(e);
                        return false;
                }
        }
        cairo_surface_destroy(o->surface);
        o->surface = NULL;
        /* Close here: a full disk often shows only now, and the renames
         * that follow should be all that is left to go wrong. */
        if (ok && (fflush(o->f) != 0 || ferror(o->f)))
                ok = false;
        if (fclose(o->f) != 0)
                ok = false;
        o->f = NULL;
        if (!ok) {
                diag_error(d, o->path, 0, NULL, "cannot write: %s", g_strerror(errno ? errno : EIO));
                return false;
        }
        if (o->mem) {
                char *e = NULL;
                ok = pdfbox_write(o->mem->data, o->mem->len, o->tmp, &o->trim, &o->bleed, &e);
                g_byte_array_free(o->mem, TRUE);
                o->mem = NULL;
                if (!ok) {
                        diag_error(d, o->path, 0, NULL, "cannot write the PDF's page boxes: %s", e);
                        g_free(e);
                }
        }
        return ok;
}

bool output_commit(struct output *o, struct diag *d)
{
        bool ok = g_rename(o->tmp, o->path) == 0;
        if (!ok) {
                diag_error(d, o->path, 0, NULL, "cannot write: %s", g_strerror(errno));
                g_unlink(o->tmp);
        }
        g_free(o->tmp);
        o->tmp = NULL;
        return ok;
}

void output_uncommit(struct output *o)
{
        if (o->path)
                g_unlink(o->path);
        g_free(o->path);
        o->path = NULL;
}

void output_abort(struct output *o)
{
        release(o);
        if (o->tmp)
                g_unlink(o->tmp);
        g_free(o->tmp);
        g_free(o->path);
        o->tmp = o->path = NULL;
}
