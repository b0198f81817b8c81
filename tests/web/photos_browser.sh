#!/bin/sh
# The staff phone's photo upload in a real browser (Debian's Chromium at 360 px, JavaScript off,
# tests/web/photos_browser.mjs) through the address the 会议照片 screen's QR code holds: a JPEG
# carrying GPS and an EXIF orientation (tagged with Debian's exiftool) goes in; the stored copy
# has no GPS and no EXIF at all, and is turned upright; a text file named .jpg is refused on the
# page. Screenshots land in $BUILD/web-screenshots/.
. "$(dirname "$0")/../lib.sh"
. "$TOP/tests/web/web.inc"
. "$TOP/tests/web/photos.inc"

SHOTS="$BUILD/web-screenshots"

case_photos_browser_upload_strips_and_turns() {
  need_browser
  command -v exiftool >/dev/null || fail "exiftool missing (make deps installs libimage-exiftool-perl)"
  photos_db
  photos_start
  mkdir -p "$SHOTS"
  # A phone's photo: 1200x800 as stored, Orientation 6 (turn clockwise to view), GPS, a maker.
  "$BUILD/tools/mkdoc" photo 1200 800 60 会场.jpg
  exiftool -q -overwrite_original -Orientation#=6 -Make=TestPhone -GPSLatitude=39.9042 \
    -GPSLatitudeRef=N -GPSLongitude=116.4074 -GPSLongitudeRef=E 会场.jpg
  expect_contains "the tagged photo has GPS" "$(exiftool -s -GPSLatitude 会场.jpg)" "39 deg"
  expect_eq "the tagged photo is turned" 6 "$(exiftool -s3 -n -Orientation 会场.jpg)"
  echo "这是一个文字文件，不是照片" > 坏照片.jpg
  node "$TOP/tests/web/photos_browser.mjs" "$URL" "$PWD/会场.jpg" "$PWD/坏照片.jpg" "$SHOTS" ||
    fail "the browser's checks failed"
  expect_eq "one photo stored" 1 "$(photos)"
  sha=$(sqlite3 t.db "select sha256 from meeting_photos where meeting_id = $MEETING")
  stored="photos/$sha.jpg"
  [ -f "$stored" ] || fail "no file at $stored"
  expect_eq "the stored file is what its name says" "$sha" "$(sha256sum "$stored" | cut -d' ' -f1)"
  expect_eq "no GPS left" "" "$(exiftool -s -GPS:all "$stored")"
  expect_eq "no EXIF left" "" "$(exiftool -s -EXIF:all "$stored")"
  expect_eq "no maker left" "" "$(exiftool -s3 -Make "$stored")"
  grep -q -a 'TestPhone' "$stored" && fail "the maker's name is still in the file"
  expect_eq "turned upright" "800x1200" "$(exiftool -s3 -ImageSize "$stored")"
  expect_eq "the row says so too" "800|1200|phone|测试管理员" \
    "$(sqlite3 t.db "select width, height, source, added_by from meeting_photos")"
  kiosk_stop
}

run_case photos_browser_upload_strips_and_turns case_photos_browser_upload_strips_and_turns
t_done
