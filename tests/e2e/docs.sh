#!/bin/sh
# docs.sh: the man page and README keep up with `plakat --help`.
. "$(dirname "$0")/lib.sh"

run --help
help=$out
man=$(sed 's/\\-/-/g; s/\\f[BIRP]//g' docs/plakat.1)

for opt in $(printf '%s\n' "$help" | grep -o -- '--[a-z][a-z-]*' | sort -u); do
        like "$man" "$opt" "man page documents $opt"
done
for cmd in check render formats layouts themes settings; do
        like "$man" ".B $cmd" "man page documents the command $cmd"
        like "$help" "  $cmd " "--help lists the command $cmd"
done
like "$(cat README.md)" "make demo" "README starts with make demo"

# The date mistake shown in README, man page and community-file.md is what
# plakat prints.
mkdir -p "$T_TMP/d"
cat >"$T_TMP/d/urban-gardening.cfg" <<'CFG'
name = "Urban Gardening Bielefeld";
topic = "Gemeinsam gärtnern in der Stadt";
lead = { name = "Aylin Demir"; };
schedule = { first = "12.01.2027"; };
venue = { name = "Innovation Office der Stadt Bielefeld"; };
signup = { url = "https://bielefeld.jetzt/cop/urban-gardening"; };
CFG
(cd "$T_TMP/d" && "$PLAKAT" check urban-gardening.cfg >"$OUT" 2>"$ERR")
said=$(sed -n 's/^urban-gardening.cfg:[0-9]*: //p' "$ERR" | head -n 1)
like "$said" "schedule.first: expected" "a date mistake: plakat says expected ..."
for doc in README.md docs/plakat.1 docs/community-file.md; do
        shown=$(sed 's/\\-/-/g' "$doc" | sed -n 's/^urban-gardening.cfg:14: //p' | head -n 1)
        is "$shown" "$said" "$doc shows the date mistake as plakat prints it"
done
for doc in README.md docs/plakat.1 docs/community-file.md docs/layouts.md; do
        unlike "$(cat "$doc")" ', got "' "$doc: expected ..., found ... (not got)"
done

# Output names as render writes them; no citation of files not in the tree.
cf=$(cat docs/community-file.md)
unlike "$cf" "urban-gardening.pdf" "community-file.md: no output without its format in the name"
like "$cf" "urban-gardening-a3.pdf" "community-file.md: outputs are NAME-FORMAT"
for ref in $(grep -o '`[A-Za-z0-9_./-]*/[A-Za-z0-9_.-]*\.md`' README.md docs/*.md | cut -d'`' -f2 | sort -u); do
        ok_cmd "$ref, cited in the docs, is in the repository" test -e "$ref"
done

# README: A4 sheets of A6 have no room for crop marks (plakat warns);
# the SRA4 sheet it recommends for marks has.
readme=$(tr '\n' ' ' <README.md | tr -s ' ')
unlike "$readme" "on A4), with crop marks" "README: no crop marks promised on A4 sheets"
like "$readme" "4 A6 fill A4 edge to edge, so there is no room for crop marks" "README: A4 sheets have no marks, said"
"$PLAKAT" render --today 2027-01-01 -f a6 --sheet a4 -o "$T_TMP/sheet" samples/urban-gardening.cfg >"$OUT" 2>"$ERR"
like "$(cat "$ERR")" "no room for crop marks" "README's claim: A6 on A4 has no room for marks"
"$PLAKAT" render --today 2027-01-01 -f a6 --sheet sra4 -o "$T_TMP/sheet" samples/urban-gardening.cfg >"$OUT" 2>"$ERR"
unlike "$(cat "$ERR")" "no room for crop marks" "README's advice: A6 on SRA4 has room for marks"

# README: check checks the default formats unless -f is given.
like "$(cat README.md)" "\`check\` checks the file for
the default formats, a3 and instagram, unless \`-f\` names others" "README: check's default formats"

# The man page: dated no later than today; points to the installed docs.
th=$(sed -n 's/^\.TH PLAKAT 1 \([0-9-]*\) .*/\1/p' docs/plakat.1)
ok_cmd "man page date $th is not in the future" test "$(printf '%s\n%s\n' "$th" "$(date +%F)" | sort | tail -n 1)" = "$(date +%F)"
unlike "$man" "in the source tree" "man page: no \"in the source tree\" for the docs"
unlike "$man" "home page" "man page: no \"home page\""
like "$man" "/usr/local/share/doc/plakat/community-file.md" "man page: community-file.md where make install puts it"
like "$man" "/usr/local/share/doc/plakat/layouts.md" "man page: layouts.md where make install puts it"

# --layouts: documented where designers look.
like "$(cat README.md)" "--layouts DIR" "README: --layouts in Where things live"
like "$(cat docs/layouts.md)" "plakat render --layouts ~/layouts -l mini -f instagram" "layouts.md: the designer's preview"
unlike "$(cat docs/layouts.md)" "plakat render -l mini" "layouts.md: mini is previewed with --layouts"

if command -v groff >/dev/null 2>&1; then
        warnings=$(groff -man -Tutf8 -ww docs/plakat.1 2>&1 >/dev/null)
        is "$warnings" "" "man page renders without groff warnings"
else
        skip "man page renders without groff warnings" "no groff"
fi

# The German guide's example file, checked, prints what the guide shows
# under "Prüfen" (its "Nicht gezeigt" line had drifted from plakat's).
guide=docs/community-file.de.md
mkdir -p "$T_TMP/de"
awk '/^```$/ { if (inblock) exit; inblock = 1; next } inblock' "$(sed -n '/^## Anfangen/,$p' "$guide" >"$T_TMP/de/guide.md"; echo "$T_TMP/de/guide.md")" >"$T_TMP/de/urban-gardening.cfg"
shown=$(sed -n '/^\$ plakat check urban-gardening.cfg$/,/^```$/p' "$guide" | sed '1d;$d')
(cd "$T_TMP/de" && LANG=de_DE.UTF-8 LC_ALL= LANGUAGE= "$PLAKAT" check --today 2026-11-27 urban-gardening.cfg >"$OUT" 2>"$ERR")
is "$(cat "$OUT")" "$shown" "docs/community-file.de.md: its check example is what plakat prints"

done_testing
