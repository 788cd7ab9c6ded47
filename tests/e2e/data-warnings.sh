#!/bin/sh
# data-warnings.sh: a broken layout file in the data folder is left out with
# warnings; every command shows them (unless -q), and they never change the
# exit status.  Only asking for the broken layout is a mistake.
. "$(dirname "$0")/lib.sh"

data=$T_TMP/data
mkdir -p "$data"
cp -R layouts formats themes lang fonts "$data"/
cat >"$data/layouts/mini.cfg" <<'CFG'
name = "mini";
pages = ( { family = "square"; size = [1080, 1080]; unit = "px"; elemnts = (); } );
CFG

community "$T_TMP/c.cfg"

# run_data ARGS...: run with the copied data folder.
run_data() {
        PLAKAT_DATADIR=$data "$PLAKAT" "$@" >"$OUT" 2>"$ERR"
        rc=$?
        out=$(cat "$OUT")
        err=$(cat "$ERR")
}

run_data render -l klar -f a6,instagram --today "$TODAY" -o "$T_TMP/out" "$T_TMP/c.cfg"
is "$rc" 0 "render -l klar with a broken extra layout: exit 0"
like "$out" "$T_TMP/out/c-a6.pdf" "render -l klar: written"
like "$err" "mini.cfg" "render: the broken layout file is named on stderr"
like "$err" "warning" "render: as a warning"
no_sanitizer_report "render with a broken layout"

run_data check -l klar --today "$TODAY" "$T_TMP/c.cfg"
is "$rc" 0 "check: exit 0"
like "$err" "mini.cfg" "check: the warning is shown"
like "$out" "$T_TMP/c.cfg: OK" "check: the community is OK"

run_data check -q -l klar --today "$TODAY" "$T_TMP/c.cfg"
is "$rc" 0 "check -q: exit 0"
is "$err" "" "check -q: the warning is hidden"

for cmd in layouts formats themes; do
        run_data "$cmd"
        is "$rc" 0 "$cmd with a broken layout: exit 0"
        like "$err" "mini.cfg" "$cmd: the warning is shown"
        ok_cmd "$cmd: stdout has the list" test -n "$out"
        run_data "$cmd" -q
        is "$err" "" "$cmd -q: no warning"
done
run_data layouts
unlike "$out" "mini " "layouts: the broken layout is not listed"

run_data render -l mini -f instagram --today "$TODAY" -o "$T_TMP/mini" "$T_TMP/c.cfg"
is "$rc" 2 "-l with the broken layout: a usage error"
like "$err" "plakat: --layout: layout \"mini\" was left out: $data/layouts/mini.cfg has problems (see the warnings above)" \
        "-l with the broken layout: says why"
like "$err" "Try 'plakat --help'" "-l with the broken layout: the hint"
ok_cmd "-l with the broken layout: nothing written" test ! -e "$T_TMP/mini"

run_data render -q -l mini -f instagram --today "$TODAY" -o "$T_TMP/mini" "$T_TMP/c.cfg"
like "$err" "run without -q to see them" "-l with the broken layout, -q: how to see why"

# The same from a --layouts folder of one's own.
mkdir -p "$T_TMP/mine"
mv "$data/layouts/mini.cfg" "$T_TMP/mine/"
run_data render --layouts "$T_TMP/mine" -l mini -f instagram --today "$TODAY" -o "$T_TMP/mini" "$T_TMP/c.cfg"
is "$rc" 2 "--layouts with a broken layout, -l it: a usage error"
like "$err" "$T_TMP/mine/mini.cfg has problems" "--layouts: names the file"
run_data render --layouts "$T_TMP/mine" -f instagram --today "$TODAY" -o "$T_TMP/ok" "$T_TMP/c.cfg"
is "$rc" 0 "--layouts with a broken layout, default layout: exit 0"
like "$err" "mini.cfg" "--layouts: the warning is shown"

# A format name in hide_on that no format has: a warning with the element,
# its line and a did-you-mean (else the element would never be hidden).
mkdir -p "$T_TMP/typo"
sed 's/hide_on = \["instagram"\]/hide_on = ["instagran"]/; s/name = "showcase"/name = "typo"/' \
        tests/data/layouts/good/showcase.cfg >"$T_TMP/typo/typo.cfg"
line=$(grep -n '"instagran"' "$T_TMP/typo/typo.cfg" | cut -d: -f1)
run layouts --layouts "$T_TMP/typo"
is "$rc" 0 "hide_on with an unknown format: still listed"
like "$err" "$T_TMP/typo/typo.cfg:$((line - 1)): warning: not-on-instagram.hide_on: unknown format \"instagran\"; did you mean instagram?" \
        "hide_on with an unknown format: warned with element, line and did-you-mean"

# Layout files are read on two threads (render.c); their messages still
# come file by file in name order, and of two files claiming one name the
# later one is left out, on every run.
mkdir -p "$T_TMP/many"
for n in b c d e f; do
        printf 'name = "m%s";\npages = ( { family = "square"; size = [1080, 1080]; unit = "px"; elemnts = (); } );\n' "$n" \
                >"$T_TMP/many/$n.cfg"
done
sed 's/name = "showcase"/name = "ma"/' tests/data/layouts/good/showcase.cfg >"$T_TMP/many/a.cfg"
cp "$T_TMP/many/a.cfg" "$T_TMP/many/g.cfg"
run layouts --layouts "$T_TMP/many"
first=$err
files=$(printf '%s\n' "$err" | sed -n "s|^$T_TMP/many/\([a-g]\)\.cfg.*|\1|p" | uniq | paste -sd' ')
is "$files" "b c d e f g" "many broken layouts: messages file by file, in name order"
like "$err" "$T_TMP/many/g.cfg: warning: name: a layout named \"ma\" exists already ($T_TMP/many/a.cfg)" \
        "many layouts: the later file claiming a name is left out"
same=yes
for i in 1 2 3 4; do
        run layouts --layouts "$T_TMP/many"
        [ "$err" = "$first" ] || same=no
done
is "$same" yes "many broken layouts: the same messages on every run"

# A layout file whose name setting differs from its file's name: -l with
# the file's name says which name to use, not "has problems" with none
# to see.
mkdir -p "$T_TMP/renamed"
sed 's/^name = .*/name = "stadt-bielefeld";/' tests/data/layouts/good/minimal.cfg >"$T_TMP/renamed/bielefeld.cfg"
run render --layouts "$T_TMP/renamed" -l bielefeld -f a3 --today "$TODAY" -o "$T_TMP/renamed/out" "$T_TMP/c.cfg"
is "$rc" 2 "-l with a file's name that is not its layout's: a usage error"
like "$err" "plakat: --layout: no layout is named \"bielefeld\"; $T_TMP/renamed/bielefeld.cfg names its layout \"stadt-bielefeld\" (its name setting): -l stadt-bielefeld" \
        "-l with a file's name that is not its layout's: the name to use"
unlike "$err" "has problems" "-l with a file's name that is not its layout's: no problems claimed"

# A font role or family misspelt: the nearest role or installed family.
mkdir -p "$T_TMP/fonts"
sed 's/text = "{name}"; size = \[40, 20\];/text = "{name}"; font = "headlne"; size = [40, 20];/' \
        tests/data/layouts/good/minimal.cfg >"$T_TMP/fonts/role.cfg"
sed -e 's/^name = .*/name = "family";/' -e 's/text = "{name}"; size = \[40, 20\];/text = "{name}"; font = "Inter Dispaly"; size = [40, 20];/' \
        tests/data/layouts/good/minimal.cfg >"$T_TMP/fonts/family.cfg"
run layouts --layouts "$T_TMP/fonts"
like "$err" "role.cfg:11: warning: text at line 11: font \"headlne\" is not installed; another font is used; did you mean \"headline\"?" \
        "a misspelt font role: the role suggested"
like "$err" "family.cfg:11: warning: text at line 11: font \"Inter Dispaly\" is not installed; another font is used; did you mean \"Inter Display\"?" \
        "a misspelt family: the installed family suggested"

done_testing
