/* texts.h: the texts plakat kit writes to paste into platforms, and the
 * alt text of every image.
 *
 * Each platform is data (formats/platforms.cfg): its character limit, how
 * it counts links, the parts its text says in order, and which parts go
 * first when the text is too long.  A text is built from the facts (plain
 * text, already in the community's language) and words of the language
 * file; the lead's own words are used as written and nothing is added
 * that the lead did not say.  Lengths are Unicode characters, as the
 * platforms count them, never bytes. */
#ifndef PLAKAT_TEXTS_H
#define PLAKAT_TEXTS_H

#include <stdbool.h>
#include <stddef.h>

struct diag;
struct facts;

struct platform {
        char *name;  /* file name part: "mastodon" */
        char *title; /* "Mastodon" */
        int limit;   /* characters */
        int url_chars; /* > 0: each web address counts as this many */
        int hashtags;  /* at most this many */
        char *track;   /* value of signup.track */
        char **parts, **drop; /* NULL-terminated */
        bool plain_links;     /* shows a web address as text only (Instagram captions) */
};

struct platforms {
        struct platform *p;
        size_t n;
        char *card_track, *calendar_track; /* values of signup.track */
};

/* Read formats/platforms.cfg; problems go to d with file:line.  Returns
 * false when refused (out is then empty).  Free with platforms_clear. */
bool platforms_load(const char *path, struct platforms *out, struct diag *d);
bool platforms_load_string(const char *text, const char *name, struct platforms *out, struct diag *d);
void platforms_clear(struct platforms *ps);

/* How many characters the platform counts in text: Unicode characters,
 * each http(s) address as url_chars when that is > 0. */
size_t texts_count(const char *text, int url_chars);

/* The text for p from f, with url as the sign-up address (tracked or as
 * written).  Parts are dropped in p->drop's order until the text fits
 * p->limit; *fits says whether it did in the end (a name too long for
 * Mastodon).  Caller frees with g_free. */
char *texts_build(const struct platform *p, const struct facts *f, const char *url, bool *fits);

/* What a screen reader reads for an image that announces f: its kind
 * ("Plakat" / "Image"), name, topic, when, where, how to sign up (url).
 * At most TEXTS_ALT_MAX characters: less important parts go first.
 * Caller frees with g_free. */
#define TEXTS_ALT_MAX 1000
char *texts_alt(const struct facts *f, const char *kind, const char *url);

#endif
