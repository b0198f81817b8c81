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

# A couple (张三 and 李四, one 户) share 张三's phone: the page offers 李四 with one tap, recorded
# as 手机-同户; 王芳, outside the household, is refused from it (403) and never offered.
case_household_signs_in_from_one_phone() {
  web_db
  "$KIOSKCTL" --db t.db members edit "$ZHANG" --household 张李家 >/dev/null
  "$KIOSKCTL" --db t.db members edit "$LI" --household 张李家 >/dev/null
  kiosk_start "$RUNNING"
  sign_in 张三 1234 -c jar -b jar
  expect_contains "signed in" "$(page)" 签到成功
  expect_contains "the household offered at once" "$(page)" "同户的 李四，点击签到"
  stamp_of
  post "$BASE/s/$TOKEN" -c jar -b jar -d how=device -d "for=$LI" -d "stamp=$STAMP" -d "opened=$OPENED"
  expect_eq "status" 200 "$STATUS"
  expect_contains "李四 signed in" "$(page)" 签到成功
  expect_contains "李四's name" "$(page)" 李四
  expect_not_contains "nobody left to offer" "$(page)" "同户的"
  expect_eq "recorded as the household's" "qr-household" \
    "$(sqlite3 t.db "select method from attendance where member_id = $LI")"
  expect_eq "no device row for 李四" 0 "$(sqlite3 t.db "select count(*) from devices where member_id = $LI")"
  # Outside the household: refused, and nothing written.
  post "$BASE/s/$TOKEN" -c jar -b jar -d how=device -d "for=$WANG1" -d "stamp=$STAMP" -d "opened=$OPENED"
  expect_eq "outsider" 403 "$STATUS"
  expect_contains "message" "$(page)" "这部手机不能为其他党员签到"
  expect_eq "王芳 not signed in" 0 "$(sqlite3 t.db "select count(*) from attendance where member_id = $WANG1")"
  # Without the phone's cookie, for= is nothing: a name and digits cannot borrow a household.
  post "$BASE/s/$TOKEN" --data-urlencode "name=王芳" -d tail=8888 -d "for=$LI" -d "stamp=$STAMP" -d "opened=$OPENED"
  expect_eq "for= without the device" 400 "$STATUS"
  kiosk_stop
}

for c in household_signs_in_from_one_phone phone_signs_out_with_one_tap signout_refused_where_not_asked_or_not_signed_in; do
  run_case "$c" "case_$c"
done
t_done
