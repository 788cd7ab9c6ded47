/* fuzz_community.c: bytes -> community_load_string, then what `plakat
 * check` does with a community it accepted: the next meetings, the cycle
 * in words and renderer_check (layout, fit, contrast, QR) on a print or a
 * screen format, with a renderer loaded once. */
#include <glib.h>
#include <stdlib.h>

#include "community.h"
#include "diag.h"
#include "fuzz.h"
#include "render.h"
#include "schedule.h"

static struct renderer *renderer;

static void done(void)
{
        renderer_free(renderer);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
        FUZZ_BEGIN(argc, argv);
        struct diag d;
        diag_init(&d, NULL);
        renderer = renderer_new(FUZZ_SRCDIR, NULL, NULL, &d);
        if (!renderer) {
                diag_print(&d, stderr);
                abort();
        }
        diag_clear(&d);
        atexit(done);
        return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct community_options opt = { .languages = renderer_languages(renderer) };
        struct diag d;
        diag_init(&d, NULL);
        /* Named inside samples/, so its images resolve against samples/images. */
        struct community *c = community_load_string((const char *)data, size, FUZZ_SRCDIR "/samples/fuzz.cfg",
                                                     &opt, &d);
        if (c) {
                GDate today;
                g_date_clear(&today, 1);
                g_date_set_dmy(&today, 1, G_DATE_JANUARY, 2027);
                struct meeting next[3];
                schedule_next(&c->schedule, &today, next, 3);
                g_free(schedule_describe(&c->schedule, renderer_lang(renderer, c->words_language)));
                /* One format a run (print or screen by the input's
                 * length): each costs a layout and a fit of every text. */
                char *formats[] = { size % 2 ? "a6" : "instagram", NULL };
                struct render_options o = { .formats = formats, .today = today, .stream_fd = -1 };
                char *not_shown = NULL;
                renderer_check(renderer, c, &o, &d, &not_shown);
                g_free(not_shown);
                community_free(c);
        } else if (d.errors == 0) {
                abort(); /* refused without a reason */
        }
        diag_clear(&d);
        return 0;
}
