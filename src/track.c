/* track.c: the tracking parameter on the sign-up URL. */
#include "track.h"

#include <string.h>

#include <glib.h>

char *track_url(const char *url, const char *key, const char *value)
{
        if (!key || !*key || !value || !*value)
                return g_strdup(url);
        /* The fragment never reaches the server: the parameter goes before
         * it, or the statistics would never see it. */
        const char *hash = strchr(url, '#');
        size_t head = hash ? (size_t)(hash - url) : strlen(url);
        const char *q = memchr(url, '?', head);
        /* "x?" and "x?a=1&" already end in a separator. */
        const char *sep = !q ? "?" : (url[head - 1] == '?' || url[head - 1] == '&') ? "" : "&";
        char *k = g_uri_escape_string(key, NULL, FALSE);
        char *v = g_uri_escape_string(value, NULL, FALSE);
        char *out = g_strdup_printf("%.*s%s%s=%s%s", (int)head, url, sep, k, v, hash ? hash : "");
        g_free(v);
        g_free(k);
        return out;
}
