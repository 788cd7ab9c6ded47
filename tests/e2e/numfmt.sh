#!/bin/sh
# numfmt.sh: plakat's own __snprintf_chk (src/numfmt.c), which cairo's
# number printing binds to, changes no output byte.  The binary must export
# it (else cairo's calls go to glibc and the speed-up is silently lost);
# then PDFs of every design, with bleed and crop marks, and a sheet of
# every sample on two threads are rendered once with numfmt and once with
# PLAKAT_NUMFMT=glibc (every call to glibc) and compared byte for byte.
. "$(dirname "$0")/lib.sh"

exports __snprintf_chk cairo

# render DIR ARGS...: into $T_TMP/$mode/DIR, with PLAKAT_NUMFMT=$mode.
render() {
        dir=$mode/$1
        shift
        PLAKAT_NUMFMT=$mode run render -q --today "$TODAY" --force -o "$T_TMP/$dir" "$@"
        is "$rc" 0 "$dir: render $*"
}

for mode in fast glibc; do
        for design in klar laut foto; do
                render "$design" -l "$design" -f a6,a3 samples/bienenfreunde-heepen.cfg \
                        samples/ki-im-alltag-auftakt.cfg samples/sprachcafe-baumheide.cfg
                render "$design-bleed" -l "$design" -f a4 --bleed 3 --marks samples/urban-gardening.cfg
        done
        render sheet -j 2 --sheet a4 --copies 2 -f a6 samples/*.cfg
done

pdfs=$(cd "$T_TMP/fast" && find . -name '*.pdf' | sort)
is "$(printf '%s\n' "$pdfs" | grep -c .)" 22 "22 PDFs to compare"
differ=$(cd "$T_TMP/fast" && for f in $pdfs; do cmp -s "$f" "$T_TMP/glibc/$f" || echo "$f"; done)
is "$differ" "" "every PDF has the same bytes with glibc's printing"
done_testing
