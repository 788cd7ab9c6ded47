/* facts.h: everything a layout can print about one community, as text.
 *
 * The community model plus what is derived from it for a given day (the
 * cycle in words, the next meetings, the venue of the next meeting) and the
 * language's labels, as one table placeholder -> text that templates read
 * ("{name}", "{next}", "{label.when}").  Built once per community and
 * shared by every output. */
#ifndef PLAKAT_FACTS_H
#define PLAKAT_FACTS_H

#include <glib.h>

#include "schedule.h"

struct community;
struct lang;

#define FACTS_NEXT 3 /* meetings listed under "next" */

struct facts {
        GHashTable *vars; /* char* -> char*, both owned */
        struct meeting next[FACTS_NEXT];
        size_t n_next;
        const struct lang *lang;
};

/* Build the facts of c in language l for the day today.  Free with
 * facts_free. */
struct facts *facts_new(const struct community *c, const struct lang *l, const GDate *today);
void facts_free(struct facts *f);

/* Every placeholder a template may use, NULL-terminated (static). */
const char *const *facts_placeholders(void);

#endif
