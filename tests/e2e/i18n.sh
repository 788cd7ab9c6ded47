#!/bin/sh
# i18n.sh: plakat speaks German under a German locale and English
# otherwise; the catalogue is complete; outputs are the same bytes in both.
#   - po/de.po has a translation for every message the sources mark (a
#     fresh template from xgettext, merged: 0 untranslated, 0 fuzzy);
#   - every file of the error corpus (tests/data/bad) checked under
#     de_DE.UTF-8 leaves no English word of plakat's messages, once file
#     names, setting names and quoted values (which stay as written) are
#     taken out; the same check finds the English under LANG=C (so it can
#     fail);
#   - rendered outputs are byte-identical under de_DE.UTF-8 and C (numbers
#     stay in the C locale).
. "$(dirname "$0")/lib.sh"

if ! command -v msgfmt >/dev/null || ! command -v xgettext >/dev/null; then
        skip "German catalogue" "gettext is not installed (scripts/deps.sh build)"
        done_testing
fi

# ---- completeness -------------------------------------------------------------
pot=$T_TMP/plakat.pot
if env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s POT="$pot" "$pot" >"$T_TMP/make.log" 2>&1; then
        pass "xgettext writes the template"
else
        fail "xgettext writes the template" "$(cat "$T_TMP/make.log")"
fi
msgmerge --quiet --no-fuzzy-matching -o "$T_TMP/de.po" po/de.po "$pot" 2>"$T_TMP/merge.log"
stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$T_TMP/de.po" 2>&1)
case $stats in
*untranslated* | *fuzzy* | *rror*) fail "po/de.po: every marked message translated, none fuzzy" "$stats" "$(cat "$T_TMP/merge.log")" ;;
*" translated messages.") pass "po/de.po: every marked message translated, none fuzzy ($stats)" ;;
*) fail "po/de.po: every marked message translated" "$stats" ;;
esac
stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null po/de.po 2>&1)
unlike "$stats" "untranslated" "po/de.po itself: no untranslated entries"
unlike "$stats" "fuzzy" "po/de.po itself: no fuzzy entries"

# ---- the error corpus in German -----------------------------------------------
de=
for l in de_DE.UTF-8 de_DE.utf8; do
        locale -a 2>/dev/null | grep -qix "$l" && de=$l && break
done
if [ -z "$de" ]; then
        skip "messages in German" "no de_DE.UTF-8 locale (scripts/deps.sh test generates it)"
        done_testing
fi

# The English words of plakat's own messages: every word of four letters
# or more in a msgid that no German translation uses.
words=$T_TMP/english-words
python3 - "$pot" po/de.po >"$words" <<'PY'
import re, sys
def strings(path, key):
    text = open(path, encoding='utf-8').read()
    out = []
    for m in re.finditer(r'^%s(?:\[\d\])? ((?:"[^\n]*"\n)+)' % key, text, re.M):
        out.append(''.join(re.findall(r'"(.*)"', m.group(1))))
    return out
english = set()
for s in strings(sys.argv[1], 'msgid') + strings(sys.argv[1], 'msgid_plural'):
    english.update(w.lower() for w in re.findall(r'[A-Za-z]{4,}', re.sub(r'%[-0-9.*]*[a-z]+', ' ', s)))
german = set()
for s in strings(sys.argv[2], 'msgstr'):
    german.update(w.lower() for w in re.findall(r'[A-Za-zäöüß]{4,}', s))
for w in sorted(english - german):
    print(w)
PY

# Words in messages that are not plakat's: file names and settings before
# ": ", quoted values, option and setting names, libconfig's own words.
english_left() { # english_left FILE: the English words left in FILE's messages
        python3 - "$words" "$1" <<'PY'
import re, sys
english = set(open(sys.argv[1]).read().split())
left = set()
for line in open(sys.argv[2], encoding='utf-8'):
    line = re.sub(r'^\S+?(:\d+)?: ', '', line.rstrip('\n'))        # file:line:
    line = re.sub(r'^(Warnung: )?[a-z_][a-z_.0-9\[\]]*: ', '', line)  # the setting
    line = re.sub(r'\b[a-z_][a-z_.]*\?', ' ', line)                # did you mean name?
    line = re.sub(r'„[^“]*“|"[^"]*"|\([^()]*@[^()]*\)', ' ', line)  # values, examples
    line = re.sub(r'\b[a-z_]+(\.[a-z_]+)+(\[\d+\])?', ' ', line)    # setting names
    line = re.sub(r'--?[a-z-]+|https?://\S*|\S+\.(cfg|png|svg|jpg)', ' ', line)
    line = re.sub(r'\b(warning|error)\b', lambda m: m.group(0).upper(), line)
    for w in re.findall(r'[A-Za-z]{4,}', line):
        if w.lower() in english or w.isupper() and w.lower() in english:
            left.add(w)
print(' '.join(sorted(left)))
PY
}

for f in tests/data/bad/*.cfg; do
        LANG=$de LC_ALL= LANGUAGE= "$PLAKAT" check --today "$TODAY" "$f" >"$OUT" 2>"$ERR"
        cat "$OUT" "$ERR" >"$T_TMP/all"
        is "$(english_left "$T_TMP/all")" "" "$f: no English left under $de"
done
LANG=C LC_ALL= LANGUAGE= "$PLAKAT" check --today "$TODAY" tests/data/bad/several-errors.cfg >"$OUT" 2>"$ERR"
left=$(english_left "$ERR")
ok_cmd "the same check finds the English under LANG=C ($left)" test -n "$left"
like "$(cat "$ERR")" "refused (8 errors)" "LANG=C: English messages"

LANG=$de LC_ALL= LANGUAGE= "$PLAKAT" check --today "$TODAY" tests/data/bad/bad-date-format.cfg >"$OUT" 2>"$ERR"
like "$(cat "$ERR")" "tests/data/bad/bad-date-format.cfg:4: schedule.first: erwartet „JJJJ-MM-TT HH:MM“, gefunden „09.01.2027 14:00“" \
        "German: file:line and the setting as written, values in „…“"
like "$(cat "$ERR")" "; meintest du „2027-01-09 14:00“ (ein Samstag)?" \
        "German: a date written the German way gets plakat's form, and its weekday, in German"
like "$(cat "$ERR")" "abgelehnt (1 Fehler)" "German: the summary, singular"
LANG=$de LC_ALL= LANGUAGE= "$PLAKAT" check --today "$TODAY" tests/data/bad/several-errors.cfg >"$OUT" 2>"$ERR"
like "$(cat "$ERR")" "abgelehnt (8 Fehler)" "German: the summary, plural"
LANG=$de LC_ALL= LANGUAGE= "$PLAKAT" --help >"$OUT" 2>"$ERR"
like "$(cat "$OUT")" "Aufruf: plakat check" "German --help"
LANG=$de LC_ALL= LANGUAGE= "$PLAKAT" render --bleed x samples/urban-gardening.cfg >"$OUT" 2>"$ERR"
like "$(cat "$ERR")" "erwartet Millimeter" "German usage errors"
like "$(cat "$ERR")" "Mehr dazu mit „plakat --help“" "German --help hint"
LANG=$de LC_ALL= LANGUAGE= "$PLAKAT" check --today "$TODAY" samples/urban-gardening.cfg >"$OUT" 2>"$ERR"
like "$(cat "$OUT")" "  Nächste:       12. Jan." "German check labels, values lined up by characters"
# check's "Nicht gezeigt" line: "alle Formate", not "all".
LANG=$de LC_ALL= LANGUAGE= "$PLAKAT" check --today "$TODAY" -l klar -f a3,instagram samples/data-ethics-meetup.cfg >"$OUT" 2>"$ERR"
like "$(cat "$OUT")" "Nicht gezeigt: lead.role überall; " "German Not shown: every format in German"
unlike "$(cat "$OUT")" "everywhere" "German Not shown: no English everywhere"
# The sheet warnings are whole German sentences, not English pieces
# ("... kein Platz für Schnittmarken around").
LANG=$de LC_ALL= LANGUAGE= "$PLAKAT" render --today "$TODAY" -f a6 --sheet a4 -o "$T_TMP/sheet-de" \
        samples/urban-gardening.cfg >"$OUT" 2>"$ERR"
like "$(cat "$ERR")" "Warnung: der Bogen a4 ist mit 4 × a6 von Rand zu Rand gefüllt: kein Platz für Schnittmarken rund um die Stücke; schneide zwischen den Stücken oder nimm für Schnittmarken einen größeren Bogen (--sheet sra4, sra3)" \
        "German sheet warning, edge to edge"
is "$(english_left "$ERR")" "" "German sheet warning, edge to edge: no English left"
LANG=$de LC_ALL= LANGUAGE= "$PLAKAT" render --today "$TODAY" -f a6 --sheet sra4 --bleed 3 -o "$T_TMP/sheet-de" \
        samples/urban-gardening.cfg >"$OUT" 2>"$ERR"
like "$(cat "$ERR")" "Warnung: die Breite des Bogens sra4 ist mit 4 × a6 ganz gefüllt: kein Platz für Schnittmarken links und rechts der Stücke; schneide zwischen den Stücken oder nimm für Schnittmarken einen größeren Bogen (--sheet a3, sra3)" \
        "German sheet warning, the width filled"
is "$(english_left "$ERR")" "" "German sheet warning, the width filled: no English left"

# One piece on the sheet: "das Stück", not "die Stücke".
LANG=$de LC_ALL= LANGUAGE= "$PLAKAT" render --today "$TODAY" -f a3 --sheet a3 -o "$T_TMP/sheet-de" \
        samples/urban-gardening.cfg >"$OUT" 2>"$ERR"
like "$(cat "$ERR")" "Warnung: der Bogen a3 ist mit 1 × a3 von Rand zu Rand gefüllt: kein Platz für Schnittmarken rund um das Stück; das Stück ist der ganze Bogen und muss nicht geschnitten werden; ein größerer Bogen (--sheet sra3) hat Platz für Schnittmarken" \
        "German sheet warning, one piece edge to edge: singular, no cut advised"
LANG=$de LC_ALL= LANGUAGE= "$PLAKAT" render --today "$TODAY" -f a4 --sheet sra4 --bleed 6 -o "$T_TMP/sheet-de" \
        samples/urban-gardening.cfg >"$OUT" 2>"$ERR"
like "$(cat "$ERR")" "Warnung: die Breite des Bogens sra4 ist mit 1 × a4 ganz gefüllt: kein Platz für Schnittmarken links und rechts des Stücks; schneide das Stück ohne Marken aus oder nimm für Schnittmarken einen größeren Bogen (--sheet a3, sra3)" \
        "German sheet warning, one piece across the width: singular, the advice too"

# A sheet not written (a folder at its name): the sheet, not "diese
# Gemeinschaft", and each community's entry in report.json says why.
mkdir -p "$T_TMP/sheet-dir/sheets_a6_on_a4.pdf"
LANG=$de LC_ALL= LANGUAGE= "$PLAKAT" render --report --today "$TODAY" -f a6 --sheet a4 -o "$T_TMP/sheet-dir" \
        samples/urban-gardening.cfg >"$OUT" 2>"$ERR"
like "$(cat "$ERR")" "sheets_a6_on_a4.pdf: diese Datei konnte nicht an ihren Platz gelegt werden: Ist ein Verzeichnis; der Bogen wurde nicht geschrieben" \
        "German: a sheet not written"
unlike "$(cat "$ERR")" "Gemeinschaft wurde nichts" "German: a sheet not written: no message speaks of one community"
is "$(english_left "$ERR")" "" "German: a sheet not written: no English left"
is "$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["communities"][0]["messages"][0]["message"])' \
        "$T_TMP/sheet-dir/report.json" 2>&1)" \
        "der Bogen $T_TMP/sheet-dir/sheets_a6_on_a4.pdf mit dieser Gemeinschaft wurde nicht geschrieben; warum, steht in den Meldungen des Bogens" \
        "German: a sheet not written: the community's message in report.json"

LANG=$de LC_ALL= LANGUAGE= "$PLAKAT" render --today "$TODAY" -f a3 --sheet a5 -o "$T_TMP/sheet-de" \
        samples/urban-gardening.cfg >"$OUT" 2>"$ERR"
like "$(cat "$ERR")" "plakat: -f a3 passt nicht auf --sheet a5: das Stück ist 297 × 420 mm groß, der Bogen 148 × 210 mm; nimm einen größeren Bogen (--sheet a3, sra3) oder ein kleineres Format (-f a5, a6)" \
        "German: a piece larger than the sheet"
is "$(english_left "$ERR")" "" "German: a piece larger than the sheet: no English left"

# ---- listings: descriptions in the reader's language ---------------------------
# The German one under de_DE, the English one under C; "(Standard)" marks the
# default design.  A layout that gives only description shows it in both
# languages; a misspelt description_de still warns, with its did-you-mean.
LANG=$de LC_ALL= LANGUAGE= "$PLAKAT" layouts >"$OUT" 2>"$ERR"
like "$(cat "$OUT")" "klar       (Standard) Ruhig und klar: farbiges Kopfband" "German layouts: (Standard), German description"
like "$(cat "$OUT")" "laut       Kräftig und typografisch:" "German layouts: laut in German"
like "$(cat "$OUT")" "foto       Rund um ein Foto:" "German layouts: foto in German"
unlike "$(cat "$OUT")" "(default)" "German layouts: no English (default)"
LANG=C LC_ALL= LANGUAGE= "$PLAKAT" layouts >"$OUT" 2>"$ERR"
like "$(cat "$OUT")" "klar       (default) Calm and clear: coloured header band" "LANG=C layouts: (default), English description"
unlike "$(cat "$OUT")" "Ruhig" "LANG=C layouts: no German"
LANG=$de LC_ALL= LANGUAGE= "$PLAKAT" formats >"$OUT" 2>"$ERR"
like "$(cat "$OUT")" "PDF    portrait  A3-Plakat (für Schwarze Bretter)" "German formats: a3 in German"
like "$(cat "$OUT")" "PNG    story     Instagram-/WhatsApp-Story" "German formats: story in German"
unlike "$(cat "$OUT")" "poster" "German formats: no English description"
LANG=C LC_ALL= LANGUAGE= "$PLAKAT" formats >"$OUT" 2>"$ERR"
like "$(cat "$OUT")" "PDF    portrait  A3 poster (notice boards)" "LANG=C formats: English"
LANG=$de LC_ALL= LANGUAGE= "$PLAKAT" themes >"$OUT" 2>"$ERR"
like "$(cat "$OUT")" "wald         Waldgrün mit Moos" "German themes: wald in German"
like "$(cat "$OUT")" "default      die eigenen Farben des Layouts" "German themes: default in German"
LANG=C LC_ALL= LANGUAGE= "$PLAKAT" themes >"$OUT" 2>"$ERR"
like "$(cat "$OUT")" "wald         forest green with moss" "LANG=C themes: English"
# gettext speaks German under LANGUAGE=de in any locale but C: so do the
# listings (the locale's name alone would say English).
LANG=C.UTF-8 LC_ALL= LANGUAGE=de "$PLAKAT" themes >"$OUT" 2>"$ERR"
like "$(cat "$OUT")" "wald         Waldgrün mit Moos" "LANGUAGE=de: German themes, as the messages"

mine=$T_TMP/my-layouts
mkdir -p "$mine"
sed 's/^name .*/name = "nur-englisch";/; /^description_de/d; s/^description .*/description = "Only in English";/' \
        layouts/klar.cfg >"$mine/nur-englisch.cfg"
sed 's/^name .*/name = "vertippt";/; s/^description_de/descripton_de/' layouts/klar.cfg >"$mine/vertippt.cfg"
typo=$(grep -n '^descripton_de' "$mine/vertippt.cfg" | cut -d: -f1)
for l in "$de" C; do
        LANG=$l LC_ALL= LANGUAGE= "$PLAKAT" layouts --layouts "$mine" >"$OUT" 2>"$ERR"
        like "$(cat "$OUT")" "nur-englisch Only in English" "$l: a layout with only description shows it"
done
like "$(cat "$OUT")" "vertippt   Calm and clear:" "C: the misspelt description_de is not taken"
like "$(cat "$ERR")" "$mine/vertippt.cfg:$typo: warning: descripton_de: unknown setting; did you mean description_de?" \
        "a misspelt description_de warns with its line and did-you-mean"
is "$(grep -c warning "$ERR")" 1 "one warning: description_de of the other layouts is known"

# A name quoted in German ends in a closing quote of three bytes: the two
# files whose outputs share names are told in whole characters.
mkdir -p "$T_TMP/clash/a" "$T_TMP/clash/b"
cp samples/urban-gardening.cfg "$T_TMP/clash/a/"
cp samples/urban-gardening.cfg "$T_TMP/clash/b/"
for cmd in check render; do
        LANG=$de LC_ALL= LANGUAGE= "$PLAKAT" $cmd -f a6 --today "$TODAY" -o "$T_TMP/clash-out" "$T_TMP/clash" \
                >"$OUT" 2>"$ERR"
        like "$(cat "$ERR")" "(beide heißen „urban-gardening-...“)" "$cmd in German: the shared name quoted whole"
        ok_cmd "$cmd in German: the messages are valid UTF-8" iconv -f UTF-8 -t UTF-8 "$ERR" -o /dev/null
done

# Month names in messages are in the messages' language.
sed 's/first    = "[^"]*"/first    = "2027-02-30 18:30"/' samples/urban-gardening.cfg >"$T_TMP/feb.cfg"
LANG=$de LC_ALL= LANGUAGE= "$PLAKAT" check "$T_TMP/feb.cfg" >"$OUT" 2>"$ERR"
like "$(cat "$ERR")" "„2027-02-30 18:30“: Februar 2027 hat 28 Tage" "a date that does not exist: the month in German"
LANG=$de LC_ALL= LANGUAGE= "$PLAKAT" render --today 2027-02-30 samples/urban-gardening.cfg >"$OUT" 2>"$ERR"
like "$(cat "$ERR")" "--today: dieses Datum gibt es nicht, „2027-02-30“: Februar 2027 hat 28 Tage" \
        "--today that does not exist: the month in German"

# ---- outputs are the same bytes -----------------------------------------------
for l in "$de" C; do
        LANG=$l LC_ALL= "$PLAKAT" render -q --today "$TODAY" -f all -o "$T_TMP/out-$l" \
                samples/urban-gardening.cfg samples/data-ethics-meetup.cfg >/dev/null 2>&1
done
LANG=$de LC_ALL= "$PLAKAT" kit -q --today "$TODAY" -o "$T_TMP/kit-de" samples/urban-gardening.cfg >/dev/null 2>&1
LANG=C LC_ALL= "$PLAKAT" kit -q --today "$TODAY" -o "$T_TMP/kit-C" samples/urban-gardening.cfg >/dev/null 2>&1
n=0
for f in "$T_TMP/out-C"/* "$T_TMP/kit-C"/*/*; do
        [ -f "$f" ] || continue
        n=$((n + 1))
        g=$(printf '%s\n' "$f" | sed "s|$T_TMP/out-C|$T_TMP/out-$de|; s|$T_TMP/kit-C|$T_TMP/kit-de|")
        cmp -s "$f" "$g" || fail "${f#"$T_TMP"/}: the same bytes under $de and C"
done
ok_cmd "rendered outputs compared ($n)" test "$n" -gt 20

done_testing
