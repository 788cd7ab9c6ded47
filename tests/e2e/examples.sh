#!/bin/sh
# examples.sh: every plakat command shown in README.md and docs/*.md runs
# as shown (a fenced ```sh block, or a "$ plakat" line), against the
# README's own community file and a folder of communities; the output a
# document shows after "$ plakat check" is what plakat prints.  So no
# example can drift from the program.
. "$(dirname "$0")/lib.sh"

box=$T_TMP/box
mkdir -p "$box/communities" "$box/lead-home/layouts"
# The README's first community file, as a lead would save it.
awk '/[Ss]ave this as `urban-gardening.cfg`/ { f = 1; next }
     f && /^```$/ { if (inb) exit; inb = 1; next }
     inb { print }' README.md >"$box/urban-gardening.cfg"
ok_cmd "README: the example community file is there" test -s "$box/urban-gardening.cfg"
for s in urban-gardening repair-cafe-sennestadt data-ethics-meetup; do
        mkdir -p "$box/communities/$s"
        cp "samples/$s.cfg" "$box/communities/$s/"
done
cp -R samples/images "$box/communities/data-ethics-meetup/"
mkdir -p "$box/urban-gardening"
cp "$box/urban-gardening.cfg" "$box/urban-gardening/"
# docs/layouts.md's worked example, where its commands look for it.
awk '/Save it as `~\/layouts\/mini.cfg`/ { f = 1; next }
     f && /^```$/ { if (inb) exit; inb = 1; next }
     inb { print }' docs/layouts.md >"$box/lead-home/layouts/mini.cfg"

# What docs/layouts.md's commands name: the samples, and a community that
# picks a theme.
cp -R samples "$box/"
cp "$box/urban-gardening.cfg" "$box/my-community-with-that-theme.cfg"

# Every command line: "plakat ..." in a fenced block, "$ plakat ..." anywhere.
for doc in README.md docs/*.md; do
        awk '/^```/ { f = !f; next } f && /^plakat / { print }
             /^\$ plakat / { sub(/^\$ /, ""); print }' "$doc" |
                sed 's/  *# .*$//' | while IFS= read -r cmd; do
                printf '%s\t%s\n' "$doc" "$cmd"
        done
done >"$T_TMP/commands"
n=$(grep -c . "$T_TMP/commands")
ok_cmd "the docs show commands ($n)" test "$n" -gt 10

# Run each in the box, with a fixed day so the output does not depend on
# the clock; "NAME" in a command stands for a design's name.
while IFS="$(printf '\t')" read -r doc cmd; do
        case $cmd in *"-o -"*) ;; esac
        c=$(printf '%s' "$cmd" | sed "s/ NAME / klar /; s| /tmp/d | out-d |; s|^plakat|\"\$PLAKAT\"|")
        case $cmd in
        "plakat render"* | "plakat check"* | "plakat kit"*) c="$c --today 2026-12-01" ;;
        esac
        (cd "$box" && HOME=$box/lead-home sh -c "$c" >"$T_TMP/ex.out" 2>"$T_TMP/ex.err")
        rc=$?
        out=$(cat "$T_TMP/ex.out")
        err=$(cat "$T_TMP/ex.err")
        is "$rc" 0 "$doc: \`$cmd\` runs as shown"
done <"$T_TMP/commands"

# The output README shows for `plakat check urban-gardening.cfg`.
for doc in README.md; do
        want=$(awk '/^\$ plakat check urban-gardening.cfg$/ { f = 1; next } f && /^```$/ { exit } f { print }' "$doc")
        got=$(cd "$box" && "$PLAKAT" check --today 2026-12-01 urban-gardening.cfg 2>&1)
        is "$got" "$want" "$doc: \`plakat check urban-gardening.cfg\` prints what the document shows"
done

done_testing
