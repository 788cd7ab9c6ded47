/* expand.c: "{name}", "[Raum {venue.room}]" -> text. */
#include "expand.h"

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
                                scan_error(s, "expected \"]\" before another \"[\", found %s", "\"[\"");
                        else
                                group = g_string_new(NULL);
                        group_empty = false;
                        p++;
                } else if (*p == ']') {
                        if (!group) {
                                scan_error(s, "expected text, found %s without \"[\" (write \\] for a bracket)", "\"]\"");
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
                                scan_error(s, "expected \"}\" to close %s", "\"{\"");
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
                                                                   "unknown placeholder {%s}", *alt);
                                        }
                                }
                                const char *v = vars ? g_hash_table_lookup(vars, *alt) : NULL;
                                if (!val && v && *v)
                                        val = v;
                        }
                        g_strfreev(alts);
                        any_data |= data;
                        if (val) {
                                g_string_append(dst, val);
                                any_value = true;
                                any_data_value |= data;
                        } else if (group) {
                                group_empty = true;
                        }
                        g_free(key);
                        p = end + 1;
                } else if (*p == '}') {
                        scan_error(s, "expected text, found %s without \"{\" (write \\} for a brace)", "\"}\"");
                        p++;
                } else {
                        g_string_append_c(dst, *p);
                        p++;
                }
        }
        if (group && !s->cut)
                scan_error(s, "expected \"]\" to close %s", "\"[\"");
        if (group)
                g_string_free(group, TRUE);
        /* A template whose placeholders are all empty is an empty element,
         * even if it has literal words around them ("Ziel: {goal}"); so is
         * one whose only values are labels, the words around the data
         * ("{label.goal}: {goal}" without a goal). */
        if ((any_placeholder && !any_value) || (any_data && !any_data_value))
                g_string_truncate(out, 0);
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
