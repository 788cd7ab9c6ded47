#!/bin/sh
# render.sh: `plakat render` writes files, lists them on stdout, skips a
# refused file and writes nothing for it.
. "$(dirname "$0")/lib.sh"

dir=$T_TMP/r
mkdir -p "$dir"
community() { # community FILE NAME
        cat >"$1" <<CFG
name  = "$2";
topic = "Gemeinsam gärtnern in der Stadt";
lead = { name = "Aylin Demir"; email = "aylin.demir@example.org"; };
schedule = { first = "2027-01-12 18:30"; duration = 90; repeat = "monthly"; };
venue  = { name = "Innovation Office der Stadt Bielefeld"; address = "Niederwall 23, 33602 Bielefeld"; };
signup = { url = "https://bielefeld.jetzt/cop/urban-gardening"; };
CFG
}
community "$dir/garden.cfg" "Urban Gardening Bielefeld"
community "$dir/other.cfg" "Offene Werkstatt"
printf 'name = "Kaputt";\n' >"$dir/broken.cfg"

magic() { # magic FILE: the first bytes, printable
        head -c 4 "$1" | tr -c '[:print:]' '.'
}

# The lists.
run formats
is "$rc" 0 "formats: exit 0"
ok_cmd "formats: lists a3 and instagram" \
        sh -c 'printf "%s\n" "$1" | grep -q "^a3\b" && printf "%s\n" "$1" | grep -q "^instagram\b"' sh "$out"
run layouts
is "$rc" 0 "layouts: exit 0"
ok_cmd "layouts: lists at least one" test -n "$out"

# Default formats into ./out of the current folder.
work=$T_TMP/work
mkdir -p "$work"
(cd "$work" && "$PLAKAT" render --today "$TODAY" "$dir/garden.cfg" >"$OUT" 2>"$ERR")
rc=$?
out=$(cat "$OUT")
err=$(cat "$ERR")
is "$rc" 0 "render: exit 0"
is "$out" "out/garden-a3.pdf
out/garden-instagram.png" "render: one written path per line, default formats into out/"
is "$err" "" "render: nothing on stderr"
is "$(magic "$work/out/garden-a3.pdf")" "%PDF" "a3 is a PDF"
is "$(magic "$work/out/garden-instagram.png")" ".PNG" "instagram is a PNG"

# -o, -f with several formats, and a batch with a refused file in the middle.
o=$T_TMP/batch-out
run render --today "$TODAY" -o "$o" -f a3,instagram "$dir/garden.cfg" "$dir/broken.cfg" "$dir/other.cfg"
is "$rc" 1 "batch with a refused file: exit 1"
like "$out" "$o/garden-a3.pdf" "batch: the file before the refused one is written"
like "$out" "$o/other-instagram.png" "batch: the file after the refused one is written"
like "$err" "$dir/broken.cfg: refused (" "batch: the refused file is named"
ok_cmd "batch: nothing written for the refused file" \
        sh -c '! ls "$1" | grep -q broken' sh "$o"
n_listed=$(printf '%s\n' "$out" | grep -c .)
n_files=$(ls "$o" | grep -c .)
is "$n_listed" "$n_files" "batch: every written file is listed, nothing else is left"

# -f all: render-files.sh (one file per format of layouts/formats.cfg).

# Names that do not exist.
run render -o "$T_TMP/x" -f a4poster "$dir/garden.cfg"
is "$rc" 2 "unknown format: exit 2"
like "$err" "--format: unknown format \"a4poster\"" "unknown format: named"
run render -o "$T_TMP/x" -f a3-png --dpi 72 --today "$TODAY" "$dir/garden.cfg"
is "$out" "$T_TMP/x/garden-a3.png" "a PNG preview of a print format is listed"
rm -rf "$T_TMP/x"
run render -o "$T_TMP/x" -l no-such-layout "$dir/garden.cfg"
is "$rc" 2 "unknown layout: exit 2"
ok_cmd "unknown names: nothing written" test ! -e "$T_TMP/x"

# -o -: the single output on stdout.
"$PLAKAT" render --today "$TODAY" -f a3 -o - "$dir/garden.cfg" >"$T_TMP/stdout.pdf" 2>"$ERR"
rc=$?
is "$rc" 0 "-o -: exit 0"
is "$(magic "$T_TMP/stdout.pdf")" "%PDF" "-o -: the PDF on stdout"
run render -f a3,instagram -o - "$dir/garden.cfg"
is "$rc" 2 "-o - with two formats: exit 2"

# Two files with the same name in different folders would overwrite each other.
mkdir -p "$dir/a" "$dir/b"
community "$dir/a/same.cfg" "A"
community "$dir/b/same.cfg" "B"
run render --today "$TODAY" -o "$T_TMP/same" -f a3 "$dir/a/same.cfg" "$dir/b/same.cfg"
is "$rc" 1 "same output names: exit 1"
like "$err" "$dir/b/same.cfg: its outputs would overwrite those of $dir/a/same.cfg" \
        "same output names: the second file is refused"

done_testing
