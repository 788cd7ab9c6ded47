# bash completion for plakat: commands, options, format, design and theme
# names (asked from plakat itself, so they match its data), *.cfg files and
# folders.  Installed by `make install` into bash-completion's folder.

_plakat_names() # _plakat_names formats|layouts|themes: the names plakat lists
{
        LC_ALL=C "${_plakat_bin:-plakat}" "$1" 2>/dev/null | awk '/^[a-z0-9]/ { print $1 }'
}

_plakat()
{
        local cur prev words cword
        if declare -F _init_completion >/dev/null; then
                _init_completion -s || return
        else
                cur=${COMP_WORDS[COMP_CWORD]}
                prev=${COMP_WORDS[COMP_CWORD - 1]}
                words=("${COMP_WORDS[@]}")
                cword=$COMP_CWORD
        fi
        local _plakat_bin=${words[0]}
        local commands="check render kit new formats layouts themes settings help"
        local options="--format --output --layout --today --dpi --bleed --marks --fonts --layouts
                --allow-outside-paths --jobs --time-limit --force --sheet --copies --report
                --debug-boxes --allow-ended --language --quiet --help --version"

        # --opt=value is split by _init_completion -s; without it, handle it here.
        if [[ $cur == --*=* ]]; then
                prev=${cur%%=*}
                cur=${cur#*=}
        fi
        case $prev in
        -f | --format)
                local all="all $(_plakat_names formats)" prefix=
                # A comma-separated list: complete its last item.
                [[ $cur == *,* ]] && prefix=${cur%,*}, && cur=${cur##*,}
                COMPREPLY=($(compgen -P "$prefix" -W "$all" -- "$cur"))
                [[ -n $prefix ]] && compopt -o nospace 2>/dev/null
                return
                ;;
        --language)
                COMPREPLY=($(compgen -W "de en" -- "$cur"))
                return
                ;;
        --sheet)
                COMPREPLY=($(compgen -W "a4 a3 sra4 sra3" -- "$cur"))
                return
                ;;
        -l | --layout)
                COMPREPLY=($(compgen -W "$(_plakat_names layouts)" -- "$cur"))
                return
                ;;
        -o | --output | --fonts | --layouts)
                COMPREPLY=($(compgen -d -- "$cur"))
                return
                ;;
        --today | --dpi | --bleed | --jobs | -j | --time-limit | --copies)
                return
                ;;
        esac

        if [[ $cur == -* ]]; then
                COMPREPLY=($(compgen -W "$options" -- "$cur"))
                return
        fi
        local i cmd=
        for ((i = 1; i < cword; i++)); do
                case ${words[i]} in
                check | render | kit | new | formats | layouts | themes | settings | help)
                        cmd=${words[i]}
                        break
                        ;;
                esac
        done
        case $cmd in
        "")
                COMPREPLY=($(compgen -W "$commands" -- "$cur"))
                ;;
        new)
                compopt -o filenames 2>/dev/null
                COMPREPLY=($(compgen -d -- "$cur"))
                ;;
        check | render | kit)
                # Community files and the folders that may hold them.
                compopt -o filenames 2>/dev/null
                COMPREPLY=($(compgen -d -- "$cur") $(compgen -f -X '!*.cfg' -- "$cur"))
                ;;
        esac
}

complete -F _plakat plakat
