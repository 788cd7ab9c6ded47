/* community.h: one Community of Practice, as read from its community file.
 *
 * community_load reads a file (format: docs/community-file.md, the contract
 * ../shared/spec/community-file.md), checks every setting and reports every
 * problem with file:line before refusing it.  What comes back is validated:
 * required fields are present, strings are valid UTF-8 within their limits,
 * the schedule parses, image paths are resolved and stay inside the
 * community's folder.  Optional strings that were not given are NULL, never
 * "" (an empty string in the file counts as not given, with a warning). */
#ifndef PLAKAT_COMMUNITY_H
#define PLAKAT_COMMUNITY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <glib.h>

#include "colour.h"
#include "schedule.h"

struct diag;

#define COMMUNITY_MAX_FILE   (256 * 1024)
#define COMMUNITY_MAX_NAME   200  /* characters */
#define COMMUNITY_MAX_STRING 2000 /* characters */
#define COMMUNITY_MAX_URL    2000 /* bytes */

struct lead {
        char *name; /* required */
        char *email, *phone, *role;
};

struct venue {
        char *name; /* required */
        char *address, *room, *note;
};

struct channel {
        char *type; /* lower case, e.g. "signal" */
        char *name, *url;
};

struct signup {
        char *url;   /* required, http or https, exactly as written */
        char *label; /* NULL: the language's call to action */
        char *short_url; /* NULL: the URL without scheme */
        /* Opt-in: a query parameter name ("quelle") that each output adds
         * to url with its own value (track.h); NULL: url as written. */
        char *track;
};

struct woop {
        char *wish, *outcome;
        char **obstacles; /* NULL-terminated or NULL */
        char **plan;
};

struct style {
        char *theme; /* NULL: "default" */
        char *layout; /* the design (addition to the spec); NULL: the default or -l */
        struct rgb primary, accent, background, text;
        char *logo;  /* resolved path (inside the folder, or allowed), or NULL */
        char *photo;
        /* The names as written in the file and their lines, for messages
         * about the images found later (e.g. absurd pixel dimensions):
         * "x.cfg:12: style.logo: ..." rather than a resolved path. */
        char *logo_written, *photo_written;
        int logo_line, photo_line;
};

struct community {
        char *path; /* as given on the command line */
        char *slug; /* file name without folder and ".cfg": names the outputs */

        char *name, *topic; /* required */
        char *pitch, *goal;
        char *language; /* the code as written, or "de" */
        /* The shipped language the words plakat adds come from: language
         * when it is one of community_options.languages (or when no list
         * was given and the code looks like one), else "de" (the spec's
         * fallback; the loader has warned).  Safe as a file name part. */
        char *words_language;
        char **tags;    /* NULL-terminated or NULL */

        struct lead lead;
        struct schedule schedule;
        struct venue *venues; /* at least one */
        size_t n_venues;
        struct signup signup;
        struct channel *channels;
        size_t n_channels;
        char **agenda; /* NULL-terminated or NULL */
        struct woop woop;
        struct style style;

        GHashTable *lines; /* setting path ("signup.url") -> line, for messages */

        /* The bytes the file was read from and its modification time
         * ("seconds.nanoseconds"), for renderer_input_key: the key is of
         * what was parsed, never of what the file holds a moment later.
         * NULL from community_load_string. */
        char *source;
        size_t source_len;
        char *source_stamp;

        /* Never the same for two communities of one process (from 1): what
         * the renderer's facts are remembered by (renderer_facts). */
        guint serial;
};

struct community_options {
        /* Let logo/photo paths leave the community's folder (absolute paths
         * and ".."): off by default, on with --allow-outside-paths. */
        bool allow_outside;
        /* Shipped language codes, NULL-terminated, for the unknown-language
         * warning; NULL skips that check. */
        const char *const *languages;
};

/* Read and validate the community file at path.  Every problem goes to d
 * (errors and warnings, each with file:line and the setting).  Returns
 * NULL when the file is refused (d->errors > 0 then); free the result with
 * community_free. */
struct community *community_load(const char *path,
                                 const struct community_options *opt,
                                 struct diag *d);

/* The same from text in memory (tests): name is used in messages and as the
 * folder base for images (its dirname). */
struct community *community_load_string(const char *text, size_t len,
                                        const char *name,
                                        const struct community_options *opt,
                                        struct diag *d);

void community_free(struct community *c);

/* The line a setting ("signup.url", "style.layout") was given on, or 0. */
int community_line(const struct community *c, const char *setting);

/* Every setting name the loader knows ("lead.email", "schedule.first", ...),
 * NULL-terminated, for did-you-mean and docs tests. */
const char *const *community_settings(void);

/* Write every setting, one a line in the order of docs/community-file.md:
 * its name, the kind of value ("text", "whole number", "list of texts",
 * "group", "list of groups", "group or list of groups"), "required" or
 * blank, and its meaning in one line, in columns:
 *   lead.email          text                               the lead's email address
 * Returns 0, or -1 when writing to out failed (errno says why). */
int community_print_settings(FILE *out);

/* A setting's one-line doc in the user's language, or NULL when there is
 * no such setting; whether it is required.  For `plakat new`. */
const char *community_setting_doc(const char *setting);
bool community_setting_required(const char *setting);

#endif
