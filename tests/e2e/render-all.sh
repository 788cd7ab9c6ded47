#!/bin/sh
# render-all.sh: every design in every format for every sample, one process
# per design (the way the city office batches), and the QR code of every
# output reads back to exactly the community's sign-up address.  PDFs are
# read at 100 dpi, the resolution a phone camera sees at arm's length.
. "$(dirname "$0")/render-lib.sh"

need pdftoppm zbarimg

dir=$T_TMP/all
mkdir -p "$dir"
# -f all leaves out the card family (plakat kit's invite cards) and paper for --sheet.
nformats=$("$PLAKAT" formats | awk '$7 != "card" && $6 != "sheet"' | grep -c .)
nsamples=$(ls samples/*.cfg | wc -l)
# The sign-up address of each sample, as plakat reads it: "slug url" lines.
for f in samples/*.cfg; do
        printf '%s %s\n' "$(basename "$f" .cfg)" \
                "$("$PLAKAT" check --today "$RTODAY" "$f" 2>/dev/null | sed -n 's/^ *Sign-up: *//p')"
done >"$dir/urls"
is "$(awk 'NF < 2' "$dir/urls")" "" "plakat check names every sample's sign-up address"

for layout in $("$PLAKAT" layouts | awk '/^[a-z]/ { print $1 }'); do
        run render --today "$RTODAY" -l "$layout" -f all -o "$dir/$layout" samples/*.cfg
        is "$rc" 0 "$layout: every sample in every format renders"
        is "$(ls "$dir/$layout" | wc -l | tr -d ' ')" "$((nformats * nsamples))" \
                "$layout: $nformats formats x $nsamples samples written"
        bad=
        for f in samples/*.cfg; do
                slug=$(basename "$f" .cfg)
                url=$(awk -v s="$slug" '$1 == s { print $2 }' "$dir/urls")
                for out in "$dir/$layout/$slug"-*; do
                        case $out in
                        *.pdf)
                                pdftoppm -r 100 -png -singlefile "$out" "$dir/page" 2>/dev/null
                                got=$(qr_of "$dir/page.png")
                                ;;
                        *) got=$(qr_of "$out") ;;
                        esac
                        [ "$got" = "$url" ] || bad="$bad $(basename "$out")"
                done
        done
        is "$bad" "" "$layout: every QR code reads the sign-up address"
done

done_testing
