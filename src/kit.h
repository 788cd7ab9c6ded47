/* kit.h: `plakat kit`: one community file -> the whole promotion kit.
 *
 * Per community a folder <outdir>/<slug>/ with the posters and images of
 * its design, the invite-a-friend cards (a sheet of cards on A4 with crop
 * marks), the WOOP and planning sheet, the texts to post (one per
 * platform of formats/platforms.cfg), an alt text for every PNG, the
 * calendar file and an index.html that shows and links all of it.  Every
 * file is written under a temporary name and the whole folder's files are
 * renamed into place together, or none (render.h's batch). */
#ifndef PLAKAT_KIT_H
#define PLAKAT_KIT_H

#include <stdbool.h>

struct community;
struct diag;
struct kit;
struct render_options;
struct render_result;
struct renderer;

/* Load what the kit needs beyond r (datadir/formats/platforms.cfg).
 * Returns NULL after reporting to d.  Free with kit_free. */
struct kit *kit_new(struct renderer *r, const char *datadir, struct diag *d);
void kit_free(struct kit *k);

/* Write c's kit into o->outdir/<slug>/ (o->formats and o->stream_fd are
 * ignored: the kit has every format of the design).  Same messages and
 * returns as renderer_render; *res lists every file committed. */
bool kit_make(struct kit *k, const struct community *c, const struct render_options *o,
              struct render_result *res, struct diag *d);

#endif
