/* lang.c: the words plakat adds, loaded from lang/<code>.cfg.
 *
 * Why a data file and not C: a translator should be able to add a language
 * or fix a word without a compiler, and a word in C drifts from its
 * neighbours.  So every word, every order of date parts and every sentence
 * that describes a schedule lives in the file; the C code only picks the
 * pieces and fills {placeholders}.
 *
 * The file (libconfig, UTF-8) has these settings, all required:
 *
 *   name            the language's own name, "Deutsch"
 *   rtl             bool, text runs right to left
 *   labels          group of strings; REQUIRED_LABELS below must be there,
 *                   more may be (layouts can use them)
 *   weekdays, weekdays_short, weekdays_adverb
 *                   7 strings each, Monday first ("dienstags" is adverbial)
 *   months, months_short
 *                   12 strings each, January first
 *   ordinals        31 strings, "1." .. "31." / "1st" .. "31st"
 *   ordinal_last    "letzten" / "last"
 *   dates           group: short, long, weekday, full, list, list_year
 *                   (formats with {d} {dd} {m} {mm} {month} {mon} {year}
 *                   {weekday} {wd}) and list_sep (", ")
 *   time            group: clock (12 or 24), format and format_on_hour
 *                   ({h} {hh} {mm}), am, pm (12-hour markers, with their
 *                   leading space), suffix (" Uhr"), range ("–")
 *   schedule        group of sentence templates, see SCHEDULE_TEMPLATES
 *
 * A format or template may only use the placeholders known for it, so a
 * typo such as {weekdy} is reported at load time with its line instead of
 * showing up on a printed poster. */
#include "lang.h"
#include "i18n.h"

#include "cfg.h"
#include "diag.h"

#include <assert.h>
#include <libconfig.h>
#include <string.h>

/* A language file is a few kilobytes; refuse anything absurd before
 * libconfig sees it. */
#define LANG_MAX_BYTES (256 * 1024)

static const char *const REQUIRED_LABELS[] = {
        "when",         "where",          "contact",       "next_meetings",
        "signup",       "lead",           "agenda",        "goal",
        "channels",     "topic",          "woop_wish",     "woop_outcome",
        "woop_obstacles", "woop_plan",    "scan_hint",     "no_more_meetings",
        "free_entry",   "everyone_welcome",
};

static const char *const SCHEDULE_TEMPLATES[] = {
        "once",         "weekly",        "weekly_n",     "monthly_nth",
        "monthly_nth_n", "monthly_last", "monthly_last_n", "monthly_day",
        "monthly_day_n", "dates",        "dates_mixed",  "until",
};

/* Placeholders a schedule template may use; schedule.c fills them all. */
static const char *const SCHEDULE_PLACEHOLDERS[] = {
        "date", "time", "weekday", "weekdays", "ordinal", "day",
        "interval", "count", "rule",
};

static const char *const DATE_FORMATS[] = {
        "short", "long", "weekday", "full", "list", "list_year",
};

static const char *const DATE_PLACEHOLDERS[] = {
        "d", "dd", "m", "mm", "month", "mon", "year", "weekday", "wd",
};

static const char *const TIME_PLACEHOLDERS[] = { "h", "hh", "mm" };

static const char *const TOP_KEYS[] = {
        "name",   "rtl",    "labels",  "weekdays", "weekdays_short",
        "weekdays_adverb", "months", "months_short", "ordinals",
        "ordinal_last", "dates", "time", "schedule",
};

static const char *const TIME_KEYS[] = {
        "clock", "format", "format_on_hour", "am", "pm", "suffix", "range",
};

enum { N_DATE_FORMATS = G_N_ELEMENTS(DATE_FORMATS) };

struct lang {
        char *code;
        char *name;
        bool rtl;
        GHashTable *labels;    /* key -> text, both owned */
        GHashTable *templates; /* key -> template, both owned */
        char *weekday[7], *weekday_short[7], *weekday_adverb[7];
        char *month[12], *month_short[12];
        char *ordinal[31];
        char *ordinal_last;
        char *date_fmt[N_DATE_FORMATS];
        char *list_sep;
        int clock; /* 12 or 24 */
        char *time_fmt, *time_fmt_on_hour, *am, *pm, *suffix, *range;
};

/* What one load needs to report problems. */
struct loader {
        struct cfg_walk w;
        config_t *cfg;
        size_t errors;
};

static void error_at(struct loader *ld, const config_setting_t *s, const char *name,
                     const char *msg)
{
        diag_error(ld->w.d, ld->w.file, cfg_line(s), name, "%s", msg);
        ld->errors++;
}

static char *full_name(const char *group, const char *name)
{
        return group ? g_strdup_printf("%s.%s", group, name) : g_strdup(name);
}

/* The setting `name` under `parent` (NULL: top level), or NULL after
 * reporting it missing at the line of its group. */
static config_setting_t *require(struct loader *ld, config_setting_t *parent,
                                 const char *group, const char *name)
{
        config_setting_t *s = parent ? config_setting_get_member(parent, name)
                                     : config_lookup(ld->cfg, name);
        if (!s) {
                char *full = full_name(group, name);
                error_at(ld, parent, full, _("missing; every language file needs it"));
                g_free(full);
        }
        return s;
}

/* A copy of the string setting, or NULL after reporting the problem. */
static char *get_string(struct loader *ld, config_setting_t *parent, const char *group,
                        const char *name)
{
        config_setting_t *s = require(ld, parent, group, name);
        if (!s)
                return NULL;
        if (config_setting_type(s) != CONFIG_TYPE_STRING) {
                char *full = full_name(group, name);
                error_at(ld, s, full, _("expected a string"));
                g_free(full);
                return NULL;
        }
        return g_strdup(config_setting_get_string(s));
}

/* Fill out[0..n) from an array or list of exactly n strings. */
static void get_strings(struct loader *ld, const char *name, char **out, int n)
{
        config_setting_t *s = require(ld, NULL, NULL, name);
        if (!s)
                return;
        bool ok = (config_setting_is_array(s) || config_setting_is_list(s)) &&
                  config_setting_length(s) == n;
        for (int i = 0; ok && i < n; i++)
                ok = config_setting_type(config_setting_get_elem(s, (unsigned)i)) ==
                     CONFIG_TYPE_STRING;
        if (!ok) {
                char *want = g_strdup_printf(_("expected a list of %d strings"), n);
                error_at(ld, s, name, want);
                g_free(want);
                return;
        }
        for (int i = 0; i < n; i++)
                out[i] = g_strdup(config_setting_get_string_elem(s, (unsigned)i));
}

static config_setting_t *get_group(struct loader *ld, const char *name)
{
        config_setting_t *s = require(ld, NULL, NULL, name);
        if (s && !config_setting_is_group(s)) {
                error_at(ld, s, name, _("expected a group { ... }"));
                return NULL;
        }
        return s;
}

static bool in_list(const char *word, size_t len, const char *const *list, size_t n)
{
        for (size_t i = 0; i < n; i++)
                if (strlen(list[i]) == len && strncmp(list[i], word, len) == 0)
                        return true;
        return false;
}

/* Report each {placeholder} in text that is not in allowed. */
static void check_placeholders(struct loader *ld, const config_setting_t *s,
                               const char *name, const char *text,
                               const char *const *allowed, size_t n)
{
        for (const char *p = strchr(text, '{'); p; p = strchr(p + 1, '{')) {
                const char *end = strchr(p, '}');
                if (!end)
                        break;
                if (!in_list(p + 1, (size_t)(end - p - 1), allowed, n)) {
                        char *word = g_strndup(p, (size_t)(end - p + 1));
                        GString *known = g_string_new(NULL);
                        for (size_t i = 0; i < n; i++)
                                g_string_append_printf(known, "%s{%s}", i ? " " : "",
                                                       allowed[i]);
                        char *msg = g_strdup_printf(_("unknown placeholder %s; known: %s"),
                                                    word, known->str);
                        error_at(ld, s, name, msg);
                        g_free(msg);
                        g_string_free(known, TRUE);
                        g_free(word);
                }
        }
}

/* A warning for each member of group (NULL: top level) not in known. */
static void warn_unknown(struct loader *ld, config_setting_t *group, const char *const *known,
                         size_t n)
{
        cfg_keys(&ld->w, group ? group : config_root_setting(ld->cfg), known, n);
}

static void load_labels(struct loader *ld, struct lang *l)
{
        config_setting_t *g = get_group(ld, "labels");
        if (!g)
                return;
        for (int i = 0; i < config_setting_length(g); i++) {
                config_setting_t *s = config_setting_get_elem(g, (unsigned)i);
                char *full = full_name("labels", config_setting_name(s));
                if (config_setting_type(s) != CONFIG_TYPE_STRING)
                        error_at(ld, s, full, _("expected a string"));
                else
                        g_hash_table_replace(l->labels, g_strdup(config_setting_name(s)),
                                             g_strdup(config_setting_get_string(s)));
                g_free(full);
        }
        for (size_t i = 0; i < G_N_ELEMENTS(REQUIRED_LABELS); i++)
                if (!config_setting_get_member(g, REQUIRED_LABELS[i]))
                        require(ld, g, "labels", REQUIRED_LABELS[i]);
}

static void load_dates(struct loader *ld, struct lang *l)
{
        config_setting_t *g = get_group(ld, "dates");
        if (!g)
                return;
        for (size_t i = 0; i < N_DATE_FORMATS; i++) {
                l->date_fmt[i] = get_string(ld, g, "dates", DATE_FORMATS[i]);
                if (!l->date_fmt[i])
                        continue;
                char *full = full_name("dates", DATE_FORMATS[i]);
                check_placeholders(ld, config_setting_get_member(g, DATE_FORMATS[i]), full,
                                   l->date_fmt[i], DATE_PLACEHOLDERS,
                                   G_N_ELEMENTS(DATE_PLACEHOLDERS));
                g_free(full);
        }
        l->list_sep = get_string(ld, g, "dates", "list_sep");
        static const char *const known[] = {
                "short", "long", "weekday", "full", "list", "list_year", "list_sep",
        };
        warn_unknown(ld, g, known, G_N_ELEMENTS(known));
}

static void load_time(struct loader *ld, struct lang *l)
{
        config_setting_t *g = get_group(ld, "time");
        if (!g)
                return;
        config_setting_t *clock = require(ld, g, "time", "clock");
        if (clock) {
                int c = config_setting_type(clock) == CONFIG_TYPE_INT
                                ? config_setting_get_int(clock) : 0;
                if (c != 12 && c != 24)
                        error_at(ld, clock, "time.clock", _("expected 12 or 24"));
                else
                        l->clock = c;
        }
        l->time_fmt = get_string(ld, g, "time", "format");
        l->time_fmt_on_hour = get_string(ld, g, "time", "format_on_hour");
        l->am = get_string(ld, g, "time", "am");
        l->pm = get_string(ld, g, "time", "pm");
        l->suffix = get_string(ld, g, "time", "suffix");
        l->range = get_string(ld, g, "time", "range");
        if (l->time_fmt)
                check_placeholders(ld, config_setting_get_member(g, "format"), "time.format",
                                   l->time_fmt, TIME_PLACEHOLDERS,
                                   G_N_ELEMENTS(TIME_PLACEHOLDERS));
        if (l->time_fmt_on_hour)
                check_placeholders(ld, config_setting_get_member(g, "format_on_hour"),
                                   "time.format_on_hour", l->time_fmt_on_hour,
                                   TIME_PLACEHOLDERS, G_N_ELEMENTS(TIME_PLACEHOLDERS));
        warn_unknown(ld, g, TIME_KEYS, G_N_ELEMENTS(TIME_KEYS));
}

static void load_templates(struct loader *ld, struct lang *l)
{
        config_setting_t *g = get_group(ld, "schedule");
        if (!g)
                return;
        for (size_t i = 0; i < G_N_ELEMENTS(SCHEDULE_TEMPLATES); i++) {
                const char *key = SCHEDULE_TEMPLATES[i];
                char *t = get_string(ld, g, "schedule", key);
                if (!t)
                        continue;
                char *full = full_name("schedule", key);
                check_placeholders(ld, config_setting_get_member(g, key), full, t,
                                   SCHEDULE_PLACEHOLDERS, G_N_ELEMENTS(SCHEDULE_PLACEHOLDERS));
                g_free(full);
                g_hash_table_replace(l->templates, g_strdup(key), t);
        }
        warn_unknown(ld, g, SCHEDULE_TEMPLATES, G_N_ELEMENTS(SCHEDULE_TEMPLATES));
}

static void load_all(struct loader *ld, struct lang *l)
{
        l->name = get_string(ld, NULL, NULL, "name");
        config_setting_t *rtl = require(ld, NULL, NULL, "rtl");
        if (rtl && config_setting_type(rtl) != CONFIG_TYPE_BOOL)
                error_at(ld, rtl, "rtl", _("expected true or false"));
        else if (rtl)
                l->rtl = config_setting_get_bool(rtl);
        load_labels(ld, l);
        get_strings(ld, "weekdays", l->weekday, 7);
        get_strings(ld, "weekdays_short", l->weekday_short, 7);
        get_strings(ld, "weekdays_adverb", l->weekday_adverb, 7);
        get_strings(ld, "months", l->month, 12);
        get_strings(ld, "months_short", l->month_short, 12);
        get_strings(ld, "ordinals", l->ordinal, 31);
        l->ordinal_last = get_string(ld, NULL, NULL, "ordinal_last");
        load_dates(ld, l);
        load_time(ld, l);
        load_templates(ld, l);
        warn_unknown(ld, NULL, TOP_KEYS, G_N_ELEMENTS(TOP_KEYS));
}

/* A code names a file in dir; keep it from naming anything else. */
static bool code_ok(const char *code)
{
        if (!*code || strlen(code) > 32)
                return false;
        for (const char *p = code; *p; p++)
                if (!g_ascii_isalnum(*p) && *p != '-' && *p != '_')
                        return false;
        return true;
}

struct lang *lang_load(const char *dir, const char *code, struct diag *d)
{
        if (!code_ok(code)) {
                char *q = diag_quote(code, 40);
                diag_error(d, NULL, 0, "language", "%s is not a language code (letters, "
                           "digits, '-' and '_')", q);
                g_free(q);
                return NULL;
        }
        char *file = g_strconcat(code, ".cfg", NULL);
        char *path = g_build_filename(dir, file, NULL);
        g_free(file);

        struct lang *l = NULL;
        config_t cfg;
        config_init(&cfg);
        struct loader ld = { { path, d }, &cfg, 0 };
        static const struct cfg_limits limits = { LANG_MAX_BYTES, 5000, N_("a language file") };
        if (!cfg_load(&cfg, path, &limits, d))
                goto out;

        l = g_new0(struct lang, 1);
        l->code = g_strdup(code);
        l->labels = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
        l->templates = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
        load_all(&ld, l);
        if (ld.errors) {
                lang_free(l);
                l = NULL;
        }
out:
        config_destroy(&cfg);
        g_free(path);
        return l;
}

static void free_strings(char **v, size_t n)
{
        for (size_t i = 0; i < n; i++)
                g_free(v[i]);
}

void lang_free(struct lang *l)
{
        if (!l)
                return;
        g_free(l->code);
        g_free(l->name);
        if (l->labels)
                g_hash_table_destroy(l->labels);
        if (l->templates)
                g_hash_table_destroy(l->templates);
        free_strings(l->weekday, 7);
        free_strings(l->weekday_short, 7);
        free_strings(l->weekday_adverb, 7);
        free_strings(l->month, 12);
        free_strings(l->month_short, 12);
        free_strings(l->ordinal, 31);
        g_free(l->ordinal_last);
        free_strings(l->date_fmt, N_DATE_FORMATS);
        g_free(l->list_sep);
        g_free(l->time_fmt);
        g_free(l->time_fmt_on_hour);
        g_free(l->am);
        g_free(l->pm);
        g_free(l->suffix);
        g_free(l->range);
        g_free(l);
}

static gint compare_strings(gconstpointer a, gconstpointer b)
{
        return strcmp(*(char *const *)a, *(char *const *)b);
}

char **lang_list(const char *dir)
{
        GPtrArray *codes = g_ptr_array_new();
        GDir *gd = g_dir_open(dir, 0, NULL);
        if (gd) {
                const char *name;
                while ((name = g_dir_read_name(gd))) {
                        if (!g_str_has_suffix(name, ".cfg"))
                                continue;
                        char *code = g_strndup(name, strlen(name) - strlen(".cfg"));
                        if (code_ok(code))
                                g_ptr_array_add(codes, code);
                        else
                                g_free(code);
                }
                g_dir_close(gd);
        }
        g_ptr_array_sort(codes, compare_strings);
        g_ptr_array_add(codes, NULL);
        return (char **)g_ptr_array_free(codes, FALSE);
}

const char *lang_code(const struct lang *l)
{
        return l->code;
}

const char *lang_name(const struct lang *l)
{
        return l->name;
}

const char *lang_label(const struct lang *l, const char *key)
{
        const char *v = g_hash_table_lookup(l->labels, key);
        assert(v && _("unknown label key"));
        return v ? v : key;
}

bool lang_has_label(const struct lang *l, const char *key)
{
        return g_hash_table_contains(l->labels, key);
}

bool lang_rtl(const struct lang *l)
{
        return l->rtl;
}

const char *lang_weekday(const struct lang *l, GDateWeekday wd)
{
        assert(wd >= G_DATE_MONDAY && wd <= G_DATE_SUNDAY);
        return l->weekday[wd - 1];
}

const char *lang_weekday_short(const struct lang *l, GDateWeekday wd)
{
        assert(wd >= G_DATE_MONDAY && wd <= G_DATE_SUNDAY);
        return l->weekday_short[wd - 1];
}

const char *lang_weekday_adverb(const struct lang *l, GDateWeekday wd)
{
        assert(wd >= G_DATE_MONDAY && wd <= G_DATE_SUNDAY);
        return l->weekday_adverb[wd - 1];
}

const char *lang_month(const struct lang *l, int month)
{
        assert(month >= 1 && month <= 12);
        return l->month[month - 1];
}

const char *lang_month_short(const struct lang *l, int month)
{
        assert(month >= 1 && month <= 12);
        return l->month_short[month - 1];
}

const char *lang_template(const struct lang *l, const char *key)
{
        const char *v = g_hash_table_lookup(l->templates, key);
        assert(v && _("unknown template key"));
        return v ? v : "";
}

const char *lang_ordinal(const struct lang *l, int n)
{
        if (n == -1)
                return l->ordinal_last;
        assert(n >= 1 && n <= 31);
        return l->ordinal[n - 1];
}

const char *lang_list_sep(const struct lang *l)
{
        return l->list_sep;
}

char *lang_fill(const char *tmpl, const char *const *pairs)
{
        GString *out = g_string_new(NULL);
        const char *p = tmpl;
        while (*p) {
                const char *open = strchr(p, '{');
                const char *close = open ? strchr(open, '}') : NULL;
                if (!close) {
                        g_string_append(out, p);
                        break;
                }
                g_string_append_len(out, p, open - p);
                size_t len = (size_t)(close - open - 1);
                const char *value = NULL;
                for (const char *const *kv = pairs; kv && kv[0]; kv += 2)
                        if (strlen(kv[0]) == len && strncmp(kv[0], open + 1, len) == 0) {
                                value = kv[1];
                                break;
                        }
                if (value)
                        g_string_append(out, value);
                else /* not ours: keep it, so the mistake is visible */
                        g_string_append_len(out, open, close - open + 1);
                p = close + 1;
        }
        return g_string_free(out, FALSE);
}

char *lang_date_fmt(const struct lang *l, const GDate *date, const char *fmt)
{
        int d = g_date_get_day(date), m = g_date_get_month(date);
        GDateWeekday wd = g_date_get_weekday(date);
        char sd[4], sdd[4], sm[4], smm[4], sy[8];
        g_snprintf(sd, sizeof sd, "%d", d);
        g_snprintf(sdd, sizeof sdd, "%02d", d);
        g_snprintf(sm, sizeof sm, "%d", m);
        g_snprintf(smm, sizeof smm, "%02d", m);
        g_snprintf(sy, sizeof sy, "%d", (int)g_date_get_year(date));
        const char *pairs[] = {
                "d", sd, "dd", sdd, "m", sm, "mm", smm,
                "month", lang_month(l, m), "mon", lang_month_short(l, m),
                "year", sy, "weekday", lang_weekday(l, wd),
                "wd", lang_weekday_short(l, wd), NULL,
        };
        return lang_fill(fmt, pairs);
}

char *lang_date(const struct lang *l, const GDate *date, enum lang_date_style style)
{
        /* enum lang_date_style follows DATE_FORMATS. */
        assert((size_t)style < N_DATE_FORMATS);
        return lang_date_fmt(l, date, l->date_fmt[style]);
}

/* The clock face for minute m, without am/pm or suffix: "18:30", "6:30",
 * "8" (12-hour clock, format_on_hour "{h}"). */
static char *clock_face(const struct lang *l, int m)
{
        m = ((m % 1440) + 1440) % 1440;
        int h = m / 60, min = m % 60;
        if (l->clock == 12) {
                h %= 12;
                if (h == 0)
                        h = 12; /* 12 am is midnight, 12 pm noon */
        }
        char sh[4], shh[4], smm[4];
        g_snprintf(sh, sizeof sh, "%d", h);
        g_snprintf(shh, sizeof shh, "%02d", h);
        g_snprintf(smm, sizeof smm, "%02d", min);
        const char *pairs[] = { "h", sh, "hh", shh, "mm", smm, NULL };
        return lang_fill(min ? l->time_fmt : l->time_fmt_on_hour, pairs);
}

/* "am" or "pm" for minute m on a 12-hour clock, "" on a 24-hour one. */
static const char *half(const struct lang *l, int m)
{
        if (l->clock != 12)
                return "";
        m = ((m % 1440) + 1440) % 1440;
        return m < 720 ? l->am : l->pm;
}

char *lang_time(const struct lang *l, int minute)
{
        char *face = clock_face(l, minute);
        char *s = g_strconcat(face, half(l, minute), NULL);
        g_free(face);
        return s;
}

char *lang_time_range(const struct lang *l, int start, int end)
{
        GString *s = g_string_new(NULL);
        char *a = clock_face(l, start);
        g_string_append(s, a);
        if (end >= 0) {
                char *b = clock_face(l, end);
                /* One marker for the whole span when both ends share it:
                 * "6:30–8 pm", but "11 am–1 pm". */
                if (strcmp(half(l, start), half(l, end)) != 0)
                        g_string_append(s, half(l, start));
                g_string_append(s, l->range);
                g_string_append(s, b);
                g_free(b);
        }
        g_string_append(s, half(l, end >= 0 ? end : start));
        g_string_append(s, l->suffix);
        g_free(a);
        return g_string_free(s, FALSE);
}

const char *lang_colon_after(const char *label)
{
        /* The last mark that is not white space: "Mach mit! " is the lead's
         * "Mach mit!" with a space typed after it.  A "…" or an arrow leads
         * on to the value as a colon would; the full-width marks are those
         * of Chinese and Japanese. */
        static const char *const marks[] = { "?", "!", ":", ".", "…", "→", "？", "！", "：" };
        size_t n = label ? strlen(label) : 0;
        while (n > 0 && g_ascii_isspace(label[n - 1]))
                n--;
        for (size_t i = 0; i < G_N_ELEMENTS(marks); i++) {
                size_t k = strlen(marks[i]);
                if (n >= k && memcmp(label + n - k, marks[i], k) == 0)
                        return "";
        }
        return ":";
}
