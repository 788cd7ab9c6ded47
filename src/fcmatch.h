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

#endif
