/* imagefit.h: how an image fills its box, cover or contain.
 *
 * Owned by image.c (image_draw, image_effective_dpi), kept apart from
 * image.h so that layouts can name a fit without pulling in cairo. */
#ifndef PLAKAT_IMAGEFIT_H
#define PLAKAT_IMAGEFIT_H

/* Cover: fill the whole box, cropping what sticks out.  Contain: show the
 * whole image, centred, leaving bands. */
enum fit { FIT_COVER, FIT_CONTAIN };

#endif
