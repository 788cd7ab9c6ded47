/* paths.c: where plakat finds its data (layouts/, lang/, fonts/).
 *
 * Running from the source tree must use that tree's data, not whatever an
 * earlier `make install` left in /usr/local, so developers and tests see
 * their own edits.  An installed binary first looks beside itself
 * (<prefix>/bin -> <prefix>/share/plakat): the compiled-in folder is only
 * right when the binary was compiled with the PREFIX it was installed
 * under, and make does not rebuild when only PREFIX changes. */
#include "paths.h"

#include <glib.h>
#include <stdbool.h>

#ifndef PLAKAT_DATADIR
#error "PLAKAT_DATADIR must be defined (the Makefile passes -DPLAKAT_DATADIR)"
#endif

static bool is_dir(const char *dir, const char *sub)
{
        char *p = g_build_filename(dir, sub, NULL);
        bool ok = g_file_test(p, G_FILE_TEST_IS_DIR);
        g_free(p);
        return ok;
}

static bool is_file(const char *dir, const char *sub)
{
        char *p = g_build_filename(dir, sub, NULL);
        bool ok = g_file_test(p, G_FILE_TEST_IS_REGULAR);
        g_free(p);
        return ok;
}

static bool is_source_tree(const char *dir)
{
        return is_file(dir, "src/main.c") && is_dir(dir, "layouts");
}

char *paths_datadir_from(const char *env, const char *exe)
{
        if (env && *env)
                return g_strdup(env);
        if (exe && g_path_is_absolute(exe)) {
                char *bindir = g_path_get_dirname(exe);
                char *up1 = g_path_get_dirname(bindir);
                char *up2 = g_path_get_dirname(up1);
                char *share = g_build_filename(up1, "share", "plakat", NULL);
                char *found = NULL;
                if (is_source_tree(up1))
                        found = g_strdup(up1);
                else if (is_source_tree(up2))
                        found = g_strdup(up2);
                else if (is_dir(share, "layouts"))
                        found = g_strdup(share);
                g_free(share);
                g_free(up2);
                g_free(up1);
                g_free(bindir);
                if (found)
                        return found;
        }
        return g_strdup(PLAKAT_DATADIR);
}

char *paths_datadir(void)
{
        /* /proc/self/exe resolves symlinks, so a link in ~/bin to
         * build/plakat still finds the tree. */
        char *exe = g_file_read_link("/proc/self/exe", NULL);
        char *dir = paths_datadir_from(g_getenv("PLAKAT_DATADIR"), exe);
        g_free(exe);
        return dir;
}
