#!/bin/sh
# Install the Debian packages the build, the tests and the run need, only those missing.
# Quiet and quick when everything is there; uses sudo when not run as root.
set -eu

PACKAGES="
  gcc make pkg-config
  libsqlite3-dev sqlite3
  libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev libfontconfig-dev libqrencode-dev
  fonts-noto-cjk
  unicode-data bzip2
  libcmocka-dev
  clang libclang-rt-14-dev
"

missing=""
for p in $PACKAGES; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  case "$status" in
    *"install ok installed"*) ;;
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
