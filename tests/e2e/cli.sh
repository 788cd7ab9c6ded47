#!/bin/sh
# cli.sh: options, usage mistakes and exit statuses (STYLE.md, CLI).
. "$(dirname "$0")/lib.sh"


run --help
is "$rc" 0 "--help exits 0"
like "$out" "Usage: plakat check" "--help prints usage to stdout"
like "$out" "Examples:" "--help has examples"
is "$err" "" "--help prints nothing on stderr"

run -h
is "$rc" 0 "-h exits 0"
run help
like "$out" "Usage: plakat" "'plakat help' prints the help"

run --version
is "$rc" 0 "--version exits 0"
like "$out" "plakat " "--version names the program"
run -V
ok_cmd "-V prints one line with a version number" \
        sh -c 'printf "%s\n" "$1" | grep -Eq "^plakat [0-9]+\.[0-9]+\.[0-9]+$"' sh "$out"

run check --frobnicate x.cfg
is "$rc" 2 "unknown long option exits 2"
is "$out" "" "unknown option: nothing on stdout"
is "$err" "plakat: unknown option \"--frobnicate\"
Try 'plakat --help' for more information." "unknown long option: one line and the hint"

run render --formats a3 x.cfg
is "$rc" 2 "misspelt long option exits 2"
like "$err" "did you mean \"--format\"?" "misspelt long option: did you mean, in double quotes"

run check -x x.cfg
is "$rc" 2 "unknown short option exits 2"
like "$err" "plakat: unknown option \"-x\"" "unknown short option named"
like "$err" "Try 'plakat --help'" "unknown short option: hint"

run check --marks=yes x.cfg
is "$rc" 2 "value for a flag exits 2"
like "$err" "option \"--marks\" takes no value" "value for a flag: message"

run render x.cfg -o
is "$rc" 2 "missing option value exits 2"
like "$err" "option \"-o\" needs a value" "missing value: message"

run check
is "$rc" 2 "no files exits 2"
like "$err" "check: no community file given" "no files: message"
like "$err" "Try 'plakat --help'" "no files: hint"

run
is "$rc" 2 "no command exits 2"
like "$err" "no command given" "no command: message"

run chekc x.cfg
is "$rc" 2 "unknown command exits 2"
like "$err" "unknown command \"chekc\"; did you mean \"check\"?" "unknown command: did you mean"
like "$err" "Try 'plakat --help'" "unknown command: hint"

run samples/urban-gardening.cfg
like "$err" "did you mean \"plakat check samples/urban-gardening.cfg\"?" \
        "a file given as command: suggest check"

run check --today 2027-02-30 x.cfg
is "$rc" 2 "impossible --today exits 2"
is "$err" "plakat: --today: no such date \"2027-02-30\": February 2027 has 28 days
Try 'plakat --help' for more information." "impossible --today: says what is wrong"

run check --today 2027-13-01 x.cfg
is "$rc" 2 "--today with month 13 exits 2"
like "$err" "plakat: --today: no such date \"2027-13-01\": there is no month 13" \
        "--today with month 13: says there is no month 13"

run check --today 1.1.2027 x.cfg
is "$rc" 2 "--today in another format exits 2"
like "$err" "plakat: --today: expected a date as YYYY-MM-DD, found \"1.1.2027\"" \
        "--today in another format: expected ..., found ..."

run render --dpi lots x.cfg
is "$rc" 2 "bad --dpi exits 2"
like "$err" "found \"lots\"" "bad --dpi: found"
run render --bleed -3 x.cfg
is "$rc" 2 "negative --bleed exits 2"
like "$err" "found \"-3\"" "bad --bleed: found"

# The project's wording is "expected ..., found ..." and double quotes
# around values and suggestions; only the --help hint keeps its 'quotes'.
for args in "check --today 2027-1-1 x.cfg" "render --dpi 5 x.cfg" "render --bleed 99 x.cfg" \
        "check --formt a3 x.cfg" "chek x.cfg" "x.cfg" "check -Z x.cfg" "check --quiet=1 x.cfg"; do
        # shellcheck disable=SC2086 # words on purpose
        run $args
        msg=$(printf '%s\n' "$err" | head -n 1)
        unlike "$msg" "got" "plakat $args: no \"got\""
        unlike "$msg" "'" "plakat $args: double quotes only"
done

run check --layouts "$T_TMP/no-such-folder" x.cfg
is "$rc" 2 "--layouts with a missing folder exits 2"
like "$err" "--layouts: \"$T_TMP/no-such-folder\" is not a folder" "--layouts: names the folder"

run --help
like "$out" "--layouts=DIR" "--help documents --layouts"

# A piece larger than the sheet never goes on it, whatever the
# communities say: a usage mistake, found before any file is read (there
# is no x.cfg), with what would fit instead.
run render --sheet a6 -f a4 x.cfg
is "$rc" 2 "--sheet smaller than -f exits 2"
is "$out" "" "--sheet smaller than -f: nothing on stdout"
is "$err" "plakat: -f a4 does not fit on --sheet a6: the piece is 210 x 297 mm, the sheet 105 x 148 mm; use a larger sheet (--sheet a4, sra4) or a smaller format (-f a6, card)
Try 'plakat --help' for more information." "--sheet smaller than -f: both named, larger sheets and smaller formats that fit"
run render --sheet a4 -f a4 --bleed 3 x.cfg
is "$rc" 2 "-f as large as --sheet, with bleed, exits 2"
is "$err" "plakat: -f a4 with --bleed 3 does not fit on --sheet a4: the piece with its bleed is 216 x 303 mm, the sheet 210 x 297 mm; use a larger sheet (--sheet sra4, a3) or a smaller format (-f a5, a6)
Try 'plakat --help' for more information." "-f as large as --sheet, with bleed: the bleed is named"

run formats extra.cfg
is "$rc" 2 "formats takes no files"

run render -f a3,,instagram x.cfg
is "$rc" 2 "empty format name exits 2"

done_testing
