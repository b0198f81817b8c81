#!/bin/sh
# The Debian package: `make deb` builds it without leaving anything in the tree; it holds
# exactly what `make install` installs; Depends names what SDL and mesa load at run time (no
# ldd shows those); the unit never stops restarting; the maintainer scripts make the user and
# its folders and enable the units; the programs in it run.
#
# The package is built from the sources, not from $BUILD, so the sanitizer pass (BUILD=build/san)
# checks the same build/kiosk_VERSION_ARCH.deb the plain pass made, and builds it only if a
# source file is newer.
. "$(dirname "$0")/../lib.sh"

ARCH=$(dpkg --print-architecture)
VERSION=$(dpkg-parsechangelog -l "$TOP/debian/changelog" -S Version)
DEB="$TOP/build/kiosk_${VERSION}_$ARCH.deb"

# What the tree looks like to git, without the build folder.
tree_state() { git -C "$TOP" status --porcelain --untracked-files=all 2>/dev/null | grep -v ' build/' || true; }

# fresh DEB: DEB exists and no source file is newer.
fresh() {
  [ -f "$1" ] && [ -z "$(cd "$TOP" && find . -path ./build -prune -o -path ./.git -prune -o \
    -path '*/node_modules' -prune -o -type f -newer "$1" -print | head -n 1)" ]
}

case_make_deb_builds_and_leaves_the_tree_clean() {
  if fresh "$DEB"; then
    echo "reusing $DEB: no source is newer"
  else
    before=$(tree_state)
    make -s -C "$TOP" deb >make.log 2>&1 || fail "make deb failed: $(tail -20 make.log)"
    expect_eq "git status after make deb" "$before" "$(tree_state)"
  fi
  [ -f "$DEB" ] || fail "no $DEB"
  expect_eq "package version" "$VERSION" "$(dpkg-deb -f "$DEB" Version)"
  expect_eq "package architecture" "$ARCH" "$(dpkg-deb -f "$DEB" Architecture)"
}

case_package_holds_what_make_install_installs() {
  # The units and the udev rule go where bookworm's systemd and udev keep a package's own.
  make -s -C "$TOP" BUILD="$BUILD" install DESTDIR="$T_DIR/root" PREFIX=/usr \
    SYSTEMDDIR=/lib/systemd/system UDEVDIR=/lib/udev/rules.d >install.log 2>&1 ||
    fail "make install failed: $(tail -5 install.log)"
  (cd root && find . ! -type d | sort) >installed.txt
  dpkg-deb -c "$DEB" | awk '$1 !~ /^d/ { print $6 }' | grep -v '^\./usr/share/doc/' | sort >packaged.txt
  if ! diff installed.txt packaged.txt; then fail "the package and make install differ (see above)"; fi
  for f in ./usr/bin/kiosk ./usr/bin/kioskctl ./usr/libexec/kiosk/kiosk-usb ./usr/share/kiosk/README.md \
           ./lib/systemd/system/kiosk.service ./lib/systemd/system/kiosk-backup.timer \
           ./lib/systemd/system/kiosk-usb@.service ./lib/udev/rules.d/90-kiosk-usb.rules \
           ./usr/lib/sysusers.d/kiosk.conf ./usr/lib/tmpfiles.d/kiosk.conf; do
    grep -qx "$f" packaged.txt || fail "$f is not in the package"
  done
}

case_depends_names_what_sdl_and_mesa_load_at_run_time() {
  dep=$(dpkg-deb -f "$DEB" Depends)
  echo "Depends: $dep"
  for p in libgles2 libegl1 libegl-mesa0 libgbm1 libgl1-mesa-dri libdrm2 libudev1 fonts-noto-cjk \
           systemd udev libsdl2-2.0-0 libsqlite3-0; do
    echo "$dep" | tr ',' '\n' | sed 's/^ *//; s/ .*//' | grep -qx "$p" || fail "Depends lacks $p"
  done
  # Every library SDL opens by name for KMSDRM and evdev comes from a package named there.
  sdl=$(ldconfig -p | awk '$1 == "libSDL2-2.0.so.0" { print $NF; exit }')
  [ -n "$sdl" ] || fail "libSDL2 not found on this machine"
  for so in libEGL.so.1 libGLESv2.so.2 libgbm.so.1 libdrm.so.2 libudev.so.1; do
    strings "$sdl" | grep -qx "$so" || fail "SDL no longer names $so; update this list"
    path=$(ldconfig -p | awk -v so="$so" '$1 == so { print $NF; exit }')
    [ -n "$path" ] || fail "$so is not installed here"
    pkg=$(dpkg -S "$(readlink -f "$path")" 2>/dev/null | head -n 1 | cut -d: -f1)
    echo "$so: $pkg"
    echo "$dep" | tr ',' '\n' | sed 's/^ *//; s/ .*//' | grep -qx "$pkg" || fail "$so comes from $pkg, not in Depends"
  done
}

case_unit_never_gives_up_and_waits_for_a_database() {
  dpkg-deb -x "$DEB" x
  unit=x/lib/systemd/system/kiosk.service
  unit_section=$(sed -n '/^\[Unit\]/,/^\[/p' "$unit")
  expect_contains "no start limit" "$unit_section" "StartLimitIntervalSec=0"
  expect_contains "needs a database" "$unit_section" "ConditionPathExists=/var/lib/kiosk/kiosk.db"
  grep -qx 'Restart=always' "$unit" || fail "kiosk.service does not restart always"
  grep -qx 'ExecStart=/usr/bin/kiosk --fullscreen --http 0.0.0.0:8080' "$unit" || fail "ExecStart: $(grep ExecStart "$unit")"
}

case_maintainer_scripts_make_the_user_and_enable_the_units() {
  dpkg-deb -e "$DEB" ctl
  for s in postinst prerm postrm; do
    [ -x "ctl/$s" ] || fail "no $s"
    sh -n "ctl/$s" || fail "$s is not valid sh"
  done
  post=$(cat ctl/postinst)
  expect_contains "user" "$post" "systemd-sysusers \${DPKG_ROOT:+--root=\"\$DPKG_ROOT\"} kiosk.conf"
  expect_contains "folders" "$post" "--create kiosk.conf"
  expect_contains "enable kiosk" "$post" "deb-systemd-helper enable 'kiosk.service'"
  expect_contains "enable backups" "$post" "deb-systemd-helper enable 'kiosk-backup.timer'"
  expect_contains "udev" "$post" "udevadm control --reload-rules"
  expect_contains "tells what to run" "$post" "sudo -u kiosk kioskctl setup"
  # The user exists before tmpfiles gives it its folders.
  u=$(grep -n 'systemd-sysusers' ctl/postinst | head -n 1 | cut -d: -f1)
  t=$(grep -n 'systemd-tmpfiles' ctl/postinst | head -n 1 | cut -d: -f1)
  [ "$u" -lt "$t" ] || fail "tmpfiles runs before sysusers"
  grep -q "deb-systemd-invoke stop kiosk.service" ctl/prerm || fail "prerm does not stop the kiosk"
}

case_packaged_programs_run() {
  dpkg-deb -x "$DEB" x
  file x/usr/bin/kiosk x/usr/bin/kioskctl >file.txt
  case "$ARCH" in amd64) m=x86-64 ;; arm64) m=aarch64 ;; *) m=ELF ;; esac
  [ "$(grep -c "$m" file.txt)" -eq 2 ] || fail "not $ARCH programs: $(cat file.txt)"
  [ "$(grep -c ', stripped' file.txt)" -eq 2 ] || fail "not stripped: $(cat file.txt)"
  out=$(x/usr/bin/kioskctl --db c.db init --name 测试社区)
  expect_contains "packaged kioskctl runs" "$out" "已创建数据库"
  x/usr/bin/kiosk --help >help.txt || fail "packaged kiosk does not run"
  expect_contains "packaged kiosk runs" "$(cat help.txt)" "--fullscreen"
}

# `make deb ARCH=arm64` takes minutes, so it is not run here; a package it left from the
# current sources is checked.
ARM64_DEB="$TOP/build/kiosk_${VERSION}_arm64.deb"
case_arm64_package_holds_arm64_programs_and_the_same_depends() {
  dpkg-deb -x "$ARM64_DEB" x
  file x/usr/bin/kiosk x/usr/bin/kioskctl >file.txt
  [ "$(grep -c 'ARM aarch64' file.txt)" -eq 2 ] || fail "not arm64 programs: $(cat file.txt)"
  names() { dpkg-deb -f "$1" Depends | tr ',' '\n' | sed 's/^ *//; s/ .*//' | sort; }
  names "$DEB" >native.txt
  names "$ARM64_DEB" >arm64.txt
  if ! diff native.txt arm64.txt; then fail "arm64 Depends differ from $ARCH's (see above)"; fi
  dpkg-deb -c "$DEB" | awk '{ print $6 }' | sort >native-files.txt
  dpkg-deb -c "$ARM64_DEB" | awk '{ print $6 }' | sort >arm64-files.txt
  if ! diff native-files.txt arm64-files.txt; then fail "arm64 files differ from $ARCH's (see above)"; fi
}

run_case make_deb_builds_and_leaves_the_tree_clean case_make_deb_builds_and_leaves_the_tree_clean
if [ -f "$DEB" ]; then
  for c in package_holds_what_make_install_installs depends_names_what_sdl_and_mesa_load_at_run_time \
           unit_never_gives_up_and_waits_for_a_database maintainer_scripts_make_the_user_and_enable_the_units \
           packaged_programs_run; do
    run_case "$c" "case_$c"
  done
  if [ "$ARCH" != arm64 ] && fresh "$ARM64_DEB"; then
    run_case arm64_package_holds_arm64_programs_and_the_same_depends \
      case_arm64_package_holds_arm64_programs_and_the_same_depends
  fi
fi
t_done
