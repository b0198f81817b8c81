#!/bin/sh
# 300 members sign in from phones in one burst, and the kiosk is killed (SIGKILL) part-way.
# After a restart every sign-in a phone was told succeeded is in the database, none twice,
# and PRAGMA integrity_check is ok; the members not acknowledged then sign in normally.
. "$(dirname "$0")/../lib.sh"
. "$TOP/tests/web/web.inc"

# members.csv (the roster import's columns) and members.tsv (name, tail) for 300 members whose
# phones end in 1000..1299.
burst_db() {
  "$KIOSKCTL" --db t.db --now "$NOW" init --name 幸福里社区 >/dev/null
  i=0
  { echo "姓名,所属支部,联系电话"
    while [ $i -lt 300 ]; do
      printf '党员%03d,第%s党支部,1380000%04d\n' $i $((i % 4 + 1)) $((1000 + i)); i=$((i + 1))
    done; } > members.csv
  i=0
  while [ $i -lt 300 ]; do printf '党员%03d\t%04d\n' $i $((1000 + i)); i=$((i + 1)); done > members.tsv
  "$KIOSKCTL" --db t.db members import members.csv >/dev/null
  MEETING=$("$KIOSKCTL" --db t.db meetings add --kind 主题党日 --title 主题党日 \
              --start "2026-11-27 09:00" --end "2026-11-27 11:00")
}

case_acknowledged_sign_ins_survive_kill_9() {
  command -v node >/dev/null || fail "node missing (make deps installs nodejs)"
  burst_db
  kiosk_start "sleep 60000"
  token=$(token_for "$MEETING" "$(epoch "$NOW")")
  : > acks.txt
  # The generator kills the kiosk the moment the 100th sign-in is acknowledged, with the rest
  # in flight (a watcher polling acks.txt from here could be too late on a loaded machine).
  node "$TOP/tests/web/loadgen.mjs" signin "$BASE" "$token" members.tsv acks.txt 100 "$KPID" \
    > burst.json || fail "the load generator failed"
  wait "$KPID" 2>/dev/null || true
  trap - EXIT
  cat burst.json
  acked=$(wc -l < acks.txt)
  echo "acknowledged before the kill: $acked of 300"
  [ "$acked" -ge 100 ] || fail "too few sign-ins before the kill to test anything"
  [ "$acked" -lt 300 ] || fail "the burst finished before the kill: nothing was cut off"
  # Restart: the kiosk opens the database (recovering its WAL) and serves again.
  kiosk_start "sleep 30000"
  cut -f1 acks.txt | sort > acked.txt
  sqlite3 t.db "select m.name from attendance a join members m on m.id = a.member_id
                where a.meeting_id = $MEETING and a.undone_at is null" | sort > stored.txt
  missing=$(comm -23 acked.txt stored.txt | wc -l)
  expect_eq "acknowledged but not stored" 0 "$missing"
  expect_eq "none twice" "$(sqlite3 t.db "select count(distinct member_id) from attendance")" \
    "$(sqlite3 t.db "select count(*) from attendance")"
  expect_eq "integrity" ok "$(sqlite3 t.db 'pragma integrity_check')"
  # Everyone signs in again after the restart: all 300, each once.
  : > acks2.txt
  node "$TOP/tests/web/loadgen.mjs" signin "$BASE" "$(token_for "$MEETING" "$(epoch "$NOW")")" \
    members.tsv acks2.txt > again.json
  cat again.json
  expect_eq "all answered after the restart" 300 "$(wc -l < acks2.txt)"
  kiosk_stop
  expect_eq "all 300 recorded" 300 "$(sqlite3 t.db "select count(*) from attendance where meeting_id = $MEETING")"
  expect_eq "each once" 300 "$(sqlite3 t.db "select count(distinct member_id) from attendance")"
  expect_eq "by QR" 300 "$(sqlite3 t.db "select count(*) from attendance where method = 'qr'")"
  expect_eq "integrity after" ok "$(sqlite3 t.db 'pragma integrity_check')"
}

run_case acknowledged_sign_ins_survive_kill_9 case_acknowledged_sign_ins_survive_kill_9
t_done
