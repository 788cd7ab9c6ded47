# tests/e2e/lib.sh: TAP helpers for the end-to-end scripts (POSIX sh).
#
#   . tests/e2e/lib.sh
#   run check samples/x.cfg        # sets $rc, $out, $err (files $OUT, $ERR)
#   is "$rc" 0 "check exits 0"
#   like "$out" "Name:" "names it"
#   ok_cmd "an output" test -s out/x-a3.pdf
#   done_testing                   # prints the plan "1..N" last
#
# Scripts run from the top of the source tree; $PLAKAT is the binary under
# test (tests/run sets it; default build/plakat).

# tests/run hands prove every tests/e2e/*.sh, this file too: run on its own
# it is an empty, skipped test.
case $0 in
*/lib.sh | lib.sh)
        echo "1..0 # SKIP helpers for the other scripts"
        exit 0
        ;;
esac

cd "$(dirname "$0")/../.." || exit 1
: "${PLAKAT:=$PWD/build/plakat}"
case $PLAKAT in /*) ;; *) PLAKAT=$PWD/$PLAKAT ;; esac
export PLAKAT

# Dates in outputs must not depend on the machine's clock, unless a test
# says so; the data must come from this tree.
TODAY=2027-01-01
unset PLAKAT_DATADIR

T_NUM=0
T_FAILED=0
T_TMP=$(mktemp -d "${TMPDIR:-/tmp}/plakat-e2e.XXXXXX") || exit 1
trap 'rm -rf "$T_TMP"' EXIT
OUT=$T_TMP/stdout
ERR=$T_TMP/stderr

pass() {
        T_NUM=$((T_NUM + 1))
        echo "ok $T_NUM - $1"
}

fail() {
        T_NUM=$((T_NUM + 1))
        T_FAILED=$((T_FAILED + 1))
        echo "not ok $T_NUM - $1"
        t_name=$1
        shift
        for line in "$@"; do
                printf '%s\n' "$line" | sed 's/^/#   /'
        done >"$T_TMP/diag"
        cat "$T_TMP/diag"
        # tests/run prints every failure again at the end of its output,
        # where a CI log's last lines show it (at most 12 lines of why).
        if [ -n "${PLAKAT_FAILURES:-}" ]; then
                echo "${0##*/}: not ok $T_NUM - $t_name"
                head -n 12 "$T_TMP/diag"
        fi >>"${PLAKAT_FAILURES:-/dev/null}"
        return 0
}

# skip NAME REASON
skip() {
        T_NUM=$((T_NUM + 1))
        echo "ok $T_NUM - $1 # SKIP $2"
}

# exports SYMBOL LIBRARY: $PLAKAT defines SYMBOL for LIBRARY's calls to
# bind to (src/numfmt.c, src/fcmatch.c); else they go to the library's
# own and the speed-up is silently lost.  Skipped for a wrapper script.
exports() {
        if nm -D --defined-only "$PLAKAT" >/dev/null 2>&1; then
                ok_cmd "the binary exports $1 for $2 to bind to" \
                        sh -c "nm -D --defined-only '$PLAKAT' | grep -qw $1"
        else
                skip "the binary exports $1" "$PLAKAT is not an ELF binary (a wrapper)"
        fi
}

# Run plakat with arguments; capture exit status, stdout, stderr.  A run
# that refuses or fails without saying why is a failed test wherever it
# happens (issue 12: "refused (0 errors)").
run() {
        "$PLAKAT" "$@" >"$OUT" 2>"$ERR"
        rc=$?
        out=$(cat "$OUT")
        err=$(cat "$ERR")
        case $rc in
        0 | 130 | 1[3-9][0-9] | 2[0-9][0-9]) ;; # good, interrupted, or killed by a signal
        *) why_given || fail "plakat $*: exit $rc says why" "$(last_run)" ;;
        esac
}

# Whether the last run's stderr has a message besides the summaries
# ("x.cfg: refused (N errors)", "x.cfg: failed (...)", "N rendered, ..."),
# and never the summary "refused (0 errors)".
why_given() {
        case $err in *": refused (0 errors)"*) return 1 ;; esac
        printf '%s\n' "$err" | grep -v -e ': refused ([0-9]* errors*)$' -e ': failed (' \
                -e '^[0-9]* rendered, ' -e '^$' | grep -q .
}

# says_why NAME: the last run refused (exit status not 0) and said why.
says_why() {
        if [ "$rc" -ne 0 ] && why_given; then
                pass "$1"
        else
                fail "$1" "$(last_run)"
        fi
}

# Show what the last run printed, for a failing test's diagnostics.
last_run() {
        printf 'exit status: %s\n--- stdout\n%s\n--- stderr\n%s\n' "$rc" "$out" "$err"
}

# is GOT WANT NAME
is() {
        if [ "$1" = "$2" ]; then
                pass "$3"
        else
                fail "$3" "got:  $1" "want: $2" "$(last_run)"
        fi
}

# ok_cmd NAME COMMAND...: passes when COMMAND succeeds.
ok_cmd() {
        name=$1
        shift
        if "$@"; then
                pass "$name"
        else
                fail "$name" "$(last_run)"
        fi
}

# like TEXT PATTERN NAME: TEXT contains the fixed string PATTERN.
like() {
        case $1 in
        *"$2"*) pass "$3" ;;
        *) fail "$3" "missing: $2" "$(last_run)" ;;
        esac
}

unlike() {
        case $1 in
        *"$2"*) fail "$3" "unexpected: $2" "$(last_run)" ;;
        *) pass "$3" ;;
        esac
}

# Sanitizer reports end up on stderr; a test that wants "no stderr" also
# catches leaks.  This one is for tests that expect other stderr output.
no_sanitizer_report() {
        unlike "$err" "Sanitizer" "$1: no sanitizer report"
}

# community FILE [NAME [URL]]: a small valid community file (the spec's
# example, cut down) for tests that need one.
community() {
        cat >"$1" <<CFG
name  = "${2:-Urban Gardening Bielefeld}";
topic = "Gemeinsam gärtnern in der Stadt";
lead = { name = "Aylin Demir"; email = "aylin.demir@example.org"; };
schedule = { first = "2027-01-12 18:30"; duration = 90; repeat = "monthly"; };
venue  = { name = "Innovation Office der Stadt Bielefeld"; address = "Niederwall 23, 33602 Bielefeld"; };
signup = { url = "${3:-https://bielefeld.jetzt/cop/urban-gardening}"; };
CFG
}

done_testing() {
        echo "1..$T_NUM"
        [ "$T_FAILED" -eq 0 ]
        exit $?
}
