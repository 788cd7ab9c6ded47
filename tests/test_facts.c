/* test_facts.c: what templates get for a community on a given day:
 * alternating venues name every place and say where each next meeting
 * is; a time span never breaks across lines. */
#include "testlib.h"

#include <string.h>

#include "community.h"
#include "diag.h"
#include "facts.h"

#include "box.h"
#include "lang.h"

static struct facts *facts_of(const char *cfg, const char *code, struct community **c, struct lang **l)
{
        struct diag d;
        diag_init(&d, stderr);
        *c = community_load_string(cfg, strlen(cfg), "t.cfg", NULL, &d);
        g_assert_nonnull(*c);
        *l = lang_load("lang", code, &d);
        g_assert_nonnull(*l);
        g_assert_cmpuint(d.errors, ==, 0);
        diag_clear(&d);
        GDate today;
        g_date_clear(&today, 1);
        g_date_set_dmy(&today, 27, 11, 2026);
        return facts_new(*c, *l, &today);
}

static const char *var(struct facts *f, const char *key)
{
        const char *v = facts_get(f, key);
        return v ? v : "";
}

/* The value as the poster sets it (box.c): line-break control added. */
static char *typeset(struct facts *f, const char *key)
{
        const struct fact *x = facts_fact(f, key);
        g_assert_nonnull(x);
        return box_typeset(x);
}

/* No value of f carries invisible line-break control. */
static void assert_plain(struct facts *f)
{
        for (const char *const *n = facts_placeholders(); *n; n++) {
                const char *v = facts_get(f, *n);
                if (!v)
                        continue;
                g_assert_null(strstr(v, "\u00a0"));
                g_assert_null(strstr(v, "\u2060"));
                g_assert_null(strstr(v, "\u200b"));
        }
}

static void test_alternating_venues(void)
{
        const char *cfg =
                "name = \"Stammtisch\"; topic = \"Ideen\"; lead = { name = \"Lena\"; };\n"
                "schedule = { first = \"2027-01-13 19:00\"; repeat = \"weekly\"; interval = 2; };\n"
                "venue = ( { name = \"Café Altstadtliebe\"; address = \"Obernstraße 26\"; },\n"
                "          { name = \"Innovation Office\"; address = \"Niederwall 23\"; } );\n"
                "signup = { url = \"https://example.org/s\"; };\n";
        struct community *c;
        struct lang *l;
        struct facts *f = facts_of(cfg, "de", &c, &l);
        /* {venue.*} is the next meeting's place, with its own address. */
        g_assert_cmpstr(var(f, "venue.name"), ==, "Café Altstadtliebe");
        g_assert_cmpstr(var(f, "venue.address"), ==, "Obernstraße 26");
        g_assert_cmpstr(var(f, "next"), ==,
                        "13. Jan.: Café Altstadtliebe · 27. Jan.: Innovation Office · 10. Feb. 2027: Café Altstadtliebe");
        /* The rota: the next meetings with their places, each place once
         * with its address. */
        g_assert_cmpstr(var(f, "rota"), ==,
                        "13. Jan.: Café Altstadtliebe, Obernstraße 26\n27. Jan. 2027: Innovation Office, Niederwall 23");
        /* On a poster the dates hold together, the venues may break. */
        char *t = typeset(f, "next");
        g_assert_cmpstr(t, ==,
                        "13.\u00a0Jan.: Café Altstadtliebe · 27.\u00a0Jan.: Innovation Office · 10.\u00a0Feb.\u00a02027: Café Altstadtliebe");
        g_free(t);
        assert_plain(f);
        facts_free(f);
        lang_free(l);
        community_free(c);
}

static void test_one_venue(void)
{
        const char *cfg =
                "name = \"Garten\"; topic = \"Gärtnern\"; lead = { name = \"Aylin\"; };\n"
                "schedule = { first = \"2027-01-12 18:30\"; duration = 90; repeat = \"monthly\"; };\n"
                "venue = { name = \"Innovation Office\"; room = \"Werkstatt\"; address = \"Niederwall 23\"; };\n"
                "signup = { url = \"https://www.example.org/cop/urban-gardening\"; };\n";
        struct community *c;
        struct lang *l;
        struct facts *f = facts_of(cfg, "de", &c, &l);
        g_assert_cmpstr(var(f, "venue.name"), ==, "Innovation Office");
        g_assert_cmpstr(var(f, "venue.room"), ==, "Werkstatt");
        g_assert_cmpstr(var(f, "next"), ==, "12. Jan., 9. Feb., 9. März 2027");
        g_assert_cmpstr(var(f, "cycle"), ==, "Jeden 2. Dienstag im Monat, 18:30–20:00 Uhr");
        g_assert_cmpstr(var(f, "signup.short"), ==, "example.org/cop/urban-gardening");
        assert_plain(f);
        /* On a poster: each date on one line. */
        char *t = typeset(f, "next");
        g_assert_cmpstr(t, ==, "12.\u00a0Jan., 9.\u00a0Feb., 9.\u00a0März\u00a02027");
        g_free(t);
        /* No-break spaces and word joiners hold "18:30–20:00 Uhr" together. */
        t = typeset(f, "cycle");
        g_assert_cmpstr(t, ==, "Jeden 2. Dienstag im Monat, 18:30\u2060\u2013\u206020:00\u00a0Uhr");
        g_free(t);
        /* The address breaks after a "/", never at its hyphen. */
        t = typeset(f, "signup.short");
        g_assert_cmpstr(t, ==, "example.org/\u200bcop/\u200burban-\u2060gardening");
        g_free(t);
        facts_free(f);
        lang_free(l);
        community_free(c);
}

static void test_lists_and_phone(void)
{
        const char *cfg =
                "name = \"Garten\"; topic = \"Gärtnern\";\n"
                "lead = { name = \"Aylin\"; phone = \"0521 51-0\"; };\n"
                "schedule = { first = \"2027-01-12 18:30\"; repeat = \"monthly\"; };\n"
                "venue = { name = \"Innovation Office\"; };\n"
                "agenda = [\"Ankommen\", \"Beete planen\"];\n"
                "channels = ( { type = \"signal\"; name = \"Gartengruppe\"; url = \"https://signal.group/x\"; },\n"
                "             { type = \"matrix\"; url = \"https://matrix.to/y\"; },\n"
                "             { type = \"email\"; url = \"mailto:garten@example.org\"; },\n"
                "             { type = \"funk\"; url = \"https://example.org/funk\"; } );\n"
                "signup = { url = \"https://example.org/s\"; };\n";
        struct community *c;
        struct lang *l;
        struct facts *f = facts_of(cfg, "de", &c, &l);
        g_assert_cmpstr(var(f, "lead.phone"), ==, "0521 51-0");
        char *t = typeset(f, "lead.phone");
        g_assert_cmpstr(t, ==, "0521\u00a051\u2060-\u20600");
        g_free(t);
        g_assert_cmpuint(facts_list_len(f, "agenda"), ==, 2);
        g_assert_cmpstr(facts_item(f, "agenda", 1, "item"), ==, "Beete planen");
        g_assert_null(facts_item(f, "agenda", 2, "item"));
        g_assert_cmpuint(facts_list_len(f, "channels"), ==, 4);
        /* Types as the language writes them; one it does not know as written. */
        g_assert_cmpstr(facts_item(f, "channels", 0, "type"), ==, "Signal");
        g_assert_cmpstr(facts_item(f, "channels", 0, "name"), ==, "Gartengruppe");
        g_assert_cmpstr(facts_item(f, "channels", 0, "url"), ==, "https://signal.group/x");
        g_assert_null(facts_item(f, "channels", 1, "name"));
        g_assert_cmpstr(facts_item(f, "channels", 1, "item"), ==, "Matrix");
        g_assert_cmpstr(facts_item(f, "channels", 2, "type"), ==, "E-Mail");
        /* Where to reach a nameless channel, as a reader types it. */
        g_assert_cmpstr(facts_item(f, "channels", 2, "address"), ==, "garten@example.org");
        g_assert_cmpstr(facts_item(f, "channels", 3, "type"), ==, "funk");
        g_assert_cmpstr(facts_item(f, "channels", 3, "address"), ==, "example.org/funk");
        g_assert_cmpuint(facts_list_len(f, "woop.plan"), ==, 0);
        /* The whole list stays a value for designs that print it at once. */
        g_assert_cmpstr(var(f, "agenda"), ==, "• Ankommen\n• Beete planen");
        assert_plain(f);
        facts_free(f);
        lang_free(l);
        community_free(c);
}

/* Places taking turns: the next meeting (here the second of the rota)
 * gives {venue.*}; room and note are kept. */
static void test_rota_next_place(void)
{
        const char *cfg =
                "name = \"Eltern\"; topic = \"Austausch\"; lead = { name = \"Sandra\"; };\n"
                "schedule = { first = \"2026-11-19 19:30\"; repeat = \"weekly\"; interval = 2; };\n"
                "venue = ( { name = \"Familienzentrum Heepen\"; address = \"Salzufler Straße 130, 33719 Bielefeld\";\n"
                "            room = \"Raum 3\"; note = \"barrierefrei\"; },\n"
                "          { name = \"Bürgerzentrum Stieghorst\"; address = \"Glatzer Straße 21, 33605 Bielefeld\"; } );\n"
                "signup = { url = \"https://example.org/s\"; };\n";
        struct community *c;
        struct lang *l;
        struct facts *f = facts_of(cfg, "de", &c, &l);
        g_assert_cmpstr(var(f, "venue.name"), ==, "Bürgerzentrum Stieghorst");
        g_assert_cmpstr(var(f, "venue.address"), ==, "Glatzer Straße 21, 33605 Bielefeld");
        g_assert_null(facts_get(f, "venue.room"));
        g_assert_cmpstr(var(f, "rota"), ==,
                        "3. Dez.: Bürgerzentrum Stieghorst, Glatzer Straße 21, 33605 Bielefeld\n"
                        "17. Dez. 2026: Familienzentrum Heepen, Raum 3, Salzufler Straße 130, 33719 Bielefeld (barrierefrei)");
        /* Postcode and town stay on one line. */
        char *t = typeset(f, "venue.address");
        g_assert_cmpstr(t, ==, "Glatzer Straße 21, 33605\u00a0Bielefeld");
        g_free(t);
        assert_plain(f);
        facts_free(f);
        lang_free(l);
        community_free(c);
}

/* A list of dates: the cycle says when the next meeting is, with its
 * time; the list after it gives each date its own time when they differ. */
static void test_dates_with_times(void)
{
        const char *cfg =
                "name = \"Sprachcafé\"; topic = \"Deutsch\"; lead = { name = \"Mariam\"; };\n"
                "schedule = { dates = [\"2027-01-14 17:00\", \"2027-01-28 18:30\", \"2027-02-11 17:00\",\n"
                "                      \"2027-02-25 10:00\", \"2027-03-11 17:00\"]; duration = 90; };\n"
                "venue = { name = \"Freizeitzentrum Baumheide\"; };\n"
                "signup = { url = \"https://example.org/s\"; };\n";
        struct community *c;
        struct lang *l;
        struct facts *f = facts_of(cfg, "de", &c, &l);
        g_assert_cmpstr(var(f, "cycle"), ==, "Donnerstag, 14. Januar 2027, 17:00–18:30 Uhr");
        g_assert_cmpstr(var(f, "next"), ==,
                        "Do., 28. Jan., 18:30–20:00 Uhr · Do., 11. Feb., 17:00–18:30 Uhr · Do., 25. Feb., 10:00–11:30 Uhr");
        /* Breaks only between the meetings. */
        char *t = typeset(f, "next");
        g_assert_null(strstr(t, "Jan., 18"));
        g_assert_nonnull(strstr(t, "Uhr · Do."));
        g_free(t);
        g_assert_null(facts_get(f, "rota"));
        facts_free(f);
        lang_free(l);
        community_free(c);

        /* The same time for every date: the days alone. */
        cfg = "name = \"Sprachcafé\"; topic = \"Deutsch\"; lead = { name = \"Mariam\"; };\n"
              "schedule = { dates = [\"2027-01-14 17:00\", \"2027-01-28 17:00\", \"2027-02-11 17:00\"]; };\n"
              "venue = { name = \"Freizeitzentrum Baumheide\"; };\n"
              "signup = { url = \"https://example.org/s\"; };\n";
        f = facts_of(cfg, "de", &c, &l);
        g_assert_cmpstr(var(f, "cycle"), ==, "Donnerstag, 14. Januar 2027, 17:00 Uhr");
        g_assert_cmpstr(var(f, "next"), ==, "28. Jan., 11. Feb. 2027");
        facts_free(f);
        lang_free(l);
        community_free(c);
}

/* "bis 31. Dezember 2027" stays together. */
static void test_until_held(void)
{
        const char *cfg =
                "name = \"Garten\"; topic = \"Gärtnern\"; lead = { name = \"Aylin\"; };\n"
                "schedule = { first = \"2027-01-12 18:30\"; repeat = \"monthly\"; until = \"2027-12-31\"; };\n"
                "venue = { name = \"Innovation Office\"; };\n"
                "signup = { url = \"https://example.org/s\"; };\n";
        struct community *c;
        struct lang *l;
        struct facts *f = facts_of(cfg, "de", &c, &l);
        char *t = typeset(f, "cycle");
        g_assert_nonnull(strstr(t, "bis\u00a031.\u00a0Dezember\u00a02027"));
        g_free(t);
        facts_free(f);
        lang_free(l);
        community_free(c);
}

int main(int argc, char **argv)
{
        test_init(&argc, &argv);
        g_test_add_func("/facts/alternating-venues", test_alternating_venues);
        g_test_add_func("/facts/one-venue", test_one_venue);
        g_test_add_func("/facts/lists-and-phone", test_lists_and_phone);
        g_test_add_func("/facts/rota-next-place", test_rota_next_place);
        g_test_add_func("/facts/dates-with-times", test_dates_with_times);
        g_test_add_func("/facts/until-held", test_until_held);
        return g_test_run();
}
