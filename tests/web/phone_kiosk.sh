#!/bin/sh
# The phone server inside the running kiosk: a sign-in from a phone shows on the screen at once
# (toast, 实到, quorum), tokens follow the kiosk's clock (replay `wait` expires them), and the QR
# the home screen draws decodes to an address the server accepts.
. "$(dirname "$0")/../lib.sh"
. "$TOP/tests/web/web.inc"

# Sleep until S seconds after T0 (the replay's first dump).
until_second() {
  while [ $(($(date +%s) - T0)) -lt "$1" ]; do sleep 0.1; done
}

case_phone_sign_in_shows_on_the_kiosk_at_once() {
  web_db vote
  # A toast lasts 5 s of the kiosk's clock, which `sleep` moves with real time. The first
  # sign-in is sent at once and the screen dumped 4 s later; the second is sent 5 to 6 s in
  # and dumped at 9 s: each has seconds to spare, even under the sanitizers on a busy machine.
  kiosk_start "dump before" "sleep 4000" \
    "expect-text 张三 扫码签到成功 09:20" "dump after" "sleep 5000" \
    "expect-text <script>alert(1)</script> 扫码签到成功" "dump script"
  # Sign in only once the kiosk has dumped the screen as it was before: otherwise a quick
  # phone can beat the replay's first line. The replay's clock starts there too, not when the
  # server said its port (a loaded machine can take seconds between the two).
  i=0
  while [ ! -s snaps/before.txt ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
  [ -s snaps/before.txt ] || fail "the kiosk never dumped its first screen"
  T0=$(date +%s)
  sign_in 张三 1234
  expect_contains "phone" "$(page)" 签到成功
  until_second 6
  sign_in '<script>alert(1)</script>' 4321
  expect_contains "phone" "$(page)" 签到成功
  kiosk_wait
  if grep -q '扫码签到成功' snaps/before.txt; then fail "a toast before any sign-in"; fi
  grep -q '张三 扫码签到成功 09:20' snaps/after.txt || fail "no toast in the dump"
  grep -q '<script>alert(1)</script> 扫码签到成功' snaps/script.txt ||
    fail "the name is not shown literally"
  # 实到 and the quorum panel changed with no touch on the screen.
  grep -q '已到正式党员 0 人' snaps/before.txt || { cat snaps/before.txt; fail "expected 已到 0 人 before"; }
  grep -q '已到正式党员 1 人' snaps/after.txt || { cat snaps/after.txt; fail "实到 did not update"; }
  grep -q '已到正式党员 2 人' snaps/script.txt || { cat snaps/script.txt; fail "实到 did not update again"; }
}

case_token_expires_with_replay_wait() {
  web_db
  kiosk_start "sleep 4000" "wait 70000" "sleep 5000" "wait 60000" "sleep 4000"
  now=$(epoch "$NOW")
  tok=$(token_for "$MEETING" "$now")
  get "$BASE/s/$tok"
  expect_eq "fresh token" 200 "$STATUS"
  stamp_of; stamp_a=$STAMP opened_a=$OPENED
  get "$BASE/s/$tok"
  stamp_of; stamp_b=$STAMP opened_b=$OPENED
  # The replay's `wait 70000` moves the kiosk's clock: the token expires although only
  # seconds of real time pass.
  i=0
  while get "$BASE/s/$tok"; [ "$STATUS" = 200 ] && [ $i -lt 80 ]; do sleep 0.1; i=$((i + 1)); done
  expect_eq "after wait 70000" 410 "$STATUS"
  expect_contains "message" "$(page)" "二维码已过期，请扫描屏幕上的最新二维码"
  # A page opened before the QR turned over may still be sent within two minutes.
  post "$BASE/s/$tok" --data-urlencode "name=张三" -d tail=1234 -d "stamp=$stamp_a" -d "opened=$opened_a"
  expect_eq "page opened 70 s ago" 200 "$STATUS"
  expect_contains "page opened 70 s ago" "$(page)" 签到成功
  # The next `wait 60000` takes the other page past two minutes.
  tok2=$(token_for "$MEETING" $((now + 70)))
  i=0
  while get "$BASE/s/$tok2"; [ "$STATUS" = 200 ] && [ $i -lt 80 ]; do sleep 0.1; i=$((i + 1)); done
  expect_eq "after wait 60000" 410 "$STATUS"
  post "$BASE/s/$tok" --data-urlencode "name=李四" -d tail=5678 -d "stamp=$stamp_b" -d "opened=$opened_b"
  expect_eq "page opened 130 s ago" 410 "$STATUS"
  expect_eq "李四 not signed in" 0 "$(records "$LI")"
  kiosk_wait
}

case_qr_on_screen_decodes_to_a_url_the_server_accepts() {
  command -v zbarimg >/dev/null || fail "zbarimg missing (make deps installs zbar-tools)"
  web_db
  kiosk_start "expect-text 扫码签到" "snap home" "sleep 8000"
  i=0
  while [ ! -s snaps/home.png ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
  sleep 0.3
  urls=$(zbarimg --quiet --raw snaps/home.png) || fail "no QR code found on the home screen"
  url=$(echo "$urls" | grep "^$BASE/s/" | head -n 1)
  [ -n "$url" ] || fail "the QR holds [$urls], not an address under $BASE/s/"
  get "$url"
  expect_eq "the QR's address" 200 "$STATUS"
  expect_contains "the sign-in page" "$(page)" 'name="tail"'
  expect_eq "the token the server expects" "$(token_for "$MEETING" "$(epoch "$NOW")")" "${url##*/}"
  kiosk_stop
}

for c in phone_sign_in_shows_on_the_kiosk_at_once token_expires_with_replay_wait \
         qr_on_screen_decodes_to_a_url_the_server_accepts; do
  run_case "$c" "case_$c"
done
t_done
