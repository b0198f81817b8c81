#!/bin/sh
# The phone page in a real browser: Debian's Chromium, headless, driven by playwright-core
# (tests/web/package.json, installed with `npm ci` when missing) at a phone's size with
# JavaScript off. Screenshots land in $BUILD/web-screenshots/ for a person to look at.
. "$(dirname "$0")/../lib.sh"
. "$TOP/tests/web/web.inc"

SHOTS="$BUILD/web-screenshots"

case_phone_browser_signs_in_then_one_tap() {
  need_browser
  web_db
  next=$("$KIOSKCTL" --db t.db meetings add --kind 主题党日 --title 主题党日活动 \
           --start "2026-11-27 09:10" --end "2026-11-27 10:00")
  kiosk_start "sleep 50000"
  rm -rf "$SHOTS"; mkdir -p "$SHOTS"
  node "$TOP/tests/web/phone_browser.mjs" "$BASE" "$(token_for "$MEETING" "$(epoch "$NOW")")" \
    "$(token_for "$next" "$(epoch "$NOW")")" "$SHOTS" || fail "the browser's checks failed"
  expect_eq "recorded by QR, both meetings" 2 \
    "$(sqlite3 t.db "select count(*) from attendance where member_id = $ZHANG and method = 'qr'")"
  kiosk_stop
}

run_case phone_browser_signs_in_then_one_tap case_phone_browser_signs_in_then_one_tap
t_done
