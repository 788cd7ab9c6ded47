#!/bin/sh
# office.sh: the city office's Monday batch: a folder of communities (one
# folder each, nested, links not followed), rendered on two workers and on
# one with the same bytes, messages grouped per file in input order, a
# re-run that redoes only what changed, flyers on print sheets checked as a
# print shop would, files that take too long or crash a worker, and Ctrl-C.
. "$(dirname "$0")/lib.sh"

in=$T_TMP/in
mkdir -p "$in/garten" "$in/dup" "$in/repair/deep" "$in/ethics/images" "$in/nologo"
community "$in/garten/garten.cfg" "Garten" "https://bielefeld.jetzt/cop/garten"
community "$in/dup/garten.cfg" "Garten am Bach" "https://bielefeld.jetzt/cop/garten-bach"
community "$in/repair/deep/repair.cfg" "Repair-Café" "https://bielefeld.jetzt/cop/repair"
cp samples/data-ethics-meetup.cfg "$in/ethics/"
cp samples/images/data-ethics-logo.svg "$in/ethics/images/"
community "$in/nologo/nologo.cfg" "Ohne Logo" "https://bielefeld.jetzt/cop/nologo"
echo 'style = { logo = "missing.png"; };' >>"$in/nologo/nologo.cfg"
printf 'name = "x";\n' >"$in/repair/broken.cfg"
ln -s "$in/garten" "$in/link"               # a link: not followed
echo 'not a community' >"$in/garten/notes.txt"

# By path: dup/garten, ethics/data-ethics-meetup, garten/garten (collides
# with dup/garten), nologo/nologo (image missing), repair/broken,
# repair/deep/repair.
fmts=a6,instagram
run render -j 2 --today "$TODAY" -f $fmts -o "$T_TMP/o2" "$in"
is "$rc" 1 "folder, -j 2: exit 1 (some refused)"
want_out=$(for s in garten data-ethics-meetup repair; do for f in a6 instagram; do
        e=pdf; [ $f = instagram ] && e=png; echo "$T_TMP/o2/$s-$f.$e"; done; done)
is "$out" "$want_out" "folder, -j 2: the paths of the good files, in input order"
like "$err" "$in/garten/garten.cfg: its outputs would overwrite those of $in/dup/garten.cfg (both are named \"garten-...\"); rename one of the files" \
        "two files of one name: refused up front, both paths named"
like "$err" "$in/nologo/nologo.cfg:7: style.logo: cannot open \"missing.png\"" "a missing image: named with its line"
like "$err" "3 rendered, 0 unchanged, 3 refused, 0 failed in " "folder: the summary line"
# Each file's lines together, files in input order: the first line that
# names a file comes after every line of the files before it.
order=$(printf '%s\n' "$err" | sed -n "s|^$in/\([^:]*\.cfg\).*|\1|p" | uniq | tr '\n' ' ')
is "$order" "garten/garten.cfg nologo/nologo.cfg repair/broken.cfg " "messages grouped per file, in input order"
unlike "$err" "link/" "a linked folder is not followed"
err2=$err

run render -j 1 --today "$TODAY" -f $fmts -o "$T_TMP/o1" "$in"
is "$(printf '%s\n' "$err" | sed 's/ in [0-9.]* s$//')" "$(printf '%s\n' "$err2" | sed 's/ in [0-9.]* s$//')" \
        "-j 1: the same messages as -j 2"
same=yes
for f in "$T_TMP/o2"/*; do cmp -s "$f" "$T_TMP/o1/${f##*/}" || same="no: ${f##*/}"; done
is "$same" yes "-j 1 and -j 2: byte for byte the same files"

# A re-run rewrites nothing and says so.
stamp() { (cd "$1" && for f in *; do echo "$f $(stat -c '%i %Y.%y' "$f")"; done); }
before=$(stamp "$T_TMP/o2")
run render -j 2 --today "$TODAY" -f $fmts -o "$T_TMP/o2" "$in"
like "$err" "0 rendered, 3 unchanged, 3 refused, 0 failed" "re-run: everything unchanged"
is "$out" "$want_out" "re-run: the unchanged outputs are still listed"
is "$(stamp "$T_TMP/o2")" "$before" "re-run: no file rewritten (inode and time)"

# A changed logo: only its community again.
echo '<!-- new -->' >>"$in/ethics/images/data-ethics-logo.svg"
run render -j 2 --today "$TODAY" -f $fmts -o "$T_TMP/o2" "$in"
like "$err" "1 rendered, 2 unchanged, 3 refused, 0 failed" "changed logo: that community only"
after=$(stamp "$T_TMP/o2")
changed=$(printf '%s\n' "$before" "$after" | sort | uniq -u | awk '{ print $1 }' | sort -u | tr '\n' ' ')
is "$changed" "data-ethics-meetup-a6.pdf data-ethics-meetup-instagram.png " "changed logo: only its files rewritten"
# Another day with other next meetings is another input.
run render -j 2 --today 2027-02-20 -f $fmts -o "$T_TMP/o2" "$in"
like "$err" "3 rendered, 0 unchanged" "another --today: rendered again"
run render -j 2 --force --today 2027-02-20 -f $fmts -o "$T_TMP/o2" "$in"
like "$err" "3 rendered, 0 unchanged" "--force: everything again"
# A damaged record only means more work.
printf 'garbage\n\t\t\n' >"$T_TMP/o2/.plakat-record"
run render -j 2 --today 2027-02-20 -f $fmts -o "$T_TMP/o2" "$in"
like "$err" "3 rendered, 0 unchanged" "damaged record: rendered again, nothing skipped"

# An image whose name differs only in capitals (fine on Windows): the file
# that is there is named.
case=$T_TMP/case
mkdir -p "$case"
community "$case/c.cfg" "Gross" "https://bielefeld.jetzt/cop/gross"
echo 'style = { photo = "Team.jpg"; };' >>"$case/c.cfg"
cp samples/images/ki-im-alltag.jpg "$case/team.jpg"
run check "$case/c.cfg"
like "$err" "$case/c.cfg:7: style.photo: cannot open \"Team.jpg\": no such file, but there is \"team.jpg\": names differ in capitals here; write it as the file is named" \
        "an image named in other capitals: the file that is there is named"

# The office checks first: a check says as the file's warning what the
# render will refuse (two outputs of one name), in its turn.
run check -f a6 --today "$TODAY" "$in"
like "$err" "$in/garten/garten.cfg: warning: rendered into one folder, its outputs would overwrite those of $in/dup/garten.cfg (both are named \"garten-...\"), and plakat render refuses it (one on --sheet does not mind); rename one of the files" \
        "check: two files whose outputs would share names, said as a warning"
like "$out" "$in/garten/garten.cfg: OK" "check: the clash is a warning, the file itself is fine"

# A file meant as a community file that is not named so (Windows hides
# the ".txt" an editor added; "X.CFG"): not read, but said, or that
# community would get no flyer unnoticed.  Not with -q.
near=$T_TMP/near
mkdir -p "$near/a" "$near/b"
community "$near/a/a.cfg.txt" "Versteckt" "https://bielefeld.jetzt/cop/versteckt"
community "$near/b/B.CFG" "Gross" "https://bielefeld.jetzt/cop/gross"
community "$near/b/b.cfg" "Richtig" "https://bielefeld.jetzt/cop/richtig"
run check -f a6 --today "$TODAY" "$near"
like "$err" "$near/a/a.cfg.txt: not read: a community file's name ends in .cfg (rename it; Windows may hide a .txt at the end)" \
        "folder: a .cfg.txt is not read, and said"
like "$err" "$near/b/B.CFG: not read: a community file's name ends in .cfg in small letters (rename it)" \
        "folder: a .CFG is not read, and said"
is "$rc" 0 "folder: a file not read is a note, not a refusal"
run check -q -f a6 --today "$TODAY" "$near"
is "$err" "" "folder: -q keeps the note quiet"
run render -q --report -f a6 --today "$TODAY" -o "$T_TMP/nearout" "$near"
ok_cmd "folder: the report names what was not read, also with -q" python3 - "$T_TMP/nearout" "$near" <<'PY'
import json, os, sys
d, near = sys.argv[1], sys.argv[2]
r = json.load(open(os.path.join(d, "report.json")))
assert [n["input"] for n in r["not_read"]] == [near + "/a/a.cfg.txt", near + "/b/B.CFG"], r["not_read"]
assert "Windows may hide a .txt" in r["not_read"][0]["message"] and "small letters" in r["not_read"][1]["message"]
page = open(os.path.join(d, "report.html"), encoding="utf-8").read()
assert "<h2>Not read" in page and near + "/a/a.cfg.txt: not read: " in page
PY
# A folder named twice, and inside another one named: each file not read
# is said once, as a community file is rendered once.
run render -q --report -f a6 --today "$TODAY" -o "$T_TMP/nearout" "$near" "$near/b" "$near"
ok_cmd "folder named twice: each file not read is in report.json once" python3 - "$T_TMP/nearout" "$near" <<'PY'
import json, os, sys
d, near = sys.argv[1], sys.argv[2]
r = json.load(open(os.path.join(d, "report.json")))
assert [n["input"] for n in r["not_read"]] == [near + "/a/a.cfg.txt", near + "/b/B.CFG"], r["not_read"]
PY
run check -f a6 --today "$TODAY" "$near" "$near/b"
is "$(printf '%s\n' "$err" | grep -c 'not read: ')" 2 "folder named twice: each file not read is said once"

# A folder with no community file in it: nothing to do is a mistake on
# the command line (exit 2), said, and no output folder made.
mkdir -p "$T_TMP/empty"
run render -f a6 -o "$T_TMP/none" "$T_TMP/empty"
is "$rc" 2 "an empty folder: exit 2"
like "$err" "plakat: render: no community file (*.cfg) in the folders given" "an empty folder: said"
ok_cmd "an empty folder: no output folder made" test ! -e "$T_TMP/none"
run check "$near/b/B.CFG" "$T_TMP/empty"
is "$rc" 0 "a file and an empty folder: the file is checked"

# ---- print sheets -------------------------------------------------------------------
run render -j 2 --today "$TODAY" -f a6 --sheet a4 --copies 2 -o "$T_TMP/s2" "$in"
sheet=$T_TMP/s2/sheets_a6_on_a4.pdf
is "$out" "$sheet" "sheets: one PDF, named apart from any community's outputs"
like "$err" "warning: 4 a6 fill the a4 sheet edge to edge: no room for crop marks" "sheets on A4: no room for marks, said"
info=$(pdfinfo -box "$sheet")
like "$info" "Pages:           2" "4 communities x 2 copies, 4 a page: 2 pages"
like "$info" "Page size:       595.276 x 841.89 pts (A4)" "sheets: A4 pages"
like "$info" "TrimBox:" "sheets: a TrimBox"
ok_cmd "sheets: qpdf --check" sh -c "qpdf --check \"\$1\" >/dev/null" sh "$sheet"
pdftoppm -r 150 -png "$sheet" "$T_TMP/sheetpage"
codes=$(for p in "$T_TMP"/sheetpage*.png; do zbarimg -q --raw "$p" 2>/dev/null; done | sort | tr '\n' ' ')
# (no two sheets' outputs collide: both gardens are on them)
is "$codes" "https://bielefeld.jetzt/cop/data-ethics-meetup https://bielefeld.jetzt/cop/data-ethics-meetup https://bielefeld.jetzt/cop/garten https://bielefeld.jetzt/cop/garten https://bielefeld.jetzt/cop/garten-bach https://bielefeld.jetzt/cop/garten-bach https://bielefeld.jetzt/cop/repair https://bielefeld.jetzt/cop/repair " \
        "sheets: every placed flyer's QR code decodes to its community's address"
run render -j 1 --today "$TODAY" -f a6 --sheet a4 --copies 2 -o "$T_TMP/s1" "$in"
ok_cmd "sheets: -j 1 gives the same bytes" cmp "$sheet" "$T_TMP/s1/sheets_a6_on_a4.pdf"
# cairo lists a picture once per use in a page's resources (colour emoji
# are pictures): emoji on four flyers of a sheet must still give qpdf no
# warning (exit 3), as they did not when the boxes were appended to
# cairo's bytes unmerged (pdfbox.c).
run render --today "$TODAY" -f a6 --sheet a4 --copies 4 -o "$T_TMP/s4" samples/bienenfreunde-heepen.cfg
ok_cmd "sheets: the same emoji four times on a page: qpdf --check without warnings" \
        sh -c 'qpdf --check "$1" >/dev/null 2>&1' sh "$T_TMP/s4/sheets_a6_on_a4.pdf"
before=$(stat -c %y "$sheet")
run render -j 2 --today "$TODAY" -f a6 --sheet a4 --copies 2 -o "$T_TMP/s2" "$in"
like "$err" "0 rendered, 4 unchanged, 2 refused, 0 failed" "sheets: a re-run counts every community unchanged"
is "$(stat -c %y "$sheet")" "$before" "sheets: a re-run leaves the sheet as it is"

# Bleed that halves what goes on a sheet (2 A6 on A4 instead of 4) would
# double the print shop's paper without a word: said, with the sheets that
# hold as many with bleed; on the sheet made for bleed (8 A6 on SRA3) no
# warning, or the office learns to skip them.
run render --today "$TODAY" -f a6 --sheet a4 --bleed 3 -o "$T_TMP/sb" "$in/garten/garten.cfg"
like "$err" "sheets_a6_on_a4.pdf: warning: --bleed 3 leaves room for 2 a6 on each a4 sheet, 4 without bleed (each piece with its bleed is 111 x 154 mm); a larger sheet (--sheet a3, sra3) holds 4 or more with bleed and crop marks" \
        "sheets: bleed that costs pieces, said, with the sheets that hold as many"
run render --today "$TODAY" -f a6 --sheet sra3 --bleed 3 --copies 8 -o "$T_TMP/sb" "$in/garten/garten.cfg"
unlike "$err" "leaves room for" "sheets: SRA3 with bleed, the sheet for it: no warning about bleed"
like "$(pdfinfo "$T_TMP/sb/sheets_a6_on_sra3.pdf")" "Pages:           1" "sheets: 8 A6 with bleed on one SRA3"
# More bleed than the largest sheet takes without losing a fifth: said,
# with less bleed as the way.
run render --today "$TODAY" -f a6 --sheet sra3 --bleed 5 -o "$T_TMP/sb" "$in/garten/garten.cfg"
like "$err" "warning: --bleed 5 leaves room for 6 a6 on each sra3 sheet, 9 without bleed (each piece with its bleed is 115 x 158 mm); less bleed (--bleed) puts more on each sheet" \
        "sheets: bleed that costs a third of the pieces on the largest sheet, said"

# report: each community's picture opens the sheet at the page its first
# piece is on (4 communities x 2 copies, 4 a page: pages 1, 1, 2, 2), on
# the run that draws the sheet and on the one that finds it unchanged.
for pass in drawn unchanged; do
        run render --report --today "$TODAY" -f a6 --sheet a4 --copies 2 -o "$T_TMP/sp" "$in"
        ok_cmd "sheets: report.json and report.html give each community's page ($pass)" python3 - "$T_TMP/sp" <<'PY'
import json, os, sys
d = sys.argv[1]
r = json.load(open(os.path.join(d, "report.json")))
pages = [o["page"] for c in r["communities"] if c["status"] in ("ok", "unchanged") for o in c["outputs"]]
assert pages == [1, 1, 2, 2], pages
page = open(os.path.join(d, "report.html"), encoding="utf-8").read()
for n in (1, 2):
    assert 'href="sheets_a6_on_a4.pdf#page=%d"' % n in page and "a6 on a4 sheet, page %d" % n in page, n
PY
done

# Paper sizes in capitals, as -f takes them.
run render --today "$TODAY" -f A6 --sheet A4 -o "$T_TMP/caps" "$in/garten/garten.cfg"
is "$out" "$T_TMP/caps/sheets_a6_on_a4.pdf" "sheets: --sheet A4 -f A6, as in lower case"

# A community refused while laid out (its address too long for the
# design's QR code), not while read: refused, and not also rendered.
long=$T_TMP/long
mkdir -p "$long"
community "$long/a.cfg" "Kurz" "https://bielefeld.jetzt/cop/kurz"
community "$long/b.cfg" "Lang" "https://bielefeld.jetzt/cop/$(printf '%01500d' 0)"
run render --today "$TODAY" -f a6 --sheet a4 -o "$T_TMP/sl" "$long"
is "$rc" 1 "sheets: a community refused on the sheet: exit 1"
like "$err" "too long for the QR code of this design" "sheets: the refused community's reason is said"
like "$err" "1 rendered, 0 unchanged, 1 refused, 0 failed" "sheets: a community refused while laid out counts once, as refused"
# Its messages come in its turn and end as a refused file's do, before
# the sheet's path; report.json has them in its entry.
is "$(printf '%s\n' "$err" | sed -n "s|^$long/||p" | cut -c1-6 | uniq | tr '\n' ' ')" "b.cfg: " \
        "sheets: refused while laid out: its lines name its file"
is "$(printf '%s\n' "$err" | grep "^$long/b.cfg" | tail -n 1)" "$long/b.cfg: refused (2 errors)" \
        "sheets: refused while laid out: its messages end with its refused line"
run render --report --today "$TODAY" -f a6 --sheet a4 -o "$T_TMP/sl" "$long"
like "$err" "1 rendered, 0 unchanged, 1 refused, 0 failed" \
        "sheets: a re-run tries a community refused while laid out again, and says so again"
ok_cmd "sheets: refused while laid out: report.json has its reason" python3 - "$T_TMP/sl/report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
b = [c for c in r["communities"] if c["input"].endswith("/b.cfg")][0]
assert b["status"] == "refused" and b["errors"] == 2, b
assert any(m["level"] == "error" and "too long for the QR code" in m["message"] for m in b["messages"]), b
PY

# A series whose meetings have all passed is refused on a sheet as when
# rendered on its own (a flyer inviting to sign up for nothing).
ended=$T_TMP/ended
mkdir -p "$ended"
community "$ended/a.cfg" "Vorbei" "https://bielefeld.jetzt/cop/vorbei"
sed -i 's/repeat = "monthly"/repeat = "once"/' "$ended/a.cfg"
run render --today 2031-01-01 -f a6 --sheet a4 -o "$T_TMP/se" "$ended" "$long/a.cfg"
like "$err" "$ended/a.cfg:4: schedule.first: the series has ended" "sheets: an ended series is refused"
like "$err" "1 rendered, 0 unchanged, 1 refused, 0 failed" "sheets: an ended series counts as refused"

# A piece that never goes on the sheet (A4 on A6): a usage mistake found
# before any community is read; no summary, and the output folder, its
# record and its report as they were.
files() { find "$1" -exec stat -c '%n %i %s %y' {} + | sort; }
run render --report --today "$TODAY" -f a6 --sheet a4 -o "$T_TMP/sm" "$in/garten/garten.cfg"
before=$(files "$T_TMP/sm")
run render --report --today "$TODAY" -f a4 --sheet a6 -o "$T_TMP/sm" "$in/garten/garten.cfg" "$in/repair/deep"
is "$rc" 2 "sheets: a piece larger than the sheet: exit 2, a usage mistake"
is "$out" "" "sheets: a piece larger than the sheet: no path printed"
like "$err" "plakat: -f a4 does not fit on --sheet a6: " "sheets: a piece larger than the sheet: said, both named"
unlike "$err" "rendered" "sheets: a piece larger than the sheet: no community counted"
is "$(files "$T_TMP/sm")" "$before" "sheets: a piece larger than the sheet: no file, record or report changed"

# A sheet that cannot be written (the file-size limit; plakat ignores
# SIGXFSZ): nothing of its communities is on paper, so they count as
# failed (the machine said no) in the summary, the exit status and
# report.json, not as rendered, and the sheet not on top of them.
(
        ulimit -f 8 || exit 99
        "$PLAKAT" render --report --today "$TODAY" -f a6 --sheet a4 -o "$T_TMP/sf" "$in/garten/garten.cfg" \
                "$in/repair/deep"
) >"$OUT" 2>"$ERR"
rc=$?
err=$(cat "$ERR")
is "$rc" 1 "sheets: a sheet that cannot be written: exit 1"
like "$err" "sheets_a6_on_a4.pdf: could not write this file: File too large" "sheets: a sheet that cannot be written: why"
like "$err" "0 rendered, 0 unchanged, 0 refused, 2 failed" "sheets: a sheet not written: its communities failed, not rendered"
counts=$(python3 -c 'import json, sys
r = json.load(open(sys.argv[1]))
print(r["summary"]["rendered"], r["summary"]["failed"], " ".join(c["status"] for c in r["communities"]), r["sheets"]["status"])' \
        "$T_TMP/sf/report.json" 2>&1)
is "$counts" "0 2 failed failed failed" "sheets: a sheet not written: report.json counts its communities failed"

# A folder at the sheet's name (tests run as root: a read-only folder
# stops nothing): the message says the sheet was not written, not
# "nothing was written for this community" (it holds many), and each of
# its communities in report.json says why it has no outputs, naming the
# sheet, rather than an empty messages list.
mkdir -p "$T_TMP/sd/sheets_a6_on_a4.pdf"
run render --report --today "$TODAY" -f a6 --sheet a4 -o "$T_TMP/sd" "$in/garten/garten.cfg" "$in/repair/deep"
is "$rc" 1 "sheets: a folder at the sheet's name: exit 1"
like "$err" "$T_TMP/sd/sheets_a6_on_a4.pdf: could not put this file in place: Is a directory; the sheet was not written" \
        "sheets: a folder at the sheet's name: the sheet was not written, said"
unlike "$err" "for this community" "sheets: a sheet not written: no message speaks of one community"
like "$err" "0 rendered, 0 unchanged, 0 refused, 2 failed" "sheets: a folder at the sheet's name: its communities failed"
ok_cmd "sheets: a sheet not written: each community's entry in report.json says why" python3 - "$T_TMP/sd" "$in" <<'PY'
import json, os, sys
d, src = sys.argv[1], sys.argv[2]
r = json.load(open(os.path.join(d, "report.json")))
sheet = os.path.join(d, "sheets_a6_on_a4.pdf")
want = ["garten/garten.cfg", "repair/deep/repair.cfg"]
assert [c["input"] for c in r["communities"]] == [os.path.join(src, w) for w in want], r["communities"]
for c in r["communities"]:
    assert c["status"] == "failed" and c["errors"] == 1 and c["outputs"] == [], c
    assert c["messages"] == [{"level": "error", "file": c["input"], "line": None, "setting": None,
                              "message": "the sheet %s with this community was not written; the sheet's messages say why" % sheet,
                              "text": "%s: the sheet %s with this community was not written; the sheet's messages say why" % (c["input"], sheet)}], c
m = r["sheets"]["messages"]
assert m[-1]["level"] == "error" and m[-1]["message"] == "could not put this file in place: Is a directory; the sheet was not written", m
PY
# report.html: each community's card under "Needs attention" names the
# sheet (the terminal said nothing of its own for it), not an empty box.
ok_cmd "sheets: a sheet not written: each community's card in report.html says why" python3 - "$T_TMP/sd" <<'PY'
import html, os, re, sys
d = sys.argv[1]
page = open(os.path.join(d, "report.html"), encoding="utf-8").read()
cards = re.findall(r'<section class="card failed">(.*?)</section>', page, re.S)
assert len(cards) == 2, len(cards)
sheet = os.path.join(d, "sheets_a6_on_a4.pdf")
for c in cards:
    term = html.unescape(re.search(r'<pre class="term">(.*?)</pre>', c, re.S).group(1))
    assert "the sheet %s with this community was not written; the sheet's messages say why" % sheet in term, term
PY
ok_cmd "sheets: a sheet not written: its card in report.html tells its warning once" python3 - "$T_TMP/sd" <<'PY'
import html, os, sys
page = open(os.path.join(sys.argv[1], "report.html"), encoding="utf-8").read()
card = html.unescape(page.split("<h2>Print sheets</h2>")[1])
said = card.count("4 a6 fill the a4 sheet edge to edge")
assert said == 1, (said, card)
PY
ok_cmd "sheets: a folder at the sheet's name: left as it was" test -d "$T_TMP/sd/sheets_a6_on_a4.pdf"

# On SRA4 with bleed there is room above and below: crop marks in the margin.
run render --today "$TODAY" -f a6 --sheet sra4 --bleed 3 -o "$T_TMP/sra" "$in/garten/garten.cfg" "$in/ethics"
sra=$T_TMP/sra/sheets_a6_on_sra4.pdf
# The larger sheets it suggests for marks are larger than SRA4 and have
# room around A6 with 3 mm bleed (SRA4 itself has not).
like "$err" "4 a6 fill the width of the sra4 sheet: no room for crop marks left and right of them; cut between the pieces, or use a larger sheet (--sheet a3, sra3) for marks" \
        "sra4 with bleed: only larger sheets that leave room for marks suggested"
like "$(pdfinfo -box "$sra")" "BleedBox:" "sra4: a BleedBox"
pdftoppm -r 150 -gray -f 1 -l 1 "$sra" "$T_TMP/sra"
top=$(convert "$T_TMP"/sra-1.pgm -crop "1329x20+0+8" -format '%[fx:minima]' info:)
ok_cmd "sra4: crop marks in the top margin (darkest $top)" awk "BEGIN { exit !($top < 0.5) }"

# A sheet of the piece's own size holds one: the warning in the singular.
run render --today "$TODAY" -f a3 --sheet a3 -o "$T_TMP/one" "$in/garten/garten.cfg"
like "$err" "warning: 1 a3 fills the a3 sheet edge to edge: no room for crop marks around it; " \
        "one piece edge to edge: the warning in the singular"
like "$err" "around it; the piece is the whole sheet and needs no cut; a larger sheet (--sheet sra3) has room for marks" \
        "one piece edge to edge: no cut to advise, the larger sheet only for marks"
unlike "$err" "between the pieces" "one piece edge to edge: no cut between pieces advised"
run render --today "$TODAY" -f a4 --sheet sra4 --bleed 6 -o "$T_TMP/one" "$in/garten/garten.cfg"
like "$err" "warning: 1 a4 fills the width of the sra4 sheet: no room for crop marks left and right of it; cut around the piece, or use a larger sheet (--sheet a3, sra3) for marks" \
        "one piece across the width: the warning and its advice in the singular"

# No larger sheet than SRA3 is there: said, and what else leaves room.
run render --today "$TODAY" -f a6 --sheet sra3 --bleed 0.5 -o "$T_TMP/sra3" "$in/garten/garten.cfg"
like "$err" "9 a6 fill the sra3 sheet edge to edge: no room for crop marks around them; cut between the pieces: no larger sheet has room for marks around them with 0.5 mm bleed; use less bleed (--bleed) or a smaller format (-f) for marks" \
        "sra3 with bleed: no larger sheet suggested, less bleed or a smaller format instead"

# ---- a file that takes too long, a worker that dies -------------------------------------
run render -j 2 --time-limit 0.001 --today "$TODAY" -f a6 -o "$T_TMP/slow" "$in/garten" "$in/repair/deep"
is "$rc" 1 "time limit: exit 1"
like "$err" "$in/garten/garten.cfg: took longer than 0.001 s and was stopped; nothing was written" "time limit: the file named"
like "$err" "0 rendered, 0 unchanged, 0 refused, 2 failed" "time limit: counted as failed, the batch went on"
is "$(find "$T_TMP/slow" 2>/dev/null -name '.*' ! -name . ! -name .plakat-record)" "" "time limit: no temporary files"

many=$T_TMP/many
mkdir -p "$many"
i=100
while [ $i -lt 300 ]; do
        community "$many/c$i.cfg"
        i=$((i + 1))
done
"$PLAKAT" render -j 2 --today "$TODAY" -f a6 -o "$T_TMP/ref" "$many/c100.cfg" >/dev/null 2>&1
"$PLAKAT" render -j 2 --today "$TODAY" -f a6 -o "$T_TMP/crash" "$many" >/dev/null 2>"$T_TMP/crash.err" &
pid=$!
n=0
# Only once files arrive: a worker killed before the parent gave it its
# first file has no file to fail (seen under load: the batch then passed).
while [ "$(ls "$T_TMP/crash" 2>/dev/null | grep -c pdf)" -lt 5 ] && [ $n -lt 1000 ]; do sleep 0.01; n=$((n + 1)); done
# SIGKILL, not SIGSEGV: under AddressSanitizer a SIGSEGV is caught and
# becomes an ordinary exit, and the test should mean the same in every build.
kill -KILL "$(pgrep -P $pid | head -n 1)" 2>/dev/null
wait $pid
rc=$?
err=$(cat "$T_TMP/crash.err")
is "$rc" 1 "a worker that died: exit 1"
like "$err" "plakat stopped on this file (signal 9" "a worker that died: its file failed, with the signal"
like "$err" "199 rendered, 0 unchanged, 0 refused, 1 failed" "a worker that died: the batch went on"

# ---- Ctrl-C ----------------------------------------------------------------------------------
# interrupt ERR UNTIL ARGS...: plakat ARGS in the background (stderr into
# ERR), one SIGINT once the shell test UNTIL holds (after 10 s at the
# latest); rc is plakat's exit status.
interrupt() {
        errfile=$1 until=$2
        shift 2
        "$PLAKAT" "$@" >/dev/null 2>"$errfile" &
        pid=$!
        n=0
        while ! eval "$until" && [ $n -lt 1000 ]; do sleep 0.01; n=$((n + 1)); done
        kill -INT $pid
        wait $pid
        rc=$?
}
int=$T_TMP/int
interrupt "$T_TMP/int.err" '[ "$(ls "$int" 2>/dev/null | grep -c pdf)" -ge 20 ]' \
        render -j 2 --today "$TODAY" -f a6 -o "$int" "$many"
is "$rc" 130 "Ctrl-C: exit 130"
like "$(cat "$T_TMP/int.err")" "not done (interrupted; run the same command again to finish)" "Ctrl-C: the summary says so"
is "$(find "$int" -name '.*' ! -name . ! -name .plakat-record)" "" "Ctrl-C: no temporary files"
done_n=$(ls "$int" | grep -c pdf)
broken=
for f in "$int"/*.pdf; do cmp -s "$f" "$T_TMP/ref/c100-a6.pdf" || broken="$broken ${f##*/}"; done
is "$broken" "" "Ctrl-C: every file there is complete ($done_n of 200)"
# Every file a worker finished counts, also one after a file another
# worker was stopped on: only a file put in place in the moment before
# its worker stopped, its answer not yet sent, is unknown (one a worker).
said=$(sed -n 's/^\([0-9]*\) rendered, 0 unchanged, 0 refused, 0 failed, \([0-9]*\) not done.*/\1 \2/p' "$T_TMP/int.err")
ok_cmd "Ctrl-C: the summary counts what was finished ($said; $done_n there)" \
        awk -v c="$said" -v d="$done_n" 'BEGIN { split(c, n, " "); exit !(n[1] + n[2] == 200 && n[1] <= d && n[1] >= d - 2) }'
run render -j 2 --today "$TODAY" -f a6 -o "$int" "$many"
is "$rc" 0 "after Ctrl-C, the same command: exit 0"
# A worker stopped between putting its files in place and telling the
# parent leaves whole files the record does not know yet: at most one per
# worker is rendered again.
counts=$(printf '%s\n' "$err" | sed -n 's/^\([0-9]*\) rendered, \([0-9]*\) unchanged, 0 refused, 0 failed.*/\1 \2/p')
ok_cmd "after Ctrl-C: it finishes the rest ($counts; $done_n were there)" \
        awk -v c="$counts" -v d="$done_n" 'BEGIN { split(c, n, " "); exit !(n[1] + n[2] == 200 && n[2] >= d - 2) }'
is "$(ls "$int" | grep -c pdf)" 200 "after Ctrl-C: all 200 there"

# Ctrl-C while a sheet is drawn: the sheet is given up (no sheet, no
# temporary file), its communities are not done, and the same command
# draws it whole.
sint=$T_TMP/sint
interrupt "$sint.err" '[ "$(ls -a "$sint" 2>/dev/null | grep -c "^\.sheets_a6_on_a4\.pdf\.plakat-")" -ge 1 ]' \
        render --report --today "$TODAY" -f a6 --sheet a4 --copies 4 -o "$sint" "$many"
is "$rc" 130 "Ctrl-C on a sheet: exit 130"
like "$(cat "$sint.err")" "0 rendered, 0 unchanged, 0 refused, 0 failed, 200 not done (interrupted" \
        "Ctrl-C on a sheet: its communities are not done"
is "$(ls -A "$sint" | grep -v -e '^\.plakat-record$' -e '^report\.')" "" "Ctrl-C on a sheet: no sheet and no temporary file"
ok_cmd "Ctrl-C on a sheet: report.json has the sheet as not done" python3 - "$sint/report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert r["summary"]["interrupted"] and r["summary"]["not_done"] == 200, r["summary"]
s = r["sheets"]
assert s["status"] == "not_done" and s["outputs"] == [] and (s["sheet"], s["piece"], s["copies"]) == ("a4", "a6", 4), s
PY
like "$(cat "$sint/report.html")" "not done (interrupted)</span></h3>" "Ctrl-C on a sheet: report.html shows the sheet as not done"
run render --today "$TODAY" -f a6 --sheet a4 --copies 4 -o "$sint" "$many"
like "$err" "200 rendered, 0 unchanged" "after Ctrl-C on a sheet: the same command draws it"
like "$(pdfinfo "$sint/sheets_a6_on_a4.pdf")" "Pages:           200" "after Ctrl-C on a sheet: all 800 flyers on 200 pages"

# Ctrl-C while the only community is drawn: the file at hand is finished
# (the whole sheet), exit 130.  Without --report nothing is missing, so
# the last line speaks of no report.
one=$T_TMP/one
interrupt "$one.err" '[ "$(ls -a "$one" 2>/dev/null | grep -c "^\.sheets_a6_on_a4\.pdf\.plakat-")" -ge 1 ]' \
        render --today "$TODAY" -f a6 --sheet a4 --copies 1000 -o "$one" "$in/garten/garten.cfg"
is "$rc" 130 "Ctrl-C on the last file, no --report: exit 130"
like "$(tail -n 1 "$one.err")" "1 rendered, 0 unchanged, 0 refused, 0 failed in " \
        "Ctrl-C on the last file, no --report: the file is done and counted"
unlike "$(cat "$one.err")" "report" "Ctrl-C on the last file, no --report: no word of a report"

# The same Ctrl-C while a sheet is drawn that cannot be written (the
# file-size limit): Ctrl-C stopped nothing, so what went wrong is told as
# without it, not as a sheet the run was interrupted before.
# The temporary file appears just before the sheet's one community is
# begun; a Ctrl-C before that (a slow sanitizer build on a busy machine)
# would rightly give the sheet up as not done.  The sheet takes 0.3 s or
# more to draw, and is written at its end: 0.1 s after the file appears,
# the community is under way and the write has not yet failed.
big=$T_TMP/big
(
        ulimit -f 8 || exit 99
        interrupt "$big.err" '[ "$(ls -a "$big" 2>/dev/null | grep -c "^\.sheets_a6_on_a4\.pdf\.plakat-")" -ge 1 ] && sleep 0.1' \
                render --report --today "$TODAY" -f a6 --sheet a4 --copies 1000 -o "$big" "$in/garten/garten.cfg"
        exit $rc
)
is "$?" 130 "Ctrl-C on a sheet that cannot be written: exit 130"
like "$(cat "$big.err")" "sheets_a6_on_a4.pdf: could not write this file: File too large" \
        "Ctrl-C on a sheet that cannot be written: why it was not written, said"
like "$(tail -n 1 "$big.err")" "0 rendered, 0 unchanged, 0 refused, 1 failed, interrupted at the end" \
        "Ctrl-C on a sheet that cannot be written: its community failed, not 'not done'"
counts=$(python3 -c 'import json, sys
r = json.load(open(sys.argv[1]))
print(r["summary"]["failed"], r["summary"]["not_done"], r["communities"][0]["status"], r["sheets"]["status"])' \
        "$big/report.json" 2>&1)
is "$counts" "1 0 failed failed" "Ctrl-C on a sheet that cannot be written: report.json says failed"

# Ctrl-C while the report's pictures are drawn, every file done: exit 130,
# the last line and report.json say so, no further picture is drawn, and
# the same command draws the rest.
rint=$T_TMP/rint
interrupt "$rint.err" '[ "$(ls "$rint/report-thumbs" 2>/dev/null | wc -l)" -ge 5 ]' \
        render --report -j 2 --today "$TODAY" -f a6 -o "$rint" "$many"
is "$rc" 130 "Ctrl-C while the report is drawn: exit 130"
like "$(cat "$rint.err")" "200 rendered, 0 unchanged, 0 refused, 0 failed, interrupted at the end (run the same command again for a whole report)" \
        "Ctrl-C while the report is drawn: the last line says so"
ok_cmd "Ctrl-C while the report is drawn: report.json says interrupted, all done, not every picture" \
        python3 - "$rint" <<'PY'
import json, os, sys
d = sys.argv[1]
r = json.load(open(os.path.join(d, "report.json")))
assert r["summary"]["interrupted"] is True and r["summary"]["not_done"] == 0, r["summary"]
pics = sum(1 for c in r["communities"] for o in c["outputs"] if o["thumbnail"])
assert 5 <= pics < 200, pics
PY
run render --report -j 2 --today "$TODAY" -f a6 -o "$rint" "$many"
like "$err" "0 rendered, 200 unchanged" "after Ctrl-C in the report: all unchanged"
is "$(ls "$rint/report-thumbs" | wc -l)" 200 "after Ctrl-C in the report: every picture there"

# A second signal while the first stop is under way: within a quarter of a
# second it is the same stop told twice (timeout(1) signals the command and
# then its process group, plakat among it) and the stop goes on; later it
# is a second Ctrl-C and plakat ends at once.  A worker held with SIGSTOP
# keeps the first stop waiting for its answer until SIGCONT.
# stop_twice DIR GAP: the batch into DIR, interrupted twice GAP s apart.
stop_twice() {
        "$PLAKAT" render -j 2 --today "$TODAY" -f a6 -o "$1" "$many" >/dev/null 2>"$1.err" &
        pid=$!
        n=0
        while [ "$(ls "$1" 2>/dev/null | grep -c pdf)" -lt 20 ] && [ $n -lt 1000 ]; do sleep 0.01; n=$((n + 1)); done
        held=$(pgrep -P $pid | head -n 1)
        kill -STOP "$held"
        kill -INT $pid
        sleep "$2"
        kill -INT $pid
        sleep 0.1
        kill -CONT "$held"
        wait $pid
        rc=$?
        # The held worker cleans up as it stops (SIGTERM, or its parent gone).
        n=0
        while kill -0 "$held" 2>/dev/null && [ $n -lt 500 ]; do sleep 0.01; n=$((n + 1)); done
}
stop_twice "$T_TMP/twice" 0.05
done_n=$(ls "$T_TMP/twice" | grep -c pdf)
is "$rc" 130 "SIGINT twice at once (as timeout -s INT sends it): exit 130"
like "$(cat "$T_TMP/twice.err")" "not done (interrupted; run the same command again to finish)" \
        "SIGINT twice at once: one stop, the summary said ($done_n there)"
run render -j 2 --today "$TODAY" -f a6 -o "$T_TMP/twice" "$many"
counts=$(printf '%s\n' "$err" | sed -n 's/^\([0-9]*\) rendered, \([0-9]*\) unchanged, 0 refused, 0 failed.*/\1 \2/p')
ok_cmd "SIGINT twice at once: what was finished is recorded ($counts; $done_n were there)" \
        awk -v c="$counts" -v d="$done_n" 'BEGIN { split(c, n, " "); exit !(n[1] + n[2] == 200 && n[2] >= d - 2) }'
stop_twice "$T_TMP/again" 0.5
is "$rc" 130 "a second Ctrl-C: exit 130"
unlike "$(cat "$T_TMP/again.err")" "not done" "a second Ctrl-C: ends at once, no summary"
is "$(find "$T_TMP/again" -name '.*' ! -name . ! -name .plakat-record)" "" "a second Ctrl-C: no temporary files"

# ---- progress on a terminal -------------------------------------------------------------------
if command -v script >/dev/null 2>&1; then
        # One worker: the line is drawn while the second file renders, so
        # "[1/2]" is on it; with two, both may finish between two redraws.
        script -qec "$PLAKAT render -j 1 --force --today $TODAY -f a6 -o $T_TMP/tty $in/garten $in/repair/deep" /dev/null \
                >"$T_TMP/tty.txt" 2>&1
        like "$(cat "$T_TMP/tty.txt")" "[1/2]" "a terminal: the progress line counts"
        run render -j 2 --force --today "$TODAY" -f a6 -o "$T_TMP/tty" "$in/garten" "$in/repair/deep"
        unlike "$err" "[1/2]" "not a terminal: no progress line"
else
        skip "a terminal: the progress line counts" "no script(1)"
        skip "not a terminal: no progress line" "no script(1)"
fi

done_testing
