#!/bin/sh
# Deployment: make install into a staging root, the installed programs run, every systemd unit
# passes systemd-analyze verify, backups rotate, and make uninstall takes it all away again.
. "$(dirname "$0")/../lib.sh"

install_root() {
  make -s -C "$TOP" BUILD="$BUILD" install DESTDIR="$T_DIR/root" PREFIX=/usr >install.log 2>&1 ||
    fail "make install failed: $(tail -5 install.log)"
}

case_install_puts_everything_in_place() {
  install_root
  for f in usr/bin/kiosk usr/bin/kioskctl usr/libexec/kiosk/kiosk-usb \
           usr/lib/systemd/system/kiosk.service usr/lib/systemd/system/kiosk-backup.service \
           usr/lib/systemd/system/kiosk-backup.timer usr/lib/systemd/system/kiosk-usb@.service \
           usr/lib/udev/rules.d/90-kiosk-usb.rules usr/lib/sysusers.d/kiosk.conf \
           usr/lib/tmpfiles.d/kiosk.conf usr/share/kiosk/README.md; do
    [ -e "root/$f" ] || fail "$f was not installed"
  done
  grep -q '^ExecStart=/usr/bin/kiosk --fullscreen' root/usr/lib/systemd/system/kiosk.service ||
    fail "the unit does not name the installed binary"
  if grep -q '@[A-Z]*@' root/usr/lib/systemd/system/*.service; then fail "a placeholder was left in a unit"; fi
  out=$(root/usr/bin/kioskctl --db c.db init --name 测试社区)
  expect_contains "installed kioskctl runs" "$out" "已创建数据库"
  root/usr/bin/kiosk --help >help.txt || fail "installed kiosk does not run"
  expect_contains "installed kiosk runs" "$(cat help.txt)" "--fullscreen"
}

case_every_unit_passes_systemd_analyze_verify() {
  # Installed with real paths (no DESTDIR), so verify finds every ExecStart binary.
  p="$T_DIR/p"
  make -s -C "$TOP" BUILD="$BUILD" install PREFIX="$p/usr" SYSTEMDDIR="$p/units" \
    UDEVDIR="$p/udev" SYSUSERSDIR="$p/sysusers" TMPFILESDIR="$p/tmpfiles" >install.log 2>&1 ||
    fail "make install failed: $(tail -5 install.log)"
  for u in "$p"/units/*; do
    if ! systemd-analyze verify "$u" >verify.log 2>&1; then
      cat verify.log
      fail "$(basename "$u") does not verify"
    fi
    # Anything it says about our unit (not about the machine it runs on) is a problem.
    if grep -F "$(basename "$u")" verify.log; then fail "$(basename "$u"): see above"; fi
  done
  sh -n "$p/usr/libexec/kiosk/kiosk-usb" || fail "kiosk-usb is not valid sh"
}

case_uninstall_removes_everything() {
  install_root
  make -s -C "$TOP" BUILD="$BUILD" uninstall DESTDIR="$T_DIR/root" PREFIX=/usr >/dev/null ||
    fail "make uninstall failed"
  left=$(find root -type f)
  [ -z "$left" ] || fail "left behind: $left"
}

case_backups_rotate_and_keep_fourteen() {
  "$KIOSKCTL" --db k.db --now "2026-11-27 09:20" init --demo >/dev/null
  d=1
  while [ $d -le 16 ]; do
    "$KIOSKCTL" --db k.db --now "2026-11-$(printf %02d $d) 03:00" backup --rotate backups --keep 14 >/dev/null ||
      fail "backup $d failed"
    d=$((d + 1))
  done
  expect_eq "fourteen kept" 14 "$(ls backups | wc -l)"
  expect_eq "the oldest went first" kiosk-20261103-030000.db "$(ls backups | head -n 1)"
  expect_eq "each backup is whole" ok "$(sqlite3 backups/kiosk-20261116-030000.db 'pragma integrity_check')"
  if ls backups | grep -q part; then fail "a partial backup was left"; fi
}

case_corrupt_database_is_restored_from_newest_good_backup() {
  "$KIOSKCTL" --db k.db --now "2026-11-27 09:20" init --demo >/dev/null
  mkdir backups
  "$KIOSKCTL" --db k.db --now "2026-11-26 03:00" backup --rotate backups >/dev/null
  "$KIOSKCTL" --db k.db --now "2026-11-27 03:00" backup --rotate backups >/dev/null
  # The newest backup is itself damaged: the one before it must be used.
  printf 'garbage-garbage-garbage-garbage' | dd of=backups/kiosk-20261127-030000.db bs=1 seek=4096 conv=notrunc 2>/dev/null
  printf 'garbage-garbage-garbage-garbage' | dd of=k.db bs=1 seek=8192 conv=notrunc 2>/dev/null
  expect_fail "$KIOSKCTL" --db k.db check
  out=$("$KIOSKCTL" --db k.db --now "2026-11-27 10:00" restore --from backups)
  expect_contains "says which backup" "$out" "2026年11月26日 03:00 的备份恢复"
  expect_contains "check passes" "$("$KIOSKCTL" --db k.db check)" "数据库完好"
  ls k.db.broken-* >/dev/null 2>&1 || fail "the broken database was not kept aside"
  expect_eq "members back" 137 "$(sqlite3 k.db 'select count(*) from members')"
}

case_setup_asks_for_what_a_new_board_needs() {
  printf '幸福里社区\nxfl-01\n张敏\n246813\n246813\n幸福里活动室\nxfl12345678\n' |
    "$KIOSKCTL" --db k.db setup >out.txt || fail "setup failed"
  expect_contains "summary" "$(cat out.txt)" "已设置：幸福里社区，签到机编号 xfl-01，管理员 张敏，Wi-Fi 幸福里活动室"
  expect_eq "kiosk id" xfl-01 "$(sqlite3 k.db "select value from settings where key = 'kiosk_id'")"
  expect_eq "wifi" 幸福里活动室 "$(sqlite3 k.db "select value from settings where key = 'wifi_ssid'")"
  expect_contains "staff" "$("$KIOSKCTL" --db k.db staff list)" "张敏"
  if sqlite3 k.db "select pin_hash from staff" | grep -q 246813; then fail "the PIN is stored in clear"; fi
  printf '社区\nbad id!\n' > bad.txt
  expect_fail "$KIOSKCTL" --db k2.db setup < bad.txt
  expect_contains "bad id" "$ERR" "只能用字母、数字"
  printf '社区\nok-1\n张敏\n1234\n1234\n' > weak.txt
  expect_fail "$KIOSKCTL" --db k3.db setup < weak.txt
}

for c in setup_asks_for_what_a_new_board_needs install_puts_everything_in_place every_unit_passes_systemd_analyze_verify \
         uninstall_removes_everything backups_rotate_and_keep_fourteen \
         corrupt_database_is_restored_from_newest_good_backup; do
  run_case "$c" "case_$c"
done
t_done
