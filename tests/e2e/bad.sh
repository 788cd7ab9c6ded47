#!/bin/sh
# bad.sh: every tests/data/bad/NAME.cfg is refused by `plakat check` with
# exactly the messages in NAME.expected, then plakat's summary line
#
#   tests/data/bad/NAME.cfg: refused (N errors)
#
# (N = the error lines of NAME.expected; "1 error" for one).  An .expected
# file may also end with that line itself.  Nothing goes to stdout.
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
        want=$(cat "$exp")
        last=$(printf '%s\n' "$want" | tail -n 1)
        case $last in
        "$f: refused ("*) ;;
        *)
                n=$(printf '%s\n' "$want" | grep -c -v ': warning: ')
                [ "$n" -eq 1 ] && word=error || word=errors
                want="$want
$f: refused ($n $word)"
                ;;
        esac
        run check --today "$TODAY" "$f"
        is "$rc" 1 "$f: exit 1"
        is "$err" "$want" "$f: the expected messages"
        is "$out" "" "$f: nothing on stdout"
done
[ "$found" -eq 1 ] || skip "tests/data/bad" "no bad files yet"

done_testing
