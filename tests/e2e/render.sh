#!/bin/sh
# render.sh: `plakat render` writes files, lists them on stdout, skips a
# refused file and writes nothing for it.
. "$(dirname "$0")/lib.sh"

dir=$T_TMP/r
mkdir -p "$dir"
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

# -f all: render-files.sh (one file per format of formats/formats.cfg).

# Names that do not exist.
run render -o "$T_TMP/x" -f a4poster "$dir/garden.cfg"
is "$rc" 2 "unknown format: exit 2"
like "$err" "--format: unknown format \"a4poster\"" "unknown format: named"
like "$err" "\"a3-png\"" "unknown format: mentions the -png previews"
run render -o "$T_TMP/x" -f instagarm "$dir/garden.cfg"
like "$err" "--format: unknown format \"instagarm\"; did you mean \"instagram\"?" \
        "unknown format: did you mean, in double quotes"
run render -o "$T_TMP/x" -f a3png "$dir/garden.cfg"
like "$err" "did you mean \"a3-png\"?" "a preview without its dash: did you mean a3-png"
run render -o "$T_TMP/x" -f a3-png --dpi 72 --today "$TODAY" "$dir/garden.cfg"
is "$out" "$T_TMP/x/garden-a3.png" "a PNG preview of a print format is listed"
rm -rf "$T_TMP/x"
run render -o "$T_TMP/x" -l no-such-layout "$dir/garden.cfg"
is "$rc" 2 "unknown layout: exit 2"
like "$err" "--layout: unknown layout \"no-such-layout\" (plakat layouts lists them: " \
        "unknown layout: the known ones listed"
run render -o "$T_TMP/x" -l kalr "$dir/garden.cfg"
is "$rc" 2 "misspelt layout: exit 2"
like "$err" "--layout: unknown layout \"kalr\"; did you mean \"klar\"?" "misspelt layout: did you mean"
ok_cmd "unknown names: nothing written" test ! -e "$T_TMP/x"

# The output folder is made once, before any community: a folder that
# cannot be made is one mistake on the command line, not one per file.
: >"$T_TMP/afile"
run render --today "$TODAY" -o "$T_TMP/afile" "$dir/garden.cfg" "$dir/other.cfg"
is "$rc" 2 "-o a regular file: exit 2"
is "$err" "plakat: -o $T_TMP/afile: this is a file, not a folder; name a folder for the outputs" \
        "-o a regular file: one line, no community blamed"
is "$out" "" "-o a regular file: nothing written"
run render --today "$TODAY" -o "$T_TMP/afile/sub" "$dir/garden.cfg"
is "$rc" 2 "-o below a regular file: exit 2"
like "$err" "plakat: -o $T_TMP/afile/sub: cannot create the output folder: Not a directory" \
        "-o below a regular file: named once"
run render --today "$TODAY" -o "$T_TMP/made/deep" -f a3 "$dir/garden.cfg"
is "$rc" 0 "-o a new nested folder: made"
is "$out" "$T_TMP/made/deep/garden-a3.pdf" "-o a new nested folder: the file in it"
run render --today "$TODAY" -o "$T_TMP/never" -f a3 "$dir/broken.cfg"
is "$rc" 1 "every file refused: exit 1"
ok_cmd "every file refused: no empty output folder left behind" test ! -e "$T_TMP/never"

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

# The same file twice is the same community: rendered once, exit 0.
run render --today "$TODAY" -o "$T_TMP/twice" -f a3 "$dir/a/same.cfg" "$dir/b/same.cfg" "$dir/a/same.cfg"
like "$err" "$dir/a/same.cfg: given twice; rendered once" "the same file twice: said so"
unlike "$err" "$dir/a/same.cfg: its outputs would overwrite" "the same file twice: no collision message for it"
(cd "$dir" && "$PLAKAT" render --today "$TODAY" -o "$T_TMP/twice2" -f a3 a/same.cfg ./a/same.cfg a/same.cfg \
        >"$OUT" 2>"$ERR")
rc=$?
out=$(cat "$OUT")
err=$(cat "$ERR")
is "$rc" 0 "the same file twice: exit 0"
is "$out" "$T_TMP/twice2/same-a3.pdf" "the same file twice: rendered once"
is "$err" "./a/same.cfg: given twice; rendered once
a/same.cfg: given twice; rendered once" "the same file, also as ./: one note per repeat"
run check --today "$TODAY" -q "$dir/a/same.cfg" "$dir/a/same.cfg"
is "$rc" 0 "check of the same file twice: exit 0"
is "$(printf '%s\n' "$out" | grep -c ': OK$')" 1 "check of the same file twice: checked once"

# --bleed and --marks change print formats only.
run render --today "$TODAY" -o "$T_TMP/screen" -f instagram,story --bleed 3 "$dir/garden.cfg"
is "$rc" 0 "--bleed with screen formats only: still exit 0"
is "$err" "plakat: warning: --bleed applies to print formats (a3, a4, a5, a6) only" \
        "--bleed with screen formats only: one warning"
run render --today "$TODAY" -o "$T_TMP/screen" -f instagram --marks "$dir/garden.cfg" "$dir/other.cfg"
is "$(printf '%s\n' "$err" | grep -c 'applies to print formats')" 1 \
        "--marks with screen formats only: warned once for two files"
run render --today "$TODAY" -o "$T_TMP/screen" -f instagram --marks -q "$dir/garden.cfg"
is "$err" "" "--marks with screen formats only: -q hides the warning"
run render --today "$TODAY" -o "$T_TMP/screen" -f instagram,a6 --bleed 3 --marks "$dir/garden.cfg"
is "$err" "" "--bleed with a print format among others: no warning"
run render --today "$TODAY" -o "$T_TMP/screen" -f a6-png --dpi 30 --bleed 3 "$dir/garden.cfg"
is "$err" "" "--bleed with a PNG preview of a print format: no warning"

# A design of one's own in a folder of one's own (docs/layouts.md, 9 and 10):
# the worked example, copied out of the documentation.
mkdir -p "$T_TMP/layouts"
awk '/Save it as `~\/layouts\/mini.cfg`/ { f = 1; next }
     f && /^```$/ { if (inb) exit; inb = 1; next }
     inb { print }' docs/layouts.md >"$T_TMP/layouts/mini.cfg"
run layouts --layouts "$T_TMP/layouts"
is "$rc" 0 "--layouts: layouts exits 0"
like "$out" "mini " "--layouts: the designer's layout is listed"
is "$err" "" "--layouts: the worked example of docs/layouts.md loads without warnings"
run render --layouts "$T_TMP/layouts" -l mini -f instagram --today "$TODAY" -o "$T_TMP/mini" "$dir/garden.cfg"
is "$rc" 0 "--layouts -l mini -f instagram: exit 0"
is "$out" "$T_TMP/mini/garden-instagram.png" "--layouts -l mini -f instagram: the preview"
run render --layouts "$T_TMP/layouts" -l mini -f all --today "$TODAY" -o "$T_TMP/mini-all" "$dir/garden.cfg"
is "$rc" 0 "-l mini -f all (docs/layouts.md, 10): exit 0"
is "$out" "$T_TMP/mini-all/garden-instagram.png" "-f all: every format the layout has, and only those"
run render --layouts "$T_TMP/layouts" -l mini --today "$TODAY" -o "$T_TMP/mini-def" "$dir/garden.cfg"
is "$rc" 2 "-l mini with the default formats: a usage error"
is "$err" "plakat: layout \"mini\" has no page for a3 (it has: instagram); pick formats with -f
Try 'plakat --help' for more information." "-l mini, default formats: says what the layout has"
ok_cmd "-l mini, default formats: nothing written" test ! -e "$T_TMP/mini-def"
run check --layouts "$T_TMP/layouts" -l mini -f a3,instagram,a6 --today "$TODAY" "$dir/garden.cfg"
is "$rc" 2 "check -l mini -f a3,instagram,a6: a usage error"
like "$err" "layout \"mini\" has no page for a3, a6 (it has: instagram)" "every missing format named"
run check --layouts "$T_TMP/layouts" -l mini -f a3-png --today "$TODAY" "$dir/garden.cfg"
like "$err" "layout \"mini\" has no page for a3-png" "a preview needs the page too"
run render -l mini -f instagram --today "$TODAY" -o "$T_TMP/mini2" "$dir/garden.cfg"
is "$rc" 2 "without --layouts, mini is unknown"

done_testing
