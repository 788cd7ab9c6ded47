/* track.h: which link was scanned: a parameter on the sign-up URL.
 *
 * With signup.track = "quelle"; every output gets its own address,
 * https://example.org/x?quelle=a3, so the sign-up page's statistics tell
 * a lead which poster, post or card brought people in.  Without the
 * setting the address stays exactly as written. */
#ifndef PLAKAT_TRACK_H
#define PLAKAT_TRACK_H

/* url with key=value added to its query: after an existing query with
 * "&", else with "?", always before a "#fragment".  key and value are
 * percent-encoded where the query needs it.  key NULL or "": a copy of
 * url.  Caller frees with g_free. */
char *track_url(const char *url, const char *key, const char *value);

#endif
