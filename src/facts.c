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
        "scan_hint", "no_more_meetings", "free_entry", "everyone_welcome", "invite", "invited_by",
};

static const char *const placeholders[] = {
        "name", "topic", "pitch", "goal", "tags", "hashtags", "language", "photo", "logo",
        "lead", "lead.name", "lead.email", "lead.phone", "lead.role",
        "venue", "venue.name", "venue.address", "venue.room", "venue.note", "venues", "rota",
        "cycle", "next", "next.date", "next.day", "next.full", "next.time", "time", "first.date",
        "signup.label", "signup.url", "signup.short",
        "agenda", "channels", "woop.wish", "woop.outcome", "woop.obstacles", "woop.plan",
        "label.when", "label.where", "label.contact", "label.next_meetings", "label.signup",
        "label.lead", "label.agenda", "label.goal", "label.channels", "label.topic",
        "label.woop_wish", "label.woop_outcome", "label.woop_obstacles", "label.woop_plan",
        "label.scan_hint", "label.no_more_meetings", "label.free_entry", "label.everyone_welcome",
        "label.invite", "label.invited_by",
        NULL
};

const char *const *facts_placeholders(void)
{
        return placeholders;
}

/* Item fields a list template may use, besides {n}. */
static const char *const list_names[] = {
        "agenda", "channels", "venues", "tags", "woop.obstacles", "woop.plan", NULL
};
static const char *const item_fields[] = { "item", "type", "name", "url", "room", "address", "note", NULL };

const char *const *facts_lists(void)
{
        return list_names;
}

const char *const *facts_item_fields(void)
{
        return item_fields;
}

struct facts {
        GHashTable *vars;  /* name -> struct fact *, both owned */
        GHashTable *lists; /* name -> GPtrArray of GHashTable (field -> value) */
        const struct lang *lang;
        int short_line, url_line; /* of signup.short and signup.url, for messages; 0: unknown */
        gint refs;
};

static void fact_free(gpointer p)
{
        struct fact *x = p;
        g_free(x->value);
        g_free(x->holds);
        g_free(x);
}

static void list_free(gpointer p)
{
        g_ptr_array_free(p, TRUE);
}

struct facts *facts_new_empty(const struct lang *l)
{
        struct facts *f = g_new0(struct facts, 1);
        f->vars = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, fact_free);
        f->lists = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, list_free);
        f->lang = l;
        f->refs = 1;
        return f;
}

struct facts *facts_ref(struct facts *f)
{
        g_atomic_int_inc(&f->refs);
        return f;
}

void facts_free(struct facts *f)
{
        if (!f || !g_atomic_int_dec_and_test(&f->refs))
                return;
        g_hash_table_destroy(f->lists);
        g_hash_table_destroy(f->vars);
        g_free(f);
}

/* The fact stored for key, or NULL when val is empty. */
static struct fact *put(struct facts *f, const char *key, const char *val)
{
        if (!val || !*val) {
                g_hash_table_remove(f->vars, key);
                return NULL;
        }
        struct fact *x = g_new0(struct fact, 1);
        x->value = g_strdup(val);
        g_hash_table_replace(f->vars, g_strdup(key), x);
        return x;
}

void facts_put(struct facts *f, const char *name, const char *value)
{
        put(f, name, value);
}

static struct fact *put_owned(struct facts *f, const char *key, char *val)
{
        struct fact *x = put(f, key, val);
        g_free(val);
        return x;
}

const struct fact *facts_fact(const struct facts *f, const char *name)
{
        return g_hash_table_lookup(f->vars, name);
}

const char *facts_get(const struct facts *f, const char *name)
{
        const struct fact *x = facts_fact(f, name);
        return x ? x->value : NULL;
}

int facts_signup_line(const struct facts *f, bool *is_short)
{
        *is_short = f->short_line > 0;
        return f->short_line > 0 ? f->short_line : f->url_line;
}

const struct lang *facts_lang(const struct facts *f)
{
        return f->lang;
}

void facts_list_add(struct facts *f, const char *list, const char *const *fields)
{
        GPtrArray *items = g_hash_table_lookup(f->lists, list);
        if (!items) {
                items = g_ptr_array_new_with_free_func((GDestroyNotify)g_hash_table_destroy);
                g_hash_table_insert(f->lists, g_strdup(list), items);
        }
        if (items->len >= FACTS_LIST_MAX)
                return;
        GHashTable *item = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
        for (size_t i = 0; fields[i]; i += 2)
                if (fields[i + 1] && *fields[i + 1])
                        g_hash_table_replace(item, g_strdup(fields[i]), g_strdup(fields[i + 1]));
        g_ptr_array_add(items, item);
}

size_t facts_list_len(const struct facts *f, const char *list)
{
        GPtrArray *items = g_hash_table_lookup(f->lists, list);
        return items ? items->len : 0;
}

const char *facts_item(const struct facts *f, const char *list, size_t i, const char *field)
{
        GPtrArray *items = g_hash_table_lookup(f->lists, list);
        if (!items || i >= items->len)
                return NULL;
        return g_hash_table_lookup(items->pdata[i], field);
}

/* Keep bytes [start, start + len) of x on one line, unless that part
 * overlaps one already held (the earlier hold wins). */
static void hold(struct fact *x, size_t start, size_t len)
{
        if (!x || !len)
                return;
        size_t at = 0;
        while (at < x->n_holds && x->holds[at].start < start)
                at++;
        if ((at > 0 && x->holds[at - 1].start + x->holds[at - 1].len > start) ||
            (at < x->n_holds && start + len > x->holds[at].start))
                return;
        x->holds = g_renew(struct facts_hold, x->holds, x->n_holds + 1);
        memmove(&x->holds[at + 1], &x->holds[at], (x->n_holds - at) * sizeof *x->holds);
        x->holds[at] = (struct facts_hold){ start, len };
        x->n_holds++;
}

/* Hold every occurrence of part in x's value: a time span or a date reads
 * as one unit wherever it stands, e.g. inside the cycle. */
static void hold_part(struct fact *x, const char *part)
{
        if (!x || !part || !*part)
                return;
        size_t n = strlen(part);
        for (const char *p = x->value; (p = strstr(p, part)); p += n)
                hold(x, (size_t)(p - x->value), n);
}

/* Each item of a list ("12. Jan., 9. Feb., 9. März 2027") on one line:
 * breaks only after the separator. */
static void hold_items(struct fact *x, const char *sep)
{
        if (!x || !*sep)
                return;
        size_t n = strlen(sep);
        const char *p = x->value;
        for (const char *end; (end = strstr(p, sep)); p = end + n)
                hold(x, (size_t)(p - x->value), (size_t)(end - p));
        hold(x, (size_t)(p - x->value), strlen(p));
}

static void hold_all(struct fact *x)
{
        if (x)
                hold(x, 0, strlen(x->value));
}

/* A list of plain items: as list data, and (for templates that print it
 * whole) joined into one value by join. */
static void put_list(struct facts *f, const char *name, char **items, char *(*join)(char **))
{
        for (size_t i = 0; items && items[i]; i++)
                facts_list_add(f, name, (const char *const[]){ "item", items[i], NULL });
        if (join)
                put_owned(f, name, join(items));
}

/* Lines of a list, one per line with a bullet: {agenda} as one text
 * block, for designs that print the list whole. */
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

/* Between the items of a list whose items have commas of their own. */
#define ITEM_SEP " · "

/* Hold the postcode with its town: "33602 Bielefeld", never
 * "33602" / "Bielefeld". */
static void hold_postcode(struct fact *x)
{
        if (!x)
                return;
        const char *v = x->value;
        for (const char *p = v; *p; p++) {
                if (!g_ascii_isdigit(*p) || (p > v && g_ascii_isdigit(p[-1])))
                        continue;
                const char *q = p;
                while (g_ascii_isdigit(*q))
                        q++;
                if (q - p < 4 || *q != ' ' || !g_unichar_isalpha(g_utf8_get_char(q + 1)))
                        continue;
                const char *e = q + 1;
                while (*e && *e != ' ' && *e != ',' && *e != '\n' && *e != ')')
                        e = g_utf8_next_char(e);
                hold(x, (size_t)(p - v), (size_t)(e - p));
                p = e - 1;
        }
}

/* hold_part, with the short word before the part ("bis 31. Dezember
 * 2027"): a line that ends in "bis" leaves the reader hanging. */
static void hold_part_with_word(struct fact *x, const char *part)
{
        if (!x || !part || !*part)
                return;
        size_t n = strlen(part);
        for (const char *p = x->value; (p = strstr(p, part)); p += n) {
                const char *s = p;
                if (s > x->value + 1 && s[-1] == ' ') {
                        const char *w = s - 1;
                        while (w > x->value && g_ascii_isalpha(w[-1]))
                                w--;
                        if (s - 1 - w > 0 && s - 1 - w <= 5)
                                s = w;
                }
                hold(x, (size_t)(s - x->value), (size_t)(p + n - s));
        }
}

/* The time span of one meeting, "18:30–20:00 Uhr".  Caller frees. */
static char *meeting_time(const struct lang *l, const struct meeting *m)
{
        return lang_time_range(l, m->start.minute, m->duration ? (m->start.minute + m->duration) % 1440 : -1);
}

/* Meetings of a list of dates: just the days when every meeting of the
 * list starts at the same time, else each day with its time ("Do., 28.
 * Jan., 18:30–20:00 Uhr · Do., 11. Feb., 17:00–18:30 Uhr"); *sep is
 * what stands between the items.  Caller frees. */
static char *dates_list(const struct community *c, const struct lang *l, const struct meeting *m, size_t n,
                        const char **sep)
{
        bool same = true;
        for (size_t i = 1; i < c->schedule.n_dates; i++)
                same &= c->schedule.dates[i].minute == c->schedule.dates[0].minute;
        *sep = same ? lang_list_sep(l) : ITEM_SEP;
        if (same)
                return schedule_list(m, n, l);
        GString *s = g_string_new(NULL);
        for (size_t i = 0; i < n; i++) {
                char *day = lang_date(l, &m[i].start.date, LANG_DATE_WEEKDAY);
                char *t = meeting_time(l, &m[i]);
                g_string_append_printf(s, "%s%s, %s", i ? ITEM_SEP : "", day, t);
                g_free(day);
                g_free(t);
        }
        return g_string_free(s, FALSE);
}

/* Meetings at places that take turns, each with its place: with sep NULL
 * the names only ("13. Jan.: Café Altstadtliebe · 27. Jan.: Innovation
 * Office"), else one meeting per sep with the place's room, address and
 * note at its first mention; stored as key, dates held. */
static struct fact *places_list(struct facts *f, const char *key, const struct community *c,
                                const struct meeting *m, size_t n, const char *sep)
{
        const struct lang *l = f->lang;
        GString *s = g_string_new(NULL);
        struct facts_hold days[FACTS_NEXT];
        for (size_t i = 0; i < n; i++) {
                bool year = i + 1 == n || g_date_get_year(&m[i + 1].start.date) != g_date_get_year(&m[i].start.date);
                char *day = lang_date(l, &m[i].start.date, year ? LANG_DATE_LIST_YEAR : LANG_DATE_LIST);
                size_t at = m[i].index % c->n_venues;
                const struct venue *v = &c->venues[at];
                bool again = false;
                for (size_t j = 0; j < i; j++)
                        again |= m[j].index % c->n_venues == at;
                g_string_append(s, i ? (sep ? sep : ITEM_SEP) : "");
                days[i] = (struct facts_hold){ s->len, strlen(day) };
                char *where = sep && !again ? facts_venue_text(v) : g_strdup(v->name);
                g_string_append_printf(s, "%s: %s", day, where);
                g_free(where);
                g_free(day);
        }
        struct fact *x = put_owned(f, key, g_string_free(s, FALSE));
        for (size_t i = 0; i < n; i++)
                hold(x, days[i].start, days[i].len);
        return x;
}

char *facts_venue_text(const struct venue *v)
{
        GString *s = g_string_new(v->name);
        if (v->room)
                g_string_append_printf(s, ", %s", v->room);
        if (v->address)
                g_string_append_printf(s, ", %s", v->address);
        if (v->note)
                g_string_append_printf(s, " (%s)", v->note);
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

struct facts *facts_new(const struct community *c, const struct lang *l, const GDate *today)
{
        struct facts *f = facts_new_empty(l);
        struct meeting next[FACTS_NEXT + 1];

        put(f, "name", c->name);
        put(f, "topic", c->topic);
        put(f, "pitch", c->pitch);
        put(f, "goal", c->goal);
        put(f, "language", lang_code(l));
        /* For `needs`/`unless`: whether there is a picture (its file name). */
        put(f, "photo", c->style.photo_written);
        put(f, "logo", c->style.logo_written);
        if (c->tags) {
                put_list(f, "tags", c->tags, NULL);
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
        hold_all(put(f, "lead.phone", c->lead.phone));
        put(f, "lead.role", c->lead.role);
        put_owned(f, "lead", c->lead.role ? g_strdup_printf("%s, %s", c->lead.name, c->lead.role)
                                          : g_strdup(c->lead.name));

        /* One more than is listed: a list of dates names the next one in
         * the cycle and lists the ones after it. */
        size_t n_next = schedule_next(&c->schedule, today, next, FACTS_NEXT + 1);
        bool dated = !c->schedule.has_rule && c->schedule.n_dates > 1 && n_next > 0;
        /* {venue.*} is the next meeting's place: with places taking turns
         * that is the only one a single address can belong to. */
        const struct venue *here = &c->venues[n_next ? next[0].index % c->n_venues : 0];
        put(f, "venue.name", here->name);
        hold_postcode(put(f, "venue.address", here->address));
        put(f, "venue.room", here->room);
        put(f, "venue.note", here->note);
        hold_postcode(put_owned(f, "venue", venue_line(here, ", ")));
        GString *all = g_string_new(NULL);
        for (size_t i = 0; i < c->n_venues; i++) {
                const struct venue *v = &c->venues[i];
                char *line = venue_line(v, ", ");
                facts_list_add(f, "venues", (const char *const[]){ "item", line, "name", v->name, "room", v->room,
                                                                    "address", v->address, "note", v->note, NULL });
                g_string_append_printf(all, "%s%s", i ? "\n" : "", line);
                g_free(line);
        }
        hold_postcode(put_owned(f, "venues", g_string_free(all, FALSE)));

        int start = c->schedule.has_rule ? c->schedule.first.minute
                                         : (c->schedule.n_dates ? c->schedule.dates[0].minute : -1);
        char *span = start < 0 ? NULL
                               : lang_time_range(l, start, c->schedule.duration
                                                                   ? (start + c->schedule.duration) % 1440 : -1);
        struct fact *cycle;
        if (dated) {
                /* A list of dates has no rhythm to put in words: the line
                 * a reader looks at says when the next meeting is. */
                char *day = lang_date(l, &next[0].start.date, LANG_DATE_FULL);
                char *t = meeting_time(l, &next[0]);
                cycle = put_owned(f, "cycle", g_strdup_printf("%s, %s", day, t));
                hold_part(cycle, day);
                hold_part(cycle, t);
                g_free(day);
                g_free(t);
        } else {
                cycle = put_owned(f, "cycle", schedule_describe(&c->schedule, l));
                /* Dates in the cycle stay on one line, like the time span,
                 * and so does the short word that leads to one ("bis"). */
                hold_part(cycle, span);
                GDate held[2];
                size_t n_held = 0;
                if (c->schedule.has_until)
                        held[n_held++] = c->schedule.until;
                if (c->schedule.has_rule)
                        held[n_held++] = c->schedule.first.date;
                for (size_t i = 0; i < n_held; i++) {
                        char *day = lang_date(l, &held[i], LANG_DATE_LONG);
                        hold_part_with_word(cycle, day);
                        g_free(day);
                }
        }
        hold_all(put_owned(f, "time", span));

        /* A single meeting already stands in the cycle with its date; a
         * list of one would say it twice.  So does the first of a list of
         * dates. */
        bool single = c->schedule.has_rule ? c->schedule.repeat == REPEAT_ONCE : c->schedule.n_dates == 1;
        const struct meeting *listed = dated ? next + 1 : next;
        size_t n_listed = dated ? n_next - 1 : (n_next < FACTS_NEXT ? n_next : FACTS_NEXT);
        if (n_listed && c->n_venues > 1) {
                places_list(f, "next", c, listed, n_listed, NULL);
                /* Each place once: the rota is what a poster that hangs
                 * for weeks needs, and room is short. */
                hold_postcode(places_list(f, "rota", c, listed, n_listed < c->n_venues ? n_listed : c->n_venues, "\n"));
        } else if (n_listed && dated) {
                const char *sep;
                char *list = dates_list(c, l, listed, n_listed, &sep);
                hold_items(put_owned(f, "next", list), sep);
        } else if (n_listed && !single) {
                hold_items(put_owned(f, "next", schedule_list(listed, n_listed, l)), lang_list_sep(l));
        }
        if (n_next) {
                const struct meeting *m = &next[0];
                put_owned(f, "next.date", lang_date(l, &m->start.date, LANG_DATE_LONG));
                put_owned(f, "next.day", lang_date(l, &m->start.date, LANG_DATE_WEEKDAY));
                put_owned(f, "next.full", lang_date(l, &m->start.date, LANG_DATE_FULL));
                hold_all(put_owned(f, "next.time", meeting_time(l, m)));
        } else {
                put(f, "next", lang_label(l, "no_more_meetings"));
        }
        if (c->schedule.has_rule)
                put_owned(f, "first.date", lang_date(l, &c->schedule.first.date, LANG_DATE_LONG));

        put(f, "signup.label", c->signup.label ? c->signup.label : lang_label(l, "signup"));
        put(f, "signup.url", c->signup.url);
        f->short_line = community_line(c, "signup.short");
        f->url_line = community_line(c, "signup.url");
        struct fact *url = put_owned(f, "signup.short", c->signup.short_url ? g_strdup(c->signup.short_url)
                                                                          : without_scheme(c->signup.url));
        if (url)
                url->url = true;

        put_list(f, "agenda", c->agenda, bullets);
        if (c->n_channels) {
                GString *s = g_string_new(NULL);
                for (size_t i = 0; i < c->n_channels; i++) {
                        const struct channel *ch = &c->channels[i];
                        /* The type as the language writes it ("E-Mail",
                         * "WhatsApp"), else as the file does. */
                        char *word = ch->type ? g_strconcat("channel_", ch->type, NULL) : NULL;
                        const char *type = word && l && lang_has_label(l, word) ? lang_label(l, word) : ch->type;
                        const char *what = ch->name ? ch->name : type ? type : ch->url;
                        if (what)
                                g_string_append_printf(s, "%s%s", s->len ? " · " : "", what);
                        /* Where to find a channel without a name, as a
                         * reader would type it: the e-mail address, not
                         * "mailto:" (a layout prints {item.name|item.address}). */
                        char *where = !ch->url ? NULL
                                      : g_ascii_strncasecmp(ch->url, "mailto:", 7) == 0 ? g_strdup(ch->url + 7)
                                      : g_ascii_strncasecmp(ch->url, "tel:", 4) == 0   ? g_strdup(ch->url + 4)
                                                                                        : without_scheme(ch->url);
                        facts_list_add(f, "channels", (const char *const[]){ "item", what, "type", type,
                                                                              "name", ch->name, "url", ch->url,
                                                                              "address", where, NULL });
                        g_free(where);
                        g_free(word);
                }
                put_owned(f, "channels", g_string_free(s, FALSE));
        }
        put(f, "woop.wish", c->woop.wish);
        put(f, "woop.outcome", c->woop.outcome);
        put_list(f, "woop.obstacles", c->woop.obstacles, bullets);
        put_list(f, "woop.plan", c->woop.plan, bullets);

        for (size_t i = 0; i < G_N_ELEMENTS(label_keys); i++) {
                char *key = g_strdup_printf("label.%s", label_keys[i]);
                if (lang_has_label(l, label_keys[i]))
                        put(f, key, lang_label(l, label_keys[i]));
                g_free(key);
        }
        return f;
}
