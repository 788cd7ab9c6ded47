/* hyphen.c: soft hyphens for long words.  (Stand-in: no hyphenation yet.) */
#include "hyphen.h"

#include <glib.h>

char *hyphen_text(const char *text, const char *lang)
{
        (void)lang;
        return g_strdup(text);
}

void hyphen_cleanup(void)
{
}
