/* test_paths.c: where the data folder is found (src/paths.c). */
#include <glib.h>
#include <glib/gstdio.h>

#include "paths.h"
#include "testlib.h"

static char *tmp;

static void touch(const char *rel)
{
        char *p = g_build_filename(tmp, rel, NULL);
        char *dir = g_path_get_dirname(p);
        g_mkdir_with_parents(dir, 0755);
        g_file_set_contents(p, "", 0, NULL);
        g_free(dir);
        g_free(p);
}

static void mkdirs(const char *rel)
{
        char *p = g_build_filename(tmp, rel, NULL);
        g_mkdir_with_parents(p, 0755);
        g_free(p);
}

static void expect(const char *env, const char *exe_rel, const char *want_rel)
{
        char *exe = exe_rel ? g_build_filename(tmp, exe_rel, NULL) : NULL;
        char *want = want_rel ? g_build_filename(tmp, want_rel, NULL) : g_strdup(PLAKAT_DATADIR);
        char *got = paths_datadir_from(env, exe);
        g_assert_cmpstr(got, ==, want);
        g_free(got);
        g_free(want);
        g_free(exe);
}

static void test_env_wins(void)
{
        char *got = paths_datadir_from("/some/where", "/usr/bin/plakat");
        g_assert_cmpstr(got, ==, "/some/where");
        g_free(got);
}

static void test_empty_env_ignored(void)
{
        expect("", "tree/build/plakat", "tree");
}

static void test_source_tree(void)
{
        expect(NULL, "tree/build/plakat", "tree");
        expect(NULL, "tree/build/asan/plakat", "tree");
        expect(NULL, "tree/build/clang/plakat", "tree");
}

static void test_installed(void)
{
        expect(NULL, "prefix/bin/plakat", "prefix/share/plakat");
}

static void test_compiled_in(void)
{
        expect(NULL, "elsewhere/bin/plakat", NULL);
        expect(NULL, NULL, NULL);
        char *got = paths_datadir_from(NULL, "relative/plakat");
        g_assert_cmpstr(got, ==, PLAKAT_DATADIR);
        g_free(got);
}

/* A folder named like a tree but without layouts/ is not one. */
static void test_half_tree(void)
{
        expect(NULL, "half/build/plakat", NULL);
}

static void test_real(void)
{
        char *d = paths_datadir();
        g_assert_nonnull(d);
        g_free(d);
}

static void rm_rf(const char *dir)
{
        GDir *gd = g_dir_open(dir, 0, NULL);
        if (!gd)
                return;
        for (const char *e; (e = g_dir_read_name(gd));) {
                char *p = g_build_filename(dir, e, NULL);
                if (g_file_test(p, G_FILE_TEST_IS_DIR))
                        rm_rf(p);
                else
                        g_unlink(p);
                g_free(p);
        }
        g_dir_close(gd);
        g_rmdir(dir);
}

int main(int argc, char **argv)
{
        test_init(&argc, &argv);
        tmp = g_dir_make_tmp("plakat-paths-XXXXXX", NULL);
        g_assert_nonnull(tmp);
        touch("tree/src/main.c");
        mkdirs("tree/layouts");
        mkdirs("tree/build/asan");
        mkdirs("prefix/bin");
        mkdirs("prefix/share/plakat/layouts");
        mkdirs("elsewhere/bin");
        touch("half/src/main.c");
        mkdirs("half/build");

        g_test_add_func("/paths/env_wins", test_env_wins);
        g_test_add_func("/paths/empty_env_ignored", test_empty_env_ignored);
        g_test_add_func("/paths/source_tree", test_source_tree);
        g_test_add_func("/paths/installed", test_installed);
        g_test_add_func("/paths/compiled_in", test_compiled_in);
        g_test_add_func("/paths/half_tree", test_half_tree);
        g_test_add_func("/paths/real", test_real);
        int rc = g_test_run();
        rm_rf(tmp);
        g_free(tmp);
        return rc;
}
