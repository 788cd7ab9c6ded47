/* pixels.c: image surfaces for whole pages and photos, on huge pages.
 *
 * Why: a 1080x1080 page is 4.6 MB of fresh memory, and the kernel hands
 * fresh memory out a 4 KiB page at a time, each on the first touch: 1,100
 * page faults before the first pixel is drawn, about 1.5 ms of a 20 ms
 * render on this kind of virtual machine, which is more than drawing the
 * page takes.  Asked for with madvise(MADV_HUGEPAGE), the same memory
 * comes as 2 MiB pages: 3 faults.  Measured on `render -f instagram
 * urban-gardening.cfg`, 41 interleaved runs: 22.3 -> 20.9 ms, page faults
 * 2,440 -> 1,360.
 *
 * Linux gives huge pages to such a request when its setting is "madvise"
 * or "always" (Debian's default is "madvise"); with "never", or anywhere
 * without MADV_HUGEPAGE, the mapping is plain pages and only as fast as
 * before.  The mapping is 2 MiB-aligned because only whole, aligned 2 MiB
 * ranges can be huge pages; the slack costs address space, not memory.
 * Below one huge page there is nothing to win and cairo allocates as
 * always. */
/* MAP_ANONYMOUS and madvise(MADV_HUGEPAGE) are beyond POSIX. */
#define _DEFAULT_SOURCE
#include "pixels.h"

#include <glib.h>
#include <stdint.h>
#include <sys/mman.h>

enum { HUGE_PAGE = 2 << 20 };

struct mapping {
        void *start;
        size_t len;
};

static const cairo_user_data_key_t mapping_key;

static void unmap(void *data)
{
        struct mapping *m = data;
        munmap(m->start, m->len);
        g_free(m);
}

cairo_surface_t *pixels_surface(cairo_format_t format, int width, int height)
{
        int stride = cairo_format_stride_for_width(format, width);
        if (stride <= 0 || height <= 0 || (size_t)height > SIZE_MAX / 2 / (size_t)stride)
                return cairo_image_surface_create(format, width, height);
        size_t bytes = (size_t)stride * (size_t)height;
        if (bytes < HUGE_PAGE)
                return cairo_image_surface_create(format, width, height);
        size_t len = (bytes + 2 * (size_t)HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE;
        unsigned char *start = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (start == MAP_FAILED)
                return cairo_image_surface_create(format, width, height);
        unsigned char *data = (unsigned char *)(((uintptr_t)start + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1));
#ifdef MADV_HUGEPAGE
        /* Advice only: refused, the pages are plain ones. */
        (void)madvise(data, bytes, MADV_HUGEPAGE);
#endif
        /* Anonymous memory is zero, as cairo's own surfaces start. */
        cairo_surface_t *s = cairo_image_surface_create_for_data(data, format, width, height, stride);
        struct mapping *m = g_new(struct mapping, 1);
        *m = (struct mapping){ start, len };
        if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS ||
            cairo_surface_set_user_data(s, &mapping_key, m, unmap) != CAIRO_STATUS_SUCCESS) {
                cairo_surface_destroy(s);
                unmap(m);
                return cairo_image_surface_create(format, width, height);
        }
        return s;
}
