#!/bin/sh
# design-checks.sh: a design that a reader could not use is told, per
# output: no QR code at all (a warning: the address may still be printed),
# a code whose dark is not darker than its light or only faintly so (an
# error: it may not scan), a shape drawn over the code (an error) or over
# text (a warning), print text too small to read (a warning).  Each case is tests/data/layouts/good/minimal.cfg with one
# change, in a --layouts folder of its own; the messages name the layout's
# line.  The threshold is checked against a reader: what passes decodes.
. "$(dirname "$0")/render-lib.sh"
need zbarimg pdftoppm

base=tests/data/layouts/good/minimal.cfg
community "$T_TMP/c.cfg"

# variant NAME SED: a folder $T_TMP/NAME holding minimal.cfg changed by SED.
variant() {
        mkdir -p "$T_TMP/$1"
        sed "$2" "$base" >"$T_TMP/$1/t.cfg"
}

# check_with NAME: check the community with layout t from $T_TMP/NAME.
check_with() {
        run check --today "$RTODAY" --layouts "$T_TMP/$1" -l t -f a3 "$T_TMP/c.cfg"
}

qr_line=$(grep -n 'type = "qr"' "$base" | cut -d: -f1)

variant plain ''
check_with plain
is "$rc" 0 "the minimal design: exit 0"
unlike "$err" "QR code" "the minimal design: nothing said of its code"

variant noqr 's|{ type = "qr"; box = \[200, 300, 74, 74\]; }|{ type = "rect"; box = [200, 300, 74, 74]; fill = "surface"; }|'
check_with noqr
is "$rc" 0 "no QR code: still drawn (the sign-up may be printed)"
like "$err" "warning: a3 (t): no QR code: the design draws none on this output" "no QR code: a warning per output"

variant inverted 's|{ type = "qr"; box = \[200, 300, 74, 74\]; }|{ type = "qr"; box = [200, 300, 74, 74]; dark = "#FFFFFF"; light = "#1A1A1A"; }|'
check_with inverted
is "$rc" 1 "white modules on black: refused"
like "$err" "a3 (t): qr at line $qr_line: the QR code's dark modules are not darker than its light ones" \
        "white on black: said so"
like "$err" "t.cfg:$qr_line)" "white on black: the qr element's line named"

variant faint 's|{ type = "qr"; box = \[200, 300, 74, 74\]; }|{ type = "qr"; box = [200, 300, 74, 74]; dark = "#CCCCCC"; }|'
check_with faint
is "$rc" 1 "light grey modules on white (1.6:1): refused"
like "$err" "differ by only 1.6:1; the code may not scan (3:1 at least" "light grey on white: the contrast and the minimum"

# Just above the minimum (3.5:1): accepted, and a reader decodes it.
variant grey 's|{ type = "qr"; box = \[200, 300, 74, 74\]; }|{ type = "qr"; box = [200, 300, 74, 74]; dark = "#888888"; }|'
check_with grey
is "$rc" 0 "mid grey on white (3.5:1): accepted"
run render --today "$RTODAY" --layouts "$T_TMP/grey" -l t -f a3 -o "$T_TMP/grey-out" "$T_TMP/c.cfg"
pdftoppm -png -r 100 "$T_TMP/grey-out/c-a3.pdf" "$T_TMP/grey-out/p" 2>/dev/null
is "$(qr_of "$T_TMP/grey-out/p-1.png")" "https://bielefeld.jetzt/cop/urban-gardening" "mid grey on white: the code reads"

# A shape listed after the code, over it; and over the name.
variant covered 's|      { type = "qr"; box = \[200, 300, 74, 74\]; }|      { type = "qr"; box = [200, 300, 74, 74]; },\n      { type = "rect"; name = "sticker"; box = [180, 110, 110, 220]; fill = "accent"; }|'
check_with covered
is "$rc" 1 "a rectangle over the code: refused"
like "$err" "a3 (t): qr at line $qr_line: the QR code is covered by sticker ($T_TMP/covered/t.cfg:$((qr_line + 1)))" \
        "a rectangle over the code: named, with the rectangle's line"
like "$err" "warning: a3 (t): text at line $((qr_line - 1)): text is covered by sticker (" \
        "a rectangle over the name: a warning"

# Listed before, the same rectangle is a background: nothing said.
variant under 's|      { type = "rect"; box = \[0, 0, 297, 100\]; fill = "primary"; },|      { type = "rect"; box = [0, 0, 297, 100]; fill = "primary"; },\n      { type = "rect"; name = "panel"; box = [10, 110, 277, 60]; fill = "surface"; },|'
check_with under
is "$rc" 0 "a panel listed before the text: exit 0"
unlike "$err" "covered" "a panel listed before the text: no warning"

# Sized for A3 in points and printed on A6: 8 pt becomes 2.8 pt.
variant tiny 's|size = \[40, 20\];|size = [8, 6];|'
run check --today "$RTODAY" --layouts "$T_TMP/tiny" -l t -f a3,a6 "$T_TMP/c.cfg"
is "$rc" 0 "print text too small: still drawn"
like "$err" "warning: a6 (t): text at line $((qr_line - 1)): text at 2.8 pt is too small to read on paper; print needs 6 pt at least" \
        "print text too small: a warning with its size"
unlike "$err" "a3 (t): text at line $((qr_line - 1)): text at" "8 pt on A3: no warning"

# Light grey text on white: a contrast warning that names the element's
# line in the layout, where the colour was chosen.
variant pale 's|text = "{name}"; size = \[40, 20\]; color = "text";|text = "{name}"; size = [40, 20]; color = "#CCCCCC";|'
check_with pale
like "$err" "warning: a3 (t): text at line $((qr_line - 1)): text contrast is 1.6:1 against its background; WCAG AA asks for 3.0:1 (the element's colours at $T_TMP/pale/t.cfg:$((qr_line - 1))" \
        "pale text: the contrast, the minimum and the layout's line"

done_testing
