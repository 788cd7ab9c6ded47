#!/bin/sh
# gallery.sh PLAKAT: the README's gallery, one small contact sheet per design
# (A3 poster, Instagram square, story, LinkedIn) in docs/gallery/.
# Needs ImageMagick (installed by `scripts/deps.sh test`).
set -eu
plakat=${1:-build/plakat}
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p docs/gallery
for l in $("$plakat" layouts | awk '/^[a-z]/ { print $1 }'); do
        "$plakat" render --today 2026-11-27 -l "$l" -f a3-png,instagram,story,linkedin --dpi 40 \
                -o "$tmp/$l" samples/urban-gardening.cfg >/dev/null
        for f in a3 instagram story linkedin; do
                convert "$tmp/$l/urban-gardening-$f.png" -resize x300 "$tmp/$l-$f.png"
        done
        montage "$tmp/$l-a3.png" "$tmp/$l-instagram.png" "$tmp/$l-story.png" "$tmp/$l-linkedin.png" \
                -tile 4x1 -geometry +6+0 -background white "$tmp/$l.png"
        # Few colours: a thumbnail stays a few tens of kilobytes in git.
        convert "$tmp/$l.png" -strip -colors 64 "PNG8:docs/gallery/$l.png"
        echo "docs/gallery/$l.png"
done
