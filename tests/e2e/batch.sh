#!/bin/sh
# batch.sh: many files at once, as the city office runs them: a refused file
# is reported and skipped, the others are handled, the exit status says 1.
. "$(dirname "$0")/lib.sh"

dir=$T_TMP/batch
mkdir -p "$dir"
community() { # community FILE NAME
        cat >"$1" <<CFG
name  = "$2";
topic = "Voneinander lernen";
lead = { name = "Mia Schulz"; };
schedule = {
  first    = "2027-01-14 19:00";
  duration = 120;
  repeat   = "weekly";
  interval = 2;
};
venue  = { name = "Neue Schmiede"; };
signup = { url = "https://bielefeld.jetzt/cop/lernen"; };
CFG
}
community "$dir/first.cfg" "Erste Gruppe"
community "$dir/second.cfg" "Zweite Gruppe"
printf 'name = "Kaputt"\ntopic = ;\n' >"$dir/broken.cfg"

run check --today "$TODAY" "$dir/first.cfg" "$dir/broken.cfg" "$dir/second.cfg"
is "$rc" 1 "good + bad + good: exit 1"
like "$out" "$dir/first.cfg: OK" "the first good file is reported"
like "$out" "$dir/second.cfg: OK" "the second good file is reported after the bad one"
like "$out" "Name:      Zweite Gruppe" "the second good file is shown in full"
unlike "$out" "broken.cfg" "nothing on stdout for the bad file"
like "$err" "$dir/broken.cfg: refused (" "the bad file is refused on stderr"
n=$(printf '%s\n' "$err" | grep -c ': refused (')
is "$n" 1 "one refused line for one bad file"
like "$(printf '%s\n' "$err" | tail -n 1)" "2 OK, 1 refused in " "some refused: the last line counts them"
# A file whose check takes too long fails: counted in the last line, not
# left out of it ("0 OK, 0 refused").
run check -j 2 --time-limit 0.001 --today "$TODAY" "$dir/first.cfg" "$dir/second.cfg"
is "$rc" 1 "checks that took too long: exit 1"
like "$(printf '%s\n' "$err" | tail -n 1)" "0 OK, 0 refused, 2 failed in " "checks that took too long: counted as failed"

run check --today "$TODAY" "$dir/first.cfg" "$dir/second.cfg"
is "$rc" 0 "only good files: exit 0"
is "$err" "" "only good files: no stderr"

run check --today "$TODAY" "$dir/broken.cfg" "$dir/missing.cfg"
is "$rc" 1 "only bad files: exit 1"
is "$out" "" "only bad files: nothing on stdout"
n=$(printf '%s\n' "$err" | grep -c ': refused (')
is "$n" 2 "only bad files: each refused"

done_testing
