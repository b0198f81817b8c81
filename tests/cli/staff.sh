#!/bin/sh
# kioskctl staff add/list and settings: PINs read from a pipe (never from the command line),
# weak ones refused, only a hash stored, every change audited; the demo has its staff member.
. "$(dirname "$0")/../lib.sh"

NOW="2026-11-27 09:20"
db() { "$KIOSKCTL" --db c.db --now "$NOW" init --name 测试社区 >/dev/null; }

case_staff_add_reads_the_pin_from_stdin_and_stores_only_a_hash() {
  db
  out=$(printf '382915\n382915\n' | "$KIOSKCTL" --db c.db staff add 张敏)
  expect_contains "message" "$out" "已为 张敏 设置管理密码"
  hash=$(sqlite3 c.db "select pin_hash from staff where name = '张敏'")
  expect_contains "argon2id" "$hash" '$argon2id$'
  expect_not_contains "no PIN in the hash" "$hash" "382915"
  [ -z "$(sqlite3 c.db "select 1 from audit_log where detail like '%382915%' or action like '%382915%'")" ] ||
    fail "the PIN must not reach the audit log"
  expect_eq "audited" "设置管理密码" "$(sqlite3 c.db "select action from audit_log where detail = '张敏'")"
  list=$("$KIOSKCTL" --db c.db staff list)
  expect_contains "list" "$list" "张敏"
  expect_contains "list" "$list" "已设置"
  # One line on a pipe is enough.
  echo 902817 | "$KIOSKCTL" --db c.db staff add 李强 >/dev/null
  expect_eq "two staff" 2 "$(sqlite3 c.db 'select count(*) from staff')"
}

case_weak_or_mismatched_pins_are_refused() {
  db
  expect_fail sh -c "echo 1234 | '$KIOSKCTL' --db c.db staff add 张敏"
  expect_contains "weak" "$ERR" "太容易被猜到"
  expect_fail sh -c "echo 000000 | '$KIOSKCTL' --db c.db staff add 张敏"
  expect_contains "weak" "$ERR" "太容易被猜到"
  expect_fail sh -c "echo 12a4 | '$KIOSKCTL' --db c.db staff add 张敏"
  expect_contains "digits" "$ERR" "4 到 8 位数字"
  expect_fail sh -c "printf '382915\n382916\n' | '$KIOSKCTL' --db c.db staff add 张敏"
  expect_contains "mismatch" "$ERR" "两次输入的密码不一样"
  expect_fail sh -c "'$KIOSKCTL' --db c.db staff add 张敏 </dev/null"
  expect_contains "no input" "$ERR" "没有读到密码"
  expect_eq "nothing stored" 0 "$(sqlite3 c.db 'select count(*) from staff')"
}

case_staff_add_lifts_a_lockout() {
  db
  echo 382915 | "$KIOSKCTL" --db c.db staff add 张敏 >/dev/null
  sqlite3 c.db "insert or replace into settings values ('staff_lock_failures', '5'), ('staff_lock_count', '1'),
                ('staff_lock_until', strftime('%s', 'now', '+5 minutes'))"
  out=$("$KIOSKCTL" --db c.db staff list)
  expect_contains "locked" "$out" "锁定到"
  echo 382915 | "$KIOSKCTL" --db c.db staff add 张敏 >/dev/null
  out=$("$KIOSKCTL" --db c.db staff list)
  expect_not_contains "unlocked" "$out" "锁定到"
  expect_fail "$KIOSKCTL" --db c.db settings set staff_lock_until 0
  expect_contains "lock not settable" "$ERR" "staff add"
}

case_settings_set_and_get() {
  db
  out=$("$KIOSKCTL" --db c.db settings set usb_root /media/usb)
  expect_contains "set" "$out" "usb_root = /media/usb"
  expect_eq "get" "/media/usb" "$("$KIOSKCTL" --db c.db settings get usb_root)"
  expect_fail "$KIOSKCTL" --db c.db settings get no_such_key
  expect_contains "missing" "$ERR" "没有设置"
  expect_eq "audited" "修改设置" "$(sqlite3 c.db "select action from audit_log where detail like 'usb_root%'")"
}

case_demo_has_a_staff_member() {
  "$KIOSKCTL" --db d.db --now "$NOW" init --demo >/dev/null
  out=$("$KIOSKCTL" --db d.db staff list --csv)
  expect_contains "demo staff" "$out" "演示管理员,已设置"
}

run_case staff_add_reads_the_pin_from_stdin_and_stores_only_a_hash case_staff_add_reads_the_pin_from_stdin_and_stores_only_a_hash
run_case weak_or_mismatched_pins_are_refused case_weak_or_mismatched_pins_are_refused
run_case staff_add_lifts_a_lockout case_staff_add_lifts_a_lockout
run_case settings_set_and_get case_settings_set_and_get
run_case demo_has_a_staff_member case_demo_has_a_staff_member
t_done
