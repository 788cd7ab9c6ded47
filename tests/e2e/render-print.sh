#!/bin/sh
# render-print.sh: print-shop PDFs.  Without --bleed the page is exactly the
# format; with --bleed and --marks the page grows and the PDF says where the
# cut (TrimBox) and the bleed (BleedBox) are, read back with pdfinfo -box.
. "$(dirname "$0")/lib.sh"

dir=$T_TMP/p
sample=samples/urban-gardening.cfg

# box NAME FILE: "x0 y0 x1 y1" of that box, rounded to 0.01 pt.
box() {
        pdfinfo -box "$2" | awk -v n="$1:" '$1 == n { printf "%.2f %.2f %.2f %.2f\n", $2, $3, $4, $5 }'
}
# size "x0 y0 x1 y1": "w x h" in pt
size() {
        echo "$1" | awk '{ printf "%.2f x %.2f\n", $3 - $1, $4 - $2 }'
}

run render --today 2026-11-27 -f a3 -o "$dir/plain" "$sample"
is "$rc" 0 "plain A3: exit 0"
pdf=$dir/plain/urban-gardening-a3.pdf
is "$(size "$(box MediaBox "$pdf")")" "841.89 x 1190.55" "plain A3: the page is exactly 297 x 420 mm"
is "$(box TrimBox "$pdf")" "$(box MediaBox "$pdf")" "plain A3: the trim is the page"

run render --today 2026-11-27 -f a3 --bleed 3 --marks -o "$dir/shop" "$sample"
is "$rc" 0 "A3 with bleed and marks: exit 0"
is "$out" "$dir/shop/urban-gardening-a3-print.pdf" "A3 with bleed and marks: its own name, NAME-a3-print.pdf"
pdf=$dir/shop/urban-gardening-a3-print.pdf
# 3 mm bleed and 10 mm for the marks on each side: 26 mm = 73.70 pt more.
is "$(size "$(box MediaBox "$pdf")")" "915.59 x 1264.25" "bleed+marks: the page grows by 2 x 13 mm"
is "$(size "$(box TrimBox "$pdf")")" "841.89 x 1190.55" "bleed+marks: the TrimBox is exactly A3"
is "$(box TrimBox "$pdf")" "36.85 36.85 878.74 1227.40" "bleed+marks: the TrimBox sits 13 mm in"
is "$(size "$(box BleedBox "$pdf")")" "858.89 x 1207.56" "bleed+marks: the BleedBox is A3 plus 3 mm each side"
ok_cmd "bleed+marks: qpdf --check is clean" sh -c 'qpdf --check "$1" >/dev/null' sh "$pdf"
ok_cmd "bleed+marks: fonts still embedded" sh -c 'pdffonts "$1" | tail -n +3 | awk "\$(NF-4) != \"yes\" { exit 1 }"' sh "$pdf"
like "$(pdftotext "$pdf" - 2>/dev/null)" "Urban Gardening" "bleed+marks: the text is still text"
cp "$pdf" "$dir/first.pdf"
run render --today 2026-11-27 -f a3 --bleed 3 --marks -o "$dir/shop" "$sample"
ok_cmd "bleed+marks: the same bytes again" cmp -s "$pdf" "$dir/first.pdf"

# The background band runs into the bleed: the corner pixel of the bleed
# area (not the white slug outside it) is the band's colour.
pdftoppm -r 30 -png -singlefile "$pdf" "$dir/shop-prev"
corner=$(convert "$dir/shop-prev.png" -crop "1x1+$(( 11 * 30 * 10 / 254 + 1 ))+$(( 11 * 30 * 10 / 254 + 1 ))" -format '%[hex:p{0,0}]' info:)
unlike "$corner" "^FFFFFF" "bleed+marks: the band's colour runs into the bleed (corner $corner)"

run render --today 2026-11-27 -f a6 --bleed 3 -o "$dir/a6" "$sample"
pdf=$dir/a6/urban-gardening-a6-print.pdf
is "$(size "$(box MediaBox "$pdf")")" "314.65 x 436.54" "A6 with bleed only: A6 plus 3 mm each side"
is "$(size "$(box TrimBox "$pdf")")" "297.64 x 419.53" "A6 with bleed only: the TrimBox is exactly A6"

# The plain file and the print-shop file side by side: neither replaces
# the other.
run render --today 2026-11-27 -f a3 -o "$dir/both" "$sample"
run render --today 2026-11-27 -f a3 --marks -o "$dir/both" "$sample"
is "$out" "$dir/both/urban-gardening-a3-print.pdf" "--marks only: NAME-a3-print.pdf too"
ok_cmd "plain and print-shop PDF both exist" test -f "$dir/both/urban-gardening-a3.pdf" -a -f "$dir/both/urban-gardening-a3-print.pdf"
is "$(size "$(box MediaBox "$dir/both/urban-gardening-a3.pdf")")" "841.89 x 1190.55" "the plain A3 is still exactly A3"

done_testing
