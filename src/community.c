/* community.c: read a community file, check every setting, fill struct community.
 *
 * The file comes from a stranger, so the raw bytes are checked before
 * libconfig sees them:
 *
 *   - size first: libconfig takes seconds on multi-megabyte strings;
 *   - a UTF-8 byte-order mark is dropped (Windows editors write one and
 *     libconfig rejects it), CRLF becomes LF (else "\r" ends up inside
 *     multi-line strings);
 *   - invalid UTF-8 is refused with the line of the first bad byte, the one
 *     hint that helps someone whose editor saved Latin-1;
 *   - "@include" is refused: libconfig would read any file it names.
 *
 * Then one table, settings[], drives everything: the walk over the parsed
 * file (type, required, length, format of each value), the did-you-mean for
 * unknown names, community_settings(), `plakat settings` (its doc column)
 * and the tests that hold it against docs/community-file.md.  A setting's value is
 * stored at an offset into the struct of its group (struct community, or a
 * struct venue / struct channel for list elements), through a store
 * function when it needs converting.
 *
 * Every problem is reported, in file order, and the community is refused at
 * the end when any was an error (i3 config_parser.c keeps going too).
 * Strings are copied out of libconfig before config_destroy. */
/* realpath() is XSI: it resolves symlinks, which containment needs. */
#define _XOPEN_SOURCE 700

#include "community.h"
#include "i18n.h"

#include <errno.h>
#include <libconfig.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cfg.h"
#include "diag.h"
#include "image.h"
#include "util.h"

#define INTERVAL_MAX 52 /* every 52 weeks is yearly; more is a typo */

/* libconfig checks each new setting against its siblings one by one, so
 * 30,000 tiny settings take seconds to parse.  A community needs a few
 * dozen. */
static const struct cfg_limits limits = { COMMUNITY_MAX_FILE, 1000, N_("a community file") };

enum stype {
        ST_STRING,
        ST_INT,
        ST_STRINGS,         /* [ "a", "b" ] or ( "a", "b" ) */
        ST_GROUP,           /* { ... } */
        ST_GROUPS,          /* ( { ... }, { ... } ) */
        ST_GROUP_OR_GROUPS, /* either of the two above */
};

/* Where a message points: the setting as the user sees it ("venue[2].name")
 * and its line. */
struct at {
        const char *path;
        int line;
};

struct loader {
        const char *file; /* for messages, as given */
        size_t group_errors; /* errors inside the group being finished */
        char *dir;        /* the community file's folder, for images */
        const struct community_options *opt;
        struct diag *d;
        struct community *c;
};

/* A checked value on its way into the model. */
struct value {
        const char *s;     /* ST_STRING */
        long long i;       /* ST_INT */
        char **v;          /* ST_STRINGS: NULL-terminated; the store takes it */
        const int *lines;  /* ST_STRINGS: line of each v[i] */
};

typedef void store_fn(struct loader *ld, const struct at *at, struct value *v, void *field);
typedef void finish_fn(struct loader *ld, const struct at *at, config_setting_t *g, void *base);

struct setting {
        const char *name; /* "lead.email"; list elements share the list's name */
        enum stype type;
        bool required;
        size_t max;      /* ST_STRING(S): most characters, or bytes if bytes */
        bool bytes;
        int min, maxi;   /* ST_INT: the allowed range */
        size_t off;      /* where the value goes in its group's struct */
        store_fn *store; /* NULL: the plain value is stored at off */
        /* ST_GROUPS: the array at off, its count at n_off, element size. */
        size_t n_off, elem_size;
        finish_fn *finish; /* ST_GROUP: cross-checks once the group is read */
        const char *doc; /* one line for `plakat settings` */
};

static store_fn store_language, store_email, store_url, store_link, store_first,
        store_until, store_repeat, store_monthly, store_skip, store_dates,
        store_colour, store_logo, store_photo, store_channel_type;
static finish_fn finish_schedule;

#define C(f) offsetof(struct community, f)
#define V(f) offsetof(struct venue, f)
#define K(f) offsetof(struct channel, f)
#define TEXT COMMUNITY_MAX_STRING

/* The contract of docs/community-file.md, in its order.  Keep the doc
 * column to one line in plain words: `plakat settings` prints it, and
 * tests/e2e/settings.sh keeps the names in step with the docs. */
static const struct setting settings[] = {
        { .name = "name", .type = ST_STRING, .required = true, .max = COMMUNITY_MAX_NAME,
          .off = C(name),
          .doc = N_("the community's name: the headline") },
        { .name = "topic", .type = ST_STRING, .required = true, .max = TEXT, .off = C(topic),
          .doc = N_("the topic or goal that connects everybody") },
        { .name = "pitch", .type = ST_STRING, .max = TEXT, .off = C(pitch),
          .doc = N_("one to three sentences that invite people in") },
        { .name = "goal", .type = ST_STRING, .max = TEXT, .off = C(goal),
          .doc = N_("the shared goal") },
        { .name = "language", .type = ST_STRING, .max = TEXT, .off = C(language),
          .store = store_language,
          .doc = N_("language of the words plakat adds: de (default), en, ...") },
        { .name = "tags", .type = ST_STRINGS, .max = TEXT, .off = C(tags),
          .doc = N_("keywords, e.g. for hashtags") },

        { .name = "lead", .type = ST_GROUP, .required = true,
          .doc = N_("who coordinates and invites") },
        { .name = "lead.name", .type = ST_STRING, .required = true, .max = TEXT,
          .off = C(lead.name),
          .doc = N_("the lead's name") },
        { .name = "lead.email", .type = ST_STRING, .max = TEXT, .off = C(lead.email),
          .store = store_email,
          .doc = N_("the lead's email address") },
        { .name = "lead.phone", .type = ST_STRING, .max = TEXT, .off = C(lead.phone),
          .doc = N_("the lead's phone number") },
        { .name = "lead.role", .type = ST_STRING, .max = TEXT, .off = C(lead.role),
          .doc = N_("the lead's role, e.g. \"Moderation\"") },

        { .name = "schedule", .type = ST_GROUP, .required = true, .finish = finish_schedule,
          .doc = N_("when the group meets: a rule (first) or a list (dates)") },
        { .name = "schedule.first", .type = ST_STRING, .max = TEXT, .off = C(schedule),
          .store = store_first,
          .doc = N_("first meeting of the rule, \"YYYY-MM-DD HH:MM\"") },
        { .name = "schedule.duration", .type = ST_INT, .min = 1, .maxi = 1440,
          .off = C(schedule.duration),
          .doc = N_("length of a meeting in minutes") },
        { .name = "schedule.repeat", .type = ST_STRING, .max = TEXT, .off = C(schedule),
          .store = store_repeat,
          .doc = N_("once, weekly or monthly") },
        { .name = "schedule.interval", .type = ST_INT, .min = 1, .maxi = INTERVAL_MAX,
          .off = C(schedule.interval),
          .doc = N_("every N weeks or months") },
        { .name = "schedule.monthly", .type = ST_STRING, .max = TEXT, .off = C(schedule),
          .store = store_monthly,
          .doc = N_("nth-weekday, last-weekday or day-of-month") },
        { .name = "schedule.until", .type = ST_STRING, .max = TEXT, .off = C(schedule),
          .store = store_until,
          .doc = N_("no meetings after this day, \"YYYY-MM-DD\"") },
        { .name = "schedule.skip", .type = ST_STRINGS, .max = TEXT, .off = C(schedule),
          .store = store_skip,
          .doc = N_("cancelled meetings, \"YYYY-MM-DD\"") },
        { .name = "schedule.dates", .type = ST_STRINGS, .max = TEXT, .off = C(schedule),
          .store = store_dates,
          .doc = N_("explicit meetings instead of a rule, \"YYYY-MM-DD HH:MM\"") },

        { .name = "venue", .type = ST_GROUP_OR_GROUPS, .required = true, .off = C(venues),
          .n_off = C(n_venues), .elem_size = sizeof(struct venue),
          .doc = N_("where: one place, or a list of places taken in turn") },
        { .name = "venue.name", .type = ST_STRING, .required = true, .max = TEXT, .off = V(name),
          .doc = N_("name of the place") },
        { .name = "venue.address", .type = ST_STRING, .max = TEXT, .off = V(address),
          .doc = N_("street, postcode and town") },
        { .name = "venue.room", .type = ST_STRING, .max = TEXT, .off = V(room),
          .doc = N_("room or floor") },
        { .name = "venue.note", .type = ST_STRING, .max = TEXT, .off = V(note),
          .doc = N_("a note, e.g. \"barrierefrei\"") },

        { .name = "signup", .type = ST_GROUP, .required = true,
          .doc = N_("how to join") },
        { .name = "signup.url", .type = ST_STRING, .required = true, .max = COMMUNITY_MAX_URL,
          .bytes = true, .off = C(signup.url), .store = store_url,
          .doc = N_("the http or https address the QR code opens") },
        { .name = "signup.label", .type = ST_STRING, .max = TEXT, .off = C(signup.label),
          .doc = N_("call to action beside the QR code") },
        { .name = "signup.short", .type = ST_STRING, .max = TEXT, .off = C(signup.short_url),
          .doc = N_("the address as printed under the QR code") },
        { .name = "signup.track", .type = ST_STRING, .max = TEXT, .off = C(signup.track),
          .doc = N_("opt-in: a parameter name added to the address per output, e.g. \"quelle\"") },

        { .name = "channels", .type = ST_GROUPS, .off = C(channels), .n_off = C(n_channels),
          .elem_size = sizeof(struct channel),
          .doc = N_("how members talk between meetings") },
        { .name = "channels.type", .type = ST_STRING, .max = TEXT, .off = K(type),
          .store = store_channel_type,
          .doc = "signal, whatsapp, telegram, matrix, email, nebenan, linkedin, ..." },
        { .name = "channels.name", .type = ST_STRING, .max = TEXT, .off = K(name),
          .doc = N_("name of the group or list") },
        { .name = "channels.url", .type = ST_STRING, .max = TEXT, .off = K(url),
          .store = store_link,
          .doc = N_("invitation link") },

        { .name = "agenda", .type = ST_STRINGS, .max = TEXT, .off = C(agenda),
          .doc = N_("the usual flow of a meeting") },

        { .name = "woop", .type = ST_GROUP,
          .doc = N_("the group's WOOP plan") },
        { .name = "woop.wish", .type = ST_STRING, .max = TEXT, .off = C(woop.wish),
          .doc = N_("Wish") },
        { .name = "woop.outcome", .type = ST_STRING, .max = TEXT, .off = C(woop.outcome),
          .doc = N_("Outcome") },
        { .name = "woop.obstacles", .type = ST_STRINGS, .max = TEXT, .off = C(woop.obstacles),
          .doc = N_("Obstacles") },
        { .name = "woop.plan", .type = ST_STRINGS, .max = TEXT, .off = C(woop.plan),
          .doc = N_("Plan: if ..., then ...") },

        { .name = "style", .type = ST_GROUP,
          .doc = N_("the look") },
        { .name = "style.theme", .type = ST_STRING, .max = TEXT, .off = C(style.theme),
          .doc = N_("name of a shipped colour theme") },
        { .name = "style.layout", .type = ST_STRING, .max = TEXT, .off = C(style.layout),
          .doc = N_("the design to use unless the command line picks one (plakat layouts lists them)") },
        { .name = "style.primary", .type = ST_STRING, .max = TEXT, .off = C(style.primary),
          .store = store_colour,
          .doc = N_("main colour, \"#RRGGBB\"") },
        { .name = "style.accent", .type = ST_STRING, .max = TEXT, .off = C(style.accent),
          .store = store_colour,
          .doc = N_("accent colour, \"#RRGGBB\"") },
        { .name = "style.background", .type = ST_STRING, .max = TEXT, .off = C(style.background),
          .store = store_colour,
          .doc = N_("background colour, \"#RRGGBB\"") },
        { .name = "style.text", .type = ST_STRING, .max = TEXT, .off = C(style.text),
          .store = store_colour,
          .doc = N_("text colour, \"#RRGGBB\"") },
        { .name = "style.logo", .type = ST_STRING, .max = TEXT, .off = C(style.logo),
          .store = store_logo,
          .doc = N_("PNG or SVG file next to the community file") },
        { .name = "style.photo", .type = ST_STRING, .max = TEXT, .off = C(style.photo),
          .store = store_photo,
          .doc = N_("PNG or JPEG file next to the community file") },
};

#undef C
#undef V
#undef K
#undef TEXT

int community_line(const struct community *c, const char *setting)
{
        return c->lines ? GPOINTER_TO_INT(g_hash_table_lookup(c->lines, setting)) : 0;
}

const char *const *community_settings(void)
{
        static const char *keys[G_N_ELEMENTS(settings) + 1];
        static gsize done; /* filled once, also when threads ask at once */
        if (g_once_init_enter(&done)) {
                for (size_t i = 0; i < G_N_ELEMENTS(settings); i++)
                        keys[i] = settings[i].name;
                g_once_init_leave(&done, 1);
        }
        return keys;
}

/* The kind of value, as `plakat settings` names it. */
static const char *type_word(enum stype t)
{
        switch (t) {
        case ST_STRING: return _("text");
        case ST_INT: return _("whole number");
        case ST_STRINGS: return _("list of texts");
        case ST_GROUP: return _("group");
        case ST_GROUPS: return _("list of groups");
        case ST_GROUP_OR_GROUPS: return _("group or list of groups");
        }
        return "?";
}

int community_print_settings(FILE *out)
{
        /* The columns are as wide as their widest entry in the user's
         * language ("Gruppe oder Liste von Gruppen" is longer than its
         * English), counted in characters, not bytes, so that a table cut
         * at the columns (docs/community-file.de.md) stays whole. */
        long type_w = 0, req_w = g_utf8_strlen(_("required"), -1);
        for (size_t i = 0; i < G_N_ELEMENTS(settings); i++)
                type_w = MAX(type_w, g_utf8_strlen(type_word(settings[i].type), -1));
        for (size_t i = 0; i < G_N_ELEMENTS(settings); i++) {
                const struct setting *st = &settings[i];
                const char *type = type_word(st->type), *req = st->required ? _("required") : "";
                if (fprintf(out, "%-18s  %s%*s  %s%*s  %s\n", st->name, type,
                            (int)(type_w - g_utf8_strlen(type, -1)), "", req,
                            (int)(req_w - g_utf8_strlen(req, -1)), "", _(st->doc)) < 0)
                        return -1;
        }
        return 0;
}

static const struct setting *find_setting(const char *key)
{
        for (size_t i = 0; i < G_N_ELEMENTS(settings); i++)
                if (strcmp(settings[i].name, key) == 0)
                        return &settings[i];
        return NULL;
}

const char *community_setting_doc(const char *setting)
{
        const struct setting *st = find_setting(setting);
        return st ? _(st->doc) : NULL;
}

bool community_setting_required(const char *setting)
{
        const struct setting *st = find_setting(setting);
        return st && st->required;
}

/* "lead" for "lead.email", "" for "name". */
static bool has_parent(const struct setting *st, const char *parent)
{
        const char *dot = strrchr(st->name, '.');
        if (!dot)
                return parent[0] == '\0';
        return strlen(parent) == (size_t)(dot - st->name) &&
               strncmp(st->name, parent, (size_t)(dot - st->name)) == 0;
}

static const char *leaf(const char *key)
{
        const char *dot = strrchr(key, '.');
        return dot ? dot + 1 : key;
}

/* Whether name is a known setting in group key ("" for the top). */
static bool find_setting_in(const char *key, const char *name)
{
        for (size_t i = 0; i < G_N_ELEMENTS(settings); i++)
                if (has_parent(&settings[i], key) && strcmp(leaf(settings[i].name), name) == 0)
                        return true;
        return false;
}

/* ---- messages ------------------------------------------------------------ */

static const char *expected_type(enum stype t)
{
        switch (t) {
        case ST_STRING: return _("a string");
        case ST_INT: return _("a whole number");
        case ST_STRINGS: return _("a list of strings [\"…\", \"…\"]");
        case ST_GROUP: return _("a group { … }");
        case ST_GROUPS: return _("a list of groups ( { … }, { … } )");
        case ST_GROUP_OR_GROUPS: return _("a group { … } or a list of groups ( { … }, { … } )");
        }
        return "?";
}

static void type_error(struct loader *ld, const struct at *at, const char *expected,
                       const config_setting_t *cs)
{
        char *what = cfg_found(cs);
        /* The commonest slips: "90" for a number, one tag or one channel
         * without the brackets of a list.  Say how to fix them. */
        const char *hint = "";
        char *own = NULL;
        int ct = config_setting_type(cs);
        if (strcmp(expected, expected_type(ST_INT)) == 0 && ct == CONFIG_TYPE_STRING) {
                const char *s = config_setting_get_string(cs);
                size_t digits = strspn(s, "0123456789");
                if (*s && digits == strlen(s)) {
                        hint = _("; write the number without quotes");
                } else if (digits && strcmp(at->path, "schedule.duration") == 0) {
                        /* "3 Stunden", "1,5 h", "90 Minuten": the length
                         * in the minutes plakat counts, within its range.
                         * Anything else after the number ("2-3", "1½")
                         * gets no suggestion rather than a wrong one. */
                        const char *u = s + digits;
                        long n = digits <= 4 ? strtol(s, NULL, 10) : 0, part = 0, of = 1;
                        if ((*u == ',' || *u == '.') && g_ascii_isdigit(u[1]))
                                for (u++; g_ascii_isdigit(*u) && of < 1000; u++, of *= 10)
                                        part = part * 10 + (*u - '0');
                        char *unit = g_utf8_strdown(u, -1);
                        bool hours = strstr(unit, "st") || strstr(unit, "h");
                        long minutes = hours && part * 60 % of == 0 ? n * 60 + part * 60 / of : part ? 0 : n;
                        if ((*u == ' ' || g_ascii_isalpha(*u)) && minutes > 0 && minutes <= 24 * 60)
                                own = g_strdup_printf(_("; a meeting's length is in minutes: duration = %ld;"),
                                                      minutes);
                        g_free(unit);
                }
        } else if (strcmp(expected, expected_type(ST_STRINGS)) == 0 && ct == CONFIG_TYPE_STRING) {
                hint = _("; even one is a list: [\"…\"]");
        } else if (strcmp(expected, expected_type(ST_GROUPS)) == 0 && ct == CONFIG_TYPE_GROUP) {
                hint = _("; even one is a list: ( { … } )");
        }
        diag_error(ld->d, ld->file, at->line, at->path, "expected %s, found %s%s", expected, what, own ? own : hint);
        g_free(own);
        g_free(what);
}

static void expected_error(struct loader *ld, const struct at *at, const char *expected,
                           const char *value)
{
        char *q = diag_quote(value, 60);
        diag_error(ld->d, ld->file, at->line, at->path, "expected %s, found %s", expected, q);
        g_free(q);
}

/* ---- string checks ------------------------------------------------------- */

static bool blank(const char *s)
{
        for (; *s; s++)
                if (!g_ascii_isspace(*s))
                        return false;
        return true;
}

/* A value `plakat new` wrote to be replaced: «…» (starter.c). */
static bool placeholder(const char *s)
{
        return g_str_has_prefix(s, "«") && g_str_has_suffix(s, "»");
}

/* UTF-8 (a "\xE4" escape can break it), control characters, length, a
 * placeholder left in. */
static bool check_text(struct loader *ld, const struct setting *st, const struct at *at,
                       const char *s)
{
        const char *end = NULL;
        if (!g_utf8_validate(s, -1, &end)) {
                diag_error(ld->d, ld->file, at->line, at->path,
                           "not valid UTF-8 (byte 0x%02X from a \\x escape); write the character itself",
                           (unsigned)(unsigned char)*end);
                return false;
        }
        for (const char *p = s; *p; p++) {
                unsigned char ch = (unsigned char)*p;
                if ((ch < 0x20 && ch != '\n' && ch != '\t') || ch == 0x7f) {
                        diag_error(ld->d, ld->file, at->line, at->path,
                                   "contains a control character (\\x%02x); remove it", ch);
                        return false;
                }
        }
        size_t n = st->bytes ? strlen(s) : util_utf8_len(s);
        if (st->max && n > st->max) {
                diag_error(ld->d, ld->file, at->line, at->path, "too long (%zu %s; at most %zu)",
                           n, st->bytes ? _("bytes") : _("characters"), st->max);
                return false;
        }
        if (placeholder(s)) {
                diag_error(ld->d, ld->file, at->line, at->path, "replace %s with your own value (%s)", s,
                           _(st->doc));
                return false;
        }
        return true;
}

/* ---- store functions ------------------------------------------------------ */

static void put_string(void *field, const char *s)
{
        char **p = field;
        g_free(*p);
        *p = g_strdup(s);
}

/* A code that is safe to become a file name: "de", "en", "pt-BR". */
static bool plausible_language(const char *s)
{
        size_t n = strlen(s);
        if (n < 2 || n > 35 || !g_ascii_isalpha(s[0]) || !g_ascii_isalpha(s[1]))
                return false;
        for (const char *p = s; *p; p++)
                if (!g_ascii_isalnum(*p) && *p != '-' && *p != '_')
                        return false;
        return true;
}

static void store_language(struct loader *ld, const struct at *at, struct value *v, void *field)
{
        struct community *c = ld->c;
        const char *const *langs = ld->opt->languages;
        const char *code = v->s;
        const char *shipped = NULL;
        if (langs)
                for (size_t i = 0; langs[i]; i++)
                        if (g_ascii_strcasecmp(langs[i], code) == 0)
                                shipped = langs[i];
        if (shipped) {
                /* "DE" means de: store the shipped spelling, the file name. */
                put_string(field, shipped);
                c->words_language = g_strdup(shipped);
                return;
        }
        bool ok = plausible_language(code);
        put_string(field, ok ? code : "de");
        c->words_language = g_strdup(ok && !langs ? code : "de");
        if (!langs && ok)
                return;
        char *q = diag_quote(code, 40);
        if (langs) {
                char *list = g_strjoinv(", ", (char **)langs);
                diag_warn(ld->d, ld->file, at->line, at->path,
                          "unknown language %s; plakat has %s; the words come from de", q, list);
                g_free(list);
        } else {
                diag_warn(ld->d, ld->file, at->line, at->path,
                          "%s is not a language code like \"de\" or \"en\"; the words come from de", q);
        }
        g_free(q);
}

static void store_email(struct loader *ld, const struct at *at, struct value *v, void *field)
{
        /* Only what is surely wrong: the address is printed, not sent to. */
        const char *s = v->s, *at_sign = strchr(s, '@');
        const char *dot = at_sign ? strrchr(at_sign, '.') : NULL;
        bool ok = at_sign && at_sign > s && !strchr(at_sign + 1, '@') && dot &&
                  dot > at_sign + 1 && dot[1] != '\0' && !strpbrk(s, " \t\n,;<>");
        if (!ok) {
                char *q = diag_quote(s, 60);
                diag_warn(ld->d, ld->file, at->line, at->path,
                          "%s does not look like an email address (name@example.org)", q);
                g_free(q);
        }
        put_string(field, s);
}

/* The part of an http(s) URL after "scheme://" up to the path has a host. */
static bool has_host(const char *authority_start)
{
        size_t n = strcspn(authority_start, "/?#");
        const char *a = authority_start, *e = a + n;
        const char *userinfo_end = NULL;
        for (const char *p = a; p < e; p++)
                if (*p == '@')
                        userinfo_end = p;
        if (userinfo_end)
                a = userinfo_end + 1;
        if (a < e && *a == '[') { /* IPv6 literal */
                const char *close = memchr(a, ']', (size_t)(e - a));
                return close && close > a + 1;
        }
        const char *colon = memchr(a, ':', (size_t)(e - a));
        if (colon) {
                for (const char *p = colon + 1; p < e; p++)
                        if (!g_ascii_isdigit(*p))
                                return false;
                e = colon;
        }
        return e > a;
}

static bool has_space_or_control(const char *s)
{
        for (const char *p = s; *p; p++) {
                unsigned char ch = (unsigned char)*p;
                if (ch <= 0x20 || ch == 0x7f)
                        return true;
        }
        /* U+00A0 and the other Unicode spaces sneak in from word processors. */
        for (const char *p = s; *p; p = g_utf8_next_char(p)) {
                gunichar u = g_utf8_get_char(p);
                if (u >= 0x80 && (g_unichar_isspace(u) || g_unichar_type(u) == G_UNICODE_SPACE_SEPARATOR ||
                                  g_unichar_iscntrl(u)))
                        return true;
        }
        return false;
}

/* 0: fine; 1: wrong scheme; 2: no host; 3: spaces. */
/* What is wrong with a web address, as bits: all of it is told at once,
 * so a lead does not fix one thing only to hear of the next. */
enum { URL_SCHEME = 1, URL_HOST = 2, URL_SPACE = 4 };

static int web_address(const char *s)
{
        int why = has_space_or_control(s) ? URL_SPACE : 0;
        const char *rest = NULL;
        if (g_ascii_strncasecmp(s, "https://", 8) == 0)
                rest = s + 8;
        else if (g_ascii_strncasecmp(s, "http://", 7) == 0)
                rest = s + 7;
        if (!rest)
                why |= URL_SCHEME;
        else if (!has_host(rest))
                why |= URL_HOST;
        return why;
}

static void url_error(struct loader *ld, const struct at *at, int why, const char *s,
                      bool warn)
{
        static const struct {
                int bit;
                const char *what;
        } problems[] = {
                { URL_SCHEME, N_("expected an address starting with https:// or http://, found %s") },
                { URL_HOST, N_("expected an address with a host name, like \"https://example.org/…\", found %s") },
                { URL_SPACE, N_("must not contain spaces or control characters, found %s") },
        };
        char *q = diag_quote(s, 60);
        /* "www.nebenan.de/..." or "bielefeld.jetzt/cop/x": the scheme is
         * all that is missing, so the whole address can be offered. */
        char *meant = why == URL_SCHEME && !strstr(s, "://") ? g_strconcat("https://", s, NULL) : NULL;
        if (meant && web_address(meant) == 0) {
                if (warn)
                        diag_warn(ld->d, ld->file, at->line, at->path,
                                  "expected an address starting with https:// or http://, found %s; did you mean \"%s\"?",
                                  q, meant);
                else
                        diag_error(ld->d, ld->file, at->line, at->path,
                                   "expected an address starting with https:// or http://, found %s; did you mean \"%s\"?",
                                   q, meant);
                why = 0;
        }
        g_free(meant);
        for (size_t i = 0; i < G_N_ELEMENTS(problems); i++) {
                if (!(why & problems[i].bit))
                        continue;
                if (warn)
                        diag_warn(ld->d, ld->file, at->line, at->path, problems[i].what, q);
                else
                        diag_error(ld->d, ld->file, at->line, at->path, problems[i].what, q);
        }
        g_free(q);
}

static void store_url(struct loader *ld, const struct at *at, struct value *v, void *field)
{
        int why = web_address(v->s);
        if (why) {
                url_error(ld, at, why, v->s, false);
                return;
        }
        put_string(field, v->s);
}

/* Channel links: a mailto: or tel: is fine; an odd scheme may still be what
 * the app wants, so that is only a warning. */
static void store_link(struct loader *ld, const struct at *at, struct value *v, void *field)
{
        const char *s = v->s;
        int why = web_address(s);
        if ((why & URL_SCHEME) && (g_ascii_strncasecmp(s, "mailto:", 7) == 0 ||
                                   g_ascii_strncasecmp(s, "tel:", 4) == 0))
                why &= ~URL_SCHEME;
        if (why & URL_SCHEME) {
                char *q = diag_quote(s, 60);
                diag_warn(ld->d, ld->file, at->line, at->path,
                          "expected an address starting with https://, http:// or mailto:, found %s", q);
                g_free(q);
                why &= ~URL_SCHEME;
        }
        if (why) {
                url_error(ld, at, why, s, false);
                return;
        }
        put_string(field, s);
}

/* The number of up to max digits at *s, advancing *s; -1 when none. */
static int take_number(const char **s, int max)
{
        int n = 0, k = 0;
        for (; k < max && g_ascii_isdigit(**s); k++, (*s)++)
                n = n * 10 + (**s - '0');
        return k ? n : -1;
}

/* What a lead meant by a date written as people write it, in plakat's
 * form: "14.02.2027 14 Uhr" or "14.2.27, 14:30" or "2027-2-14 9:30" ->
 * "2027-02-14 14:00", into out (17 bytes).  Only a suggestion for the
 * error message, so only the shapes leads were seen to write: day.month.
 * year (a two-digit year is 20yy) or year-month-day with one-digit parts,
 * then a time as "H", "H:MM" or "H.MM", with "Uhr" or "h" after it.
 * False when the text is none of these or no real date and time; else
 * *wd is the date's weekday, which the lead may have thought another. */
static bool meant_when(const char *s, bool with_time, char *out, GDateWeekday *wd)
{
        int y, m, d;
        const char *p = s;
        int a = take_number(&p, 4);
        if (a >= 1000 && *p == '-') {
                p++;
                y = a;
                m = take_number(&p, 2);
                if (*p++ != '-')
                        return false;
                d = take_number(&p, 2);
        } else if (a >= 0 && *p == '.') {
                p++;
                d = a;
                m = take_number(&p, 2);
                if (*p++ != '.')
                        return false;
                const char *ys = p;
                y = take_number(&p, 4);
                if (p - ys == 2)
                        y += 2000;
                else if (p - ys != 4)
                        return false;
        } else {
                return false;
        }
        if (y < 1 || m < 1 || m > 12 || d < 1 || d > g_date_get_days_in_month((GDateMonth)m, (GDateYear)y))
                return false;
        int h = 0, min = 0;
        while (*p == ' ' || *p == ',' || *p == 'T')
                p++;
        if (with_time) {
                if ((h = take_number(&p, 2)) < 0)
                        return false;
                if (*p == ':' || *p == '.') {
                        p++;
                        const char *ms = p;
                        if ((min = take_number(&p, 2)) < 0 || p - ms != 2)
                                return false;
                }
                while (*p == ' ')
                        p++;
                if (g_ascii_strcasecmp(p, "Uhr") == 0 || g_ascii_strcasecmp(p, "h") == 0)
                        p += strlen(p);
                if (h > 23 || min > 59)
                        return false;
        }
        if (*p)
                return false;
        GDate date;
        g_date_clear(&date, 1);
        g_date_set_dmy(&date, (GDateDay)d, (GDateMonth)m, (GDateYear)y);
        *wd = g_date_get_weekday(&date);
        if (with_time)
                g_snprintf(out, 17, "%04d-%02d-%02d %02d:%02d", y, m, d, h, min);
        else
                g_snprintf(out, 17, "%04d-%02d-%02d", y, m, d);
        return true;
}

/* Parse "YYYY-MM-DD HH:MM" (with_time) or "YYYY-MM-DD"; on failure report
 * why, naming the setting, and return false. */
static bool parse_when(struct loader *ld, const struct at *at, const char *s, bool with_time,
                       struct slot *out)
{
        const char *shape = with_time ? "dddd-dd-dd dd:dd" : "dddd-dd-dd";
        bool shaped = strlen(s) == strlen(shape);
        for (size_t i = 0; shaped && shape[i]; i++)
                shaped = shape[i] == 'd' ? g_ascii_isdigit(s[i]) : s[i] == shape[i];
        if (!shaped) {
                const char *expected = with_time ? _("\"YYYY-MM-DD HH:MM\"") : _("\"YYYY-MM-DD\"");
                char meant[17];
                GDateWeekday wd;
                if (meant_when(s, with_time, meant, &wd)) {
                        char *q = diag_quote(s, 60);
                        diag_error(ld->d, ld->file, at->line, at->path,
                                   "expected %s, found %s; did you mean \"%s\" (a %s)?", expected, q, meant,
                                   i18n_weekday_name((int)wd));
                        g_free(q);
                } else {
                        expected_error(ld, at, expected, s);
                }
                return false;
        }
        bool ok = with_time ? schedule_parse_slot(s, out) : schedule_parse_date(s, &out->date);
        if (ok) {
                if (!with_time)
                        out->minute = 0;
                return true;
        }
        int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
        char *q = diag_quote(s, 30);
        if (y < 1)
                diag_error(ld->d, ld->file, at->line, at->path, "no such date %s: there is no year 0", q);
        else if (m < 1 || m > 12)
                diag_error(ld->d, ld->file, at->line, at->path, "no such date %s: months are 01 to 12", q);
        else if (d < 1 || d > g_date_get_days_in_month((GDateMonth)m, (GDateYear)y))
                diag_error(ld->d, ld->file, at->line, at->path, "no such date %s: %s %d has %d days",
                           q, i18n_month_name(m), y,
                           (int)g_date_get_days_in_month((GDateMonth)m, (GDateYear)y));
        else
                diag_error(ld->d, ld->file, at->line, at->path,
                           "no such time %s: times are 00:00 to 23:59", q);
        g_free(q);
        return false;
}

static void store_first(struct loader *ld, const struct at *at, struct value *v, void *field)
{
        struct schedule *s = field;
        if (parse_when(ld, at, v->s, true, &s->first))
                s->has_rule = true;
}

static void store_until(struct loader *ld, const struct at *at, struct value *v, void *field)
{
        struct schedule *s = field;
        struct slot when;
        if (parse_when(ld, at, v->s, false, &when)) {
                s->until = when.date;
                s->has_until = true;
        }
}

/* One of names[] (exact), or an error with a did-you-mean.  Returns the
 * index or -1. */
static int choose(struct loader *ld, const struct at *at, const char *s,
                  const char *const *names, size_t n)
{
        for (size_t i = 0; i < n; i++)
                /* Words in any case, like language and channel types:
                 * "Weekly" is what a lead means by weekly. */
                if (g_ascii_strcasecmp(s, names[i]) == 0)
                        return (int)i;
        GString *exp = g_string_new(NULL);
        for (size_t i = 0; i < n; i++)
                g_string_append_printf(exp, "%s%s%s%s", i == 0 ? "" : i + 1 == n ? _(" or ") : ", ", i18n_open_quote(),
                                       names[i], i18n_close_quote());
        char *lower = g_ascii_strdown(s, -1);
        const char *close = diag_closest(lower, names, n);
        g_free(lower);
        char *q = diag_quote(s, 40);
        if (close)
                diag_error(ld->d, ld->file, at->line, at->path,
                           "expected %s, found %s; did you mean \"%s\"?", exp->str, q, close);
        else
                diag_error(ld->d, ld->file, at->line, at->path, "expected %s, found %s", exp->str, q);
        g_free(q);
        g_string_free(exp, TRUE);
        return -1;
}

static void store_repeat(struct loader *ld, const struct at *at, struct value *v, void *field)
{
        static const char *const names[] = { "once", "weekly", "monthly" };
        static const enum schedule_repeat values[] = { REPEAT_ONCE, REPEAT_WEEKLY, REPEAT_MONTHLY };
        /* The rhythm in a lead's words ("alle 6 Wochen", "every 2 months",
         * "wöchentlich", "einmal im Monat"): the settings that say it.  A
         * number right before the word goes to interval, so the error
         * names both; one elsewhere is not the rhythm ("jeden 2. Dienstag
         * im Monat" is monthly).  The rhythm's words come before "einmal",
         * which is "once" only alone. */
        static const struct {
                const char *word;
                const char *repeat;
        } said[] = {
                { "woche", "weekly" }, { "week", "weekly" },   { "wöchentlich", "weekly" },
                { "monat", "monthly" }, { "month", "monthly" }, { "einmal", "once" },
        };
        char *low = g_utf8_strdown(v->s, -1);
        bool named = false;
        for (size_t k = 0; k < G_N_ELEMENTS(names); k++)
                named |= strcmp(low, names[k]) == 0;
        for (size_t k = 0; k < G_N_ELEMENTS(said) && !named; k++) {
                const char *hit = strstr(low, said[k].word);
                /* a word of its own, or after a number ("2-wöchentlich"):
                 * "zweiwöchentlich" is no "weekly" */
                if (!hit || (hit > low && (g_ascii_isalpha(hit[-1]) || (unsigned char)hit[-1] >= 0x80)))
                        continue;
                const char *end = hit;
                while (end > low && (end[-1] == ' ' || end[-1] == '-'))
                        end--;
                const char *from = end;
                while (from > low && g_ascii_isdigit(from[-1]))
                        from--;
                int n = 0;
                for (const char *d = from; d < end && n <= INTERVAL_MAX; d++)
                        n = n * 10 + (*d - '0');
                char *q = diag_quote(v->s, 40);
                if (n > 1 && n <= INTERVAL_MAX && strcmp(said[k].repeat, "weekly") == 0)
                        diag_error(ld->d, ld->file, at->line, at->path,
                                   "expected \"once\", \"weekly\" or \"monthly\", found %s; for every %d "
                                   "weeks write repeat = \"weekly\"; interval = %d;", q, n, n);
                else if (n > 1 && n <= INTERVAL_MAX && strcmp(said[k].repeat, "monthly") == 0)
                        diag_error(ld->d, ld->file, at->line, at->path,
                                   "expected \"once\", \"weekly\" or \"monthly\", found %s; for every %d "
                                   "months write repeat = \"monthly\"; interval = %d;", q, n, n);
                else
                        diag_error(ld->d, ld->file, at->line, at->path,
                                   "expected \"once\", \"weekly\" or \"monthly\", found %s; did you mean \"%s\"?",
                                   q, said[k].repeat);
                g_free(q);
                g_free(low);
                return;
        }
        g_free(low);
        int i = choose(ld, at, v->s, names, G_N_ELEMENTS(names));
        if (i >= 0)
                ((struct schedule *)field)->repeat = values[i];
}

static void store_monthly(struct loader *ld, const struct at *at, struct value *v, void *field)
{
        static const char *const names[] = { "nth-weekday", "last-weekday", "day-of-month" };
        static const enum schedule_monthly values[] = {
                MONTHLY_NTH_WEEKDAY, MONTHLY_LAST_WEEKDAY, MONTHLY_DAY_OF_MONTH,
        };
        int i = choose(ld, at, v->s, names, G_N_ELEMENTS(names));
        if (i >= 0)
                ((struct schedule *)field)->monthly = values[i];
}

static char *element_path(const char *path, size_t i)
{
        return g_strdup_printf("%s[%zu]", path, i + 1);
}

static void store_skip(struct loader *ld, const struct at *at, struct value *v, void *field)
{
        struct schedule *s = field;
        size_t n = v->v ? g_strv_length(v->v) : 0;
        g_free(s->skip);
        s->skip = g_new0(GDate, n ? n : 1);
        s->n_skip = 0;
        for (size_t i = 0; i < n; i++) {
                char *p = element_path(at->path, i);
                struct at eat = { p, v->lines[i] };
                struct slot when;
                if (parse_when(ld, &eat, v->v[i], false, &when))
                        s->skip[s->n_skip++] = when.date;
                g_free(p);
        }
        schedule_sort_skip(s);
        g_strfreev(v->v);
}

static int compare_slots(const void *a, const void *b)
{
        const struct slot *x = a, *y = b;
        int c = g_date_compare(&x->date, &y->date);
        return c ? c : (x->minute > y->minute) - (x->minute < y->minute);
}

/* A parsed date and where it was written, to sort and then find doubles
 * in O(n log n): a 256 KiB file holds thousands of dates. */
struct listed {
        struct slot when;
        size_t index;
};

static int compare_listed(const void *a, const void *b)
{
        const struct listed *x = a, *y = b;
        int c = compare_slots(&x->when, &y->when);
        return c ? c : (x->index > y->index) - (x->index < y->index);
}

static void store_dates(struct loader *ld, const struct at *at, struct value *v, void *field)
{
        struct schedule *s = field;
        size_t n = v->v ? g_strv_length(v->v) : 0, n_ok = 0;
        struct listed *l = g_new0(struct listed, n ? n : 1);
        for (size_t i = 0; i < n; i++) {
                char *p = element_path(at->path, i);
                struct at eat = { p, v->lines[i] };
                if (parse_when(ld, &eat, v->v[i], true, &l[n_ok].when))
                        l[n_ok++].index = i;
                g_free(p);
        }
        if (n == 0)
                diag_error(ld->d, ld->file, at->line, at->path,
                           "the list is empty; give at least one meeting");
        qsort(l, n_ok, sizeof *l, compare_listed);
        g_free(s->dates);
        s->dates = g_new0(struct slot, n_ok ? n_ok : 1);
        s->n_dates = 0;
        for (size_t i = 0; i < n_ok; i++) {
                if (s->n_dates && compare_slots(&s->dates[s->n_dates - 1], &l[i].when) == 0) {
                        char *p = element_path(at->path, l[i].index);
                        char *q = diag_quote(v->v[l[i].index], 30);
                        diag_warn(ld->d, ld->file, v->lines[l[i].index], p,
                                  "%s is listed twice; counted once", q);
                        g_free(q);
                        g_free(p);
                        continue;
                }
                s->dates[s->n_dates++] = l[i].when;
        }
        g_free(l);
        g_strfreev(v->v);
}

static void store_colour(struct loader *ld, const struct at *at, struct value *v, void *field)
{
        if (!colour_parse(v->s, field))
                expected_error(ld, at, _("a colour \"#RRGGBB\" like \"#2E7D32\""), v->s);
}

static void store_channel_type(struct loader *ld, const struct at *at, struct value *v, void *field)
{
        /* The spec's list is open ("e.g."): any type is fine, but a near miss
         * of a known one is a typo worth a word. */
        static const char *const known[] = {
                "signal", "whatsapp", "telegram", "matrix", "email", "nebenan", "linkedin",
                "instagram", "mastodon", "web", "threema", "discord", "slack", "facebook",
                "xing", "phone",
        };
        char *lower = g_ascii_strdown(v->s, -1);
        bool is_known = false;
        for (size_t i = 0; i < G_N_ELEMENTS(known); i++)
                is_known |= strcmp(lower, known[i]) == 0;
        const char *close = is_known ? NULL : diag_closest(lower, known, G_N_ELEMENTS(known));
        if (close) {
                char *q = diag_quote(v->s, 40);
                diag_warn(ld->d, ld->file, at->line, at->path,
                          "unknown channel type %s; did you mean \"%s\"?", q, close);
                g_free(q);
        }
        char **p = field;
        g_free(*p);
        *p = lower;
}

/* ---- images -------------------------------------------------------------- */

static bool has_dotdot(const char *path)
{
        char **parts = g_strsplit(path, "/", -1);
        bool found_dotdot = false;
        for (char **p = parts; *p; p++)
                found_dotdot |= strcmp(*p, "..") == 0;
        g_strfreev(parts);
        return found_dotdot;
}

/* The name of a file beside path that differs from path's only in case
 * ("team.jpg" for "Team.jpg"), or NULL: Windows and macOS do not mind
 * the case, so a lead's file that works there finds no image here, and
 * "No such file" alone sends them looking for a file that is right there.
 * Caller frees. */
static char *other_case(const char *path)
{
        char *dir = g_path_get_dirname(path), *base = g_path_get_basename(path), *found = NULL;
        GDir *gd = g_utf8_validate(base, -1, NULL) ? g_dir_open(dir, 0, NULL) : NULL;
        if (gd) {
                char *want = g_utf8_casefold(base, -1);
                for (const char *e; !found && (e = g_dir_read_name(gd));) {
                        if (!g_utf8_validate(e, -1, NULL))
                                continue;
                        char *have = g_utf8_casefold(e, -1);
                        if (strcmp(have, want) == 0 && strcmp(e, base) != 0)
                                found = g_strdup(e);
                        g_free(have);
                }
                g_free(want);
                g_dir_close(gd);
        }
        g_free(dir);
        g_free(base);
        return found;
}

static bool inside(const char *path, const char *dir)
{
        size_t n = strlen(dir);
        if (n == 1 && dir[0] == '/')
                return true;
        return strncmp(path, dir, n) == 0 && path[n] == '/';
}

/* Resolve, contain, open and sniff an image (the type and SVG checks are
 * the image module's, so loading and drawing agree); on success store its
 * real path.  The setting's name says which types it takes. */
static void store_image(struct loader *ld, const struct at *at, const char *value, void *field)
{
        const char *expected;
        int allowed = image_allowed(at->path, &expected);
        struct diag *d = ld->d;
        bool outside_ok = ld->opt->allow_outside;
        char *q = diag_quote(value, 80);
        char *joined = NULL, *real = NULL, *rdir = NULL, *svg = NULL;
        FILE *f = NULL;

        /* A path copied from Windows ("C:\\Users\\…\\logo.png") names no
         * file here at all: say what to do instead of "cannot open". */
        if ((g_ascii_isalpha(value[0]) && value[1] == ':' && (value[2] == '\\' || value[2] == '/')) ||
            strchr(value, '\\')) {
                diag_error(d, ld->file, at->line, at->path,
                           "%s is a Windows path; an image must lie in the community file's folder: copy it there "
                           "and write just its name, like \"logo.png\"",
                           q);
                goto out;
        }
        if (!outside_ok && g_path_is_absolute(value)) {
                diag_error(d, ld->file, at->line, at->path,
                           "%s is an absolute path; name a file in the community file's folder, like \"logo.png\"", q);
                goto out;
        }
        if (!outside_ok && has_dotdot(value)) {
                diag_error(d, ld->file, at->line, at->path,
                           "%s leads out of the community file's folder; put the image next to the file", q);
                goto out;
        }
        joined = g_path_is_absolute(value) ? g_strdup(value) : g_build_filename(ld->dir, value, NULL);
        real = realpath(joined, NULL);
        if (!real) {
                int e = errno;
                char *other = e == ENOENT ? other_case(joined) : NULL;
                if (other) {
                        char *o = diag_quote(other, 80);
                        diag_error(d, ld->file, at->line, at->path,
                                   "cannot open %s: no such file, but there is %s: names differ in capitals here; "
                                   "write it as the file is named",
                                   q, o);
                        g_free(o);
                } else {
                        diag_error(d, ld->file, at->line, at->path, "cannot open %s: %s", q, g_strerror(e));
                }
                g_free(other);
                goto out;
        }
        if (!outside_ok) {
                rdir = realpath(ld->dir, NULL);
                if (!rdir || !inside(real, rdir)) {
                        diag_error(d, ld->file, at->line, at->path,
                                   "%s is a link that leads out of the community file's folder", q);
                        goto out;
                }
        }
        /* Opened once, then checked on the descriptor: a FIFO named
         * logo.png must not block, and what is sniffed here is what was
         * opened, not whatever the path names a moment later. */
        f = util_open_regular(real, false);
        if (!f) {
                if (errno == EINVAL)
                        diag_error(d, ld->file, at->line, at->path, "%s is not a file", q);
                else
                        diag_error(d, ld->file, at->line, at->path, "cannot open %s: %s", q, g_strerror(errno));
                goto out;
        }
        unsigned char head[16];
        size_t n = fread(head, 1, sizeof head, f);
        if (ferror(f)) {
                diag_error(d, ld->file, at->line, at->path, "cannot read %s", q);
                goto out;
        }
        /* Text starting with "<" may be an SVG: read it whole to look inside. */
        size_t skip = n >= 3 && memcmp(head, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
        while (skip < n && g_ascii_isspace(head[skip]))
                skip++;
        if (skip < n && head[skip] == '<') {
                size_t len = 0;
                char *err = NULL;
                svg = util_read_stream(f, IMAGE_SVG_MAX_BYTES, &len, &err);
                if (!svg) {
                        diag_error(d, ld->file, at->line, at->path, "%s: %s", q, err);
                        g_free(err);
                        goto out;
                }
                /* A NUL would hide the rest from the scan below. */
                if (memchr(svg, '\0', len)) {
                        diag_error(d, ld->file, at->line, at->path,
                                   "%s contains a NUL byte; expected a text file (SVG) or an image", q);
                        goto out;
                }
        }
        /* head holds at most 16 bytes and no terminating NUL: the sniffer
         * gets its length, and an SVG is only ever sniffed whole. */
        const char *kind_name;
        enum image_type kind = svg ? image_sniff((const unsigned char *)svg, strlen(svg), &kind_name)
                                   : image_sniff(head, n, &kind_name);
        if (kind == IMAGE_SVG && !svg)
                kind = IMAGE_OTHER;
        if (!(kind & allowed)) {
                diag_error(d, ld->file, at->line, at->path, "expected %s, found %s (%s)",
                           expected, kind_name, q);
                goto out;
        }
        if (kind == IMAGE_SVG) {
                char *why = image_svg_danger(svg);
                if (why) {
                        diag_error(d, ld->file, at->line, at->path,
                                   "%s %s; plakat only takes SVG files that load nothing else", q, why);
                        g_free(why);
                        goto out;
                }
        }
        char **p = field;
        g_free(*p);
        *p = real;
        real = NULL;
out:
        if (f)
                fclose(f);
        g_free(svg);
        free(rdir);
        free(real);
        g_free(joined);
        g_free(q);
}

static void store_logo(struct loader *ld, const struct at *at, struct value *v, void *field)
{
        struct style *st = &ld->c->style;
        store_image(ld, at, v->s, field);
        if (st->logo) {
                put_string(&st->logo_written, v->s);
                st->logo_line = at->line;
        }
}

static void store_photo(struct loader *ld, const struct at *at, struct value *v, void *field)
{
        struct style *st = &ld->c->style;
        store_image(ld, at, v->s, field);
        if (st->photo) {
                put_string(&st->photo_written, v->s);
                st->photo_line = at->line;
        }
}

/* ---- cross-checks ------------------------------------------------------------ */

static void finish_schedule(struct loader *ld, const struct at *at, config_setting_t *g, void *base)
{
        struct community *c = base;
        struct schedule *s = &c->schedule;
        config_setting_t *first = config_setting_get_member(g, "first");
        config_setting_t *dates = config_setting_get_member(g, "dates");
        static const char *const rule_only[] = { "repeat", "interval", "monthly" };

        if (first && dates) {
                diag_error(ld->d, ld->file, cfg_line(dates), "schedule.dates",
                           "give either schedule.first (a rule) or schedule.dates (a list), not both");
        } else if (!first && !dates) {
                diag_error(ld->d, ld->file, at->line, at->path,
                           "needs first (the first meeting of a rule) or dates (a list of meetings)");
        } else if (dates) {
                for (size_t i = 0; i < G_N_ELEMENTS(rule_only); i++) {
                        config_setting_t *x = config_setting_get_member(g, rule_only[i]);
                        if (x) {
                                char *p = g_strconcat("schedule.", rule_only[i], NULL);
                                diag_warn(ld->d, ld->file, cfg_line(x), p,
                                          "ignored, because schedule.dates lists the meetings");
                                g_free(p);
                        }
                }
        }
        /* "duration = 3" meant hours: a meeting of a few minutes is none. */
        config_setting_t *duration = config_setting_get_member(g, "duration");
        if (duration && ld->group_errors == 0 && s->duration > 0 && s->duration <= 8) {
                char *msg = g_strdup_printf(ngettext("a meeting of %d minute; the length is in minutes (for %d "
                                                     "hour write duration = %d;)",
                                                     "a meeting of %d minutes; the length is in minutes (for %d "
                                                     "hours write duration = %d;)",
                                                     (unsigned long)s->duration),
                                            s->duration, s->duration, s->duration * 60);
                diag_warn(ld->d, ld->file, cfg_line(duration), "schedule.duration", "%s", msg);
                g_free(msg);
        }
        if (first && !dates && ld->group_errors == 0) {
                /* Advice on a rule, only worth giving once it is right. */
                config_setting_t *monthly = config_setting_get_member(g, "monthly");
                config_setting_t *interval = config_setting_get_member(g, "interval");
                if (monthly && s->repeat != REPEAT_MONTHLY)
                        diag_warn(ld->d, ld->file, cfg_line(monthly), "schedule.monthly",
                                  "only used with repeat = \"monthly\"; ignored");
                if (interval && s->repeat == REPEAT_ONCE)
                        diag_warn(ld->d, ld->file, cfg_line(interval), "schedule.interval",
                                  "only used with repeat = \"weekly\" or \"monthly\"; ignored");
        }
        if (s->interval == 0)
                s->interval = 1;

        /* A 5th Tuesday is legal, but most months have none (and then no
         * meeting): probably "the last Tuesday" was meant. */
        if (ld->group_errors == 0 && s->has_rule && s->repeat == REPEAT_MONTHLY &&
            s->monthly == MONTHLY_NTH_WEEKDAY &&
            g_date_get_day(&s->first.date) > 28) {
                const char *wd = i18n_weekday_name((int)g_date_get_weekday(&s->first.date));
                diag_warn(ld->d, ld->file, cfg_line(first), "schedule.first",
                          "\"%s\" is the 5th %s of its month; months without a 5th %s have no meeting "
                          "(for the last %s of every month write monthly = \"last-weekday\")",
                          config_setting_get_string(first), wd, wd, wd);
        }

        /* A skipped day on which there is no meeting skips nothing: most
         * likely a typo in the date, and the meeting meant still shows. */
        config_setting_t *skip = config_setting_get_member(g, "skip");
        if (ld->group_errors == 0 && skip && s->n_skip > 0 && (s->has_rule || s->n_dates)) {
                struct schedule plain = *s;
                plain.skip = NULL;
                plain.n_skip = 0;
                for (int i = 0; i < config_setting_length(skip); i++) {
                        config_setting_t *e = config_setting_get_elem(skip, (unsigned)i);
                        const char *v = config_setting_get_string(e);
                        GDate day;
                        g_date_clear(&day, 1);
                        if (!v || !schedule_parse_date(v, &day))
                                continue;
                        struct meeting m;
                        if (schedule_next(&plain, &day, &m, 1) == 1 && g_date_compare(&m.start.date, &day) == 0)
                                continue;
                        char *p = element_path("schedule.skip", (size_t)i);
                        char *q = diag_quote(v, 20);
                        diag_warn(ld->d, ld->file, cfg_line(e), p,
                                  "%s is not a day this schedule meets, so nothing is skipped (a typo in the date?)", q);
                        g_free(q);
                        g_free(p);
                }
        }

        const GDate *start = s->has_rule ? &s->first.date : s->n_dates ? &s->dates[0].date : NULL;
        if (s->has_until && start && g_date_compare(&s->until, start) < 0) {
                config_setting_t *until = config_setting_get_member(g, "until");
                char buf[16];
                g_date_strftime(buf, sizeof buf, "%Y-%m-%d", start);
                char *q = diag_quote(config_setting_get_string(until), 20);
                diag_error(ld->d, ld->file, cfg_line(until), "schedule.until",
                           "%s is before the first meeting (%s)", q, buf);
                g_free(q);
        }
}

/* ---- the walk ----------------------------------------------------------------- */

static bool type_ok(enum stype t, const config_setting_t *cs)
{
        int ct = config_setting_type(cs);
        bool empty_array = ct == CONFIG_TYPE_ARRAY && config_setting_length(cs) == 0;
        switch (t) {
        case ST_STRING: return ct == CONFIG_TYPE_STRING;
        case ST_INT: return ct == CONFIG_TYPE_INT || ct == CONFIG_TYPE_INT64;
        case ST_STRINGS: return ct == CONFIG_TYPE_ARRAY || ct == CONFIG_TYPE_LIST;
        case ST_GROUP: return ct == CONFIG_TYPE_GROUP;
        case ST_GROUPS: return ct == CONFIG_TYPE_LIST || empty_array;
        case ST_GROUP_OR_GROUPS: return ct == CONFIG_TYPE_GROUP || ct == CONFIG_TYPE_LIST || empty_array;
        }
        return false;
}

static void load_group(struct loader *ld, config_setting_t *g, const char *key, const char *shown,
                       void *base);

/* Unknown name in group key: suggest a sibling, or a setting of that name
 * elsewhere (an `email` at the top probably means lead.email). */
static void unknown(struct loader *ld, const struct at *at, const char *key, const char *shown,
                    const char *name)
{
        /* Settings leads write for what plakat reads from schedule.first
         * (its date and time): spelling says nothing here ("time" is two
         * letters from "name"). */
        static const struct {
                const char *name, *meant;
        } computed[] = {
                { "weekday", N_("schedule.first (its date gives the weekday)") },
                { "day", N_("schedule.first (its date gives the weekday)") },
                { "wochentag", N_("schedule.first (its date gives the weekday)") },
                { "time", N_("schedule.first (\"YYYY-MM-DD HH:MM\" holds the time)") },
                { "uhrzeit", N_("schedule.first (\"YYYY-MM-DD HH:MM\" holds the time)") },
        };
        /* Only where a schedule is written: lead.time is no meeting's. */
        bool schedule = !key[0] || strcmp(key, "schedule") == 0;
        for (size_t i = 0; schedule && i < G_N_ELEMENTS(computed); i++)
                if (g_ascii_strcasecmp(name, computed[i].name) == 0) {
                        const struct cfg_walk w = { ld->file, ld->d };
                        cfg_unknown(&w, at->line, at->path, _(computed[i].meant));
                        return;
                }
        const char *cand[G_N_ELEMENTS(settings)];
        size_t n = 0;
        for (size_t i = 0; i < G_N_ELEMENTS(settings); i++)
                if (has_parent(&settings[i], key))
                        cand[n++] = leaf(settings[i].name);
        const char *close = diag_closest(name, cand, n);
        char *suggest = NULL;
        if (close) {
                suggest = shown[0] ? g_strconcat(shown, ".", close, NULL) : g_strdup(close);
        } else {
                for (size_t i = 0; i < G_N_ELEMENTS(settings) && !suggest; i++)
                        if (strcmp(leaf(settings[i].name), name) == 0)
                                suggest = g_strdup(settings[i].name);
        }
        const struct cfg_walk w = { ld->file, ld->d };
        cfg_unknown(&w, at->line, at->path, suggest);
        g_free(suggest);
}

/* Every element a string, each checked; empty ones dropped with a warning. */
static bool load_strings(struct loader *ld, const struct setting *st, const struct at *at,
                         config_setting_t *cs, struct value *v, int **lines)
{
        int n = config_setting_length(cs);
        GPtrArray *out = g_ptr_array_new();
        *lines = g_new0(int, n + 1);
        bool ok = true;
        for (int i = 0; i < n; i++) {
                config_setting_t *e = config_setting_get_elem(cs, (unsigned)i);
                char *p = element_path(at->path, (size_t)i);
                struct at eat = { p, cfg_line(e) ? cfg_line(e) : at->line };
                if (config_setting_type(e) != CONFIG_TYPE_STRING) {
                        type_error(ld, &eat, expected_type(ST_STRING), e);
                        ok = false;
                } else if (!check_text(ld, st, &eat, config_setting_get_string(e))) {
                        ok = false;
                } else if (blank(config_setting_get_string(e))) {
                        diag_warn(ld->d, ld->file, eat.line, eat.path, "empty; left out");
                } else {
                        (*lines)[out->len] = eat.line;
                        g_ptr_array_add(out, g_strdup(config_setting_get_string(e)));
                }
                g_free(p);
        }
        g_ptr_array_add(out, NULL);
        v->v = (char **)g_ptr_array_free(out, FALSE);
        v->lines = *lines;
        return ok;
}

static void load_setting(struct loader *ld, const struct setting *st, const struct at *at,
                         config_setting_t *cs, void *base)
{
        void *field = (char *)base + st->off;
        /* Later messages (from the renderer) point at this line too. */
        g_hash_table_replace(ld->c->lines, g_strdup(at->path), GINT_TO_POINTER(at->line));
        if (!type_ok(st->type, cs)) {
                type_error(ld, at, expected_type(st->type), cs);
                return;
        }
        struct value v = { 0 };
        switch (st->type) {
        case ST_STRING: {
                const char *s = config_setting_get_string(cs);
                if (!check_text(ld, st, at, s))
                        return;
                if (blank(s)) {
                        if (st->required)
                                diag_error(ld->d, ld->file, at->line, at->path, "must not be empty");
                        else
                                diag_warn(ld->d, ld->file, at->line, at->path, "empty; left out");
                        return;
                }
                v.s = s;
                if (st->store)
                        st->store(ld, at, &v, field);
                else
                        put_string(field, s);
                return;
        }
        case ST_INT: {
                long long i = config_setting_get_int64(cs);
                if (i < st->min || i > st->maxi) {
                        diag_error(ld->d, ld->file, at->line, at->path,
                                   "expected a whole number from %d to %d, found %lld", st->min, st->maxi, i);
                        return;
                }
                v.i = i;
                if (st->store)
                        st->store(ld, at, &v, field);
                else
                        *(int *)field = (int)i;
                return;
        }
        case ST_STRINGS: {
                int *lines = NULL;
                bool ok = load_strings(ld, st, at, cs, &v, &lines);
                if (!ok || (!st->store && !v.v[0])) {
                        g_strfreev(v.v); /* an empty list counts as not given */
                } else if (st->store) {
                        st->store(ld, at, &v, field);
                } else {
                        char ***p = field;
                        g_strfreev(*p);
                        *p = v.v;
                }
                g_free(lines);
                return;
        }
        case ST_GROUP: {
                size_t before = ld->d->errors;
                load_group(ld, cs, st->name, at->path, base);
                ld->group_errors = ld->d->errors - before;
                if (st->finish)
                        st->finish(ld, at, cs, base);
                return;
        }
        case ST_GROUPS:
        case ST_GROUP_OR_GROUPS: {
                bool single = config_setting_type(cs) == CONFIG_TYPE_GROUP;
                size_t n = single ? 1 : (size_t)config_setting_length(cs);
                if (n == 0) {
                        if (st->required)
                                diag_error(ld->d, ld->file, at->line, at->path,
                                           "the list is empty; give at least one");
                        return;
                }
                char *arr = g_malloc0(st->elem_size * n);
                *(void **)field = arr;
                *(size_t *)((char *)base + st->n_off) = n;
                for (size_t i = 0; i < n; i++) {
                        config_setting_t *e = single ? cs : config_setting_get_elem(cs, (unsigned)i);
                        char *p = single ? g_strdup(at->path) : element_path(at->path, i);
                        struct at eat = { p, cfg_line(e) };
                        if (config_setting_type(e) != CONFIG_TYPE_GROUP)
                                type_error(ld, &eat, expected_type(ST_GROUP), e);
                        else
                                load_group(ld, e, st->name, p, arr + i * st->elem_size);
                        g_free(p);
                }
                return;
        }
        }
}

/* Load the members of group g (table key `key`, shown as `shown`) into
 * base, in file order; then report missing required members. */
static void load_group(struct loader *ld, config_setting_t *g, const char *key, const char *shown,
                       void *base)
{
        int n = config_setting_length(g);
        for (int i = 0; i < n; i++) {
                config_setting_t *cs = config_setting_get_elem(g, (unsigned)i);
                const char *name = config_setting_name(cs);
                char *ckey = key[0] ? g_strconcat(key, ".", name, NULL) : g_strdup(name);
                char *cshown = shown[0] ? g_strconcat(shown, ".", name, NULL) : g_strdup(name);
                struct at at = { cshown, cfg_line(cs) };
                const struct setting *st = find_setting(ckey);
                if (st)
                        load_setting(ld, st, &at, cs, base);
                else
                        unknown(ld, &at, key, shown, name);
                g_free(ckey);
                g_free(cshown);
        }
        for (size_t i = 0; i < G_N_ELEMENTS(settings); i++) {
                const struct setting *st = &settings[i];
                if (!st->required || !has_parent(st, key) ||
                    config_setting_get_member(g, leaf(st->name)))
                        continue;
                char *p = shown[0] ? g_strconcat(shown, ".", leaf(st->name), NULL) : g_strdup(st->name);
                /* A misspelt name ("leed") is only a warning, which -q
                 * hides; the error it causes carries the hint itself. */
                const config_setting_t *typo = NULL;
                const char *want[] = { leaf(st->name) };
                for (int k = 0; k < config_setting_length(g) && !typo; k++) {
                        const config_setting_t *m = config_setting_get_elem(g, (unsigned)k);
                        const char *mn = config_setting_name(m);
                        if (mn && !find_setting_in(key, mn) && diag_closest(mn, want, 1))
                                typo = m;
                }
                if (typo)
                        diag_error(ld->d, ld->file, cfg_line(typo), p,
                                   "missing; this setting is required; did you mean %s instead of %s?",
                                   leaf(st->name), config_setting_name(typo));
                else
                        diag_error(ld->d, ld->file, cfg_line(g), p, "missing; this setting is required");
                g_free(p);
        }
}

/* The community in a parsed file; destroys cfg. */
static struct community *from_config(config_t *cfg, const char *file,
                                     const struct community_options *opt, struct diag *d)
{
        static const struct community_options defaults = { 0 };
        size_t errors = d->errors;
        struct community *c = g_new0(struct community, 1);
        static gint made;
        c->serial = (guint)g_atomic_int_add(&made, 1) + 1;
        c->lines = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
        c->path = g_strdup(file);
        c->slug = util_slug(file);
        struct loader ld = {
                .file = file,
                .dir = g_path_get_dirname(file),
                .opt = opt ? opt : &defaults,
                .d = d,
                .c = c,
        };
        /* A designer checking their own design file: a layout has pages
         * and colours, which no community file has.  Said once, instead
         * of an unknown "pages" and every required setting missing. */
        config_setting_t *root = config_root_setting(cfg);
        if (config_setting_get_member(root, "pages") && !config_setting_get_member(root, "schedule") &&
            !config_setting_get_member(root, "signup")) {
                diag_error(d, file, cfg_line(config_setting_get_member(root, "pages")), NULL,
                           "this is a layout (a design with pages), not a community file; try a design with "
                           "plakat check --layouts FOLDER -l NAME COMMUNITY.cfg");
                g_free(ld.dir);
                config_destroy(cfg);
                community_free(c);
                return NULL;
        }
        load_group(&ld, root, "", "", c);
        if (!c->language)
                c->language = g_strdup("de");
        if (!c->words_language)
                c->words_language = g_strdup(c->language);

        g_free(ld.dir);
        config_destroy(cfg);
        if (d->errors > errors) {
                community_free(c);
                return NULL;
        }
        return c;
}

struct community *community_load_string(const char *text, size_t len, const char *name,
                                        const struct community_options *opt, struct diag *d)
{
        config_t cfg;
        config_init(&cfg);
        if (!cfg_parse(&cfg, text, len, name, &limits, d)) {
                config_destroy(&cfg);
                return NULL;
        }
        return from_config(&cfg, name, opt, d);
}

struct community *community_load(const char *path, const struct community_options *opt,
                                 struct diag *d)
{
        size_t len = 0;
        char *err = NULL;
        struct stat st;
        char *text = util_read_file(path, limits.max_bytes, &len, &err, &st);
        if (!text) {
                /* "plakat render garten" for garten.cfg: name the file that is there. */
                char *with = g_str_has_suffix(path, ".cfg") ? NULL : g_strconcat(path, ".cfg", NULL);
                if (with && !g_file_test(path, G_FILE_TEST_EXISTS) && g_file_test(with, G_FILE_TEST_IS_REGULAR)) {
                        char *q = diag_quote(with, 200);
                        diag_error(d, path, 0, NULL, "%s; did you mean %s?", err, q);
                        g_free(q);
                } else {
                        diag_error(d, path, 0, NULL, "%s", err);
                }
                g_free(with);
                g_free(err);
                return NULL;
        }
        struct community *c = community_load_string(text, len, path, opt, d);
        if (c) {
                c->source = text;
                c->source_len = len;
                c->source_stamp = g_strdup_printf("%lld.%09ld", (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
        } else {
                g_free(text);
        }
        return c;
}

void community_free(struct community *c)
{
        if (!c)
                return;
        if (c->lines)
                g_hash_table_destroy(c->lines);
        g_free(c->path);
        g_free(c->slug);
        g_free(c->name);
        g_free(c->topic);
        g_free(c->pitch);
        g_free(c->goal);
        g_free(c->language);
        g_free(c->words_language);
        g_strfreev(c->tags);
        g_free(c->lead.name);
        g_free(c->lead.email);
        g_free(c->lead.phone);
        g_free(c->lead.role);
        schedule_clear(&c->schedule);
        for (size_t i = 0; i < c->n_venues; i++) {
                g_free(c->venues[i].name);
                g_free(c->venues[i].address);
                g_free(c->venues[i].room);
                g_free(c->venues[i].note);
        }
        g_free(c->venues);
        g_free(c->signup.url);
        g_free(c->signup.label);
        g_free(c->signup.short_url);
        g_free(c->signup.track);
        for (size_t i = 0; i < c->n_channels; i++) {
                g_free(c->channels[i].type);
                g_free(c->channels[i].name);
                g_free(c->channels[i].url);
        }
        g_free(c->channels);
        g_strfreev(c->agenda);
        g_free(c->woop.wish);
        g_free(c->woop.outcome);
        g_strfreev(c->woop.obstacles);
        g_strfreev(c->woop.plan);
        g_free(c->style.theme);
        g_free(c->style.layout);
        g_free(c->style.logo);
        g_free(c->style.photo);
        g_free(c->style.logo_written);
        g_free(c->style.photo_written);
        g_free(c->source);
        g_free(c->source_stamp);
        g_free(c);
}
