/* texts.c: platform texts and alt texts from the facts.
 *
 * A text is a list of parts (a title, the cycle, the place, the sign-up
 * link...), each a whole sentence or line, never cut.  When a text is too
 * long for its platform whole parts go, in the order the platform file
 * gives, so a Mastodon post loses its hashtags before its place and never
 * its name, date or link.  Words around the facts ("Wann?", "Nächstes
 * Treffen") come from the language file; the facts are the lead's words. */
#include "texts.h"
#include "i18n.h"

#include <libconfig.h>
#include <string.h>

#include <glib.h>

#include "cfg.h"
#include "diag.h"
#include "facts.h"
#include "lang.h"

#define PLATFORMS_MAX_BYTES (64 * 1024)

/* Parts a platform may name; kept never: name, next, signup. */
static const char *const part_names[] = { "title", "topic", "pitch", "goal", "cycle", "dates", "next",
                                          "place", "contact", "channels", "signup", "hashtags", "forward", NULL };
static const char *const kept[] = { "title", "next", "signup", "forward", NULL };

static const char *const platform_keys[] = { "name", "title", "limit", "url_chars", "track", "parts", "drop",
                                             "hashtags", "links" };

/* A list of part names at key of g, checked; NULL when absent. */
static char **read_parts(const struct cfg_walk *w, const config_setting_t *g, const char *key)
{
        const config_setting_t *a = config_setting_get_member(g, key);
        if (!a)
                return NULL;
        if (!config_setting_is_array(a) && !config_setting_is_list(a)) {
                cfg_error(w, a, _("expected a list of parts [\"title\", ...], found %s"), cfg_type_name(a));
                return NULL;
        }
        int n = config_setting_length(a);
        char **out = g_new0(char *, (size_t)n + 1);
        for (int i = 0, k = 0; i < n; i++) {
                const char *s = config_setting_get_string_elem(a, i);
                if (!s || !g_strv_contains(part_names, s)) {
                        char *all = g_strjoinv(", ", (char **)part_names);
                        cfg_error(w, a, _("unknown part \"%s\" (known: %s)"), s ? s : "?", all);
                        g_free(all);
                        continue;
                }
                if (strcmp(key, "drop") == 0 && g_strv_contains(kept, s)) {
                        cfg_error(w, a, _("part \"%s\" is never dropped: a text without it does not invite"), s);
                        continue;
                }
                out[k++] = g_strdup(s);
        }
        return out;
}

static bool read_platform(const struct cfg_walk *w, const config_setting_t *g, struct platform *p)
{
        memset(p, 0, sizeof *p);
        size_t before = w->d->errors;
        cfg_keys(w, g, platform_keys, G_N_ELEMENTS(platform_keys));
        static const char *const required[] = { "name", "title", "limit", "parts" };
        for (size_t i = 0; i < G_N_ELEMENTS(required); i++)
                cfg_require(w, g, required[i]);
        double limit = 0, url_chars = 0, hashtags = 0;
        cfg_number(w, g, "limit", 50, 100000, &limit);
        cfg_number(w, g, "url_chars", 0, 1000, &url_chars);
        cfg_number(w, g, "hashtags", 0, 30, &hashtags);
        const char *name = cfg_string(w, g, "name"), *title = cfg_string(w, g, "title");
        const char *track = cfg_string(w, g, "track");
        p->parts = read_parts(w, g, "parts");
        p->drop = read_parts(w, g, "drop");
        p->name = g_strdup(name);
        p->title = g_strdup(title);
        p->track = g_strdup(track ? track : name);
        p->limit = (int)limit;
        p->url_chars = (int)url_chars;
        p->hashtags = (int)hashtags;
        bool links = true;
        cfg_bool(w, g, "links", &links);
        p->plain_links = !links;
        return w->d->errors == before;
}

static void platform_clear(struct platform *p)
{
        g_free(p->name);
        g_free(p->title);
        g_free(p->track);
        g_strfreev(p->parts);
        g_strfreev(p->drop);
}

void platforms_clear(struct platforms *ps)
{
        for (size_t i = 0; i < ps->n; i++)
                platform_clear(&ps->p[i]);
        g_free(ps->p);
        g_free(ps->card_track);
        g_free(ps->calendar_track);
        memset(ps, 0, sizeof *ps);
}

static char *group_string(const struct cfg_walk *w, const config_t *cfg, const char *group, const char *def)
{
        const config_setting_t *g = config_lookup(cfg, group);
        const char *v = g ? cfg_string(w, g, "track") : NULL;
        return g_strdup(v ? v : def);
}

static bool from_config(const config_t *cfg, const char *path, void *into, struct diag *d)
{
        struct platforms *out = into;
        const struct cfg_walk w = { path, d };
        size_t before = d->errors;
        static const char *const top[] = { "platforms", "cards", "calendar" };
        cfg_keys(&w, config_root_setting(cfg), top, G_N_ELEMENTS(top));
        const config_setting_t *list = config_lookup(cfg, "platforms");
        if (!list || !config_setting_is_list(list)) {
                diag_error(d, path, cfg_line(list), "platforms",
                           "expected a list of platforms ( { name = ...; }, ... ), found %s", cfg_type_name(list));
                return false;
        }
        size_t n = (size_t)config_setting_length(list);
        out->p = g_new0(struct platform, n ? n : 1);
        for (size_t i = 0; i < n; i++) {
                struct platform *p = &out->p[out->n++];
                read_platform(&w, config_setting_get_elem(list, (unsigned)i), p);
        }
        out->card_track = group_string(&w, cfg, "cards", "card");
        out->calendar_track = group_string(&w, cfg, "calendar", "ics");
        if (d->errors > before) {
                platforms_clear(out);
                return false;
        }
        return true;
}

static const struct cfg_limits limits = { PLATFORMS_MAX_BYTES, 2000, N_("a platforms file") };

bool platforms_load(const char *path, struct platforms *out, struct diag *d)
{
        memset(out, 0, sizeof *out);
        return cfg_read_file(path, &limits, from_config, out, d);
}

bool platforms_load_string(const char *text, const char *name, struct platforms *out, struct diag *d)
{
        memset(out, 0, sizeof *out);
        return cfg_read_string(text, strlen(text), name, &limits, from_config, out, d);
}

/* ---- counting -------------------------------------------------------------- */

size_t texts_count(const char *text, int url_chars)
{
        size_t n = 0;
        for (const char *p = text; *p;) {
                bool at_url = url_chars > 0 && (p == text || g_ascii_isspace(p[-1])) &&
                              (g_str_has_prefix(p, "https://") || g_str_has_prefix(p, "http://"));
                if (at_url) {
                        while (*p && !g_ascii_isspace(*p))
                                p++;
                        n += (size_t)url_chars;
                        continue;
                }
                p = g_utf8_next_char(p);
                n++;
        }
        return n;
}

/* ---- parts ------------------------------------------------------------------- */

static const char *label(const struct facts *f, const char *key)
{
        const struct lang *l = facts_lang(f);
        return l && lang_has_label(l, key) ? lang_label(l, key) : NULL;
}

/* "Label: value", or value alone when the language has no such label. */
static char *labelled(const char *lab, const char *value)
{
        if (!value)
                return NULL;
        if (!lab)
                return g_strdup(value);
        return g_strdup_printf("%s%s %s", lab, lang_colon_after(lab), value);
}

static char *hashtags(const struct facts *f, int most)
{
        size_t n = facts_list_len(f, "tags");
        GString *s = g_string_new(NULL);
        for (size_t i = 0; i < n && (int)i < most; i++) {
                const char *tag = facts_item(f, "tags", i, "item");
                if (!tag)
                        continue;
                /* A hashtag is one word: "Urban Gardening" -> #UrbanGardening */
                g_string_append(s, s->len ? " #" : "#");
                for (const char *p = tag; *p; p = g_utf8_next_char(p))
                        if (!g_unichar_isspace(g_utf8_get_char(p)) && *p != '#')
                                g_string_append_len(s, p, g_utf8_next_char(p) - p);
        }
        return g_string_free(s, s->len == 0);
}

/* The next meeting: "Nächstes Treffen: Dienstag, 12. Januar 2027,
 * 18:30–20:00 Uhr" (with its weekday: a reader plans by it); when none
 * lies ahead, the language's words for that. */
static char *next_part(const struct facts *f)
{
        const char *date = facts_get(f, "next.full");
        if (!date)
                return g_strdup(facts_get(f, "next"));
        const char *time = facts_get(f, "next.time");
        char *when = time ? g_strdup_printf("%s, %s", date, time) : g_strdup(date);
        char *s = labelled(label(f, "kit_next"), when);
        g_free(when);
        return s;
}

/* The group's channels, each on a line with where to find it: "Signal:
 * https://signal.group/..." or "Näh-Treff Chat (WhatsApp): https://...",
 * under the language's heading; NULL when the file names none.  The
 * links are the lead's own, as written (a chat's invite link is how a
 * friend who was forwarded the text joins). */
static char *channels_part(const struct facts *f)
{
        size_t n = facts_list_len(f, "channels");
        if (!n)
                return NULL;
        GString *s = g_string_new(NULL);
        const char *head = label(f, "channels");
        if (head)
                g_string_append_printf(s, "%s%s", head, lang_colon_after(head));
        for (size_t i = 0; i < n; i++) {
                const char *name = facts_item(f, "channels", i, "name"), *type = facts_item(f, "channels", i, "type");
                const char *url = facts_item(f, "channels", i, "url"), *where = facts_item(f, "channels", i, "address");
                /* mailto: and tel: as a reader types them; web links whole */
                const char *at = url && (g_str_has_prefix(url, "https://") || g_str_has_prefix(url, "http://")) ? url
                                                                                                               : where;
                char *what = name && type && strcmp(name, type) != 0 ? g_strdup_printf("%s (%s)", name, type)
                                                                     : g_strdup(name ? name : type ? type : "");
                if (s->len)
                        g_string_append_c(s, '\n');
                if (*what && at)
                        g_string_append_printf(s, "%s: %s", what, at);
                else
                        g_string_append(s, *what ? what : at ? at : "");
                g_free(what);
        }
        return g_string_free(s, FALSE);
}

/* "Wann? Jeden 2. Dienstag im Monat, 18:30–20:00 Uhr"; NULL for a list
 * of dates or a single meeting, whose cycle names the next meeting, which
 * next_part says already ("Wann? Am Donnerstag, 21. …" above "Nächstes
 * Treffen: Donnerstag, 21. …"). */
static char *cycle_part(const struct facts *f)
{
        const char *cycle = facts_get(f, "cycle"), *next = facts_get(f, "next.full");
        if (cycle && next && strstr(cycle, next))
                return NULL;
        return labelled(label(f, "when"), cycle);
}

static char *part_text(const char *part, const struct facts *f, const char *url, const struct platform *p)
{
        if (strcmp(part, "title") == 0)
                return g_strdup(facts_get(f, "name"));
        if (strcmp(part, "topic") == 0)
                return g_strdup(facts_get(f, "topic"));
        if (strcmp(part, "pitch") == 0)
                return g_strdup(facts_get(f, "pitch"));
        if (strcmp(part, "goal") == 0)
                return labelled(label(f, "goal"), facts_get(f, "goal"));
        if (strcmp(part, "cycle") == 0)
                return cycle_part(f);
        if (strcmp(part, "dates") == 0)
                /* Only a list of several: the next one has its own part. */
                return facts_get(f, "next.date") && facts_get(f, "next")
                               ? labelled(label(f, "next_meetings"), facts_get(f, "next"))
                               : NULL;
        if (strcmp(part, "next") == 0)
                return next_part(f);
        if (strcmp(part, "place") == 0)
                return labelled(label(f, "where"), facts_get(f, "venue"));
        if (strcmp(part, "contact") == 0) {
                const char *email = facts_get(f, "lead.email"), *lead = facts_get(f, "lead");
                char *who = email ? g_strdup_printf("%s, %s", lead, email) : g_strdup(lead);
                char *s = labelled(label(f, "contact"), who);
                g_free(who);
                return s;
        }
        if (strcmp(part, "channels") == 0)
                return channels_part(f);
        if (strcmp(part, "signup") == 0) {
                /* The link alone on its line: apps make it clickable.  One
                 * that does not (Instagram) gets the note where readers find
                 * it, the profile's link, which the lead sets to the url. */
                const char *lab = facts_get(f, "signup.label"), *bio = p->plain_links ? label(f, "kit_link_in_bio") : NULL;
                if (bio)
                        return g_strdup_printf("%s (%s)%s\n%s", lab, bio, lang_colon_after(bio), url);
                return g_strdup_printf("%s%s\n%s", lab, lang_colon_after(lab), url);
        }
        if (strcmp(part, "hashtags") == 0)
                return hashtags(f, p->hashtags);
        if (strcmp(part, "forward") == 0) {
                const char *tmpl = label(f, "kit_forward");
                if (!tmpl)
                        return g_strdup(facts_get(f, "name"));
                const char *pairs[] = { "name", facts_get(f, "name"), "topic", facts_get(f, "topic"), NULL };
                return lang_fill(tmpl, pairs);
        }
        return NULL;
}

/* Join the parts not dropped, one paragraph each (the forwarded message:
 * one line each, as a chat message reads). */
static char *join(char **texts, const bool *dropped, size_t n, const char *sep)
{
        GString *s = g_string_new(NULL);
        for (size_t i = 0; i < n; i++)
                if (texts[i] && !dropped[i])
                        g_string_append_printf(s, "%s%s", s->len ? sep : "", texts[i]);
        g_string_append_c(s, '\n');
        return g_string_free(s, FALSE);
}

char *texts_build(const struct platform *p, const struct facts *f, const char *url, bool *fits)
{
        size_t n = g_strv_length(p->parts);
        char **texts = g_new0(char *, n + 1);
        bool *dropped = g_new0(bool, n + 1);
        for (size_t i = 0; i < n; i++)
                texts[i] = part_text(p->parts[i], f, url, p);
        const char *sep = strcmp(p->name, "forward") == 0 ? "\n" : "\n\n";
        char *out = join(texts, dropped, n, sep);
        for (char **d = p->drop; d && *d && texts_count(out, p->url_chars) > (size_t)p->limit; d++) {
                for (size_t i = 0; i < n; i++)
                        if (strcmp(p->parts[i], *d) == 0)
                                dropped[i] = true;
                g_free(out);
                out = join(texts, dropped, n, sep);
        }
        *fits = texts_count(out, p->url_chars) <= (size_t)p->limit;
        /* Not g_strfreev: a part the lead left out is NULL in the middle. */
        for (size_t i = 0; i < n; i++)
                g_free(texts[i]);
        g_free(texts);
        g_free(dropped);
        return out;
}

char *texts_alt(const struct facts *f, const char *kind, const char *url)
{
        const char *intro = label(f, "kit_alt"), *signup = label(f, "kit_alt_signup");
        const char *pairs[] = { "kind", kind, "name", facts_get(f, "name"), "topic", facts_get(f, "topic"),
                                "url", url, NULL };
        char *parts[5] = { NULL };
        parts[0] = intro ? lang_fill(intro, pairs) : g_strdup(facts_get(f, "name"));
        char *cycle = cycle_part(f);
        parts[1] = cycle ? g_strdup_printf("%s.", cycle) : NULL;
        g_free(cycle);
        char *next = next_part(f);
        parts[2] = next ? g_strdup_printf("%s.", next) : NULL;
        g_free(next);
        char *place = labelled(label(f, "where"), facts_get(f, "venue"));
        parts[3] = place ? g_strdup_printf("%s.", place) : NULL;
        g_free(place);
        parts[4] = signup ? lang_fill(signup, pairs) : g_strdup(url);
        /* Least important first out: the cycle (the next date stays),
         * then the place. */
        static const size_t order[] = { 1, 3 };
        bool dropped[5] = { false };
        char *out = join(parts, dropped, 5, " ");
        for (size_t k = 0; k < G_N_ELEMENTS(order) && g_utf8_strlen(out, -1) > TEXTS_ALT_MAX; k++) {
                dropped[order[k]] = true;
                g_free(out);
                out = join(parts, dropped, 5, " ");
        }
        for (size_t i = 0; i < 5; i++)
                g_free(parts[i]);
        return out;
}
