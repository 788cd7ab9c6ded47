#!/bin/sh
# headers.sh: the include structure of src/ stays a tree of layers.
#
# - No cycle among the headers, nor among the modules (a module is x.c with
#   x.h; "community.c includes image.h" is an edge community -> image).
#   community -> image -> layout -> community was one until issue 7.
# - Model headers draw nothing: through any chain of includes, system ones
#   too (the compiler's -M lists them), they reach neither cairo nor Pango
#   nor librsvg.  Only the headers in DRAWING may; a new header that draws
#   belongs there, a new model header needs nothing.
. "$(dirname "$0")/lib.sh"

DRAWING="box.h draw.h fonts.h image.h lazy.h output.h pixels.h pngout.h qr.h sheetpdf.h"

# edges DIR KIND: "from to" for every #include "x.h" in DIR; KIND headers
# takes DIR/*.h only and names nodes by file, KIND modules takes .c and .h
# and names nodes by stem (self-edges dropped).
edges() {
        case $2 in
        headers) files=$(ls "$1"/*.h 2>/dev/null) ;;
        *) files=$(ls "$1"/*.[ch] 2>/dev/null) ;;
        esac
        for f in $files; do
                sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"/]*\)".*/\1/p' "$f" |
                        while read -r inc; do
                                if [ "$2" = headers ]; then
                                        echo "${f##*/} $inc"
                                else
                                        from=${f##*/}
                                        from=${from%.*}
                                        to=${inc%.h}
                                        [ "$from" != "$to" ] && [ -f "$1/$inc" ] && echo "$from $to"
                                fi
                        done
        done
}

# cycles: reads "from to" lines, prints each cycle found as "a -> b -> a"
# (depth-first search; a node on the current path seen again closes one).
cycles() {
        awk '
        { out[$1] = out[$1] " " $2; node[$1] = 1; node[$2] = 1 }
        function visit(n,    k, m, parts, i, p) {
                state[n] = 1
                path[++depth] = n
                m = split(out[n], parts, " ")
                for (k = 1; k <= m; k++) {
                        if (state[parts[k]] == 1) {
                                p = ""
                                for (i = 1; i <= depth; i++)
                                        if (p != "" || path[i] == parts[k])
                                                p = p path[i] " -> "
                                print p parts[k]
                        } else if (!state[parts[k]])
                                visit(parts[k])
                }
                depth--
                state[n] = 2
        }
        END { for (n in node) if (!state[n]) visit(n) }'
}

# drawing_reached DIR HEADER: the cairo, Pango or librsvg headers HEADER
# pulls in, one per line (none: prints nothing); what the compiler said
# when it cannot read HEADER.
PKGS="cairo pangocairo librsvg-2.0 libqrencode libconfig glib-2.0 gio-2.0 fontconfig"
drawing_reached() {
        # shellcheck disable=SC2046 # pkg-config prints several flags
        if ! deps=$(${CC:-cc} -std=c11 -D_POSIX_C_SOURCE=200809L -I"$1" \
                $(pkg-config --cflags $PKGS 2>/dev/null) -M -x c "$1/$2" 2>&1); then
                printf 'cannot read it: %s\n' "$deps"
                return
        fi
        printf '%s\n' "$deps" | tr ' \\' '\n\n' | grep -E '/(cairo|pango|librsvg)[^/]*/' | sort -u
}

is "$(edges src headers | cycles)" "" "no include cycle among src/*.h"
is "$(edges src modules | cycles)" "" "no cycle among the modules of src/ (x.c and x.h)"

for h in src/*.h; do
        name=${h##*/}
        case " $DRAWING " in *" $name "*) continue ;; esac
        reached=$(drawing_reached src "$name")
        is "$reached" "" "model header $name reaches no cairo, Pango or librsvg"
done
for h in $DRAWING; do
        ok_cmd "DRAWING lists $h, which exists" test -f "src/$h"
done

# The checks can fail: a cycle and a model header that draws, in a copy.
mkdir -p "$T_TMP/src"
printf '#include "b.h"\n' >"$T_TMP/src/a.h"
printf '#include "c.h"\n' >"$T_TMP/src/b.h"
printf '#include "a.h"\n' >"$T_TMP/src/c.h"
printf '#include "b.h"\n' >"$T_TMP/src/c.c"
printf '#include "d.h"\n' >"$T_TMP/src/b.c"
printf '#include <cairo.h>\n' >"$T_TMP/src/d.h"
printf '#include "d.h"\n' >"$T_TMP/src/model.h"
found=$(edges "$T_TMP/src" headers | cycles)
like "$found" " -> " "a header cycle is found"
for h in a.h b.h c.h; do
        like "$found" "$h" "the header cycle names $h"
done
unlike "$found" "d.h" "the header cycle names only headers on it"
like "$(edges "$T_TMP/src" modules | cycles)" " -> " "a module cycle is found"
reached=$(drawing_reached "$T_TMP/src" model.h)
like "$reached" "cairo.h" "a model header that reaches cairo through another header is found"

done_testing
