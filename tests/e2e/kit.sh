#!/bin/sh
# kit.sh: plakat kit, checked with independent readers: the texts within
# their platform's limit (in characters), with name, next date and the
# (tracked) sign-up link; an alt text for every PNG; the calendar file
# expanded by python3-icalendar/dateutil against plakat's own dates; every
# QR code decoded by zbarimg; the card and WOOP sheets like the posters;
# index.html rendered by headless Chromium, every link resolving.
. "$(dirname "$0")/lib.sh"

files="samples/*.cfg tests/data/kit/*.cfg"
K=$T_TMP/kit
# shellcheck disable=SC2086
run kit --today "$TODAY" -o "$K" $files
is "$rc" 0 "kit: every sample and test file makes a kit"
no_sanitizer_report "kit"
like "$out" "/index.html" "kit: lists the files it wrote"

run kit -o - samples/urban-gardening.cfg
is "$rc" 2 "kit -o -: a usage error"

# A refused file: exit 1, nothing of it written, the others still made.
printf 'name = "x";\n' >"$T_TMP/broken.cfg"
run kit --today "$TODAY" -o "$T_TMP/k2" "$T_TMP/broken.cfg" samples/urban-gardening.cfg
is "$rc" 1 "kit with a refused file: exit 1"
ok_cmd "kit with a refused file: no folder for it" test ! -e "$T_TMP/k2/broken"
ok_cmd "kit with a refused file: the good one made" test -s "$T_TMP/k2/urban-gardening/index.html"

have() { command -v "$1" >/dev/null 2>&1; }

for f in $files; do
        slug=$(basename "$f" .cfg)
        D=$K/$slug
        dump=$("${PLAKAT%/*}/tests/test_ics" --dump "$f" "$TODAY" 24)
        # Texts: limits, name, next date, tracked URL (python: characters).
        res=$(python3 - "$f" "$D" "$slug" "$dump" <<'PY'
import re, sys, os
cfg, d, slug, dump = sys.argv[1:5]
src = open(cfg, encoding="utf-8").read()
def val(key):
    m = re.search(r'(?<![\w.])' + key + r'\s*=\s*"([^"]*)"', src)
    return m.group(1) if m else None
name, lang = val("name"), val("language") or "de"
url = re.search(r'url\s*=\s*"(https?://[^"]*)"', src[src.index("signup"):]).group(1)
track = val("track")
def tracked(v):
    if not track:
        return url
    head, hash_, frag = url.partition("#")
    sep = "?" if "?" not in head else ("" if head[-1] in "?&" else "&")
    return head + sep + track + "=" + v + hash_ + frag
limits = {"bielefeld-jetzt": (3000, 0, "bielefeld-jetzt"), "nebenan": (2000, 0, "nebenan"),
          "linkedin": (3000, 0, "linkedin"), "instagram": (2200, 0, "instagram"),
          "mastodon": (500, 23, "mastodon"), "forward": (400, 0, "weiterleitung")}
months = {"de": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
                 "Oktober", "November", "Dezember"],
          "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                 "October", "November", "December"]}
bad = []
first = dump.splitlines()[0].split()[0] if dump.strip() else None
for p, (limit, urlc, tv) in limits.items():
    t = open(os.path.join(d, "%s-%s.txt" % (slug, p)), encoding="utf-8").read()
    n = len(re.sub(r"https?://\S+", "x" * urlc, t)) if urlc else len(t)
    if n > limit: bad.append("%s: %d > %d characters" % (p, n, limit))
    if name not in t: bad.append(p + ": no name")
    if tracked(tv) not in t.split(): bad.append(p + ": no sign-up URL " + tracked(tv))
    if first:
        y, m, dd = (int(x) for x in first.split("-"))
        want = ("%d. %s %d" if lang == "de" else "%d %s %d") % (dd, months[lang][m - 1], y)
        if want not in t: bad.append(p + ": no next date " + want)
    if p in ("instagram",) and len(re.findall(r"(?<!\S)#\w", t)) > 30: bad.append(p + ": > 30 hashtags")
for png in [x for x in os.listdir(d) if x.endswith(".png")]:
    alt = os.path.join(d, png[:-4] + ".alt.txt")
    if not os.path.exists(alt): bad.append("no alt text for " + png); continue
    a = open(alt, encoding="utf-8").read()
    if len(a) > 1000 or name not in a: bad.append("alt text of " + png)
print("\n".join(bad) if bad else "ok")
PY
)
        is "$res" "ok" "$slug: texts within limits with name, date and URL; alt texts"
        # The calendar, read by another program.
        got=$(/usr/bin/python3 tests/e2e/kit-ics.py "$D/$slug.ics" "$TODAY" 24 2>&1)
        want=$(printf '%s\n' "$dump" | while read -r day time venue; do
                printf '%s %s %s\n' "$day" "$time" "$venue"; done)
        # LOCATION is "venue, room, address": compare up to the venue.
        cmp=$(printf '%s\n' "$got" | awk 'NR==FNR { w[FNR] = $0; next }
                { if (index($0, w[FNR]) != 1) print "meeting " FNR ": got \"" $0 "\", want \"" w[FNR] "\"" }
                END { if (FNR != length(w)) print "count differs" }' \
                /dev/fd/3 3<<EOF2 -
$want
EOF2
)
        is "$cmp" "" "$slug: the calendar's first 24 meetings match plakat's (python3-icalendar, dateutil)"
        # Every QR code: images directly, PDFs rasterised.
        qbad=
        for img in "$D"/*.png "$D"/*.pdf; do
                base=$(basename "$img")
                case $base in
                *-cards.pdf) v=freund ;;
                *-woop.pdf) continue ;;
                *) v=${base#"$slug"-}; v=${v%.*} ;;
                esac
                exp=$(python3 -c 'import re,sys
src=open(sys.argv[1],encoding="utf-8").read(); s=src[src.index("signup"):]
url=re.search(r"url\s*=\s*\"(https?://[^\"]*)\"",s).group(1); t=re.search(r"track\s*=\s*\"([^\"]*)\"",s)
if t:
  h,x,fr=url.partition("#"); sep="?" if "?" not in h else ("" if h[-1] in "?&" else "&"); url=h+sep+t.group(1)+"="+sys.argv[2]+x+fr
print(url)' "$f" "$v")
                case $img in
                *.pdf) pdftoppm -r 200 -png "$img" "$T_TMP/q" && codes=$(zbarimg -q --raw "$T_TMP"/q*.png 2>/dev/null); rm -f "$T_TMP"/q*.png ;;
                *) codes=$(zbarimg -q --raw "$img" 2>/dev/null) ;;
                esac
                u=$(printf '%s\n' "$codes" | sort -u)
                [ "$u" = "$exp" ] || qbad="$qbad $base:[$u]!=[$exp]"
                case $base in *-cards.pdf)
                        [ "$(printf '%s\n' "$codes" | grep -c .)" -eq 10 ] || qbad="$qbad $base:not-10-codes" ;;
                esac
        done
        is "$qbad" "" "$slug: every QR code decodes to exactly its (tracked) URL"
        # The sheets, like the posters.
        for s in cards woop; do
                p=$D/$slug-$s.pdf
                ok_cmd "$slug: $s sheet is A4" sh -c "pdfinfo '$p' | grep -q 'Page size: *595.27.* x 841.8.* pts (A4)'"
                ok_cmd "$slug: $s sheet passes qpdf --check" qpdf --check "$p"
                ok_cmd "$slug: $s sheet embeds its fonts" sh -c "pdffonts '$p' | awk 'NR > 2 && \$(NF-4) != \"yes\" { exit 1 }'"
        done
        like "$(pdftotext "$D/$slug-woop.pdf" - | tr '\n' ' ')" "WOOP" "$slug: WOOP sheet text"
        # The meeting the sheet is for, with its weekday, as the texts say it.
        next=$(sed -n 's/^Nächstes Treffen: //p; s/^Next meeting: //p' "$D/$slug-nebenan.txt")
        like "$(pdftotext "$D/$slug-woop.pdf" - | tr '\n' ' ' | tr -s ' ')" "$next" "$slug: WOOP sheet names the next meeting ($next)"
        like "$(pdftotext "$D/$slug-cards.pdf" - | tr '\n' ' ')" "$(python3 -c 'import re,sys
s=open(sys.argv[1],encoding="utf-8").read(); l=re.search(r"language\s*=\s*\"(\w+)\"",s)
print("Komm mit zum" if not l or l.group(1)=="de" else "Come along to")' "$f" | tr a-z A-Z)" "$slug: cards invite"
        # The calendar is named by its file, with what it holds and how
        # to use it (it said "Kalender" under the heading "Kalender").
        like "$(cat "$D/index.html")" "$slug.ics</a>: " "$slug: index names the calendar file and says how to use it"
        # index.html: every link resolves; Chromium draws something.
        missing=$(grep -o 'href="[^"]*"\|src="[^"]*"' "$D/index.html" | sed 's/^[a-z]*="//; s/"$//' |
                python3 -c 'import sys,urllib.parse,os
for l in sys.stdin:
    p=urllib.parse.unquote(l.strip())
    if not os.path.isfile(os.path.join(sys.argv[1],p)): print(p)' "$D")
        is "$missing" "" "$slug: every link in index.html resolves"
done

# index.html names each file in the community's language, whatever the
# terminal's: the format's description_de for a German community, the
# English description for an English one, the same bytes in any locale.
like "$(cat "$K/urban-gardening/index.html")" "A3-Plakat (für Schwarze Bretter)" \
        "German community: index.html names the A3 poster in German"
unlike "$(cat "$K/urban-gardening/index.html")" "A3 poster" "German community: no English format description"
like "$(cat "$K/data-ethics-meetup/index.html")" "A3 poster (notice boards)" \
        "English community: index.html names the A3 poster in English"
LANGUAGE=de LANG=C.UTF-8 LC_ALL= "$PLAKAT" kit --today "$TODAY" -o "$T_TMP/kit-de" samples/data-ethics-meetup.cfg \
        >/dev/null 2>&1
ok_cmd "index.html: the same bytes in a German locale" \
        cmp "$K/data-ethics-meetup/index.html" "$T_TMP/kit-de/data-ethics-meetup/index.html"

# One screenshot per language is enough for the page's machinery.
if have chromium; then
        for slug in urban-gardening data-ethics-meetup; do
                shot=$T_TMP/$slug.png
                HOME=$T_TMP timeout 120 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
                        --screenshot="$shot" --window-size=1200,1600 "file://$K/$slug/index.html" >/dev/null 2>&1
                colours=$(convert "$shot" -format '%k' info: 2>/dev/null)
                ok_cmd "$slug: index.html screenshot is not blank ($colours colours)" test "${colours:-0}" -gt 50
        done
else
        skip "chromium not installed (scripts/deps.sh test)"
fi

# A sign-up label a lead wrote with its own mark ("Mach mit!") gets no
# colon after it, in the texts and in the calendar.
mkdir -p "$T_TMP/label"
sed 's|^  url = "https://bielefeld.jetzt/cop/urban-gardening";|  url = "https://bielefeld.jetzt/cop/urban-gardening"; label = "Mach mit!";|' \
        samples/urban-gardening.cfg >"$T_TMP/label/mach.cfg"
run kit -q --today "$TODAY" -o "$T_TMP/label-out" "$T_TMP/label/mach.cfg"
is "$rc" 0 "signup.label with its own mark: kit made"
texts=$(cat "$T_TMP/label-out/mach"/*.txt "$T_TMP/label-out/mach/mach.ics")
like "$texts" "Mach mit!" "signup.label with its own mark: in the texts"
unlike "$texts" "Mach mit!:" "signup.label with its own mark: no colon after it"

# Two communities whose files share a name (lesekreis.cfg in two folders,
# or at two leads'): their calendars' UIDs differ, or a calendar given
# both takes one's meetings for the other's (RFC 5545: unique UIDs).
mkdir -p "$T_TMP/uid/a" "$T_TMP/uid/b"
cp samples/urban-gardening.cfg "$T_TMP/uid/a/garten.cfg"
sed 's|cop/urban-gardening|cop/urban-gardening-nord|' samples/urban-gardening.cfg >"$T_TMP/uid/b/garten.cfg"
run kit -q --today "$TODAY" -o "$T_TMP/uid/ka" "$T_TMP/uid/a/garten.cfg"
run kit -q --today "$TODAY" -o "$T_TMP/uid/kb" "$T_TMP/uid/b/garten.cfg"
ua=$(grep '^UID:' "$T_TMP/uid/ka/garten/garten.ics" | tr -d '\r')
ub=$(grep '^UID:' "$T_TMP/uid/kb/garten/garten.ics" | tr -d '\r')
like "$ua" "UID:garten-" "calendar UID: named after the file"
ok_cmd "calendar UID: two files of one name, two sign-up addresses: other UIDs ($ua, $ub)" test "$ua" != "$ub"

# A long file name in umlauts, with a comma: the UID keeps whole
# characters (cut at byte 60, "a,b" + 35 x "ä" lost half an "ä" and the
# calendar was no longer UTF-8) and escapes the comma (a TEXT value).
mkdir -p "$T_TMP/uid/c"
long="a,b$(printf 'ä%.0s' $(seq 1 35))"
cp samples/urban-gardening.cfg "$T_TMP/uid/c/$long.cfg"
run kit -q --today "$TODAY" -o "$T_TMP/uid/kc" "$T_TMP/uid/c/$long.cfg"
is "$rc" 0 "calendar UID of a long name in umlauts: kit made"
uc=$(/usr/bin/python3 -c '
import sys, icalendar
raw = open(sys.argv[1], "rb").read()
raw.decode("utf-8")  # strict: a cut character raises
uids = {str(e["UID"]) for e in icalendar.Calendar.from_ical(raw).walk("VEVENT")}
print(" ".join(sorted(uids)))
' "$T_TMP/uid/kc/$long/$long.ics" 2>&1)
like "$uc" "a,b$(printf 'ä%.0s' $(seq 1 28))-" "calendar UID of a long name in umlauts: whole characters, UTF-8 ($uc)"
like "$(tr -d '\r\n ' <"$T_TMP/uid/kc/$long/$long.ics")" 'UID:a\,b' "calendar UID: a comma in the name is escaped"

# The message a member forwards (400 characters at most): where the
# meeting is matters more than the topic or the group's chats, so those
# go first.
mkdir -p "$T_TMP/fwd"
sed -e 's/^name .*/name = "Nachbarschaftsgarten Schildesche";/' \
        -e 's/^topic .*/topic = "Gemeinsam gärtnern, Saatgut tauschen, Nachbarn kennenlernen";/' \
        samples/urban-gardening.cfg >"$T_TMP/fwd/garten.cfg"
# add_chats FILE INVITE MAIL: a WhatsApp group and an e-mail list.
add_chats() {
        cat >>"$1" <<CFG
channels = (
  { type = "whatsapp"; name = "Gartenchat"; url = "https://chat.whatsapp.com/$2"; },
  { type = "email"; url = "mailto:$3"; }
);
CFG
}
add_chats "$T_TMP/fwd/garten.cfg" GartenSchildescheEinladung2027 garten-schildesche@example.org
run kit -q --today "$TODAY" -o "$T_TMP/fwd/out" "$T_TMP/fwd/garten.cfg"
fwd=$(cat "$T_TMP/fwd/out/garten/garten-forward.txt")
like "$fwd" "Wo? Innovation Office der Stadt Bielefeld" "forwarded message over its limit: the place stays"
unlike "$fwd" "Saatgut tauschen" "forwarded message over its limit: the topic goes first"
ok_cmd "forwarded message: at most 400 characters" \
        python3 -c 'import sys; sys.exit(len(open(sys.argv[1], encoding="utf-8").read()) > 400)' \
        "$T_TMP/fwd/out/garten/garten-forward.txt"
nb=$(cat "$T_TMP/fwd/out/garten/garten-nebenan.txt")
like "$nb" "Austausch zwischen den Treffen:
Gartenchat (WhatsApp): https://chat.whatsapp.com/GartenSchildescheEinladung2027" "nebenan.de: the channels under their heading"
unlike "$(cat "$T_TMP/fwd/out/garten/garten-instagram.txt" "$T_TMP/fwd/out/garten/garten-linkedin.txt")" \
        "chat.whatsapp.com" "public feeds: no invite link to the group chat"
sed -e 's/^name .*/name = "Garten Schildesche";/' -e 's/^topic .*/topic = "Gärtnern";/' \
        samples/urban-gardening.cfg >"$T_TMP/fwd/kurz.cfg"
run kit -q --today "$TODAY" -o "$T_TMP/fwd/out" "$T_TMP/fwd/kurz.cfg"
like "$(cat "$T_TMP/fwd/out/kurz/kurz-forward.txt")" "Gärtnern" "forwarded message with room: the topic is there"
# With room, the group's chats and lists go with it, each with its link.
cp "$T_TMP/fwd/kurz.cfg" "$T_TMP/fwd/chat.cfg"
add_chats "$T_TMP/fwd/chat.cfg" Garten2027 garten@example.org
run kit -q --today "$TODAY" -o "$T_TMP/fwd/out" "$T_TMP/fwd/chat.cfg"
fwd=$(cat "$T_TMP/fwd/out/chat/chat-forward.txt")
like "$fwd" "Gartenchat (WhatsApp): https://chat.whatsapp.com/Garten2027" \
        "forwarded message: the group chat with its invite link"
like "$fwd" "E-Mail: garten@example.org" "forwarded message: an e-mail channel as an address"
like "$fwd" "Wo? Innovation Office der Stadt Bielefeld" "forwarded message with a chat: the place too"

# Instagram shows a caption's address as text only: its sign-up line says
# where the link is; the other texts give the link alone.
like "$(cat "$T_TMP/fwd/out/kurz/kurz-instagram.txt")" "Jetzt anmelden (Link in der Bio):" \
        "Instagram: the sign-up points to the profile's link"
unlike "$(cat "$T_TMP/fwd/out/kurz/kurz-nebenan.txt" "$T_TMP/fwd/out/kurz/kurz-mastodon.txt")" "Link in der Bio" \
        "nebenan.de and Mastodon: no note (their links work)"

# A single meeting or a list of dates: its "Wann?" would name the next
# meeting again, so only "Nächstes Treffen" says it; a rule keeps both.
run kit -q --today "$TODAY" -o "$T_TMP/once" tests/data/render/minimal.cfg samples/klimawerkstatt-brackwede.cfg \
        samples/urban-gardening.cfg
for s in minimal klimawerkstatt-brackwede; do
        t=$(cat "$T_TMP/once/$s/$s-nebenan.txt")
        unlike "$t" "Wann?" "$s: the next meeting is not said twice"
        like "$t" "Nächstes Treffen: " "$s: the next meeting is said"
done
like "$(cat "$T_TMP/once/urban-gardening/urban-gardening-nebenan.txt")" "Wann? Jeden 2. Dienstag im Monat" \
        "a rule: its rhythm is said as well"

done_testing
