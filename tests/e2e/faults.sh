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
