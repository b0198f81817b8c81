#!/bin/sh
# Meeting records (会议纪实) through kioskctl: a record checked against the roster, the quorum
# and who may vote, refusals that leave the database unchanged, the blank paper sign-in sheet,
# and the ticked names entered afterwards as 纸质补录.
. "$(dirname "$0")/../lib.sh"

# A small branch: five 正式 and one 预备, a voting 支部党员大会 at 09:00 where members 1, 2, 3
# (正式) and 6 (预备) signed in; member 5 asked for leave.
branch() {
  k() { "$KIOSKCTL" --db c.db --now "2026-11-27 08:00" "$@"; }
  k init --name 测试社区 >/dev/null
  for n in 甲一 甲二 甲三 甲四 甲五; do k members add --name "$n" --branch 第一党支部 >/dev/null; done
  k members add --name 乙六 --branch 第一党支部 --status 预备 >/dev/null
  M=$(k meetings add --kind 支部党员大会 --title 十一月党员大会 --branch 第一党支部 \
    --start "2026-11-27 09:00" --end "2026-11-27 11:00" --vote --place 活动室)
  k leave add "$M" 5 --reason 住院 >/dev/null
  for i in 1 2 3 6; do "$KIOSKCTL" --db c.db --now "2026-11-27 09:05" checkin "$M" "$i" >/dev/null; done
}
rec() { "$KIOSKCTL" --db c.db --now "2026-11-27 10:30" meetings record "$@"; }
snapshot() { sqlite3 c.db "select * from meeting_records; select id, host, recorder, topic, updated_at from meetings; select count(*) from audit_log"; }

case_record_is_saved_and_shown() {
  branch
  out=$(rec "$M" --host 甲一 --recorder 甲二 --topic 学习党的二十届三中全会精神 --topic 讨论发展党员 \
    --content 传达学习了全会精神。 --decision 同意接收乙六为预备党员 --for 3 --against 0 --abstain 0)
  expect_eq "saved" "已保存会议纪实" "$out"
  out=$(rec "$M")
  expect_contains "host" "$out" "主持人：甲一"
  expect_contains "second topic" "$out" "议题 2：讨论发展党员"
  expect_contains "votes" "$out" "赞成 3 票，反对 0 票，弃权 0 票，通过"
  expect_contains "quorum" "$out" "应到 6 人，有表决权 5 人，实到 4 人（其中预备党员 1 人），请假 1 人，超过半数，会议有效"
  expect_contains "complete" "$out" "纪实完整"
  expect_eq "the meeting carries host, recorder and topics" "甲一|甲二|学习党的二十届三中全会精神；讨论发展党员" \
    "$(sqlite3 c.db "select host, recorder, topic from meetings where id = $M")"
  expect_eq "host and recorder are roster members" "1|2" \
    "$(sqlite3 c.db "select host_id, recorder_id from meeting_records")"
  expect_eq "audited" 1 "$(sqlite3 c.db "select count(*) from audit_log where action = '填写会议纪实'")"
  # Given again, only what is given changes.
  rec "$M" --content 改过的内容 >/dev/null
  expect_eq "kept the rest" "甲一|改过的内容|3" "$(sqlite3 c.db "select host, content, votes_for from meeting_records")"
  expect_eq "still one record" 1 "$(sqlite3 c.db "select count(*) from meeting_records")"
}

case_record_without_votes_is_incomplete_for_a_voting_meeting() {
  branch
  out=$(rec "$M" --host 甲一 --recorder 甲二 --topic 学习 --decision 会后走访)
  expect_contains "says what is missing" "$out" "还缺票数"
  expect_contains "shown incomplete" "$(rec "$M")" "纪实还不完整"
}

# Every refusal names the problem, exits non-zero and changes nothing.
refused() {
  want=$1; shift
  before=$(snapshot)
  expect_fail "$KIOSKCTL" --db c.db --now "2026-11-27 10:30" meetings record "$@"
  expect_contains "message for $*" "$ERR" "$want"
  expect_eq "database unchanged after $*" "$before" "$(snapshot)"
}

case_refusals_leave_the_database_unchanged() {
  branch
  refused "多于到会有表决权的 3 人" "$M" --host 甲一 --recorder 甲二 --topic 学习 --for 3 --against 1
  refused "多于到会有表决权的 3 人" "$M" --host 甲一 --recorder 甲二 --topic 学习 --for 4
  refused "主持人“无名氏”不在党员名单中" "$M" --host 无名氏 --recorder 甲二 --topic 学习
  refused "记录人“张三”不在党员名单中" "$M" --host 甲一 --recorder 张三 --topic 学习
  refused "请至少填写一个议题" "$M" --host 甲一 --recorder 甲二
  refused "请填写主持人" "$M" --recorder 甲二 --topic 学习
  refused "议题不能是空的" "$M" --host 甲一 --recorder 甲二 --topic "  "
  refused "请写 0 或正整数" "$M" --host 甲一 --recorder 甲二 --topic 学习 --for -1
  refused "请写 0 或正整数" "$M" --host 甲一 --recorder 甲二 --topic 学习 --for 两票
  refused "没有编号为 99 的会议" 99 --host 甲一 --recorder 甲二 --topic 学习
  # A second record refused after a good one leaves the good one as it was.
  rec "$M" --host 甲一 --recorder 甲二 --topic 学习 --for 2 >/dev/null
  refused "多于到会有表决权的 3 人" "$M" --for 2 --against 2
  # A member who left the roster cannot host.
  "$KIOSKCTL" --db c.db --now "2026-11-27 10:00" members deactivate 4 >/dev/null
  refused "不在党员名单中" "$M" --host 甲四
  # Two members of one name: the number is needed.
  "$KIOSKCTL" --db c.db --now "2026-11-27 10:00" members add --name 甲一 --branch 第二党支部 >/dev/null
  refused "请用党员编号指定主持人" "$M" --host 甲一
  rec "$M" --host 1 >/dev/null
}

case_votes_refused_without_quorum_or_vote() {
  branch
  k() { "$KIOSKCTL" --db c.db --now "2026-11-27 08:00" "$@"; }
  lecture=$(k meetings add --kind 党课 --title 党课 --start "2026-11-27 14:00" --end "2026-11-27 15:00")
  refused "不是表决或选举的会议" "$lecture" --host 甲一 --recorder 甲二 --topic 学习 --for 1
  small=$(k meetings add --kind 支部党员大会 --title 补选大会 --branch 第一党支部 \
    --start "2026-11-27 14:00" --end "2026-11-27 15:00" --election)
  "$KIOSKCTL" --db c.db --now "2026-11-27 14:00" checkin "$small" 1 >/dev/null
  refused "不能选举" "$small" --host 甲一 --recorder 甲二 --topic 补选委员 --for 1
  # Without counts a record of a meeting short of its quorum is kept, and says so.
  rec "$small" --host 甲一 --recorder 甲二 --topic 补选委员 --content 人数不足，改期 >/dev/null
  expect_contains "statement" "$(rec "$small")" "未超过五分之四，不能进行选举"
}

case_blank_sheet_lists_everyone_expected() {
  branch
  out=$("$KIOSKCTL" --db c.db meetings sheet "$M" --out sheet.pdf)
  expect_eq "prints the file" "sheet.pdf" "$out"
  text=$(pdftotext -layout sheet.pdf -)
  for n in 甲一 甲二 甲三 甲四 甲五 乙六; do expect_contains "name $n" "$text" "$n"; done
  expect_contains "signature column" "$text" "签名"
  expect_contains "leave known before" "$text" "已请假：住院"
  expect_contains "A4" "$(pdfinfo sheet.pdf)" "595.28 x 841.89 pts (A4)"
  expect_fail "$KIOSKCTL" --db c.db meetings sheet "$M" --out nowhere/sheet.pdf
  [ ! -e nowhere ] || fail "no folder must be made"
}

case_paper_names_are_entered_with_who_entered_them() {
  branch
  out=$("$KIOSKCTL" --db c.db --now "2026-11-27 12:00" meetings paper "$M" 4,1 --by 王干事)
  expect_contains "counts" "$out" "已补录 1 人（纸质补录，录入人 王干事）；1 人此前已签到"
  expect_eq "stored as paper, at the meeting's start, with who" "paper|2026-11-27 09:00:00|王干事|2026-11-27 12:00:00" \
    "$(sqlite3 c.db "select method, checked_at, entered_by, created_at from attendance where member_id = 4")"
  expect_contains "shown" "$("$KIOSKCTL" --db c.db attendance "$M")" "纸质补录"
  expect_eq "the touch sign-in untouched" "staff" "$(sqlite3 c.db "select method from attendance where member_id = 1")"
  # One unknown member refuses the whole list.
  before=$(sqlite3 c.db "select count(*) from attendance")
  expect_fail "$KIOSKCTL" --db c.db --now "2026-11-27 12:00" meetings paper "$M" 5 77
  expect_eq "all or nothing" "$before" "$(sqlite3 c.db "select count(*) from attendance")"
  expect_fail "$KIOSKCTL" --db c.db --now "2026-11-27 08:00" meetings paper "$M" 5
  expect_contains "not yet" "$ERR" "还没有开始"
}

case_migration_keeps_old_sign_ins() {
  # A database made before records (schema 4, built from the migrations as they were) opens
  # with its sign-ins intact, and the new method is accepted while others stay refused.
  for f in "$TOP"/db/00[1-4]_*.sql; do sqlite3 old.db < "$f"; done
  sqlite3 old.db "pragma user_version = 4;
    insert into settings values ('kiosk_id', 'old-01'), ('community_name', '旧社区');
    insert into branches values (1, 'b1', 'old-01', '第一党支部', 1, '2026-01-01 00:00:00');
    insert into members (id, uuid, kiosk_id, name, branch_id, created_at, updated_at)
      values (1, 'm1', 'old-01', '甲一', 1, '2026-01-01', '2026-01-01'), (2, 'm2', 'old-01', '甲二', 1, '2026-01-01', '2026-01-01');
    insert into meetings (id, uuid, kiosk_id, kind, title, branch_id, start_at, end_at, created_at, updated_at)
      values (1, 'mt1', 'old-01', '支部党员大会', '旧会议', 1, '2026-11-01 09:00:00', '2026-11-01 11:00:00', '2026-01-01', '2026-01-01');
    insert into attendance (uuid, kiosk_id, meeting_id, member_id, method, checked_at, created_at, updated_at)
      values ('a1', 'old-01', 1, 1, 'touch', '2026-11-01 09:03:00', '2026-11-01 09:03:00', '2026-11-01 09:03:00');"
  before=$(sqlite3 old.db "select * from attendance")
  out=$("$KIOSKCTL" --db old.db attendance 1)
  expect_contains "old sign-in shown" "$out" "触屏"
  newest=$(ls "$TOP"/db/[0-9][0-9][0-9]_*.sql | sed 's,.*/0*\([0-9]*\)_.*,\1,' | sort -n | tail -1)
  expect_eq "schema" "$newest" "$(sqlite3 old.db 'pragma user_version')"
  cols="id, uuid, kiosk_id, meeting_id, member_id, method, checked_at, undone_at, created_at, updated_at"
  expect_eq "sign-ins kept" "$before|" "$(sqlite3 old.db "select $cols, entered_by from attendance")"
  sqlite3 old.db "insert into attendance (uuid, kiosk_id, meeting_id, member_id, method, checked_at, created_at, updated_at)
    values ('x', 'k', 1, 2, 'fax', '', '', '')" 2>/dev/null && fail "the method check must hold"
  "$KIOSKCTL" --db old.db --now "2026-11-02 09:00" meetings paper 1 2 --by 王干事 >/dev/null
  expect_eq "paper accepted" "paper|王干事" "$(sqlite3 old.db "select method, entered_by from attendance where member_id = 2")"
  "$KIOSKCTL" --db old.db check >/dev/null || fail "check after migration"
}

sha() { sha256sum "$1" | cut -d' ' -f1; }

recorded() {
  branch
  rec "$M" --host 甲一 --recorder 甲二 --topic 学习党的二十届三中全会精神 --topic 讨论发展党员 \
    --content 传达学习了全会精神，大家结合实际谈了体会。 --decision 同意接收乙六为预备党员 \
    --for 3 --against 0 --abstain 0 >/dev/null
}

case_export_holds_the_record_sheet_and_pdf() {
  recorded
  mkdir out
  dir=$("$KIOSKCTL" --db c.db --now "2026-11-27 12:00" export --to out 2>err.txt)
  expect_contains "summary" "$(cat err.txt)" "会议纪实 1 份"
  pdf="$dir/纪实/十一月党员大会_2026-11-27.pdf"
  [ -f "$pdf" ] || fail "no PDF: $(ls -R "$dir")"
  expect_eq "manifest hash of the PDF" "$(sha "$pdf")" \
    "$(sed -n '/"纪实\/十一月党员大会_2026-11-27.pdf"/,/}/p' "$dir/manifest.json" | sed -n 's/.*"sha256": "\(.*\)".*/\1/p')"
  expect_eq "manifest hash of records.csv" "$(sha "$dir/records.csv")" \
    "$(sed -n '/"records.csv"/,/}/p' "$dir/manifest.json" | sed -n 's/.*"sha256": "\(.*\)".*/\1/p')"
  expect_contains "A4" "$(pdfinfo "$pdf")" "595.28 x 841.89 pts (A4)"
  text=$(pdftotext -layout "$pdf" - | tr -s ' ')
  for n in 甲一 甲二 甲三 甲四 甲五 乙六; do expect_contains "name $n" "$text" "$n"; done
  expect_contains "quorum statement" "$(pdftotext "$pdf" - | tr -d ' \n')" "应到6人，有表决权5人，实到4人（其中预备党员1人），请假1人，超过半数，会议有效"
  expect_contains "signature column" "$text" "签名"
  expect_contains "secretary's line" "$text" "支部书记（签名）"
  expect_contains "leave with its reason" "$text" "甲五（住院）"
  expect_contains "topics" "$text" "2. 讨论发展党员"
  expect_contains "votes" "$text" "赞成 3 票，反对 0 票，弃权 0 票，通过"
  expect_contains "records.csv row" "$(cat "$dir/records.csv")" ",甲一,甲二,"
  # LibreOffice opens the workbook and finds the 纪实 sheet beside the 签到表.
  cp "$dir/签到表.xlsx" book.xlsx
  HOME=$T_DIR timeout 180 soffice --headless --norestore \
    --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' \
    book.xlsx >lo.log 2>&1 || fail "LibreOffice could not convert the workbook: $(cat lo.log)"
  sheet=$(ls book-*纪实*.csv) || fail "no 纪实 sheet: $(ls)"
  expect_contains "host" "$(cat "$sheet")" "主持人,甲一"
  expect_contains "statement" "$(cat "$sheet")" "超过半数，会议有效"
  expect_contains "secretary" "$(cat "$sheet")" "支部书记签名"
  ls book-*十一月党员大会.csv >/dev/null || fail "the 签到表 sheet is still there"
}

case_export_without_records_has_an_empty_records_csv() {
  branch
  mkdir out
  dir=$("$KIOSKCTL" --db c.db --now "2026-11-27 12:00" export --to out 2>/dev/null)
  expect_eq "header only" 1 "$(wc -l < "$dir/records.csv")"
  [ ! -e "$dir/纪实" ] || fail "no 纪实 folder without records"
}

# stick SIZE_MB: an exFAT image mounted at ./stick (as tests/cli/export.sh does).
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

case_stick_full_at_the_pdf_leaves_no_half_export() {
  recorded
  # Everything but the PDF fits: the export fails while writing the 纪实 PDF.
  mkdir out
  dir=$("$KIOSKCTL" --db c.db --now "2026-11-27 12:00" export --to out 2>/dev/null)
  pdf_kb=$(( $(stat -c %s "$dir"/纪实/*.pdf) / 1024 ))
  stick 8
  dd if=/dev/zero of=stick/photos.bin bs=4k 2>/dev/null || true
  truncate -s "-$((pdf_kb / 2 + 64))K" stick/photos.bin
  before=$(sqlite3 c.db "select count(*) from exports; select count(*) from audit_log")
  expect_fail "$KIOSKCTL" --db c.db --now "2026-11-27 12:00" export --to stick
  expect_contains "message" "$ERR" "U 盘空间不够"
  expect_contains "it was the PDF" "$ERR" "十一月党员大会_2026-11-27.pdf"
  ls stick | grep -q 签到记录 && fail "a folder was left under its final name"
  ls -a stick | grep -q '导出中' && fail "the temporary folder was not cleaned up: $(ls -aR stick)"
  expect_eq "database unchanged" "$before" "$(sqlite3 c.db "select count(*) from exports; select count(*) from audit_log")"
}

case_merge_carries_records_once_and_report_counts_them() {
  "$KIOSKCTL" --db a.db --now "2026-11-27 09:20" init --demo >/dev/null
  # Two of the first branch's meetings recorded; one of them fully.
  "$KIOSKCTL" --db a.db --now "2026-11-27 09:30" meetings record 36 --host 1 --recorder 2 \
    --topic 研究发展党员工作 --decision 确定两名入党积极分子 >/dev/null
  "$KIOSKCTL" --db a.db --now "2026-11-27 09:30" meetings record 37 --host 1 --recorder 2 \
    --topic 学习党章 >/dev/null
  mkdir out
  e1=$("$KIOSKCTL" --db a.db --now "2026-11-27 09:40" export --to out 2>/dev/null)
  out=$("$KIOSKCTL" --db office.db --now "2026-11-27 10:00" merge --into office.db "$e1")
  expect_contains "records merged" "$out" "会议纪实 2 条记录"
  "$KIOSKCTL" --db office.db --now "2026-11-27 10:00" merge --into office.db "$e1" >/dev/null
  expect_eq "merged twice: each record once" "2|1" \
    "$(sqlite3 office.db "select count(*), sum(complete) from office_records")"
  # A correction on the kiosk reaches the office with the next export.
  "$KIOSKCTL" --db a.db --now "2026-11-27 09:50" meetings record 37 --content 逐章学习 >/dev/null
  e2=$("$KIOSKCTL" --db a.db --now "2026-11-27 09:55" export --to out --new 2>/dev/null)
  "$KIOSKCTL" --db office.db --now "2026-11-27 10:00" merge --into office.db "$e2" >/dev/null
  expect_eq "corrected, not copied" "2|2" \
    "$(sqlite3 office.db "select count(*), sum(complete) from office_records")"
  # An export from before records (no records.csv in its manifest) still merges.
  mkdir old; cp "$e1"/*.csv "$e1"/manifest.json old/; rm old/records.csv
  python3 -c "import json,sys; m=json.load(open('old/manifest.json')); [m['files'].pop(k) for k in list(m['files']) if k not in ('attendance.csv','meetings.csv','leaves.csv','members.csv')]; json.dump(m, open('old/manifest.json','w'), ensure_ascii=False, indent=2)"
  "$KIOSKCTL" --db office.db --now "2026-11-27 10:00" merge --into office.db old >/dev/null || fail "an older export must merge"

  "$KIOSKCTL" --db office.db report --quarter 2026Q4 --out report.xlsx >/dev/null
  HOME=$T_DIR timeout 180 soffice --headless --norestore \
    --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' \
    report.xlsx >lo.log 2>&1 || fail "LibreOffice could not read the report: $(cat lo.log)"
  compliance=$(cat report-三会一课.csv)
  expect_contains "header" "$compliance" "是否达标,纪实完整 / 已开"
  held=$(sqlite3 office.db "select count(*) from office_meetings where cancelled = 0 and kind <> '志愿服务'
    and start_at >= '2026-10-01' and start_at < '2027-01-01' and branch in ('第一党支部', '')")
  expect_contains "branch 1 column" "$(grep 第一党支部 report-三会一课.csv)" "达标,2 / $held"
  order=$(cut -d, -f2 report-三会一课.csv | grep 党支部 | tr '\n' ' ')
  expect_eq "branches in counting order" "第一党支部 第二党支部 第三党支部 第四党支部 " "$order"
  order=$(cut -d, -f2 report-出勤率.csv | grep 党支部 | tr '\n' ' ')
  expect_eq "rates in counting order" "第一党支部 第二党支部 第三党支部 第四党支部 " "$order"
  # Printed through LibreOffice, each sheet is one page wide: every page carries the first
  # column's header, so no column fell onto a page of its own.
  HOME=$T_DIR timeout 180 soffice --headless --norestore --convert-to pdf report.xlsx >lo.log 2>&1 ||
    fail "LibreOffice could not print the report: $(cat lo.log)"
  pages=$(pdfinfo report.pdf | sed -n 's/^Pages: *//p')
  p=1
  while [ "$p" -le "$pages" ]; do
    pdftotext -f "$p" -l "$p" report.pdf page.txt
    grep -q 社区 page.txt || fail "page $p of $pages has no 社区 column: a sheet is wider than a page"
    p=$((p + 1))
  done
  [ "$pages" -le 4 ] || fail "the report takes $pages pages for one community"
}

for c in record_is_saved_and_shown record_without_votes_is_incomplete_for_a_voting_meeting \
         refusals_leave_the_database_unchanged votes_refused_without_quorum_or_vote \
         blank_sheet_lists_everyone_expected paper_names_are_entered_with_who_entered_them \
         migration_keeps_old_sign_ins export_holds_the_record_sheet_and_pdf \
         export_without_records_has_an_empty_records_csv stick_full_at_the_pdf_leaves_no_half_export \
         merge_carries_records_once_and_report_counts_them; do
  run_case "$c" "case_$c"
done
t_done
