#!/bin/sh
# render-text.sh: text a community writes, drawn as written: markup stays
# literal, right-to-left and Cyrillic scripts render, emoji do not crash,
# long texts are fitted with warnings, a minimal file renders.  Community
# files in tests/data/render/; each is rendered once.
. "$(dirname "$0")/render-lib.sh"
need pdftotext pdffonts zbarimg convert

d=tests/data/render
o=$T_TMP/out

# render_ok NAME: render $d/NAME.cfg as A3 + Instagram; text in $T_TMP/NAME.txt
render_ok() {
        run render --today "$RTODAY" -f a3,instagram -o "$o" "$d/$1.cfg"
        is "$rc" 0 "$1: exit 0"
        no_sanitizer_report "$1"
        is "$out" "$o/$1-a3.pdf
$o/$1-instagram.png" "$1: both files written"
        pdftotext "$o/$1-a3.pdf" "$T_TMP/$1.txt" 2>/dev/null || : >"$T_TMP/$1.txt"
}

# text_has NAME WORDS DESC
text_has() {
        if has_text "$T_TMP/$1.txt" "$2"; then
                pass "$1: $3"
        else
                fail "$1: $3" "want: $2" "text: $(squeeze "$T_TMP/$1.txt")"
        fi
}

# Markup: values are inserted literally, never parsed as Pango markup.
render_ok markup
is "$err" "" "markup: no warnings"
text_has markup "Kochen <b>&</b> Backen" "the name shows <b>&</b> literally"
text_has markup "Rezepte <i>tauschen</i> & &amp; probieren" "the topic keeps <i>, & and &amp;"
text_has markup "Neue Schmiede <Halle 2>" "the venue keeps <Halle 2>"
is "$(pdfinfo "$o/markup-a3.pdf" 2>/dev/null | sed -n 's/^Title: *//p')" "Kochen <b>&</b> Backen" \
        "markup: the PDF title is literal too"

# Right to left.
render_ok arabic
unlike "$err" "cannot be drawn" "arabic: every character drawn (the Arabic font is shipped)"
# pdftotext wraps RTL runs in direction marks; compare without them.
sed 's/\xe2\x80[\x8e\x8f\xaa-\xae]//g' "$T_TMP/arabic.txt" >"$T_TMP/arabic-plain.txt"
if has_text "$T_TMP/arabic-plain.txt" "نادي القراءة العربي"; then
        pass "arabic: the PDF has the Arabic name"
else
        fail "arabic: the PDF has the Arabic name" "text: $(squeeze "$T_TMP/arabic-plain.txt")"
fi
is "$(qr_of "$o/arabic-instagram.png")" "https://bielefeld.jetzt/cop/arabic-reading" "arabic: the QR code still reads"

# Cyrillic.
render_ok ukrainian
unlike "$err" "cannot be drawn" "ukrainian: every character drawn"
text_has ukrainian "Українська розмовна група" "the PDF has the Ukrainian name"
text_has ukrainian "Говоримо, читаємо, готуємо разом" "the PDF has the Ukrainian topic"

# Emoji (single, ZWJ sequences, skin tones, flags): drawn from Noto Color
# Emoji, no missing-glyph box, no warning that any cannot be drawn.
render_ok emoji
unlike "$err" "cannot be drawn" "emoji: every emoji drawn (no missing-glyph box)"
ok_cmd "emoji: the poster is written" test -s "$o/emoji-a3.pdf"

# Everything long: fitted, shortened with a warning, still scannable.
run render --today "$RTODAY" -f a3,instagram -o "$o" "$d/long.cfg"
is "$rc" 0 "long: exit 0"
no_sanitizer_report "long"
like "$err" "warning: signup.url: instagram (klar): " "long: warnings name the format and layout"
unlike "$err" "short-url" "long: the printed address (signup.short) is never shortened"
is "$(qr_of "$o/long-instagram.png")" \
        "https://bielefeld.jetzt/cop/arbeitsgemeinschaft-nachhaltige-stadtentwicklung-buergerbeteiligung" \
        "long: the QR code of a long address still reads"

# An address with no place to break, too long for the printed line: on
# a post (no band that apps cover) the warning says it runs off the
# image, not that it lies in "the top or bottom 0 px".
sed 's|^signup .*|signup = { url = "https://bielefeld.jetzt/anmeldung?kurs=buergerhaushalt-werkstatt-2027\&formular=anmeldung-teilnehmende\&quelle=plakat\&utm_source=flyer\&utm_medium=print\&utm_campaign=buergerhaushalt2027\&ref=innovation-office-bielefeld-niederwall"; };|' \
        "$d/minimal.cfg" >"$T_TMP/offimage.cfg"
run check --today "$RTODAY" -f instagram "$T_TMP/offimage.cfg"
like "$err" "instagram (klar): short-url: runs off the top or bottom of the image" \
        "an address too long for its line on a post: runs off the image, said so"
unlike "$err" " 0 px" "an address too long for its line on a post: no band of 0 px"

# A long name over a two-line topic, with a round logo: no design lets the
# name run into the logo (klar's square post did: the boxes overlapped).
mkdir -p "$T_TMP/logo"
convert -size 400x400 xc:none -fill '#2e7d32' -draw 'circle 200,200 200,20' "$T_TMP/logo/logo.png"
sed -e 's/^name .*/name = "Nachbarschaftsgarten Schildesche";/' \
        -e 's/^topic .*/topic = "Gemeinsam gärtnern, Saatgut tauschen, Nachbarn kennenlernen";/' \
        samples/urban-gardening.cfg >"$T_TMP/logo/garten.cfg"
printf 'style = { logo = "logo.png"; };\n' >>"$T_TMP/logo/garten.cfg"
for l in klar laut foto; do
        run render --today "$RTODAY" -l $l -f all -o "$T_TMP/logo/$l" "$T_TMP/logo/garten.cfg"
        unlike "$err" "runs into the logo" "a long name and a logo, $l: the name keeps clear of the logo"
done

# Only the required settings.
render_ok minimal
is "$err" "" "minimal: no warnings"
text_has minimal "Lesekreis" "the name"
text_has minimal "Stadtbibliothek Bielefeld" "the venue"
# Optional lines vanish: no dangling label for the goal that is not there.
unlike "$(squeeze "$T_TMP/minimal.txt")" "Unser Ziel" "minimal: no goal line without a goal"
# No-break spaces ("14. Januar 2027, 19:00 Uhr") are drawn as spaces, so no
# font gets a second, CID-keyed subset for the one blank glyph cairo keeps
# out of WinAnsi (src/draw.c, show_layout); the words still read.
fonts=$(pdffonts "$o/minimal-a3.pdf" 2>&1)
like "$fonts" "WinAnsi" "minimal: the fonts are WinAnsi subsets"
unlike "$fonts" "Identity-H" "minimal: no font has a second subset for U+00A0"
text_has minimal "14. Januar 2027, 19:00 Uhr" "the date with its glued words"

done_testing
