#!/bin/sh
# render-refs.sh: every design still looks as it did.  tests/refresh-refs.sh
# draws one small image per layout and aspect family (portrait, square,
# landscape, story) of tests/data/render/reference.cfg; each is compared
# with tests/ref/<layout>-<family>.png.
#
# Tolerance: ImageMagick `compare -metric AE -fuzz 10%` counts the pixels
# whose colours differ by more than 10%; at most 0.5% of the pixels may
# (anti-aliasing and font-rasteriser noise stay far below; a moved text
# block, another colour or a missing line go far above).
#
# A design changed on purpose: run tests/refresh-refs.sh, look at the
# images, commit them with the design.
. "$(dirname "$0")/render-lib.sh"
need compare convert identify

LIMIT_PERMILLE=5 # 0.5% of the pixels

now=$T_TMP/now
if PLAKAT=$PLAKAT tests/refresh-refs.sh "$now" >"$OUT" 2>"$ERR"; then
        pass "refresh-refs.sh draws the current images"
else
        rc=$? out=$(cat "$OUT") err=$(cat "$ERR")
        fail "refresh-refs.sh draws the current images" "$(last_run)"
fi

# differing A B: the number of pixels that differ beyond the fuzz, or "size"
# when the sizes differ, or "error".
differing() {
        n=$(compare -metric AE -fuzz 10% "$1" "$2" null: 2>&1)
        case $n in
        *differ* | *size*) echo size ;;
        *[!0-9.e+]*) echo error ;;
        *) printf '%s\n' "$n" | awk '{ printf "%d\n", $1 + 0.5 }' ;;
        esac
}

# within A B NAME: at most LIMIT_PERMILLE of A's pixels differ.
within() {
        total=$(identify -format '%[fx:w*h]' "$1" 2>/dev/null)
        n=$(differing "$1" "$2")
        case $n in
        size | error)
                fail "$3" "$1 and $2 cannot be compared ($n): $(identify "$1" "$2" 2>&1)"
                return
                ;;
        esac
        limit=$((total * LIMIT_PERMILLE / 1000))
        if [ "$n" -le "$limit" ]; then
                pass "$3"
        else
                fail "$3" "$n of $total pixels differ by more than 10% (limit $limit)" \
                        "if the design changed on purpose: tests/refresh-refs.sh, look, commit tests/ref/"
        fi
}

drawn=0
for img in "$now"/*.png; do
        [ -e "$img" ] || continue
        drawn=$((drawn + 1))
        base=$(basename "$img")
        ref=tests/ref/$base
        if [ ! -f "$ref" ]; then
                fail "$base: has a reference image" \
                        "tests/ref/$base is missing; create it with tests/refresh-refs.sh (look at it, then git add tests/ref/$base)"
                continue
        fi
        within "$img" "$ref" "$base: looks like tests/ref/$base"
done
ok_cmd "reference images were drawn" test "$drawn" -gt 0

# A reference without a design behind it is stale.
for ref in tests/ref/*.png; do
        [ -e "$ref" ] || continue
        base=$(basename "$ref")
        ok_cmd "$base: its layout and family still exist" test -f "$now/$base"
done

# The tolerance can fail: a mirrored image is far outside it.
img=$(ls "$now"/*.png 2>/dev/null | head -n 1)
if [ -n "$img" ]; then
        convert "$img" -flop "$T_TMP/flop.png"
        total=$(identify -format '%[fx:w*h]' "$img")
        d=$(differing "$img" "$T_TMP/flop.png")
        ok_cmd "the comparison sees a mirrored design ($d of $total pixels)" \
                test "$d" != size -a "$d" != error -a "$d" -gt $((total * LIMIT_PERMILLE / 1000))
fi

done_testing
