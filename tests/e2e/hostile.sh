#!/bin/sh
# hostile.sh: layouts that used to take minutes (issue 12, point 2 and 3)
# are refused, or drawn, in seconds, with a message that names the limit
# and the element: 400 and 3,000 optional children in one stack, one text
# with 4,000 placeholders that each expand to the agenda, 3,500 text
# elements on a page, page sizes no page has.  Within the limits, a stack
# whose 192 optional texts must all be dropped renders fast, and a text
# that expands past 8192 bytes is cut with a warning.
. "$(dirname "$0")/lib.sh"

sample=samples/klimawerkstatt-brackwede.cfg

# Each layout in a folder of its own: a run loads only the one it tests.
dir=$T_TMP/layouts
mkdir -p "$dir"
# into NAME: the path to write layout NAME to.
into() {
        mkdir -p "$dir/$1"
        echo "$dir/$1/$1.cfg"
}

# head NAME SIZE UNIT: a layout up to its page's elements.
head() {
        printf 'name = "%s";\ndescription = "test";\npages = (\n  { family = "portrait"; size = [%s]; unit = "%s";\n    elements = (\n' "$1" "$2" "$3"
}
tail() {
        printf '    );\n  }\n);\n'
}
# texts N TEMPLATE OPTIONAL: N text elements, comma-separated.
texts() {
        awk -v n="$1" -v t="$2" -v o="$3" 'BEGIN { for (i = 0; i < n; i++)
                printf "%s        { type = \"text\"; text = \"%s\"; size = [14, 6];%s }\n", i ? "," : "", t, o ? " optional = true;" : "" }'
}

for n in 400 3000; do
        { head "children$n" "105, 148" mm
          echo '      { type = "stack"; name = "column"; box = [5, 5, 95, 138]; children = ('
          texts "$n" "{pitch}" 1
          echo '      ); }'
          tail; } >"$(into children$n)"
done
{ head placeholders "105, 148" mm
  printf '      { type = "text"; name = "agendas"; box = [5, 5, 95, 138]; size = [14, 6]; text = "'
  awk 'BEGIN { for (i = 0; i < 4000; i++) printf "{agenda} " }'
  echo '"; }'
  tail; } >"$(into placeholders)"
{ head elements "105, 148" mm
  awk 'BEGIN { for (i = 0; i < 3500; i++)
        printf "%s      { type = \"text\"; box = [5, 5, 50, 10]; size = [12, 6]; text = \"{name}\"; }\n", i ? "," : "" }'
  tail; } >"$(into elements)"
for s in "1e-300, 1e-300" "1e300, 1e300" "0, 0" "-105, 148"; do
        n=size$(printf '%s' "$s" | tr -c 'a-z0-9' _)
        { head "$n" "$s" mm
          echo '      { type = "rect"; box = [0, 0, 10, 10]; fill = "primary"; }'
          tail; } >"$(into $n)"
done
{ head tinypx "1e-300, 1e-300" px
  echo '      { type = "rect"; box = [0, 0, 10, 10]; fill = "primary"; }'
  tail; } >"$(into tinypx)"

# refused NAME LINE MESSAGE: check with layout NAME says MESSAGE about
# line LINE of its file, leaves the layout out (so -l NAME is a usage
# error) and takes under 20 s (milliseconds, in fact; the margin is for
# the sanitizers on a shared machine).
refused() {
        start=$(date +%s)
        run check --today "$TODAY" --layouts "$dir/$1" -l "$1" "$sample"
        secs=$(($(date +%s) - start))
        is "$rc" 2 "$1: left out, and -l $1 refused"
        like "$err" "$dir/$1/$1.cfg:$2: warning: $3" "$1: says why, naming the element and the limit"
        ok_cmd "$1: in seconds ($secs s)" test "$secs" -lt 20
}
refused children400 6 'pages[portrait].elements[column].children: expected at most 32 children, found 400'
refused children3000 6 'pages[portrait].elements[column].children: expected at most 32 children, found 3000'
refused placeholders 6 'pages[portrait].elements[agendas].text: expected at most 32 placeholders in one text, found more'
refused elements 206 'pages[portrait].elements[201]: expected at most 200 elements on a page (those inside containers count too), found more: this is element 201'
for n in $(cd "$dir" && ls -d size* tinypx); do
        range="10 and 5000 mm"
        [ "$n" = tinypx ] && range="16 and 20000 px"
        refused "$n" 4 "pages[portrait].size: expected a portrait page between $range a side, found ["
done

# Within the limits: 6 stacks of 32 optional texts in a box that holds
# none of them.  Every one is dropped, by halving, not one at a time.
{ head dropall "105, 148" mm
  echo '      { type = "stack"; name = "outer"; box = [5, 5, 95, 30]; children = ('
  for i in 1 2 3 4 5 6; do
          [ "$i" -gt 1 ] && echo ','
          echo '        { type = "stack"; children = ('
          texts 32 "{pitch} {topic} {goal}" 1
          echo '        ); }'
  done
  echo '      ); }'
  tail; } >"$(into dropall)"
start=$(date +%s)
run render --today "$TODAY" --layouts "$dir/dropall" -l dropall -f a6 -o "$T_TMP/out" "$sample"
secs=$(($(date +%s) - start))
is "$rc" 0 "dropall: rendered"
ok_cmd "dropall: in seconds ($secs s)" test "$secs" -lt 20
ok_cmd "dropall: the PDF" test -s "$T_TMP/out/klimawerkstatt-brackwede-a6.pdf"

# A text of 32 agendas of 5 long items: past 8192 bytes it is cut, and
# the warning says so.
{ head agendas "105, 148" mm
  printf '      { type = "text"; name = "agendas"; box = [5, 5, 95, 138]; size = [14, 4]; text = "'
  awk 'BEGIN { for (i = 0; i < 32; i++) printf "{agenda} " }'
  echo '"; }'
  tail; } >"$(into agendas)"
long=$T_TMP/long-agenda.cfg
sed '/^agenda = \[/,/\];$/d' "$sample" >"$long"
awk 'BEGIN { printf "agenda = ["; for (i = 0; i < 5; i++) { printf "%s\"", i ? ", " : "";
        for (k = 0; k < 30; k++) printf "Punkt %d ", k; printf "\"" } print "];" }' >>"$long"
run render --today "$TODAY" --layouts "$dir/agendas" -l agendas -f a6 -o "$T_TMP/out" "$long"
is "$rc" 0 "agendas: rendered"
like "$err" 'text "agendas" is longer than 8192 bytes with its placeholders filled in; cut there' \
        "agendas: the cut is told"

# Every refusal says why (lib.sh's run checks it for every run of every
# script); here the data files a user may break: formats, themes, a
# layout whose only page is refused, languages.
data=$T_TMP/data
for what in formats/formats.cfg themes/themes.cfg lang/de.cfg; do
        rm -rf "$data"
        mkdir -p "$data"
        cp -R layouts formats themes lang fonts "$data"/
        printf 'broken = (\n' >"$data/$what"
        PLAKAT_DATADIR=$data
        export PLAKAT_DATADIR
        run check --today "$TODAY" "$sample"
        unset PLAKAT_DATADIR
        says_why "a broken $what: refused, and says why"
done

done_testing
