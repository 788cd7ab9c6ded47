/* schedule.c: schedule rule -> meeting dates, and the cycle in words. */
#include "schedule.h"

#include <stdio.h>
#include <string.h>

void schedule_clear(struct schedule *s)
{
        g_free(s->skip);
        g_free(s->dates);
        s->skip = NULL;
        s->dates = NULL;
        s->n_skip = s->n_dates = 0;
}

/* Exactly N digits at p, as a number; -1 otherwise. */
static int digits(const char *p, int n)
{
        int v = 0;
        for (int i = 0; i < n; i++) {
                if (p[i] < '0' || p[i] > '9')
                        return -1;
                v = v * 10 + (p[i] - '0');
        }
        return v;
}

bool schedule_parse_date(const char *s, GDate *out)
{
        if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
                return false;
        int y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
        if (y < 1 || m < 1 || d < 1 || !g_date_valid_dmy((GDateDay)d, (GDateMonth)m, (GDateYear)y))
                return false;
        g_date_clear(out, 1);
        g_date_set_dmy(out, (GDateDay)d, (GDateMonth)m, (GDateYear)y);
        return true;
}

bool schedule_parse_slot(const char *s, struct slot *out)
{
        if (strlen(s) != 16 || s[10] != ' ' || s[13] != ':')
                return false;
        char day[11];
        memcpy(day, s, 10);
        day[10] = '\0';
        int h = digits(s + 11, 2), min = digits(s + 14, 2);
        if (h < 0 || h > 23 || min < 0 || min > 59)
                return false;
        if (!schedule_parse_date(day, &out->date))
                return false;
        out->minute = h * 60 + min;
        return true;
}
