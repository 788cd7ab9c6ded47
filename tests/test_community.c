/* test_community.c: the community loader against good and bad files.
 *
 * Each tests/data/bad/NAME.cfg pins its exact messages in NAME.expected
 * (the end-to-end test of the CLI reads the same pairs); every .cfg in samples/
 * and in tests/data/good/ loads with no diagnostics at all.  The rest
 * checks what the loader stores. */
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "community.h"
#include "diag.h"
#include "testlib.h"
#include "util.h"

static const char *const langs[] = { "de", "en", NULL };
static const struct community_options opt = { .languages = langs };

/* Every collected message, one per line. */
static char *messages(const struct diag *d)
{
        GString *s = g_string_new(NULL);
        for (size_t i = 0; i < d->n; i++)
                g_string_append_printf(s, "%s\n", d->msgs[i].text);
        return g_string_free(s, FALSE);
}

static struct community *load(const char *text, struct diag *d)
{
        return community_load_string(text, strlen(text), "tests/data/good/x.cfg", &opt, d);
}

#define MINIMAL \
        "name = \"Lesekreis\";\n" \
        "topic = \"Bücher\";\n" \
        "lead = { name = \"Mara Schulz\"; };\n" \
        "schedule = { first = \"2027-01-14 19:00\"; };\n" \
        "venue = { name = \"Stadtbibliothek Bielefeld\"; };\n" \
        "signup = { url = \"https://bielefeld.jetzt/cop/lesekreis\"; };\n"

/* ---- files ------------------------------------------------------------------ */

static void test_bad_file(gconstpointer data)
{
        const char *cfg = data;
        char *expected_path = g_strdup_printf("%.*s.expected", (int)(strlen(cfg) - 4), cfg);
        char *expected = NULL;
        g_assert_true(g_file_get_contents(expected_path, &expected, NULL, NULL));

        struct diag d;
        diag_init(&d, NULL);
        struct community *c = community_load(cfg, &opt, &d);
        char *got = messages(&d);
        g_assert_cmpstr(got, ==, expected);
        g_assert_cmpuint(d.n, >, 0);
        /* Refused exactly when there was an error; warnings alone load. */
        g_assert_true((c == NULL) == (d.errors > 0));

        community_free(c);
        g_free(got);
        diag_clear(&d);
        g_free(expected);
        g_free(expected_path);
}

static void test_good_file(gconstpointer data)
{
        const char *cfg = data;
        struct diag d;
        diag_init(&d, NULL);
        struct community *c = community_load(cfg, &opt, &d);
        char *got = messages(&d);
        g_assert_cmpstr(got, ==, "");
        g_assert_nonnull(c);
        g_assert_nonnull(c->name);
        g_assert_nonnull(c->topic);
        g_assert_nonnull(c->lead.name);
        g_assert_cmpuint(c->n_venues, >=, 1);
        for (size_t i = 0; i < c->n_venues; i++)
                g_assert_nonnull(c->venues[i].name);
        g_assert_nonnull(c->signup.url);
        g_assert_true(c->schedule.has_rule || c->schedule.n_dates > 0);
        g_assert_cmpint(c->schedule.interval, >=, 1);
        community_free(c);
        g_free(got);
        diag_clear(&d);
}

/* g_ptr_array_sort passes pointers to elements. */
static gint cmp_paths(gconstpointer a, gconstpointer b)
{
        return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted *.cfg in dir, for stable test order. */
static GPtrArray *cfg_files(const char *dir)
{
        GPtrArray *files = g_ptr_array_new_with_free_func(g_free);
        GDir *dh = g_dir_open(dir, 0, NULL);
        g_assert_nonnull(dh);
        for (const char *n; (n = g_dir_read_name(dh));)
                if (g_str_has_suffix(n, ".cfg"))
                        g_ptr_array_add(files, g_build_filename(dir, n, NULL));
        g_dir_close(dh);
        g_ptr_array_sort(files, cmp_paths);
        return files;
}

static void add_file_tests(const char *dir, const char *prefix, GTestDataFunc fn, GPtrArray *keep)
{
        GPtrArray *files = cfg_files(dir);
        g_assert_cmpuint(files->len, >, 0);
        for (guint i = 0; i < files->len; i++) {
                char *path = g_ptr_array_index(files, i);
                char *base = g_path_get_basename(path);
                char *name = g_strdup_printf("%s/%s", prefix, base);
                g_test_add_data_func(name, path, fn);
                g_free(name);
                g_free(base);
        }
        g_ptr_array_add(keep, files);
}

static void test_expected_files_have_cfgs(void)
{
        /* A stray .expected would be a test nobody runs. */
        GDir *dh = g_dir_open("tests/data/bad", 0, NULL);
        g_assert_nonnull(dh);
        for (const char *n; (n = g_dir_read_name(dh));) {
                if (!g_str_has_suffix(n, ".expected"))
                        continue;
                char *cfg = g_strdup_printf("tests/data/bad/%.*s.cfg", (int)(strlen(n) - 9), n);
                g_assert_true(g_file_test(cfg, G_FILE_TEST_EXISTS));
                g_free(cfg);
        }
        g_dir_close(dh);
}

/* ---- bytes ------------------------------------------------------------------- */

static void test_bom_accepted(void)
{
        struct diag d;
        diag_init(&d, NULL);
        struct community *c = load("\xEF\xBB\xBF" MINIMAL, &d);
        g_assert_nonnull(c);
        g_assert_cmpuint(d.n, ==, 0);
        g_assert_cmpstr(c->name, ==, "Lesekreis");
        community_free(c);
        diag_clear(&d);
}

static void test_crlf_accepted(void)
{
        char **lines = g_strsplit(MINIMAL "pitch = \"Zeile eins\nZeile zwei\";\nlead = 1;\n", "\n", -1);
        char *crlf = g_strjoinv("\r\n", lines);
        struct diag d;
        diag_init(&d, NULL);
        struct community *c = load(crlf, &d);
        g_assert_null(c);
        /* Lines still count right, and no "\r" ends up in a string. */
        g_assert_cmpuint(d.n, ==, 1);
        g_assert_cmpstr(d.msgs[0].text, ==,
                        "tests/data/good/x.cfg:9: syntax error: a setting is given twice (duplicate setting name)");
        diag_clear(&d);

        g_strfreev(lines);
        g_free(crlf);
        lines = g_strsplit(MINIMAL "pitch = \"Zeile eins\nZeile zwei\";\n", "\n", -1);
        crlf = g_strjoinv("\r\n", lines);
        c = load(crlf, &d);
        g_assert_nonnull(c);
        g_assert_cmpuint(d.n, ==, 0);
        g_assert_cmpstr(c->pitch, ==, "Zeile eins\nZeile zwei");
        community_free(c);
        diag_clear(&d);
        g_strfreev(lines);
        g_free(crlf);
}

static void test_invalid_utf8_line(void)
{
        struct diag d;
        diag_init(&d, NULL);
        g_assert_null(load(MINIMAL "\n# Gr\xFC\xDF" "e\n", &d));
        g_assert_cmpuint(d.n, ==, 1);
        g_assert_cmpstr(d.msgs[0].text, ==,
                        "tests/data/good/x.cfg:8: file is not valid UTF-8 (byte 0xFC); save it as UTF-8");
        diag_clear(&d);
}

static void test_too_long_string(void)
{
        size_t n = COMMUNITY_MAX_FILE + 1;
        char *big = g_malloc(n + 1);
        memset(big, '#', n);
        big[n] = '\0';
        struct diag d;
        diag_init(&d, NULL);
        gint64 t0 = g_get_monotonic_time();
        g_assert_null(community_load_string(big, n, "big.cfg", &opt, &d));
        g_assert_cmpint(g_get_monotonic_time() - t0, <, G_USEC_PER_SEC / 10);
        g_assert_cmpuint(d.n, ==, 1);
        g_assert_cmpstr(d.msgs[0].text, ==, "big.cfg: file is 262145 bytes; at most 262144 are allowed");
        diag_clear(&d);
        g_free(big);
}

static void test_too_many_settings(void)
{
        /* Small enough to pass the size check, slow for libconfig. */
        GString *text = g_string_new(NULL);
        for (int i = 0; i < 15000; i++)
                g_string_append_printf(text, "x%d = %d;\n", i, i);
        struct diag d;
        diag_init(&d, NULL);
        gint64 t0 = g_get_monotonic_time();
        g_assert_null(load(text->str, &d));
        g_assert_cmpint(g_get_monotonic_time() - t0, <, G_USEC_PER_SEC / 10);
        g_assert_cmpuint(d.n, ==, 1);
        g_assert_cmpstr(d.msgs[0].text, ==,
                        "tests/data/good/x.cfg:1001: more than 1000 settings; a community file needs far fewer");
        diag_clear(&d);
        g_string_free(text, TRUE);
}

static void test_too_long_file(void)
{
        /* Many megabytes of one string: libconfig would take seconds. */
        char *dir = g_dir_make_tmp("plakat-XXXXXX", NULL);
        g_assert_nonnull(dir);
        char *path = g_build_filename(dir, "big.cfg", NULL);
        size_t n = 8 * 1024 * 1024;
        char *big = g_malloc(n);
        memset(big, 'x', n);
        memcpy(big, "name = \"", 8);
        g_assert_true(g_file_set_contents(path, big, (gssize)n, NULL));

        struct diag d;
        diag_init(&d, NULL);
        gint64 t0 = g_get_monotonic_time();
        g_assert_null(community_load(path, &opt, &d));
        g_assert_cmpint(g_get_monotonic_time() - t0, <, G_USEC_PER_SEC / 10);
        g_assert_cmpuint(d.n, ==, 1);
        char *want = g_strdup_printf("%s: file is %zu bytes; at most 262144 are allowed", path, n);
        g_assert_cmpstr(d.msgs[0].text, ==, want);
        g_free(want);
        diag_clear(&d);

        g_assert_null(community_load("tests/data/no-such-file.cfg", &opt, &d));
        g_assert_cmpstr(d.msgs[0].text, ==,
                        "tests/data/no-such-file.cfg: cannot open: No such file or directory");
        diag_clear(&d);

        g_unlink(path);
        g_rmdir(dir);
        g_free(big);
        g_free(path);
        g_free(dir);
}

/* ---- what is stored -------------------------------------------------------------- */

static void test_markup_literal(void)
{
        struct diag d;
        diag_init(&d, NULL);
        struct community *c = load(
                "name = \"Kochen <b>&</b> Backen\";\n"
                "topic = \"<span foreground='red'>Rezepte</span> &amp; mehr\";\n"
                "lead = { name = \"Ömer & Ute\"; };\n"
                "schedule = { first = \"2027-01-14 19:00\"; };\n"
                "venue = { name = \"Küche <3\"; };\n"
                "signup = { url = \"https://bielefeld.jetzt/cop/kochen?a=1&b=2\"; };\n",
                &d);
        g_assert_nonnull(c);
        g_assert_cmpuint(d.n, ==, 0);
        g_assert_cmpstr(c->name, ==, "Kochen <b>&</b> Backen");
        g_assert_cmpstr(c->topic, ==, "<span foreground='red'>Rezepte</span> &amp; mehr");
        g_assert_cmpstr(c->lead.name, ==, "Ömer & Ute");
        g_assert_cmpstr(c->venues[0].name, ==, "Küche <3");
        g_assert_cmpstr(c->signup.url, ==, "https://bielefeld.jetzt/cop/kochen?a=1&b=2");
        community_free(c);
        diag_clear(&d);
}

static void test_defaults(void)
{
        struct diag d;
        diag_init(&d, NULL);
        struct community *c = community_load_string(MINIMAL, strlen(MINIMAL),
                                                    "some/folder/lese-kreis.cfg", &opt, &d);
        g_assert_nonnull(c);
        g_assert_cmpstr(c->path, ==, "some/folder/lese-kreis.cfg");
        g_assert_cmpstr(c->slug, ==, "lese-kreis");
        g_assert_cmpstr(c->language, ==, "de");
        g_assert_cmpstr(c->words_language, ==, "de");
        g_assert_null(c->pitch);
        g_assert_null(c->goal);
        g_assert_null(c->tags);
        g_assert_null(c->agenda);
        g_assert_null(c->lead.email);
        g_assert_null(c->signup.label);
        g_assert_null(c->signup.short_url);
        g_assert_null(c->style.theme);
        g_assert_null(c->style.logo);
        g_assert_false(c->style.primary.set);
        g_assert_cmpuint(c->n_channels, ==, 0);
        g_assert_true(c->schedule.has_rule);
        g_assert_cmpint(c->schedule.repeat, ==, REPEAT_ONCE);
        g_assert_cmpint(c->schedule.interval, ==, 1);
        g_assert_cmpint(c->schedule.monthly, ==, MONTHLY_NTH_WEEKDAY);
        g_assert_cmpint(c->schedule.duration, ==, 0);
        g_assert_false(c->schedule.has_until);
        g_assert_cmpint(g_date_get_year(&c->schedule.first.date), ==, 2027);
        g_assert_cmpint(g_date_get_month(&c->schedule.first.date), ==, 1);
        g_assert_cmpint(g_date_get_day(&c->schedule.first.date), ==, 14);
        g_assert_cmpint(c->schedule.first.minute, ==, 19 * 60);
        community_free(c);
        diag_clear(&d);

        community_free(NULL);
        /* NULL options: no language list, images stay inside. */
        static const char en[] = MINIMAL "language = \"en\";";
        c = community_load_string(en, strlen(en), "x.cfg", NULL, &d);
        g_assert_nonnull(c);
        g_assert_cmpstr(c->words_language, ==, "en");
        community_free(c);
        diag_clear(&d);
}

static void test_schedule_rule(void)
{
        struct diag d;
        diag_init(&d, NULL);
        struct community *c = load(
                "name = \"N\"; topic = \"T\"; lead = { name = \"L\"; };\n"
                "venue = { name = \"V\"; }; signup = { url = \"http://example.org\"; };\n"
                "schedule = {\n"
                "  first = \"2027-01-29 17:00\"; duration = 120;\n"
                "  repeat = \"monthly\"; monthly = \"last-weekday\"; interval = 2;\n"
                "  until = \"2027-12-31\";\n"
                "  skip = [\"2027-05-28\", \"2027-03-26\"];\n"
                "};\n",
                &d);
        g_assert_nonnull(c);
        g_assert_cmpuint(d.n, ==, 0);
        const struct schedule *s = &c->schedule;
        g_assert_cmpint(s->repeat, ==, REPEAT_MONTHLY);
        g_assert_cmpint(s->monthly, ==, MONTHLY_LAST_WEEKDAY);
        g_assert_cmpint(s->interval, ==, 2);
        g_assert_cmpint(s->duration, ==, 120);
        g_assert_true(s->has_until);
        g_assert_cmpint(g_date_get_day(&s->until), ==, 31);
        g_assert_cmpuint(s->n_skip, ==, 2);
        /* Sorted, for the look-ups in schedule_next. */
        g_assert_cmpint(g_date_get_month(&s->skip[0]), ==, 3);
        g_assert_cmpint(g_date_get_month(&s->skip[1]), ==, 5);
        community_free(c);
        diag_clear(&d);
}

static void test_schedule_dates_sorted(void)
{
        struct diag d;
        diag_init(&d, NULL);
        struct community *c = load(
                "name = \"N\"; topic = \"T\"; lead = { name = \"L\"; };\n"
                "venue = { name = \"V\"; }; signup = { url = \"https://example.org/x\"; };\n"
                "schedule = { dates = [\"2027-03-02 18:00\", \"2027-01-12 18:30\", \"2027-01-12 09:00\"]; };\n",
                &d);
        g_assert_nonnull(c);
        g_assert_cmpuint(d.n, ==, 0);
        const struct schedule *s = &c->schedule;
        g_assert_false(s->has_rule);
        g_assert_cmpuint(s->n_dates, ==, 3);
        g_assert_cmpint(g_date_get_month(&s->dates[0].date), ==, 1);
        g_assert_cmpint(s->dates[0].minute, ==, 9 * 60);
        g_assert_cmpint(s->dates[1].minute, ==, 18 * 60 + 30);
        g_assert_cmpint(g_date_get_month(&s->dates[2].date), ==, 3);
        community_free(c);
        diag_clear(&d);
}

static void test_venue_list(void)
{
        struct diag d;
        diag_init(&d, NULL);
        struct community *c = load(
                "name = \"N\"; topic = \"T\"; lead = { name = \"L\"; };\n"
                "schedule = { first = \"2027-01-07 19:00\"; repeat = \"weekly\"; interval = 2; };\n"
                "signup = { url = \"https://example.org/x\"; };\n"
                "venue = ( { name = \"Café\"; address = \"Obernstraße 1\"; },\n"
                "          { name = \"Bibliothek\"; room = \"Raum 2\"; note = \"barrierefrei\"; } );\n",
                &d);
        g_assert_nonnull(c);
        g_assert_cmpuint(d.n, ==, 0);
        g_assert_cmpuint(c->n_venues, ==, 2);
        g_assert_cmpstr(c->venues[0].name, ==, "Café");
        g_assert_cmpstr(c->venues[0].address, ==, "Obernstraße 1");
        g_assert_null(c->venues[0].room);
        g_assert_cmpstr(c->venues[1].name, ==, "Bibliothek");
        g_assert_cmpstr(c->venues[1].room, ==, "Raum 2");
        g_assert_cmpstr(c->venues[1].note, ==, "barrierefrei");
        community_free(c);
        diag_clear(&d);
}

static void test_maximal_values(void)
{
        struct diag d;
        diag_init(&d, NULL);
        struct community *c = community_load("tests/data/good/maximal.cfg", &opt, &d);
        g_assert_nonnull(c);
        g_assert_cmpuint(d.n, ==, 0);
        g_assert_cmpuint(util_utf8_len(c->name), ==, COMMUNITY_MAX_NAME);
        g_assert_cmpuint(util_utf8_len(c->pitch), ==, COMMUNITY_MAX_STRING);
        g_assert_cmpstr(c->language, ==, "en");
        g_assert_cmpuint(g_strv_length(c->tags), ==, 5);
        g_assert_cmpuint(c->n_channels, ==, 4);
        g_assert_cmpstr(c->channels[0].type, ==, "signal"); /* written "Signal" */
        g_assert_cmpstr(c->channels[3].url, ==, "mailto:digital-bi@example.org");
        g_assert_cmpuint(g_strv_length(c->woop.obstacles), ==, 2);
        g_assert_cmpuint(g_strv_length(c->woop.plan), ==, 2);
        g_assert_nonnull(c->woop.wish);
        g_assert_cmpstr(c->style.theme, ==, "default");
        g_assert_true(c->style.primary.set);
        g_assert_cmpfloat_with_epsilon(c->style.primary.r, 0x1A / 255.0, 1e-9);
        g_assert_cmpfloat_with_epsilon(c->style.primary.g, 0x7F / 255.0, 1e-9);
        g_assert_cmpfloat_with_epsilon(c->style.primary.b, 0x5A / 255.0, 1e-9);
        g_assert_true(c->style.text.set);
        /* Image paths come back resolved, inside the folder. */
        g_assert_true(g_path_is_absolute(c->style.logo));
        g_assert_true(g_str_has_suffix(c->style.logo, "/tests/data/good/images/logo.svg"));
        g_assert_true(g_str_has_suffix(c->style.photo, "/tests/data/good/images/photo.jpg"));
        g_assert_cmpstr(c->style.logo_written, ==, "images/logo.svg");
        g_assert_cmpint(c->style.logo_line, ==, 67);
        g_assert_cmpstr(c->style.photo_written, ==, "images/photo.jpg");
        g_assert_cmpint(c->style.photo_line, ==, 68);
        g_assert_cmpstr(c->signup.label, ==, "Sign up now");
        g_assert_cmpstr(c->signup.short_url, ==, "bielefeld.jetzt/cop/digital");
        community_free(c);
        diag_clear(&d);
}

static void test_language(void)
{
        struct diag d;
        diag_init(&d, NULL);
        struct community *c = load(MINIMAL "language = \"EN\";\n", &d);
        g_assert_nonnull(c);
        g_assert_cmpuint(d.n, ==, 0);
        g_assert_cmpstr(c->language, ==, "en");
        g_assert_cmpstr(c->words_language, ==, "en");
        community_free(c);

        c = load(MINIMAL "language = \"tr\";\n", &d);
        g_assert_nonnull(c);
        g_assert_cmpuint(d.warnings, ==, 1);
        g_assert_cmpstr(d.msgs[0].text, ==,
                        "tests/data/good/x.cfg:7: warning: language: unknown language \"tr\"; "
                        "plakat has de, en; the words come from de");
        g_assert_cmpstr(c->language, ==, "tr"); /* e.g. for hyphenation */
        g_assert_cmpstr(c->words_language, ==, "de");
        community_free(c);
        diag_clear(&d);

        /* Never a path: the code may become a file name. */
        static const char path[] = MINIMAL "language = \"../../etc/passwd\";\n";
        c = community_load_string(path, strlen(path), "x.cfg", NULL, &d);
        g_assert_nonnull(c);
        g_assert_cmpuint(d.warnings, ==, 1);
        g_assert_cmpstr(c->language, ==, "de");
        g_assert_cmpstr(c->words_language, ==, "de");
        community_free(c);
        diag_clear(&d);
}

static void test_allow_outside(void)
{
        static const char text[] = MINIMAL "style = { logo = \"../good/images/logo.png\"; };\n";
        struct community_options o = opt;
        struct diag d;
        diag_init(&d, NULL);
        g_assert_null(community_load_string(text, strlen(text), "tests/data/bad/x.cfg", &o, &d));
        diag_clear(&d);

        o.allow_outside = true;
        struct community *c = community_load_string(text, strlen(text), "tests/data/bad/x.cfg", &o, &d);
        g_assert_nonnull(c);
        g_assert_cmpuint(d.n, ==, 0);
        g_assert_true(g_str_has_suffix(c->style.logo, "/tests/data/good/images/logo.png"));
        community_free(c);

        /* The symlink out, too, but the type is still checked. */
        static const char link[] = MINIMAL "style = { logo = \"images/outside.png\"; photo = \"images/logo.svg\"; };\n";
        g_assert_null(community_load_string(link, strlen(link), "tests/data/bad/x.cfg", &o, &d));
        g_assert_cmpuint(d.n, ==, 1);
        g_assert_cmpstr(d.msgs[0].text, ==,
                        "tests/data/bad/x.cfg:7: style.photo: expected a PNG or JPEG image, "
                        "found an SVG image (\"images/logo.svg\")");
        diag_clear(&d);
}

static void test_settings_table(void)
{
        const char *const *keys = community_settings();
        static const char *const must[] = {
                "name", "topic", "pitch", "goal", "language", "tags", "lead", "lead.name",
                "lead.email", "lead.phone", "lead.role", "schedule", "schedule.first",
                "schedule.duration", "schedule.repeat", "schedule.interval", "schedule.monthly",
                "schedule.until", "schedule.skip", "schedule.dates", "venue", "venue.name",
                "venue.address", "venue.room", "venue.note", "signup", "signup.url",
                "signup.label", "signup.short", "signup.track", "channels", "channels.type", "channels.name",
                "channels.url", "agenda", "woop", "woop.wish", "woop.outcome", "woop.obstacles",
                "woop.plan", "style", "style.theme", "style.primary", "style.accent",
                "style.background", "style.text", "style.logo", "style.photo",
                "style.layout", /* plakat's addition */
        };
        size_t n = 0;
        while (keys[n])
                n++;
        g_assert_cmpuint(n, ==, G_N_ELEMENTS(must));
        for (size_t i = 0; i < G_N_ELEMENTS(must); i++)
                g_assert_true(g_strv_contains(keys, must[i]));

        /* The lead-facing docs explain every setting. */
        char *doc = NULL;
        g_assert_true(g_file_get_contents("docs/community-file.md", &doc, NULL, NULL));
        for (size_t i = 0; keys[i]; i++) {
                char *quoted = g_strdup_printf("`%s`", keys[i]);
                if (!strstr(doc, quoted))
                        g_test_message("docs/community-file.md does not mention %s", quoted);
                g_assert_nonnull(strstr(doc, quoted));
                g_free(quoted);
        }
        g_free(doc);
}

static void test_every_problem_reported(void)
{
        /* Not one message per file: one per problem. */
        struct diag d;
        diag_init(&d, NULL);
        g_assert_null(community_load("tests/data/bad/several-errors.cfg", &opt, &d));
        g_assert_cmpuint(d.errors, ==, 8);
        g_assert_cmpuint(d.warnings, ==, 1);
        diag_clear(&d);
}

int main(int argc, char **argv)
{
        test_init(&argc, &argv);
        GPtrArray *keep = g_ptr_array_new_with_free_func((GDestroyNotify)g_ptr_array_unref);
        add_file_tests("tests/data/bad", "/community/bad", test_bad_file, keep);
        add_file_tests("tests/data/good", "/community/good", test_good_file, keep);
        add_file_tests("samples", "/community/samples", test_good_file, keep);
        g_test_add_func("/community/expected-files-have-cfgs", test_expected_files_have_cfgs);
        g_test_add_func("/community/bom", test_bom_accepted);
        g_test_add_func("/community/crlf", test_crlf_accepted);
        g_test_add_func("/community/invalid-utf8-line", test_invalid_utf8_line);
        g_test_add_func("/community/too-long-string", test_too_long_string);
        g_test_add_func("/community/too-long-file", test_too_long_file);
        g_test_add_func("/community/too-many-settings", test_too_many_settings);
        g_test_add_func("/community/markup-literal", test_markup_literal);
        g_test_add_func("/community/defaults", test_defaults);
        g_test_add_func("/community/schedule-rule", test_schedule_rule);
        g_test_add_func("/community/schedule-dates-sorted", test_schedule_dates_sorted);
        g_test_add_func("/community/venue-list", test_venue_list);
        g_test_add_func("/community/maximal", test_maximal_values);
        g_test_add_func("/community/language", test_language);
        g_test_add_func("/community/allow-outside", test_allow_outside);
        g_test_add_func("/community/settings-table", test_settings_table);
        g_test_add_func("/community/every-problem", test_every_problem_reported);
        int rc = g_test_run();
        g_ptr_array_unref(keep);
        return rc;
}
