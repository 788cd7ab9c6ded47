#!/bin/sh
# render-samples.sh: every samples/*.cfg as an A3 poster and an Instagram
# post, read back with independent tools: page size and metadata
# (pdfinfo), the words (pdftotext), embedded subset fonts (pdffonts), PDF
# syntax (qpdf), the link, the QR code in the PNG and in the PDF printed at
# 150 dpi (zbarimg), the image size (identify), and the same bytes again.
#
# Each sample is rendered once here (plus once more in one batch for the
# determinism check); everything else reads those files.
. "$(dirname "$0")/render-lib.sh"
need pdfinfo pdftotext pdffonts pdftoppm qpdf zbarimg identify

o=$T_TMP/out
mkdir -p "$o"

# value LABEL: the value of "  LABEL   value" in the last `check` output.
value() {
        printf '%s\n' "$out" | sed -n "s/^  $1 *//p" | head -n 1
}

samples=$(ls samples/*.cfg)
for f in $samples; do
        slug=$(basename "$f" .cfg)
        pdf=$o/$slug-a3.pdf
        png=$o/$slug-instagram.png

        # What plakat understood is what the poster must say.
        run check --today "$RTODAY" "$f"
        c_out=$out
        c_name=$(value Name:)
        c_topic=$(value Topic:)
        c_next=$(value Next:)
        c_url=$(value Sign-up:)
        c_venue=$(value Venue: | sed 's/, .*//')
        [ -n "$c_venue" ] || c_venue=$(printf '%s\n' "$out" | sed -n 's/^ *1\. \([^,]*\),.*/\1/p' | head -n 1)
        for v in c_name c_topic c_next c_url c_venue; do
                eval "[ -n \"\$$v\" ]" || fail "$f: check names ${v#c_}" "$(last_run)"
        done

        run render --today "$RTODAY" -f a3,instagram -o "$o" "$f"
        is "$rc" 0 "$f: render exits 0"
        is "$out" "$pdf
$png" "$f: writes <slug>-a3.pdf and <slug>-instagram.png and lists them"
        if [ ! -s "$pdf" ] || [ ! -s "$png" ]; then
                fail "$f: both files exist; skipping the read-back" "$(last_run)"
                continue
        fi

        # pdfinfo: A3 exactly, and who made it.
        pdfinfo "$pdf" >"$T_TMP/info" 2>&1
        is "$(sed -n 's/^Page size: *\([0-9.]* x [0-9.]* pts\).*/\1/p' "$T_TMP/info")" \
                "841.89 x 1190.55 pts" "$f: page is A3, 297 x 420 mm"
        is "$(sed -n 's/^Title: *//p' "$T_TMP/info")" "$c_name" "$f: PDF title is the community's name"
        ok_cmd "$f: PDF creator is plakat" grep -q '^Creator: *plakat' "$T_TMP/info"
        is "$(sed -n 's/^Pages: *//p' "$T_TMP/info")" 1 "$f: one page"

        # pdftotext: the facts a passer-by needs.
        pdftotext "$pdf" "$T_TMP/text" 2>/dev/null
        for v in c_name c_topic c_venue; do
                eval "w=\$$v"
                if has_text "$T_TMP/text" "$w"; then
                        pass "$f: the PDF says the ${v#c_}"
                else
                        fail "$f: the PDF says the ${v#c_}" "want: $w" "text: $(squeeze "$T_TMP/text")"
                fi
        done
        # Each next date (a group that takes turns has its place beside each).
        # A single meeting is named once, in the cycle ("Am Donnerstag,
        # 4. Februar 2027, ..."), not again as a list of one.
        dates=$c_next
        case $c_next in *", "*) ;; *) dates=$(value Meets:) ;; esac
        # Places taking turns: the poster lists each place once, with the
        # meeting it comes next.
        places=$(printf '%s\n' "$c_out" | grep -c '^  *[0-9]\. ')
        case $c_out in *"taking turns"*)
                dates=$(printf '%s\n' "$dates" | sed 's/, /\n/g' | head -n "$places" | paste -sd, - | sed 's/,/, /g') ;;
        esac
        # A list of dates names the next one in full in the cycle
        # ("21. Januar 2027") and the later ones with their times, without
        # the year ("Do., 18. Feb., 18:00–20:00 Uhr").
        missing=
        for w in $(printf '%s\n' "$dates" | sed 's/, /\n/g' | tr ' ' '_'); do
                d=$(printf '%s' "$w" | tr '_' ' ')
                short=$(printf '%s' "$d" | sed 's/ [0-9][0-9][0-9][0-9]$//')
                long=$(printf '%s' "$short" | sed 's/Jan\./Januar/; s/Feb\./Februar/; s/Apr\./April/; s/Aug\./August/;
                        s/Sept\./September/; s/Okt\./Oktober/; s/Nov\./November/; s/Dez\./Dezember/')
                has_text "$T_TMP/text" "$d" || has_text "$T_TMP/text" "$short," ||
                        has_text "$T_TMP/text" "$long " || missing="$missing [$w]"
        done
        if [ -z "$missing" ]; then
                pass "$f: the PDF says the next dates"
        else
                fail "$f: the PDF says the next dates" "missing:$missing" "text: $(squeeze "$T_TMP/text")"
        fi

        # pdffonts: every font embedded and subset (columns emb, sub).
        pdffonts "$pdf" >"$T_TMP/fonts" 2>&1
        nfonts=$(tail -n +3 "$T_TMP/fonts" | grep -c .)
        bad=$(tail -n +3 "$T_TMP/fonts" | awk '{ n = NF; if ($(n-4) != "yes" || $(n-3) != "yes") print }')
        ok_cmd "$f: the PDF has fonts" test "$nfonts" -gt 0
        is "$bad" "" "$f: every font embedded and subset"

        # qpdf: syntax and streams.
        qpdf --check "$pdf" >"$T_TMP/qpdf" 2>&1
        qrc=$?
        is "$qrc" 0 "$f: qpdf --check is clean"

        # The link: the sign-up address as a URI action.
        qpdf --qdf --object-streams=disable "$pdf" "$T_TMP/qdf.pdf" >/dev/null 2>&1
        ok_cmd "$f: the PDF links to the sign-up address" \
                grep -a -q -F "/URI ($c_url)" "$T_TMP/qdf.pdf"

        # The QR code, on screen and on paper.
        is "$(qr_of "$png")" "$c_url" "$f: the Instagram PNG's QR code reads the sign-up address"
        pdftoppm -r 150 -png -singlefile "$pdf" "$T_TMP/print" 2>/dev/null
        is "$(qr_of "$T_TMP/print.png")" "$c_url" "$f: the A3 printed at 150 dpi reads the sign-up address"
        is "$(identify -format '%w x %h' "$png" 2>/dev/null)" "1080 x 1080" "$f: the PNG is 1080 x 1080"
done

# Determinism: the same --today gives the same bytes, also in a batch.
o2=$T_TMP/again
run render --today "$RTODAY" -f a3,instagram -o "$o2" $samples
for f in $samples; do
        slug=$(basename "$f" .cfg)
        for x in a3.pdf instagram.png; do
                [ -e "$o/$slug-$x" ] || continue
                ok_cmd "$f: $x has the same bytes when rendered again" \
                        cmp -s "$o/$slug-$x" "$o2/$slug-$x"
        done
done

done_testing
