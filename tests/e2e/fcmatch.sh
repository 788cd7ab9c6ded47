#!/bin/sh
# fcmatch.sh: Pango's font lookups run on the thread that asks for them
# (src/fcmatch.c) and change no output byte.  The binary must export
# g_thread_new (else Pango's calls go to GLib and the speed-up is silently
# lost); a render then starts no thread per font pattern; and every design
# in PDF and PNG, and a sheet on two threads, come out byte for byte the
# same with PLAKAT_PANGO_THREADS=1 (Pango's own threads).
. "$(dirname "$0")/lib.sh"

exports g_thread_new Pango

# Threads started by one A3 render, counted by strace: Pango alone starts
# two for each of the poster's eight font patterns.
if command -v strace >/dev/null 2>&1 && strace -f -o /dev/null true 2>/dev/null; then
        threads() {
                strace -f -qq -e trace=clone,clone3 -o "$T_TMP/strace" "$PLAKAT" render -q --today "$TODAY" \
                        --force -f a3 -o "$T_TMP/count" samples/urban-gardening.cfg >/dev/null 2>&1
                grep -c 'clone' "$T_TMP/strace"
        }
        own=$(threads)
        pango=$(PLAKAT_PANGO_THREADS=1 threads)
        ok_cmd "an A3 render starts no thread per font pattern ($own threads, $pango with Pango's)" \
                test "$own" -le 4 -a "$pango" -ge $((own + 10))
else
        skip "an A3 render starts no thread per font pattern" "no strace here"
fi

# render DIR ARGS...: into $T_TMP/$mode/DIR.
render() {
        dir=$mode/$1
        shift
        if [ "$mode" = pango ]; then
                # Pango's own threads (FcFontSetSort) are never joined and
                # may still run at exit, where LeakSanitizer stops every
                # thread to scan: its tracer crashed on one ending under it
                # (CI, --sheet -j 2).  These runs compare bytes; every other
                # test checks leaks.
                ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" PLAKAT_PANGO_THREADS=1 \
                        run render -q --today "$TODAY" --force -o "$T_TMP/$dir" "$@"
        else
                run render -q --today "$TODAY" --force -o "$T_TMP/$dir" "$@"
        fi
        is "$rc" 0 "$dir: render $*"
}

for mode in inline pango; do
        for design in klar laut foto; do
                render "$design" -l "$design" -f a3,instagram,story samples/bienenfreunde-heepen.cfg \
                        samples/sprachcafe-baumheide.cfg samples/reading-circle-library.cfg
        done
        render text -f a3 tests/data/render/arabic.cfg tests/data/render/ukrainian.cfg tests/data/render/emoji.cfg
        render sheet -j 2 --sheet a4 -f a6 samples/*.cfg
done

files=$(cd "$T_TMP/inline" && find . -type f ! -name '.*' | sort)
is "$(printf '%s\n' "$files" | grep -c .)" 31 "31 files to compare"
differ=$(cd "$T_TMP/inline" && for f in $files; do cmp -s "$f" "$T_TMP/pango/$f" || echo "$f"; done)
is "$differ" "" "every file has the same bytes with Pango's own threads"
done_testing
