#!/bin/sh
# make check-arm64: build the core library and its cmocka unit tests for arm64 (the boards the
# kiosk runs on) with Debian's cross compiler against an arm64 Debian 12 sysroot, then run every
# test under qemu-user. The sysroot is unpacked by debootstrap into build/arm64/root, so this
# machine's own packages are never touched (several -dev packages cannot be installed for two
# architectures at once).
set -eu
cd "$(dirname "$0")/../.."
TRIPLET=aarch64-linux-gnu
BUILD=build/arm64
ROOT=$(pwd)/$BUILD/root
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi

# The cross compiler, qemu and debootstrap are ordinary packages of this machine.
missing=""
for p in gcc-$TRIPLET qemu-user debootstrap file; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "正在安装 arm64 交叉编译所需的软件包:$missing"
  $SUDO apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

# The core's libraries, as the Makefile lists them, mapped to their Debian -dev packages.
# shellcheck disable=SC2016  # for make to expand
pkgs=$(printf 'print-pkgs:\n\t@echo $(PKG_CORE) $(PKG_TEST)\n' | make -s --no-print-directory -f Makefile -f - print-pkgs)
dev=""
for p in $pkgs; do
  case "$p" in
    sqlite3) dev="$dev,libsqlite3-dev" ;;
    libsodium) dev="$dev,libsodium-dev" ;;
    jansson) dev="$dev,libjansson-dev" ;;
    xlsxwriter) dev="$dev,libxlsxwriter-dev" ;;
    minizip) dev="$dev,libminizip-dev" ;;
    expat) dev="$dev,libexpat1-dev" ;;
    cmocka) dev="$dev,libcmocka-dev" ;;
    poppler-glib) dev="$dev,libpoppler-glib-dev" ;;
    cairo) dev="$dev,libcairo2-dev" ;;
    libjpeg) dev="$dev,libjpeg-dev" ;;
    libexif) dev="$dev,libexif-dev" ;;
    libpng|libpng16) dev="$dev,libpng-dev" ;;
    *) echo "check-arm64: no arm64 package known for $p; add it to kiosk/tools/check-arm64.sh" >&2; exit 1 ;;
  esac
done
dev=${dev#,}

# The sysroot: unpacked, never configured (nothing in it runs but our tests, under qemu).
stamp="$ROOT/.packages"
if [ "$(cat "$stamp" 2>/dev/null)" != "$dev" ]; then
  echo "正在准备 arm64 系统目录 $ROOT ($dev)"
  rm -rf "$ROOT"
  mkdir -p "$BUILD"
  $SUDO debootstrap --arch=arm64 --foreign --variant=minbase --include="$dev" bookworm "$ROOT" "$MIRROR" \
    >"$BUILD/debootstrap.log" 2>&1 || { tail -20 "$BUILD/debootstrap.log"; exit 1; }
  for deb in "$ROOT"/var/cache/apt/archives/*.deb; do
    dpkg-deb -x "$deb" "$ROOT"
  done
  echo "$dev" > "$stamp"
fi

# Cross build: the sysroot's headers, libraries and pkg-config files.
export PKG_CONFIG_SYSROOT_DIR="$ROOT"
export PKG_CONFIG_LIBDIR="$ROOT/usr/lib/$TRIPLET/pkgconfig:$ROOT/usr/share/pkgconfig"
CC="$TRIPLET-gcc --sysroot=$ROOT"
LDX="-L$ROOT/usr/lib/$TRIPLET -Wl,-rpath-link,$ROOT/usr/lib/$TRIPLET -Wl,-rpath-link,$ROOT/lib/$TRIPLET"
make -s BUILD=$BUILD CC="$CC" AR=$TRIPLET-ar LDFLAGS="$LDX" unit-tests

pass=0 fail=0
for t in $BUILD/tests/test_*; do
  [ -x "$t" ] || continue
  name=$(basename "$t")
  file "$t" 2>/dev/null | grep -q aarch64 || { echo "FAIL arm64/$name (not an arm64 binary)"; fail=$((fail + 1)); continue; }
  if CMOCKA_MESSAGE_OUTPUT=TAP TZ=Asia/Shanghai timeout 600 qemu-aarch64 -L "$ROOT" "$t" >"$BUILD/$name.log" 2>&1; then
    echo "PASS arm64/$name ($(grep -c '^ok' "$BUILD/$name.log") cases)"
    pass=$((pass + 1))
  else
    echo "FAIL arm64/$name (log: $BUILD/$name.log)"
    fail=$((fail + 1))
  fi
done
echo "arm64: $pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
