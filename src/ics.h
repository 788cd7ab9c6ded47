/* ics.h: a community's meetings as an iCalendar file (RFC 5545).
 *
 * Rules become RRULEs (weekly, nth weekday, last weekday, day of month,
 * interval, UNTIL), cancelled days EXDATEs, explicit dates single events,
 * all in Europe/Berlin with its VTIMEZONE.  Venues that take turns are one
 * series per venue (the rule at venues times its interval, starting at
 * that venue's first meeting); where no rule can say it (a 5th weekday,
 * whose months without one do not count in the rota) the next meetings
 * are single events.  UIDs come from the community's slug and the series
 * or the day, so importing an updated file updates the same events. */
#ifndef PLAKAT_ICS_H
#define PLAKAT_ICS_H

#include <glib.h>

struct community;
struct facts;

/* Meetings written as single events where a rule cannot say them. */
#define ICS_SINGLES 60

/* The calendar of c as text with CRLF line ends, lines folded at 75
 * octets.  url is the sign-up address for the events (tracked or as
 * written); f gives the description's words; today stamps DTSTAMP and
 * starts the single events.  Caller frees with g_free. */
char *ics_calendar(const struct community *c, const struct facts *f, const char *url, const GDate *today);

/* Fold one content line (without its CRLF) at 75 octets, never inside a
 * UTF-8 character; each line ends in CRLF.  Appends to out. */
void ics_fold(GString *out, const char *line);

#endif
