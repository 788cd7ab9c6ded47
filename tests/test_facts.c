/* test_facts.c: what templates get for a community on a given day:
 * alternating venues name every place and say where each next meeting
 * is; a time span never breaks across lines. */
#include "testlib.h"

#include <string.h>

#include "community.h"
#include "diag.h"
#include "facts.h"
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
        const char *v = g_hash_table_lookup(f->vars, key);
        return v ? v : "";
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
        g_assert_cmpstr(var(f, "venue.name"), ==, "Café Altstadtliebe / Innovation Office");
        g_assert_cmpstr(var(f, "venue.address"), ==, "Obernstraße 26 / Niederwall 23");
        g_assert_cmpstr(var(f, "next"), ==,
                        "13.\u00a0Jan.: Café Altstadtliebe, 27.\u00a0Jan.: Innovation Office, 10.\u00a0Feb.\u00a02027: Café Altstadtliebe");
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
        g_assert_cmpstr(var(f, "next"), ==, "12.\u00a0Jan., 9.\u00a0Feb., 9.\u00a0März\u00a02027");
        /* No-break spaces and word joiners hold "18:30–20:00 Uhr" together. */
        g_assert_cmpstr(var(f, "cycle"), ==,
                        "Jeden 2. Dienstag im Monat, 18:30\u2060\u2013\u206020:00\u00a0Uhr");
        /* The address breaks after a "/", never at its hyphen. */
        g_assert_cmpstr(var(f, "signup.short"), ==, "example.org/\u200bcop/\u200burban-\u2060gardening");
        facts_free(f);
        lang_free(l);
        community_free(c);
}

int main(int argc, char **argv)
{
        test_init(&argc, &argv);
        g_test_add_func("/facts/alternating-venues", test_alternating_venues);
        g_test_add_func("/facts/one-venue", test_one_venue);
        return g_test_run();
}
