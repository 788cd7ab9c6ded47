/* colour.h: a colour as "#RRGGBB", and the WCAG 2 arithmetic on colours.
 *
 * The one place a hex colour is read: community files, layouts and themes
 * all go through colour_parse, so they take and refuse the same strings.
 * Model code: no cairo here (drawing converts at the last moment). */
#ifndef PLAKAT_COLOUR_H
#define PLAKAT_COLOUR_H

#include <stdbool.h>

/* A colour; set is false for "not given" (a community's style.primary
 * left out), so a zeroed struct is a colour nobody chose. */
struct rgb {
        bool set;
        double r, g, b; /* 0..1 */
};

/* Parse exactly "#RRGGBB" (hex digits in either case) into *out with set
 * true.  Anything else (no '#', 3 or 8 digits, spaces, NULL) returns false
 * and leaves *out untouched. */
bool colour_parse(const char *s, struct rgb *out);

/* WCAG 2 relative luminance, 0 (black) to 1 (white). */
double colour_luminance(struct rgb c);

/* WCAG 2 contrast ratio of two colours, 1 (same) to 21 (black on white);
 * symmetric in a and b. */
double colour_contrast(struct rgb a, struct rgb b);

#endif
