#!/bin/sh
# tests/system/image.sh DEB OUT: a bootable Debian 12 disk for the whole-system test, with the
# kiosk installed the way the README tells a community to: `apt install ./kiosk_….deb` on a
# minimal Debian, then the database made as the kiosk user. Writes OUT/root.img (ext4, raw),
# OUT/vmlinuz and OUT/initrd.img; reuses them while DEB and this script are unchanged.
#
# What the image adds for the test harness only: qemu's guest agent (the harness runs commands
# through it), sqlite3 (to read the database), DHCP on the virtual network card, the console on
# the serial port, and the clock's time zone. The demo database is made for 2026-11-27 09:20
# (Shanghai), the moment the VM's clock is started at (qemu -rtc base), so its meeting is on
# whenever the image was built.
set -eu
DEB=$1 OUT=$2
HERE=$(cd "$(dirname "$0")" && pwd)
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
NOW="2026-11-27 09:20"
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
stamp=$(cat "$DEB" "$0" | sha256sum | cut -c1-16)
if [ -f "$OUT/root.img" ] && [ "$(cat "$OUT/stamp" 2>/dev/null)" = "$stamp" ]; then
  exit 0
fi
rm -rf "$OUT/rootfs" "$OUT/root.img" "$OUT/stamp"
mkdir -p "$OUT/apt-cache"
cp "$DEB" "$OUT/kiosk.deb"

# Packages come through a cache under build/ (kept between runs), so a second build downloads
# nothing that has not changed.
mmdebstrap --variant=apt --mode=root \
  --include=linux-image-amd64,systemd-sysv,udev,kmod,procps,tzdata,qemu-guest-agent,sqlite3 \
  --skip=download/empty --skip=essential/unlink \
  --setup-hook='mkdir -p "$1/var/cache/apt/archives"' \
  --setup-hook="sync-in $OUT/apt-cache /var/cache/apt/archives" \
  --customize-hook="copy-in $OUT/kiosk.deb /tmp" \
  --customize-hook='chroot "$1" apt-get install -y --no-install-recommends /tmp/kiosk.deb' \
  --customize-hook="sync-out /var/cache/apt/archives $OUT/apt-cache" \
  --customize-hook='rm -f "$1/tmp/kiosk.deb" "$1"/var/cache/apt/archives/*.deb' \
  --customize-hook="upload $HERE/guest-setup.sh /tmp/guest-setup.sh" \
  --customize-hook="chroot \"\$1\" sh /tmp/guest-setup.sh '$NOW'" \
  bookworm "$OUT/rootfs" "$MIRROR" > "$OUT/mmdebstrap.log" 2>&1 ||
  { tail -30 "$OUT/mmdebstrap.log" >&2; exit 1; }
cp -L "$OUT/rootfs/vmlinuz" "$OUT/vmlinuz"
cp -L "$OUT/rootfs/initrd.img" "$OUT/initrd.img"
# ext4 straight from the folder: no loop device, no mount.
mke2fs -q -F -t ext4 -L root -d "$OUT/rootfs" "$OUT/root.img" 3G
rm -rf "$OUT/rootfs"
echo "$stamp" > "$OUT/stamp"
