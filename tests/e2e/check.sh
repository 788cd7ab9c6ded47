#!/bin/sh
# check.sh: `plakat check` on good files: what it prints, --today, past
# schedules, missing files.
. "$(dirname "$0")/lib.sh"

samples=$(ls samples/*.cfg 2>/dev/null)

# Every sample: exit 0, no stderr at all, the name and the cycle on stdout.
for f in $samples; do
        name=$(sed -n 's/^[[:space:]]*name[[:space:]]*=[[:space:]]*"\(.*\)";.*$/\1/p' "$f" | head -n 1)
        run check --today "$TODAY" "$f"
        is "$rc" 0 "$f: check exits 0"
        is "$err" "" "$f: nothing on stderr"
        like "$out" "$f: OK" "$f: reported OK"
        like "$out" "  Name:      $name" "$f: name on stdout"
        ok_cmd "$f: the cycle in words" \
                sh -c 'printf "%s\n" "$1" | grep -Eq "^  Meets:      *[^ ]"' sh "$out"
done

# The community of the spec, with the wording the brief pins.
dir=$T_TMP/c
mkdir -p "$dir"
cat >"$dir/urban-gardening.cfg" <<'CFG'
name     = "Urban Gardening Bielefeld";
topic    = "Gemeinsam gärtnern in der Stadt";
language = "de";
lead = {
  name  = "Aylin Demir";
  email = "aylin.demir@example.org";
};
schedule = {
  first    = "2027-01-12 18:30";
  duration = 90;
  repeat   = "monthly";
};
venue = {
  name    = "Innovation Office der Stadt Bielefeld";
  address = "Niederwall 23, 33602 Bielefeld";
};
signup = {
  url = "https://bielefeld.jetzt/cop/urban-gardening";
};
CFG
good=$dir/urban-gardening.cfg

run check --today 2027-01-01 "$good"
is "$rc" 0 "spec example: exit 0"
is "$err" "" "spec example: no stderr"
is "$out" "$good: OK
  Name:      Urban Gardening Bielefeld
  Topic:     Gemeinsam gärtnern in der Stadt
  Meets:     Jeden 2. Dienstag im Monat, 18:30–20:00 Uhr
  Next:      12. Jan., 9. Feb., 9. März 2027
  Venue:     Innovation Office der Stadt Bielefeld, Niederwall 23, 33602 Bielefeld
  Lead:      Aylin Demir <aylin.demir@example.org>
  Sign-up:   https://bielefeld.jetzt/cop/urban-gardening
  Language:  de
  Not shown: lead.email on instagram (design klar, a3, instagram)
  Warnings:  0" "spec example: what plakat understood (per output: the square post has no contact line)"

# --today makes output reproducible, and it is what counts.
run check --today 2027-01-01 "$good"
first=$out
run check --today 2027-01-01 "$good"
is "$out" "$first" "same --today, same output"
run check --today 2027-01-13 "$good"
like "$out" "  Next:      9. Feb., 9. März, 13. Apr. 2027" "a later --today moves the next meetings"
run check "$good"
is "$rc" 0 "without --today: today's date is used"

# A schedule that has ended is a warning, not a silent empty poster.
cat >"$dir/ended.cfg" <<'CFG'
name  = "Repair Café";
topic = "Reparieren statt wegwerfen";
lead = { name = "Jonas Weber"; };
schedule = {
  first  = "2027-01-05 17:00";
  repeat = "weekly";
  until  = "2027-03-31";
};
venue  = { name = "Stadtteilbibliothek Brackwede"; };
signup = { url = "https://bielefeld.jetzt/cop/repair"; };
CFG
run check --today 2031-01-01 "$dir/ended.cfg"
is "$rc" 0 "ended schedule: still exit 0 (a warning)"
like "$err" "$dir/ended.cfg:7: warning: schedule.until: every meeting lies in the past (last: 30. März 2027)" \
        "ended schedule: warning names the last meeting, schedule.until and its line"
like "$out" "  Next:      none" "ended schedule: no next meetings"
like "$out" "  Warnings:  1" "ended schedule: counted"
like "$err" "(last: 30. März 2027); plakat render refuses it (pass --allow-ended to render it anyway)" \
        "ended schedule: check says what render will do"
run check --allow-ended --today 2031-01-01 "$dir/ended.cfg"
like "$err" "every meeting lies in the past (last: 30. März 2027)" "ended schedule, --allow-ended: still warned"
unlike "$err" "render refuses it" "ended schedule, --allow-ended: no word of refusing"
# A misspelt required group: the error itself carries the did-you-mean,
# so -q (which hides the warning about the unknown name) keeps the hint.
printf 'name="a"; topic="b";\nleed={name="x";};\nschedule={first="2027-01-05 17:00";};\nvenue={name="v";}; signup={url="https://a.org";};\n' >"$dir/leed.cfg"
run check -q "$dir/leed.cfg"
is "$err" "$dir/leed.cfg:2: lead: missing; this setting is required; did you mean lead instead of leed?
$dir/leed.cfg: refused (1 error)" "-q: the did-you-mean of an error stays"

run check -q --today 2031-01-01 "$dir/ended.cfg"
is "$err" "" "--quiet hides warnings"
like "$out" "  Warnings:  1" "--quiet still counts them"

# Samples whose meetings have all passed by 2031 say so.
missing=
for f in $samples; do
        run check --today 2031-01-01 "$f"
        case $out in
        *"Next:      none"*)
                case $err in *"every meeting lies in the past"*) ;; *) missing="$missing $f" ;; esac ;;
        esac
done
is "$missing" "" "samples ended by 2031 warn about it"

# English words for an English community.
sed -e 's/language = "de"/language = "en"/' "$good" >"$dir/english.cfg"
run check --today 2027-01-01 "$dir/english.cfg"
like "$out" "  Language:  en" "language en"
unlike "$out" "Dienstag" "English community: English cycle"

# Unknown language: a warning, words from de.
sed -e 's/language = "de"/language = "xx"/' "$good" >"$dir/unknown-lang.cfg"
run check --today 2027-01-01 "$dir/unknown-lang.cfg"
is "$rc" 0 "unknown language: exit 0"
like "$err" "warning: language" "unknown language: warning"

# check checks the default formats (a3, instagram) unless -f names others:
# a sign-up address too long for an A6 flyer's code is fine on A3 (README).
long=https://bielefeld.jetzt/cop/$(printf 'urban-gardening-%.0s' $(seq 1 40))
# Printed, such an address cannot break anywhere but at its hyphens, which
# would read as part of it: without signup.short the file is refused, and
# the message says where the short address goes.
sed -e "s|https://bielefeld.jetzt/cop/urban-gardening|$long|" "$good" >"$dir/long-url-bare.cfg"
run check -q --today 2027-01-01 "$dir/long-url-bare.cfg"
is "$rc" 1 "a long sign-up address without signup.short: refused"
like "$err" "long-url-bare.cfg:18: signup.url: a3 (klar): short-url: the printed address does not fit even at 20 pt; add a shorter one to print as signup.short" \
        "a long sign-up address: the message names signup.short and the line"
unlike "$err" "…" "a long sign-up address: never cut with an ellipsis"
sed -e "s|url = \"https://bielefeld.jetzt/cop/urban-gardening\";|url = \"$long\"; short = \"bielefeld.jetzt/garten\";|" "$good" >"$dir/long-url.cfg"
run check -q --today 2027-01-01 "$dir/long-url.cfg"
is "$rc" 0 "a long sign-up address: OK for the default formats"
run check -q --today 2027-01-01 -f a6 "$dir/long-url.cfg"
is "$rc" 1 "a long sign-up address: refused for a6"
like "$err" "signup.url: a6 (klar): too long for the QR code of this design" "a6: the QR code is named"

# Unknown names and formats the layout lacks are mistakes before any file.
run check --today 2027-01-01 -f a3,instagarm "$good"
is "$rc" 2 "check with an unknown format: exit 2"
is "$out" "" "check with an unknown format: no file checked"
like "$err" "did you mean \"instagram\"?" "check with an unknown format: did you mean"
run check --today 2027-01-01 -l lat "$good"
is "$rc" 2 "check with an unknown layout: exit 2"
like "$err" "did you mean \"laut\"?" "check with an unknown layout: did you mean"

# What the design leaves out is said on stdout, and style.layout picks
# another design (whose own leavings are said in turn).
cat >"$dir/agenda.cfg" <<'CFG'
name = "Repair Café"; topic = "Reparieren statt wegwerfen"; lead = { name = "Jonas"; };
schedule = { first = "2027-01-09 14:00"; repeat = "monthly"; };
venue = { name = "Stadtteilzentrum"; }; signup = { url = "https://example.org/r"; };
agenda = ["Ankommen", "Reparieren"];
woop = { wish = "Weniger Müll"; };
CFG
run check --today 2026-11-27 "$dir/agenda.cfg"
is "$rc" 0 "not shown: still OK"
like "$out" "Not shown: agenda on instagram (design klar, a3, instagram)" "not shown: named with the design and formats (the A3 poster shows the agenda)"
printf 'style = { layout = "laut"; };\n' >>"$dir/agenda.cfg"
run check --today 2026-11-27 "$dir/agenda.cfg"
like "$out" "(design laut, a3, instagram)" "style.layout picks the design"
sed 's/layout = "laut"/layout = "lout"/' "$dir/agenda.cfg" >"$dir/bad-layout.cfg"
run check --today 2026-11-27 "$dir/bad-layout.cfg"
is "$rc" 1 "unknown style.layout: refused"
like "$err" "bad-layout.cfg:6: style.layout: unknown layout \"lout\"; did you mean laut?" "unknown style.layout: line and did-you-mean"
# Names from a fixed set, in capitals, as a lead may write them.
sed 's/layout = "laut"/layout = "Laut"; theme = "Wald"/' "$dir/agenda.cfg" >"$dir/caps-layout.cfg"
run check --today 2026-11-27 "$dir/caps-layout.cfg"
is "$rc" 0 "style.layout \"Laut\", style.theme \"Wald\": taken"
like "$out" "(design laut, a3, instagram)" "style.layout \"Laut\": the design laut"
unlike "$err" "unknown theme" "style.theme \"Wald\": the theme wald, no warning"

# A file named without its .cfg: the one that is there is named.
cp samples/urban-gardening.cfg "$dir/garten.cfg"
run check "$dir/garten"
is "$rc" 1 "a file named without .cfg: refused"
like "$err" "$dir/garten: cannot open: No such file or directory; did you mean \"$dir/garten.cfg\"?" \
        "a file named without .cfg: the file with .cfg is named"
# A file that is not there.
run check "$dir/nope.cfg"
is "$rc" 1 "missing file: exit 1"
is "$out" "" "missing file: nothing on stdout"
like "$err" "$dir/nope.cfg: refused (1 error)" "missing file: named and refused"

# A design that shows the agenda and the channels as lists: neither is
# "Not shown" (the list fact counts, not just its items' placeholders).
run check --today "$TODAY" --layouts tests/data/layouts/good -l showcase -f instagram tests/data/render/showcase.cfg
is "$rc" 0 "lists: check exits 0"
like "$out" "Not shown: pitch, goal, tags, lead.email (design showcase, instagram)" \
        "lists: agenda and channels shown as lists are not in Not shown"

# What differs per output is said per output, and an optional element
# that had to give way for room is named with its formats.
run check --today 2027-01-01 -l klar -f a3,a6,instagram samples/reading-circle-library.cfg
like "$out" "Not shown: lead.role everywhere; pitch, lead.email on instagram; agenda, channels on a6, instagram (design klar, a3, a6, instagram); left out for room: pitch on a6" \
        "not shown: per output, and what was left out for room (each output's reason once: pitch not also 'not shown' on a6)"

# A skipped day that is no meeting day: probably a typo, said with its line.
mkdir -p "$T_TMP/skip"
community "$T_TMP/skip/s.cfg"
sed -i 's|repeat = "monthly"; };|repeat = "monthly";\n  skip = ["2027-02-09", "2027-03-10"]; };|' "$T_TMP/skip/s.cfg"
run check --today "$TODAY" "$T_TMP/skip/s.cfg"
is "$rc" 0 "skip on a day without a meeting: still OK"
like "$err" "$T_TMP/skip/s.cfg:5: warning: schedule.skip[2]: \"2027-03-10\" is not a day this schedule meets, so nothing is skipped (a typo in the date?)" \
        "skip on a day without a meeting: warned with its line"
unlike "$err" "schedule.skip[1]" "skip on a meeting day: no warning"

done_testing
