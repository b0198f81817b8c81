#!/bin/sh
# make check-arm64: build the core library and its cmocka unit tests for arm64 (the boards the
# kiosk runs on) with Debian's cross compiler and multiarch -dev packages, then run every test
# under qemu-user. Installs what is missing (as root, or through sudo).
set -eu
cd "$(dirname "$0")/../.."
ARCH=arm64
TRIPLET=aarch64-linux-gnu
BUILD=build/$ARCH
if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi

# The core's libraries, as the Makefile lists them, mapped to their Debian -dev packages.
pkgs=$(printf 'print-pkgs:\n\t@echo $(PKG_CORE) $(PKG_TEST)\n' | make -s --no-print-directory -f Makefile -f - print-pkgs)
dev=""
for p in $pkgs; do
  case "$p" in
    sqlite3) dev="$dev libsqlite3-dev:$ARCH" ;;
    libsodium) dev="$dev libsodium-dev:$ARCH" ;;
    jansson) dev="$dev libjansson-dev:$ARCH" ;;
    xlsxwriter) dev="$dev libxlsxwriter-dev:$ARCH" ;;
    cmocka) dev="$dev libcmocka-dev:$ARCH" ;;
    poppler-glib) dev="$dev libpoppler-glib-dev:$ARCH" ;;
    cairo) dev="$dev libcairo2-dev:$ARCH" ;;
    libjpeg) dev="$dev libjpeg-dev:$ARCH" ;;
    libpng|libpng16) dev="$dev libpng-dev:$ARCH" ;;
    *) echo "check-arm64: no arm64 package known for $p; add it to kiosk/tools/check-arm64.sh" >&2; exit 1 ;;
  esac
done

missing=""
for p in gcc-$TRIPLET qemu-user $dev; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "正在安装 arm64 交叉编译所需的软件包:$missing"
  dpkg --print-foreign-architectures | grep -qx $ARCH || $SUDO dpkg --add-architecture $ARCH
  $SUDO apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

# Cross pkg-config: only the arm64 .pc files.
PKG_CONFIG_LIBDIR=/usr/lib/$TRIPLET/pkgconfig:/usr/share/pkgconfig
export PKG_CONFIG_LIBDIR
make -s BUILD=$BUILD CC=$TRIPLET-gcc AR=$TRIPLET-ar unit-tests

pass=0 fail=0
for t in $BUILD/tests/test_*; do
  [ -x "$t" ] || continue
  name=$(basename "$t")
  file "$t" 2>/dev/null | grep -q aarch64 || { echo "FAIL arm64/$name (not an arm64 binary)"; fail=$((fail + 1)); continue; }
  if CMOCKA_MESSAGE_OUTPUT=TAP TZ=Asia/Shanghai qemu-aarch64 -L /usr/$TRIPLET "$t" >"$BUILD/$name.log" 2>&1; then
    n=$(grep -c '^ok' "$BUILD/$name.log")
    echo "PASS arm64/$name ($n cases)"
    pass=$((pass + 1))
  else
    echo "FAIL arm64/$name (log: $BUILD/$name.log)"
    fail=$((fail + 1))
  fi
done
echo "arm64: $pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
