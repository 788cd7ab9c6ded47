/* fcmatch.c: Pango's font matching, done on the thread that asks for it.
 *
 * Pango 1.50 starts two threads for every font pattern it has not seen
 * (pangofc-fontmap.c, pango_fc_patterns_new): one runs FcFontSetMatch,
 * the other FcFontSetSort, and the caller waits on a condition for the
 * first answer.  That hides the sort of a desktop's thousands of fonts.
 * plakat's fontconfig knows its own few (fonts.c), so the lookups are
 * short and the threads are the cost: a pattern is a family, weight and
 * size, and one A3 poster makes eight of them, sixteen threads, each a
 * clone, a stack to fault in and a wake-up across processors (perf: 2.3 %
 * of an A3 render in clone3 alone).
 *
 * Options weighed:
 *   - fewer patterns (one size for every measure): fitting already
 *     measures at one size; the drawn sizes are the design's;
 *   - Pango's font map without fontconfig: there is none in 1.50 that
 *     reads font files;
 *   - this: plakat defines g_thread_new, the symbol Pango's calls bind to
 *     (the executable comes first in the dynamic linker's search order,
 *     as for numfmt.c's __snprintf_chk, and the Makefile links this file
 *     as an object the same way).  A thread named as Pango names those
 *     two runs its function on the calling thread at once: the function
 *     only stores its answer under the patterns' mutex and signals, which
 *     the caller does not hold, so the caller finds the answer in place
 *     and never waits.  The answers are the same fontconfig calls on the
 *     same data, so the output is too.  Every other thread, and any name
 *     a later Pango uses, goes to GLib's g_thread_new unchanged.
 *   Measured (41 interleaved runs, twice): one A3 poster 19.4 -> 18.4 ms
 *   and 21.0 -> 19.9 ms; 100 A6 flyers on one worker no change (a worker
 *   makes its patterns once); 250 outputs byte for byte the same.
 *
 * tests/e2e/fcmatch.sh renders with PLAKAT_PANGO_THREADS=1 (Pango's own
 * threads) and compares the files; test_render checks that Pango's calls
 * reach this file. */
#define _GNU_SOURCE
#include "fcmatch.h"

#include <dlfcn.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static gint inlined;

guint fcmatch_inline_count(void)
{
        return (guint)g_atomic_int_get(&inlined);
}

/* Whether a thread called name is one of the two Pango starts per pattern. */
static bool pango_lookup(const gchar *name)
{
        return name && (strcmp(name, "[pango] FcFontSetMatch") == 0 || strcmp(name, "[pango] FcFontSetSort") == 0);
}

/* PLAKAT_PANGO_THREADS=1: Pango's threads as Pango starts them; read once. */
static bool pango_threads(void)
{
        static gsize once;
        static bool on;
        if (g_once_init_enter(&once)) {
                on = g_strcmp0(g_getenv("PLAKAT_PANGO_THREADS"), "1") == 0;
                g_once_init_leave(&once, 1);
        }
        return on;
}

/* Pango's "[pango] FcInit" thread, which Pango never joins: kept to be
 * joined by fcmatch_join_init. */
static GThread *init_thread;
G_LOCK_DEFINE_STATIC(init_thread);

void fcmatch_join_init(void)
{
        G_LOCK(init_thread);
        GThread *t = init_thread;
        init_thread = NULL;
        G_UNLOCK(init_thread);
        if (t)
                g_thread_join(t);
}

GThread *g_thread_new(const gchar *name, GThreadFunc func, gpointer data)
{
        if (pango_lookup(name) && !pango_threads()) {
                g_atomic_int_inc(&inlined);
                func(data);
                return g_thread_ref(g_thread_self());
        }
        static gsize once;
        static GThread *(*glib)(const gchar *, GThreadFunc, gpointer);
        if (g_once_init_enter(&once)) {
                /* POSIX lets a data pointer carry a function's address;
                 * memcpy keeps the compiler's aliasing rules out of it. */
                void *sym = dlsym(RTLD_NEXT, "g_thread_new");
                memcpy(&glib, &sym, sizeof glib);
                g_once_init_leave(&once, 1);
        }
        if (!glib)
                g_error("plakat: GLib's g_thread_new cannot be found");
        GThread *t = glib(name, func, data);
        if (t && name && strcmp(name, "[pango] FcInit") == 0) {
                G_LOCK(init_thread);
                if (!init_thread)
                        init_thread = g_thread_ref(t);
                G_UNLOCK(init_thread);
        }
        return t;
}
