#!/bin/sh
# logo.sh: a logo stays visible, and foto shows it beside the photo.
#   - a PNG and an SVG logo in the colour of klar's band get a plate: a
#     "plate" box under the logo in --debug-boxes, and in the PNG the
#     plate's white where the band's colour would be;
#   - a logo that contrasts with its band gets none (the band shows there);
#   - a layout with plate = "none" draws no plate and warns instead;
#   - foto with a logo and a photo draws an image box of each, with no
#     warning of the renderer's checks, and check no longer says that foto
#     has no place for the logo.
. "$(dirname "$0")/lib.sh"
need() {
        for c in "$@"; do
                command -v "$c" >/dev/null && continue
                echo "1..0 # SKIP $c is not installed"
                exit 0
        done
}
need convert python3 perl bc

band=1A7F5A
mkdir -p "$T_TMP/c/images"
# png FILE RRGGBB: a 90 x 45 px logo of one colour, with a clear border
png() {
        python3 - "$1" "$2" <<'PY'
import struct, sys, zlib
path, hexc = sys.argv[1], sys.argv[2]
r, g, b = (int(hexc[i:i + 2], 16) for i in (0, 2, 4))
w, h = 90, 45
rows = b''.join(b'\0' + b''.join(bytes((r, g, b, 255 if 5 <= x < w - 5 and 5 <= y < h - 5 else 0))
                                 for x in range(w)) for y in range(h))
def chunk(t, d):
    return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
open(path, 'wb').write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 6, 0, 0, 0))
                       + chunk(b'IDAT', zlib.compress(rows)) + chunk(b'IEND', b''))
PY
}
png "$T_TMP/c/images/same.png" "$band"
png "$T_TMP/c/images/white.png" FFFFFF
cat >"$T_TMP/c/images/same.svg" <<SVG
<svg xmlns="http://www.w3.org/2000/svg" width="80" height="40" viewBox="0 0 80 40">
  <rect width="80" height="40" rx="6" fill="#$band"/><circle cx="20" cy="20" r="6" fill="#FFFFFF"/>
</svg>
SVG
cp tests/data/good/images/photo.jpg "$T_TMP/c/images/photo.jpg"
for logo in same.png same.svg white.png; do
        community "$T_TMP/c/${logo%.*}-${logo#*.}.cfg"
        printf 'style = { primary = "#%s"; logo = "images/%s"; };\n' "$band" "$logo" >>"$T_TMP/c/${logo%.*}-${logo#*.}.cfg"
done
community "$T_TMP/c/both.cfg"
printf 'style = { logo = "images/white.png"; photo = "images/photo.jpg"; };\n' >>"$T_TMP/c/both.cfg"

# box FILE KIND ELEMENT: "x y w h" of the first such box in a boxes file
box() {
        perl -ne 'if (/"element": "\Q'"$3"'\E", "kind": "'"$2"'", "x": ([-\d.]+), "y": ([-\d.]+), "w": ([-\d.]+), "h": ([-\d.]+)/) { print "$1 $2 $3 $4\n"; exit }' "$1"
}
# pixel PNG X Y: the colour at (X, Y) as RRGGBB
pixel() {
        convert "$1" -crop "1x1+$2+$3" -depth 8 txt:- | sed -n 's/.*#\([0-9A-Fa-f]\{6\}\).*/\1/p' | tr a-f A-F
}
# left_of PNG "x y w h": the colour 3 px inside the left edge of a box, at mid height
left_of() {
        set -- "$1" $2
        pixel "$1" "$(printf '%.0f' "$(echo "$2 + 3" | bc)")" "$(printf '%.0f' "$(echo "$3 + $5 / 2" | bc)")"
}

o=$T_TMP/out
judge() { # judge NAME: render $T_TMP/c/NAME.cfg into $o/NAME
        rm -rf "$o/$1"
        run render -q --debug-boxes --today "$TODAY" -l "${2:-klar}" -f instagram -o "$o/$1" "$T_TMP/c/$1.cfg"
        json=$o/$1/$1-instagram.boxes.json
        png=$o/$1/$1-instagram.png
        ok_cmd "$1: renders with a boxes file" test -s "$json"
}
for c in same-png same-svg; do
        judge "$c"
        plate=$(box "$json" plate logo)
        image=$(box "$json" image logo)
        ok_cmd "$c: a logo in the band's colour gets a plate box" test -n "$plate"
        if [ -n "$plate" ] && [ -n "$image" ]; then
                is "$(left_of "$png" "$plate")" FFFFFF "$c: the plate is white beside the logo"
                inside=$(perl -e 'my ($a, $b) = @ARGV; my @p = split " ", $a; my @i = split " ", $b;
                        print $i[0] >= $p[0] - 0.01 && $i[1] >= $p[1] - 0.01 ? "yes" : "no"' "$plate" "$image")
                is "$inside" yes "$c: the logo lies on its plate"
        fi
        unlike "$err" "hardly visible" "$c: no warning when the plate is drawn"
done
judge white-png
is "$(box "$json" image logo | wc -l)$(box "$json" plate logo)" 1 "a white logo on the green band: the logo, and no plate"
is "$(left_of "$png" "$(box "$json" image logo)")" "$band" "the band shows around a logo without a plate"

# A design that asks for no plate: no plate, and a warning.
mkdir -p "$T_TMP/layouts"
sed -e 's/^name        = "klar";/name = "klar-noplate";/' -e 's/source = "logo";/source = "logo"; plate = "none";/' \
        layouts/klar.cfg >"$T_TMP/layouts/klar-noplate.cfg"
rm -rf "$o/none"
run render --layouts "$T_TMP/layouts" --debug-boxes --today "$TODAY" -l klar-noplate -f instagram,a4 -o "$o/none" \
        "$T_TMP/c/same-png.cfg"
is "$rc" 0 "plate = \"none\": renders"
like "$err" 'style.logo: instagram (klar-noplate): logo: hardly visible on its background (contrast 1.0:1)' \
        "plate = \"none\": warns, naming format and contrast"
like "$err" 'a4 (klar-noplate): logo: hardly visible' "plate = \"none\": warns on the print format too"
json=$o/none/same-png-instagram.boxes.json
is "$(box "$json" image logo | wc -l)$(box "$json" plate logo)" 1 "plate = \"none\": the logo, and no plate box"

# foto with both a logo and a photo.
rm -rf "$o/both"
run render -q --debug-boxes --today "$TODAY" -l foto -f all -o "$o/both" "$T_TMP/c/both.cfg"
is "$rc" 0 "foto with logo and photo: renders"
unlike "$err" "warning" "foto with logo and photo: no warning from the machine checks"
missing=''
for json in "$o"/both/*.boxes.json; do
        logos=$(grep -c '"kind": "image"' "$json")
        grep -q '"element": "\(rota-\)\{0,1\}logo", "kind": "image"' "$json" || missing="$missing ${json##*/}:logo"
        grep -q '"element": "\(rota-\)\{0,1\}photo", "kind": "image"' "$json" || missing="$missing ${json##*/}:photo"
        [ "$logos" -ge 2 ] || missing="$missing ${json##*/}:$logos-images"
done
is "$missing" "" "foto: every format has an image box for the logo and one for the photo"
# check says where a design leaves the logo out (laut has no place for
# one: the control); foto now shows it.
run check -l laut --today "$TODAY" "$T_TMP/c/both.cfg"
like "$err" "style.logo: layout laut has no place for a logo" "check -l laut: the logo is left out, and said so"
run check -l foto --today "$TODAY" "$T_TMP/c/both.cfg"
is "$rc" 0 "check -l foto: OK"
unlike "$err" "no place for a logo" "check -l foto: the logo has its place"
unlike "$(printf '%s\n' "$out" | grep -i 'not shown')" "logo" "check -l foto: the logo is not under \"Not shown\""

# Text never runs into a logo: klar's A3/A4 header with the longest name
# the tests have, and a design whose logo sits where the name goes.
run check --allow-ended --today "$TODAY" -l klar -f a3,a4 tests/data/good/maximal.cfg
unlike "$err" "runs into the logo" "klar A3/A4: a four-line name keeps clear of the logo"
sed -e 's/^name        = "klar";/name = "klar-logo-in-name";/' \
        -e 's/a3 = { box = \[223, 7, 44, 17\]; }/a3 = { box = [30, 60, 237, 40]; }/' \
        layouts/klar.cfg >"$T_TMP/layouts/klar-logo-in-name.cfg"
run check --layouts "$T_TMP/layouts" --allow-ended --today "$TODAY" -l klar-logo-in-name -f a3 tests/data/good/maximal.cfg
like "$err" "a3 (klar-logo-in-name): name: text runs into the logo (logo)" "a logo under the name: warned, with the element"

done_testing
