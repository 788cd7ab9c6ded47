/* woop.h: the WOOP and planning sheet: one A4 page, black on white, the
 * same for every design (it is filled in with a pen, not hung up).
 *
 * Wish, Outcome, Obstacles, Plan from the community's woop where given,
 * writing lines where not; the structure the starter kit recommends (lead,
 * topic, goal, cycle, meeting place, channels) from the file; the meeting's
 * course from agenda, or the kit's three suggestions, as a checklist.
 * Every word comes from the facts and the language file. */
#ifndef PLAKAT_WOOP_H
#define PLAKAT_WOOP_H

struct facts;
struct fonts;
struct _cairo_surface; /* cairo_surface_t, kept out of this model header */

#define WOOP_W_MM 210.0
#define WOOP_H_MM 297.0

/* Draw the sheet on surface (a cairo_surface_t: a PDF page of WOOP_W_MM x
 * WOOP_H_MM in pt) with fonts.  Returns NULL, or cairo's reason (static). */
const char *woop_draw(struct _cairo_surface *surface, struct fonts *fonts, const struct facts *f);

#endif
