/* starter.c: `plakat new`: a commented community file to fill in.
 *
 * The file follows the settings table (community.c): each setting gets its
 * doc line as a comment, translated like every message, so a German lead
 * reads German comments and German examples.  Values to be replaced are
 * written «like this»; community_load refuses any value of that form, so
 * `plakat check` keeps saying what is still to do until the lead has
 * replaced them all.  Optional settings are written commented out, with an
 * example, so the file checks as soon as the placeholders are gone.
 *
 * The language is the file's, not the user's: `--language de` writes
 * German comments under any locale.  gettext picks its catalogue from
 * LANGUAGE, which it ignores under the "C" locale, hence C.UTF-8 while the
 * text is built; both are put back afterwards, so messages about the file
 * (it exists, the disk is full) are in the user's language. */
#include "starter.h"

#include <glib.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "community.h"
#include "diag.h"
#include "i18n.h"
#include "output.h"

const char *const starter_languages[] = {"de", "en", NULL};

/* One line of the file.  Groups open and close around their settings. */
struct line {
        const char *set;     /* the setting ("lead.name"); NULL with close */
        const char *example; /* the value as written in the file, translated; NULL for a group */
        bool quoted;         /* example is a text: written in "" */
        bool off;            /* optional: commented out (with everything inside) */
        bool list;           /* a group written as a list of groups ( { … } ) */
        bool close;          /* ends the innermost group */
};

/* Every setting of the table, in its order; tests/e2e/new.sh holds them in
 * step.  Examples are in the language of the file: translators translate
 * the «…» and the sample texts, never the setting names. */
static const struct line lines[] = {
        { .set = "name", .example = N_("«Name of your group»"), .quoted = true },
        { .set = "topic", .example = N_("«What brings you together»"), .quoted = true },
        { .set = "pitch", .example = N_("We meet to plant, water and harvest together. Everybody is welcome."),
          .quoted = true, .off = true },
        { .set = "goal", .example = N_("A garden for the whole street"), .quoted = true, .off = true },
        { .set = "language", .example = NULL, .quoted = true },
        { .set = "tags", .example = N_("[\"garden\", \"neighbourhood\"]"), .off = true },

        { .set = "lead" },
        { .set = "lead.name", .example = N_("«Your name»"), .quoted = true },
        { .set = "lead.email", .example = N_("name@example.org"), .quoted = true, .off = true },
        { .set = "lead.phone", .example = N_("+49 30 1234567"), .quoted = true, .off = true },
        { .set = "lead.role", .example = N_("Moderation"), .quoted = true, .off = true },
        { .close = true },

        { .set = "schedule" },
        { .set = "schedule.first", .example = N_("«YYYY-MM-DD HH:MM»"), .quoted = true },
        { .set = "schedule.duration", .example = "90" },
        { .set = "schedule.repeat", .example = "weekly", .quoted = true },
        { .set = "schedule.interval", .example = "2", .off = true },
        { .set = "schedule.monthly", .example = "nth-weekday", .quoted = true, .off = true },
        { .set = "schedule.until", .example = "2027-12-31", .quoted = true, .off = true },
        { .set = "schedule.skip", .example = "[\"2027-12-24\"]", .off = true },
        { .set = "schedule.dates", .example = "[\"2027-03-05 18:00\", \"2027-04-02 18:00\"]", .off = true },
        { .close = true },

        { .set = "venue" },
        { .set = "venue.name", .example = N_("«Name of the place»"), .quoted = true },
        { .set = "venue.address", .example = N_("«Street 1, 12345 Town»"), .quoted = true },
        { .set = "venue.room", .example = N_("Room 2, ground floor"), .quoted = true, .off = true },
        { .set = "venue.note", .example = N_("step-free"), .quoted = true, .off = true },
        { .close = true },

        { .set = "signup" },
        { .set = "signup.url", .example = N_("«https://your sign-up page»"), .quoted = true },
        { .set = "signup.label", .example = N_("Join us!"), .quoted = true, .off = true },
        { .set = "signup.short", .example = "example.org/join", .quoted = true, .off = true },
        { .set = "signup.track", .example = N_("source"), .quoted = true, .off = true },
        { .close = true },

        { .set = "channels", .off = true, .list = true },
        { .set = "channels.type", .example = "signal", .quoted = true },
        { .set = "channels.name", .example = N_("Garden chat"), .quoted = true },
        { .set = "channels.url", .example = "https://signal.group/#…", .quoted = true },
        { .close = true },

        { .set = "agenda", .example = N_("[\"Arrive\", \"Work together\", \"Plan the next steps\"]"), .off = true },

        { .set = "woop", .off = true },
        { .set = "woop.wish", .example = N_("A green street"), .quoted = true },
        { .set = "woop.outcome", .example = N_("Neighbours who know each other"), .quoted = true },
        { .set = "woop.obstacles", .example = N_("[\"Little time\"]") },
        { .set = "woop.plan", .example = N_("[\"If it rains, then we meet inside.\"]") },
        { .close = true },

        { .set = "style", .off = true },
        { .set = "style.theme", .example = "wald", .quoted = true },
        { .set = "style.layout", .example = "klar", .quoted = true },
        { .set = "style.primary", .example = "#2E7D32", .quoted = true },
        { .set = "style.accent", .example = "#F9A825", .quoted = true },
        { .set = "style.background", .example = "#FFFFFF", .quoted = true },
        { .set = "style.text", .example = "#1B1B1B", .quoted = true },
        { .set = "style.logo", .example = "logo.png", .quoted = true },
        { .set = "style.photo", .example = "photo.jpg", .quoted = true },
        { .close = true },
};

const char *starter_default_language(void)
{
        const char *l = setlocale(LC_MESSAGES, NULL);
        return l && strncmp(l, "de", 2) == 0 ? "de" : "en";
}

/* The message language as it was, to put back. */
struct speech {
        char *locale, *language;
};

static void speak(const char *lang, struct speech *was)
{
        const char *l = setlocale(LC_MESSAGES, NULL);
        const char *env = getenv("LANGUAGE");
        was->locale = g_strdup(l ? l : "C");
        was->language = g_strdup(env);
        if (strcmp(was->locale, "C") == 0 || strcmp(was->locale, "POSIX") == 0)
                if (!setlocale(LC_MESSAGES, "C.UTF-8"))
                        setlocale(LC_MESSAGES, "C.utf8");
        g_setenv("LANGUAGE", lang, TRUE);
        /* Changing the locale is what makes gettext drop its cache. */
        setlocale(LC_MESSAGES, setlocale(LC_MESSAGES, NULL));
}

static void unspeak(struct speech *was)
{
        if (was->language)
                g_setenv("LANGUAGE", was->language, TRUE);
        else
                g_unsetenv("LANGUAGE");
        setlocale(LC_MESSAGES, was->locale);
        g_free(was->locale);
        g_free(was->language);
}

static const char *leaf(const char *set)
{
        const char *dot = strrchr(set, '.');
        return dot ? dot + 1 : set;
}

char *starter_text(const char *lang)
{
        struct speech was;
        speak(lang, &was);
        GString *s = g_string_new(NULL);
        g_string_append_printf(s, _("# A community file for plakat. Replace every value in «…» with your own,\n"
                                    "# remove the \"# \" before the settings you want to use, then run:\n"
                                    "#   plakat check FILE   (it says what is still to do)\n"
                                    "# Every setting is explained in the line above it; more: plakat settings\n"));
        int depth = 0, off_depth = -1;
        bool list[8] = { false };
        for (size_t i = 0; i < G_N_ELEMENTS(lines); i++) {
                const struct line *ln = &lines[i];
                if (ln->close) {
                        depth--;
                        g_assert(depth >= 0);
                        g_string_append_printf(s, "%*s%s%s;\n", 4 * depth, "",
                                               off_depth >= 0 && off_depth <= depth ? "# " : "",
                                               list[depth] ? "} )" : "}");
                        if (off_depth == depth)
                                off_depth = -1;
                        continue;
                }
                const char *doc = community_setting_doc(ln->set);
                g_assert(doc); /* a row here that the table lacks */
                bool off = off_depth >= 0 || ln->off;
                if (ln->off && off_depth < 0 && !ln->example)
                        off_depth = depth;
                g_string_append_printf(s, "%s%*s# %s%s\n", depth == 0 && !ln->example ? "\n" : "", 4 * depth, "",
                                       doc, community_setting_required(ln->set) ? _(" (required)") : "");
                const char *c = off ? "# " : "";
                if (!ln->example && strcmp(ln->set, "language") != 0) {
                        g_assert(depth < (int)G_N_ELEMENTS(list));
                        list[depth] = ln->list;
                        g_string_append_printf(s, "%*s%s%s = %s\n", 4 * depth, "", c, leaf(ln->set),
                                               ln->list ? "( {" : "{");
                        depth++;
                        continue;
                }
                const char *value = ln->example ? _(ln->example) : lang;
                g_string_append_printf(s, "%*s%s%s = %s%s%s;\n", 4 * depth, "", c, leaf(ln->set),
                                       ln->quoted ? "\"" : "", value, ln->quoted ? "\"" : "");
        }
        g_assert(depth == 0);
        unspeak(&was);
        return g_string_free(s, FALSE);
}

bool starter_write(const char *path, const char *lang, struct diag *d)
{
        struct stat st;
        /* output_commit renames over what is there; a lead's filled-in file
         * must never be replaced by an empty starter. */
        if (lstat(path, &st) == 0) {
                diag_error(d, path, 0, NULL, "already exists; plakat new never overwrites a file (choose another name)");
                return false;
        }
        char *text = starter_text(lang);
        struct output o;
        bool ok = output_open(&o, OUTPUT_TEXT, path, NULL, d);
        if (ok) {
                output_write(&o, text, strlen(text));
                ok = output_finish(&o, d) && output_commit(&o, false, d);
        }
        output_abort(&o);
        g_free(text);
        return ok;
}
