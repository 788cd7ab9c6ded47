#!/bin/sh
# refresh-refs.sh [DIR]: draw the reference images of every design into DIR
# (default tests/ref/), one per layout and aspect family:
#
#   tests/ref/<layout>-<family>.png     e.g. klar-portrait.png, klar-square.png
#
# The community is tests/data/render/reference.cfg on --today 2026-11-27.
# Print pages come from the A3 preview at 20 dpi (-f a3-png --dpi 20);
# screen pages are scaled to 200-320 px.  Both are reduced to 32 colours
# without dithering, so a reference is a few KB and the comparison in
# tests/e2e/render-refs.sh (which draws with this same script) ignores
# anti-aliasing noise.  $PLAKAT is the binary (default build/plakat).
#
# After changing a design on purpose: tests/refresh-refs.sh, look at the
# images, commit them with the design.
set -eu
cd "$(dirname "$0")/.."
: "${PLAKAT:=build/plakat}"
dest=${1:-tests/ref}
community=tests/data/render/reference.cfg
today=2026-11-27

tmp=$(mktemp -d "${TMPDIR:-/tmp}/plakat-refs.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$dest"

# family FORMAT -> the aspect family it stands for, and how to scale it.
"$PLAKAT" layouts >"$tmp/layouts"
layout=
while IFS= read -r line; do
        case $line in
        "") continue ;;
        " "*) ;;
        *) layout=${line%% *}; continue ;;
        esac
        fmts=$(printf '%s\n' "$line" | sed -n 's/^ *formats: *//p' | tr ',' ' ')
        [ -n "$layout" ] && [ -n "$fmts" ] || continue
        want=
        for f in $fmts; do
                case $f in a3 | instagram | mastodon | story) want="$want,$f" ;; esac
        done
        want=$(printf '%s' "$want" | sed 's/^,//; s/a3/a3-png/')
        [ -n "$want" ] || continue
        out=$tmp/$layout
        # A design that draws with warnings still gets its references.
        "$PLAKAT" render -q --today "$today" -l "$layout" -f "$want" --dpi 20 -o "$out" "$community" >/dev/null
        for png in "$out"/*.png; do
                case $png in
                *-a3.png) family=portrait resize= ;;
                *-instagram.png) family=square resize=200x200 ;;
                *-mastodon.png) family=landscape resize=320x180 ;;
                *-story.png) family=story resize=180x320 ;;
                *) continue ;;
                esac
                convert "$png" ${resize:+-resize "$resize"!} -strip +dither -colors 32 \
                        "png8:$dest/$layout-$family.png"
                if [ "$dest" = tests/ref ]; then echo "$dest/$layout-$family.png"; fi
        done
done <"$tmp/layouts"

# The layout language's showcase (lists, rows, grids, styles; see
# tests/data/layouts/good/showcase.cfg), with a community that has channels.
"$PLAKAT" render -q --layouts tests/data/layouts/good -l showcase -f instagram --today "$today" \
        -o "$tmp/showcase" tests/data/render/showcase.cfg >/dev/null
convert "$tmp/showcase/showcase-instagram.png" -resize 400x400! -strip +dither -colors 32 \
        "png8:$dest/showcase-square.png"
if [ "$dest" = tests/ref ]; then echo "$dest/showcase-square.png"; fi
