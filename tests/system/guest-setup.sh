#!/bin/sh
# Run inside the image while it is built (tests/system/image.sh): what a staff member does
# after `apt install ./kiosk_….deb` (the database, a staff PIN), and what the harness needs.
set -eu
NOW=$1
# The kiosk as a community sets it up: a database made by the kiosk user, a staff member.
runuser -u kiosk -- kioskctl --db /var/lib/kiosk/kiosk.db --now "$NOW" init --demo
echo 246810 | runuser -u kiosk -- kioskctl --db /var/lib/kiosk/kiosk.db staff add 演示管理员 >/dev/null
# The machine: its name, its disk, Shanghai time, DHCP on the virtual card, no root password
# (only the harness reaches it, through the guest agent and the serial console).
echo kiosk-vm > /etc/hostname
echo '/dev/vda / ext4 defaults 0 1' > /etc/fstab
ln -sf /usr/share/zoneinfo/Asia/Shanghai /etc/localtime
echo Asia/Shanghai > /etc/timezone
mkdir -p /etc/systemd/network
printf '[Match]\nName=en*\n[Network]\nDHCP=ipv4\n' > /etc/systemd/network/20-wired.network
systemctl enable systemd-networkd >/dev/null 2>&1
passwd -d root >/dev/null
# The guest agent starts when its virtio port appears (its own udev rule).
