#!/bin/sh
# completion.sh: completion/plakat.bash, sourced in bash, completes
# commands, options, format and design names (from plakat itself), and
# *.cfg files and folders.
. "$(dirname "$0")/lib.sh"

if ! command -v bash >/dev/null; then
        skip "bash completion" "no bash"
        done_testing
fi
COMPLETION=$PWD/completion/plakat.bash
export COMPLETION
mkdir -p "$T_TMP/dir/sub"
: >"$T_TMP/dir/urban.cfg"
: >"$T_TMP/dir/notes.txt"

# complete WORDS...: what _plakat offers for the last word (sorted, one line)
complete_words() {
        bash -c '
                . "$COMPLETION"
                plakat() { "$PLAKAT" "$@"; }
                COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
                COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
                _plakat plakat "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
                printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " "
        ' bash "$@"
}

is "$(complete_words plakat ch)" "check " "command: ch -> check"
is "$(complete_words plakat re)" "render " "command: re -> render"
is "$(complete_words plakat check --la)" "--language --layout --layouts " "options: --la"
is "$(complete_words plakat new --language "")" "de en " "new: --language values"
is "$(complete_words plakat render -f a)" "a3 a4 a5 a6 all " "formats: -f a"
like "$(complete_words plakat render -f a3,ins)" "a3,instagram " "formats: the last item of a list"
is "$(complete_words plakat render -l kl)" "klar " "designs: -l kl"
is "$(complete_words plakat render --layout l)" "laut " "designs: --layout l"
is "$(cd "$T_TMP" && complete_words plakat check dir/)" "dir/sub dir/urban.cfg " "files: folders and *.cfg, not other files"
is "$(complete_words plakat check samples/urban)" "samples/urban-gardening.cfg " "files: samples/urban"

done_testing
