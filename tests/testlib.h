/* testlib.h: what every unit test shares.  Tests use GLib's test framework
 * (already a dependency) in TAP mode, so prove summarises them together
 * with the end-to-end scripts.  Run from the top of the source tree. */
#ifndef PLAKAT_TESTLIB_H
#define PLAKAT_TESTLIB_H

#include <glib.h>
#include <glib/gstdio.h>

/* g_test_init with --tap added, so the binary speaks TAP to prove. */
static inline void test_init(int *argc, char ***argv)
{
        static char *args[64];
        int n = 0;
        for (int i = 0; i < *argc && n < 62; i++)
                args[n++] = (*argv)[i];
        args[n++] = "--tap";
        args[n] = NULL;
        *argc = n;
        *argv = args;
        g_test_init(argc, argv, NULL);
}

/* For g_ptr_array_sort on strings. */
static inline gint test_by_name(gconstpointer a, gconstpointer b)
{
        return g_strcmp0(*(char *const *)a, *(char *const *)b);
}

/* The names in dir (not "." and ".."), sorted, joined by newlines: "" for
 * an empty or missing folder.  Caller frees.  For checking that a folder
 * holds exactly the files a test expects, temporary files included. */
static inline char *test_listing(const char *dir)
{
        GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
        GDir *gd = g_dir_open(dir, 0, NULL);
        if (gd) {
                for (const char *e; (e = g_dir_read_name(gd));)
                        g_ptr_array_add(names, g_strdup(e));
                g_dir_close(gd);
        }
        g_ptr_array_sort(names, test_by_name);
        g_ptr_array_add(names, NULL);
        char *s = g_strjoinv("\n", (char **)names->pdata);
        g_ptr_array_free(names, TRUE);
        return s;
}

/* Remove dir and the files in it (no subfolders), and free the string. */
static inline void test_remove_dir(char *dir)
{
        GDir *gd = g_dir_open(dir, 0, NULL);
        if (gd) {
                for (const char *e; (e = g_dir_read_name(gd));) {
                        char *p = g_build_filename(dir, e, NULL);
                        g_unlink(p);
                        g_free(p);
                }
                g_dir_close(gd);
        }
        g_rmdir(dir);
        g_free(dir);
}

#endif
