#!/bin/sh
# kioskctl settings sound: shows the defaults, changes what it is told (audited), refuses what it
# cannot read with what to write instead, and leaves the database unchanged then.
. "$(dirname "$0")/../lib.sh"

db() { "$KIOSKCTL" --db t.db --now "2026-11-27 09:20" "$@"; }

case_defaults_are_shown() {
  db init --demo >/dev/null
  out=$(db settings sound)
  expect_contains "volume" "$out" "音量        80"
  expect_contains "speech" "$out" "语音播报    开"
  expect_contains "quiet" "$out" "免打扰时段  无"
}

case_changes_are_kept_and_audited() {
  db init --demo >/dev/null
  db settings sound --volume 35 --speech 关 --quiet 21:00-7:00 >/dev/null
  out=$(db settings sound)
  expect_contains "volume" "$out" "音量        35"
  expect_contains "speech" "$out" "语音播报    关"
  expect_contains "quiet" "$out" "免打扰时段  21:00-07:00"
  expect_eq "audit rows" 3 "$(sqlite3 t.db "select count(*) from audit_log where detail like 'sound_%'")"
  # settings set checks the sound keys the same way.
  db settings set sound_volume 60 >/dev/null
  expect_eq "volume by settings set" 60 "$(db settings get sound_volume)"
}

case_bad_values_are_refused_and_nothing_changes() {
  db init --demo >/dev/null
  expect_fail db settings sound --volume 20 --quiet 九点到七点
  expect_contains "what to write" "$ERR" "21:00-07:00"
  expect_contains "volume untouched" "$(db settings sound)" "音量        80"
  expect_fail db settings sound --volume 120
  expect_contains "range" "$ERR" "0 到 100"
  expect_fail db settings set sound_mute 也许
  expect_contains "on or off" "$ERR" "开"
}

case_unmute_lifts_both_mutes() {
  db init --demo >/dev/null
  db settings sound --mute 开 >/dev/null
  db settings set sound_muted_until "2026-11-27 09:50" >/dev/null
  out=$(db settings sound)
  expect_contains "muted" "$out" "静音        开"
  expect_contains "speaker" "$out" "暂时静音到  2026-11-27 09:50"
  out=$(db settings sound --unmute)
  expect_contains "unmuted" "$out" "静音        关"
  expect_not_contains "speaker" "$out" "暂时静音到"
}

for c in defaults_are_shown changes_are_kept_and_audited bad_values_are_refused_and_nothing_changes \
         unmute_lifts_both_mutes; do
  run_case "$c" "case_$c"
done
t_done
