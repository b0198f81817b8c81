#!/bin/sh
# The staff phone's upload address (/p/TOKEN, docs/photos.md) against hostile requests: no
# token, a wrong one, one after staff mode ended, a 50 MB body, a multipart of garbage, a body
# that is not a form, a text file named .jpg. Each is refused with a Chinese sentence, nothing is
# stored, and members still sign in from their phones throughout.
. "$(dirname "$0")/../lib.sh"
. "$TOP/tests/web/web.inc"
. "$TOP/tests/web/photos.inc"

case_hostile_uploads_refused_signins_go_on() {
  photos_db
  # Twenty seconds in 会议照片 (by then the upload below has landed, and the screen shows it
  # without a touch), then out of staff mode through 退出管理.
  photos_start "sleep 20000" "expect-text 已有 1 张照片" "tap-text 返回管理" "tap-text 退出管理" \
    "sleep 50000"
  get "$URL"
  expect_eq "the upload page" 200 "$STATUS"
  expect_contains "the upload page" "$(page)" "上传会议照片"
  expect_contains "the upload page" "$(page)" 'enctype="multipart/form-data"'

  get "$BASE/p/"
  expect_eq "no token" 404 "$STATUS"
  post "$BASE/p/" -F "photo=@/dev/null"
  expect_eq "no token, posted" 404 "$STATUS"
  get "$BASE/p/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
  expect_eq "a wrong token" 403 "$STATUS"
  expect_contains "a wrong token" "$(page)" "上传地址已失效"
  post "$BASE/p/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" -F "photo=@/dev/null"
  expect_eq "a wrong token, posted" 403 "$STATUS"

  head -c 52428800 /dev/zero > big.bin
  post "$URL" -H 'Content-Type: multipart/form-data; boundary=xyz' --data-binary @big.bin
  expect_eq "a 50 MB body" 413 "$STATUS"
  expect_contains "a 50 MB body" "$(page)" "照片太大"
  # The same without a length: chunked, cut off as it grows.
  post "$URL" -H 'Content-Type: multipart/form-data; boundary=xyz' -H 'Transfer-Encoding: chunked' \
    --data-binary @big.bin
  expect_eq "a 50 MB chunked body" 413 "$STATUS"
  rm -f big.bin

  head -c 200000 /dev/urandom > garbage.bin
  post "$URL" -H 'Content-Type: multipart/form-data; boundary=zzz' --data-binary @garbage.bin
  expect_eq "a multipart of garbage" 400 "$STATUS"
  expect_contains "a multipart of garbage" "$(page)" "没有收到照片"
  post "$URL" -H 'Content-Type: application/octet-stream' --data-binary @garbage.bin
  expect_eq "not a form" 415 "$STATUS"
  expect_contains "not a form" "$(page)" "上传页面"
  post "$URL" -H 'Content-Type: multipart/form-data' --data-binary @garbage.bin
  expect_eq "multipart without a boundary" 415 "$STATUS"

  echo "这是一个文字文件" > 假照片.jpg
  post "$URL" -F "photo=@假照片.jpg;type=image/jpeg"
  expect_eq "a text file named .jpg" 422 "$STATUS"
  expect_contains "a text file named .jpg" "$(page)" "不是照片"
  expect_eq "nothing stored" 0 "$(photos)"
  expect_eq "no file left" "" "$(ls photos 2>/dev/null; ls -a photos 2>/dev/null | grep '^\.up\.' || true)"

  sign_in 张三 1234
  expect_eq "a member signs in meanwhile" 200 "$STATUS"
  expect_eq "recorded" 1 "$(records "$ZHANG")"

  # A real picture goes in while staff mode is open.
  "$BUILD/tools/mkdoc" photo 800 600 90 good.jpg
  post "$URL" -F "photo=@good.jpg;type=image/jpeg"
  expect_eq "a real photo" 200 "$STATUS"
  expect_contains "a real photo" "$(page)" "已添加"
  expect_eq "stored" 1 "$(photos)"

  # Staff mode ends: the address dies with it.
  i=0
  while [ "$(sqlite3 t.db "select count(*) from audit_log where action = '退出管理模式'")" = 0 ]; do
    [ $i -lt 300 ] || fail "staff mode never ended"
    kill -0 "$KPID" 2>/dev/null || { cat kiosk.err; fail "the kiosk's replay stopped early (see above)"; }
    sleep 0.1; i=$((i + 1))
  done
  get "$URL"
  expect_eq "the token after staff mode ended" 403 "$STATUS"
  expect_contains "the token after staff mode ended" "$(page)" "管理模式已退出"
  post "$URL" -F "photo=@good.jpg;type=image/jpeg"
  expect_eq "posted after staff mode ended" 403 "$STATUS"
  expect_eq "still one" 1 "$(photos)"

  sign_in 李四 5678
  expect_eq "members still sign in" 200 "$STATUS"
  expect_eq "recorded" 1 "$(records "$LI")"
  kiosk_stop
}

run_case photos_hostile_uploads_refused_signins_go_on case_hostile_uploads_refused_signins_go_on
t_done
