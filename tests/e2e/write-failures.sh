#!/bin/sh
# write-failures.sh: a file that cannot be written completely is an error
# naming it, and leaves nothing behind: no final file, no temporary dot-file,
# and an older good file of the same name untouched.  The machine says no
# in two ways here: the file-size limit (ulimit -f, EFBIG; plakat ignores
# SIGXFSZ) and a genuinely full file system (a tiny tmpfs in a private
# mount namespace, ENOSPC), for a PDF, a PDF whose page boxes qpdf writes
# (--bleed, --marks), a PNG and a PNG preview; and standard output that
# cannot take the bytes (-o -).
. "$(dirname "$0")/lib.sh"

dir=$T_TMP/c
mkdir -p "$dir"
community "$dir/c.cfg"
cfg=$dir/c.cfg

# Every output of this community is far above the limit (a PDF with its
# fonts is about 40 kB, a PNG 85 kB): 8 blocks are at most 8 kB whether
# the shell counts 512 or 1024 bytes.
LIMIT=8

# The cases, as WHAT FILE OPTIONS...: the file the render would write.
CASE_PDF='pdf c-a3.pdf -f a3'
CASE_BOXES='pdf-boxes c-a3-print.pdf -f a3 --bleed 3 --marks'
CASE_PNG='png c-instagram.png -f instagram'
CASE_PREVIEW='preview c-a3.png -f a3-png'

# limited COMMAND...: run it under the size limit; sets rc, out, err.
limited() {
        (
                ulimit -f "$LIMIT" || exit 99
                "$@"
        ) >"$OUT" 2>"$ERR"
        rc=$?
        out=$(cat "$OUT")
        err=$(cat "$ERR")
}

# failed_lines FILE REASON: what a failed write prints, the file and why,
# then the community's summary; nothing else.
failed_lines() {
        printf '%s: could not write this file: %s; nothing was written for this community\n%s: failed (nothing was written; the file itself is fine)' \
                "$1" "$2" "$cfg"
}

# ---- the file-size limit ---------------------------------------------------------

# size_limit WHAT FILE OPTIONS...
size_limit() {
        what=$1 file=$2
        shift 2

        o=$T_TMP/limit-$what
        mkdir -p "$o"
        limited "$PLAKAT" render --today "$TODAY" "$@" -o "$o" "$cfg"
        is "$rc" 1 "$what, ulimit -f: exit 1"
        is "$err" "$(failed_lines "$o/$file" "File too large")" \
                "$what, ulimit -f: one message naming the file and why, then the summary"
        is "$out" "" "$what, ulimit -f: no path listed"
        is "$(ls -A "$o")" "" "$what, ulimit -f: no file and no temporary file left"

        # Over a good file from before: it must survive, the same file.
        o=$T_TMP/prev-$what
        run render --today "$TODAY" "$@" -o "$o" "$cfg"
        is "$rc:$out" "0:$o/$file" "$what: the good render exits 0 and lists its file"
        cp "$o/$file" "$T_TMP/good"
        inode=$(ls -i "$o/$file" | awk '{ print $1 }')
        limited "$PLAKAT" render --force --today "$TODAY" "$@" -o "$o" "$cfg"
        is "$rc" 1 "$what over a good file, ulimit -f: exit 1"
        is "$err" "$(failed_lines "$o/$file" "File too large")" \
                "$what over a good file, ulimit -f: one message naming the file"
        ok_cmd "$what over a good file, ulimit -f: the good file is unchanged" cmp -s "$o/$file" "$T_TMP/good"
        is "$(ls -i "$o/$file" | awk '{ print $1 }')" "$inode" \
                "$what over a good file, ulimit -f: the good file was not replaced"
        is "$(ls -A "$o" | grep -vx .plakat-record)" "$file" "$what over a good file, ulimit -f: no temporary file left"
}

# shellcheck disable=SC2086 # the cases are words
{
        size_limit $CASE_PDF
        size_limit $CASE_BOXES
        size_limit $CASE_PNG
        size_limit $CASE_PREVIEW
}

# ---- a full disk: a 16 kB tmpfs in a mount namespace of our own ----------------------
# unshare -r maps us to root in a new user namespace, where mounting a tmpfs
# is allowed even to a user; a container may forbid both.  The mount lives
# as long as its namespace: render and look inside it, judge outside.

fs=$T_TMP/fs
mkdir -p "$fs"
if unshare -rm sh -c 'mount -t tmpfs -o size=16k none "$1"' sh "$fs" 2>/dev/null; then
        can_mount=1
else
        can_mount=
fi

# full_disk WHAT FILE OPTIONS...
full_disk() {
        what=$1 file=$2
        shift 2
        if [ -z "$can_mount" ]; then
                skip "$what, full disk" "cannot mount a tmpfs here (unshare -rm)"
                return
        fi
        unshare -rm sh -c '
                fs=$1 listing=$2
                shift 2
                mount -t tmpfs -o size=16k none "$fs" || exit 99
                "$@"
                rc=$?
                ls -A "$fs" >"$listing"
                exit $rc
        ' sh "$fs" "$T_TMP/listing" "$PLAKAT" render --today "$TODAY" "$@" -o "$fs" "$cfg" >"$OUT" 2>"$ERR"
        rc=$? out=$(cat "$OUT") err=$(cat "$ERR")
        is "$rc" 1 "$what, full disk: exit 1"
        is "$err" "$(failed_lines "$fs/$file" "No space left on device")" \
                "$what, full disk: one message naming the file and why, then the summary"
        is "$out" "" "$what, full disk: no path listed"
        is "$(cat "$T_TMP/listing")" "" "$what, full disk: no file and no temporary file left"
        is "$(ls -A "$fs")" "" "$what, full disk: nothing under the mount point afterwards"
}

# shellcheck disable=SC2086
{
        full_disk $CASE_PDF
        full_disk $CASE_BOXES
        full_disk $CASE_PNG
        full_disk $CASE_PREVIEW
}

# ---- standard output -----------------------------------------------------------------
# -o - keeps the bytes in memory and writes them on commit: a failure there
# is the one message, and a refused community writes no byte at all.

stream_lines() {
        printf 'cannot write to standard output: %s\n%s: failed (nothing was written; the file itself is fine)' "$1" "$cfg"
}

if [ -w /dev/full ]; then
        "$PLAKAT" render --today "$TODAY" -f a3 -o - "$cfg" >/dev/full 2>"$ERR"
        rc=$? out= err=$(cat "$ERR")
        is "$rc" 1 "-o - into /dev/full: exit 1"
        is "$err" "$(stream_lines "No space left on device")" "-o - into /dev/full: one message and the summary"
else
        skip "-o - into /dev/full: exit 1" "no /dev/full"
        skip "-o - into /dev/full: one message and the summary" "no /dev/full"
fi

# Standard output a file under the size limit: the stream fails part-way.
limited sh -c 'exec "$@" >"$0"' "$T_TMP/stdout.pdf" "$PLAKAT" render --today "$TODAY" -f a3 -o - "$cfg"
is "$rc" 1 "-o - into a file over the size limit: exit 1"
is "$err" "$(stream_lines "File too large")" "-o - over the size limit: one message and the summary"

# The community is refused while drawing (its address is too long for the
# A6 code): standard output gets nothing, not part of a PDF.
long=https://bielefeld.jetzt/cop/
i=0
while [ $i -lt 100 ]; do long=${long}abcdefghij i=$((i + 1)); done
community "$dir/longurl.cfg" "Lange Adresse" "$long"
run render --today "$TODAY" -f a6 -o - "$dir/longurl.cfg"
is "$rc" 1 "-o - of a community refused while drawing: exit 1"
is "$(wc -c <"$OUT" | tr -d ' ')" 0 "-o - of a community refused while drawing: not one byte on standard output"
like "$err" "too long for the QR code" "-o - of a community refused while drawing: says why"

# And when all is well, exactly the file's bytes.
run render --today "$TODAY" -f a3 -o "$T_TMP/ref" "$cfg"
"$PLAKAT" render --today "$TODAY" -f a3 -o - "$cfg" >"$T_TMP/stdout.pdf" 2>"$ERR"
rc=$? out= err=$(cat "$ERR")
is "$rc:$err" "0:" "-o - into a file: exit 0, nothing on stderr"
ok_cmd "-o - into a file: the same bytes as the file render" cmp -s "$T_TMP/stdout.pdf" "$T_TMP/ref/c-a3.pdf"

is "$(find "$T_TMP" -name '.*' ! -name . ! -name .plakat-record | grep -c .)" 0 "no temporary files anywhere"

done_testing
