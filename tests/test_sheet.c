/* test_sheet.c: imposition geometry (src/sheet.c) in numbers, and a sheet
 * of real flyers (renderer_render_sheets) checked with the tools a print
 * shop uses: pdfinfo -box, qpdf --check, and every QR code decoded. */
#include "testlib.h"

#include <glib/gstdio.h>
#include <stdarg.h>
#include <math.h>
#include <string.h>

#include "community.h"
#include "diag.h"
#include "render.h"
#include "sheet.h"

#define EPS 1e-6

static void test_a6_on_a4(void)
{
        struct sheet_plan p;
        /* 2 x 105 is exactly A4's width: four A6 abut, no margin left. */
        g_assert_true(sheet_plan(210, 297, 105, 148, 0, 0, &p));
        g_assert_cmpint(p.cols, ==, 2);
        g_assert_cmpint(p.rows, ==, 2);
        g_assert_false(p.rotated);
        g_assert_cmpuint(sheet_capacity(&p), ==, 4);
        double x, y;
        sheet_cell(&p, 3, &x, &y);
        g_assert_cmpfloat_with_epsilon(x, 105, EPS);
        g_assert_cmpfloat_with_epsilon(y, 0.5 + 148, EPS);
        /* Abutting pieces share their cut: 3 vertical, 3 horizontal. */
        double xs[5], ys[5];
        size_t nx, ny;
        sheet_cuts(&p, xs, &nx, ys, &ny);
        g_assert_cmpuint(nx, ==, 3);
        g_assert_cmpuint(ny, ==, 3);
        g_assert_cmpfloat_with_epsilon(xs[1], 105, EPS);
        g_assert_cmpfloat_with_epsilon(ys[2], 296.5, EPS);
}

static void test_rotation(void)
{
        struct sheet_plan p;
        /* A5 on A4: two fit only turned. */
        g_assert_true(sheet_plan(210, 297, 148, 210, 0, 0, &p));
        g_assert_true(p.rotated);
        g_assert_cmpuint(sheet_capacity(&p), ==, 2);
        g_assert_cmpfloat_with_epsilon(p.piece_w, 210, EPS);
        g_assert_cmpfloat_with_epsilon(p.piece_h, 148, EPS);
        /* A6 on A3: upright 2 x 2 (6 would need 315 mm), turned 2 x 4. */
        g_assert_true(sheet_plan(297, 420, 105, 148, 0, 0, &p));
        g_assert_true(p.rotated);
        g_assert_cmpuint(sheet_capacity(&p), ==, 8);
        /* A square piece: a tie, the upright plan wins. */
        g_assert_true(sheet_plan(210, 297, 100, 100, 0, 0, &p));
        g_assert_false(p.rotated);
        g_assert_cmpuint(sheet_capacity(&p), ==, 4);
}

static void test_bleed_and_margin(void)
{
        struct sheet_plan p;
        /* With 3 mm bleed each piece needs 111 x 154: one upright, two turned. */
        g_assert_true(sheet_plan(210, 297, 105, 148, 3, 0, &p));
        g_assert_cmpuint(sheet_capacity(&p), ==, 2);
        g_assert_true(p.rotated);
        double xs[8], ys[8];
        size_t nx, ny;
        sheet_cuts(&p, xs, &nx, ys, &ny);
        /* Each piece keeps its own bleed: cuts come in pairs. */
        g_assert_cmpuint(nx, ==, 2);
        g_assert_cmpuint(ny, ==, 4);
        g_assert_cmpfloat_with_epsilon(ys[2] - ys[1], 6, EPS);
        double x0, y0, x1, y1;
        sheet_trim(&p, &x0, &y0, &x1, &y1);
        g_assert_cmpfloat_with_epsilon(x1 - x0, 148, EPS);
        g_assert_cmpfloat_with_epsilon(y1 - y0, 2 * 105 + 6, EPS);
        sheet_bleed(&p, &x0, &y0, &x1, &y1);
        g_assert_cmpfloat_with_epsilon(x1 - x0, 154, EPS);
        /* The grid is centred. */
        g_assert_cmpfloat_with_epsilon(x0, 210 - x1, EPS);
        /* Too big for the sheet. */
        g_assert_false(sheet_plan(210, 297, 297, 420, 0, 0, &p));
        g_assert_false(sheet_plan(210, 297, 105, 148, 0, 60, &p));
}

/* ---- real flyers on a sheet ------------------------------------------------- */

/* The standard output of the command line fmt... (caller frees). */
static char *run(const char *fmt, ...) G_GNUC_PRINTF(1, 2);
static char *run(const char *fmt, ...)
{
        va_list ap;
        va_start(ap, fmt);
        char *cmd = g_strdup_vprintf(fmt, ap);
        va_end(ap);
        char *out = NULL, *err = NULL;
        int status = 0;
        GError *e = NULL;
        if (!g_spawn_command_line_sync(cmd, &out, &err, &status, &e))
                g_error("%s: %s", cmd, e->message);
        g_free(err);
        g_free(cmd);
        return out;
}

/* The value of "Key:   value" in pdfinfo's output (caller frees). */
static char *field(const char *info, const char *key)
{
        char **lines = g_strsplit(info, "\n", -1);
        char *v = NULL;
        for (char **l = lines; *l && !v; l++)
                if (g_str_has_prefix(*l, key) && (*l)[strlen(key)] == ':')
                        v = g_strstrip(g_strdup(*l + strlen(key) + 1));
        g_strfreev(lines);
        g_assert_nonnull(v);
        return v;
}

static void assert_field(const char *info, const char *key, const char *want)
{
        char *v = field(info, key);
        g_assert_cmpstr(v, ==, want);
        g_free(v);
}

static void test_render_sheets(void)
{
        char *zbar = g_find_program_in_path("zbarimg"), *pdfinfo = g_find_program_in_path("pdfinfo");
        bool tools = zbar && pdfinfo;
        g_free(zbar);
        g_free(pdfinfo);
        if (!tools) {
                g_test_skip("zbarimg or pdfinfo missing");
                return;
        }
        g_setenv("PLAKAT_DATADIR", ".", TRUE);
        struct diag d;
        diag_init(&d, NULL);
        struct renderer *r = renderer_new(".", NULL, NULL, &d);
        g_assert_nonnull(r);
        struct community_options co = { .languages = renderer_languages(r) };
        const char *files[] = { "samples/urban-gardening.cfg", "samples/repair-cafe-sennestadt.cfg" };
        const struct community *cs[2];
        for (size_t i = 0; i < 2; i++) {
                cs[i] = community_load(files[i], &co, &d);
                g_assert_nonnull(cs[i]);
        }
        char *dir = g_dir_make_tmp("plakat-sheet-XXXXXX", NULL);
        char *path = g_build_filename(dir, "sheets.pdf", NULL);
        char *formats[] = { "a6", NULL };
        struct render_options o = { .outdir = dir, .formats = formats, .bleed_mm = 3, .stream_fd = -1 };
        g_date_set_dmy(&o.today, 1, 1, 2027);
        struct sheet_request sr = { .sheet = "a3", .piece = "a6", .copies = 3, .path = path };
        struct render_result res;
        g_assert_true(renderer_render_sheets(r, cs, 2, &o, &sr, &res, &d));
        g_assert_cmpuint(d.errors, ==, 0);
        g_assert_cmpuint(res.n, ==, 1);
        g_assert_cmpstr(res.items[0].path, ==, path);

        /* 6 pieces with bleed on A3 (297 x 420 mm): 2 x 2 upright or turned
         * 3 x 1 ... the plan decides; the PDF must say what it did. */
        char *info = run("pdfinfo -box %s", path);
        assert_field(info, "Page size", "841.89 x 1190.55 pts (A3)");
        struct sheet_plan p;
        double k = 72 / 25.4;
        sheet_plan(297 * k, 420 * k, 105 * k, 148 * k, 3 * k, 6 * k, &p);
        size_t per = sheet_capacity(&p);
        char *pages = g_strdup_printf("%zu", (6 + per - 1) / per);
        assert_field(info, "Pages", pages);
        g_free(pages);
        double x0, y0, x1, y1;
        sheet_trim(&p, &x0, &y0, &x1, &y1);
        char *trim = g_strdup_printf("%.2f %.2f %.2f %.2f", x0, 420 * k - y1, x1, 420 * k - y0);
        char *got = field(info, "TrimBox");
        char **parts = g_strsplit_set(got, " ", -1);
        GString *norm = g_string_new(NULL);
        for (char **q = parts; *q; q++)
                if (**q)
                        g_string_append_printf(norm, "%s%s", norm->len ? " " : "", *q);
        g_assert_cmpstr(norm->str, ==, trim);
        g_string_free(norm, TRUE);
        g_strfreev(parts);
        g_free(got);
        g_free(trim);
        g_free(info);

        char *check = run("qpdf --check %s", path);
        g_assert_nonnull(strstr(check, "No syntax or stream encoding errors found"));
        g_free(check);

        /* Every piece keeps its own code: 3 of each sign-up address. */
        char *codes = run("sh -c 'pdftoppm -r 150 -png %s %s/page && zbarimg -q --raw %s/page*.png | sort'", path, dir,
                          dir);
        char *want = g_strdup_printf("%s\n%s\n%s\n%s\n%s\n%s\n", cs[1]->signup.url, cs[1]->signup.url,
                                     cs[1]->signup.url, cs[0]->signup.url, cs[0]->signup.url, cs[0]->signup.url);
        char **wl = g_strsplit(want, "\n", -1), **gl = g_strsplit(codes, "\n", -1);
        g_assert_cmpuint(g_strv_length(gl), ==, g_strv_length(wl));
        for (char **w = wl; *w; w++)
                g_assert_true(g_strv_contains((const char *const *)gl, *w));
        g_strfreev(wl);
        g_strfreev(gl);
        g_free(want);
        g_free(codes);

        /* And each its clickable link: one annotation per piece. */
        char *links = run("sh -c 'qpdf --qdf --object-streams=disable %s - | grep -c \"/Subtype /Link\"'", path);
        g_assert_cmpint(atoi(links), ==, 6);
        g_free(links);

        if (!g_getenv("KEEP")) {
                g_free(run("rm -rf %s", dir));
        } else {
                g_test_message("kept %s", dir);
        }
        render_result_clear(&res);
        for (size_t i = 0; i < 2; i++)
                community_free((struct community *)cs[i]);
        renderer_free(r);
        diag_clear(&d);
        g_free(path);
        g_free(dir);
}

/* The /Rect of every link annotation in the PDF at path, in file order,
 * into r (at most max); returns how many. */
static size_t link_rects(const char *path, double (*r)[4], size_t max)
{
        char *qdf = run("qpdf --qdf --object-streams=disable %s -", path);
        size_t n = 0;
        for (const char *p = qdf; (p = strstr(p, "/Subtype /Link")) != NULL; p++) {
                /* The annotation's dictionary around it holds its /Rect. */
                const char *from = g_strrstr_len(qdf, p - qdf, " obj");
                const char *rect = from ? strstr(from, "/Rect [") : NULL;
                g_assert_nonnull(rect);
                g_assert_cmpuint(n, <, max);
                char *end = (char *)rect + strlen("/Rect [");
                for (int k = 0; k < 4; k++)
                        r[n][k] = g_ascii_strtod(end, &end);
                n++;
        }
        g_free(qdf);
        return n;
}

/* The sheet of the four given samples with o.threads = threads, as bytes
 * (caller frees); *len its length. */
static char *sheet_bytes(struct renderer *r, const struct community *const *cs, size_t n, int threads,
                         const char *dir, gsize *len)
{
        struct diag d;
        diag_init(&d, NULL);
        char *path = g_strdup_printf("%s/threads-%d.pdf", dir, threads);
        char *formats[] = { "a6", NULL };
        struct render_options o = { .outdir = dir, .formats = formats, .stream_fd = -1, .threads = threads };
        g_date_set_dmy(&o.today, 1, 1, 2027);
        struct sheet_request sr = { .sheet = "a4", .piece = "a6", .copies = 3, .path = path };
        g_assert_true(renderer_render_sheets(r, cs, n, &o, &sr, NULL, &d));
        g_assert_cmpuint(d.errors, ==, 0);
        char *bytes = NULL;
        g_assert_true(g_file_get_contents(path, &bytes, len, NULL));
        g_free(path);
        diag_clear(&d);
        return bytes;
}

/* The pages are written by a thread of their own when two processors may
 * be used (sheetpdf.c; on a one-processor machine both runs write at
 * once) and at once with threads = 1: the same bytes either way,
 * every page drawn (each community's name in the text of the sheet) and
 * each piece's link there. */
static void test_sheets_threads(void)
{
        char *tool = g_find_program_in_path("pdftotext");
        if (!tool) {
                g_test_skip("pdftotext missing");
                return;
        }
        g_free(tool);
        struct diag d;
        diag_init(&d, NULL);
        struct renderer *r = renderer_new(".", NULL, NULL, &d);
        g_assert_nonnull(r);
        struct community_options co = { .languages = renderer_languages(r) };
        const char *files[] = { "samples/urban-gardening.cfg", "samples/repair-cafe-sennestadt.cfg",
                                "samples/data-ethics-meetup.cfg", "samples/klimawerkstatt-brackwede.cfg" };
        const struct community *cs[G_N_ELEMENTS(files)];
        for (size_t i = 0; i < G_N_ELEMENTS(files); i++) {
                cs[i] = community_load(files[i], &co, &d);
                g_assert_nonnull(cs[i]);
        }
        char *dir = g_dir_make_tmp("plakat-sheet-XXXXXX", NULL);
        gsize n1, n2;
        char *one = sheet_bytes(r, cs, G_N_ELEMENTS(cs), 1, dir, &n1);
        char *two = sheet_bytes(r, cs, G_N_ELEMENTS(cs), 2, dir, &n2);
        g_assert_cmpuint(n1, ==, n2);
        g_assert_true(memcmp(one, two, n1) == 0);
        g_free(one);
        g_free(two);

        /* 4 communities x 3 copies on A4 (4 a page): 3 pages, each name
         * three times in the text, each piece its link. */
        char *text = run("pdftotext -layout %s/threads-2.pdf -", dir);
        for (size_t i = 0; i < G_N_ELEMENTS(cs); i++) {
                /* Names may be set in capitals or broken over lines: the
                 * first word, case ignored. */
                char **words = g_strsplit(cs[i]->name, " ", 2);
                char *want = g_utf8_strdown(words[0], -1), *have = g_utf8_strdown(text, -1);
                g_assert_nonnull(strstr(have, want));
                g_free(want);
                g_free(have);
                g_strfreev(words);
        }
        g_free(text);
        char *pages = run("sh -c 'pdfinfo %s/threads-2.pdf | grep ^Pages:'", dir);
        g_assert_nonnull(strstr(pages, " 3\n"));
        g_free(pages);
        char *links = run("sh -c 'qpdf --qdf --object-streams=disable %s/threads-2.pdf - | grep -c \"/Subtype /Link\"'",
                          dir);
        g_assert_cmpint(atoi(links), ==, 12);
        g_free(links);
        /* Each link lies over its own piece's code: the four pieces of a
         * page (2 x 2 A6 on A4, 297.6 x 419.5 pt each) each have one, in
         * every page's same four places. */
        double rs[12][4];
        char *two_path = g_strdup_printf("%s/threads-2.pdf", dir);
        g_assert_cmpuint(link_rects(two_path, rs, G_N_ELEMENTS(rs)), ==, 12);
        g_free(two_path);
        bool cell[2][2] = { { false } };
        for (size_t i = 0; i < 12; i++) {
                double cx = (rs[i][0] + rs[i][2]) / 2, cy = (rs[i][1] + rs[i][3]) / 2;
                int col = cx > 297.64, row = cy > 420.95;
                /* Inside its piece, not across a cut. */
                g_assert_cmpfloat(MIN(rs[i][0], rs[i][2]), >=, col * 297.64);
                g_assert_cmpfloat(MAX(rs[i][0], rs[i][2]), <=, (col + 1) * 297.64);
                g_assert_cmpfloat(MIN(rs[i][1], rs[i][3]), >=, row * 420.95);
                g_assert_cmpfloat(MAX(rs[i][1], rs[i][3]), <=, (row + 1) * 420.95);
                cell[row][col] = true;
        }
        for (int row = 0; row < 2; row++)
                for (int col = 0; col < 2; col++)
                        g_assert_true(cell[row][col]);

        g_free(run("rm -rf %s", dir));
        for (size_t i = 0; i < G_N_ELEMENTS(cs); i++)
                community_free((struct community *)cs[i]);
        renderer_free(r);
        diag_clear(&d);
        g_free(dir);
}

int main(int argc, char **argv)
{
        test_init(&argc, &argv);
        g_test_add_func("/sheet/a6-on-a4", test_a6_on_a4);
        g_test_add_func("/sheet/rotation", test_rotation);
        g_test_add_func("/sheet/bleed-and-margin", test_bleed_and_margin);
        g_test_add_func("/sheet/render", test_render_sheets);
        g_test_add_func("/sheet/threads", test_sheets_threads);
        return g_test_run();
}
