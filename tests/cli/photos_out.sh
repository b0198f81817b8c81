#!/bin/sh
# Meeting photos on their way out: the export carries each live photo beside the meeting's 纪实
# PDF and lists every photo in photos.csv (and the manifest); the PDF shows them; the 纪实 sheet
# counts them; the office keeps each picture once by its hash, refuses a changed one, and counts
# meetings with photos in its report; a stick too full for the photos leaves no half export.
# Photos are made as the photos_in side stores them: a plain JPEG at
# <database's folder>/photos/<sha256>.jpg and a meeting_photos row.
. "$(dirname "$0")/../lib.sh"

MKDOC="$BUILD/tools/mkdoc"
sha() { sha256sum "$1" | cut -d' ' -f1; }

# A small branch with a recorded 支部党员大会 (as records.sh's), in the current folder.
branch() {
  k() { "$KIOSKCTL" --db c.db --now "2026-11-27 08:00" "$@"; }
  k init --name 测试社区 >/dev/null
  for n in 甲一 甲二 甲三 甲四 甲五; do k members add --name "$n" --branch 第一党支部 >/dev/null; done
  k members add --name 乙六 --branch 第一党支部 --status 预备 >/dev/null
  M=$(k meetings add --kind 支部党员大会 --title 十一月党员大会 --branch 第一党支部 \
    --start "2026-11-27 09:00" --end "2026-11-27 11:00" --vote --place 活动室)
  k leave add "$M" 5 --reason 住院 >/dev/null
  for i in 1 2 3 6; do "$KIOSKCTL" --db c.db --now "2026-11-27 09:05" checkin "$M" "$i" >/dev/null; done
  "$KIOSKCTL" --db c.db --now "2026-11-27 10:30" meetings record "$M" --host 甲一 --recorder 甲二 \
    --topic 学习党的二十届三中全会精神 --content 传达学习了全会精神。 --decision 同意接收乙六为预备党员 \
    --for 3 --against 0 --abstain 0 >/dev/null
}

# photo DB MEETING SEED W H [DELETED_AT]: a stored photo; prints its sha256.
photo() {
  dir=$(dirname "$1")/photos
  mkdir -p "$dir"
  "$MKDOC" photo "$4" "$5" "$(($3 * 40))" new.jpg
  s=$(sha new.jpg)
  mv new.jpg "$dir/$s.jpg"
  del=${6:+"'$6'"}
  sqlite3 "$1" "insert into meeting_photos (uuid, kiosk_id, meeting_id, sha256, width, height, bytes,
    source, added_by, added_at, deleted_at, updated_at) values ('$(cat /proc/sys/kernel/random/uuid)',
    (select value from settings where key = 'kiosk_id'), $2, '$s', $4, $5, $(stat -c %s "$dir/$s.jpg"),
    'phone', '王干事', '2026-11-27 10:0$3:00', ${del:-NULL}, '2026-11-27 10:0$3:00')"
  echo "$s"
}

export_to() { "$KIOSKCTL" --db c.db --now "${2:-2026-11-27 12:00}" export --to "$1" 2>err.txt; }
listed() { sed -n "/\"$(printf '%s' "$2" | sed 's,/,\\/,g')\"/,/}/p" "$1/manifest.json" | sed -n 's/.*"sha256": "\(.*\)".*/\1/p'; }

case_export_carries_the_photos_and_photos_csv() {
  branch
  s1=$(photo c.db "$M" 1 1600 1200)
  s2=$(photo c.db "$M" 2 900 1200)
  s3=$(photo c.db "$M" 3 800 600)
  gone=$(photo c.db "$M" 4 640 480 "2026-11-27 10:20:00")
  mkdir out
  dir=$(export_to out)
  expect_contains "summary" "$(cat err.txt)" "照片 3 张"
  stem="$dir/纪实/十一月党员大会_2026-11-27"
  n=1
  for s in "$s1" "$s2" "$s3"; do
    f="$stem"_照片$n.jpg
    [ -f "$f" ] || fail "no photo $n: $(ls "$dir/纪实")"
    expect_eq "photo $n is the stored picture" "$s" "$(sha "$f")"
    expect_eq "photo $n in the manifest" "$s" "$(listed "$dir" "纪实/十一月党员大会_2026-11-27_照片$n.jpg")"
    n=$((n + 1))
  done
  [ ! -e "$stem"_照片4.jpg ] || fail "a deleted photo went on the stick"
  expect_eq "photos.csv in the manifest" "$(sha "$dir/photos.csv")" "$(listed "$dir" photos.csv)"
  csv=$(cat "$dir/photos.csv")
  expect_contains "header" "$csv" "记录编号,签到机,会议编号,会议,sha256,宽,高,已删除,更新时间,文件"
  expect_contains "first row" "$csv" ",$s1,1600,1200,否,2026-11-27 10:01:00,纪实/十一月党员大会_2026-11-27_照片1.jpg"
  expect_contains "the deletion travels, without a file" "$csv" ",$gone,640,480,是,2026-11-27 10:04:00,"
  expect_eq "rows" 5 "$(grep -c . "$dir/photos.csv")"
  meeting_uuid=$(sqlite3 c.db "select uuid from meetings where id = $M")
  expect_eq "every row names the meeting" 4 "$(grep -c ",$meeting_uuid," "$dir/photos.csv")"

  # The PDF shows the three pictures (JPEG, at print size, not the phone's) and still the record.
  pdf="$stem.pdf"
  images=$(pdfimages -list "$pdf" | tail -n +3)
  expect_eq "three images in the PDF" 3 "$(printf '%s\n' "$images" | grep -c image)"
  expect_eq "embedded as JPEG" 3 "$(printf '%s\n' "$images" | grep -c jpeg)"
  printf '%s\n' "$images" | awk '$4 > 800 { exit 1 }' || fail "an image went in at full size: $images"
  [ "$(stat -c %s "$pdf")" -lt 600000 ] || fail "the PDF is too large: $(stat -c %s "$pdf") bytes"
  text=$(pdftotext -layout "$pdf" - | tr -s ' ')
  for nm in 甲一 甲二 甲三 甲四 甲五 乙六; do expect_contains "name $nm" "$text" "$nm"; done
  expect_contains "quorum statement" "$(pdftotext "$pdf" - | tr -d ' \n')" "应到6人，有表决权5人，实到4人（其中预备党员1人），请假1人，超过半数，会议有效"
  expect_contains "signature column" "$text" "签名"
  expect_contains "photos section" "$text" "会议影像（共 3 张）"
  expect_contains "secretary's line after the photos" "$(pdftotext "$pdf" - | sed -n '/照片 3/,$p')" "支部书记（签名）"
  expect_contains "A4" "$(pdfinfo "$pdf")" "595.28 x 841.89 pts (A4)"

  # LibreOffice opens the workbook; the 纪实 sheet says how many photos and where.
  cp "$dir/签到表.xlsx" book.xlsx
  HOME=$T_DIR timeout 180 soffice --headless --norestore \
    --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' \
    book.xlsx >lo.log 2>&1 || fail "LibreOffice could not convert the workbook: $(cat lo.log)"
  sheet=$(ls book-*纪实*.csv) || fail "no 纪实 sheet: $(ls)"
  expect_contains "photo count" "$(cat "$sheet")" "会议影像,3 张，见 纪实/十一月党员大会_2026-11-27_照片1.jpg 等"
}

case_meeting_without_photos_has_a_header_only_photos_csv() {
  branch
  mkdir out
  dir=$(export_to out)
  expect_eq "header only" 1 "$(grep -c . "$dir/photos.csv")"
  expect_eq "no photo files" "" "$(ls "$dir/纪实" | grep 照片 || true)"
  expect_contains "sheet says none" "$(pdftotext "$dir/纪实/十一月党员大会_2026-11-27.pdf" -)" "支部书记"
  expect_not_contains "no photo section" "$(pdftotext "$dir/纪实/十一月党员大会_2026-11-27.pdf" -)" "会议影像"
}

case_a_damaged_photo_on_the_kiosk_is_left_out_and_said() {
  branch
  s1=$(photo c.db "$M" 1 800 600)
  s2=$(photo c.db "$M" 2 800 600)
  printf 'x' >> "photos/$s1.jpg"
  mkdir out
  dir=$(export_to out)
  expect_contains "said" "$(cat err.txt)" "有 1 张照片的文件在签到机上已损坏或丢失"
  expect_eq "the sound one carried as 照片1" "$s2" "$(sha "$dir/纪实/十一月党员大会_2026-11-27_照片1.jpg")"
  expect_not_contains "the damaged one not listed" "$(cat "$dir/photos.csv")" "$s1"
}

# The office: merged twice, and from a second export that carries the same pictures again,
# each picture is one file and each photo one row; a deletion on the kiosk arrives.
case_merge_keeps_each_photo_once() {
  mkdir kiosk office
  cd kiosk
  branch
  s1=$(photo c.db "$M" 1 800 600)
  s2=$(photo c.db "$M" 2 800 600)
  mkdir out
  e1=$PWD/$(export_to out)
  cd ..
  out=$("$KIOSKCTL" --db office/o.db --now "2026-11-27 13:00" merge --into office/o.db "$e1")
  expect_contains "counted" "$out" "照片 2 条记录（新存照片文件 2 个）"
  out=$("$KIOSKCTL" --db office/o.db --now "2026-11-27 13:00" merge --into office/o.db "$e1")
  expect_contains "nothing new the second time" "$out" "新存照片文件 0 个"
  expect_eq "one file per photo" "$(printf '%s\n' "$s1.jpg" "$s2.jpg" | sort)" "$(ls office/photos | sort)"
  expect_eq "the files are the pictures" "$s1" "$(sha "office/photos/$s1.jpg")"
  expect_eq "rows" "2|0" "$(sqlite3 office/o.db "select count(*), sum(deleted) from office_photos")"
  expect_eq "rows name the meeting" 2 "$(sqlite3 office/o.db "select count(*) from office_photos p join office_meetings m on m.uuid = p.meeting_uuid")"
  # The kiosk deletes one photo; the next export (only what is new) carries the deletion.
  sqlite3 kiosk/c.db "update meeting_photos set deleted_at = '2026-11-27 12:30:00', updated_at = '2026-11-27 12:30:00' where sha256 = '$s2'"
  cd kiosk
  e2=$PWD/$("$KIOSKCTL" --db c.db --now "2026-11-27 12:40" export --to out --new 2>/dev/null)
  cd ..
  expect_contains "the new export lists the deletion" "$(cat "$e2/photos.csv")" "$s2,800,600,是"
  "$KIOSKCTL" --db office/o.db --now "2026-11-27 13:00" merge --into office/o.db "$e2" "$e1" >/dev/null
  expect_eq "marked deleted, not copied, even with the older export after it" "2|1" \
    "$(sqlite3 office/o.db "select count(*), sum(deleted) from office_photos")"
  expect_eq "still one file per photo" 2 "$(ls office/photos | wc -l)"

  # The quarter's report: 纪实完整 and 有影像 per branch.
  "$KIOSKCTL" --db office/o.db report --quarter 2026Q4 --out report.xlsx >/dev/null
  HOME=$T_DIR timeout 180 soffice --headless --norestore \
    --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' \
    report.xlsx >lo.log 2>&1 || fail "LibreOffice could not read the report: $(cat lo.log)"
  expect_contains "header" "$(cat report-三会一课.csv)" "纪实完整 / 已开,有影像 / 已开"
  expect_contains "branch row" "$(grep 第一党支部 report-三会一课.csv)" "1 / 1,1 / 1"
  # Every photo of the meeting deleted: no longer a meeting with photos.
  sqlite3 office/o.db "update office_photos set deleted = 1"
  "$KIOSKCTL" --db office/o.db report --quarter 2026Q4 --out report2.xlsx >/dev/null
  HOME=$T_DIR timeout 180 soffice --headless --norestore \
    --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' \
    report2.xlsx >lo.log 2>&1 || fail "LibreOffice could not read the report: $(cat lo.log)"
  expect_contains "deleted photos do not count" "$(grep 第一党支部 report2-三会一课.csv)" "1 / 1,0 / 1"
}

office_state() {
  sqlite3 office/o.db "select * from office_photos; select * from office_meetings; select count(*) from office_exports" 2>&1 || true
  ls office/photos 2>&1 || true
}

# A changed picture is refused, naming the file, and the office is left as it was: whether the
# manifest still has the old checksum, or was edited to match the new bytes.
case_a_changed_photo_is_refused() {
  mkdir kiosk office
  cd kiosk
  branch
  s1=$(photo c.db "$M" 1 800 600)
  photo c.db "$M" 2 800 600 >/dev/null
  mkdir out
  e1=$PWD/$(export_to out)
  cd ..
  "$KIOSKCTL" --db office/o.db init --name 街道 >/dev/null
  cp -r "$e1" bad
  "$MKDOC" photo 800 600 250 bad/纪实/十一月党员大会_2026-11-27_照片2.jpg
  before=$(office_state)
  expect_fail "$KIOSKCTL" --db office/o.db --now "2026-11-27 13:00" merge --into office/o.db bad
  expect_contains "names the file" "$ERR" "bad/纪实/十一月党员大会_2026-11-27_照片2.jpg 与导出清单不符"
  expect_eq "office unchanged" "$before" "$(office_state)"
  # The manifest made to agree with the new bytes: the name (photos.csv's sha256) still does not.
  new=$(sha bad/纪实/十一月党员大会_2026-11-27_照片2.jpg)
  bytes=$(stat -c %s bad/纪实/十一月党员大会_2026-11-27_照片2.jpg)
  python3 - "$new" "$bytes" <<'EOF'
import json, sys
m = json.load(open('bad/manifest.json'))
f = m['files']['纪实/十一月党员大会_2026-11-27_照片2.jpg']
f['sha256'], f['bytes'] = sys.argv[1], int(sys.argv[2])
json.dump(m, open('bad/manifest.json', 'w'), ensure_ascii=False, indent=2)
EOF
  expect_fail "$KIOSKCTL" --db office/o.db --now "2026-11-27 13:00" merge --into office/o.db bad
  expect_contains "names the file" "$ERR" "十一月党员大会_2026-11-27_照片2.jpg 的内容与它在 photos.csv 里的 sha256 不符"
  expect_eq "office unchanged" "$before" "$(office_state)"
  # A good folder in the same batch is refused with it.
  expect_fail "$KIOSKCTL" --db office/o.db --now "2026-11-27 13:00" merge --into office/o.db "$e1" bad
  expect_eq "the whole batch refused" "$before" "$(office_state)"
  [ ! -e "office/photos/$s1.jpg" ] || fail "a picture of a refused batch was kept"
  # The untouched export merges.
  "$KIOSKCTL" --db office/o.db --now "2026-11-27 13:00" merge --into office/o.db "$e1" >/dev/null
  expect_eq "merged" 2 "$(ls office/photos | wc -l)"
}

# stick SIZE_MB: an exFAT image mounted at ./stick (as records.sh and export.sh do).
stick() {
  dd if=/dev/zero of=stick.img bs=1M count="$1" 2>/dev/null
  mkfs.exfat stick.img >/dev/null 2>&1 || fail "mkfs.exfat failed"
  LOOP=$(losetup -f --show stick.img) || fail "cannot attach a loop device"
  echo "$LOOP" > loop.dev
  mkdir -p stick
  mount.exfat-fuse "$LOOP" stick >/dev/null 2>&1 || fail "cannot mount the exFAT image"
  trap stick_out EXIT
}
stick_out() {
  fusermount -u stick 2>/dev/null || umount stick 2>/dev/null
  [ -f loop.dev ] && losetup -d "$(cat loop.dev)" 2>/dev/null
  rm -f loop.dev
}

case_stick_full_at_the_photos_leaves_no_half_export() {
  branch
  for i in 1 2 3 4; do photo c.db "$M" "$i" 2000 1500 >/dev/null; done
  mkdir out
  dir=$(export_to out)
  total_kb=$(du -sk --apparent-size "$dir" | cut -f1)
  photos_kb=$(cat "$dir"/纪实/*_照片*.jpg | wc -c | awk '{ print int($1 / 1024) }')
  [ "$photos_kb" -gt 1500 ] || fail "the photos are too small for this test: ${photos_kb} KB"
  # Room for everything but half the photos (and some for the file system's rounding).
  stick 12
  dd if=/dev/zero of=stick/filler.bin bs=4k 2>/dev/null || true
  free_kb=$((total_kb - photos_kb / 2 + 200))
  truncate -s "-${free_kb}K" stick/filler.bin
  before=$(sqlite3 c.db "select count(*) from exports; select count(*) from audit_log")
  expect_fail "$KIOSKCTL" --db c.db --now "2026-11-27 12:00" export --to stick
  expect_contains "message" "$ERR" "U 盘空间不够"
  expect_contains "it was a photo" "$ERR" "照片"
  ls stick | grep -q 签到记录 && fail "a folder was left under its final name"
  ls -a stick | grep -q '导出中' && fail "the temporary folder was not cleaned up: $(ls -aR stick)"
  expect_eq "database unchanged" "$before" "$(sqlite3 c.db "select count(*) from exports; select count(*) from audit_log")"
  # With room again, the same export goes through.
  rm stick/filler.bin
  "$KIOSKCTL" --db c.db --now "2026-11-27 12:00" export --to stick >/dev/null 2>&1 || fail "the export with room failed"
  expect_eq "four photos on the stick" 4 "$(ls stick/*/纪实/ | grep -c 照片)"
}

# 打印空白签到表 from the staff screen onto a stick with no room for it: the screen says so in
# words, and no sheet (nor a temporary file) is left; with room, the same taps write it.
case_blank_sheet_on_a_full_stick_from_the_screen() {
  # usb_root is a folder whose only sub-folder is the mounted stick (the case stays in it, so
  # stick_out finds the mount when the case ends).
  mkdir usb
  cd usb
  "$KIOSKCTL" --db "$T_DIR/t.db" --now "2026-11-27 09:20" init --demo >/dev/null
  "$KIOSKCTL" --db "$T_DIR/t.db" settings set usb_root "$PWD" >/dev/null
  "$KIOSKCTL" --db "$T_DIR/t.db" settings set usb_accept_folders 1 >/dev/null
  stick 8
  dd if=/dev/zero of=stick/filler.bin bs=4k 2>/dev/null || true
  truncate -s -8K stick/filler.bin
  printf '%s\n' "tap-text 幸福里社区" "tap-text 幸福里社区" "tap-text 幸福里社区" "tap-text 幸福里社区" \
    "tap-text 幸福里社区" "type 246810" "key Return" "tap-text 导出" "tap-text 打印空白签到表" \
    "tap-text 第一党支部党员大会" "sleep 3000" > ../sheet.replay
  cp ../sheet.replay ../full.replay
  printf '%s\n' "expect-text 签到表没有写好" "expect-text U 盘空间不够" "snap full" >> ../full.replay
  SDL_VIDEODRIVER=dummy "$KIOSK" --db "$T_DIR/t.db" --now "2026-11-27 09:20" --window 1280x800 \
    --replay ../full.replay --snapshot-dir ../snaps 2>../kiosk.err || fail "replay: $(cat ../kiosk.err)"
  expect_eq "no sheet left on the stick" "filler.bin" "$(ls -A stick)"
  expect_eq "nothing audited" 0 "$(sqlite3 "$T_DIR/t.db" "select count(*) from audit_log where action = '打印空白签到表'")"
  rm stick/filler.bin
  cp ../sheet.replay ../room.replay
  printf '%s\n' "expect-text 签到表已写到 U 盘，可以安全拔出 U 盘" >> ../room.replay
  SDL_VIDEODRIVER=dummy "$KIOSK" --db "$T_DIR/t.db" --now "2026-11-27 09:20" --window 1280x800 \
    --replay ../room.replay --snapshot-dir ../snaps 2>../kiosk.err || fail "replay: $(cat ../kiosk.err)"
  expect_contains "with room, written" "$(pdftotext stick/签到表_第一党支部党员大会_2026-11-27.pdf -)" "签名"
}

for c in export_carries_the_photos_and_photos_csv meeting_without_photos_has_a_header_only_photos_csv \
         a_damaged_photo_on_the_kiosk_is_left_out_and_said merge_keeps_each_photo_once \
         a_changed_photo_is_refused stick_full_at_the_photos_leaves_no_half_export \
         blank_sheet_on_a_full_stick_from_the_screen; do
  run_case "$c" "case_$c"
done
t_done
