#!/bin/sh
# Install the Debian packages the build, the tests and the run need, only those missing.
# Quiet and quick when everything is there; uses sudo when not run as root.
set -eu

# What building and running the kiosk needs (all a board being set up needs: make deps-build).
BUILD_PACKAGES="
  gcc make pkg-config
  libsqlite3-dev sqlite3 libsodium-dev libjansson-dev libxlsxwriter-dev libminizip-dev libexpat1-dev
  libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev libfontconfig-dev libqrencode-dev
  libpoppler-glib-dev libcairo2-dev libjpeg-dev libexif-dev
  libmicrohttpd-dev libsystemd-dev libdrm-dev libespeak-ng-dev
  fonts-noto-cjk espeak-ng-data
  unicode-data bzip2
"
# What the tests and benchmarks use besides: real browsers, spreadsheets, file systems, and
# Debian's packaging tools (make deb, tests/cli/deb.sh).
TEST_PACKAGES="
  libcmocka-dev
  clang libclang-rt-14-dev
  curl openssl zbar-tools socat libimage-exiftool-perl
  exfatprogs exfat-fuse fuse3 dosfstools mtools libreoffice-calc-nogui poppler-utils
  chromium
  dpkg-dev debhelper file
  qemu-system-x86 qemu-utils mmdebstrap python3 sqlite3
"
case "${1:-all}" in
  build) PACKAGES=$BUILD_PACKAGES ;;
  all) PACKAGES="$BUILD_PACKAGES $TEST_PACKAGES"
    # The browser tests drive Debian's chromium with playwright-core (npm), which needs node; a
    # machine that already has a node of its own keeps it (Debian's npm would conflict).
    command -v node >/dev/null 2>&1 || PACKAGES="$PACKAGES nodejs npm" ;;
  *) echo "usage: deps.sh [build|all]" >&2; exit 2 ;;
esac

NATIVE=$(dpkg --print-architecture)
missing=""
for p in $PACKAGES; do
  # Installed for this machine's architecture (or for all): a -dev package installed only for
  # another one (make check-arm64's cross builds) does not build here.
  status=$(dpkg-query -W -f='${Status} ${Architecture}\n' "$p" 2>/dev/null || true)
  case "$status" in
    *"install ok installed $NATIVE"*|*"install ok installed all"*) ;;
    *) missing="$missing $p" ;;
  esac
done
[ -z "$missing" ] && exit 0

echo "正在安装缺少的软件包 (installing):$missing"
if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
# A fresh machine may have no package lists at all; refresh them once.
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
