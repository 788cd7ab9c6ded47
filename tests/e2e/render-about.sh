#!/bin/sh
# render-about.sh: klar and laut give A3 and A4 a section for the pitch,
# the goal, the agenda and the channels (issue 10 item 7, issue 11), and
# leave them out on A6; check's "Not shown" line says so per output.
. "$(dirname "$0")/render-lib.sh"
need pdftotext

f=samples/data-ethics-meetup.cfg
o=$T_TMP/out
for d in klar laut; do
        run render --today "$RTODAY" -l "$d" -f a3,a4,a6 -o "$o/$d" "$f"
        is "$rc" 0 "$d: render exits 0"
        for fmt in a3 a4; do
                pdftotext "$o/$d/data-ethics-meetup-$fmt.pdf" "$T_TMP/$d-$fmt.txt" 2>/dev/null
                for w in "Developers, civil servants and citizens" "1. Short talk from a member" \
                        "3. Working on the checklist" "A checklist for fair data projects" \
                        "@dataethics@example.social" "MASTODON"; do
                        if has_text "$T_TMP/$d-$fmt.txt" "$w"; then
                                pass "$d $fmt: says \"$w\""
                        else
                                fail "$d $fmt: says \"$w\"" "text: $(squeeze "$T_TMP/$d-$fmt.txt")"
                        fi
                done
        done
        pdftotext "$o/$d/data-ethics-meetup-a6.pdf" "$T_TMP/$d-a6.txt" 2>/dev/null
        for w in "Short talk from a member" "A checklist for fair data projects" "@dataethics@example.social"; do
                if has_text "$T_TMP/$d-a6.txt" "$w"; then
                        fail "$d a6: leaves out \"$w\"" "text: $(squeeze "$T_TMP/$d-a6.txt")"
                else
                        pass "$d a6: leaves out \"$w\""
                fi
        done
        run check --today "$RTODAY" -l "$d" -f a3,a4,a6 "$f"
        like "$out" "goal, agenda, channels on a6 (design $d, a3, a4, a6)" "$d: check names what A6 leaves out"
        unlike "$out" "left out for room" "$d: nothing gave way on A3 and A4"
done

# klar's A3 has room for the pitch of every sample (issue 11): its first
# words are on the poster (a very long one may end in "…").
run render --today "$RTODAY" -l klar -f a3 -o "$o/pitch" samples/*.cfg
is "$rc" 0 "klar: every sample renders"
for f in samples/*.cfg; do
        pitch=$(sed -n 's/^pitch *= *"\(.*\)";.*/\1/p' "$f" | cut -d' ' -f1-6)
        [ -n "$pitch" ] || continue
        pdftotext "$o/pitch/$(basename "$f" .cfg)-a3.pdf" "$T_TMP/pitch.txt" 2>/dev/null
        if has_text "$T_TMP/pitch.txt" "$pitch"; then
                pass "klar a3: $f: says the pitch"
        else
                fail "klar a3: $f: says the pitch" "want: $pitch" "text: $(squeeze "$T_TMP/pitch.txt")"
        fi
done

# A long agenda leaves no room for the channels under it: they give way
# (first of the section) and check says so, for A3 and A4 only.
run check --today "$RTODAY" -l klar -f a3,a4,a6 samples/stammtisch-altstadt.cfg
like "$out" "left out for room: channels on a3, a4" "klar: channels give way first, named with their formats"
like "$out" "Not shown: goal, agenda, channels on a6 (design klar, a3, a4, a6); left out for room: channels on a3, a4" \
        "klar: the goal and agenda of a long agenda still on A3 and A4; each output's reason for the channels said once"
unlike "$out" "channels (all)" "klar: channels given way for room are not also 'not shown' on every output"

# A channel without a name is printed as a reader reaches it: the e-mail
# address of its mailto: link, never its type alone.
cp -R samples/images "$T_TMP/" # the sample's logo, next to the file
sed -e '/^channels *=/,/^);/d' samples/data-ethics-meetup.cfg >"$T_TMP/mail.cfg"
printf '%s\n' 'channels = ( { type = "email"; url = "mailto:ethics@example.org"; } );' >>"$T_TMP/mail.cfg"
for d in klar laut; do
        run render --today "$RTODAY" -l "$d" -f a3 -o "$o/mail-$d" "$T_TMP/mail.cfg"
        is "$rc" 0 "$d: a nameless e-mail channel renders"
        pdftotext "$o/mail-$d/mail-a3.pdf" "$T_TMP/mail.txt" 2>/dev/null
        if has_text "$T_TMP/mail.txt" "ethics@example.org"; then
                pass "$d a3: a nameless e-mail channel shows its address"
        else
                fail "$d a3: a nameless e-mail channel shows its address" "text: $(squeeze "$T_TMP/mail.txt")"
        fi
        unlike "$(cat "$T_TMP/mail.txt")" "mailto:" "$d a3: without mailto:"
done

done_testing
