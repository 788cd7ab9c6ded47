/* test_expand.c: layout text templates -> text (src/expand.c).
 *
 * expand() fills placeholders and drops bracketed parts whose placeholders
 * are empty; expand_check() finds what a designer got wrong, with the
 * exact message a layout file's author reads. */
#include <glib.h>
#include <string.h>

#include "diag.h"
#include "expand.h"
#include "facts.h"
#include "testlib.h"

static GHashTable *vars;

static void setup_vars(void)
{
        vars = g_hash_table_new(g_str_hash, g_str_equal);
        g_hash_table_insert(vars, "name", "Urban Gardening Bielefeld");
        g_hash_table_insert(vars, "venue.name", "Stadtbibliothek");
        g_hash_table_insert(vars, "venue.room", "");   /* empty */
        g_hash_table_insert(vars, "venue.address", "Neumarkt 1");
        g_hash_table_insert(vars, "label.when", "Wann?");
        g_hash_table_insert(vars, "markup", "Kochen <b>&</b> Backen &amp; <span foreground=\"red\">x</span>");
        /* "goal" and "lead.phone" are missing: the same as empty. */
}

/* expand tmpl and compare with want. */
static void check(const char *tmpl, const char *want)
{
        char *got = expand(tmpl, vars, NULL);
        g_assert_cmpstr(got, ==, want);
        g_free(got);
}

static const char *const names[] = { "name", "venue.name", "venue.room", "venue.address",
                                     "label.when", "goal", NULL };

/* expand_check's messages, one per line; *ok gets its result. */
static char *check_messages(const char *tmpl, bool *ok)
{
        struct diag d;
        diag_init(&d, NULL);
        *ok = expand_check(tmpl, names, &d, "t.cfg", 7, "pages.[0].elements.[2].text");
        GString *s = g_string_new(NULL);
        for (size_t i = 0; i < d.n; i++)
                g_string_append_printf(s, "%s\n", d.msgs[i].text);
        g_assert_cmpuint(d.errors, ==, *ok ? 0 : d.n);
        diag_clear(&d);
        return g_string_free(s, FALSE);
}

static void check_error(const char *tmpl, const char *want)
{
        bool ok = true;
        char *got = check_messages(tmpl, &ok);
        g_assert_false(ok);
        g_assert_cmpstr(got, ==, want);
        g_free(got);
}

/* ---- expanding ------------------------------------------------------------- */

static void test_placeholders(void)
{
        check("{name}", "Urban Gardening Bielefeld");
        check("{label.when} {venue.name}, {venue.address}", "Wann? Stadtbibliothek, Neumarkt 1");
        check("no placeholders at all", "no placeholders at all");
        check("", "");
        /* Leading and trailing white space goes. */
        check("  {name}  ", "Urban Gardening Bielefeld");
}

static void test_optional_brackets(void)
{
        /* The room is empty: its bracket vanishes, words and all. */
        check("{venue.name}[, Raum {venue.room}]", "Stadtbibliothek");
        check("[{venue.room} · ]{venue.address}[ · {goal}]", "Neumarkt 1");
        /* A bracket whose placeholders all have text stays, minus brackets. */
        check("{name}[ in der {venue.name}]", "Urban Gardening Bielefeld in der Stadtbibliothek");
        /* One empty placeholder is enough to drop the whole part. */
        check("{name}[ ({venue.name}, {venue.room})]", "Urban Gardening Bielefeld");
        /* Literal text in brackets without placeholders is kept. */
        check("{name}[!]", "Urban Gardening Bielefeld!");
}

/* An empty part takes its separator with it, also between brackets. */
static void test_separators(void)
{
        g_hash_table_insert(vars, "venue.note", "barrierefrei");
        /* No address: one separator between room and note. */
        check("[{venue.name} · ]{goal}[ · {venue.note}]", "Stadtbibliothek · barrierefrei");
        check("{venue.name} · {venue.room} · {venue.note}", "Stadtbibliothek · barrierefrei");
        /* Nothing before or after: no separator at the edge. */
        check("{venue.room} · {venue.address} · {goal}", "Neumarkt 1");
        check("{goal} – {venue.note}", "barrierefrei");
        check("{venue.note}, {goal}", "barrierefrei");
        /* Template text with words stays as written. */
        check("{venue.name}, Raum {venue.room}", "Stadtbibliothek, Raum");
        check("{venue.name} · {venue.note}", "Stadtbibliothek · barrierefrei");
        /* A value's own separators are the value's. */
        g_hash_table_insert(vars, "tags", "· Garten ·");
        check("{tags}", "· Garten ·");
        g_hash_table_remove(vars, "tags");
        g_hash_table_remove(vars, "venue.note");
}

static void test_all_empty(void)
{
        /* Every placeholder empty: the element is empty, labels and all. */
        check("Unser Ziel: {goal}", "");
        check("{goal}{venue.room}", "");
        check("Tel. [{lead.phone}]", "");
        check("[Raum {venue.room}]", "");
        /* One non-empty placeholder keeps the rest. */
        check("Ziel: {goal} – {name}", "Ziel:  – Urban Gardening Bielefeld");
}

static void test_escapes(void)
{
        check("\\{name\\}", "{name}");
        check("a \\[b\\] c", "a [b] c");
        check("back\\\\slash", "back\\slash");
        /* Anything else after a backslash is kept as written. */
        check("C:\\temp", "C:\\temp");
        check("\\{{name}\\}", "{Urban Gardening Bielefeld}");
        check("[\\[{venue.room}\\]]", "");
}

static void test_literal_markup(void)
{
        /* Values are text, never markup: nothing is parsed or escaped. */
        check("{markup}", "Kochen <b>&</b> Backen &amp; <span foreground=\"red\">x</span>");
        check("<b>{name}</b>", "<b>Urban Gardening Bielefeld</b>");
}

/* ---- checking ---------------------------------------------------------------- */

/* "{a|b}" takes the first that is not empty, and an unknown one inside is
 * reported like any other. */
static void test_alternatives(void)
{
        check("{goal|name}", "Urban Gardening Bielefeld");
        check("{venue.room|venue.address}", "Neumarkt 1");
        check("{name|venue.name}", "Urban Gardening Bielefeld");
        check("Ziel: {goal|venue.room}", "");
        check("{name}[, Raum {venue.room|goal}]", "Urban Gardening Bielefeld");
        check_error("{goal|nmae}", "t.cfg:7: pages.[0].elements.[2].text: unknown placeholder {nmae}; did you mean {name}?\n");
}

static void test_check_good(void)
{
        const char *good[] = { "{name}", "{venue.name}[, Raum {venue.room}]", "\\{name\\}", "plain",
                               "", "[a \\] b {goal}]", NULL };
        for (size_t i = 0; good[i]; i++) {
                bool ok = false;
                char *got = check_messages(good[i], &ok);
                g_assert_cmpstr(got, ==, "");
                g_assert_true(ok);
                g_free(got);
        }
}

static void test_unknown_placeholder(void)
{
        check_error("{nmae}",
                    "t.cfg:7: pages.[0].elements.[2].text: unknown placeholder {nmae}; did you mean {name}?\n");
        check_error("[Raum {venue.rooom}]",
                    "t.cfg:7: pages.[0].elements.[2].text: unknown placeholder {venue.rooom}; did you mean {venue.room}?\n");
        /* Nothing close: no guess. */
        check_error("{frobnicate}", "t.cfg:7: pages.[0].elements.[2].text: unknown placeholder {frobnicate}; braces meant as text are written \\{ and \\}\n");
        /* Every unknown one is reported. */
        check_error("{nmae} {gaol}",
                    "t.cfg:7: pages.[0].elements.[2].text: unknown placeholder {nmae}; did you mean {name}?\n"
                    "t.cfg:7: pages.[0].elements.[2].text: unknown placeholder {gaol}; did you mean {goal}?\n");
}

static void test_unbalanced(void)
{
        check_error("[Raum {venue.room}", "t.cfg:7: pages.[0].elements.[2].text: expected \"]\" to close \"[\"\n");
        check_error("Raum] {name}",
                    "t.cfg:7: pages.[0].elements.[2].text: expected text, found \"]\" without \"[\" (write \\] for a bracket)\n");
        check_error("{name", "t.cfg:7: pages.[0].elements.[2].text: expected \"}\" to close \"{\"\n");
        check_error("name}",
                    "t.cfg:7: pages.[0].elements.[2].text: expected text, found \"}\" without \"{\" (write \\} for a brace)\n");
        /* Brackets do not nest. */
        check_error("[a [{name}]]", "t.cfg:7: pages.[0].elements.[2].text: expected \"]\" before another \"[\", found \"[\"\n"
                                    "t.cfg:7: pages.[0].elements.[2].text: expected text, found \"]\" without \"[\" (write \\] for a bracket)\n");
}

/* Every placeholder the shipped layouts may use is one facts provide, and
 * the list has no duplicates. */
static void test_facts_placeholders(void)
{
        const char *const *p = facts_placeholders();
        g_assert_nonnull(p);
        GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
        size_t n = 0;
        for (; p[n]; n++) {
                g_assert_false(g_hash_table_contains(seen, p[n]));
                g_hash_table_add(seen, (gpointer)p[n]);
        }
        g_assert_cmpuint(n, >, 10);
        const char *needed[] = { "name", "topic", "next", "cycle", "venue.name", "venue.room",
                                 "signup.short", "label.when", NULL };
        for (size_t i = 0; needed[i]; i++)
                g_assert_true(g_hash_table_contains(seen, needed[i]));
        g_hash_table_destroy(seen);
}

/* A template whose placeholders expand to far more than a poster shows
 * (4,000 copies of the agenda took 99 s and 391 MB to lay out) is cut at
 * EXPAND_MAX_BYTES, at a character boundary, with an ellipsis, fast. */
static void test_size_limit(void)
{
        GHashTable *big = g_hash_table_new(g_str_hash, g_str_equal);
        GString *agenda = g_string_new(NULL);
        for (int i = 0; i < 40; i++)
                g_string_append(agenda, "Kennenlernen, Überblick und Ausblick – ");
        g_hash_table_insert(big, "agenda", agenda->str);
        GString *tmpl = g_string_new(NULL);
        for (int i = 0; i < 4000; i++)
                g_string_append(tmpl, "{agenda}\n");
        gint64 t0 = g_get_monotonic_time();
        bool cut = false;
        char *got = expand(tmpl->str, big, &cut);
        g_assert_cmpint(g_get_monotonic_time() - t0, <, 2 * G_USEC_PER_SEC);
        g_assert_true(cut);
        g_assert_cmpuint(strlen(got), <=, EXPAND_MAX_BYTES + 3);
        g_assert_cmpuint(strlen(got), >, EXPAND_MAX_BYTES - 8);
        g_assert_true(g_utf8_validate(got, -1, NULL));
        g_assert_true(g_str_has_suffix(got, "\u2026"));
        g_free(got);
        /* Below the limit nothing is cut. */
        got = expand("{agenda}", big, &cut);
        g_assert_false(cut);
        char *whole = g_strstrip(g_strdup(agenda->str));
        g_assert_cmpstr(got, ==, whole);
        g_free(whole);
        g_free(got);
        /* The check counts placeholders: 32 pass, 33 do not. */
        const char *const agenda_only[] = { "agenda", NULL };
        g_string_truncate(tmpl, 0);
        for (int i = 0; i < EXPAND_PLACEHOLDERS_MAX; i++)
                g_string_append(tmpl, "{agenda}");
        g_assert_true(expand_check(tmpl->str, agenda_only, NULL, "x.cfg", 1, "text"));
        g_string_append(tmpl, "[{agenda}]");
        g_assert_false(expand_check(tmpl->str, agenda_only, NULL, "x.cfg", 1, "text"));
        g_string_free(tmpl, TRUE);
        g_string_free(agenda, TRUE);
        g_hash_table_destroy(big);
}

int main(int argc, char **argv)
{
        test_init(&argc, &argv);
        setup_vars();
        g_test_add_func("/expand/placeholders", test_placeholders);
        g_test_add_func("/expand/optional-brackets", test_optional_brackets);
        g_test_add_func("/expand/all-empty", test_all_empty);
        g_test_add_func("/expand/separators", test_separators);
        g_test_add_func("/expand/escapes", test_escapes);
        g_test_add_func("/expand/literal-markup", test_literal_markup);
        g_test_add_func("/expand/alternatives", test_alternatives);
        g_test_add_func("/expand/check/good", test_check_good);
        g_test_add_func("/expand/check/unknown-placeholder", test_unknown_placeholder);
        g_test_add_func("/expand/check/unbalanced", test_unbalanced);
        g_test_add_func("/expand/facts-placeholders", test_facts_placeholders);
        g_test_add_func("/expand/size-limit", test_size_limit);
        int rc = g_test_run();
        g_hash_table_destroy(vars);
        return rc;
}
