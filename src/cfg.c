/* cfg.c: libconfig files read with limits, checked encoding and plain
 * words for syntax errors; and the walker every loader reads them with. */
#include "cfg.h"
#include "i18n.h"

#include <glib.h>
#include <stdarg.h>
#include <string.h>

#include "diag.h"
#include "util.h"

static int line_at(const char *text, const char *p)
{
        int line = 1;
        for (const char *q = text; q < p; q++)
                line += *q == '\n';
        return line;
}

/* Where the (max + 1)-th assignment ("=" or ":" outside strings and
 * comments) is, or NULL when there are at most max.  A sketch of
 * libconfig's scanner, enough to count. */
static const char *too_many_settings(const char *text, size_t len, size_t max)
{
        size_t n = 0;
        for (size_t i = 0; i < len; i++) {
                char ch = text[i], next = i + 1 < len ? text[i + 1] : '\0';
                if (ch == '"') {
                        for (i++; i < len && text[i] != '"'; i++)
                                if (text[i] == '\\')
                                        i++;
                } else if (ch == '#' || (ch == '/' && next == '/')) {
                        while (i < len && text[i] != '\n')
                                i++;
                } else if (ch == '/' && next == '*') {
                        const char *close = g_strstr_len(text + i + 2, (gssize)(len - i - 2), "*/");
                        i = close ? (size_t)(close - text) + 1 : len;
                } else if ((ch == '=' || ch == ':') && ++n > max) {
                        return text + i;
                }
        }
        return NULL;
}

/* Size, encoding and @include, before libconfig sees anything.  Returns
 * the text to parse (BOM dropped, CRLF -> LF; caller frees) or NULL. */
static char *prepare(const char *text, size_t len, const char *file, const struct cfg_limits *lim,
                     struct diag *d)
{
        if (len > lim->max_bytes) {
                diag_error(d, file, 0, NULL, "file is %zu bytes; at most %zu are allowed", len, lim->max_bytes);
                return NULL;
        }
        if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
                text += 3;
                len -= 3;
        } else if (len >= 2 && (memcmp(text, "\xFF\xFE", 2) == 0 ||
                                memcmp(text, "\xFE\xFF", 2) == 0)) {
                diag_error(d, file, 1, NULL, "file is UTF-16; save it as UTF-8");
                return NULL;
        }
        const char *end = NULL;
        if (!g_utf8_validate_len(text, len, &end)) {
                if (*end == '\0')
                        diag_error(d, file, line_at(text, end), NULL,
                                   "file contains a NUL byte; is it a text file?");
                else
                        diag_error(d, file, line_at(text, end), NULL,
                                   "file is not valid UTF-8 (byte 0x%02X); save it as UTF-8",
                                   (unsigned)(unsigned char)*end);
                return NULL;
        }

        /* libconfig reads any file "@include" names (relative ones from the
         * current folder).  Its scanner takes the directive after blanks at
         * the start of a line; we refuse every such line, even one inside a
         * block comment: a false alarm there costs little. */
        bool include = false;
        for (const char *p = text; p < text + len;) {
                const char *q = p;
                while (q < text + len && (*q == ' ' || *q == '\t'))
                        q++;
                if ((size_t)(text + len - q) >= 8 && g_ascii_strncasecmp(q, "@include", 8) == 0) {
                        diag_error(d, file, line_at(text, q), NULL,
                                   "@include is not allowed; %s must not read other files", _(lim->what));
                        include = true;
                }
                const char *nl = memchr(p, '\n', (size_t)(text + len - p));
                p = nl ? nl + 1 : text + len;
        }
        if (include)
                return NULL;
        const char *extra = too_many_settings(text, len, lim->max_settings);
        if (extra) {
                diag_error(d, file, line_at(text, extra), NULL,
                           "more than %zu settings; %s needs far fewer", lim->max_settings, _(lim->what));
                return NULL;
        }

        char *out = g_malloc(len + 1);
        size_t n = 0;
        for (size_t i = 0; i < len; i++)
                if (!(text[i] == '\r' && i + 1 < len && text[i + 1] == '\n'))
                        out[n++] = text[i];
        out[n] = '\0';
        return out;
}

/* A group, list or array left open.  libconfig notices only where the
 * text stops making sense, often many lines below (a missing "}" after
 * lead = { ... is reported at the end of the file).  So the text is read
 * once more for brackets, outside strings and comments: the innermost
 * opener never closed is where the mistake began, and the first line
 * after it that is indented no deeper than the opener's line (a new
 * setting at that level) is where its closing bracket is most likely
 * missing.  Returns false when every bracket is closed. */
struct open_bracket {
        char c;
        int line, indent;
};

static int indent_of(const char *line_start)
{
        int n = 0;
        for (const char *p = line_start; *p == ' ' || *p == '\t'; p++)
                n += *p == '\t' ? 8 - n % 8 : 1;
        return n;
}

static bool unclosed_bracket(const char *text, int *open_line, int *likely_line, char *opener)
{
        GArray *stack = g_array_new(FALSE, FALSE, sizeof(struct open_bracket));
        int line = 1;
        const char *line_start = text;
        for (const char *p = text; *p; p++) {
                if (*p == '\n') {
                        line++;
                        line_start = p + 1;
                } else if (*p == '"') {
                        for (p++; *p && *p != '"'; p++) {
                                if (*p == '\\' && p[1])
                                        p++;
                                else if (*p == '\n') {
                                        line++;
                                        line_start = p + 1;
                                }
                        }
                        if (!*p)
                                break;
                } else if (*p == '#' || (*p == '/' && p[1] == '/')) {
                        while (p[1] && p[1] != '\n')
                                p++;
                } else if (*p == '/' && p[1] == '*') {
                        for (p += 2; *p && !(*p == '*' && p[1] == '/'); p++)
                                if (*p == '\n') {
                                        line++;
                                        line_start = p + 1;
                                }
                        if (!*p)
                                break;
                        p++;
                } else if (*p == '{' || *p == '(' || *p == '[') {
                        struct open_bracket b = { *p, line, indent_of(line_start) };
                        g_array_append_val(stack, b);
                } else if ((*p == '}' || *p == ')' || *p == ']') && stack->len > 0) {
                        g_array_set_size(stack, stack->len - 1);
                }
        }
        bool found = stack->len > 0;
        if (found) {
                struct open_bracket b = g_array_index(stack, struct open_bracket, stack->len - 1);
                *open_line = b.line;
                *opener = b.c;
                *likely_line = line + 1; /* the end, unless a line says otherwise */
                int l = 1;
                for (const char *q = text; *q; l++) {
                        const char *end = strchr(q, '\n');
                        size_t n = end ? (size_t)(end - q) : strlen(q);
                        const char *first = q;
                        while (first < q + n && (*first == ' ' || *first == '\t'))
                                first++;
                        bool content = first < q + n && *first != '#' && !(first[0] == '/' && first[1] == '/') &&
                                       *first != '}' && *first != ')' && *first != ']';
                        if (l > b.line && content && indent_of(q) <= b.indent) {
                                *likely_line = l;
                                break;
                        }
                        if (!end)
                                break;
                        q = end + 1;
                }
        }
        g_array_free(stack, TRUE);
        return found;
}

/* Where line (from 1) of text begins, or NULL past its end. */
static const char *line_start(const char *text, int line)
{
        const char *p = text;
        for (int l = 1; l < line && p; l++) {
                p = strchr(p, '\n');
                if (p)
                        p++;
        }
        return p;
}

/* The first line of a text in straight quotes whose closing quote seems
 * missing: libconfig lets a text run on over lines, so the mistake is
 * noticed only lines below, where the next quote ends the text and what
 * follows makes no sense (the starter file's comments put it two lines
 * above that).  A text that runs over lines and ends in a quote followed
 * by a word ("de" of language = "de" taken as the end and a word) is
 * such a text; one followed by ";", "," or a bracket was meant to run on
 * and is left alone.  0 when there is none. */
static int unclosed_string(const char *text)
{
        int line = 1;
        for (const char *p = text; *p; p++) {
                if (*p == '\n') {
                        line++;
                } else if (*p == '"') {
                        int start = line;
                        for (p++; *p && *p != '"'; p++) {
                                if (*p == '\\' && p[1] && p[1] != '\n')
                                        p++;
                                else if (*p == '\n')
                                        line++;
                        }
                        if (!*p)
                                return start;
                        const char *after = p + 1;
                        while (*after == ' ' || *after == '\t')
                                after++;
                        if (line > start && (g_ascii_isalnum(*after) || (unsigned char)*after >= 0x80))
                                return start;
                } else if (*p == '#' || (*p == '/' && p[1] == '/')) {
                        while (p[1] && p[1] != '\n')
                                p++;
                } else if (*p == '/' && p[1] == '*') {
                        for (p += 2; *p && !(*p == '*' && p[1] == '/'); p++)
                                if (*p == '\n')
                                        line++;
                        if (!*p)
                                break;
                        p++;
                }
        }
        return 0;
}

/* Whether text[from, to) holds the next setting ("Marta; email = "): a
 * ";" or "," then a name and "=" or ":". */
static bool holds_setting(const char *from, const char *to)
{
        for (const char *p = from; p < to; p++) {
                if (*p != ';' && *p != ',')
                        continue;
                const char *q = p + 1;
                while (q < to && (*q == ' ' || *q == '\t'))
                        q++;
                if (q >= to || !(g_ascii_isalpha(*q) || *q == '_'))
                        continue;
                while (q < to && (g_ascii_isalnum(*q) || *q == '_' || *q == '-'))
                        q++;
                while (q < to && (*q == ' ' || *q == '\t'))
                        q++;
                if (q < to && (*q == '=' || *q == ':'))
                        return true;
        }
        return false;
}

/* Whether line (from 1) of text has a word right after a closing straight
 * quote: pitch = "Bring deine "Nähmaschine" mit"; the second quote ends
 * the text early.  QUOTE_MISSING when the text so ended holds the next
 * setting (name = "Marta; email = "marta@..."): its own closing quote is
 * what is missing, and „…“ would be the wrong advice. */
enum { QUOTE_NONE, QUOTE_INSIDE, QUOTE_MISSING };

static int quote_inside_text(const char *text, int line)
{
        const char *p = line_start(text, line);
        if (!p)
                return QUOTE_NONE;
        const char *opened = NULL; /* in a string: its first character */
        for (; *p && *p != '\n'; p++) {
                if (opened) {
                        if (*p == '\\' && p[1] && p[1] != '\n')
                                p++;
                        else if (*p == '"' && (g_ascii_isalnum(p[1]) || (unsigned char)p[1] >= 0x80))
                                return holds_setting(opened, p) ? QUOTE_MISSING : QUOTE_INSIDE;
                        else if (*p == '"')
                                opened = NULL;
                        continue;
                }
                if (*p == '"')
                        opened = p + 1;
                else if (*p == '#' || (p[0] == '/' && (p[1] == '/' || p[1] == '*')))
                        return QUOTE_NONE;
        }
        return QUOTE_NONE;
}

/* The line before line (from 1) with content, when line begins with "{"
 * and that one ends in "}": two groups in a list need a comma between
 * them, and libconfig stumbles only at the second.  (After a ")" a comma
 * would not help: a list ended there.)  0 otherwise. */
static int comma_missing(const char *text, int line)
{
        const char *starts[2] = { NULL, NULL }; /* the last content line before, and line */
        int prev = 0, l = 1;
        for (const char *p = text; *p && l <= line; l++) {
                const char *end = strchr(p, '\n');
                size_t n = end ? (size_t)(end - p) : strlen(p);
                const char *first = p;
                while (first < p + n && (*first == ' ' || *first == '\t'))
                        first++;
                bool content = first < p + n && *first != '#' && !(first[0] == '/' && first[1] == '/');
                if (l == line) {
                        starts[1] = content ? first : NULL;
                } else if (content) {
                        /* its last character before a comment or the end */
                        const char *last = p + n;
                        bool quoted = false;
                        for (const char *q = first; q < p + n; q++) {
                                if (quoted && *q == '\\' && q + 1 < p + n)
                                        q++;
                                else if (*q == '"')
                                        quoted = !quoted;
                                else if (!quoted && (*q == '#' || (*q == '/' && q + 1 < p + n && q[1] == '/'))) {
                                        last = q;
                                        break;
                                }
                        }
                        while (last > first && (last[-1] == ' ' || last[-1] == '\t'))
                                last--;
                        starts[0] = last > first ? last - 1 : NULL;
                        prev = l;
                }
                if (!end)
                        break;
                p = end + 1;
        }
        return starts[1] && *starts[1] == '{' && starts[0] && *starts[0] == '}' ? prev : 0;
}

/* Whether line (from 1) of text holds a typographic quote outside its
 * straight-quoted values and comments: „…“ and “…” come from a word
 * processor or a phone, and libconfig sees neither as a quote, only a
 * syntax error.  Outside, so that tags = [“a”, "b"] is told too, and a
 * "„Zitat“" in straight quotes or a comment is not. */
static bool curly_quoted(const char *text, int line)
{
        static const char *const curly[] = { "„", "“", "”", "«", "»", "‚", "‘", "’" };
        const char *p = line_start(text, line);
        if (!p)
                return false;
        bool in_string = false;
        for (; *p && *p != '\n'; p++) {
                if (in_string) {
                        if (*p == '\\' && p[1] && p[1] != '\n')
                                p++;
                        else if (*p == '"')
                                in_string = false;
                        continue;
                }
                if (*p == '"')
                        in_string = true;
                else if (*p == '#' || (p[0] == '/' && (p[1] == '/' || p[1] == '*')))
                        return false;
                else
                        for (size_t i = 0; i < G_N_ELEMENTS(curly); i++)
                                if (g_str_has_prefix(p, curly[i]))
                                        return true;
        }
        return false;
}

bool cfg_parse(config_t *cfg, const char *text, size_t len, const char *file,
               const struct cfg_limits *lim, struct diag *d)
{
        char *clean = prepare(text, len, file, lim, d);
        if (!clean)
                return false;
        bool ok = config_read_string(cfg, clean) == CONFIG_TRUE;
        int open_line, likely, quoted = QUOTE_NONE;
        char opener;
        if (!ok && curly_quoted(clean, config_error_line(cfg))) {
                diag_error(d, file, config_error_line(cfg), NULL,
                           "syntax error: a text in typographic quotes („…“ or “…”); write it in straight quotes \"…\" (a "
                           "word processor changes them: use a text editor)");
        } else if (!ok && (open_line = comma_missing(clean, config_error_line(cfg))) > 0) {
                diag_error(d, file, open_line, NULL,
                           "syntax error: a comma is missing at the end of this line (between two groups { } of a "
                           "list)");
        } else if (!ok && (quoted = quote_inside_text(clean, config_error_line(cfg))) == QUOTE_INSIDE) {
                diag_error(d, file, config_error_line(cfg), NULL,
                           "syntax error: a straight quote \" inside a text ends it early; inside a text write „…“ "
                           "or \\\" instead");
        } else if (!ok && quoted == QUOTE_MISSING) {
                diag_error(d, file, config_error_line(cfg), NULL,
                           "syntax error: a text in this line runs on into the next setting; its closing \" is "
                           "probably missing");
        } else if (!ok && (open_line = unclosed_string(clean)) > 0 && open_line < config_error_line(cfg)) {
                diag_error(d, file, open_line, NULL,
                           "syntax error: the text in quotes that begins in this line does not end in it; a closing "
                           "\" is probably missing");
        } else if (!ok && unclosed_bracket(clean, &open_line, &likely, &opener) && likely < config_error_line(cfg)) {
                /* Only where libconfig stumbled later than the likely
                 * place: a mistake it noticed at once is better told where
                 * it is. */
                char closer = opener == '{' ? '}' : opener == '(' ? ')' : ']';
                diag_error(d, file, likely, NULL,
                           "syntax error: the \"%c\" opened in line %d is never closed; a \"%c\" is probably "
                           "missing just above this line",
                           opener, open_line, closer);
        } else if (!ok) {
                diag_error(d, file, config_error_line(cfg), NULL, "syntax error: %s",
                           diag_syntax_hint(config_error_text(cfg)));
        }
        g_free(clean);
        return ok;
}

bool cfg_load(config_t *cfg, const char *path, const struct cfg_limits *lim, struct diag *d)
{
        size_t len = 0;
        char *err = NULL;
        char *text = util_read_file(path, lim->max_bytes, &len, &err, NULL);
        if (!text) {
                diag_error(d, path, 0, NULL, "%s", err);
                g_free(err);
                return false;
        }
        bool ok = cfg_parse(cfg, text, len, path, lim, d);
        g_free(text);
        return ok;
}

/* ---- walking a parsed file ---------------------------------------------- */

const config_setting_t *cfg_member(const config_setting_t *g, const char *key)
{
        if (!g || config_setting_type(g) != CONFIG_TYPE_GROUP)
                return NULL;
        if (strpbrk(key, ":./"))
                return config_setting_get_member(g, key);
        /* Names the parser accepted hold no path token, so equality is
         * libconfig's; it refuses a name given twice, so the first is the
         * only one.  The list is read as libconfig.h declares it: two
         * library calls a member cost more than the comparison. */
        const config_list_t *list = g->value.list;
        for (unsigned i = 0; list && i < list->length; i++) {
                const config_setting_t *m = list->elements[i];
                if (m->name && strcmp(m->name, key) == 0)
                        return m;
        }
        return NULL;
}

int cfg_line(const config_setting_t *s)
{
        return s ? (int)config_setting_source_line(s) : 0;
}

const char *cfg_lookup_string(const config_setting_t *g, const char *path)
{
        if (!g)
                return NULL;
        const char *v = NULL;
        if (strpbrk(path, ":./["))
                return config_setting_lookup_string(g, path, &v) ? v : NULL;
        const config_setting_t *m = cfg_member(g, path);
        return m && config_setting_type(m) == CONFIG_TYPE_STRING ? config_setting_get_string(m) : NULL;
}

char *cfg_path(const config_setting_t *s)
{
        GString *r = g_string_new(NULL);
        GPtrArray *chain = g_ptr_array_new();
        for (const config_setting_t *p = s; p && config_setting_parent(p); p = config_setting_parent(p))
                g_ptr_array_insert(chain, 0, (gpointer)p);
        for (size_t i = 0; i < chain->len; i++) {
                const config_setting_t *p = chain->pdata[i];
                const char *n = config_setting_name(p);
                if (n) {
                        g_string_append_printf(r, "%s%s", r->len ? "." : "", n);
                        continue;
                }
                /* A list element: by the name a designer gave it, which
                 * survives inserting another element before it. */
                const char *label = cfg_lookup_string(p, "name");
                if (!label)
                        label = cfg_lookup_string(p, "family");
                if (label)
                        g_string_append_printf(r, "[%s]", label);
                else
                        g_string_append_printf(r, "[%d]", config_setting_index(p) + 1);
        }
        g_ptr_array_free(chain, TRUE);
        return g_string_free(r, FALSE);
}

const char *cfg_type_name(const config_setting_t *s)
{
        switch (s ? config_setting_type(s) : CONFIG_TYPE_NONE) {
        case CONFIG_TYPE_GROUP: return _("a group");
        case CONFIG_TYPE_INT: case CONFIG_TYPE_INT64: return _("an integer");
        case CONFIG_TYPE_FLOAT: return _("a number");
        case CONFIG_TYPE_STRING: return _("a string");
        case CONFIG_TYPE_BOOL: return _("true or false");
        case CONFIG_TYPE_ARRAY: return _("an array");
        case CONFIG_TYPE_LIST: return _("a list");
        default: return _("nothing");
        }
}

char *cfg_found(const config_setting_t *s)
{
        switch (s ? config_setting_type(s) : CONFIG_TYPE_NONE) {
        case CONFIG_TYPE_STRING:
                return diag_quote(config_setting_get_string(s), 60);
        case CONFIG_TYPE_INT:
        case CONFIG_TYPE_INT64:
                return g_strdup_printf("%lld", (long long)config_setting_get_int64(s));
        case CONFIG_TYPE_FLOAT:
                return g_strdup_printf("%g", config_setting_get_float(s));
        case CONFIG_TYPE_BOOL:
                return g_strdup(config_setting_get_bool(s) ? "true" : "false");
        case CONFIG_TYPE_GROUP:
                return g_strdup(_("a group { … }"));
        case CONFIG_TYPE_ARRAY:
                return g_strdup(_("a list [ … ]"));
        case CONFIG_TYPE_LIST:
                return g_strdup(_("a list ( … )"));
        default:
                return g_strdup(_("nothing"));
        }
}

bool cfg_is_number(const config_setting_t *s)
{
        int t = s ? config_setting_type(s) : CONFIG_TYPE_NONE;
        return t == CONFIG_TYPE_INT || t == CONFIG_TYPE_INT64 || t == CONFIG_TYPE_FLOAT;
}

double cfg_number_of(const config_setting_t *s)
{
        return config_setting_type(s) == CONFIG_TYPE_FLOAT ? config_setting_get_float(s)
                                                           : (double)config_setting_get_int64(s);
}

static void vreport(const struct cfg_walk *w, enum diag_level level, const config_setting_t *s,
                    const char *fmt, va_list ap)
{
        char *path = s ? cfg_path(s) : NULL;
        diag_vadd(w->d, level, w->file, cfg_line(s), path && *path ? path : NULL, fmt, ap);
        g_free(path);
}

void cfg_error(const struct cfg_walk *w, const config_setting_t *s, const char *fmt, ...)
{
        va_list ap;
        va_start(ap, fmt);
        vreport(w, DIAG_ERROR, s, fmt, ap);
        va_end(ap);
}

void cfg_warn(const struct cfg_walk *w, const config_setting_t *s, const char *fmt, ...)
{
        va_list ap;
        va_start(ap, fmt);
        vreport(w, DIAG_WARNING, s, fmt, ap);
        va_end(ap);
}

const config_setting_t *cfg_require(const struct cfg_walk *w, const config_setting_t *g,
                                    const char *key)
{
        const config_setting_t *s = cfg_member(g, key);
        if (s)
                return s;
        char *gp = cfg_path(g);
        char *path = *gp ? g_strconcat(gp, ".", key, NULL) : g_strdup(key);
        diag_error(w->d, w->file, cfg_line(g), path, "missing; this setting is required");
        g_free(path);
        g_free(gp);
        return NULL;
}

bool cfg_number_at(const struct cfg_walk *w, const config_setting_t *s, double lo, double hi, double *out)
{
        if (!s)
                return false;
        if (!cfg_is_number(s)) {
                cfg_error(w, s, _("expected a number, found %s"), cfg_type_name(s));
                return false;
        }
        double v = cfg_number_of(s);
        if (v < lo || v > hi) {
                cfg_error(w, s, _("expected a number from %g to %g, found %g"), lo, hi, v);
                return false;
        }
        *out = v;
        return true;
}

const char *cfg_string_at(const struct cfg_walk *w, const config_setting_t *s)
{
        if (!s)
                return NULL;
        if (config_setting_type(s) != CONFIG_TYPE_STRING) {
                cfg_error(w, s, _("expected a string, found %s"), cfg_type_name(s));
                return NULL;
        }
        return config_setting_get_string(s);
}

bool cfg_bool_at(const struct cfg_walk *w, const config_setting_t *s, bool *out)
{
        if (!s)
                return false;
        if (config_setting_type(s) != CONFIG_TYPE_BOOL) {
                cfg_error(w, s, _("expected true or false, found %s"), cfg_type_name(s));
                return false;
        }
        *out = config_setting_get_bool(s);
        return true;
}

int cfg_word_at(const struct cfg_walk *w, const config_setting_t *s, const char *const *words, int def)
{
        const char *v = cfg_string_at(w, s);
        if (!v)
                return def;
        for (int i = 0; words[i]; i++)
                if (strcmp(v, words[i]) == 0)
                        return i;
        char *list = g_strjoinv("\", \"", (char **)words);
        char *q = diag_quote(v, 40);
        cfg_error(w, s, _("expected one of \"%s\", found %s"), list, q);
        g_free(q);
        g_free(list);
        return def;
}

bool cfg_number(const struct cfg_walk *w, const config_setting_t *g, const char *key, double lo,
                double hi, double *out)
{
        return cfg_number_at(w, cfg_member(g, key), lo, hi, out);
}

const char *cfg_string(const struct cfg_walk *w, const config_setting_t *g, const char *key)
{
        return cfg_string_at(w, cfg_member(g, key));
}

bool cfg_bool(const struct cfg_walk *w, const config_setting_t *g, const char *key, bool *out)
{
        return cfg_bool_at(w, cfg_member(g, key), out);
}

int cfg_word(const struct cfg_walk *w, const config_setting_t *g, const char *key,
             const char *const *words, int def)
{
        return cfg_word_at(w, cfg_member(g, key), words, def);
}

void cfg_unknown(const struct cfg_walk *w, int line, const char *path, const char *suggestion)
{
        if (suggestion)
                diag_warn(w->d, w->file, line, path, "unknown setting; did you mean %s?", suggestion);
        else
                diag_warn(w->d, w->file, line, path, "unknown setting");
}

/* The two-letter language code that ends name ("description_de" -> "de"),
 * or NULL. */
static const char *lang_suffix(const char *name)
{
        size_t n = strlen(name);
        if (n < 4 || name[n - 3] != '_' || !g_ascii_islower(name[n - 2]) || !g_ascii_islower(name[n - 1]))
                return NULL;
        return name + n - 2;
}

/* Whether keys[k] is "stem_xx" (CFG_ANY_LANGUAGE): a text in any language. */
static bool any_language(const char *key)
{
        size_t n = strlen(key), m = strlen(CFG_ANY_LANGUAGE);
        return n > m && strcmp(key + n - m, CFG_ANY_LANGUAGE) == 0;
}

static bool key_known(const char *name, const char *const *keys, size_t n)
{
        const char *lang = lang_suffix(name);
        for (size_t k = 0; k < n; k++) {
                if (strcmp(name, keys[k]) == 0)
                        return true;
                /* "description_de" for "description_xx": the same stem. */
                if (lang && any_language(keys[k]) && strlen(keys[k]) == strlen(name) &&
                    strncmp(name, keys[k], (size_t)(lang - name)) == 0)
                        return true;
        }
        return false;
}

/* The did-you-mean for an unknown name, or NULL; g_free it.  A misspelt
 * language variant is matched by its stem and keeps its language
 * ("descripton_de" -> "description_de"); the "_xx" patterns themselves
 * are never suggested. */
static char *key_suggestion(const char *name, const char *const *keys, size_t n)
{
        GPtrArray *plain = g_ptr_array_new(), *stems = g_ptr_array_new_with_free_func(g_free);
        for (size_t k = 0; k < n; k++)
                if (any_language(keys[k]))
                        g_ptr_array_add(stems, g_strndup(keys[k], strlen(keys[k]) - strlen(CFG_ANY_LANGUAGE)));
                else
                        g_ptr_array_add(plain, (gpointer)keys[k]);
        char *out = NULL;
        const char *lang = lang_suffix(name);
        if (lang && stems->len) {
                char *stem = g_strndup(name, (size_t)(lang - 1 - name));
                const char *s = diag_closest(stem, (const char *const *)stems->pdata, stems->len);
                if (s)
                        out = g_strdup_printf("%s_%s", s, lang);
                g_free(stem);
        }
        if (!out)
                out = g_strdup(diag_closest(name, (const char *const *)plain->pdata, plain->len));
        g_ptr_array_free(stems, TRUE);
        g_ptr_array_free(plain, TRUE);
        return out;
}

size_t cfg_keys(const struct cfg_walk *w, const config_setting_t *g, const char *const *keys,
                size_t n)
{
        size_t unknown = 0;
        for (int i = 0; i < config_setting_length(g); i++) {
                const config_setting_t *m = config_setting_get_elem(g, (unsigned)i);
                const char *name = config_setting_name(m);
                /* List elements have no name; not ours to judge. */
                if (!name || key_known(name, keys, n))
                        continue;
                char *path = cfg_path(m), *suggestion = key_suggestion(name, keys, n);
                cfg_unknown(w, cfg_line(m), path, suggestion);
                g_free(suggestion);
                g_free(path);
                unknown++;
        }
        return unknown;
}

void cfg_texts_read(const struct cfg_walk *w, const config_setting_t *g, const char *key,
                    struct i18n_texts *out)
{
        out->v = NULL;
        out->n = 0;
        size_t stem = strlen(key);
        for (int i = 0; i < config_setting_length(g); i++) {
                const config_setting_t *m = config_setting_get_elem(g, (unsigned)i);
                const char *name = config_setting_name(m);
                if (!name || strncmp(name, key, stem) != 0)
                        continue;
                const char *lang;
                if (name[stem] == '\0')
                        lang = "";
                else if (name[stem] == '_' && lang_suffix(name) == name + stem + 1)
                        lang = name + stem + 1;
                else
                        continue;
                const char *text = cfg_string_at(w, m);
                if (!text)
                        continue;
                out->v = g_renew(struct i18n_text, out->v, out->n + 1);
                struct i18n_text *t = &out->v[out->n++];
                g_strlcpy(t->lang, lang, sizeof t->lang);
                t->text = g_strdup(text);
        }
}

bool cfg_read_file(const char *path, const struct cfg_limits *lim, cfg_reader *read, void *out,
                   struct diag *d)
{
        config_t cfg;
        config_init(&cfg);
        bool ok = cfg_load(&cfg, path, lim, d) && read(&cfg, path, out, d);
        config_destroy(&cfg);
        return ok;
}

bool cfg_read_string(const char *text, size_t len, const char *name, const struct cfg_limits *lim,
                     cfg_reader *read, void *out, struct diag *d)
{
        config_t cfg;
        config_init(&cfg);
        bool ok = cfg_parse(&cfg, text, len, name, lim, d) && read(&cfg, name, out, d);
        config_destroy(&cfg);
        return ok;
}
