/* cfg.h: reading plakat's libconfig files, one careful way for all of
 * them (community files, layouts, languages, formats, themes).
 *
 * Before libconfig sees a byte: the size is checked (libconfig takes
 * seconds on multi-megabyte strings), a UTF-8 byte-order mark is dropped
 * and CRLF becomes LF (Windows editors), other encodings are refused with
 * the line of the first bad byte, @include is refused (it would read other
 * files), and the number of settings is capped (libconfig's parser slows
 * down quadratically).  Syntax errors come in plain words. */
#ifndef PLAKAT_CFG_H
#define PLAKAT_CFG_H

#include <libconfig.h>
#include <stdbool.h>
#include <stddef.h>

struct diag;

struct cfg_limits {
        size_t max_bytes;
        size_t max_settings;
        const char *what; /* for messages: "a community file" */
};

/* Parse text[0..len) into cfg (initialised by the caller, destroyed by
 * the caller in every case).  Problems go to d at file:line; returns false
 * after reporting. */
bool cfg_parse(config_t *cfg, const char *text, size_t len, const char *file,
               const struct cfg_limits *lim, struct diag *d);

/* Read the regular file path (no FIFOs, at most lim->max_bytes) and parse
 * it as cfg_parse does. */
bool cfg_load(config_t *cfg, const char *path, const struct cfg_limits *lim, struct diag *d);

#endif
