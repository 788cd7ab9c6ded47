/* pixels.c: image surfaces for whole pages and photos, on huge pages.
 *
 * Why: a 1080x1080 page is 4.6 MB of fresh memory, and the kernel hands
 * fresh memory out a 4 KiB page at a time, each on the first touch: 1,100
 * page faults before the first pixel is drawn, about 1.5 ms of a 20 ms
 * render on this kind of virtual machine, which is more than drawing the
 * page takes.  Asked for with madvise(MADV_HUGEPAGE), the same memory
 * comes as 2 MiB pages: 3 faults.  Measured on `render -f instagram
 * urban-gardening.cfg`, 41 interleaved runs: 22.3 -> 20.9 ms, page faults
 * 2,440 -> 1,360.  The advice covers the last, partly used 2 MiB too: left
 * out, its 0.45 MB came as 116 plain pages, and making and painting a
 * 1080x1080 page took 0.30 ms instead of 0.15; the price is at most 2 MiB
 * more memory a surface.
 *
 * Linux gives huge pages to such a request when its setting is "madvise"
 * or "always" (Debian's default is "madvise").  With "never", or anywhere
 * without MADV_HUGEPAGE, cairo allocates as always, and must: a process
 * that renders many outputs gets a freed page's memory back from malloc,
 * already faulted in, while a mapping of its own is fresh memory for
 * every page.  Measured with huge pages off (PR_SET_THP_DISABLE), `render
 * -l klar -f all` of the 12 samples, 10 interleaved runs: cairo's memory
 * 885 ms of CPU and 29,000 page faults, a mapping for each page 997 ms
 * and 99,000.  With huge pages the same batch is a little ahead, 824 ->
 * 810 ms and 25,800 -> 11,700 faults (12 runs): they save somewhat more
 * than malloc's reuse did.
 *
 * The mapping is 2 MiB-aligned because only whole, aligned 2 MiB ranges
 * can be huge pages; the slack costs address space, not memory.  Below
 * one huge page there is nothing to win and cairo allocates as always. */
/* MAP_ANONYMOUS and madvise(MADV_HUGEPAGE) are beyond POSIX. */
#define _DEFAULT_SOURCE
#include "pixels.h"

#include <glib.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>

enum { HUGE_PAGE = 2 << 20 };

struct mapping {
        void *start;
        size_t len;
};

static const cairo_user_data_key_t mapping_key;

#ifdef MADV_HUGEPAGE
/* The setting called name in /sys/kernel/mm/transparent_hugepage, or
 * NULL when there is none (no such kernel, or no /sys).  Caller frees. */
static char *thp_setting(const char *name)
{
        char *path = g_strconcat("/sys/kernel/mm/transparent_hugepage/", name, NULL), *value = NULL;
        if (!g_file_get_contents(path, &value, NULL, NULL))
                value = NULL;
        g_free(path);
        return value;
}
#endif

bool pixels_huge_pages(void)
{
        static gsize once;
        static bool on;
        if (g_once_init_enter(&once)) {
#ifdef MADV_HUGEPAGE
                /* A huge page is 2 MiB only with 4 KiB pages (x86-64, most
                 * arm64); kernels that set each size apart (6.8 on) have a
                 * setting of its own for it, where "inherit" means the
                 * general one; and a process can turn huge pages off for
                 * itself and its children (PR_SET_THP_DISABLE). */
                char *size = thp_setting("hpage_pmd_size"), *all = thp_setting("enabled");
                char *two = thp_setting("hugepages-2048kB/enabled");
                on = size && g_ascii_strtoull(size, NULL, 10) == HUGE_PAGE && all && !strstr(all, "[never]") &&
                     !(two && strstr(two, "[never]"));
#ifdef PR_GET_THP_DISABLE
                on = on && prctl(PR_GET_THP_DISABLE, 0, 0, 0, 0) == 0;
#endif
                g_free(size);
                g_free(all);
                g_free(two);
#endif
                g_once_init_leave(&once, 1);
        }
        return on;
}

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
        if (bytes < HUGE_PAGE || !pixels_huge_pages())
                return cairo_image_surface_create(format, width, height);
        size_t len = (bytes + 2 * (size_t)HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE;
        unsigned char *start = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (start == MAP_FAILED)
                return cairo_image_surface_create(format, width, height);
        unsigned char *data = (unsigned char *)(((uintptr_t)start + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1));
#ifdef MADV_HUGEPAGE
        /* Advice only: refused, the pages are plain ones.  Rounded up to
         * whole huge pages, which the slack leaves room for (data is less
         * than one huge page into it). */
        (void)madvise(data, (bytes + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE, MADV_HUGEPAGE);
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
