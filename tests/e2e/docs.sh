#!/bin/sh
# docs.sh: the man page and README keep up with `plakat --help`.
. "$(dirname "$0")/lib.sh"

run --help
help=$out
man=$(sed 's/\\-/-/g; s/\\f[BIRP]//g' docs/plakat.1)

for opt in $(printf '%s\n' "$help" | grep -o -- '--[a-z][a-z-]*' | sort -u); do
        like "$man" "$opt" "man page documents $opt"
done
for cmd in check render formats layouts themes; do
        like "$man" ".B $cmd" "man page documents the command $cmd"
        like "$help" "  $cmd " "--help lists the command $cmd"
done
like "$(cat README.md)" "make demo" "README starts with make demo"

if command -v groff >/dev/null 2>&1; then
        warnings=$(groff -man -Tutf8 -ww docs/plakat.1 2>&1 >/dev/null)
        is "$warnings" "" "man page renders without groff warnings"
else
        skip "man page renders without groff warnings" "no groff"
fi

done_testing
