#!/bin/sh
# A couple sharing one phone, in a real browser (household_browser.mjs): both sign in from it,
# the second with one tap, recorded as 手机-同户; someone outside the household is refused.
. "$(dirname "$0")/../lib.sh"
. "$TOP/tests/web/web.inc"

SHOTS="$BUILD/web-screenshots"

case_couple_signs_in_from_one_phone() {
  need_browser
  web_db
  "$KIOSKCTL" --db t.db members edit "$ZHANG" --household 张李家 >/dev/null
  "$KIOSKCTL" --db t.db members edit "$LI" --household 张李家 >/dev/null
  next=$("$KIOSKCTL" --db t.db meetings add --kind 主题党日 --title 主题党日活动 \
           --start "2026-11-27 09:10" --end "2026-11-27 10:00")
  kiosk_start "sleep 50000"
  mkdir -p "$SHOTS"
  node "$TOP/tests/web/household_browser.mjs" "$BASE" "$(token_for "$MEETING" "$(epoch "$NOW")")" \
    "$(token_for "$next" "$(epoch "$NOW")")" "$WANG1" "$SHOTS" || fail "the browser's checks failed"
  expect_eq "李四 at both, as the household's" 2 \
    "$(sqlite3 t.db "select count(*) from attendance where member_id = $LI and method = 'qr-household'")"
  expect_eq "张三 at both, by QR" 2 \
    "$(sqlite3 t.db "select count(*) from attendance where member_id = $ZHANG and method = 'qr'")"
  expect_eq "the outsider not signed in" 0 "$(sqlite3 t.db "select count(*) from attendance where member_id = $WANG1")"
  kiosk_stop
}

run_case couple_signs_in_from_one_phone case_couple_signs_in_from_one_phone
t_done
