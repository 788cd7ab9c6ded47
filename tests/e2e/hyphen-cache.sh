#!/bin/sh
# hyphen-cache.sh: a damaged file of compiled hyphenation patterns never
# crashes plakat and never changes a poster (issue 12, point 1).  A German
# flyer that needs hyphens is rendered with the build's compiled patterns;
# without a cache folder (fast: the patterns were compiled at build time);
# then with those damaged (4 bytes changed in range: this crashed
# libhyphen), and with the user's cache damaged too (a byte of the charset
# name: this silently changed every hyphen): each time the same PDF
# bytes, exit 0, and a damaged cache is written anew.
. "$(dirname "$0")/lib.sh"

built=$(dirname "$PLAKAT")/hyphen/hyph_de_DE.dic.bin
if [ ! -f "$built" ] || [ ! -f /usr/share/hyphen/hyph_de_DE.dic ]; then
        skip "compiled German patterns" "no $built (hyphen-de not installed, or a wrapped binary)"
        done_testing
        exit 0
fi

# A binary of our own, so its folder's hyphen/ is ours to damage.
bin=$T_TMP/bin
mkdir -p "$bin/hyphen"
cp "$PLAKAT" "$bin/plakat"
cp "$built" "$bin/hyphen/"
PLAKAT=$bin/plakat
PLAKAT_DATADIR=$PWD
XDG_CACHE_HOME=$T_TMP/xdg
export PLAKAT_DATADIR XDG_CACHE_HOME
sample=samples/klimawerkstatt-brackwede.cfg
pdf=klimawerkstatt-brackwede-a6.pdf

# flip FILE OFFSET XOR: change one byte in place.
flip() {
        perl -e 'open(my $f, "+<", $ARGV[0]) or die; binmode $f; seek($f, $ARGV[1], 0); read($f, my $b, 1);
                 seek($f, $ARGV[1], 0); print $f chr(ord($b) ^ $ARGV[2]); close $f' "$1" "$2" "$3"
}
# body FILE: where the pattern levels start (after magic, digest, identity).
body() {
        echo $((16 + 32 + 4 + $(od -An -t d4 -j 48 -N 4 "$1" | tr -d ' ')))
}
render() {
        rm -rf "$T_TMP/$1"
        run render --today "$TODAY" -f a6 -o "$T_TMP/$1" "$sample"
        is "$rc" 0 "$1: rendered"
        no_sanitizer_report "$1"
}

# No cache folder to write: the compiled patterns make that fast.
XDG_CACHE_HOME=/nonexistent/plakat-test
start=$(date +%s)
render clean
secs=$(($(date +%s) - start))
ok_cmd "clean: without a cache folder, in seconds ($secs s)" test "$secs" -lt 30
XDG_CACHE_HOME=$T_TMP/xdg

# 4 bytes in the middle of the transition table, each changed by one.
f=$bin/hyphen/hyph_de_DE.dic.bin
mid=$(($(wc -c <"$f") / 2))
for i in 0 1 2 3; do flip "$f" $((mid + i)) 1; done
render prebuilt-damaged
ok_cmd "prebuilt-damaged: the same PDF bytes" cmp "$T_TMP/clean/$pdf" "$T_TMP/prebuilt-damaged/$pdf"
cache=$(ls "$XDG_CACHE_HOME"/plakat/hyph_de_DE.dic-*.bin 2>/dev/null | head -n 1)
ok_cmd "prebuilt-damaged: the user's cache was built instead" test -s "$cache"
cp "$cache" "$T_TMP/cache.good"

# The charset name in the cache's header ("ISO8859-1" -> "ISO8859-0"),
# the minimum fragment lengths, a bit in the last level.  (Each alone is
# refused the same way: test_hyphen flips them one at a time.)
b=$(body "$cache")
flip "$cache" $((b + 4 + 8)) 1
flip "$cache" "$b" 4
flip "$cache" $(($(wc -c <"$cache") - 7)) 16
render cache-damaged
ok_cmd "cache-damaged: the same PDF bytes" cmp "$T_TMP/clean/$pdf" "$T_TMP/cache-damaged/$pdf"
ok_cmd "cache-damaged: the cache was written anew" cmp "$T_TMP/cache.good" "$cache"

done_testing
