/* job.c: one community file, checked or rendered (see job.h). */
#include "job.h"
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "community.h"
#include "diag.h"
#include "facts.h"
#include "kit.h"
#include "lang.h"
#include "output.h"
#include "record.h"
#include "render.h"
#include "schedule.h"

/* Meetings shown by `check`. */
#define CHECK_NEXT 3

/* Width of the labels in `check` output ("  Sign-up:   "), in
 * characters: the longest English one; a translation may have longer. */
#define LABEL_WIDTH 10

/* ---- output helpers ------------------------------------------------------ */

/* Write s as a terminal may show it (diag_clean): the values and the
 * file names come from strangers and must not drive the terminal. */
static void put_clean(FILE *out, const char *s)
{
        char *clean = diag_clean(s);
        fputs(clean, out);
        g_free(clean);
}

/* A file name on a line of its own (a path for scripts, a summary). */
static void put_line(FILE *out, const char *path, const char *rest)
{
        put_clean(out, path);
        fputs(rest, out);
        fputc('\n', out);
}

static const char *const labels[] = {
        N_("Name:"), N_("Topic:"), N_("Meets:"), N_("Next:"), N_("Venue:"), N_("Venues:"), N_("Lead:"),
        N_("Sign-up:"), N_("Channels:"), N_("Language:"), N_("Not shown:"), N_("Warnings:"),
};

/* The widest label in the user's language, in characters (not bytes:
 * "Nächste:"), so the values line up in every translation. */
static long label_width(void)
{
        long w = LABEL_WIDTH;
        for (size_t i = 0; i < G_N_ELEMENTS(labels); i++)
                w = MAX(w, g_utf8_strlen(_(labels[i]), -1));
        return w;
}

static void put_label(FILE *out, const char *label)
{
        long n = g_utf8_strlen(label, -1), w = label_width();
        fprintf(out, "  %s%*s ", label, (int)(w - MIN(n, w)), "");
}

static void field(FILE *out, const char *label, const char *value)
{
        put_label(out, label);
        put_clean(out, value);
        fputc('\n', out);
}

/* A continuation line under the previous field. */
static void field_more(FILE *out, const char *value)
{
        fprintf(out, "  %-*s ", LABEL_WIDTH, "");
        put_clean(out, value);
        fputc('\n', out);
}

/* Keep the messages collected for one file: all of them for the report,
 * and for stderr errors always, warnings unless --quiet. */
static void keep_diag(struct job_result *res, FILE *err, const struct diag *d, bool quiet)
{
        for (size_t i = 0; i < d->n; i++) {
                bool error = d->msgs[i].level == DIAG_ERROR;
                g_ptr_array_add(res->messages, g_strconcat(error ? "E" : "W", d->msgs[i].text, NULL));
                if (!quiet || error)
                        fprintf(err, "%s\n", d->msgs[i].text);
        }
        res->errors += d->errors;
        res->warnings += d->warnings;
        res->failures += d->failures;
}

/* The summary of a file that was not written: refused for mistakes in it,
 * failed when only the machine failed (a full disk is not the lead's
 * fault, and they should not go looking for one in their file). */
static void print_refused(FILE *err, const char *path, const struct diag *d)
{
        size_t errors = d->errors - d->failures;
        char *rest = errors > 0 ? g_strdup_printf(ngettext(": refused (%zu error)", ": refused (%zu errors)", errors), errors)
                                : g_strdup(_(": failed (nothing was written; the file itself is fine)"));
        put_line(err, path, rest);
        g_free(rest);
}

/* ---- what `check` prints --------------------------------------------------- */

static char *venue_text(const struct venue *v)
{
        return facts_venue_text(v);
}

static char *lead_text(const struct lead *l)
{
        GString *s = g_string_new(l->name);
        if (l->role)
                g_string_append_printf(s, " (%s)", l->role);
        if (l->email)
                g_string_append_printf(s, " <%s>", l->email);
        if (l->phone)
                g_string_append_printf(s, ", %s", l->phone);
        return g_string_free(s, FALSE);
}

static void print_understood(FILE *out, const struct job_env *run, const struct community *c,
                             const struct meeting *next, size_t n_next, const char *not_shown,
                             size_t warnings)
{
        const struct lang *l = renderer_lang(run->r, c->words_language);
        put_line(out, c->path, ": OK");
        field(out, _("Name:"), c->name);
        field(out, _("Topic:"), c->topic);

        char *cycle = schedule_describe(&c->schedule, l);
        field(out, _("Meets:"), cycle);
        g_free(cycle);
        if (n_next > 0) {
                char *list = schedule_list(next, n_next, l);
                field(out, _("Next:"), list);
                g_free(list);
        } else {
                field(out, _("Next:"), _("none (every meeting lies in the past)"));
        }

        if (c->n_venues == 1) {
                char *v = venue_text(&c->venues[0]);
                field(out, _("Venue:"), v);
                g_free(v);
        } else {
                field(out, _("Venues:"), _("taking turns, meeting by meeting:"));
                for (size_t i = 0; i < c->n_venues; i++) {
                        char *v = venue_text(&c->venues[i]);
                        char *line = g_strdup_printf("%zu. %s", i + 1, v);
                        field_more(out, line);
                        g_free(line);
                        g_free(v);
                }
        }

        char *lead = lead_text(&c->lead);
        field(out, _("Lead:"), lead);
        g_free(lead);
        field(out, _("Sign-up:"), c->signup.url);

        if (c->n_channels > 0) {
                GString *s = g_string_new(NULL);
                g_string_printf(s, "%zu (", c->n_channels);
                for (size_t i = 0; i < c->n_channels; i++)
                        g_string_append_printf(s, "%s%s", i ? ", " : "",
                                               c->channels[i].type ? c->channels[i].type : "?");
                g_string_append_c(s, ')');
                field(out, _("Channels:"), s->str);
                g_string_free(s, TRUE);
        }

        if (l && g_ascii_strcasecmp(lang_code(l), c->language) != 0) {
                char *s = g_strdup_printf(_("%s (not shipped; plakat's words are in %s)"), c->language,
                                          lang_code(l));
                field(out, _("Language:"), s);
                g_free(s);
        } else {
                field(out, _("Language:"), c->language);
        }
        /* Optional settings the chosen design leaves out: said, not warned
         * (a poster cannot carry everything; the lead should know). */
        if (not_shown)
                field(out, _("Not shown:"), not_shown);
        put_label(out, _("Warnings:"));
        fprintf(out, "%zu\n", warnings);
}

/* ---- the schedule against "today" ------------------------------------------ */

/* The last meeting of a schedule that has ended before today; false when
 * there is none at all. */
static bool last_meeting(const struct schedule *s, const GDate *today, struct slot *last)
{
        GDate from;
        if (s->has_rule)
                from = s->first.date;
        else if (s->n_dates > 0)
                from = s->dates[0].date;
        else
                return false;
        struct meeting m[64];
        bool found = false;
        /* Pages of meetings; bounded by today since the schedule has ended. */
        while (g_date_compare(&from, today) <= 0) {
                size_t n = schedule_next(s, &from, m, G_N_ELEMENTS(m));
                if (n == 0)
                        break;
                *last = m[n - 1].start;
                found = true;
                if (n < G_N_ELEMENTS(m))
                        break;
                from = m[n - 1].start.date;
                g_date_add_days(&from, 1);
        }
        return found;
}

/* The setting a series ends by, for messages: until, or the list of
 * dates, or the one meeting. */
static const char *end_setting(const struct schedule *s)
{
        return s->has_until ? "schedule.until" : !s->has_rule ? "schedule.dates" : "schedule.first";
}

/* Fill next[0..max) from today; when every meeting lies in the past, warn
 * (refuse is false) or refuse: a poster inviting to last year's meetings
 * must not go out unnoticed, and one that hangs for weeks with "Jetzt
 * anmelden" on it must not go out at all unless asked for. */
static size_t next_meetings(const struct job_env *run, const struct community *c, struct meeting *next,
                            size_t max, bool refuse, struct diag *d)
{
        size_t n = schedule_next(&c->schedule, &run->ro->today, next, max);
        if (n > 0)
                return n;
        struct slot last;
        if (last_meeting(&c->schedule, &run->ro->today, &last)) {
                const struct lang *l = renderer_lang(run->r, c->words_language);
                char *day = lang_date(l, &last.date, LANG_DATE_LONG);
                const char *at = end_setting(&c->schedule);
                if (refuse) {
                        diag_error(d, c->path, community_line(c, at), at,
                                   "the series has ended (last meeting: %s); a poster or post would still invite people to sign up (pass --allow-ended to render it anyway)",
                                   day);
                } else if (!run->render && !run->allow_ended) {
                        /* A check tells what the render will do. */
                        diag_warn(d, c->path, community_line(c, at), at,
                                  "every meeting lies in the past (last: %s); plakat render refuses it (pass "
                                  "--allow-ended to render it anyway)",
                                  day);
                } else {
                        diag_warn(d, c->path, community_line(c, at), at, "every meeting lies in the past (last: %s)",
                                  day);
                }
                g_free(day);
        } else {
                diag_warn(d, c->path, 0, "schedule", "no meetings at all (every date is skipped)");
        }
        return 0;
}

bool job_series_open(const struct job_env *e, const struct community *c, struct diag *d)
{
        size_t errors = d->errors;
        struct meeting next[1];
        next_meetings(e, c, next, 1, !e->allow_ended, d);
        return d->errors == errors;
}

/* ---- commands ---------------------------------------------------------------- */

static struct community *load(const struct job_env *run, const char *path, struct diag *d)
{
        return community_load(path, run->co, d);
}

static void check_one(const struct job_env *run, const char *path, struct job_result *res, FILE *out, FILE *err)
{
        struct diag d;
        diag_init(&d, NULL);
        const char *clash = run->clash ? g_hash_table_lookup(run->clash, path) : NULL;
        if (clash)
                diag_warn(&d, path, 0, NULL, "%s", clash);
        struct community *c = load(run, path, &d);
        bool ok = c != NULL;
        if (c) {
                struct meeting next[CHECK_NEXT];
                size_t n = next_meetings(run, c, next, CHECK_NEXT, false, &d);
                char *not_shown = NULL;
                renderer_check(run->r, c, run->ro, &d, &not_shown);
                ok = d.errors == 0;
                keep_diag(res, err, &d, run->quiet);
                if (ok)
                        print_understood(out, run, c, next, n, not_shown, d.warnings);
                g_free(not_shown);
        } else {
                keep_diag(res, err, &d, run->quiet);
        }
        if (!ok)
                print_refused(err, path, &d);
        res->status = ok ? JOB_OK : d.errors > d.failures ? JOB_REFUSED : JOB_FAILED;
        community_free(c);
        diag_clear(&d);
}

static void add_output(struct job_result *res, const char *path, const char *format, const char *kind,
                       const char *sha256)
{
        struct job_output o = { g_strdup(path), g_strdup(format), g_strdup(kind), g_strdup(sha256) };
        g_array_append_val(res->outputs, o);
}

/* Outputs still as an earlier run with the same inputs left them: say so
 * and take them from the record, rendering nothing. */
static bool unchanged(const struct job_env *run, const char *key, struct job_result *res, FILE *out)
{
        GPtrArray *was = run->record ? record_lookup(run->record, key, run->ro->outdir) : NULL;
        if (!was)
                return false;
        for (size_t i = 0; i < was->len; i++) {
                const struct record_entry *e = was->pdata[i];
                char *path = g_build_filename(run->ro->outdir, e->name, NULL);
                /* Listed like a written file: to a script, the run's outputs. */
                put_line(out, path, "");
                add_output(res, path, e->format, e->kind, e->sha256);
                g_free(path);
        }
        g_ptr_array_free(was, TRUE);
        return true;
}

static void render_one(const struct job_env *run, const char *path, struct job_result *res, FILE *out, FILE *err)
{
        struct diag d;
        diag_init(&d, NULL);
        struct community *c = load(run, path, &d);
        bool ok = c != NULL;
        struct render_result done = { 0 };
        /* A kit is not in the record: it is one folder, made whole each time. */
        if (ok && run->ro->stream_fd < 0 && !run->kit) {
                res->key = renderer_input_key(run->r, c, run->ro);
                if (!run->force && unchanged(run, res->key, res, out)) {
                        res->status = JOB_UNCHANGED;
                        community_free(c);
                        diag_clear(&d);
                        return;
                }
        }
        if (ok) {
                ok = job_series_open(run, c, &d) &&
                     (run->kit ? kit_make(run->kit, c, run->ro, &done, &d) : renderer_render(run->r, c, run->ro, &done, &d)) &&
                     d.errors == 0;
        }
        keep_diag(res, err, &d, run->quiet);
        /* The paths of the files written, for scripts; not when the one
         * output went to standard output itself. */
        for (size_t i = 0; ok && i < done.n; i++) {
                const struct rendered *it = &done.items[i];
                if (run->ro->stream_fd < 0)
                        put_line(out, it->path, "");
                /* A kit's texts, calendar and index have no format: their kind. */
                char *fmt = it->format ? g_strconcat(it->format->name, it->preview ? "-png" : "", NULL)
                                       : g_strdup(output_writer(it->kind)->ext);
                add_output(res, it->path, fmt, output_writer(it->kind)->ext, it->sha256);
                g_free(fmt);
        }
        render_result_clear(&done);
        if (!ok)
                print_refused(err, path, &d);
        res->status = ok ? JOB_OK : d.errors > d.failures ? JOB_REFUSED : JOB_FAILED;
        community_free(c);
        diag_clear(&d);
}

void job_result_init(struct job_result *res, const char *path)
{
        memset(res, 0, sizeof *res);
        res->path = g_strdup(path);
        res->messages = g_ptr_array_new_with_free_func(g_free);
        res->outputs = g_array_new(FALSE, TRUE, sizeof(struct job_output));
        res->out = strdup("");
        res->err = strdup("");
}

void job_run(const struct job_env *e, const char *path, struct job_result *res)
{
        job_result_init(res, path);
        free(res->out);
        free(res->err);
        size_t olen = 0, elen = 0;
        FILE *out = open_memstream(&res->out, &olen), *err = open_memstream(&res->err, &elen);
        if (!out || !err)
                g_error("out of memory");
        gint64 start = g_get_monotonic_time();
        if (e->render)
                render_one(e, path, res, out, err);
        else
                check_one(e, path, res, out, err);
        res->seconds = (double)(g_get_monotonic_time() - start) / G_USEC_PER_SEC;
        fclose(out);
        fclose(err);
}

void job_refuse(const char *path, const char *message, struct job_result *res)
{
        job_result_init(res, path);
        free(res->out);
        free(res->err);
        g_ptr_array_add(res->messages, g_strconcat("E", message, NULL));
        char *clean = diag_clean(path);
        char *err = g_strdup_printf(_("%s\n%s: refused (1 error)\n"), message, clean);
        g_free(clean);
        res->err = strdup(err);
        g_free(err);
        res->out = strdup("");
        res->errors = 1;
        res->status = JOB_REFUSED;
}

void job_fail(const char *path, const char *why, struct job_result *res)
{
        job_result_init(res, path);
        free(res->out);
        free(res->err);
        char *clean = diag_clean(path);
        char *msg = g_strdup_printf("%s: %s", clean, why);
        g_ptr_array_add(res->messages, g_strconcat("E", msg, NULL));
        char *err = g_strdup_printf(_("%s\n%s: failed (nothing was written)\n"), msg, clean);
        g_free(clean);
        res->err = strdup(err);
        g_free(err);
        g_free(msg);
        res->out = strdup("");
        res->errors = res->failures = 1;
        res->status = JOB_FAILED;
}

void job_result_clear(struct job_result *res)
{
        g_free(res->path);
        free(res->out);
        free(res->err);
        if (res->messages)
                g_ptr_array_free(res->messages, TRUE);
        for (size_t i = 0; res->outputs && i < res->outputs->len; i++) {
                struct job_output *o = &g_array_index(res->outputs, struct job_output, i);
                g_free(o->path);
                g_free(o->format);
                g_free(o->kind);
                g_free(o->sha256);
        }
        if (res->outputs)
                g_array_free(res->outputs, TRUE);
        g_free(res->key);
        memset(res, 0, sizeof *res);
}

/* ---- a result across a pipe ------------------------------------------------------ */

/* Strings as a length and bytes, numbers as text: simple, and the reader
 * checks every length against what it has. */
static void put_str(GByteArray *b, const char *s)
{
        guint32 n = s ? (guint32)strlen(s) : 0xffffffffu;
        g_byte_array_append(b, (const guint8 *)&n, sizeof n);
        if (s)
                g_byte_array_append(b, (const guint8 *)s, n);
}

struct reader {
        const guint8 *p;
        size_t left;
        bool bad;
};

static char *get_str(struct reader *r)
{
        guint32 n;
        if (r->bad || r->left < sizeof n) {
                r->bad = true;
                return NULL;
        }
        memcpy(&n, r->p, sizeof n);
        r->p += sizeof n;
        r->left -= sizeof n;
        if (n == 0xffffffffu)
                return NULL;
        if (n > r->left) {
                r->bad = true;
                return NULL;
        }
        char *s = g_strndup((const char *)r->p, n);
        r->p += n;
        r->left -= n;
        return s;
}

static gsize get_num(struct reader *r)
{
        char *s = get_str(r);
        gsize v = s ? (gsize)g_ascii_strtoull(s, NULL, 10) : 0;
        g_free(s);
        return v;
}

static void put_num(GByteArray *b, gsize v)
{
        char s[32];
        g_snprintf(s, sizeof s, "%" G_GSIZE_FORMAT, v);
        put_str(b, s);
}

GByteArray *job_result_pack(const struct job_result *res)
{
        GByteArray *b = g_byte_array_new();
        put_num(b, (gsize)res->status);
        put_str(b, res->path);
        put_str(b, res->out ? res->out : "");
        put_str(b, res->err ? res->err : "");
        put_num(b, res->errors);
        put_num(b, res->warnings);
        put_num(b, res->failures);
        put_str(b, res->key);
        char secs[G_ASCII_DTOSTR_BUF_SIZE];
        put_str(b, g_ascii_dtostr(secs, sizeof secs, res->seconds));
        put_num(b, res->messages->len);
        for (size_t i = 0; i < res->messages->len; i++)
                put_str(b, res->messages->pdata[i]);
        put_num(b, res->outputs->len);
        for (size_t i = 0; i < res->outputs->len; i++) {
                const struct job_output *o = &g_array_index(res->outputs, struct job_output, i);
                put_str(b, o->path);
                put_str(b, o->format);
                put_str(b, o->kind);
                put_str(b, o->sha256);
        }
        return b;
}

bool job_result_unpack(const guint8 *data, size_t len, struct job_result *res)
{
        memset(res, 0, sizeof *res);
        struct reader r = { data, len, false };
        res->messages = g_ptr_array_new_with_free_func(g_free);
        res->outputs = g_array_new(FALSE, TRUE, sizeof(struct job_output));
        gsize status = get_num(&r);
        res->status = status <= JOB_FAILED ? (enum job_status)status : JOB_FAILED;
        res->path = get_str(&r);
        char *s = get_str(&r);
        res->out = s ? strdup(s) : NULL;
        g_free(s);
        s = get_str(&r);
        res->err = s ? strdup(s) : NULL;
        g_free(s);
        res->errors = get_num(&r);
        res->warnings = get_num(&r);
        res->failures = get_num(&r);
        res->key = get_str(&r);
        s = get_str(&r);
        res->seconds = s ? g_ascii_strtod(s, NULL) : 0;
        g_free(s);
        gsize n = get_num(&r);
        for (gsize i = 0; i < n && !r.bad; i++) {
                char *m = get_str(&r);
                if (m)
                        g_ptr_array_add(res->messages, m);
        }
        n = get_num(&r);
        for (gsize i = 0; i < n && !r.bad; i++) {
                struct job_output o = { get_str(&r), get_str(&r), get_str(&r), get_str(&r) };
                g_array_append_val(res->outputs, o);
        }
        return !r.bad && r.left == 0 && res->path && res->out && res->err;
}
