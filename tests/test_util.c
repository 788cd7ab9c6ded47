/* test_util.c: the helpers with a contract beyond their name. */
#include "testlib.h"
#include "util.h"

#include <sys/stat.h>

/* The mask as it was at the first call, and reading it leaves it alone. */
static void test_umask(void)
{
        umask(027);
        g_assert_cmpuint(util_umask(), ==, 027);
        g_assert_cmpuint(umask(022), ==, 027); /* not changed by reading */
        g_assert_cmpuint(util_umask(), ==, 027); /* read once */
        umask(022);
}

static void test_basename_noext(void)
{
        char *b = util_basename_noext("samples/urban-gardening.cfg", ".cfg");
        g_assert_cmpstr(b, ==, "urban-gardening");
        g_free(b);
        b = util_basename_noext("/a/b/plain", ".cfg");
        g_assert_cmpstr(b, ==, "plain");
        g_free(b);
}

int main(int argc, char **argv)
{
        test_init(&argc, &argv);
        g_test_add_func("/util/umask", test_umask);
        g_test_add_func("/util/basename-noext", test_basename_noext);
        return g_test_run();
}
