#!/bin/sh
# make deb [ARCH=arm64]: build build/kiosk_VERSION_ARCH.deb with dpkg-buildpackage and the
# debian/ folder. The build runs in a copy of the tree under build/deb/ARCH, because
# dpkg-buildpackage writes into debian/ and into the folder above the source; the checkout
# stays clean. The version is debian/changelog's.
#
# A foreign ARCH (the boards are arm64) is cross-built with Debian's cross compiler against an
# unpacked Debian of that architecture in build/ARCH/deb-root, made by mmdebstrap without
# running anything from it, so this machine's own packages are never touched (several -dev
# packages cannot be installed for two architectures at once). dpkg-shlibdeps learns which
# package holds each of its libraries from a small package database written beside it.
set -eu
cd "$(dirname "$0")/../.."
NATIVE=$(dpkg --print-architecture)
ARCH=${1:-$NATIVE}
[ -n "$ARCH" ] || ARCH=$NATIVE
VERSION=$(dpkg-parsechangelog -l debian/changelog -S Version)
WORK=build/deb/$ARCH
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi

need() {
  missing=""
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
  done
  [ -z "$missing" ] && return 0
  echo "正在安装打包所需的软件包:$missing"
  $SUDO apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

# The -dev packages the build needs, as debian/control's Build-Depends names them.
build_depends() {
  sed -n '/^Build-Depends:/,/^[A-Z][A-Za-z-]*:/p' debian/control | grep -v '^Standards' |
    grep -o 'lib[a-z0-9.+-]*-dev' | sort -u
}

# An arm64 (or other) Debian 12 with the Build-Depends unpacked (nothing in it is run), and a
# package database beside it that lists, for each library package, its files (under the
# sysroot's path) and its shlibs/symbols, which is all dpkg-shlibdeps asks of a database.
sysroot() {
  root=$(pwd)/build/$ARCH/deb-root
  want=$(build_depends | tr '\n' ',' | sed 's/,$//')
  if [ "$(cat "$root.packages" 2>/dev/null)" != "$want" ]; then
    need mmdebstrap
    echo "正在准备 $ARCH 系统目录 $root（几分钟，只需一次）"
    rm -rf "$root" "$root.dpkg" "$root.packages"
    mkdir -p "$(dirname "$root")"
    $SUDO mmdebstrap --variant=extract --architectures="$ARCH" --include="$want" \
      --skip=cleanup/apt/cache bookworm "$root" "$MIRROR" >"$root.log" 2>&1 ||
      { tail -20 "$root.log"; exit 1; }
    echo "$want" >"$root.packages"
  fi
  # Absolute symlinks (libm.so -> /lib/aarch64-linux-gnu/libm.so.6, libz.so, ...) would point
  # into this machine and the linker would quietly take libm.a and libz.a instead: make them
  # relative, inside the sysroot.
  find "$root/usr/lib" -type l -lname '/*' | while read -r link; do
    up=$(dirname "${link#"$root"/}" | sed 's|[^/][^/]*|..|g')
    ln -sfn "$up$(readlink "$link")" "$link"
  done
  [ -f "$root.dpkg/info/format" ] || package_db "$root" "$root.dpkg"
}

# package_db ROOT DB: the library packages unpacked in ROOT as installed ones, their files
# listed under ROOT's path (both /lib and /usr/lib spellings: bookworm's packages use either,
# the sysroot merges them).
package_db() {
  rm -rf "$2"
  mkdir -p "$2/info" "$2/updates"
  : >"$2/status"
  ctl=$(mktemp -d)
  for deb in "$1"/var/cache/apt/archives/*.deb; do
    rm -rf "${ctl:?}"/*
    dpkg-deb -e "$deb" "$ctl"
    [ -f "$ctl/shlibs" ] || [ -f "$ctl/symbols" ] || continue
    name=$(dpkg-deb -f "$deb" Package)
    [ "$(dpkg-deb -f "$deb" Multi-Arch)" = same ] && name="$name:$ARCH"
    { dpkg-deb -f "$deb" | sed '/^Package:/a Status: install ok installed'; echo; } >>"$2/status"
    dpkg-deb -c "$deb" | awk -v r="$1" '{ p = $6; sub(/^\./, "", p); sub(/\/$/, "", p)
      if (p == "") next; print r p
      if (sub(/^\/usr\/lib\//, "/lib/", p)) print r p; else if (sub(/^\/lib\//, "/usr/lib/", p)) print r p }' \
      >"$2/info/$name.list"
    for f in shlibs symbols; do
      if [ -f "$ctl/$f" ]; then cp "$ctl/$f" "$2/info/$name.$f"; fi
    done
  done
  rm -rf "$ctl"
  # The database layout dpkg expects (names with :ARCH for Multi-Arch: same packages).
  echo 1 >"$2/info/format"
}

need dpkg-dev debhelper
cross=""
if [ "$ARCH" != "$NATIVE" ]; then
  triplet=$(dpkg-architecture -a"$ARCH" -qDEB_HOST_GNU_TYPE 2>/dev/null)
  need "gcc-$triplet" file
  sysroot
  cross="-a$ARCH -d -Pcross,nocheck"
  export KIOSK_SYSROOT="$root" CC="$triplet-gcc --sysroot=$root"
fi

# The copy keeps its build/ between runs (dpkg-buildpackage -nc), so a second make deb compiles
# only what changed; it starts over when the flags could differ (debian/rules, the Makefile).
src=$WORK/kiosk-$VERSION
stamp=$(cat debian/rules Makefile | cksum)
if [ ! -d "$src" ] || [ "$(cat "$WORK/stamp" 2>/dev/null)" != "$stamp" ]; then rm -rf "$WORK"; fi
mkdir -p "$src"
find "$src" -mindepth 1 -maxdepth 1 ! -name build -exec rm -rf {} +
rm -f "$WORK"/*.deb "$WORK"/*.buildinfo "$WORK"/*.changes
tar -cf - --exclude=./build --exclude=./.git --exclude=node_modules --exclude='*.db' . | tar -xf - -C "$src"
echo "$stamp" >"$WORK/stamp"
log=$WORK/build.log
echo "正在打包 kiosk $VERSION ($ARCH)，日志 $log"
# shellcheck disable=SC2086
if ! (cd "$src" && DEB_BUILD_OPTIONS="nocheck parallel=$(nproc 2>/dev/null || echo 2) ${DEB_BUILD_OPTIONS:-}" \
      dpkg-buildpackage -b -nc -us -uc $cross) >"$log" 2>&1; then
  tail -30 "$log"
  echo "打包失败，完整日志：$log" >&2
  exit 1
fi
deb=kiosk_${VERSION}_$ARCH.deb
cp "$WORK/$deb" "build/$deb"
echo "build/$deb"
