/* fuzz_hyphen.c: bytes -> the readers of compiled hyphenation patterns
 * (hyphen.c).  The whole-file check must refuse any bytes that are not a
 * file it wrote for the identity given; the level reader, which the check
 * guards, must stay in bounds on any bytes at all (it runs here without
 * the checksum, so the fuzzer reaches it).  The same bytes, as text, are
 * hyphenated in German and English with the real patterns (compiled next
 * to the harness by make fuzz-build). */
#include <glib.h>
#include <stdlib.h>

#include "fuzz.h"
#include "hyphen.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
        FUZZ_BEGIN(argc, argv);
        atexit(hyphen_cleanup);
        return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        /* No input of the fuzzer's carries a SHA-256 of its own rest. */
        if (hyphen_read_compiled(data, size, "plakat fuzz\n"))
                __builtin_trap();
        hyphen_free_levels(hyphen_read_levels(data, size));
        if (size < 4096) {
                char *text = g_strndup((const char *)data, size);
                g_free(hyphen_text(text, size % 2 ? "de" : "en"));
                g_free(text);
        }
        return 0;
}
