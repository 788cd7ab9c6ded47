#!/bin/sh
# install.sh: `make install` puts binary, data and man page in place, and the
# installed binary finds its data without PLAKAT_DATADIR.  It installs the
# build under test as it is (make -o: never rebuild here).
. "$(dirname "$0")/lib.sh"

case $PLAKAT in
"$PWD"/*/plakat) build=${PLAKAT#"$PWD"/} build=${build%/plakat} ;;
*) build= ;;
esac
if [ -z "$build" ] || [ ! -f Makefile ]; then
        skip "make install" "$PLAKAT is not a build in this tree"
        done_testing
fi

community "$T_TMP/c.cfg"

make_ok() { # make_ok NAME MAKE-ARGS...
        name=$1
        shift
        # Not the settings of a make that runs this test (make test).
        if env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s "$@" >"$T_TMP/make.log" 2>&1; then
                pass "$name"
        else
                fail "$name" "$(cat "$T_TMP/make.log")"
        fi
}

# A staged install, as a package build does it.
dest=$T_TMP/dest
make_ok "make install DESTDIR=... PREFIX=/usr" \
        -o "$build/plakat" install BUILD="$build" DESTDIR="$dest" PREFIX=/usr
ok_cmd "binary in DESTDIR/usr/bin" test -x "$dest/usr/bin/plakat"
for d in layouts lang fonts; do
        ok_cmd "$d in DESTDIR/usr/share/plakat" test -d "$dest/usr/share/plakat/$d"
done
ok_cmd "languages installed" test -f "$dest/usr/share/plakat/lang/de.cfg"
ok_cmd "man page in DESTDIR/usr/share/man/man1" test -f "$dest/usr/share/man/man1/plakat.1"
doc=$dest/usr/share/doc/plakat
for f in community-file.md layouts.md; do
        ok_cmd "$f in DESTDIR/usr/share/doc/plakat" cmp -s "docs/$f" "$doc/$f"
done
for f in samples/*.cfg; do
        ok_cmd "$f in DESTDIR/usr/share/doc/plakat" cmp -s "$f" "$doc/$f"
done
ok_cmd "the samples' images are installed too" test -d "$doc/samples/images"
# What the man page points to is what make install puts there.
for f in $(sed -n 's|^.*/usr/local/share/doc/plakat/\([A-Za-z.-]*\).*$|\1|p' docs/plakat.1 | sort -u); do
        ok_cmd "the man page's doc/plakat/$f is installed" test -e "$doc/$f"
done

# An install into a prefix, run from there.
prefix=$T_TMP/prefix
make_ok "make install PREFIX=..." -o "$build/plakat" install BUILD="$build" PREFIX="$prefix"
"$prefix/bin/plakat" check --today "$TODAY" "$T_TMP/c.cfg" >"$OUT" 2>"$ERR"
rc=$?
out=$(cat "$OUT")
err=$(cat "$ERR")
is "$rc" 0 "the installed binary finds its data"
like "$out" "Jeden 2. Dienstag im Monat" "the installed binary speaks German from the installed lang/"
is "$err" "" "the installed binary: no stderr"

# A staged binary also runs where it was staged.
"$dest/usr/bin/plakat" check --today "$TODAY" "$T_TMP/c.cfg" >"$OUT" 2>"$ERR"
is "$?" 0 "the DESTDIR binary finds the data beside it"

# The installed samples pass the installed binary's check (images beside them).
"$prefix/bin/plakat" check -q --today "$TODAY" "$prefix"/share/doc/plakat/samples/*.cfg >"$OUT" 2>"$ERR"
rc=$?
out=$(cat "$OUT")
err=$(cat "$ERR")
is "$rc" 0 "the installed samples check OK with the installed binary"

# Compiled German patterns are installed into the data folder and used
# from there: a German flyer that needs hyphens writes no user cache.
if [ -f /usr/share/hyphen/hyph_de_DE.dic ]; then
        ok_cmd "compiled hyphenation patterns in share/plakat/hyphen" \
                test -s "$prefix/share/plakat/hyphen/hyph_de_DE.dic.bin"
        XDG_CACHE_HOME=$T_TMP/xdg "$prefix/bin/plakat" render -q --today "$TODAY" -f a6 -o "$T_TMP/hy" \
                samples/klimawerkstatt-brackwede.cfg >"$OUT" 2>"$ERR"
        is "$?" 0 "the installed binary renders a German flyer"
        # (the folder may hold fontconfig's cache; no patterns of ours)
        is "$(ls "$T_TMP/xdg/plakat" 2>/dev/null | grep -c '\.bin$')" 0 \
                "the installed compiled patterns were used (no user cache)"
fi

# Installing twice (an update) keeps one copy of the samples.
make_ok "make install again" -o "$build/plakat" install BUILD="$build" PREFIX="$prefix"
ok_cmd "no samples/samples after a second install" test ! -e "$prefix/share/doc/plakat/samples/samples"

make_ok "make uninstall" uninstall PREFIX="$prefix"
ok_cmd "make uninstall removes binary and data" \
        test ! -e "$prefix/bin/plakat" -a ! -e "$prefix/share/plakat"
ok_cmd "make uninstall removes the documentation" test ! -e "$prefix/share/doc/plakat"

done_testing
