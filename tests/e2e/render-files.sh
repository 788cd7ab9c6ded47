#!/bin/sh
# render-files.sh: what `plakat render` leaves in the output folder when
# things go wrong: a refused community (at load or while drawing), an
# output folder that cannot be written, a render killed half-way; names
# that mean nothing; `-f all`; the format and layout lists.
#
# Outputs are written to a dot-file beside the final name and renamed into
# place when the whole community succeeded (src/output.h), so a reader of
# the folder never sees half a file.
. "$(dirname "$0")/render-lib.sh"
need pdfinfo identify

dir=$T_TMP/c
mkdir -p "$dir"
community "$dir/good.cfg" "Urban Gardening Bielefeld"
printf 'name = "Kaputt";\ntopic = ;\n' >"$dir/bad.cfg"

# dotfiles DIR: the temporary files left in DIR, one per line.
dotfiles() {
        find "$1" -name '.*' ! -name . ! -name .plakat-record 2>/dev/null
}

# ---- a refused community writes nothing ---------------------------------------

o=$T_TMP/batch
run render --today "$RTODAY" -f a3,instagram -o "$o" "$dir/bad.cfg" "$dir/good.cfg"
is "$rc" 1 "bad + good: exit 1"
ok_cmd "bad + good: the good one's A3 exists" test -s "$o/good-a3.pdf"
ok_cmd "bad + good: the good one's PNG exists" test -s "$o/good-instagram.png"
is "$(ls "$o" | grep -c '^bad')" 0 "bad + good: no file of the bad one"
is "$(dotfiles "$o")" "" "bad + good: no temporary files left"
like "$err" "$dir/bad.cfg: refused (" "bad + good: the bad one is named"

# Refused while drawing: the A3 is drawn and finished first, then the A6 has
# no room for so long an address; the A3 must go too.
long=https://bielefeld.jetzt/cop/
i=0
while [ $i -lt 100 ]; do long=${long}abcdefghij i=$((i + 1)); done # 1 kB: tiny modules on A6
community "$dir/longurl.cfg" "Lange Adresse" "$long"
o=$T_TMP/late
run render --today "$RTODAY" -f a3,a6 -o "$o" "$dir/longurl.cfg"
is "$rc" 1 "refused while drawing the second format: exit 1"
like "$err" "signup.url: a6 (klar): too long for the QR code of this design" "refused while drawing: says why"
is "$out" "" "refused while drawing: nothing listed"
is "$(ls -A "$o" 2>/dev/null)" "" "refused while drawing: the finished A3 is removed, no temporary files"

# ---- an output folder that cannot be written --------------------------------------
# Tests run as root, so file modes stop nothing: the parent is a file.
: >"$T_TMP/plain-file"
run render --today "$RTODAY" -f a3 -o "$T_TMP/plain-file/out" "$dir/good.cfg"
is "$rc" 2 "output folder under a regular file: exit 2 (a mistake on the command line)"
is "$err" "plakat: -o $T_TMP/plain-file/out: cannot create the output folder: Not a directory" \
        "output folder under a regular file: one clear message, no community blamed"
is "$out" "" "output folder under a regular file: nothing listed"
no_sanitizer_report "output folder under a regular file"

run render --today "$RTODAY" -f a3 -o /dev/full/out "$dir/good.cfg"
is "$rc" 2 "-o /dev/full/out: exit 2"
like "$err" "cannot create the output folder" "-o /dev/full/out: a clear message"

# -o - into a full disk: the PDF cannot be written to stdout.
if [ -w /dev/full ]; then
        "$PLAKAT" render --today "$RTODAY" -f a3 -o - "$dir/good.cfg" >/dev/full 2>"$ERR"
        rc=$? out= err=$(cat "$ERR")
        is "$rc" 1 "-o - into /dev/full: exit 1"
        like "$err" "cannot write to standard output: No space left on device" "-o - into /dev/full: says why"
else
        skip "-o - into /dev/full" "no /dev/full"
        skip "-o - into /dev/full: says why" "no /dev/full"
fi

# ---- killed half-way: only whole files carry final names ------------------------------
# Twelve copies of one community in six formats; kill -9 after a moment.
# Every file with a final name must be byte-identical to the same format
# rendered in full (rendering is deterministic), i.e. never cut short.
fmts=a3,a4,a5,a6,instagram,instagram-portrait
ref=$T_TMP/ref
run render --today "$RTODAY" -f "$fmts" -o "$ref" "$dir/good.cfg"
is "$rc" 0 "kill test: the reference render exits 0"
many=$T_TMP/many
mkdir -p "$many"
for i in 01 02 03 04 05 06 07 08 09 10 11 12; do
        cp "$dir/good.cfg" "$many/c$i.cfg"
done
killed=$T_TMP/killed
# wait_files DIR N: until N entries (final or temporary) are in DIR, at
# most 60 s; then kill.  N=1 catches the first file half-written.
wait_files() {
        i=0
        while [ "$(ls -A "$1" 2>/dev/null | grep -c .)" -lt "$2" ] && [ $i -lt 3000 ]; do
                sleep 0.02
                i=$((i + 1))
        done
}
for when in 1 9; do
        rm -rf "$killed"
        "$PLAKAT" render -j 1 --today "$RTODAY" -f "$fmts" -o "$killed" "$many"/c*.cfg >/dev/null 2>&1 &
        pid=$!
        wait_files "$killed" "$when"
        kill -9 "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
        broken=
        n=0
        for f in "$killed"/*; do
                [ -e "$f" ] || continue
                n=$((n + 1))
                base=$(basename "$f")
                format=${base#c??-}
                cmp -s "$f" "$ref/good-$format" || broken="$broken $base"
        done
        is "$broken" "" "killed at $when files: every file with a final name is complete ($n files)"
done
ok_cmd "killed at 9 files: some were complete (the test saw files)" test "$n" -gt 0
# The same with readers that know the formats, on whatever is there.
bad=
for f in "$killed"/*.pdf; do
        [ -e "$f" ] || continue
        pdfinfo "$f" >/dev/null 2>&1 && tail -c 7 "$f" | grep -q '%%EOF' || bad="$bad $f"
done
for f in "$killed"/*.png; do
        [ -e "$f" ] || continue
        identify -regard-warnings "$f" >/dev/null 2>&1 || bad="$bad $f"
done
is "$bad" "" "killed: pdfinfo and identify read every file with a final name"
# A kill may leave dot-files (the design allows it); nothing else below may.
rm -rf "$killed"

# ---- names that mean nothing ----------------------------------------------------------
run render -o "$T_TMP/x" -f a33 "$dir/good.cfg"
is "$rc" 2 "-f a33: exit 2"
is "$err" "plakat: --format: unknown format \"a33\"; did you mean \"a3\"?
Try 'plakat --help' for more information." "-f a33: did you mean \"a3\""
run render -o "$T_TMP/x" -f a3,instagramm "$dir/good.cfg"
is "$rc" 2 "-f a3,instagramm: exit 2"
like "$err" "unknown format \"instagramm\"; did you mean \"instagram\"?" "-f instagramm: did you mean \"instagram\""
run render -o "$T_TMP/x" -f zzz "$dir/good.cfg"
is "$rc" 2 "-f zzz: exit 2"
like "$err" "unknown format \"zzz\" (plakat formats lists them: a3, a4," "-f zzz: lists the formats"
run render -o "$T_TMP/x" -l klr "$dir/good.cfg"
is "$rc" 2 "-l klr: exit 2"
is "$err" "plakat: --layout: unknown layout \"klr\"; did you mean \"klar\"?
Try 'plakat --help' for more information." "-l klr: did you mean \"klar\""
ok_cmd "unknown names: nothing written" test ! -e "$T_TMP/x"

# ---- the lists ------------------------------------------------------------------------------
# `plakat formats`: exactly the names of formats/formats.cfg, in its order.
want=$(sed -n 's/^ *{ *name *= *"\([^"]*\)".*/\1/p' formats/formats.cfg)
run formats
is "$(printf '%s\n' "$out" | awk 'NF { print $1 }')" "$want" "formats: the names of formats/formats.cfg, in order"
ok_cmd "formats: a3 is 297 x 420 mm, a PDF" \
        sh -c 'printf "%s\n" "$1" | grep -Eq "^a3 +297 x 420 +mm +PDF"' sh "$out"
ok_cmd "formats: instagram is 1080 x 1080 px, a PNG" \
        sh -c 'printf "%s\n" "$1" | grep -Eq "^instagram +1080 x 1080 +px +PNG"' sh "$out"
# name and extension of every format, from the list
exts=$(printf '%s\n' "$out" | awk 'NF && $6 != "sheet" && $7 != "card" { print $1, tolower($6) }')

# `plakat layouts`: the name of every layouts/*.cfg design.
want=
for f in layouts/*.cfg; do
        want="$want$(sed -n 's/^name *= *"\([^"]*\)".*/\1/p' "$f" | head -n 1)
"
done
want=$(printf '%s' "$want" | sort)
run layouts
is "$rc" 0 "layouts: exit 0"
is "$(printf '%s\n' "$out" | awk '/^[^ ]/ { print $1 }' | sort)" "$want" "layouts: every design in layouts/"
like "$out" "klar       (default)" "layouts: klar is the default"

# ---- a series that has ended is refused unless asked for ---------------------------
cat >"$dir/ended.cfg" <<CFG
name = "Repair-Café Brake"; topic = "Reparieren statt wegwerfen";
lead = { name = "Tom Weber"; };
schedule = {
  first = "2026-01-10 14:00"; repeat = "monthly";
  until = "2026-11-30";
};
venue = { name = "Gemeindehaus Brake"; };
signup = { url = "https://bielefeld.jetzt/cop/repair-brake"; };
CFG
o=$T_TMP/ended
run render --today 2027-01-01 -f a3 -o "$o" "$dir/ended.cfg"
is "$rc" 1 "ended series: refused"
like "$err" "$dir/ended.cfg:5: schedule.until: the series has ended (last meeting: 14. November 2026)" \
        "ended series: the line of until and the last meeting"
like "$err" "pass --allow-ended" "ended series: says how to render it anyway"
ok_cmd "ended series: nothing written" test ! -e "$o/ended-a3.pdf"
run render --allow-ended --today 2027-01-01 -f a3 -o "$o" "$dir/ended.cfg"
is "$rc" 0 "ended series with --allow-ended: rendered"
ok_cmd "ended series with --allow-ended: the PDF" test -s "$o/ended-a3.pdf"
run check --today 2027-01-01 "$dir/ended.cfg"
is "$rc" 0 "ended series: check only warns"

# ---- -f all: every format, once -------------------------------------------------------------
o=$T_TMP/all
run render --today "$RTODAY" -f all -o "$o" "$dir/good.cfg"
want=$(printf '%s\n' "$exts" | while read -r f e; do echo "$o/good-$f.$e"; done | LC_ALL=C sort)
got=$(printf '%s\n' "$out" | LC_ALL=C sort)
is "$rc" 0 "-f all: exit 0"
is "$got" "$want" "-f all: one file per format of formats.cfg, named <slug>-<format>.<ext>"
is "$(ls "$o" 2>/dev/null | LC_ALL=C sort)" "$(printf '%s\n' "$got" | sed 's|.*/||')" \
        "-f all: what is listed is what is in the folder"
is "$(dotfiles "$T_TMP")" "" "no temporary files anywhere"

done_testing
