#!/bin/sh
# deps.sh: install the Debian packages plakat needs and nothing else.
#   scripts/deps.sh build   what building and rendering need
#   scripts/deps.sh test    that plus the independent readers the tests use
# Prints what it installs; does nothing when everything is present; uses sudo
# only when not run as root.
set -eu

build_pkgs="build-essential pkg-config libcairo2-dev libpango1.0-dev
libqrencode-dev libconfig-dev libglib2.0-dev libfontconfig-dev librsvg2-dev
libgdk-pixbuf-2.0-dev libpng-dev libhyphen-dev hyphen-de hyphen-en-us libqpdf-dev
fonts-noto-color-emoji"
test_pkgs="clang zbar-tools poppler-utils qpdf imagemagick perl valgrind
python3-icalendar python3-dateutil chromium"

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
[ -z "$missing" ] && exit 0

echo "deps: installing Debian packages:$missing"
sudo=
[ "$(id -u)" -eq 0 ] || sudo=sudo
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing
