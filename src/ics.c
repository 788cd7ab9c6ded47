/* ics.c: community -> iCalendar text.
 *
 * Why series per venue rather than single events for a rota: a rule keeps
 * the calendar right for years and lets EXDATE cancel one meeting, while
 * a list of single events ends where plakat stopped writing.  The venue of
 * meeting i is venues[i % n] with i counting cancelled meetings too
 * (schedule.c), so the meetings at venue v are the rule with n times the
 * interval, started at meeting v: a rule can say that.  It cannot for a
 * 5th weekday, where months without one do not count: those are single
 * events from today. */
#include "ics.h"

#include <stdarg.h>
#include <string.h>

#include "community.h"
#include "digest.h"
#include "facts.h"
#include "lang.h"
#include "schedule.h"

#define TZID "Europe/Berlin"

void ics_fold(GString *out, const char *line)
{
        size_t len = strlen(line), at = 0, width = 75;
        while (len - at > width) {
                size_t cut = at + width;
                /* Back to the start of a UTF-8 character. */
                while (cut > at && ((unsigned char)line[cut] & 0xC0) == 0x80)
                        cut--;
                g_string_append_len(out, line + at, (gssize)(cut - at));
                g_string_append(out, "\r\n ");
                at = cut;
                width = 74; /* the leading space counts */
        }
        g_string_append(out, line + at);
        g_string_append(out, "\r\n");
}

/* TEXT value escaping (RFC 5545 3.3.11). */
static char *escape(const char *s)
{
        GString *o = g_string_new(NULL);
        for (; *s; s++) {
                if (*s == '\\' || *s == ';' || *s == ',')
                        g_string_append_c(o, '\\');
                if (*s == '\n') {
                        g_string_append(o, "\\n");
                        continue;
                }
                if (*s == '\r')
                        continue;
                g_string_append_c(o, *s);
        }
        return g_string_free(o, FALSE);
}

static void prop(GString *out, const char *name, const char *text)
{
        if (!text || !*text)
                return;
        char *v = escape(text);
        char *line = g_strconcat(name, ":", v, NULL);
        ics_fold(out, line);
        g_free(line);
        g_free(v);
}

static void raw(GString *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void raw(GString *out, const char *fmt, ...)
{
        va_list ap;
        va_start(ap, fmt);
        char *line = g_strdup_vprintf(fmt, ap);
        va_end(ap);
        ics_fold(out, line);
        g_free(line);
}

static void local(char *buf, size_t n, const GDate *d, int minute)
{
        g_snprintf(buf, n, "%04d%02d%02dT%02d%02d00", g_date_get_year(d), g_date_get_month(d), g_date_get_day(d),
                   minute / 60, minute % 60);
}

/* The last Sunday of month m in year y. */
static GDate last_sunday(GDateYear y, GDateMonth m)
{
        GDate d;
        g_date_clear(&d, 1);
        g_date_set_dmy(&d, g_date_get_days_in_month(m, y), m, y);
        g_date_subtract_days(&d, (guint)g_date_get_weekday(&d) % 7);
        return d;
}

/* Minutes Berlin is ahead of UTC at the end of day d (23:59). */
static int berlin_offset_at_night(const GDate *d)
{
        GDateYear y = g_date_get_year(d);
        GDate start = last_sunday(y, G_DATE_MARCH), end = last_sunday(y, G_DATE_OCTOBER);
        return g_date_compare(d, &start) >= 0 && g_date_compare(d, &end) < 0 ? 120 : 60;
}

static void vtimezone(GString *out)
{
        /* The EU rule since 1996: summer time from the last Sunday of March
         * 01:00 UTC to the last Sunday of October 01:00 UTC. */
        static const char *const lines[] = {
                "BEGIN:VTIMEZONE", ("TZID:" TZID),
                "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST",
                "DTSTART:19700329T020000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
                "BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET",
                "DTSTART:19701025T030000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
                "END:VTIMEZONE",
        };
        for (size_t i = 0; i < G_N_ELEMENTS(lines); i++)
                ics_fold(out, lines[i]);
}

struct ev {
        const struct community *c;
        const struct facts *f;
        const char *url, *description, *stamp;
        /* What every UID starts with: the file's name (up to 60 bytes, in
         * whole characters) and the first digits of the sign-up address's
         * SHA-256.  RFC 5545 wants a UID unique in the world; the name
         * alone is not (lesekreis.cfg in two folders, or at two leads'),
         * and a calendar given both would take one community's meetings
         * for the other's. */
        char uid[96];
};

/* An event's common lines; its start and rule are the caller's. */
static void event_begin(GString *out, const struct ev *e, const char *uid, const struct slot *start,
                        size_t venue)
{
        char when[32];
        ics_fold(out, "BEGIN:VEVENT");
        /* A TEXT value: a "," or ";" in the file's name is escaped. */
        prop(out, "UID", uid);
        raw(out, "DTSTAMP:%s", e->stamp);
        local(when, sizeof when, &start->date, start->minute);
        raw(out, "DTSTART;TZID=" TZID ":%s", when);
        if (e->c->schedule.duration > 0)
                raw(out, "DURATION:PT%dM", e->c->schedule.duration);
        prop(out, "SUMMARY", e->c->name);
        /* "name, room, address", as the facts word every venue. */
        prop(out, "LOCATION", facts_item(e->f, "venues", venue % e->c->n_venues, "item"));
        prop(out, "DESCRIPTION", e->description);
        /* URL is a URI value: not escaped as text. */
        raw(out, "URL:%s", e->url);
}

static const char *const byday[] = { "", "MO", "TU", "WE", "TH", "FR", "SA", "SU" };

/* The RRULE of s at interval iv (the rota multiplies it). */
static char *rrule(const struct schedule *s, int iv)
{
        GString *r = g_string_new(NULL);
        const GDate *first = &s->first.date;
        GDateWeekday wd = g_date_get_weekday(first);
        if (s->repeat == REPEAT_WEEKLY) {
                g_string_printf(r, "RRULE:FREQ=WEEKLY;INTERVAL=%d;BYDAY=%s", iv, byday[wd]);
        } else if (s->monthly == MONTHLY_LAST_WEEKDAY) {
                g_string_printf(r, "RRULE:FREQ=MONTHLY;INTERVAL=%d;BYDAY=-1%s", iv, byday[wd]);
        } else if (s->monthly == MONTHLY_DAY_OF_MONTH) {
                int day = g_date_get_day(first);
                g_string_printf(r, "RRULE:FREQ=MONTHLY;INTERVAL=%d;BYMONTHDAY=", iv);
                if (day <= 28) {
                        g_string_append_printf(r, "%d", day);
                } else {
                        /* The 29th to 31st mean the month's end where the
                         * month is shorter (schedule.c): the last of the
                         * days 28..day that the month has. */
                        for (int k = 28; k <= day; k++)
                                g_string_append_printf(r, "%s%d", k > 28 ? "," : "", k);
                        g_string_append(r, ";BYSETPOS=-1");
                }
        } else {
                g_string_printf(r, "RRULE:FREQ=MONTHLY;INTERVAL=%d;BYDAY=%d%s", iv,
                                (g_date_get_day(first) - 1) / 7 + 1, byday[wd]);
        }
        if (s->has_until) {
                /* With a TZID start, UNTIL is UTC: the end of the last day. */
                GDate u = s->until;
                int m = 24 * 60 - 1 - berlin_offset_at_night(&u);
                g_string_append_printf(r, ";UNTIL=%04d%02d%02dT%02d%02d59Z", g_date_get_year(&u),
                                       g_date_get_month(&u), g_date_get_day(&u), m / 60, m % 60);
        }
        return g_string_free(r, FALSE);
}

static void exdates(GString *out, const struct schedule *s)
{
        for (size_t i = 0; i < s->n_skip; i++) {
                char when[32];
                local(when, sizeof when, &s->skip[i], s->first.minute);
                raw(out, "EXDATE;TZID=" TZID ":%s", when);
        }
}

static void single(GString *out, const struct ev *e, const struct meeting *m)
{
        char when[32];
        local(when, sizeof when, &m->start.date, m->start.minute);
        char *uid = g_strdup_printf("%s-%s@plakat", e->uid, when);
        event_begin(out, e, uid, &m->start, m->index);
        ics_fold(out, "END:VEVENT");
        g_free(uid);
}

static void rule_events(GString *out, const struct ev *e, const GDate *today)
{
        const struct community *c = e->c;
        const struct schedule *s = &c->schedule;
        size_t n = c->n_venues;
        bool fifth = s->repeat == REPEAT_MONTHLY && s->monthly == MONTHLY_NTH_WEEKDAY &&
                     (g_date_get_day(&s->first.date) - 1) / 7 + 1 == 5;
        if (s->repeat == REPEAT_ONCE || (fifth && n > 1)) {
                struct meeting *m = g_new(struct meeting, ICS_SINGLES);
                /* A single meeting stays in the calendar after it took place. */
                size_t k = schedule_next(s, s->repeat == REPEAT_ONCE ? &s->first.date : today, m, ICS_SINGLES);
                for (size_t i = 0; i < k; i++)
                        single(out, e, &m[i]);
                g_free(m);
                return;
        }
        /* Meeting v of the rule (cancelled or not) opens venue v's series. */
        struct schedule plain = *s;
        plain.skip = NULL;
        plain.n_skip = 0;
        struct meeting *m = g_new(struct meeting, n);
        size_t k = schedule_next(&plain, &s->first.date, m, n);
        char *rule = rrule(s, s->interval * (int)n);
        for (size_t v = 0; v < k; v++) {
                char *uid = n > 1 ? g_strdup_printf("%s-series-%zu@plakat", e->uid, v + 1)
                                  : g_strdup_printf("%s-series@plakat", e->uid);
                event_begin(out, e, uid, &m[v].start, m[v].index);
                ics_fold(out, rule);
                exdates(out, s);
                ics_fold(out, "END:VEVENT");
                g_free(uid);
        }
        g_free(rule);
        g_free(m);
}

char *ics_calendar(const struct community *c, const struct facts *f, const char *url, const GDate *today)
{
        GString *out = g_string_new(NULL);
        char stamp[32];
        g_snprintf(stamp, sizeof stamp, "%04d%02d%02dT000000Z", g_date_get_year(today), g_date_get_month(today),
                   g_date_get_day(today));
        GString *desc = g_string_new(facts_get(f, "topic"));
        if (facts_get(f, "pitch"))
                g_string_append_printf(desc, "\n%s", facts_get(f, "pitch"));
        g_string_append_printf(desc, "\n%s%s %s", facts_get(f, "signup.label"),
                               lang_colon_after(facts_get(f, "signup.label")), url);
        struct ev e = { c, f, url, desc->str, stamp, "" };
        char *sum = digest_hex_of(c->signup.url, strlen(c->signup.url));
        /* The name cut at a character, not inside one: a file named in
         * umlauts cut at byte 60 left half an "ä", and the calendar was no
         * longer UTF-8 (RFC 5545 3.1.4).  A name in another encoding
         * (Latin-1 from an old zip) is made UTF-8 for the same reason. */
        char *name = g_utf8_make_valid(c->slug, -1);
        size_t n = strlen(name);
        if (n > 60) {
                n = 60;
                while (n > 0 && ((unsigned char)name[n] & 0xC0) == 0x80)
                        n--;
        }
        g_snprintf(e.uid, sizeof e.uid, "%.*s-%.12s", (int)n, name, sum);
        g_free(name);
        g_free(sum);

        ics_fold(out, "BEGIN:VCALENDAR");
        ics_fold(out, "VERSION:2.0");
        ics_fold(out, "PRODID:-//plakat//plakat " PLAKAT_VERSION "//EN");
        ics_fold(out, "CALSCALE:GREGORIAN");
        ics_fold(out, "METHOD:PUBLISH");
        prop(out, "X-WR-CALNAME", c->name);
        raw(out, "X-WR-TIMEZONE:" TZID);
        vtimezone(out);
        if (c->schedule.has_rule) {
                rule_events(out, &e, today);
        } else {
                for (size_t i = 0; i < c->schedule.n_dates; i++) {
                        struct meeting m = { c->schedule.dates[i], c->schedule.duration, i };
                        single(out, &e, &m);
                }
        }
        ics_fold(out, "END:VCALENDAR");
        g_string_free(desc, TRUE);
        return g_string_free(out, FALSE);
}
