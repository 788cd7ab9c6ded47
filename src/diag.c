/* diag.c: file:line messages, counts, did-you-mean. */
#include "diag.h"

#include <glib.h>
#include <string.h>

#include "i18n.h"

void diag_init(struct diag *d, FILE *echo)
{
        memset(d, 0, sizeof *d);
        d->echo = echo;
}

void diag_clear(struct diag *d)
{
        for (size_t i = 0; i < d->n; i++)
                g_free(d->msgs[i].text);
        g_free(d->msgs);
        FILE *echo = d->echo;
        diag_init(d, echo);
}

static void append_clean(GString *s, const char *value, size_t max_chars, bool quoted);

static void push(struct diag *d, enum diag_level level, char *text, size_t where)
{
        if (d->n == d->cap) {
                d->cap = d->cap ? 2 * d->cap : 8;
                d->msgs = g_renew(struct diag_msg, d->msgs, d->cap);
        }
        d->msgs[d->n].level = level;
        d->msgs[d->n].text = text;
        d->msgs[d->n].where = where;
        if (d->echo) {
                fprintf(d->echo, "%s\n", text);
                fflush(d->echo);
        }
        d->n++;
        if (level == DIAG_ERROR)
                d->errors++;
        else
                d->warnings++;
}

void diag_add_as_warnings(struct diag *d, const struct diag *src)
{
        for (size_t i = 0; i < src->n; i++) {
                const struct diag_msg *m = &src->msgs[i];
                if (m->level == DIAG_WARNING)
                        push(d, DIAG_WARNING, g_strdup(m->text), m->where);
                else
                        push(d, DIAG_WARNING,
                             g_strdup_printf("%.*s%s%s", (int)m->where, m->text, _("warning: "),
                                             m->text + m->where),
                             m->where);
        }
}

void diag_vadd(struct diag *d, enum diag_level level, const char *file, int line,
               const char *setting, const char *fmt, va_list ap)
{
        GString *s = g_string_new(NULL);
        if (file) {
                /* File names come from strangers too (a name with an
                 * escape sequence must not drive the terminal). */
                append_clean(s, file, G_MAXSIZE, false);
                if (line > 0)
                        g_string_append_printf(s, ":%d", line);
                g_string_append(s, ": ");
        }
        size_t where = s->len;
        if (level == DIAG_WARNING)
                g_string_append(s, _("warning: "));
        if (setting)
                g_string_append_printf(s, "%s: ", setting);
        /* Callers pass the English literal; xgettext collects it. */
        g_string_append_vprintf(s, _(fmt), ap);
        push(d, level, g_string_free(s, FALSE), where);
}

void diag_fail(struct diag *d, const char *file, const char *fmt, ...)
{
        va_list ap;
        va_start(ap, fmt);
        diag_vadd(d, DIAG_ERROR, file, 0, NULL, fmt, ap);
        va_end(ap);
        d->failures++;
}

void diag_error(struct diag *d, const char *file, int line, const char *setting,
                const char *fmt, ...)
{
        va_list ap;
        va_start(ap, fmt);
        diag_vadd(d, DIAG_ERROR, file, line, setting, fmt, ap);
        va_end(ap);
}

void diag_warn(struct diag *d, const char *file, int line, const char *setting,
               const char *fmt, ...)
{
        va_list ap;
        va_start(ap, fmt);
        diag_vadd(d, DIAG_WARNING, file, line, setting, fmt, ap);
        va_end(ap);
}

void diag_print(const struct diag *d, FILE *out)
{
        for (size_t i = 0; i < d->n; i++)
                fprintf(out, "%s\n", d->msgs[i].text);
}

/* Optimal string alignment distance (Damerau: a swap counts once, which is
 * the commonest typo: "emial"). */
static size_t edit_distance(const char *a, const char *b)
{
        size_t n = strlen(a), m = strlen(b);
        size_t *row0 = g_new(size_t, m + 1), *row1 = g_new(size_t, m + 1),
               *row2 = g_new(size_t, m + 1);
        for (size_t j = 0; j <= m; j++)
                row1[j] = j;
        for (size_t i = 1; i <= n; i++) {
                row2[0] = i;
                for (size_t j = 1; j <= m; j++) {
                        size_t cost = a[i - 1] != b[j - 1];
                        size_t v = MIN(row1[j] + 1, row2[j - 1] + 1);
                        v = MIN(v, row1[j - 1] + cost);
                        if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                                v = MIN(v, row0[j - 2] + 1);
                        row2[j] = v;
                }
                size_t *t = row0;
                row0 = row1;
                row1 = row2;
                row2 = t;
        }
        size_t r = row1[m];
        g_free(row0);
        g_free(row1);
        g_free(row2);
        return r;
}

const char *diag_closest(const char *word, const char *const *candidates, size_t n)
{
        const char *best = NULL;
        size_t best_d = (size_t)-1;
        for (size_t i = 0; i < n; i++) {
                size_t dist = edit_distance(word, candidates[i]);
                if (dist < best_d) {
                        best_d = dist;
                        best = candidates[i];
                }
        }
        /* Beyond a third of the word, a suggestion is more noise than help. */
        size_t limit = MAX((size_t)2, strlen(word) / 3);
        return best_d <= limit ? best : NULL;
}

const char *diag_syntax_hint(const char *what)
{
        if (!what || strcmp(what, "syntax error") == 0)
                return _("look for a missing quote or bracket here or just above");
        if (strcmp(what, "duplicate setting name") == 0)
                return _("a setting is given twice (duplicate setting name)");
        if (strcmp(what, "mismatched element type in array") == 0)
                return _("a list in [ ] must hold one kind of value, e.g. only strings");
        return what;
}

/* Append value to s with what could drive a terminal shown, not obeyed:
 * control characters as \xNN, direction overrides and isolates (they would
 * reorder the rest of the line) as \uNNNN, invalid bytes as U+FFFD; with
 * quoted, also " and \ escaped.  At most max_chars characters, then "…". */
static void append_clean(GString *s, const char *value, size_t max_chars, bool quoted)
{
        char *valid = g_utf8_make_valid(value, -1);
        size_t count = 0;
        for (const char *p = valid; *p; p = g_utf8_next_char(p), count++) {
                if (count == max_chars) {
                        g_string_append(s, "…");
                        break;
                }
                gunichar c = g_utf8_get_char(p);
                if (quoted && (c == '"' || c == '\\'))
                        g_string_append_printf(s, "\\%c", (char)c);
                else if (c < 0x20 || (c >= 0x7f && c < 0xa0))
                        g_string_append_printf(s, "\\x%02x", (unsigned)c);
                else if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x200e ||
                         c == 0x200f || c == 0x061c)
                        g_string_append_printf(s, "\\u%04x", (unsigned)c);
                else
                        g_string_append_len(s, p, g_utf8_next_char(p) - p);
        }
        g_free(valid);
}

char *diag_quote(const char *value, size_t max_chars)
{
        GString *s = g_string_new(i18n_open_quote());
        append_clean(s, value, max_chars, true);
        g_string_append(s, i18n_close_quote());
        return g_string_free(s, FALSE);
}

char *diag_clean(const char *value)
{
        GString *s = g_string_new(NULL);
        append_clean(s, value, G_MAXSIZE, false);
        return g_string_free(s, FALSE);
}
