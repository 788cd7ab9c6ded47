/* facts.c: community + language + today -> placeholder table. */
#include "facts.h"

#include <string.h>

#include "community.h"
#include "lang.h"

/* The labels every language file has (lang.c checks them), offered to
 * templates as {label.KEY}. */
static const char *const label_keys[] = {
        "when", "where", "contact", "next_meetings", "signup", "lead", "agenda", "goal",
        "channels", "topic", "woop_wish", "woop_outcome", "woop_obstacles", "woop_plan",
        "scan_hint", "no_more_meetings", "free_entry", "everyone_welcome",
};

static const char *const placeholders[] = {
        "name", "topic", "pitch", "goal", "tags", "hashtags", "language", "photo", "logo",
        "lead", "lead.name", "lead.email", "lead.phone", "lead.role",
        "venue", "venue.name", "venue.address", "venue.room", "venue.note", "venues",
        "cycle", "next", "next.date", "next.day", "next.time", "time", "first.date",
        "signup.label", "signup.url", "signup.short",
        "agenda", "channels", "woop.wish", "woop.outcome", "woop.obstacles", "woop.plan",
        "label.when", "label.where", "label.contact", "label.next_meetings", "label.signup",
        "label.lead", "label.agenda", "label.goal", "label.channels", "label.topic",
        "label.woop_wish", "label.woop_outcome", "label.woop_obstacles", "label.woop_plan",
        "label.scan_hint", "label.no_more_meetings", "label.free_entry", "label.everyone_welcome",
        NULL
};

const char *const *facts_placeholders(void)
{
        return placeholders;
}

static void put(struct facts *f, const char *key, const char *val)
{
        if (val && *val)
                g_hash_table_replace(f->vars, g_strdup(key), g_strdup(val));
}

static void put_owned(struct facts *f, const char *key, char *val)
{
        put(f, key, val);
        g_free(val);
}

/* Lines of a list, one per line with a bullet. */
static char *bullets(char **items)
{
        if (!items || !items[0])
                return NULL;
        GString *s = g_string_new(NULL);
        for (size_t i = 0; items[i]; i++)
                g_string_append_printf(s, "%s• %s", i ? "\n" : "", items[i]);
        return g_string_free(s, FALSE);
}

static char *venue_line(const struct venue *v, const char *sep)
{
        GString *s = g_string_new(v->name);
        if (v->room)
                g_string_append_printf(s, "%s%s", sep, v->room);
        if (v->address)
                g_string_append_printf(s, "%s%s", sep, v->address);
        return g_string_free(s, FALSE);
}

static char *without_scheme(const char *url)
{
        const char *p = strstr(url, "://");
        p = p ? p + 3 : url;
        if (g_str_has_prefix(p, "www."))
                p += 4;
        char *s = g_strdup(p);
        size_t n = strlen(s);
        if (n > 1 && s[n - 1] == '/')
                s[n - 1] = '\0';
        return s;
}

/* A time span must not break across lines ("18:30–" / "20:00 Uhr"): its
 * spaces become no-break spaces, and word joiners hold the dash.  Applied
 * to the span wherever it stands in text, e.g. inside the cycle. */
static char *unbreakable(const char *s)
{
        GString *r = g_string_new(NULL);
        for (const char *p = s; *p; p = g_utf8_next_char(p)) {
                gunichar c = g_utf8_get_char(p);
                if (c == ' ')
                        g_string_append(r, "\u00a0");
                else if (c == 0x2013 || c == '-')
                        g_string_append_printf(r, "\u2060%s\u2060", c == '-' ? "-" : "\u2013");
                else
                        g_string_append_unichar(r, c);
        }
        return g_string_free(r, FALSE);
}

static char *replace_all(const char *s, const char *what, const char *with)
{
        if (!*what)
                return g_strdup(s);
        char **parts = g_strsplit(s, what, -1);
        char *r = g_strjoinv(with, parts);
        g_strfreev(parts);
        return r;
}

/* s with the time span span made unbreakable; takes s. */
static char *hold_span(char *s, const char *span)
{
        if (!s || !span)
                return s;
        char *u = unbreakable(span);
        char *r = replace_all(s, span, u);
        g_free(u);
        g_free(s);
        return r;
}

/* Each item of a list ("12. Jan., 9. Feb., 9. März 2027") on one line:
 * breaks only after the separator.  Takes s. */
static char *hold_items(char *s, const char *sep)
{
        char **items = g_strsplit(s, sep, -1);
        for (char **it = items; *it; it++) {
                char *u = unbreakable(*it);
                g_free(*it);
                *it = u;
        }
        char *r = g_strjoinv(sep, items);
        g_strfreev(items);
        g_free(s);
        return r;
}

/* A web address breaks after a "/", not at its own hyphens, where a
 * reader would take the line's end for part of the address; only a part
 * between slashes too long for any line (over 24 characters) may still
 * break after a hyphen.  Takes s. */
static char *url_breaks(char *s)
{
        GString *r = g_string_new(NULL);
        const char *part = s;
        for (const char *p = s; *p; p++) {
                if (*p == '/')
                        part = p + 1;
                g_string_append_c(r, *p);
                if (*p == '-' && strcspn(part, "/") <= 24)
                        g_string_append(r, "\u2060"); /* word joiner: no break here */
                else if (*p == '/' && p[1])
                        g_string_append(r, "\u200b"); /* zero-width space: break here */
        }
        g_free(s);
        return g_string_free(r, FALSE);
}

struct facts *facts_new(const struct community *c, const struct lang *l, const GDate *today)
{
        struct facts *f = g_new0(struct facts, 1);
        f->vars = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
        f->lang = l;

        put(f, "name", c->name);
        put(f, "topic", c->topic);
        put(f, "pitch", c->pitch);
        put(f, "goal", c->goal);
        put(f, "language", lang_code(l));
        /* For `needs`/`unless`: whether there is a picture (its file name). */
        put(f, "photo", c->style.photo_written);
        put(f, "logo", c->style.logo_written);
        if (c->tags) {
                put_owned(f, "tags", g_strjoinv(" · ", c->tags));
                GString *h = g_string_new(NULL);
                for (size_t i = 0; c->tags[i]; i++) {
                        /* A hashtag is one word: "Urban Gardening" -> #UrbanGardening */
                        g_string_append(h, i ? " #" : "#");
                        for (const char *p = c->tags[i]; *p; p = g_utf8_next_char(p))
                                if (!g_unichar_isspace(g_utf8_get_char(p)) && *p != '#')
                                        g_string_append_len(h, p, g_utf8_next_char(p) - p);
                }
                put_owned(f, "hashtags", g_string_free(h, FALSE));
        }

        put(f, "lead.name", c->lead.name);
        put(f, "lead.email", c->lead.email);
        /* A phone number is read as one unit: no line break inside it. */
        put_owned(f, "lead.phone", c->lead.phone ? unbreakable(c->lead.phone) : NULL);
        put(f, "lead.role", c->lead.role);
        put_owned(f, "lead", c->lead.role ? g_strdup_printf("%s, %s", c->lead.name, c->lead.role)
                                          : g_strdup(c->lead.name));

        f->n_next = schedule_next(&c->schedule, today, f->next, FACTS_NEXT);
        if (c->n_venues == 1) {
                const struct venue *v = &c->venues[0];
                put(f, "venue.name", v->name);
                put(f, "venue.address", v->address);
                put(f, "venue.room", v->room);
                put(f, "venue.note", v->note);
                put_owned(f, "venue", venue_line(v, ", "));
        } else {
                /* Groups that take turns: a poster hangs for months, so it
                 * names every place (in the order of the rota), and the
                 * list of next meetings says where each one is. */
                GString *names = g_string_new(NULL), *addresses = g_string_new(NULL);
                for (size_t i = 0; i < c->n_venues; i++) {
                        g_string_append_printf(names, "%s%s", i ? " / " : "", c->venues[i].name);
                        if (c->venues[i].address)
                                g_string_append_printf(addresses, "%s%s", addresses->len ? " / " : "",
                                                       c->venues[i].address);
                }
                put(f, "venue.name", names->str);
                put(f, "venue.address", addresses->str);
                put(f, "venue", names->str);
                g_string_free(names, TRUE);
                g_string_free(addresses, TRUE);
        }
        GString *all = g_string_new(NULL);
        for (size_t i = 0; i < c->n_venues; i++) {
                char *line = venue_line(&c->venues[i], ", ");
                g_string_append_printf(all, "%s%s", i ? "\n" : "", line);
                g_free(line);
        }
        put_owned(f, "venues", g_string_free(all, FALSE));

        int start = c->schedule.has_rule ? c->schedule.first.minute
                                         : (c->schedule.n_dates ? c->schedule.dates[0].minute : -1);
        char *span = start < 0 ? NULL
                               : lang_time_range(l, start, c->schedule.duration
                                                                   ? (start + c->schedule.duration) % 1440 : -1);
        /* Dates in the cycle stay on one line, like the time span. */
        char *cycle = hold_span(schedule_describe(&c->schedule, l), span);
        GDate held[2];
        size_t n_held = 0;
        if (c->schedule.has_until)
                held[n_held++] = c->schedule.until;
        if (c->schedule.has_rule)
                held[n_held++] = c->schedule.first.date;
        for (size_t i = 0; i < n_held; i++) {
                char *day = lang_date(l, &held[i], LANG_DATE_LONG);
                cycle = hold_span(cycle, day);
                g_free(day);
        }
        put_owned(f, "cycle", cycle);
        put_owned(f, "time", hold_span(g_strdup(span), span));
        g_free(span);
        if (f->n_next && c->n_venues > 1) {
                GString *s = g_string_new(NULL);
                for (size_t i = 0; i < f->n_next; i++) {
                        /* The year at the last date of each year, as in lists. */
                        bool year = i + 1 == f->n_next || g_date_get_year(&f->next[i + 1].start.date) !=
                                                                  g_date_get_year(&f->next[i].start.date);
                        char *day = lang_date(l, &f->next[i].start.date,
                                              year ? LANG_DATE_LIST_YEAR : LANG_DATE_LIST);
                        char *held_day = unbreakable(day);
                        g_string_append_printf(s, "%s%s: %s", i ? lang_list_sep(l) : "", held_day,
                                               c->venues[f->next[i].index % c->n_venues].name);
                        g_free(held_day);
                        g_free(day);
                }
                put_owned(f, "next", g_string_free(s, FALSE));
        }
        /* A single meeting already stands in the cycle with its date; a
         * list of one would say it twice. */
        bool single = c->schedule.has_rule ? c->schedule.repeat == REPEAT_ONCE : c->schedule.n_dates == 1;
        if (f->n_next) {
                if (c->n_venues == 1 && !single)
                        put_owned(f, "next", hold_items(schedule_list(f->next, f->n_next, l),
                                                        lang_list_sep(l)));
                const struct meeting *m = &f->next[0];
                put_owned(f, "next.date", lang_date(l, &m->start.date, LANG_DATE_LONG));
                put_owned(f, "next.day", lang_date(l, &m->start.date, LANG_DATE_WEEKDAY));
                char *t = lang_time_range(l, m->start.minute,
                                          m->duration ? (m->start.minute + m->duration) % 1440 : -1);
                put_owned(f, "next.time", hold_span(g_strdup(t), t));
                g_free(t);
        } else {
                put(f, "next", lang_label(l, "no_more_meetings"));
        }
        if (c->schedule.has_rule)
                put_owned(f, "first.date", lang_date(l, &c->schedule.first.date, LANG_DATE_LONG));

        put(f, "signup.label", c->signup.label ? c->signup.label : lang_label(l, "signup"));
        put(f, "signup.url", c->signup.url);
        put_owned(f, "signup.short", url_breaks(c->signup.short_url ? g_strdup(c->signup.short_url)
                                                                    : without_scheme(c->signup.url)));

        put_owned(f, "agenda", bullets(c->agenda));
        if (c->n_channels) {
                GString *s = g_string_new(NULL);
                for (size_t i = 0; i < c->n_channels; i++) {
                        const struct channel *ch = &c->channels[i];
                        const char *what = ch->name ? ch->name : ch->type ? ch->type : ch->url;
                        if (what)
                                g_string_append_printf(s, "%s%s", s->len ? " · " : "", what);
                }
                put_owned(f, "channels", g_string_free(s, FALSE));
        }
        put(f, "woop.wish", c->woop.wish);
        put(f, "woop.outcome", c->woop.outcome);
        put_owned(f, "woop.obstacles", bullets(c->woop.obstacles));
        put_owned(f, "woop.plan", bullets(c->woop.plan));

        for (size_t i = 0; i < G_N_ELEMENTS(label_keys); i++) {
                char *key = g_strdup_printf("label.%s", label_keys[i]);
                if (lang_has_label(l, label_keys[i]))
                        put(f, key, lang_label(l, label_keys[i]));
                g_free(key);
        }
        return f;
}

void facts_free(struct facts *f)
{
        if (!f)
                return;
        g_hash_table_destroy(f->vars);
        g_free(f);
}
