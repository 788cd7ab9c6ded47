#!/bin/sh
# concurrent.sh: two plakat processes rendering different communities into
# one folder at the same time.  Each lists exactly its own files (the
# renderer reports what it committed; comparing the folder before and
# after would also list the other's), and every file is complete: each
# process writes under temporary names of its own and renames whole files.
. "$(dirname "$0")/render-lib.sh"
need qpdf

ROUNDS=10
# The one slug is the start of the other's file names ("garten-" in
# "garten-kinder-a3.pdf"): a process that found its files by name in the
# folder would list the other's.  The first renders more formats, so the
# other's files arrive while it is still at work.
A=garten A_FORMATS=a3,a4,a5,a6,instagram A_FILES='a3.pdf a4.pdf a5.pdf a6.pdf instagram.png'
B=garten-kinder B_FORMATS=a3,a6,instagram B_FILES='a3.pdf a6.pdf instagram.png'

dir=$T_TMP/c
mkdir -p "$dir"
community "$dir/$A.cfg" "Urban Gardening"
community "$dir/$B.cfg" "Urban Gardening für Kinder"

# listing DIR SLUG FILES: the paths a render of SLUG prints, in order.
listing() {
        for e in $3; do
                echo "$1/$2-$e"
        done
}

# Every file alone first: what a complete file is, byte for byte (the
# output is deterministic).
ref=$T_TMP/ref
run render --today "$RTODAY" -f "$A_FORMATS" -o "$ref" "$dir/$A.cfg" "$dir/$B.cfg"
is "$rc" 0 "the reference render exits 0"
bad=
for f in "$ref"/*.pdf; do
        qpdf --check "$f" >/dev/null 2>&1 || bad="$bad $f"
done
is "$bad" "" "qpdf --check passes every reference PDF"

o=$T_TMP/shared
mixed= broken= left= failed=
round=1
while [ $round -le $ROUNDS ]; do
        rm -rf "$o"
        "$PLAKAT" render --today "$RTODAY" -f "$A_FORMATS" -o "$o" "$dir/$A.cfg" >"$T_TMP/a.out" 2>"$T_TMP/a.err" &
        pid_a=$!
        "$PLAKAT" render --today "$RTODAY" -f "$B_FORMATS" -o "$o" "$dir/$B.cfg" >"$T_TMP/b.out" 2>"$T_TMP/b.err" &
        pid_b=$!
        wait "$pid_a"
        rc_a=$?
        wait "$pid_b"
        rc_b=$?
        [ "$rc_a:$rc_b" = 0:0 ] && [ ! -s "$T_TMP/a.err" ] && [ ! -s "$T_TMP/b.err" ] ||
                failed="$failed $round($rc_a:$rc_b $(cat "$T_TMP/a.err" "$T_TMP/b.err"))"
        for side in a:$A:"$A_FILES" b:$B:"$B_FILES"; do
                IFS=: read -r tag slug files <<SIDE
$side
SIDE
                [ "$(cat "$T_TMP/$tag.out")" = "$(listing "$o" "$slug" "$files")" ] && continue
                mixed="$mixed $round:$slug"
                [ -e "$T_TMP/mixed" ] || cp "$T_TMP/$tag.out" "$T_TMP/mixed"
        done
        # Nothing but the final files of both.
        want=$( (listing "$o" $A "$A_FILES"; listing "$o" $B "$B_FILES") | sed 's|.*/||' | LC_ALL=C sort)
        # (and the folder's record of what was rendered, which either may write)
        [ "$(ls -A "$o" | grep -vx .plakat-record | LC_ALL=C sort)" = "$want" ] || left="$left $round"
        for f in "$o"/*; do
                cmp -s "$f" "$ref/${f##*/}" || broken="$broken $round:${f##*/}"
        done
        round=$((round + 1))
done
is "$failed" "" "$ROUNDS rounds: both processes exit 0 and print nothing on stderr"
what="$ROUNDS rounds: each process lists exactly its own files, in order, none of the other's"
if [ -z "$mixed" ]; then
        pass "$what"
else
        fail "$what" "wrong in round:slug$mixed; the first:" "$(cat "$T_TMP/mixed")"
fi
is "$left" "" "$ROUNDS rounds: the folder holds both sets of files and no temporary file"
is "$broken" "" "$ROUNDS rounds: every file is byte-identical to the same file rendered alone"

# The last round's files as their readers see them.
bad=
for f in "$o"/*.pdf; do
        qpdf --check "$f" >/dev/null 2>&1 || bad="$bad ${f##*/}"
done
is "$bad" "" "qpdf --check passes every PDF of the last round"
bad=
for f in "$o"/*.png; do
        [ "$(head -c 8 "$f" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || bad="$bad ${f##*/}"
done
is "$bad" "" "every PNG of the last round starts with the PNG signature"

done_testing
