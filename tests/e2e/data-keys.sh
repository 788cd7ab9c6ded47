#!/bin/sh
# data-keys.sh: a misspelt key in the formats or themes file is a warning
# with its line, its path and a did-you-mean (it used to be ignored); it
# refuses nothing.  description_de (any description_xx) is a key, a
# misspelt one is not.
. "$(dirname "$0")/lib.sh"

data=$T_TMP/data
mkdir -p "$data"
cp -R layouts formats themes lang fonts "$data"/
sed -i 's/safe_top = 250/saftey_top = 250/; s/qr_min = 40;/qr_mni = 40; qr_min = 40;/' "$data/formats/formats.cfg"
sed -i 's/description = "city blue/descripton = "city blue/; s/description_de = "Waldgrün/descripton_de = "Waldgrün/' \
        "$data/themes/themes.cfg"
fline=$(grep -n 'saftey_top' "$data/formats/formats.cfg" | cut -d: -f1)
qline=$(grep -n 'qr_mni' "$data/formats/formats.cfg" | cut -d: -f1)
tline=$(grep -n 'descripton =' "$data/themes/themes.cfg" | cut -d: -f1)
wline=$(grep -n 'descripton_de' "$data/themes/themes.cfg" | cut -d: -f1)

for cmd in formats themes; do
        PLAKAT_DATADIR=$data "$PLAKAT" "$cmd" >"$OUT" 2>"$ERR"
        rc=$?
        err=$(cat "$ERR")
        is "$rc" 0 "$cmd with misspelt keys: exit 0"
        like "$err" "$data/formats/formats.cfg:$fline: warning: formats[story].saftey_top: unknown setting; did you mean safe_top?" \
                "$cmd: formats.cfg saftey_top warns with line and did-you-mean"
        like "$err" "$data/formats/formats.cfg:$qline: warning: formats[a3].qr_mni: unknown setting; did you mean qr_min?" \
                "$cmd: formats.cfg qr_mni warns"
        like "$err" "$data/themes/themes.cfg:$tline: warning: themes[stadt].descripton: unknown setting; did you mean description?" \
                "$cmd: themes.cfg descripton warns"
        # A language variant misspelt: its did-you-mean keeps the language.
        like "$err" "$data/themes/themes.cfg:$wline: warning: themes[wald].descripton_de: unknown setting; did you mean description_de?" \
                "$cmd: themes.cfg descripton_de warns"
        is "$(printf '%s\n' "$err" | grep -c warning)" 4 "$cmd: four warnings, no more (description_de is known)"
        no_sanitizer_report "$cmd with misspelt keys"
done

# The shipped files are clean.
run formats
is "$err" "" "shipped formats.cfg and themes.cfg: no warnings"

done_testing
