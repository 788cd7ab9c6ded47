#!/bin/sh
# bad.sh: every tests/data/bad/NAME.cfg gets exactly the messages in
# NAME.expected from `plakat check`.  With an error among them, the file is
# refused: exit 1, nothing on stdout, and after the messages the summary
#
#   tests/data/bad/NAME.cfg: refused (N errors)
#
# (N = the error lines of NAME.expected; "1 error" for one; an .expected
# file may also end with that line itself).  With warnings only, the file
# is accepted: exit 0 and the report on stdout.
. "$(dirname "$0")/lib.sh"

found=0
for f in tests/data/bad/*.cfg; do
        [ -e "$f" ] || continue
        found=1
        exp=${f%.cfg}.expected
        if [ ! -f "$exp" ]; then
                fail "$f: has $exp"
                continue
        fi
        want=$(grep -v -F "$f: refused (" "$exp")
        n=$(printf '%s\n' "$want" | grep -c -v -e ': warning: ' -e '^$')
        run check --today "$TODAY" "$f"
        if [ "$n" -eq 0 ]; then
                is "$rc" 0 "$f: warnings only: exit 0"
                is "$err" "$want" "$f: the expected warnings"
                like "$out" "$f: OK" "$f: warnings only: reported on stdout"
        else
                [ "$n" -eq 1 ] && word=error || word=errors
                want="$want
$f: refused ($n $word)"
                is "$rc" 1 "$f: exit 1"
                says_why "$f: a message besides the summary"
                is "$err" "$want" "$f: the expected messages"
                is "$out" "" "$f: nothing on stdout"
        fi
done
[ "$found" -eq 1 ] || skip "tests/data/bad" "no bad files yet"

done_testing
