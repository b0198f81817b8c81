#!/bin/sh
# The phone sign-in server against curl: the page, signing in, the device cookie, and every
# kind of bad or hostile request the issue names. Each case starts its own kiosk on a replay
# that keeps it running (sleep) while curl talks to its server on a free loopback port.
. "$(dirname "$0")/../lib.sh"
. "$TOP/tests/web/web.inc"

# Long enough for any case below; each case stops the kiosk itself when done.
RUNNING="sleep 45000"

case_healthz_answers_200() {
  web_db
  kiosk_start "$RUNNING"
  get "$BASE/healthz"
  expect_eq "status" 200 "$STATUS"
  expect_eq "body" ok "$(page)"
  get "$BASE/healthz" -I
  expect_eq "HEAD status" 200 "$STATUS"
  kiosk_stop
}

case_form_then_sign_in_records_one_qr_attendance() {
  web_db
  kiosk_start "$RUNNING"
  TOKEN=$(token_for "$MEETING" "$(epoch "$NOW")")
  get "$BASE/s/$TOKEN"
  expect_eq "page status" 200 "$STATUS"
  expect_contains "meeting on the page" "$(page)" 十一月党课
  expect_contains "numeric keypad" "$(page)" 'inputmode="numeric" pattern="[0-9]*"'
  expect_not_contains "no script on the page" "$(page)" "<script"
  expect_not_contains "nothing from elsewhere" "$(page)" "http"
  expect_not_contains "no member listed" "$(page)" 李四
  stamp_of
  post "$BASE/s/$TOKEN" --data-urlencode "name=张三" -d tail=1234 -d "stamp=$STAMP" -d "opened=$OPENED"
  expect_eq "sign-in status" 200 "$STATUS"
  expect_contains "success" "$(page)" 签到成功
  expect_contains "name" "$(page)" 张三
  expect_contains "meeting" "$(page)" 十一月党课
  expect_contains "time" "$(page)" "签到时间 09:20"
  expect_eq "one qr record" 1 "$(records "$ZHANG")"
  cookie=$(grep -i '^set-cookie:' page.hdr | tr -d '\r')
  expect_contains "cookie" "$cookie" "kd="
  expect_contains "HttpOnly" "$cookie" "HttpOnly"
  expect_contains "SameSite" "$cookie" "SameSite=Strict"
  expect_contains "long-lived" "$cookie" "Max-Age=34560000"
  value=$(echo "$cookie" | sed 's/^[^=]*: kd=\([^;]*\);.*/\1/')
  expect_eq "stored hashed, once" 1 "$(sqlite3 t.db "select count(*) from devices where member_id = $ZHANG")"
  expect_eq "the cookie itself is not stored" 0 "$(sqlite3 t.db "select count(*) from devices where cookie_hash like '%$value%'")"
  # The same form sent again writes nothing and says when the first sign-in was.
  post "$BASE/s/$TOKEN" --data-urlencode "name=张三" -d tail=1234 -d "stamp=$STAMP" -d "opened=$OPENED"
  expect_eq "repeat status" 200 "$STATUS"
  expect_contains "already" "$(page)" "您已于 09:20 签到"
  expect_eq "still one record" 1 "$(sqlite3 t.db "select count(*) from attendance where member_id = $ZHANG")"
  kiosk_stop
}

case_name_typed_with_spaces_still_matches() {
  web_db
  kiosk_start "$RUNNING"
  sign_in " 张 三 " " 1234"
  expect_contains "success" "$(page)" 签到成功
  kiosk_stop
}

case_wrong_digits_say_so_and_sign_in_nobody() {
  web_db
  kiosk_start "$RUNNING"
  sign_in 张三 9999
  expect_eq "status" 200 "$STATUS"
  expect_contains "message" "$(page)" "姓名或手机尾号不对"
  expect_contains "the form again" "$(page)" 'name="tail"'
  expect_eq "nothing written" 0 "$(sqlite3 t.db 'select count(*) from attendance')"
  sign_in 张三 12a4
  expect_contains "four digits" "$(page)" "最后 4 位数字"
  kiosk_stop
}

case_forged_token_gets_403() {
  web_db
  kiosk_start "$RUNNING"
  get "$BASE/s/AAAAAAAAAAAAAAAA"
  expect_eq "made-up token" 403 "$STATUS"
  expect_contains "message" "$(page)" "二维码已过期，请扫描屏幕上的最新二维码"
  get "$BASE/s/short"
  expect_eq "malformed token" 403 "$STATUS"
  TOKEN=$(token_for "$MEETING" "$(epoch "$NOW")")
  get "$BASE/s/$TOKEN"
  stamp_of
  forged=$(printf '%s' "$STAMP" | sed 's/^./A/;t' )
  [ "$forged" != "$STAMP" ] || forged=$(printf '%s' "$STAMP" | sed 's/^./B/')
  post "$BASE/s/$TOKEN" --data-urlencode "name=张三" -d tail=1234 -d "stamp=$forged" -d "opened=$OPENED"
  expect_eq "forged stamp" 403 "$STATUS"
  post "$BASE/s/$TOKEN" --data-urlencode "name=张三" -d tail=1234 -d "stamp=$STAMP" -d "opened=$((OPENED - 1))"
  expect_eq "stamp moved to another time" 403 "$STATUS"
  expect_eq "nothing written" 0 "$(sqlite3 t.db 'select count(*) from attendance')"
  kiosk_stop
}

case_expired_token_gets_410() {
  web_db
  kiosk_start "$RUNNING"
  old=$(token_for "$MEETING" $(($(epoch "$NOW") - 90)))
  get "$BASE/s/$old"
  expect_eq "token from 90 s ago" 410 "$STATUS"
  expect_contains "message" "$(page)" "二维码已过期，请扫描屏幕上的最新二维码"
  prev=$(token_for "$MEETING" $(($(epoch "$NOW") - 30)))
  get "$BASE/s/$prev"
  expect_eq "the previous period's token still works" 200 "$STATUS"
  kiosk_stop
}

case_body_over_4k_gets_413() {
  web_db
  kiosk_start "$RUNNING"
  TOKEN=$(token_for "$MEETING" "$(epoch "$NOW")")
  head -c 5000 /dev/zero | tr '\0' 'a' > big.txt
  post "$BASE/s/$TOKEN" --data-binary @big.txt
  expect_eq "declared length" 413 "$STATUS"
  post "$BASE/s/$TOKEN" -H 'Transfer-Encoding: chunked' --data-binary @big.txt
  expect_eq "chunked" 413 "$STATUS"
  get "$BASE/healthz"
  expect_eq "still serving" 200 "$STATUS"
  kiosk_stop
}

case_unknown_path_404_wrong_method_405() {
  web_db
  kiosk_start "$RUNNING"
  get "$BASE/"
  expect_eq "root" 404 "$STATUS"
  get "$BASE/members"
  expect_eq "no listing" 404 "$STATUS"
  get "$BASE/s/"
  expect_eq "no token" 404 "$STATUS"
  get "$BASE/s/AAAAAAAAAAAAAAAA/x"
  expect_eq "deeper path" 404 "$STATUS"
  get "$BASE/healthz" -X POST
  expect_eq "POST healthz" 405 "$STATUS"
  expect_contains "Allow" "$(tr -d '\r' < page.hdr)" "Allow: GET, HEAD"
  TOKEN=$(token_for "$MEETING" "$(epoch "$NOW")")
  get "$BASE/s/$TOKEN" -X DELETE
  expect_eq "DELETE" 405 "$STATUS"
  get "$BASE/s/$TOKEN" -X PUT -d x=1
  expect_eq "PUT" 405 "$STATUS"
  kiosk_stop
}

case_bad_encoding_gets_400() {
  web_db
  kiosk_start "$RUNNING"
  get "$BASE/s/%zz"
  expect_eq "bad escape in the path" 400 "$STATUS"
  expect_contains "plain page" "$(page)" "请求无法识别"
  get "$BASE/s/%C3%28AAAAAAAAAAAAAA"
  expect_eq "invalid UTF-8 in the path" 400 "$STATUS"
  get "$BASE/s/%00AAAAAAAAAAAAAAA"
  expect_eq "NUL in the path" 400 "$STATUS"
  TOKEN=$(token_for "$MEETING" "$(epoch "$NOW")")
  get "$BASE/s/$TOKEN"
  stamp_of
  post "$BASE/s/$TOKEN" -d "name=%ZZ&tail=1234&stamp=$STAMP&opened=$OPENED"
  expect_eq "bad escape in the form" 400 "$STATUS"
  post "$BASE/s/$TOKEN" -d "name=%FF%FE&tail=1234&stamp=$STAMP&opened=$OPENED"
  expect_eq "invalid UTF-8 in the form" 400 "$STATUS"
  post "$BASE/s/$TOKEN" -d "name=%E5%BC&tail=1234&stamp=$STAMP&opened=$OPENED"
  expect_eq "cut UTF-8 in the form" 400 "$STATUS"
  post "$BASE/s/$TOKEN" -H 'Content-Type: application/json' -d '{"name":"张三"}'
  expect_eq "not a form" 415 "$STATUS"
  expect_eq "nothing written" 0 "$(sqlite3 t.db 'select count(*) from attendance')"
  get "$BASE/healthz"
  expect_eq "still serving" 200 "$STATUS"
  kiosk_stop
}

case_script_name_is_escaped_on_the_page() {
  web_db
  kiosk_start "$RUNNING"
  sign_in '<script>alert(1)</script>' 4321
  expect_contains "success" "$(page)" 签到成功
  expect_contains "escaped name" "$(page)" '&lt;script&gt;alert(1)&lt;/script&gt;'
  expect_not_contains "no live script" "$(page)" '<script>'
  expect_contains "no script may run" "$(tr -d '\r' < page.hdr)" "default-src 'none'"
  # The name as typed goes back into the form after a wrong try: escaped there too.
  sign_in '"><script>x</script>' 1111
  expect_not_contains "form value escaped" "$(page)" '<script>x'
  expect_contains "form value kept" "$(page)" '&quot;&gt;&lt;script&gt;x'
  kiosk_stop
}

case_six_wrong_tries_get_429() {
  web_db
  kiosk_start "$RUNNING"
  for tail in 0001 0002 0003 0004 0005; do
    sign_in 张三 $tail
    expect_eq "wrong try $tail" 200 "$STATUS"
    expect_contains "wrong try $tail" "$(page)" "姓名或手机尾号不对"
  done
  sign_in 张三 1234
  expect_eq "sixth try, even right" 429 "$STATUS"
  expect_contains "plain message" "$(page)" "尝试次数太多"
  expect_eq "nothing written" 0 "$(sqlite3 t.db 'select count(*) from attendance')"
  # Another address may still sign another member in...
  sign_in 李四 5678 --interface 127.0.0.2
  expect_eq "another address" 200 "$STATUS"
  expect_contains "another address" "$(page)" 签到成功
  # ...but not the name that was guessed at, from any address.
  sign_in 张三 1234 --interface 127.0.0.3
  expect_eq "the guessed name" 429 "$STATUS"
  kiosk_stop
}

case_guessing_one_name_from_many_addresses_gets_429() {
  web_db
  kiosk_start "$RUNNING"
  for i in 2 3 4 5 6; do
    sign_in 张三 000$i --interface 127.0.0.$i
    expect_contains "wrong try from 127.0.0.$i" "$(page)" "姓名或手机尾号不对"
  done
  sign_in 张三 1234 --interface 127.0.0.7
  expect_eq "sixth address" 429 "$STATUS"
  kiosk_stop
}

case_device_cookie_signs_in_with_one_tap() {
  web_db
  other=$("$KIOSKCTL" --db t.db meetings add --kind 主题党日 --title 主题党日活动 \
            --start "2026-11-27 09:10" --end "2026-11-27 10:00")
  kiosk_start "$RUNNING"
  sign_in 张三 1234 -c jar -b jar
  expect_contains "first sign-in" "$(page)" 签到成功
  # The next meeting's QR, from the same phone: one tap, nothing to type.
  TOKEN=$(token_for "$other" "$(epoch "$NOW")")
  get "$BASE/s/$TOKEN" -c jar -b jar
  expect_eq "status" 200 "$STATUS"
  expect_contains "one tap" "$(page)" "张三，点击签到"
  expect_not_contains "no form to fill" "$(page)" 'name="tail"'
  stamp_of
  post "$BASE/s/$TOKEN" -c jar -b jar -d how=device -d "stamp=$STAMP" -d "opened=$OPENED"
  expect_contains "signed in" "$(page)" 签到成功
  expect_contains "the other meeting" "$(page)" 主题党日活动
  expect_eq "recorded" 1 "$(sqlite3 t.db "select count(*) from attendance where meeting_id = $other and member_id = $ZHANG and method = 'qr'")"
  expect_eq "no second device" 1 "$(sqlite3 t.db "select count(*) from devices")"
  # A cookie the kiosk never issued gets the ordinary form, and is told to go.
  get "$BASE/s/$TOKEN" -H "Cookie: kd=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
  expect_contains "form" "$(page)" 'name="tail"'
  expect_contains "cookie cleared" "$(tr -d '\r' < page.hdr)" "kd=; Max-Age=0"
  kiosk_stop
}

case_phone_refused_for_a_second_member() {
  web_db
  kiosk_start "$RUNNING"
  sign_in 张三 1234 -c jar -b jar
  expect_contains "first member" "$(page)" 签到成功
  sign_in 李四 5678 -c jar -b jar
  expect_eq "second member" 403 "$STATUS"
  expect_contains "message" "$(page)" "这部手机不能为其他党员签到"
  expect_not_contains "nothing about 李四" "$(page)" 李四
  expect_eq "李四 not signed in" 0 "$(records "$LI")"
  kiosk_stop
}

case_resent_form_writes_nothing_new() {
  web_db
  kiosk_start "$RUNNING"
  sign_in 张三 1234 -c jar -b jar
  expect_contains "first" "$(page)" 签到成功
  # A double tap sends the same form twice: the second answer says when, and adds nothing.
  post "$BASE/s/$TOKEN" -c jar -b jar --data-urlencode "name=张三" -d tail=1234 -d "stamp=$STAMP" -d "opened=$OPENED"
  expect_eq "resent" 200 "$STATUS"
  expect_contains "resent" "$(page)" "您已于 09:20 签到"
  post "$BASE/s/$TOKEN" -c jar -b jar -d how=device -d "stamp=$STAMP" -d "opened=$OPENED"
  expect_contains "resent with one tap" "$(page)" "您已于 09:20 签到"
  expect_eq "one record" 1 "$(sqlite3 t.db "select count(*) from attendance where member_id = $ZHANG")"
  expect_eq "one device" 1 "$(sqlite3 t.db "select count(*) from devices")"
  kiosk_stop
}

case_namesakes_are_asked_for_their_branch() {
  web_db
  kiosk_start "$RUNNING"
  sign_in 王芳 8888
  expect_eq "status" 200 "$STATUS"
  expect_contains "question" "$(page)" 请点您所在的支部
  expect_contains "branch button" "$(page)" 第二党支部
  branch=$(sqlite3 t.db "select branch_id from members where id = $WANG2")
  post "$BASE/s/$TOKEN" --data-urlencode "name=王芳" -d tail=8888 -d "branch=$branch" \
    -d "stamp=$STAMP" -d "opened=$OPENED"
  expect_contains "signed in" "$(page)" 签到成功
  expect_eq "the right 王芳" 1 "$(records "$WANG2")"
  expect_eq "not the other" 0 "$(records "$WANG1")"
  kiosk_stop
}

case_member_without_phone_is_sent_to_the_screen() {
  web_db
  kiosk_start "$RUNNING"
  sign_in 赵六 1234
  expect_contains "message" "$(page)" 您没有登记手机号
  expect_contains "what to do" "$(page)" 签到机屏幕
  expect_eq "nothing written" 0 "$(sqlite3 t.db 'select count(*) from attendance')"
  kiosk_stop
}

for c in healthz_answers_200 form_then_sign_in_records_one_qr_attendance \
         name_typed_with_spaces_still_matches wrong_digits_say_so_and_sign_in_nobody \
         forged_token_gets_403 expired_token_gets_410 body_over_4k_gets_413 \
         unknown_path_404_wrong_method_405 bad_encoding_gets_400 \
         script_name_is_escaped_on_the_page six_wrong_tries_get_429 \
         guessing_one_name_from_many_addresses_gets_429 device_cookie_signs_in_with_one_tap \
         phone_refused_for_a_second_member resent_form_writes_nothing_new \
         namesakes_are_asked_for_their_branch member_without_phone_is_sent_to_the_screen; do
  run_case "$c" "case_$c"
done
t_done
