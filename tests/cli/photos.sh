#!/bin/sh
# Meeting photos through kioskctl (docs/photos.md): pictures added from files (a stick's), listed,
# deleted; refusals (a text file named .jpg, a HEIC, a 13th photo) say why, exit non-zero and
# leave no row and no file.
. "$(dirname "$0")/../lib.sh"

setup() {
  k() { "$KIOSKCTL" --db c.db --now "2026-11-27 08:00" "$@"; }
  k init --name 测试社区 >/dev/null
  k members add --name 甲一 --branch 第一党支部 >/dev/null
  M=$(k meetings add --kind 主题党日 --title 十一月主题党日 --branch 第一党支部 \
    --start "2026-11-27 09:00" --end "2026-11-27 11:00")
}
files() { find photos -type f 2>/dev/null | wc -l; }
rows() { sqlite3 c.db "select count(*) from meeting_photos where deleted_at is null"; }

case_add_list_delete() {
  setup
  "$BUILD/tools/mkdoc" photo 3000 2000 30 a.jpg
  "$BUILD/tools/mkdoc" png 300 200 b.png
  out=$(k meetings photo-add "$M" a.jpg b.png)
  expect_eq "two ids" "1
2" "$out"
  expect_eq "two files beside the database" 2 "$(files)"
  out=$(k meetings photos "$M")
  expect_contains "scaled to 2048 on the long side" "$out" "2048"
  expect_contains "the file's place" "$out" "photos/"
  k meetings photo-add "$M" a.jpg 2>err.txt >/dev/null
  expect_contains "the same picture again" "$(cat err.txt)" "已经添加过了"
  expect_eq "still two rows" 2 "$(rows)"
  k meetings photo-delete "$M" 1
  expect_eq "one left" 1 "$(rows)"
  expect_eq "the row is kept, marked" 1 "$(sqlite3 c.db "select count(*) from meeting_photos where deleted_at is not null")"
  expect_fail k meetings photo-delete "$M" 1
  expect_contains "deleted twice" "$ERR" "没有编号为 1 的照片"
}

case_refusals_leave_nothing() {
  setup
  echo 不是照片 > fake.jpg
  printf '\000\000\000\030ftypheic\000\000\000\000mif1heic' > iphone.heic
  expect_fail k meetings photo-add "$M" fake.jpg
  expect_contains "a text file" "$ERR" "不是照片"
  expect_fail k meetings photo-add "$M" iphone.heic
  expect_contains "a HEIC" "$ERR" "兼容性最佳"
  expect_eq "no row" 0 "$(rows)"
  expect_eq "no file" 0 "$(files)"
  i=1
  while [ $i -le 12 ]; do "$BUILD/tools/mkdoc" photo 200 150 $((i * 20)) p$i.jpg; i=$((i + 1)); done
  k meetings photo-add "$M" p*.jpg >/dev/null
  "$BUILD/tools/mkdoc" photo 200 150 255 p13.jpg
  expect_fail k meetings photo-add "$M" p13.jpg
  expect_contains "a 13th" "$ERR" "最多 12 张"
  expect_eq "twelve rows" 12 "$(rows)"
  expect_eq "twelve files" 12 "$(files)"
  expect_fail k meetings photos
  expect_contains "no meeting given" "$ERR" "请给出一个会议编号"
}

run_case add_list_delete case_add_list_delete
run_case refusals_leave_nothing case_refusals_leave_nothing
t_done
