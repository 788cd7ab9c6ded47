# tests/e2e/render-lib.sh: what the render-*.sh scripts share on top of
# lib.sh (POSIX sh): known bugs as TAP TODO, text found in a PDF, QR codes
# read back.
#
#   . "$(dirname "$0")/render-lib.sh"     # also loads lib.sh
#   todo_cmd NAME REASON COMMAND...        # "not ok N - NAME # TODO REASON"
#   has_text TEXT-FILE WORDS               # WORDS in pdftotext's output
#   qr_of PNG                              # the decoded QR text, or ""

case $0 in
*/render-lib.sh | render-lib.sh)
        echo "1..0 # SKIP helpers for the render-*.sh scripts"
        exit 0
        ;;
esac

. "$(dirname "$0")/lib.sh"

# The date the issue pins for render tests: "next meetings" from here.
RTODAY=2026-11-27

# A check that fails because of a known bug: reported as TODO, so prove
# shows it without failing the suite (and says when it starts to pass).
todo_cmd() {
        name=$1 reason=$2
        shift 2
        T_NUM=$((T_NUM + 1))
        if "$@"; then
                echo "ok $T_NUM - $name # TODO $reason"
        else
                echo "not ok $T_NUM - $name # TODO $reason"
        fi
}

# squeeze FILE: the text with every run of white space made one space.
squeeze() {
        tr -s '[:space:]' ' ' <"$1"
}

# has_text TEXT-FILE WORDS: pdftotext breaks lines where the layout wrapped
# them, and a hyphenated word comes out as "Nachhal-\ntigkeit".  Compare
# without white space, once as printed and once with such breaks joined.
has_text() {
        _ht_want=$(printf '%s' "$2" | tr -d '[:space:]')
        _ht_plain=$(tr -d '[:space:]' <"$1")
        _ht_joined=$(sed -e ':a' -e 'N' -e '$!ba' -e 's/-\n//g' "$1" | tr -d '[:space:]')
        case $_ht_plain in *"$_ht_want"*) return 0 ;; esac
        case $_ht_joined in *"$_ht_want"*) return 0 ;; esac
        # pdftotext drops a hyphen at a line's end ("Fördermittel-" /
        # "Sprechstunde") and keeps soft hyphens (U+00AD): compare without
        # either.
        _ht_want=$(printf '%s' "$_ht_want" | sed 's/-//g; s/\xc2\xad//g')
        _ht_flat=$(printf '%s' "$_ht_plain" | sed 's/-//g; s/\xc2\xad//g')
        case $_ht_flat in *"$_ht_want"*) return 0 ;; esac
        return 1
}

# qr_of PNG: what zbarimg reads (zbar prints D-Bus noise on stderr).
qr_of() {
        zbarimg -q --raw "$1" 2>/dev/null
}

# need TOOL...: skip the whole script when a reader is missing.
need() {
        for t in "$@"; do
                if ! command -v "$t" >/dev/null 2>&1; then
                        echo "1..0 # SKIP $t is not installed (make deps-test)"
                        exit 0
                fi
        done
}
