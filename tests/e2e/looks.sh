#!/bin/sh
# looks.sh: fitting remembers what Pango measured (box.c, look) and shares
# laid-out layouts between the communities of one run.  Remembering must
# never change an answer:
# - with PLAKAT_VERIFY_LOOKS=1 every remembered answer is measured again
#   and a difference aborts the render: every sample and render test file
#   in every design and format;
# - a community rendered after others (whose texts filled the memory)
#   gives the same bytes as rendered alone.
. "$(dirname "$0")/lib.sh"

FILES="samples/*.cfg tests/data/render/*.cfg"
for design in klar laut foto; do
        # shellcheck disable=SC2086 # FILES is a list of globs
        PLAKAT_VERIFY_LOOKS=1 run render --today "$TODAY" --allow-ended -q -l "$design" -f all \
                -o "$T_TMP/verify-$design" $FILES
        unlike "$err" "remembered measure differs" "$design: every remembered measure is Pango's"
        # A worker that dies is a refused file (exit 1) with this message.
        unlike "$err" "plakat stopped on this file" "$design: no worker died"
        ok_cmd "$design: the verifying render finishes" test "$rc" -le 1
done

# Alone, then last after every other sample (same texts: "WANN?", venues,
# the call to action; other sizes probed before).
last=samples/urban-gardening.cfg
run render --today "$TODAY" -l klar -f a3,a6,instagram,story -o "$T_TMP/alone" "$last"
is "$rc" 0 "alone: exit 0"
others=$(ls samples/*.cfg | grep -v "$last")
# shellcheck disable=SC2086 # one path per word
run render --today "$TODAY" -j 1 -l klar -f a3,a6,instagram,story -o "$T_TMP/after" $others "$last"
is "$rc" 0 "after the others: exit 0"
for f in "$T_TMP"/alone/*.*; do
        ok_cmd "$(basename "$f"): the same bytes alone and after the others" \
                cmp -s "$f" "$T_TMP/after/$(basename "$f")"
done

done_testing
