#!/bin/sh
# report.sh: --report writes report.json (the documented fields, valid JSON
# whatever the file names hold) and report.html (one page whose every link
# and picture is a file in the folder, refused communities first), and a
# real browser shows its thumbnails.
. "$(dirname "$0")/lib.sh"

in=$T_TMP/communities
res=$T_TMP/out
mkdir -p "$in/nord/garten" "$in/sued"
cp -r samples/images "$in/nord/garten/"
cp samples/urban-gardening.cfg "$in/nord/garten/"
cp samples/stammtisch-altstadt.cfg "$in/sued/"
# An unknown setting: a warning, the file is still rendered.
sed 's/^lead = {/leed = 1;\nlead = {/' samples/reading-circle-library.cfg >"$in/sued/lesekreis.cfg"
# A name a browser and a JSON reader must both survive.
community "$in/sued/Q \"<b>&#1 50%.cfg" 'Quote & Co'
# Refused: a syntax error, under a name that is not UTF-8.
bad=$(printf '%s/kaputt-\377.cfg' "$in")
printf 'name = "Kaputt"\ntopic = ;\n' >"$bad"

run render --today "$TODAY" --report -j 2 -f a6 -f instagram -o "$res" "$in"
is "$rc" 1 "a refused community: exit 1"
ok_cmd "report.json written" test -s "$res/report.json"
ok_cmd "report.html written" test -s "$res/report.html"
like "$err" "1 refused" "the summary line still comes"

# The documented fields (docs/report.md), their types and their truth.
check_json() { # check_json DIR STATUS-OF-GOOD
        python3 - "$1" "$2" "$TODAY" <<'PY'
import hashlib, json, os, re, sys
d, good, today = sys.argv[1], sys.argv[2], sys.argv[3]
with open(os.path.join(d, "report.json"), "rb") as f:
    raw = f.read()
r = json.loads(raw.decode("utf-8"))   # strict UTF-8 and JSON
def need(c, msg):
    if not c:
        print("# " + msg); sys.exit(1)
need(r["report"] == 1 and isinstance(r["plakat"], str) and r["plakat"], "report, plakat")
need(r["date"] == today, "date is --today")
s = r["summary"]
for k in ("communities", "rendered", "unchanged", "refused", "failed", "not_done"):
    need(isinstance(s[k], int) and s[k] >= 0, "summary." + k)
need(isinstance(s["interrupted"], bool) and isinstance(s["seconds"], (int, float)), "summary types")
cs = r["communities"]
need(len(cs) == s["communities"] == 5, "five communities")
need([c["input"] for c in cs] == sorted(c["input"] for c in cs), "in input order")
st = [c["status"] for c in cs]
need(st.count("refused") == s["refused"] == 1 and st.count(good) == 4, "statuses: %r" % st)
need(s["rendered" if good == "ok" else "unchanged"] == 4, "summary counts")
for c in cs:
    need(set(c) >= {"input", "status", "errors", "warnings", "seconds", "messages", "outputs"}, "fields")
    need(c["status"] in ("ok", "unchanged", "refused", "failed", "not_done"), "status word")
    for m in c["messages"]:
        need(m["level"] in ("error", "warning"), "level")
        need(m["line"] is None or (isinstance(m["line"], int) and m["line"] > 0), "line")
        need(m["setting"] is None or isinstance(m["setting"], str), "setting")
        need(isinstance(m["message"], str) and m["text"].endswith(m["message"]), "message in text")
    for o in c["outputs"]:
        need(re.fullmatch(r"[0-9a-f]{64}", o["sha256"]), "sha256")
        p = os.path.join(d, o["path"])
        need(not os.path.isabs(o["path"]) and os.path.isfile(p), "output exists: " + o["path"])
        need(hashlib.sha256(open(p, "rb").read()).hexdigest() == o["sha256"], "sha256 of " + o["path"])
        need(o["format"] in ("a6", "instagram") and o["kind"] in ("pdf", "png"), "format, kind")
        need(o["thumbnail"] and os.path.isfile(os.path.join(d, o["thumbnail"])), "thumbnail exists")
    if c["status"] in ("ok", "unchanged"):
        need(len(c["outputs"]) == 2, "two outputs each")
ref = [c for c in cs if c["status"] == "refused"][0]
need("\ufffd" in ref["input"] and ref["outputs"] == [], "invalid UTF-8 replaced; nothing written")
m = ref["messages"][0]
need(m["level"] == "error" and m["line"] == 2 and m["setting"] is None, "syntax error: line 2")
if good == "ok":
    w = [c for c in cs if c["input"].endswith("lesekreis.cfg")][0]
    need(w["warnings"] == 1 and w["messages"][0]["setting"] == "leed" and w["messages"][0]["line"] == 8
         and w["messages"][0]["level"] == "warning", "the warning's line and setting")
need(r["sheets"] is None, "no sheets")
PY
}
ok_cmd "report.json: valid, with the documented fields" check_json "$res" ok

# Every link and picture of the page is a file in the folder, nothing is
# fetched from elsewhere, the refused community comes before any picture.
check_html() { # check_html DIR [PICTURES]
        python3 - "$1" "${2:-8}" <<'PY'
import os, sys, urllib.parse
from html.parser import HTMLParser
d, pictures = sys.argv[1], int(sys.argv[2])
text = open(os.path.join(d, "report.html"), encoding="utf-8").read()
class P(HTMLParser):
    links, imgs, viewport = [], [], False
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and a.get("name") == "viewport": P.viewport = True
        for k in ("href", "src"):
            if k in a: (P.imgs if tag == "img" else P.links).append(a[k])
        if tag in ("script", "link", "iframe", "object"): print("# has <%s>" % tag); sys.exit(1)
P().feed(text)
if not P.viewport: print("# no viewport"); sys.exit(1)
if len(P.imgs) < pictures: print("# %d pictures" % len(P.imgs)); sys.exit(1)
for u in P.links + P.imgs:
    # A fragment opens a file at a place (a sheet's #page=3): the file counts.
    p = urllib.parse.unquote(urllib.parse.urldefrag(u)[0])
    if "://" in u or u.startswith("/") or ".." in p.split("/") or not os.path.isfile(os.path.join(d, p)):
        print("# does not resolve: " + u); sys.exit(1)
if text.find("kaputt-") > text.find("<img"): print("# refused not first"); sys.exit(1)
PY
}
ok_cmd "report.html: every href and src is a file in the folder" check_html "$res"
html=$(cat "$res/report.html")
like "$html" "$(printf '%s/kaputt-\357\277\275.cfg:2: syntax error' "$in")" "the refused file's message as on the terminal"
like "$html" "Q &quot;&lt;b&gt;&amp;#1 50%" "a strange name is HTML-escaped"
unlike "$html" '<b>&#1' "nothing of a name becomes markup"
like "$html" "warning: leed: unknown setting" "the warning is shown"
like "$html" '<html lang="en">' "the page says it is English"
like "$html" "<h2>Outputs <small>4 communities; tap a picture to open the file</small></h2>" "the outputs heading"
like "$html" 'badge warn">rendered · 1 warning</span>' "a warning in the singular"
like "$html" 'class="card warned"' "the community with a warning is marked"

# The folder works elsewhere: links are relative.
cp -r "$res" "$T_TMP/copy"
ok_cmd "a copy of the folder: every link still resolves" check_html "$T_TMP/copy"

# A re-run: everything unchanged, the thumbnails are not drawn again.
thumb=$(ls "$res/report-thumbs" | head -1)
before=$(stat -c %Y.%y "$res/report-thumbs/$thumb")
sleep 1
run render --today "$TODAY" --report -j 2 -f a6 -f instagram -o "$res" "$in"
ok_cmd "re-run: report.json says unchanged" check_json "$res" unchanged
is "$(stat -c %Y.%y "$res/report-thumbs/$thumb")" "$before" "re-run: the thumbnail is reused, not redrawn"
ok_cmd "re-run: every link resolves" check_html "$res"

# Sheets: the sheet PDF is in the report and every community links to it.
run render --today "$TODAY" --report --sheet a4 --copies 2 -f a6 -o "$T_TMP/sheets" "$in"
is "$rc" 1 "sheets with a refused community: exit 1"
ok_cmd "sheets: the report lists the sheet" python3 - "$T_TMP/sheets" <<'PY'
import json, os, sys
d = sys.argv[1]
r = json.load(open(os.path.join(d, "report.json")))
s = r["sheets"]
assert s["sheet"] == "a4" and s["piece"] == "a6" and s["copies"] == 2 and s["status"] == "ok", s
assert [o["path"] for o in s["outputs"]] == ["sheets_a6_on_a4.pdf"], s
assert os.path.isfile(os.path.join(d, "sheets_a6_on_a4.pdf"))
good = [c for c in r["communities"] if c["status"] == "ok"]
assert len(good) == 4 and all(c["outputs"][0]["path"] == "sheets_a6_on_a4.pdf" and
                              os.path.isfile(os.path.join(d, c["outputs"][0]["thumbnail"])) for c in good)
PY
ok_cmd "sheets: every link resolves" check_html "$T_TMP/sheets" 4

# Sheets as the report counts and labels them: every community's output is
# the piece's format on the sheet, the sheet's warning is counted.
sheets_json() { # sheets_json DIR STATUS: the statuses, counts and formats
        python3 - "$1" "$2" <<'PY'
import json, os, sys
d, want = sys.argv[1], sys.argv[2]
r = json.load(open(os.path.join(d, "report.json")))
s, cs = r["summary"], r["communities"]
good = [c for c in cs if c["status"] != "refused"]
assert len(good) == 4 and all(c["status"] == want for c in good), [c["status"] for c in cs]
assert (s["rendered"], s["unchanged"], s["refused"]) == ((4, 0, 1) if want == "ok" else (0, 4, 1)), s
assert r["sheets"]["status"] == want, r["sheets"]
assert all(o["format"] == "a6" for c in good for o in c["outputs"]), [c["outputs"] for c in good]
assert [o["format"] for o in r["sheets"]["outputs"]] == ["a6"], r["sheets"]
PY
}
ok_cmd "sheets: report.json statuses, counts and formats" sheets_json "$T_TMP/sheets" ok
like "$(cat "$T_TMP/sheets/report.html")" "<b>2</b>with warnings" "sheets: the sheet's warning is counted in the header"
like "$(cat "$T_TMP/sheets/report.html")" "a6 on a4 sheet · PDF" "sheets: a piece is labelled with its sheet"

# The same sheets again: nothing rendered, the sheet untouched, and every
# count, status and badge says unchanged.
before=$(stat -c %y "$T_TMP/sheets/sheets_a6_on_a4.pdf")
run render --today "$TODAY" --report --sheet a4 --copies 2 -f a6 -o "$T_TMP/sheets" "$in"
like "$err" "0 rendered, 4 unchanged, 1 refused, 0 failed" "sheets re-run: the summary counts them unchanged"
is "$(stat -c %y "$T_TMP/sheets/sheets_a6_on_a4.pdf")" "$before" "sheets re-run: the sheet PDF is not written again"
ok_cmd "sheets re-run: report.json says unchanged" sheets_json "$T_TMP/sheets" unchanged
html=$(cat "$T_TMP/sheets/report.html")
unlike "$html" "not written" "sheets re-run: the sheet is not shown as not written"
unlike "$html" "\">rendered" "sheets re-run: no community badge says rendered"
like "$html" "<b>0</b>rendered" "sheets re-run: the header counts none rendered"
like "$html" "a6 on a4 sheet · PDF" "sheets re-run: the same label as the first run"
ok_cmd "sheets re-run: every link resolves" check_html "$T_TMP/sheets" 4

# In German the level word of the sheet's warning is no setting.
de=
for l in de_DE.UTF-8 de_DE.utf8; do
        locale -a 2>/dev/null | grep -qix "$l" && de=$l && break
done
if [ -n "$de" ]; then
        LANG=$de LC_ALL= LANGUAGE= "$PLAKAT" render --today "$TODAY" --report --sheet a4 -f a6 -o "$T_TMP/sheets-de" \
                "$in/sued/stammtisch-altstadt.cfg" >/dev/null 2>&1
        ok_cmd "German: the sheet's warning has no setting" python3 - "$T_TMP/sheets-de" <<'PY'
import json, os, sys
m = json.load(open(os.path.join(sys.argv[1], "report.json")))["sheets"]["messages"]
assert m and all(x["level"] == "warning" and x["setting"] is None and "Warnung" in x["text"] for x in m), m
PY
        html=$(cat "$T_TMP/sheets-de/report.html")
        like "$html" "<h2>Druckbogen</h2>" "German: the sheets heading"
        like "$html" "a6 auf a4, je 1 Exemplar <span" "German: the sheet's title, one copy in the singular"
        like "$html" "a6 auf Bogen a4 · PDF" "German: a piece is labelled with its sheet"
        unlike "$html" "Print sheets|on a4 sheet|copy each" "German: no English on the sheet's card"

        # The whole page in German for the leads; report.json stays data.
        LANG=$de LC_ALL= LANGUAGE= "$PLAKAT" render --today "$TODAY" --report -j 2 -f a6 -f instagram -o "$T_TMP/de" \
                "$in" >/dev/null 2>&1
        ok_cmd "German: report.json keeps its English keys and values" check_json "$T_TMP/de" ok
        ok_cmd "German: every href and src is a file in the folder" check_html "$T_TMP/de"
        html=$(cat "$T_TMP/de/report.html")
        like "$html" '<html lang="de">' "German: the page says it is German"
        like "$html" "<h1>plakat-Bericht</h1>" "German: the title"
        like "$html" "5 Gemeinschaften · Treffen ab $TODAY" "German: communities and date"
        like "$html" "<b>4</b>erzeugt</li>" "German: the header counts"
        like "$html" "<b>1</b>mit Warnungen</li>" "German: the count of warned communities"
        like "$html" "<h2>Bitte prüfen <small>1 abgelehnt oder fehlgeschlagen" "German: the refused heading"
        like "$html" 'badge bad">abgelehnt</span>' "German: the refused badge"
        like "$html" 'badge ok">erzeugt</span>' "German: the rendered badge"
        like "$html" 'badge warn">erzeugt · 1 Warnung</span>' "German: a warning in the singular"
        like "$html" "<h2>Erzeugte Dateien <small>4 Gemeinschaften; ein Bild antippen" "German: the outputs heading"
        like "$html" "Warnung: leed: unbekannte Angabe" "German: the warning as the terminal shows it"
        like "$html" "<footer>Geschrieben von plakat" "German: the footer"
        # What a reader sees: the text without the style sheet and tags
        # (class names such as "warnings" are no words on the page).
        text=$(sed -e '/<style>/,/<\/style>/d' -e 's/<[^>]*>//g' "$T_TMP/de/report.html")
        for w in "plakat report" "meetings as of" rendered refused unchanged "with warnings" "Needs attention" \
                Outputs "tap a picture" warning "Written by" "data for scripts"; do
                unlike "$text" "$w" "German: no \"$w\" on the page"
        done
        unlike "$html" 'lang="en"' "German: the page does not claim to be English"
else
        skip "German: the sheet's warning has no setting" "no de_DE.UTF-8 locale"
        skip "German: report.html in German" "no de_DE.UTF-8 locale"
fi

# A real browser: the page is not blank and the thumbnails show.  The same
# page without its pictures is the measure: thumbnails bring thousands of
# colours that text and boxes do not.
if ! command -v chromium >/dev/null 2>&1; then
        skip "chromium shows the report" "chromium is not installed (scripts/deps.sh test installs it)"
        done_testing
fi
shot() { # shot HTML PNG
        timeout 120 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$T_TMP/chromium" \
                --screenshot="$2" --window-size=1200,1600 "file://$1" >"$T_TMP/chromium.log" 2>&1 || cat "$T_TMP/chromium.log" >&2
}
colours() { convert "$1" -format %k info:; }
mkdir -p "$T_TMP/bare"
cp "$res/report.html" "$T_TMP/bare/"
shot "$res/report.html" "$T_TMP/shot.png"
shot "$T_TMP/bare/report.html" "$T_TMP/bare.png"
ok_cmd "chromium took a screenshot" test -s "$T_TMP/shot.png"
full=$(colours "$T_TMP/shot.png")
bare=$(colours "$T_TMP/bare.png")
ok_cmd "the page is not blank ($full colours)" test "$full" -gt 50
# Pixels that differ between the two: the thumbnails' area (8 of about
# 130 x 180 px each), not a few broken-image icons.
diff=$(compare -metric AE "$T_TMP/shot.png" "$T_TMP/bare.png" null: 2>&1)
diff=${diff%% *}
ok_cmd "the thumbnails show ($diff pixels differ from the page without them)" test "${diff%.*}" -gt 100000
# The lower half holds the outputs' thumbnails (the refused one is above).
lower=$(convert "$T_TMP/shot.png" -crop 1200x800+0+800 +repage -format %k info:)
ok_cmd "thumbnails in the lower half of the page ($lower colours)" test "$lower" -gt 1000
cp "$T_TMP/shot.png" "$T_TMP/bare.png" "${REPORT_SHOTS:-$T_TMP}/" 2>/dev/null

done_testing
