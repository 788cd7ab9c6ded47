#!/bin/sh
# deps.sh: install the Debian packages plakat needs and nothing else.
#   scripts/deps.sh build   what building and rendering need
#   scripts/deps.sh test    that plus the independent readers the tests use
# Prints what it installs; does nothing when everything is present; uses sudo
# only when not run as root.
set -eu

build_pkgs="build-essential pkg-config libcairo2-dev libpango1.0-dev
libqrencode-dev libconfig-dev libglib2.0-dev libfontconfig-dev librsvg2-dev
libgdk-pixbuf-2.0-dev zlib1g-dev libhyphen-dev hyphen-de hyphen-en-us libqpdf-dev nettle-dev
fonts-noto-color-emoji gettext"
test_pkgs="clang zbar-tools poppler-utils qpdf imagemagick perl valgrind
python3-icalendar python3-dateutil chromium locales bash-completion procps"

want=$build_pkgs
[ "${1:-build}" = test ] && want="$want $test_pkgs"

missing=
for p in $want; do
        status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
        case $status in
        *" installed") ;;
        *) missing="$missing $p" ;;
        esac
done
sudo=
[ "$(id -u)" -eq 0 ] || sudo=sudo
if [ -n "$missing" ]; then
        echo "deps: installing Debian packages:$missing"
        export DEBIAN_FRONTEND=noninteractive
        $sudo apt-get update -qq
        # shellcheck disable=SC2086
        $sudo apt-get install -y -qq --no-install-recommends $missing
fi

# The German messages are tested under de_DE.UTF-8 (tests/e2e/i18n.sh).
if [ "${1:-build}" = test ] && ! locale -a 2>/dev/null | grep -qi '^de_DE\.utf-\?8$'; then
        if [ "$(id -u)" -ne 0 ] && ! sudo -n true 2>/dev/null; then
                echo "deps: no de_DE.UTF-8 locale and no root: the German message tests will be skipped"
        elif [ -f /etc/locale.gen ]; then
                echo "deps: generating the de_DE.UTF-8 locale"
                $sudo sed -i 's/^# *\(de_DE\.UTF-8 UTF-8\)/\1/' /etc/locale.gen
                grep -q '^de_DE\.UTF-8 UTF-8' /etc/locale.gen || echo 'de_DE.UTF-8 UTF-8' | $sudo tee -a /etc/locale.gen >/dev/null
                $sudo locale-gen >/dev/null
        else
                echo "deps: no /etc/locale.gen (not Debian?): the German message tests will be skipped"
        fi
fi
