/* fcmatch.h: Pango's font matching, done on the thread that asks for it. */
#ifndef PLAKAT_FCMATCH_H
#define PLAKAT_FCMATCH_H

#include <glib.h>

/* The process's g_thread_new (fcmatch.c says why).  Pango's two threads
 * for each new font pattern ("[pango] FcFontSetMatch" and "[pango]
 * FcFontSetSort") run func(data) at once on the calling thread and return
 * a reference to the calling thread, which the caller unrefs as it would
 * the new thread's; every other thread is started by GLib as before.
 * PLAKAT_PANGO_THREADS=1 in the environment lets Pango start its own. */
GThread *g_thread_new(const gchar *name, GThreadFunc func, gpointer data);

/* How many of Pango's threads ran on the calling thread since the process
 * started (for the test that Pango's calls reach fcmatch). */
guint fcmatch_inline_count(void);

/* Wait until Pango's "[pango] FcInit" thread (the first font map starts
 * it; Pango never joins it) has ended; nothing when there is none.  A
 * thread still ending when batch.c forks its workers may hold a lock the
 * children then wait on for ever: in one CI run under AddressSanitizer
 * (GCC 12's libasan locks no thread state around fork) both workers hung
 * at their first file.  A thread that has ended holds nothing. */
void fcmatch_join_init(void);

#endif
