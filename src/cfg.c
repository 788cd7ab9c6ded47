/* cfg.c: libconfig files read with limits, checked encoding and plain
 * words for syntax errors. */
#include "cfg.h"

#include <glib.h>
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
                                   "@include is not allowed; %s must not read other files", lim->what);
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
                           "more than %zu settings; %s needs far fewer", lim->max_settings, lim->what);
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

bool cfg_parse(config_t *cfg, const char *text, size_t len, const char *file,
               const struct cfg_limits *lim, struct diag *d)
{
        char *clean = prepare(text, len, file, lim, d);
        if (!clean)
                return false;
        bool ok = config_read_string(cfg, clean) == CONFIG_TRUE;
        if (!ok)
                diag_error(d, file, config_error_line(cfg), NULL, "syntax error: %s",
                           diag_syntax_hint(config_error_text(cfg)));
        g_free(clean);
        return ok;
}

bool cfg_load(config_t *cfg, const char *path, const struct cfg_limits *lim, struct diag *d)
{
        size_t len = 0;
        char *err = NULL;
        char *text = util_read_file(path, lim->max_bytes, &len, &err);
        if (!text) {
                diag_error(d, path, 0, NULL, "%s", err);
                g_free(err);
                return false;
        }
        bool ok = cfg_parse(cfg, text, len, path, lim, d);
        g_free(text);
        return ok;
}
