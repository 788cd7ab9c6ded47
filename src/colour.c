/* colour.c: "#RRGGBB" and WCAG 2 contrast. */
#include "colour.h"

#include <glib.h>
#include <math.h>
#include <string.h>

bool colour_parse(const char *s, struct rgb *out)
{
        if (!s || strlen(s) != 7 || s[0] != '#')
                return false;
        int v[6];
        for (int i = 0; i < 6; i++)
                if ((v[i] = g_ascii_xdigit_value(s[i + 1])) < 0)
                        return false;
        out->set = true;
        out->r = (v[0] * 16 + v[1]) / 255.0;
        out->g = (v[2] * 16 + v[3]) / 255.0;
        out->b = (v[4] * 16 + v[5]) / 255.0;
        return true;
}

/* sRGB to linear light; 0.03928 is the threshold WCAG 2 publishes (the
 * sRGB standard says 0.04045; for 8-bit values both give the same). */
static double linear(double c)
{
        return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

double colour_luminance(struct rgb c)
{
        return 0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b);
}

double colour_contrast(struct rgb a, struct rgb b)
{
        double la = colour_luminance(a), lb = colour_luminance(b);
        return (fmax(la, lb) + 0.05) / (fmin(la, lb) + 0.05);
}
