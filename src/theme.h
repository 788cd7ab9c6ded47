/* theme.h: colour themes (themes/themes.cfg) and the palette one
 * community gets: the layout's colours, then its theme's, then the
 * community's own style (contrast itself is colour.h's). */
#ifndef PLAKAT_THEME_H
#define PLAKAT_THEME_H

#include <stdbool.h>
#include <stddef.h>

#include "layout.h" /* struct palette, struct rgb */

struct diag;
struct style;

/* A theme sets some colour roles; the others keep the layout's. */
struct theme {
        char *name;
        char *description; /* English; "" when none */
        struct i18n_texts descriptions; /* every language, for plakat themes */
        struct palette colours;
};

struct themes {
        struct theme *t;
        size_t n;
};

/* Read the themes file; problems go to d with file:line.  Returns false
 * when it is refused (out is then empty). */
bool themes_load(const char *path, struct themes *out, struct diag *d);
/* The same from text[0..len) in memory (tests); name is used in messages. */
bool themes_load_string(const char *text, size_t len, const char *name, struct themes *out,
                        struct diag *d);
void themes_clear(struct themes *ts);

/* The theme of that name, in capitals or not ("Wald"), or NULL. */
const struct theme *themes_find(const struct themes *ts, const char *name);

/* The palette for layout colours, a theme (NULL: none) and a community's
 * style.  A colour the community sets brings its own readable text
 * colour (on_primary etc.). */
void theme_palette(const struct palette *layout, const struct theme *t, const struct style *s,
                   struct palette *out);

#endif
