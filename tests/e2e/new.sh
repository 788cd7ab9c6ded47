#!/bin/sh
# new.sh: `plakat new` writes a starter file that check refuses until every
# «…» is replaced: new -> check refuses, naming each -> fill in -> OK;
# never overwrites; German or English comments; every setting explained.
. "$(dirname "$0")/lib.sh"

dir=$T_TMP/new
mkdir -p "$dir"
f=$dir/gruppe.cfg

run new --language de "$f"
is "$rc" 0 "new: exit 0"
is "$out" "$f" "new: prints the file it wrote"
ok_cmd "new: the file exists" test -f "$f"
ok_cmd "new: no temporary file left" sh -c '[ "$(ls "$1" | wc -l)" -eq 1 ]' sh "$dir"

# Every setting of the table, under its group, with a comment above it.
text=$(cat "$f")
"$PLAKAT" settings >"$T_TMP/settings"
missing=
while read -r set _; do
        leaf=${set##*.}
        grep -Eq "^[ ]*(# )?$leaf = " "$f" || missing="$missing $set"
done <"$T_TMP/settings"
is "$missing" "" "new: every setting of plakat settings is in the file"
like "$text" "# der Name der Gemeinschaft: die Überschrift (Pflicht)" "new --language de: German comments from the settings table"
like "$text" 'name = "«Name deiner Gruppe»";' "new --language de: German placeholder"
like "$text" 'language = "de";' "new --language de: language = de"

# Unfilled: refused, one message per placeholder, with its line.
run check --today 2027-01-01 "$f"
is "$rc" 1 "check on the unfilled file: exit 1"
line=$(grep -n '^name = ' "$f" | cut -d: -f1)
like "$err" "$f:$line: name: replace «Name deiner Gruppe» with your own value (the community's name: the headline)" \
        "check: names the placeholder, its setting and line"
for s in topic lead.name schedule.first venue.name venue.address signup.url; do
        like "$err" " $s: replace «" "check: placeholder of $s reported"
done
like "$err" "$f: refused (7 errors)" "check: seven placeholders, seven errors"

# Twice: refused, the file untouched.
sum=$(cksum <"$f")
run new "$f"
is "$rc" 1 "new on an existing file: exit 1"
like "$err" "$f: already exists; plakat new never overwrites a file" "new on an existing file: says so"
is "$(cksum <"$f")" "$sum" "new on an existing file: file unchanged"

# Filled in with sed: OK, no warnings.
sed -e '/first = /s/«[^»]*»/2027-01-14 19:00/' -e '/url = /s/«[^»]*»/https:\/\/example.org\/mitmachen/' \
        -e 's/«\([^»]*\)»/\1/' "$f" >"$dir/filled.cfg"
run check --today 2027-01-01 "$dir/filled.cfg"
is "$rc" 0 "filled in: check exits 0"
is "$err" "" "filled in: no warnings"
like "$out" "Warnings:  0" "filled in: OK"

# Uncommenting every optional setting still gives a file plakat reads
# (the examples are valid values, apart from images that do not exist and
# dates, the alternative to the rule).
sed -e 's/^\([ ]*\)# \([a-z]* = \)/\1\2/' -e 's/^# \([a-z]* = \)/\1/' -e 's/^\([ ]*\)# \(}\)/\1\2/' \
        -e '/logo = \|photo = \|dates = /d' "$dir/filled.cfg" >"$dir/all.cfg"
run check --today 2027-01-01 "$dir/all.cfg"
is "$rc" 0 "every example uncommented: check exits 0"

# English, and the locale's default.
run new --language en "$dir/en.cfg"
like "$(cat "$dir/en.cfg")" 'name = "«Name of your group»";' "new --language en: English placeholder"
like "$(cat "$dir/en.cfg")" "# the community's name: the headline (required)" "new --language en: English comments"
LANG=C LC_ALL=C "$PLAKAT" new "$dir/c.cfg" >/dev/null 2>&1
like "$(cat "$dir/c.cfg")" 'language = "en";' "new under LANG=C: English by default"

run new --language fr "$dir/fr.cfg"
is "$rc" 2 "new --language fr: usage error"
run new
is "$rc" 2 "new without a file: usage error"
run new "$dir/a.cfg" "$dir/b.cfg"
is "$rc" 2 "new with two files: usage error"

done_testing
