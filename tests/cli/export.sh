#!/bin/sh
# Export to a USB stick and the office's merge, on real file systems: an exFAT image mounted
# through a loop device and exfat-fuse (what a kiosk's stick is), FAT names checked by mtools,
# and the workbook read back by LibreOffice.
. "$(dirname "$0")/../lib.sh"

NOW="2026-11-27 09:20"
LATER="2026-11-27 09:40"

demo() {
  db=${1:-k.db}
  [ $# -gt 0 ] && shift
  "$KIOSKCTL" --db "$db" --now "$NOW" init --demo "$@" >/dev/null
}

# stick SIZE_MB [ro]: make and mount an exFAT stick at ./stick; stick_out removes it.
stick() {
  dd if=/dev/zero of=stick.img bs=1M count="$1" 2>/dev/null
  mkfs.exfat stick.img >/dev/null 2>&1 || fail "mkfs.exfat failed"
  LOOP=$(losetup -f --show stick.img) || fail "cannot attach a loop device (the tests need root and /dev/loop-control)"
  echo "$LOOP" > loop.dev
  mkdir -p stick
  mount.exfat-fuse ${2:+-o ro} "$LOOP" stick >/dev/null 2>&1 || fail "cannot mount the exFAT image with exfat-fuse"
  trap stick_out EXIT
}
stick_out() {
  fusermount -u stick 2>/dev/null || umount stick 2>/dev/null
  [ -f loop.dev ] && losetup -d "$(cat loop.dev)" 2>/dev/null
  rm -f loop.dev
}

sha() { sha256sum "$1" | cut -d' ' -f1; }
json_field() { sed -n "/\"$2\"/,/}/p" "$1" | sed -n "s/.*\"$3\": \"\\{0,1\\}\([^\",]*\).*/\1/p" | head -n 1; }

case_export_writes_checked_files_onto_exfat_stick() {
  demo; stick 16
  out=$("$KIOSKCTL" --db k.db --now "$LATER" export --to stick 2>err.txt)
  expect_contains "folder printed" "$out" "stick/幸福里社区_签到记录_20261127-0940"
  expect_contains "safe to pull" "$(cat err.txt)" "可以安全拔出"
  dir=$out
  for f in attendance.csv meetings.csv leaves.csv members.csv 回访名单.csv 签到表.xlsx manifest.json; do
    [ -s "$dir/$f" ] || fail "$f missing"
  done
  for f in attendance.csv meetings.csv leaves.csv members.csv 回访名单.csv 签到表.xlsx; do
    expect_eq "sha256 of $f" "$(json_field "$dir/manifest.json" "$f" sha256)" "$(sha "$dir/$f")"
  done
  head -c 3 "$dir/attendance.csv" | od -An -tx1 | grep -q 'ef bb bf' || fail "CSV must start with a BOM"
  rows=$(($(wc -l < "$dir/attendance.csv") - 1))
  db=$(sqlite3 k.db "select (select count(*) from attendance) + (select count(*) from guests)")
  expect_eq "attendance rows" "$db" "$rows"
  expect_eq "manifest rows" "$db" "$(json_field "$dir/manifest.json" attendance.csv rows)"
  ls -a stick | grep -q '导出中' && fail "a temporary folder was left on the stick"
  # The names are ones FAT accepts: copy the folder onto a FAT image and list it back.
  dd if=/dev/zero of=fat.img bs=1M count=8 2>/dev/null
  mkfs.vfat fat.img >/dev/null
  MTOOLS_SKIP_CHECK=1 mcopy -s -i fat.img "$dir" ::/ || fail "mcopy refused the names"
  listing=$(mdir -i fat.img "::/$(basename "$dir")")
  expect_contains "FAT keeps the Chinese file name" "$listing" "签到表.xlsx"
  expect_contains "FAT keeps the folder" "$(mdir -i fat.img ::/)" "幸福里社区_签到记录_20261127-0940"
}

case_libreoffice_reads_the_workbook_as_the_database_says() {
  demo
  mkdir out
  dir=$("$KIOSKCTL" --db k.db --now "$LATER" export --to out 2>/dev/null)
  cp "$dir/签到表.xlsx" book.xlsx
  HOME=$T_DIR timeout 180 soffice --headless --norestore \
    --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' \
    book.xlsx >lo.log 2>&1 || fail "LibreOffice could not convert the workbook: $(cat lo.log)"
  sheets=$(ls book-*.csv | wc -l)
  meetings=$(sqlite3 k.db "select count(*) from meetings where start_at <= '2026-11-27 09:40:00'")
  expect_eq "a sheet per meeting and the summary" "$((meetings + 1))" "$sheets"
  id=$(sqlite3 k.db "select id from meetings where title = '第一党支部党员大会' and start_at like '2026-11-27%'")
  sheet=$(ls book-*第一党支部党员大会.csv | tail -n 1)
  expected=$("$KIOSKCTL" --db k.db attendance "$id" | sed -n 's/^应到 \([0-9]*\) 人，实到 \([0-9]*\) 人.*/\1 \2/p')
  grep -q "^应到,$(echo "$expected" | cut -d' ' -f1),实到,$(echo "$expected" | cut -d' ' -f2)（" "$sheet" ||
    fail "应到/实到 in the sheet do not match the database ($expected): $(sed -n 6p "$sheet")"
  # Every member who signed in appears with the time the database holds.
  sqlite3 -separator ' ' k.db "select m.name, substr(a.checked_at, 12, 5) from attendance a join members m on m.id = a.member_id
    where a.meeting_id = $id and a.undone_at is null" | while read -r name hhmm; do
    grep -q "^$name,[^,]*,$hhmm," "$sheet" || fail "$name $hhmm not in the sheet"
  done
  summary=$(ls book-党员出勤汇总.csv)
  expect_eq "summary rows" "$(sqlite3 k.db 'select count(*) from members where active = 1')" \
    "$(($(wc -l < "$summary") - 1))"
}

case_full_stick_leaves_nothing_and_changes_nothing() {
  demo; stick 8
  # Someone's photos fill the stick, all but 100 KB: the export fails part-way through.
  dd if=/dev/zero of=stick/photos.bin bs=64k 2>/dev/null || true
  truncate -s -100K stick/photos.bin
  before=$(sqlite3 k.db "select count(*) from exports; select count(*) from audit_log")
  expect_fail "$KIOSKCTL" --db k.db --now "$LATER" export --to stick
  expect_contains "message" "$ERR" "U 盘空间不够"
  ls stick | grep -q 签到记录 && fail "a folder was left under its final name"
  ls -a stick | grep -q '导出中' && fail "the temporary folder was not cleaned up"
  expect_eq "database unchanged" "$before" "$(sqlite3 k.db "select count(*) from exports; select count(*) from audit_log")"
}

case_read_only_stick_is_refused_clearly() {
  demo; stick 8 ro
  expect_fail "$KIOSKCTL" --db k.db --now "$LATER" export --to stick
  expect_contains "message" "$ERR" "只读"
  expect_eq "database unchanged" 0 "$(sqlite3 k.db 'select count(*) from exports')"
}

case_pulled_stick_is_refused_clearly() {
  demo; stick 8
  pkill -9 -f "mount.exfat-fuse $(cat loop.dev)" || fail "could not pull the stick"
  sleep 0.2
  expect_fail "$KIOSKCTL" --db k.db --now "$LATER" export --to stick
  expect_contains "message" "$ERR" "U 盘被拔出"
  expect_eq "database unchanged" 0 "$(sqlite3 k.db 'select count(*) from exports')"
}

case_merge_twice_and_overlapping_counts_nothing_twice() {
  demo a.db; demo b.db "--kiosk-id=demo-02"
  mkdir out
  e1=$("$KIOSKCTL" --db a.db --now "$LATER" export --to out 2>/dev/null)
  e2=$("$KIOSKCTL" --db b.db --now "$LATER" export --to out 2>/dev/null)
  "$KIOSKCTL" --db office.db --now "$LATER" merge --into office.db "$e1" "$e2" >/dev/null
  once=$(sqlite3 office.db "select count(*), sum(undone_at = '') from office_attendance; select sum(present) from office_meetings")
  out=$("$KIOSKCTL" --db office.db --now "$LATER" merge --into office.db "$e1" "$e2")
  expect_contains "repeat noticed" "$out" "其中 2 个以前合并过"
  expect_eq "merging again changes nothing" "$once" \
    "$(sqlite3 office.db "select count(*), sum(undone_at = '') from office_attendance; select sum(present) from office_meetings")"
  # A later export of kiosk A overlaps the first: everything again, plus one new sign-in.
  m=$(sqlite3 a.db "select id from meetings where title = '第一党支部党员大会' and start_at like '2026-11-27%'")
  who=$(sqlite3 a.db "select id from members where branch_id = 1 and id not in (select member_id from attendance where meeting_id = $m) and id not in (select member_id from leaves where meeting_id = $m) limit 1")
  "$KIOSKCTL" --db a.db --now "2026-11-27 09:45" checkin "$m" "$who" >/dev/null
  e3=$("$KIOSKCTL" --db a.db --now "2026-11-27 09:50" export --to out 2>/dev/null)
  "$KIOSKCTL" --db office.db --now "2026-11-27 09:55" merge --into office.db "$e3" >/dev/null
  expect_eq "one more sign-in, not a copy of the rest" \
    "$(( $(echo "$once" | head -n 1 | cut -d'|' -f1) + 1 ))" "$(sqlite3 office.db 'select count(*) from office_attendance')"
  uuid=$(sqlite3 a.db "select uuid from meetings where id = $m")
  expect_eq "the meeting's count follows the newer export" \
    "$(sqlite3 a.db "select count(*) from attendance a join expected e on e.meeting_id = a.meeting_id and e.member_id = a.member_id where a.meeting_id = $m and a.undone_at is null")" \
    "$(sqlite3 office.db "select present from office_meetings where uuid = '$uuid'")"
  # Merging the older export after the newer one does not roll the count back.
  "$KIOSKCTL" --db office.db --now "2026-11-27 10:00" merge --into office.db "$e1" >/dev/null
  expect_eq "older export does not win" \
    "$(sqlite3 a.db "select count(*) from attendance a join expected e on e.meeting_id = a.meeting_id and e.member_id = a.member_id where a.meeting_id = $m and a.undone_at is null")" \
    "$(sqlite3 office.db "select present from office_meetings where uuid = '$uuid'")"
}

case_undo_on_the_kiosk_reaches_the_office() {
  demo
  mkdir out
  m=$(sqlite3 k.db "select id from meetings where title = '第一党支部党员大会' and start_at like '2026-11-27%'")
  who=$(sqlite3 k.db "select member_id from attendance where meeting_id = $m limit 1")
  e1=$("$KIOSKCTL" --db k.db --now "$LATER" export --to out 2>/dev/null)
  "$KIOSKCTL" --db office.db merge --into office.db "$e1" >/dev/null
  uuid=$(sqlite3 k.db "select uuid from attendance where meeting_id = $m and member_id = $who")
  expect_eq "merged as valid" "" "$(sqlite3 office.db "select undone_at from office_attendance where uuid = '$uuid'")"
  sqlite3 k.db "update attendance set undone_at = '2026-11-27 09:45:00', updated_at = '2026-11-27 09:45:00' where uuid = '$uuid'"
  e2=$("$KIOSKCTL" --db k.db --now "2026-11-27 09:50" export --to out --new 2>/dev/null)
  rows=$(($(wc -l < "$e2/attendance.csv") - 1))
  [ "$rows" -ge 1 ] || fail "the undo must be in the new export"
  [ "$rows" -lt 50 ] || fail "--new exported everything again ($rows rows)"
  "$KIOSKCTL" --db office.db merge --into office.db "$e2" >/dev/null
  expect_eq "undone in the office" "2026-11-27 09:45:00" \
    "$(sqlite3 office.db "select undone_at from office_attendance where uuid = '$uuid'")"
}

case_tampered_export_is_refused_whole() {
  demo a.db; demo b.db "--kiosk-id=demo-02"
  mkdir out
  e1=$("$KIOSKCTL" --db a.db --now "$LATER" export --to out 2>/dev/null)
  e2=$("$KIOSKCTL" --db b.db --now "$LATER" export --to out 2>/dev/null)
  cp -r "$e2" bad
  # Someone "corrects" a time in Excel and saves.
  sed -i '0,/触屏/s//扫码/' bad/attendance.csv
  expect_fail "$KIOSKCTL" --db office.db merge --into office.db "$e1" bad
  expect_contains "file named" "$ERR" "bad/attendance.csv 与导出清单不符"
  expect_eq "office unchanged" 0 "$(sqlite3 office.db 'select count(*) from office_attendance')"
  # Truncated (a stick pulled while copying in the office).
  cp -r "$e2" cut
  head -c 1000 "$e2/meetings.csv" > cut/meetings.csv
  expect_fail "$KIOSKCTL" --db office.db merge --into office.db cut
  expect_contains "truncated file named" "$ERR" "cut/meetings.csv"
  rm cut/manifest.json
  expect_fail "$KIOSKCTL" --db office.db merge --into office.db cut
  expect_contains "missing manifest" "$ERR" "manifest.json"
  expect_eq "office still unchanged" 0 "$(sqlite3 office.db 'select count(*) from office_meetings')"
}

case_quarter_report_has_rates_and_compliance() {
  demo a.db
  mkdir out
  e1=$("$KIOSKCTL" --db a.db --now "$LATER" export --to out 2>/dev/null)
  "$KIOSKCTL" --db office.db merge --into office.db "$e1" >/dev/null
  "$KIOSKCTL" --db office.db report --quarter 2026Q4 --out report.xlsx >/dev/null
  HOME=$T_DIR timeout 180 soffice --headless --norestore \
    --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' \
    report.xlsx >lo.log 2>&1 || fail "LibreOffice could not read the report: $(cat lo.log)"
  rates=$(cat report-出勤率.csv)
  expect_contains "a branch row" "$rates" "幸福里社区,第一党支部"
  expect_contains "community-wide meetings" "$rates" "幸福里社区,全体党员"
  compliance=$(cat report-三会一课.csv)
  expect_contains "header" "$compliance" "社区,支部,支部党员大会,支委会,党小组会,党课,主题党日,是否达标"
  expect_contains "branch 1 counted" "$compliance" "幸福里社区,第一党支部,"
  held=$(sqlite3 office.db "select count(*) from office_meetings where kind = '主题党日' and start_at >= '2026-10-01' and start_at < '2027-01-01'")
  expect_contains "主题党日 held / required" "$compliance" ",$held / 3,"
}

case_fat_names_are_made_safe() {
  "$KIOSKCTL" --db k.db --now "$NOW" init --name 'A:B/C社区?' >/dev/null
  mkdir out
  dir=$("$KIOSKCTL" --db k.db --now "$LATER" export --to out 2>/dev/null)
  expect_eq "folder name" "out/A_B_C社区__签到记录_20261127-0940" "$dir"
}

# 回访名单.csv: the follow-up list as kioskctl shows it, the reason in words, 已联系 carried.
case_export_carries_the_followup_list() {
  demo; stick 16
  id=$("$KIOSKCTL" --db k.db --now "$LATER" followup list --csv | sed -n '2p' | cut -d, -f1 | tr -d '\357\273\277')
  "$KIOSKCTL" --db k.db --now "$LATER" followup contact "$id" --note "电话联系，下周来" --by 王主任 2>/dev/null
  dir=$("$KIOSKCTL" --db k.db --now "$LATER" export --to stick 2>/dev/null)
  f="$dir/回访名单.csv"
  listed=$(($("$KIOSKCTL" --db k.db --now "$LATER" followup list --csv | wc -l) - 1))
  expect_eq "rows as kioskctl lists" "$listed" "$(($(wc -l < "$f") - 1))"
  expect_eq "manifest rows" "$listed" "$(json_field "$dir/manifest.json" 回访名单.csv rows)"
  expect_contains "header" "$(head -n 1 "$f")" "党员编号,签到机,姓名,所属支部,中心户,户长,原因"
  expect_contains "the run rule, in words" "$(cat "$f")" "连续 3 次无故缺席：10月28日 党课"
  expect_contains "已联系 with its note" "$(cat "$f")" ",是,2026-11-27 09:40 王主任：电话联系，下周来,"
  uuid=$(sqlite3 k.db "select uuid from members where id = $id")
  expect_contains "member's UUID, as in members.csv" "$(grep "电话联系" "$f")" "$uuid"
  expect_not_contains "no phone numbers" "$(cat "$f")" "1388296"
}

# 迟到 and 签退 reach attendance.csv and, read by LibreOffice, the meeting's sheet.
case_late_and_signout_in_the_csv_and_the_workbook() {
  "$KIOSKCTL" --db s.db --now "2026-12-01 08:00" init >/dev/null
  a=$("$KIOSKCTL" --db s.db members add --name 张早到 --branch 第一党支部)
  b=$("$KIOSKCTL" --db s.db members add --name 李迟到 --branch 第一党支部)
  "$KIOSKCTL" --db s.db members add --name 王缺席 --branch 第一党支部 >/dev/null
  m=$("$KIOSKCTL" --db s.db meetings add --kind 主题党日 --title 十二月主题党日 \
        --start "2026-12-01 09:00" --end "2026-12-01 11:00" --signout)
  "$KIOSKCTL" --db s.db settings set late.主题党日 10 >/dev/null
  "$KIOSKCTL" --db s.db --now "2026-12-01 08:55" checkin "$m" "$a" --method touch >/dev/null
  "$KIOSKCTL" --db s.db --now "2026-12-01 09:20" checkin "$m" "$b" --method qr >/dev/null
  out=$("$KIOSKCTL" --db s.db --now "2026-12-01 10:00" signout "$m" "$b")
  expect_eq "early" "签退成功 10:00（早退）" "$out"
  "$KIOSKCTL" --db s.db --now "2026-12-01 11:05" signout "$m" "$a" >/dev/null
  mkdir out
  dir=$("$KIOSKCTL" --db s.db --now "2026-12-01 12:00" export --to out 2>/dev/null)
  csv=$(cat "$dir/attendance.csv")
  expect_contains "header" "$csv" "撤销时间,更新时间,迟到,签退时间,早退"
  expect_contains "on time, left after the end" "$(grep 张早到 "$dir/attendance.csv")" ",触屏,有效,,2026-12-01 11:05:00,,2026-12-01 11:05:00,"
  expect_contains "late, left early" "$(grep 李迟到 "$dir/attendance.csv")" ",迟到,2026-12-01 10:00:00,早退"
  cp "$dir/签到表.xlsx" book.xlsx
  HOME=$T_DIR timeout 180 soffice --headless --norestore \
    --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' \
    book.xlsx >lo.log 2>&1 || fail "LibreOffice could not convert the workbook: $(cat lo.log)"
  sheet=$(ls book-*十二月主题党日.csv)
  expect_contains "on time, 签退" "$(cat "$sheet")" "张早到,其他,08:55,触屏,,签退 11:05"
  expect_contains "迟到 and 早退" "$(cat "$sheet")" "李迟到,其他,09:20 迟到,扫码,,签退 10:00 早退"
  expect_contains "absent" "$(cat "$sheet")" "王缺席,其他,,,缺席,"
}

for c in export_writes_checked_files_onto_exfat_stick export_carries_the_followup_list late_and_signout_in_the_csv_and_the_workbook libreoffice_reads_the_workbook_as_the_database_says \
         full_stick_leaves_nothing_and_changes_nothing read_only_stick_is_refused_clearly \
         pulled_stick_is_refused_clearly merge_twice_and_overlapping_counts_nothing_twice \
         undo_on_the_kiosk_reaches_the_office tampered_export_is_refused_whole \
         quarter_report_has_rates_and_compliance fat_names_are_made_safe; do
  run_case "$c" "case_$c"
done
t_done
