/* paths.h: where plakat finds its data (layouts/, lang/, fonts/). */
#ifndef PLAKAT_PATHS_H
#define PLAKAT_PATHS_H

/* The data folder, first match wins:
 *   1. $PLAKAT_DATADIR, when set and not empty (taken as given);
 *   2. the source tree the binary was built in: the folder one or two levels
 *      above the binary's folder (build/plakat, build/asan/plakat) when it
 *      holds src/main.c and layouts/;
 *   3. <prefix>/share/plakat next to an installed binary <prefix>/bin/plakat,
 *      when it holds layouts/ (so an install under any PREFIX or DESTDIR
 *      that is moved into place works without rebuilding);
 *   4. the compiled-in PLAKAT_DATADIR (the Makefile's $(DATADIR)).
 * Never NULL; the folder may not exist (step 4).  Caller frees with g_free. */
char *paths_datadir(void);

/* The same decision with its inputs given (tests): env is the value of
 * $PLAKAT_DATADIR or NULL, exe the binary's absolute path or NULL. */
char *paths_datadir_from(const char *env, const char *exe);

#endif
