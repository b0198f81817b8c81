#!/bin/sh
# The kiosk under systemd's eyes: READY=1 once the first frame is up and WATCHDOG=1 from the
# main loop, read from a test socket given as NOTIFY_SOCKET (a stopped process stops the
# pings); and a database the SD card damaged is restored from the newest good backup at start,
# with a notice for staff on the home screen.
. "$(dirname "$0")/../lib.sh"
export SDL_VIDEODRIVER=dummy

case_ready_and_watchdog_pings_from_the_loop() {
  "$KIOSKCTL" --db k.db --now "2026-11-27 09:20" init --demo >/dev/null
  socat -u UNIX-RECV:"$T_DIR/notify.sock" OPEN:notify.log,creat,append &
  listener=$!
  for i in 1 2 3 4 5 6 7 8 9 10; do [ -S notify.sock ] && break; sleep 0.1; done
  NOTIFY_SOCKET="$T_DIR/notify.sock" WATCHDOG_USEC=1000000 "$KIOSK" --db k.db --window 1280x800 --http off \
    2>kiosk.log &
  kiosk=$!
  sleep 3
  grep -q 'READY=1' notify.log || { kill $kiosk $listener; fail "no READY=1: $(cat notify.log)"; }
  grep -q 'STATUS=幸福里社区' notify.log || { kill $kiosk $listener; fail "no status line"; }
  before=$(grep -o 'WATCHDOG=1' notify.log | wc -l)
  [ "$before" -ge 3 ] || { kill $kiosk $listener; fail "only $before pings in 3 s at a 1 s watchdog"; }
  # A stalled kiosk: no pings while it is stopped.
  kill -STOP $kiosk
  stalled=$(grep -o 'WATCHDOG=1' notify.log | wc -l)
  sleep 2
  after_stall=$(grep -o 'WATCHDOG=1' notify.log | wc -l)
  kill -CONT $kiosk
  sleep 2
  resumed=$(grep -o 'WATCHDOG=1' notify.log | wc -l)
  kill -TERM $kiosk; wait $kiosk 2>/dev/null || true
  kill $listener 2>/dev/null; wait $listener 2>/dev/null || true
  expect_eq "no pings while stalled" "$stalled" "$after_stall"
  [ "$resumed" -gt "$after_stall" ] || fail "pings did not resume"
  grep -q 'STOPPING=1' notify.log || fail "no STOPPING=1 at exit"
}

case_corrupt_database_restored_at_start_and_staff_told() {
  "$KIOSKCTL" --db k.db --now "2026-11-27 09:20" init --demo >/dev/null
  "$KIOSKCTL" --db k.db --now "2026-11-27 03:00" backup --rotate backups >/dev/null
  printf 'garbage-garbage-garbage-garbage' | dd of=k.db bs=1 seek=8192 conv=notrunc 2>/dev/null
  cat > check.replay <<'REPLAY'
expect-text 数据库损坏，已用 2026年11月27日 03:00 的备份恢复
expect-text 签到
dump restored
REPLAY
  "$KIOSK" --db k.db --now "2026-11-27 09:20" --replay check.replay --snapshot-dir out 2>kiosk.log ||
    fail "the kiosk did not start on the restored database: $(cat kiosk.log)"
  expect_contains "logged as a warning" "$(cat kiosk.log)" "已用 2026年11月27日 03:00 的备份恢复"
  expect_contains "check" "$("$KIOSKCTL" --db k.db check)" "数据库完好"
  ls k.db.broken-* >/dev/null 2>&1 || fail "the broken database was not kept"
  sh "$TOP/tests/ui/layout_check.sh" out/restored.txt || fail "the notice breaks the layout"
}

case_corrupt_database_without_backup_refuses_to_start() {
  "$KIOSKCTL" --db k.db --now "2026-11-27 09:20" init --demo >/dev/null
  printf 'garbage-garbage-garbage-garbage' | dd of=k.db bs=1 seek=8192 conv=notrunc 2>/dev/null
  printf 'expect-text 签到\n' > check.replay
  expect_fail "$KIOSK" --db k.db --now "2026-11-27 09:20" --replay check.replay --snapshot-dir out
  expect_contains "says so" "$ERR" "没有可用的备份"
  [ -f k.db ] || fail "the broken database must stay where it was"
}

for c in ready_and_watchdog_pings_from_the_loop corrupt_database_restored_at_start_and_staff_told \
         corrupt_database_without_backup_refuses_to_start; do
  run_case "$c" "case_$c"
done
t_done
