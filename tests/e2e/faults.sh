#!/bin/sh
# faults.sh: what plakat promises when things go wrong around it (README,
# "When things go wrong"): a failed re-render keeps the previous good
# files, temporary files of dead runs are swept (never a live run's), a
# signal leaves no temporary file, every name fits the file system, and
# file names cannot drive the terminal.
. "$(dirname "$0")/lib.sh"

dir=$T_TMP/c
mkdir -p "$dir"
community "$dir/c.cfg"

# ---- a failed re-render keeps what was there ----------------------------------------
o=$T_TMP/keep
run render --today "$TODAY" -f a3,instagram -o "$o" "$dir/c.cfg"
is "$rc" 0 "first render: exit 0"
cp "$o/c-a3.pdf" "$T_TMP/good-a3.pdf"
rm "$o/c-instagram.png"
mkdir "$o/c-instagram.png" # the second output cannot be put in place
run render --force --today 2027-03-01 -f a3,instagram -o "$o" "$dir/c.cfg"
is "$rc" 1 "second output cannot be put in place: exit 1"
like "$err" "$o/c-instagram.png: could not put this file in place: Is a directory" "the failure names the file"
ok_cmd "the earlier good A3 is back in place, unchanged" cmp "$o/c-a3.pdf" "$T_TMP/good-a3.pdf"
is "$(ls -A "$o" | grep -v '^c-\|^\.plakat-record$')" "" "no temporary file or backup left"

# ---- a re-render writes over the files it replaces, never over another's -----------------
# output.c swaps each new file with the one it replaces, then writes the
# next output over that one instead of making a new file.  Never over a
# file with a second link (a copy a user made with ln) or with extended
# attributes: those keep what they had, and nothing of them reaches
# another output.
o=$T_TMP/swap
mkdir -p "$T_TMP/swapin"
for n in 1 2 3 4; do community "$T_TMP/swapin/s$n.cfg" "Gruppe $n"; done
inodes() { for f in "$1"/*.pdf; do stat -c %i "$f"; done | sort; }
# A file's birth time (statx) tells a file written over from a new one
# (inode numbers do not: the file system hands a freed one out again).
born() { stat -c %w "$T_TMP/swap0/s$1-$2.pdf"; }
run render -j 1 --today "$TODAY" -f a6,a5 -o "$T_TMP/swap0" "$T_TMP/swapin"
for n in 1 2 3 4; do for f in a6 a5; do echo "$n $f $(born $n $f)"; done; done >"$T_TMP/born"
run render -j 1 --today 2027-03-01 -f a6,a5 -o "$T_TMP/swap0" "$T_TMP/swapin"
# Whether this file system swaps names and grants leases (plakat writes
# over old files only then; elsewhere it renames as before).
can_swap=$(cd "$T_TMP/swap0" && python3 -c '
import ctypes, fcntl, os
open("p1", "w").close(); open("p2", "w").close()
libc = ctypes.CDLL(None, use_errno=True)
fd = os.open("p1", os.O_WRONLY)
try:
    fcntl.fcntl(fd, 1024, fcntl.F_WRLCK)  # F_SETLEASE
    fcntl.fcntl(fd, 1024, fcntl.F_UNLCK)
    print("yes" if libc.renameat2(-100, b"p1", -100, b"p2", 2) == 0 else "no")  # RENAME_EXCHANGE
except OSError:
    print("no")
os.close(fd); os.unlink("p1"); os.unlink("p2")' 2>/dev/null)
if [ "$(born 1 a6)" = - ] || [ "$can_swap" != yes ]; then
        skip "re-render over old files: each file written over one it replaced" "no birth times, swaps or leases here"
else
        # Each community's files are written over the ones its predecessor
        # replaced (the first community's are new): 6 of 8.
        reused=$(for n in 2 3 4; do for f in a6 a5; do
                [ "$(born $n $f)" = "$(awk -v n=$((n - 1)) -v f=$f '$1 == n && $2 == f { print $3, $4, $5 }' "$T_TMP/born")" ] && echo x
        done; done | wc -l)
        ok_cmd "re-render over old files: each file written over one it replaced ($reused of 6)" test "$reused" -eq 6
fi
run render -j 1 --today "$TODAY" -f a6,a5 -o "$o" "$T_TMP/swapin"
is "$rc" 0 "re-render over old files: the first render"
ln "$o/s1-a6.pdf" "$T_TMP/linked.pdf"
cp "$o/s1-a6.pdf" "$T_TMP/linked.copy"
xattr=$(python3 -c 'import os, sys; os.setxattr(sys.argv[1], "user.plakat-test", b"1"); print("yes")' "$o/s1-a5.pdf" 2>/dev/null)
# A reader that opened an old file (a download, a viewer) before it was
# replaced reads that file's bytes to the end, not the next output's.
cp "$o/s2-a6.pdf" "$T_TMP/open.copy"
exec 3<"$o/s2-a6.pdf"
run render -j 1 --today 2027-03-01 -f a6,a5 -o "$o" "$T_TMP/swapin" 3<&-
is "$rc" 0 "re-render over old files: exit 0"
cat <&3 >"$T_TMP/open.read"
exec 3<&-
ok_cmd "re-render over old files: a reader of an old file reads its bytes" cmp "$T_TMP/open.read" "$T_TMP/open.copy"
"$PLAKAT" render -j 1 --today 2027-03-01 -f a6,a5 -o "$T_TMP/swapref" "$T_TMP/swapin" >/dev/null 2>&1
differ=
for f in "$T_TMP/swapref"/*.pdf; do cmp -s "$f" "$o/${f##*/}" || differ="$differ ${f##*/}"; done
is "$differ" "" "re-render over old files: every file as a fresh render makes it"
ok_cmd "re-render over old files: a second link to an old file keeps its bytes" cmp "$T_TMP/linked.pdf" "$T_TMP/linked.copy"
is "$(ls -A "$o" | grep '^\.' | grep -v '^\.plakat-record$')" "" "re-render over old files: no temporary file or spare left"
ok_cmd "re-render over old files: the linked file is not among the outputs" \
        sh -c "! printf '%s\n' '$(inodes "$o")' | grep -qx '$(stat -c %i "$T_TMP/linked.pdf")'"
if [ "$xattr" = yes ]; then
        with=$(python3 -c 'import os, sys
print(" ".join(os.path.basename(f) for f in sys.argv[1:] if "user.plakat-test" in os.listxattr(f)))' "$o"/*.pdf)
        is "$with" "" "re-render over old files: an extended attribute reaches no output"
else
        skip "re-render over old files: an extended attribute reaches no output" "no user attributes here"
fi

# ---- leftovers of dead runs are swept, a live run's are not ----------------------------
o=$T_TMP/sweep
mkdir -p "$o"
sleep 30 &
live=$!
dead=4194303 # above the kernel's pid_max: no such process
touch "$o/.c-a3.pdf.plakat-$dead-AbCdEf" "$o/.c-a3.pdf.plakat-$live-XyZ123" "$o/.mine"
run render --today "$TODAY" -f a3 -o "$o" "$dir/c.cfg"
is "$rc" 0 "render into a folder with leftovers: exit 0"
ok_cmd "a dead run's temporary file is removed" test ! -e "$o/.c-a3.pdf.plakat-$dead-AbCdEf"
ok_cmd "a live run's temporary file is kept" test -e "$o/.c-a3.pdf.plakat-$live-XyZ123"
ok_cmd "other hidden files are not touched" test -e "$o/.mine"

# A kit writes into a folder per community: a dead run's leftovers there
# too (a worker killed while writing one), in any community's folder.
k=$T_TMP/sweep-kit
mkdir -p "$k/c" "$k/gone" "$T_TMP/sweep-elsewhere"
ln -s "$T_TMP/sweep-elsewhere" "$k/link"
touch "$T_TMP/sweep-elsewhere/.x-a6.pdf.plakat-$dead-AbCdEf"
touch "$k/c/.index.html.plakat-$dead-AbCdEf" "$k/gone/.c-a6.pdf.plakat-$dead-AbCdEf" \
        "$k/c/.c-a6.pdf.plakat-$live-XyZ123" "$k/gone/.mine"
run kit --today "$TODAY" -o "$k" "$dir/c.cfg"
is "$rc" 0 "kit into a folder with leftovers: exit 0"
ok_cmd "kit: a dead run's temporary file in the community's folder is removed" \
        test ! -e "$k/c/.index.html.plakat-$dead-AbCdEf"
ok_cmd "kit: a dead run's temporary file in another community's folder is removed" \
        test ! -e "$k/gone/.c-a6.pdf.plakat-$dead-AbCdEf"
ok_cmd "kit: a live run's temporary file is kept" test -e "$k/c/.c-a6.pdf.plakat-$live-XyZ123"
ok_cmd "kit: other hidden files are not touched" test -e "$k/gone/.mine"
ok_cmd "kit: a link to a folder elsewhere is not followed" test -e "$T_TMP/sweep-elsewhere/.x-a6.pdf.plakat-$dead-AbCdEf"
kill $live 2>/dev/null

# ---- a signal during a render leaves no temporary file ---------------------------------------
for sig in INT TERM HUP; do
        o=$T_TMP/sig-$sig
        "$PLAKAT" render --today "$TODAY" -f all -o "$o" samples/ki-im-alltag-auftakt.cfg >/dev/null 2>&1 &
        pid=$!
        n=0
        while [ -z "$(ls -A "$o" 2>/dev/null)" ] && [ $n -lt 500 ]; do sleep 0.005; n=$((n + 1)); done
        kill -$sig $pid 2>/dev/null
        wait $pid
        rc=$?
        ok_cmd "SIG$sig during a render: exit 0 (done) or 130 (stopped), was $rc" sh -c "[ $rc = 0 ] || [ $rc = 130 ]"
        is "$(find "$o" -name '.*' ! -name . ! -name .plakat-record 2>/dev/null)" "" "SIG$sig: no temporary file left"
done

# ---- names that fit ------------------------------------------------------------------------------------
long=$(printf 'verein%.0s' $(seq 1 40)) # 240 characters
community "$dir/$long.cfg"
run check --today "$TODAY" -f all "$dir/$long.cfg"
is "$rc" 0 "a 240-character file name: check OK"
run render --today "$TODAY" -f all -o "$T_TMP/long" "$dir/$long.cfg"
is "$rc" 0 "a 240-character file name: render agrees"
longest=$(ls "$T_TMP/long" | awk '{ print length($0) }' | sort -n | tail -n 1)
ok_cmd "every output name is shortened to fit ($longest bytes)" test "$longest" -le 200
like "$out" "$T_TMP/long/verein" "the shortened names keep the start of the file's name"

# ---- names that cannot drive the terminal ---------------------------------------------------------
esc=$(printf 'x\033[31mred')
community "$dir/$esc.cfg"
printf 'name = ;\n' >"$dir/$esc-bad.cfg"
run render --today "$TODAY" -f a6 -o "$T_TMP/esc" "$dir/$esc.cfg" "$dir/$esc-bad.cfg"
unlike "$out$err" "$(printf '\033')" "no escape character reaches the terminal"
like "$out" 'x\x1b[31mred-a6.pdf' "the written file's name, escaped"
like "$err" 'x\x1b[31mred-bad.cfg:1: ' "the refused file's name in its message, escaped"
ok_cmd "the file itself has its real name" test -f "$T_TMP/esc/$esc-a6.pdf"

done_testing
