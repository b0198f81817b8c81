#!/bin/sh
# The phone beyond one sign-in: 签退 with one tap from the phone that signed its member in, and
# (issue 16) a household's members signed in from their shared phone. Against curl, as
# phone_signin.sh; the Chromium side is phone_browser.mjs.
. "$(dirname "$0")/../lib.sh"
. "$TOP/tests/web/web.inc"

RUNNING="sleep 45000"

case_phone_signs_out_with_one_tap() {
  web_db
  "$KIOSKCTL" --db t.db meetings signout "$MEETING" >/dev/null
  kiosk_start "$RUNNING"
  sign_in 张三 1234 -c jar -b jar
  expect_contains "signed in" "$(page)" 签到成功
  # Opened again from the same phone: 签退 offered beside the one tap.
  TOKEN=$(token_for "$MEETING" "$(epoch "$NOW")")
  get "$BASE/s/$TOKEN" -c jar -b jar
  expect_contains "签退 offered" "$(page)" "张三，点击签退"
  stamp_of
  # Only as a tap from the phone: a name and digits cannot sign someone out.
  post "$BASE/s/$TOKEN" --data-urlencode "name=张三" -d tail=1234 -d act=signout -d "stamp=$STAMP" -d "opened=$OPENED"
  expect_eq "no 签退 by name" 400 "$STATUS"
  post "$BASE/s/$TOKEN" -c jar -b jar -d how=device -d act=signout -d "stamp=$STAMP" -d "opened=$OPENED"
  expect_eq "status" 200 "$STATUS"
  expect_contains "done" "$(page)" 签退成功
  expect_contains "time" "$(page)" "签退时间 09:2"
  expect_eq "recorded, early" "1" "$(sqlite3 t.db "select early from attendance where member_id = $ZHANG and left_at is not null")"
  post "$BASE/s/$TOKEN" -c jar -b jar -d how=device -d act=signout -d "stamp=$STAMP" -d "opened=$OPENED"
  expect_contains "again" "$(page)" 您已签退
  kiosk_stop
}

case_signout_refused_where_not_asked_or_not_signed_in() {
  web_db
  kiosk_start "$RUNNING"
  sign_in 张三 1234 -c jar -b jar
  TOKEN=$(token_for "$MEETING" "$(epoch "$NOW")")
  get "$BASE/s/$TOKEN" -c jar -b jar
  expect_not_contains "not offered" "$(page)" "点击签退"
  stamp_of
  post "$BASE/s/$TOKEN" -c jar -b jar -d how=device -d act=signout -d "stamp=$STAMP" -d "opened=$OPENED"
  expect_eq "not asked" 409 "$STATUS"
  expect_contains "says so" "$(page)" 不用签退
  expect_eq "nothing written" 0 "$(sqlite3 t.db 'select count(*) from attendance where left_at is not null')"
  kiosk_stop
}

for c in phone_signs_out_with_one_tap signout_refused_where_not_asked_or_not_signed_in; do
  run_case "$c" "case_$c"
done
t_done
