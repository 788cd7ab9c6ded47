#!/bin/sh
# bench.sh BINARY: how long renders of the samples take (make bench).
#
# For each samples/*.cfg: the median wall time of N whole processes
# rendering one A3 PDF (-f a3) and one 1080 px PNG (-f instagram); then
# all samples in one process (-f a3), divided by their number, for what a
# batch pays per poster once fonts and layouts are loaded.  Every run
# renders (--force): into the same folder, a run would otherwise find the
# last one's files unchanged and time only that.  Uses hyperfine
# when installed, else a shell loop.  Prints a table; asserts nothing.
set -u
cd "$(dirname "$0")/.." || exit 1
bin=${1:-build/plakat}
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
N=${N:-15}
TODAY=2026-11-27
TARGET_PDF=25 TARGET_PNG=45 # ms per whole process
unset PLAKAT_DATADIR

tmp=$(mktemp -d "${TMPDIR:-/tmp}/plakat-bench.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

now_ns() { date +%s%N; }

# median_ms CMD...: median wall time of N runs of CMD, in ms (one decimal).
median_ms() {
        if command -v hyperfine >/dev/null 2>&1; then
                hyperfine -N -w 2 -r "$N" --export-json "$tmp/h.json" -- "$*" >/dev/null 2>&1 &&
                        sed -n 's/.*"median": *\([0-9.e-]*\).*/\1/p' "$tmp/h.json" | head -n 1 |
                        awk '{ printf "%.1f\n", $1 * 1000 }' && return
        fi
        i=0
        : >"$tmp/times"
        "$@" >/dev/null 2>&1 # warm-up
        while [ $i -lt "$N" ]; do
                t0=$(now_ns)
                "$@" >/dev/null 2>&1
                t1=$(now_ns)
                echo $(((t1 - t0) / 1000)) >>"$tmp/times"
                i=$((i + 1))
        done
        sort -n "$tmp/times" | awk '{ a[NR] = $1 } END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.1f\n", m / 1000 }'
}

verdict() { # verdict MS TARGET
        awk -v m="$1" -v t="$2" 'BEGIN { print (m <= t) ? "ok" : "SLOW" }'
}

tool="shell loop"
command -v hyperfine >/dev/null 2>&1 && tool=hyperfine
echo "plakat bench: $bin, median of $N runs ($tool), --today $TODAY"
echo
printf '%-32s %12s %12s\n' "sample" "A3 PDF ms" "1080 PNG ms"
printf '%-32s %12s %12s\n' "" "(<= $TARGET_PDF)" "(<= $TARGET_PNG)"
n=0 sum_pdf=0 sum_png=0 worst_pdf=0 worst_png=0
for f in samples/*.cfg; do
        name=$(basename "$f" .cfg)
        pdf=$(median_ms "$bin" render -q --force --today "$TODAY" -f a3 -o "$tmp/o" "$f")
        png=$(median_ms "$bin" render -q --force --today "$TODAY" -f instagram -o "$tmp/o" "$f")
        printf '%-32s %8s %-3s %8s %-3s\n' "$name" "$pdf" "$(verdict "$pdf" $TARGET_PDF)" \
                "$png" "$(verdict "$png" $TARGET_PNG)"
        n=$((n + 1))
        sum_pdf=$(awk -v a="$sum_pdf" -v b="$pdf" 'BEGIN { print a + b }')
        sum_png=$(awk -v a="$sum_png" -v b="$png" 'BEGIN { print a + b }')
done
printf '%-32s %8.1f     %8.1f\n' "mean" "$(awk -v s="$sum_pdf" -v n=$n 'BEGIN { print s / n }')" \
        "$(awk -v s="$sum_png" -v n=$n 'BEGIN { print s / n }')"

# One process for every sample: set-up paid once.
echo
for fmt in a3 instagram; do
        all=$(median_ms "$bin" render -q --force --today "$TODAY" -f "$fmt" -o "$tmp/o" samples/*.cfg)
        printf 'one process, %d samples, -f %-10s %8s ms total, %6.1f ms per sample\n' "$n" "$fmt" "$all" \
                "$(awk -v a="$all" -v n=$n 'BEGIN { print a / n }')"
done
echo
echo "targets: A3 PDF <= $TARGET_PDF ms, 1080 PNG <= $TARGET_PNG ms per whole process (SLOW marks a miss)"
echo "note: a sample that is refused (exit 1) is timed all the same; check with plakat render first"
