/* test_render.c: the renderer from this tree's data: what it says it
 * committed is what is in the folder, a stream gets the same bytes as the
 * file, its answers about formats and designs, and a refusal that leaves
 * nothing.  Runs from the top of the source tree (fonts/, layouts/,
 * formats/, lang/, samples/). */
#include "testlib.h"

#include "render.h"

#include <string.h>
#include <unistd.h>

#include "community.h"
#include "diag.h"
#include "fcmatch.h"

#define SAMPLE "samples/urban-gardening.cfg"

static struct renderer *r;
static struct community *sample;

static char *messages(const struct diag *d)
{
        GString *s = g_string_new(NULL);
        for (size_t i = 0; i < d->n; i++)
                g_string_append_printf(s, "%s\n", d->msgs[i].text);
        return g_string_free(s, FALSE);
}

static void assert_quiet(const struct diag *d)
{
        char *got = messages(d);
        g_assert_cmpstr(got, ==, "");
        g_free(got);
}

static struct render_options options(const char *outdir, char **formats)
{
        struct render_options o = { .outdir = outdir, .formats = formats, .stream_fd = -1 };
        g_date_set_dmy(&o.today, 1, G_DATE_JANUARY, 2027);
        return o;
}

/* A PDF as a reader sees it at a glance: the header and the end marker. */
static void assert_pdf(const char *path)
{
        char *b;
        gsize n;
        g_assert_true(g_file_get_contents(path, &b, &n, NULL));
        g_assert_cmpuint(n, >, 1000);
        g_assert_true(g_str_has_prefix(b, "%PDF-"));
        g_assert_nonnull(g_strstr_len(b + n - 8, 8, "%%EOF"));
        g_free(b);
}

/* A PNG: signature, then IHDR with the expected size. */
static void assert_png(const char *path, guint32 w, guint32 h)
{
        char *b;
        gsize n;
        g_assert_true(g_file_get_contents(path, &b, &n, NULL));
        g_assert_cmpuint(n, >, 24);
        g_assert_cmpmem(b, 8, "\x89PNG\r\n\x1a\n", 8);
        g_assert_cmpmem(b + 12, 4, "IHDR", 4);
        const unsigned char *u = (const unsigned char *)b + 16;
        g_assert_cmpuint((guint32)u[0] << 24 | (guint32)u[1] << 16 | (guint32)u[2] << 8 | u[3], ==, w);
        g_assert_cmpuint((guint32)u[4] << 24 | (guint32)u[5] << 16 | (guint32)u[6] << 8 | u[7], ==, h);
        g_free(b);
}

/* ---- what it committed ------------------------------------------------------------ */

static void test_render_files(void)
{
        char *dir = g_dir_make_tmp("plakat-render-XXXXXX", NULL);
        char *out = g_build_filename(dir, "out", NULL); /* created by the render */
        char *formats[] = { "a3", "instagram", NULL };
        struct render_options o = options(out, formats);
        struct diag d;
        diag_init(&d, NULL);
        struct render_result res;
        guint inlined = fcmatch_inline_count();
        g_assert_true(renderer_render(r, sample, &o, &res, &d));
        assert_quiet(&d);
        /* Pango's font lookups ran on this thread (src/fcmatch.c): its
         * calls reach plakat's g_thread_new. */
        g_assert_cmpuint(fcmatch_inline_count(), >, inlined);

        g_assert_cmpuint(res.n, ==, 2);
        char *a3 = g_build_filename(out, "urban-gardening-a3.pdf", NULL);
        char *ig = g_build_filename(out, "urban-gardening-instagram.png", NULL);
        g_assert_cmpstr(res.items[0].path, ==, a3);
        g_assert_cmpstr(res.items[0].format->name, ==, "a3");
        g_assert_false(res.items[0].preview);
        g_assert_cmpint(res.items[0].kind, ==, OUTPUT_PDF);
        g_assert_cmpstr(res.items[1].path, ==, ig);
        g_assert_cmpstr(res.items[1].format->name, ==, "instagram");
        g_assert_false(res.items[1].preview);
        g_assert_cmpint(res.items[1].kind, ==, OUTPUT_PNG);
        /* The format is the renderer's own. */
        g_assert_true(res.items[0].format == formats_find(renderer_formats(r), "a3"));

        char *names = test_listing(out);
        g_assert_cmpstr(names, ==, "urban-gardening-a3.pdf\nurban-gardening-instagram.png");
        g_free(names);
        assert_pdf(a3);
        assert_png(ig, 1080, 1080);
        render_result_clear(&res);
        g_assert_cmpuint(res.n, ==, 0);
        g_assert_null(res.items);
        render_result_clear(&res); /* again: a zeroed result */

        /* A PNG preview of a print format: previews are PNGs named .png. */
        char *preview[] = { "a6-png", NULL };
        o = options(out, preview);
        o.dpi = 25.4; /* one pixel per mm keeps it quick: 105 x 148 */
        g_assert_true(renderer_render(r, sample, &o, &res, &d));
        assert_quiet(&d);
        g_assert_cmpuint(res.n, ==, 1);
        char *a6 = g_build_filename(out, "urban-gardening-a6.png", NULL);
        g_assert_cmpstr(res.items[0].path, ==, a6);
        g_assert_cmpstr(res.items[0].format->name, ==, "a6");
        g_assert_true(res.items[0].preview);
        g_assert_cmpint(res.items[0].kind, ==, OUTPUT_PNG);
        assert_png(a6, 105, 148);
        render_result_clear(&res);

        /* out may be NULL: the files are written all the same. */
        g_unlink(a6);
        g_assert_true(renderer_render(r, sample, &o, NULL, &d));
        g_assert_true(g_file_test(a6, G_FILE_TEST_IS_REGULAR));

        g_free(a6);
        g_free(a3);
        g_free(ig);
        diag_clear(&d);
        test_remove_dir(out);
        test_remove_dir(dir);
}

/* Into a descriptor: the same bytes as the file, and no file. */
static void test_render_stream(void)
{
        char *dir = g_dir_make_tmp("plakat-render-XXXXXX", NULL);
        char *formats[] = { "a3", NULL };
        struct render_options o = options(dir, formats);
        struct diag d;
        diag_init(&d, NULL);
        struct render_result res;
        g_assert_true(renderer_render(r, sample, &o, &res, &d));
        char *file = g_strdup(res.items[0].path);
        render_result_clear(&res);

        char *spath;
        int fd = g_file_open_tmp("plakat-render-stream-XXXXXX", &spath, NULL);
        g_assert_cmpint(fd, >=, 0);
        char *unused = g_build_filename(dir, "unused", NULL);
        o = options(unused, formats);
        o.stream_fd = fd;
        o.stream_name = "the stream";
        g_assert_true(renderer_render(r, sample, &o, &res, &d));
        assert_quiet(&d);
        g_assert_cmpuint(res.n, ==, 1);
        g_assert_cmpstr(res.items[0].path, ==, "the stream");
        g_assert_cmpint(res.items[0].kind, ==, OUTPUT_PDF);
        render_result_clear(&res);
        g_assert_false(g_file_test(unused, G_FILE_TEST_EXISTS)); /* no folder for a stream */
        close(fd);

        char *want, *got;
        gsize nw, ng;
        g_assert_true(g_file_get_contents(file, &want, &nw, NULL));
        g_assert_true(g_file_get_contents(spath, &got, &ng, NULL));
        g_assert_cmpmem(got, ng, want, nw);
        g_free(want);
        g_free(got);

        g_unlink(spath);
        g_free(spath);
        g_free(unused);
        g_free(file);
        diag_clear(&d);
        test_remove_dir(dir);
}

/* A refused community: at least one error, an empty result, no file. */
static void test_refused(void)
{
        char *dir = g_dir_make_tmp("plakat-render-XXXXXX", NULL);
        char *formats[] = { "a3", "instagram", NULL };
        struct render_options o = options(dir, formats);
        o.layout = "nope";
        struct diag d;
        diag_init(&d, NULL);
        struct render_result res = { (struct rendered *)&res, 7 }; /* filled with rubbish on purpose */
        g_assert_false(renderer_render(r, sample, &o, &res, &d));
        g_assert_cmpuint(d.errors, >=, 1);
        char *got = messages(&d);
        g_assert_nonnull(strstr(got, "unknown layout \"nope\""));
        g_free(got);
        g_assert_cmpuint(res.n, ==, 0);
        g_assert_null(res.items);
        render_result_clear(&res);
        char *names = test_listing(dir);
        g_assert_cmpstr(names, ==, "");
        g_free(names);
        diag_clear(&d);

        /* Refused while drawing the second format (an address far too long
         * for the A6 code): the first, finished, goes too. */
        GString *url = g_string_new("https://bielefeld.jetzt/cop/");
        for (int i = 0; i < 100; i++)
                g_string_append(url, "abcdefghij");
        char *text = g_strdup_printf("name = \"Lange Adresse\";\ntopic = \"Gärtnern\";\n"
                                     "lead = { name = \"Aylin Demir\"; };\n"
                                     "schedule = { first = \"2027-01-12 18:30\"; };\n"
                                     "venue = { name = \"Innovation Office\"; };\n"
                                     "signup = { url = \"%s\"; };\n",
                                     url->str);
        g_string_free(url, TRUE);
        struct community_options co = { .languages = renderer_languages(r) };
        diag_init(&d, NULL);
        struct community *c = community_load_string(text, strlen(text), "long.cfg", &co, &d);
        g_assert_nonnull(c);
        char *late[] = { "a3", "a6", NULL };
        o = options(dir, late);
        g_assert_false(renderer_render(r, c, &o, &res, &d));
        g_assert_cmpuint(d.errors, >=, 1);
        g_assert_cmpuint(res.n, ==, 0);
        names = test_listing(dir);
        g_assert_cmpstr(names, ==, "");
        g_free(names);
        community_free(c);
        g_free(text);
        diag_clear(&d);
        test_remove_dir(dir);
}

/* ---- what it knows ---------------------------------------------------------------- */

static void test_formats(void)
{
        const struct formats *fs = renderer_formats(r);
        g_assert_cmpuint(fs->n, >=, 2);
        const struct format *a3 = formats_find(fs, "a3"), *ig = formats_find(fs, "instagram");
        g_assert_nonnull(a3);
        g_assert_true(a3->print);
        g_assert_cmpfloat(a3->width, ==, 297);
        g_assert_cmpfloat(a3->height, ==, 420);
        g_assert_nonnull(ig);
        g_assert_false(ig->print);
        g_assert_cmpfloat(ig->width, ==, 1080);
        g_assert_null(formats_find(fs, "nope"));

        /* The list is formats/formats.cfg's, one entry per name there. */
        char *cfg;
        g_assert_true(g_file_get_contents("formats/formats.cfg", &cfg, NULL, NULL));
        for (size_t i = 0; i < fs->n; i++) {
                char *quoted = g_strdup_printf("\"%s\"", fs->f[i].name);
                g_assert_nonnull(strstr(cfg, quoted));
                g_free(quoted);
        }
        g_free(cfg);

        g_assert_true(renderer_has_format(r, "a3"));
        g_assert_true(renderer_has_format(r, "instagram"));
        g_assert_true(renderer_has_format(r, "all"));
        g_assert_true(renderer_has_format(r, "a3-png"));
        g_assert_false(renderer_has_format(r, "instagram-png")); /* a screen format is a PNG already */
        g_assert_false(renderer_has_format(r, "a33"));
        g_assert_false(renderer_has_format(r, ""));
}

static void test_layouts(void)
{
        const char *const *names = renderer_layout_names(r);
        /* One design per .cfg file in layouts/, sorted. */
        GDir *gd = g_dir_open("layouts", 0, NULL);
        g_assert_nonnull(gd);
        guint files = 0;
        for (const char *e; (e = g_dir_read_name(gd));)
                files += g_str_has_suffix(e, ".cfg");
        g_dir_close(gd);
        g_assert_cmpuint(g_strv_length((char **)names), ==, files);
        for (size_t i = 1; names[i]; i++)
                g_assert_cmpint(strcmp(names[i - 1], names[i]), <, 0);
        g_assert_true(g_strv_contains(names, "klar"));
        g_assert_true(g_strv_contains(names, "laut"));
        g_assert_true(g_strv_contains(names, "foto"));
        g_assert_cmpstr(renderer_default_layout(r), ==, "klar");

        g_assert_true(renderer_layout_has(r, NULL, "a3"));
        g_assert_true(renderer_layout_has(r, "klar", "a3"));
        g_assert_true(renderer_layout_has(r, "klar", "a3-png"));
        g_assert_true(renderer_layout_has(r, "klar", "instagram"));
        g_assert_false(renderer_layout_has(r, "nope", "a3"));
        g_assert_false(renderer_layout_has(r, "klar", "nope"));
        g_assert_false(renderer_layout_has(r, NULL, "all")); /* not a format */
}

/* The key of a community's outputs is of the file as it was read and
 * parsed: written again in between, the key must not vouch for the new
 * bytes, which were never drawn (a re-run would skip them). */
static void test_key_of_what_was_read(void)
{
        char *dir = g_dir_make_tmp("plakat-key-XXXXXX", NULL);
        char *path = g_build_filename(dir, "c.cfg", NULL);
        char *text;
        gsize n;
        g_assert_true(g_file_get_contents(SAMPLE, &text, &n, NULL));
        g_assert_true(g_file_set_contents(path, text, (gssize)n, NULL));
        char *formats[] = { "a6", NULL };
        struct render_options o = options(dir, formats);
        struct community_options co = { .languages = renderer_languages(r) };
        struct diag d;
        diag_init(&d, NULL);
        struct community *c = community_load(path, &co, &d);
        g_assert_nonnull(c);
        char *before = renderer_input_key(r, c, &o);

        char *other = g_strconcat(text, "\n# changed after it was read\n", NULL);
        g_assert_true(g_file_set_contents(path, other, -1, NULL));
        char *again = renderer_input_key(r, c, &o);
        g_assert_cmpstr(again, ==, before);

        struct community *now = community_load(path, &co, &d);
        g_assert_nonnull(now);
        char *changed = renderer_input_key(r, now, &o);
        g_assert_cmpstr(changed, !=, before);

        g_free(changed);
        g_free(again);
        g_free(before);
        community_free(now);
        community_free(c);
        diag_clear(&d);
        g_free(other);
        g_free(text);
        g_unlink(path);
        g_rmdir(dir);
        g_free(path);
        g_free(dir);
}

int main(int argc, char **argv)
{
        test_init(&argc, &argv);
        struct diag d;
        diag_init(&d, NULL);
        r = renderer_new(".", NULL, NULL, &d);
        g_assert_nonnull(r);
        struct community_options co = { .languages = renderer_languages(r) };
        sample = community_load(SAMPLE, &co, &d);
        g_assert_nonnull(sample);
        assert_quiet(&d);
        diag_clear(&d);

        g_test_add_func("/render/files", test_render_files);
        g_test_add_func("/render/stream", test_render_stream);
        g_test_add_func("/render/refused", test_refused);
        g_test_add_func("/render/formats", test_formats);
        g_test_add_func("/render/layouts", test_layouts);
        g_test_add_func("/render/key_of_what_was_read", test_key_of_what_was_read);
        int rc = g_test_run();
        community_free(sample);
        renderer_free(r);
        return rc;
}
