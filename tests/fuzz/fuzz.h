/* fuzz.h: what the libFuzzer harnesses share (make fuzz; README "Fuzzing").
 *
 * FUZZ_SRCDIR is the source tree (the Makefile passes it): the data folder
 * (layouts/, lang/, fonts/, formats/) and samples/ the harnesses read once.
 * Messages are collected, never printed: a fuzzer must not fill a terminal. */
#ifndef PLAKAT_FUZZ_H
#define PLAKAT_FUZZ_H
#include <stddef.h>
#include <stdint.h>

#ifndef FUZZ_SRCDIR
#define FUZZ_SRCDIR "."
#endif

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Hyphenation patterns come compiled from the binary's folder (make
 * fuzz-build puts them there); a fuzzer never writes the user's cache. */
#define FUZZ_NO_USER_CACHE() setenv("XDG_CACHE_HOME", "/nonexistent", 1)

/* What every LLVMFuzzerInitialize starts with. */
#define FUZZ_BEGIN(argc, argv)        \
        do {                          \
                (void)(argc);         \
                (void)(argv);         \
                FUZZ_NO_USER_CACHE(); \
        } while (0)

#endif
