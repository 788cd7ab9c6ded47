#!/bin/sh
# invariants.sh: what no design may do to a reader, checked on every
# output of every sample and of the hard cases in tests/data/render/, in
# every design and format, independently of plakat's own check_boxes:
#   - PDFs, read back with poppler and qpdf: no word pdftotext finds lies
#     on the QR code's link rectangle (the code and its quiet zone), and
#     every word keeps 4 mm from the cut;
#   - every output's --debug-boxes file: no text's ink on the QR box, text
#     inside the safe margin (print) or out of the bands apps cover
#     (screen), no glyph drawn as the missing-glyph box, the facts on a
#     square 1080 px image at 28 px or more;
#   - the story PNGs: the QR box the boxes file names is where a scanner
#     finds the code.
. "$(dirname "$0")/render-lib.sh"
need pdftotext qpdf zbarimg convert perl

files="samples/*.cfg tests/data/render/compound.cfg tests/data/render/compound-long.cfg
tests/data/render/emoji.cfg tests/data/render/long-venue.cfg
tests/data/render/rtl-mixed.cfg tests/data/render/turkish.cfg"
o=$T_TMP/inv
for design in klar laut foto; do
        # shellcheck disable=SC2086
        run render -q --debug-boxes --today "$TODAY" -l "$design" -f all -o "$o/$design" $files
        is "$rc" 0 "$design: every file renders with --debug-boxes"
        no_sanitizer_report "$design"
done

# pdf_words PDF: "x0 y0 x1 y1 word" per word, top-left origin, pt.
pdf_words() {
        pdftotext -bbox-layout "$1" - 2>/dev/null | perl -ne '
                print "page $1 $2\n" if /<page width="([\d.]+)" height="([\d.]+)"/;
                print "$1 $2 $3 $4 $5\n" if /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)<\/word>/;'
}

# pdf_link PDF: the /Rect of the link annotation, PDF coordinates.
pdf_link() {
        qpdf --qdf --object-streams=disable "$1" - 2>/dev/null | perl -0777 -ne '
                for my $obj (split /endobj/) {
                        next unless $obj =~ /\/Subtype \/Link/;
                        print "$1 $2 $3 $4\n" if $obj =~ /\/Rect \[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]/s;
                }'
}

pdfs=0 bad_pdf=''
for pdf in "$o"/*/*.pdf; do
        pdfs=$((pdfs + 1))
        pdf_words "$pdf" >"$T_TMP/words"
        pdf_link "$pdf" >"$T_TMP/link"
        why=$(perl -e '
                my ($wf, $lf) = @ARGV;
                open my $l, "<", $lf or die; my $r = <$l>;
                defined $r or do { print "no link annotation\n"; exit };
                my ($x0, $y0, $x1, $y1) = split " ", $r;
                open my $w, "<", $wf or die;
                my ($W, $H); my $m = 4 * 72 / 25.4;
                while (<$w>) {
                        chomp;
                        if (/^page (\S+) (\S+)/) { ($W, $H) = ($1, $2); next }
                        my ($a, $b, $c, $d, $t) = split " ", $_, 5;
                        # the link in top-left coordinates
                        my ($qx0, $qy0, $qx1, $qy1) = ($x0, $H - $y1, $x1, $H - $y0);
                        print "\"$t\" lies on the QR code\n"
                                if $a < $qx1 - 0.01 && $c > $qx0 + 0.01 && $b < $qy1 - 0.01 && $d > $qy0 + 0.01;
                        print "\"$t\" is closer than 4 mm to the cut\n"
                                if $a < $m - 0.01 || $b < $m - 0.01 || $c > $W - $m + 0.01 || $d > $H - $m + 0.01;
                }' "$T_TMP/words" "$T_TMP/link")
        [ -z "$why" ] || bad_pdf="$bad_pdf
${pdf#"$o"/}: $why"
done
if [ -z "$bad_pdf" ] && [ "$pdfs" -gt 0 ]; then
        pass "PDFs ($pdfs): no word on the QR code's link rectangle, every word 4 mm from the cut"
else
        fail "PDFs ($pdfs): no word on the QR code's link rectangle, every word 4 mm from the cut" "$bad_pdf"
fi

# The boxes files: the renderer's own record of what it drew, checked here
# by rules written again.
bad_json=$(perl -e '
        for my $f (@ARGV) {
                open my $h, "<", $f or die "$f: $!";
                local $/; my $j = <$h>;
                (my $name = $f) =~ s{.*/([^/]+/[^/]+)$}{$1};
                my ($tx, $ty, $tw, $th) = $j =~ /"trim": \[([-\d.]+), ([-\d.]+), ([-\d.]+), ([-\d.]+)\]/;
                my ($safe) = $j =~ /"safe": ([\d.]+)/;
                my ($format) = $j =~ /"format": "([^"]+)"/;
                my ($st, $sb) = $j =~ /"safe_top": ([\d.]+), "safe_bottom": ([\d.]+)/;
                my (@qr, @text);
                while ($j =~ /\{"element": "((?:[^"\\]|\\.)*)", "kind": "(\w+)", "x": ([-\d.]+), "y": ([-\d.]+), "w": ([-\d.]+), "h": ([-\d.]+)([^\n]*)\}/g) {
                        my $b = { name => $1, kind => $2, x => $3, y => $4, w => $5, h => $6, rest => $7 };
                        push @qr, $b if $b->{kind} eq "qr";
                        push @text, $b if $b->{kind} eq "text" && $b->{w} > 0;
                }
                print "$name: no QR code\n" unless @qr;
                for my $t (@text) {
                        my ($x0, $y0, $x1, $y1) = ($t->{x}, $t->{y}, $t->{x} + $t->{w}, $t->{y} + $t->{h});
                        for my $q (@qr) {
                                print "$name: $t->{name} lies on the QR code\n"
                                        if $x0 < $q->{x} + $q->{w} - 0.01 && $x1 > $q->{x} + 0.01
                                        && $y0 < $q->{y} + $q->{h} - 0.01 && $y1 > $q->{y} + 0.01;
                        }
                        if (defined $safe) {
                                print "$name: $t->{name} is closer than 4 mm to the cut\n"
                                        if $x0 < $tx + $safe - 0.01 || $y0 < $ty + $safe - 0.01
                                        || $x1 > $tx + $tw - $safe + 0.01 || $y1 > $ty + $th - $safe + 0.01;
                        } else {
                                print "$name: $t->{name} runs off the image\n" if $x0 < $tx - 0.5 || $x1 > $tx + $tw + 0.5;
                                print "$name: $t->{name} lies where apps cover the image\n"
                                        if $y0 < $ty + $st - 0.5 || $y1 > $ty + $th - $sb + 0.5;
                        }
                        print "$name: $t->{name} has glyphs drawn as boxes\n" if $t->{rest} =~ /"unknown_glyphs": [1-9]/;
                        # a square feed image (1080 px) is read on a phone: the
                        # facts (when, where, how to sign up) at 28 px or more
                        if ($format eq "instagram" && $t->{name} =~ /^(cycle|next|venue|address|rota|cta|short-url)$/) {
                                my ($size) = $t->{rest} =~ /"size": ([\d.]+)/;
                                print "$name: $t->{name} is $size px on a 1080 px square; facts need 28 px\n"
                                        if $size < 27.995;
                        }
                }
        }' "$o"/*/*.boxes.json)
n=$(ls "$o"/*/*.boxes.json | wc -l)
is "$bad_json" "" "boxes files ($n): no text on the QR code or out of the safe area, no missing glyphs, square facts >= 28 px"

# The story PNG (where the issue saw a name run across the code): the QR
# box the boxes file names is where a scanner finds the code.
bad_qr=''
for json in "$o"/*/*-story.boxes.json; do
        png=${json%.boxes.json}.png
        geo=$(perl -ne 'printf "%dx%d+%d+%d\n", $3, $3, $1, $2 if /"kind": "qr", "x": ([\d.]+), "y": ([\d.]+), "w": ([\d.]+)/' "$json")
        convert "$png" -crop "$geo" +repage "$T_TMP/qr.png" 2>/dev/null
        zbarimg -q --raw "$T_TMP/qr.png" >/dev/null 2>&1 || bad_qr="$bad_qr ${png#"$o"/}"
done
is "$bad_qr" "" "story PNGs: the code is read inside the QR box alone"

done_testing
