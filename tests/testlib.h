/* testlib.h: what every unit test shares.  Tests use GLib's test framework
 * (already a dependency) in TAP mode, so prove summarises them together
 * with the end-to-end scripts.  Run from the top of the source tree. */
#ifndef PLAKAT_TESTLIB_H
#define PLAKAT_TESTLIB_H

#include <glib.h>

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

#endif
