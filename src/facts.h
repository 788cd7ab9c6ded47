/* facts.h: everything a layout can print about one community, as text.
 *
 * The community model plus what is derived from it for a given day (the
 * cycle in words, the next meetings, the venue of the next meeting) and the
 * language's labels, as one table placeholder -> text that templates read
 * ("{name}", "{next}", "{label.when}"), and lists whose items a layout lays
 * out one by one (the agenda; channels with type, name and link).  Built
 * once per community and shared by every output.
 *
 * Values are plain text: no invisible characters.  Where a value must not
 * break across lines (a time span, a date, a phone number) or should break
 * in a particular way (a web address), the fact says so as data (holds,
 * url); the renderer turns that into line-break control (box.c), and an
 * output that is no poster ignores it. */
#ifndef PLAKAT_FACTS_H
#define PLAKAT_FACTS_H

#include <glib.h>
#include <stdbool.h>

#include "schedule.h"

struct community;
struct venue;
struct lang;
struct facts;

#define FACTS_NEXT 3 /* meetings listed under "next" */
#define FACTS_LIST_MAX 64 /* items of one list (the community loader allows fewer) */

/* A part of a value, in bytes, that reads as one unit and must not be
 * broken across lines. */
struct facts_hold {
        size_t start, len;
};

/* One value and how it may break. */
struct fact {
        char *value;            /* never NULL or "" */
        bool url;               /* a web address: break after "/", not at its hyphens */
        struct facts_hold *holds; /* sorted by start, not overlapping */
        size_t n_holds;
};

/* Build the facts of c in language l for the day today.  Free with
 * facts_free. */
struct facts *facts_new(const struct community *c, const struct lang *l, const GDate *today);
/* Empty facts (tests, previews); fill with facts_put and facts_list_add. */
struct facts *facts_new_empty(const struct lang *l);
/* Another reference to f, which nobody changes any more; each is given
 * back with facts_free, the last frees f. */
struct facts *facts_ref(struct facts *f);
void facts_free(struct facts *f);

/* Set name to the plain value (copied); NULL or "" removes it. */
void facts_put(struct facts *f, const char *name, const char *value);

/* The value of a placeholder, or NULL when it is empty or unknown.  Owned
 * by f. */
const char *facts_get(const struct facts *f, const char *name);
/* The value with its line-break data, or NULL when empty.  Owned by f. */
const struct fact *facts_fact(const struct facts *f, const char *name);
/* The language the values are in (may be NULL in tests). */
const struct lang *facts_lang(const struct facts *f);

/* The line of signup.short in the community file (*is_short true), or of
 * signup.url when there is no short address; 0 when unknown (tests). For
 * a message that asks for a shorter printed address. */
int facts_signup_line(const struct facts *f, bool *is_short);

/* A place in full: "Name, room, address (note)", as check and the rota
 * print it.  Caller frees with g_free. */
char *facts_venue_text(const struct venue *v);

/* Every placeholder a template may use, NULL-terminated (static). */
const char *const *facts_placeholders(void);

/* Lists: "agenda", "channels", "venues", "tags", "woop.obstacles",
 * "woop.plan" (facts_lists(), NULL-terminated, static).  Every item has
 * the field "item" (its text); channels also have "type", "name", "url",
 * venues "name", "room", "address", "note" (facts_item_fields()). */
const char *const *facts_lists(void);
const char *const *facts_item_fields(void);
/* How many items list has (0 when none or unknown). */
size_t facts_list_len(const struct facts *f, const char *list);
/* Field of item i of list, or NULL when empty.  Owned by f. */
const char *facts_item(const struct facts *f, const char *list, size_t i, const char *field);
/* Append an item to list: fields as name, value pairs, NULL-terminated
 * (values may be NULL).  Ignored beyond FACTS_LIST_MAX items. */
void facts_list_add(struct facts *f, const char *list, const char *const *fields);

#endif
