#!/bin/sh
# settings.sh: `plakat settings` lists the settings table, and the table and
# docs/community-file.md ("## Every setting": its tables and its `group`
# headings) name the same settings in the same order.
. "$(dirname "$0")/lib.sh"

run settings
is "$rc" 0 "settings: exit 0"
is "$err" "" "settings: nothing on stderr"
no_sanitizer_report "settings"
listed=$(printf '%s\n' "$out" | awk '{ print $1 }')
documented=$(awk '/^## / { on = ($0 == "## Every setting") }
                  on && /^### `/ { sub(/^### `/, ""); sub(/`.*/, ""); print }
                  on && /^\| `/ { sub(/^\| `/, ""); sub(/`.*/, ""); print }' docs/community-file.md)
is "$(printf '%s\n' "$listed" | sort)" "$(printf '%s\n' "$documented" | sort)" \
        "settings: exactly the settings docs/community-file.md documents"
# The German guide documents the same settings ("## Alle Angaben").
documented_de=$(awk '/^## / { on = ($0 == "## Alle Angaben") }
                     on && /^\| `/ { sub(/^\| `/, ""); sub(/`.*/, ""); print }' docs/community-file.de.md)
is "$(printf '%s\n' "$documented_de" | sort)" "$(printf '%s\n' "$listed" | sort)" \
        "settings: exactly the settings docs/community-file.de.md documents"
# Each row of the German table is the line `plakat settings` prints in
# German: kind, required and meaning whole (a row cut at fixed columns
# read "| Gruppe oder Liste von G | ppen  Pf | cht   wo: ...").
de=
for l in de_DE.UTF-8 de_DE.utf8; do
        locale -a 2>/dev/null | grep -qix "$l" && de=$l && break
done
if [ -n "$de" ]; then
        printed=$(LANG=$de LC_ALL= LANGUAGE= "$PLAKAT" settings | tr -s ' ')
        rows=$(awk -F' [|] ' '/^## / { on = ($0 == "## Alle Angaben") }
                   on && /^\| `/ { sub(/^\| `/, "", $1); sub(/`$/, "", $1); sub(/ \|$/, "", $4)
                                   line = $1 " " $2; if ($3 != "") line = line " " $3
                                   print line " " $4 }' docs/community-file.de.md | tr -s ' ')
        is "$rows" "$printed" "settings: docs/community-file.de.md's rows are what plakat settings prints in German"
        like "$(LANG=$de LC_ALL= LANGUAGE= "$PLAKAT" settings)" "venue               Gruppe oder Liste von Gruppen  Pflicht  wo:" \
                "settings in German: venue's kind and Pflicht in their columns"
else
        skip "settings: the German table" "no de_DE.UTF-8 locale (scripts/deps.sh test generates it)"
fi
ok_cmd "settings: as many as the docs (not an empty match)" test "$(printf '%s\n' "$listed" | wc -l)" -gt 40

# Each line: name, kind, required or not, a meaning.
like "$out" "lead.email          text                               the lead's email address" \
        "settings: lead.email, its kind and meaning"
like "$out" "schedule.duration   whole number                       length of a meeting in minutes" \
        "settings: a whole number"
like "$out" "venue               group or list of groups  required  where:" "settings: venue is required"
bare=$(printf '%s\n' "$out" | awk 'NF < 3')
is "$bare" "" "settings: every line has a kind and a meaning"
# The required ones are those community-file.md calls required.
is "$(printf '%s\n' "$out" | awk '$0 ~ /  required  / { print $1 }' | tr '\n' ' ')" \
        "name topic lead lead.name schedule venue venue.name signup signup.url " \
        "settings: the required settings"

run settings extra.cfg
is "$rc" 2 "settings with a file: usage error"
like "$err" "settings takes no files" "settings with a file: says so"

# No data folder needed: the table is compiled in.
PLAKAT_DATADIR=$T_TMP/nowhere "$PLAKAT" settings >"$OUT" 2>"$ERR"
is "$?" 0 "settings without a data folder: exit 0"

if [ -w /dev/full ]; then
        "$PLAKAT" settings >/dev/full 2>"$ERR"
        is "$?" 1 "settings into a full disk: exit 1"
        like "$(cat "$ERR")" "plakat: cannot write the list of settings: No space left on device" \
                "settings into a full disk: says so"
else
        skip "settings into a full disk" "no /dev/full"
fi

done_testing
