/* expand.c: "{name}", "[Raum {venue.room}]" -> text. */
#include "expand.h"
#include "i18n.h"

#include <string.h>

#include "diag.h"

/* One pass serves both checking and expanding: with vars NULL it only
 * validates.  Optional groups do not nest (a designer never needs it, and
 * flat groups keep messages simple). */
struct scan {
        const char *const *names;
        struct diag *d;
        const char *file, *setting;
        int line;
        bool ok;
        size_t placeholders; /* seen so far */
        bool cut;            /* the text reached EXPAND_MAX_BYTES */
};

static void scan_error(struct scan *s, const char *fmt, const char *arg)
{
        s->ok = false;
        if (s->d)
                diag_error(s->d, s->file, s->line, s->setting, fmt, arg);
}

static bool known(const char *const *names, const char *key)
{
        for (size_t i = 0; names[i]; i++)
                if (strcmp(names[i], key) == 0)
                        return true;
        return false;
}

/* ---- separators an empty part leaves behind -----------------------------------
 *
 * "{venue.room} · {venue.address} · {venue.note}" without an address must
 * read "Raum 3 · barrierefrei", not "Raum 3 · · barrierefrei", and without
 * a room "Niederwall 23 · barrierefrei", not "· Niederwall 23 · …".  While
 * expanding, each value is wrapped in VAL_OPEN/VAL_CLOSE (control bytes no
 * value contains: the community loader refuses control characters); then
 * every stretch of the template's own text between two values that is
 * nothing but separators is looked at: at the start or the end it goes,
 * and two separators in a row become the first.  Template text with a
 * letter or digit in it ("Raum {venue.room}") is left as written. */
#define VAL_OPEN '\x01'
#define VAL_CLOSE '\x02'

static bool is_sep_char(gunichar c)
{
        return c == 0xB7 || c == 0x2013 || c == 0x2014 || c == 0x2022 || c == '|' || c == ',' || c == ';' ||
               c == '/' || c == ':' || c == '-';
}

/* Whether bytes [a, b) are separators and space only, with at least one
 * separator. */
static bool only_separators(const char *a, const char *b)
{
        bool any = false;
        for (const char *p = a; p < b; p = g_utf8_next_char(p)) {
                gunichar c = g_utf8_get_char(p);
                if (is_sep_char(c))
                        any = true;
                else if (!g_unichar_isspace(c))
                        return false;
        }
        return any;
}

/* The run [a, b) of separators as it should stand between two values:
 * its leading space, its first separator, its trailing space. */
static void first_separator(GString *out, const char *a, const char *b)
{
        const char *p = a;
        while (p < b && g_unichar_isspace(g_utf8_get_char(p)))
                p = g_utf8_next_char(p);
        g_string_append_len(out, a, p - a);
        const char *q = p;
        while (q < b && is_sep_char(g_utf8_get_char(q)))
                q = g_utf8_next_char(q);
        g_string_append_len(out, p, q - p);
        const char *t = b;
        while (t > q && g_unichar_isspace(g_utf8_get_char(g_utf8_prev_char(t))))
                t = g_utf8_prev_char(t);
        g_string_append_len(out, t, b - t);
}

static void tidy(GString *s)
{
        GString *r = g_string_sized_new(s->len);
        const char *p = s->str, *end = s->str + s->len;
        bool value_before = false;
        while (p < end) {
                if (*p == VAL_OPEN) {
                        const char *q = memchr(p, VAL_CLOSE, (size_t)(end - p));
                        q = q ? q : end;
                        g_string_append_len(r, p + 1, q - p - 1);
                        value_before = true;
                        p = q < end ? q + 1 : end;
                        continue;
                }
                const char *q = memchr(p, VAL_OPEN, (size_t)(end - p));
                q = q ? q : end;
                if (!only_separators(p, q))
                        g_string_append_len(r, p, q - p);
                else if (value_before && q < end)
                        first_separator(r, p, q);
                p = q;
        }
        g_string_assign(s, r->str);
        g_string_free(r, TRUE);
}

static char *run(const char *tmpl, GHashTable *vars, struct scan *s)
{
        GString *out = g_string_new(NULL);
        GString *group = NULL;  /* text of the open [ ... ] group */
        bool group_empty = false;
        bool any_value = false; /* did any placeholder give text? */
        bool any_placeholder = false;
        bool any_data = false, any_data_value = false; /* the same, for placeholders that are not labels */
        const char *p = tmpl;

        while (*p) {
                GString *dst = group ? group : out;
                /* Past the limit nothing more is shown. */
                if (vars && out->len + (group ? group->len : 0) > EXPAND_MAX_BYTES) {
                        s->cut = true;
                        break;
                }
                if (*p == '\\') {
                        if (p[1] == '{' || p[1] == '}' || p[1] == '[' || p[1] == ']' || p[1] == '\\') {
                                g_string_append_c(dst, p[1]);
                                p += 2;
                        } else {
                                g_string_append_c(dst, '\\');
                                p++;
                        }
                } else if (*p == '[') {
                        if (group)
                                scan_error(s, _("expected \"]\" before another \"[\", found %s"), "\"[\"");
                        else
                                group = g_string_new(NULL);
                        group_empty = false;
                        p++;
                } else if (*p == ']') {
                        if (!group) {
                                scan_error(s, _("expected text, found %s without \"[\" (write \\] for a bracket)"), "\"]\"");
                        } else {
                                if (!group_empty)
                                        g_string_append(out, group->str);
                                g_string_free(group, TRUE);
                                group = NULL;
                        }
                        p++;
                } else if (*p == '{') {
                        const char *end = strchr(p, '}');
                        if (!end) {
                                scan_error(s, _("expected \"}\" to close %s"), "\"{\"");
                                break;
                        }
                        if (++s->placeholders == EXPAND_PLACEHOLDERS_MAX + 1 && !vars) {
                                char *n = g_strdup_printf("%d", EXPAND_PLACEHOLDERS_MAX);
                                scan_error(s, "expected at most %s placeholders in one text, found more", n);
                                g_free(n);
                        }
                        char *key = g_strndup(p + 1, (gsize)(end - p - 1));
                        any_placeholder = true;
                        /* "{a|b}": the first of a, b that is not empty. */
                        char **alts = g_strsplit(key, "|", -1);
                        const char *val = NULL;
                        bool data = false;
                        for (char **alt = alts; *alt; alt++) {
                                data |= !g_str_has_prefix(*alt, "label.");
                                if (s->names && !known(s->names, *alt)) {
                                        s->ok = false;
                                        if (s->d) {
                                                size_t n = g_strv_length((char **)s->names);
                                                const char *near = diag_closest(*alt, s->names, n);
                                                if (near)
                                                        diag_error(s->d, s->file, s->line, s->setting,
                                                                   "unknown placeholder {%s}; did you mean {%s}?", *alt, near);
                                                else
                                                        diag_error(s->d, s->file, s->line, s->setting,
                                                                   "unknown placeholder {%s}; braces meant as text are "
                                                                   "written \\{ and \\}", *alt);
                                        }
                                }
                                const char *v = vars ? g_hash_table_lookup(vars, *alt) : NULL;
                                if (!val && v && *v)
                                        val = v;
                        }
                        g_strfreev(alts);
                        any_data |= data;
                        if (val) {
                                /* Marked, so that tidy() tells values from
                                 * the template's own separators. */
                                g_string_append_c(dst, VAL_OPEN);
                                g_string_append(dst, val);
                                g_string_append_c(dst, VAL_CLOSE);
                                any_value = true;
                                any_data_value |= data;
                        } else if (group) {
                                group_empty = true;
                        }
                        g_free(key);
                        p = end + 1;
                } else if (*p == '}') {
                        scan_error(s, _("expected text, found %s without \"{\" (write \\} for a brace)"), "\"}\"");
                        p++;
                } else {
                        g_string_append_c(dst, *p);
                        p++;
                }
        }
        if (group && !s->cut)
                scan_error(s, _("expected \"]\" to close %s"), "\"[\"");
        if (group)
                g_string_free(group, TRUE);
        /* A template whose placeholders are all empty is an empty element,
         * even if it has literal words around them ("Ziel: {goal}"); so is
         * one whose only values are labels, the words around the data
         * ("{label.goal}: {goal}" without a goal). */
        if ((any_placeholder && !any_value) || (any_data && !any_data_value))
                g_string_truncate(out, 0);
        tidy(out);
        return g_string_free(out, FALSE);
}

bool expand_check(const char *tmpl, const char *const *names, struct diag *d,
                  const char *file, int line, const char *setting)
{
        struct scan s = { names, d, file, setting, line, true, 0, false };
        g_free(run(tmpl, NULL, &s));
        return s.ok;
}

char *expand(const char *tmpl, GHashTable *vars, bool *cut)
{
        struct scan s = { NULL, NULL, NULL, NULL, 0, true, 0, false };
        char *r = run(tmpl, vars, &s);
        if (s.cut) {
                /* Back to a whole character, then the ellipsis. */
                size_t n = strlen(r) < EXPAND_MAX_BYTES ? strlen(r) : EXPAND_MAX_BYTES;
                const char *end = r + n;
                if (!g_utf8_validate(r, (gssize)n, &end))
                        n = (size_t)(end - r);
                r[n] = '\0';
                char *c = g_strconcat(r, "\xE2\x80\xA6", NULL);
                g_free(r);
                r = c;
        }
        if (cut)
                *cut = s.cut;
        g_strstrip(r);
        return r;
}

void expand_names(const char *tmpl, GHashTable *names)
{
        for (const char *p = tmpl; (p = strchr(p, '{'));) {
                if (p > tmpl && p[-1] == '\\') {
                        p++;
                        continue;
                }
                const char *end = strchr(p, '}');
                if (!end)
                        break;
                char *key = g_strndup(p + 1, (gsize)(end - p - 1));
                char **alts = g_strsplit(key, "|", -1);
                for (char **a = alts; *a; a++)
                        g_hash_table_add(names, g_strdup(*a));
                g_strfreev(alts);
                g_free(key);
                p = end + 1;
        }
}
