#!/bin/sh
# bench-design-floor.sh [PLAKAT] [RUNS]: one A3 poster PDF from plakat, from
# the shared floor program, and from the floor drawing in plakat's six
# faces with plakat's own font set-up (tests/bench/design-floor.c says
# why), interleaved; prints medians and the ratios to the floor (make bench).
#
# The design floor's ratio is the least any renderer of plakat's design
# could reach with these libraries: it does nothing but draw.  Issue 9's
# target for plakat is 0.8.  Asserts nothing.
set -eu
cd "$(dirname "$0")/.." || exit 1
plakat=${1:-build/plakat}
runs=${2:-15}
shared=../shared/bench
[ -f "$shared/floor/floor.c" ] || { echo "bench-design-floor: no $shared/floor/floor.c; skipped"; exit 0; }
work=$(mktemp -d "${TMPDIR:-/tmp}/plakat-dfloor.XXXXXX")
trap 'rm -rf "$work"' EXIT
libs=$(pkg-config --cflags --libs cairo pangocairo libqrencode libconfig libpng fontconfig)
# shellcheck disable=SC2086 # $libs is a list of flags
${CC:-cc} -O2 -o "$work/floor" "$shared/floor/floor.c" $libs
# shellcheck disable=SC2086
${CC:-cc} -O2 -o "$work/design" "$shared/floor/floor.c" tests/bench/design-floor.c $libs -ldl
mkdir -p "$work/cache" "$work/p"
DESIGN_FLOOR_FONTS=$PWD/fonts DESIGN_FLOOR_CACHE=$work/cache
export DESIGN_FLOOR_FONTS DESIGN_FLOOR_CACHE
content=$shared/content

now() { date +%s%N; }
run_us() { t0=$(now); "$@" >/dev/null 2>&1 || true; t1=$(now); echo $(((t1 - t0) / 1000)); }
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# One warm-up each (the font caches are written then), then interleaved.
"$plakat" render --today 2027-01-01 -q --force -f a3 -o "$work/p" "$content/urban-gardening.cfg" >/dev/null 2>&1 || true
"$work/design" pdf "$content/poster.cfg" "$work/d.pdf"
"$work/floor" pdf "$content/poster.cfg" "$work/f.pdf"
i=0
: >"$work/t"
while [ $i -lt "$runs" ]; do
        a=$(run_us "$plakat" render --today 2027-01-01 -q --force -f a3 -o "$work/p" "$content/urban-gardening.cfg")
        b=$(run_us "$work/design" pdf "$content/poster.cfg" "$work/d.pdf")
        c=$(run_us "$work/floor" pdf "$content/poster.cfg" "$work/f.pdf")
        echo "$a $b $c" >>"$work/t"
        i=$((i + 1))
done
ma=$(cut -d' ' -f1 "$work/t" | median)
mb=$(cut -d' ' -f2 "$work/t" | median)
mc=$(cut -d' ' -f3 "$work/t" | median)
ra=$(awk '{ printf "%.4f\n", $1 / $3 }' "$work/t" | median)
rb=$(awk '{ printf "%.4f\n", $2 / $3 }' "$work/t" | median)
echo "design floor: A3 poster PDF, $runs interleaved runs, medians (ratios: median of per-run ratios to the floor)"
awk -v a="$ma" -v b="$mb" -v c="$mc" -v ra="$ra" -v rb="$rb" 'BEGIN {
        printf "  %-44s %8.1f ms   /floor %5.2f\n", "plakat", a / 1000, ra
        printf "  %-44s %8.1f ms   /floor %5.2f\n", "floor in plakat'"'"'s six faces and font set-up", b / 1000, rb
        printf "  %-44s %8.1f ms\n", "floor (two DejaVu faces, system fontconfig)", c / 1000
}'
