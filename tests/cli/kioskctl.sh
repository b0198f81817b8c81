#!/bin/sh
# kioskctl against real database files: the commands staff and the office run.
. "$(dirname "$0")/../lib.sh"

NOW="2026-11-27 09:20"
demo() { "$KIOSKCTL" --db demo.db --now "$NOW" init --demo >/dev/null; }

case_demo_has_137_members_in_4_branches() {
  demo
  out=$("$KIOSKCTL" --db demo.db members list)
  expect_contains "footer" "$out" "共 137 名党员"
  n=$("$KIOSKCTL" --db demo.db members list --csv | tail -n +2 | wc -l)
  expect_eq "csv rows" 137 "$n"
  for b in 第一党支部 第二党支部 第三党支部 第四党支部; do
    expect_contains "branch $b" "$out" "$b"
  done
  retired=$("$KIOSKCTL" --db demo.db members list --csv | grep -c ',离退休,')
  expect_eq "retired" 85 "$retired"
  outside=$("$KIOSKCTL" --db demo.db members list --csv | grep -c ',辖区外,')
  expect_eq "outside the area" 54 "$outside"
}

case_init_refuses_existing_database() {
  demo
  expect_fail "$KIOSKCTL" --db demo.db init
  expect_contains "message" "$ERR" "已经存在"
}

case_missing_database_says_what_to_do() {
  expect_fail "$KIOSKCTL" --db nowhere.db members list
  expect_contains "message" "$ERR" "kioskctl init"
  [ ! -e nowhere.db ] || fail "a missing database must not be created by list"
}

case_not_a_database_is_refused() {
  echo "这不是数据库" > fake.db
  expect_fail "$KIOSKCTL" --db fake.db members list
  expect_contains "message" "$ERR" "不是签到机的数据库"
}

case_members_list_csv_imports_again_unchanged() {
  demo
  "$KIOSKCTL" --db demo.db members list --csv > roster.csv
  head -c 3 roster.csv | od -An -tx1 | grep -q 'ef bb bf' || fail "CSV must start with a BOM"
  head -1 roster.csv | grep -q '^.*编号,姓名,' || fail "编号 must be the first column"
  out=$("$KIOSKCTL" --db demo.db members import roster.csv)
  expect_contains "summary" "$out" "新增 0 人，更新 0 人，未变 137 人"
}

case_add_prints_id_alone_and_edit_changes() {
  "$KIOSKCTL" --db c.db init --name 测试社区 >/dev/null
  id=$("$KIOSKCTL" --db c.db members add --name 阿依古丽·买买提 --branch 第一党支部 --phone 13800001234)
  expect_eq "id alone" 1 "$id"
  "$KIOSKCTL" --db c.db members edit "$id" --phone 139-0000-5678 >/dev/null
  out=$("$KIOSKCTL" --db c.db members list --csv)
  expect_contains "edited phone" "$out" "13900005678"
  expect_contains "name with dot" "$out" "阿依古丽·买买提"
  expect_fail "$KIOSKCTL" --db c.db members add --name 张三
  expect_contains "required branch" "$ERR" "所属支部"
  audit=$(sqlite3 c.db "select action from audit_log order by id")
  expect_contains "audit" "$audit" "修改党员"
}

case_meeting_sign_in_leave_and_sheet() {
  "$KIOSKCTL" --db c.db init >/dev/null
  a=$("$KIOSKCTL" --db c.db members add --name 张三 --branch 第一党支部)
  b=$("$KIOSKCTL" --db c.db members add --name 李四 --branch 第一党支部 --status 预备党员)
  c=$("$KIOSKCTL" --db c.db members add --name 王五 --branch 第一党支部)
  d=$("$KIOSKCTL" --db c.db members add --name 赵六 --branch 第二党支部)
  m=$("$KIOSKCTL" --db c.db meetings add --kind 支部党员大会 --title 党员大会 --branch 第一党支部 \
        --start "2026-12-01 09:00" --end "2026-12-01 11:00" --vote)
  out=$("$KIOSKCTL" --db c.db --now "2026-12-01 08:50" checkin "$m" "$a" --method touch)
  expect_eq "first" "签到成功 08:50" "$out"
  out=$("$KIOSKCTL" --db c.db --now "2026-12-01 09:10" checkin "$m" "$a" --method touch)
  expect_eq "second" "已签到 08:50" "$out"
  "$KIOSKCTL" --db c.db --now "2026-12-01 08:55" checkin "$m" "$b" >/dev/null
  out=$("$KIOSKCTL" --db c.db --now "2026-12-01 08:56" checkin "$m" "$d")
  expect_contains "guest" "$out" "列席"
  "$KIOSKCTL" --db c.db leave add --meeting "$m" --member "$c" --reason 住院 >/dev/null
  csv=$("$KIOSKCTL" --db c.db attendance "$m" --csv)
  expect_contains "header" "$csv" "姓名,所属支部,党籍状态,状态,签到时间,方式"
  expect_contains "present" "$csv" "张三,第一党支部,正式,已签到,08:50,触屏"
  expect_contains "probationary" "$csv" "李四,第一党支部,预备,已签到,08:55,代签"
  expect_contains "leave" "$csv" "王五,第一党支部,正式,请假,,,住院"
  expect_contains "guest row" "$csv" "赵六,第二党支部,正式,列席"
  sheet=$("$KIOSKCTL" --db c.db attendance "$m")
  expect_contains "summary" "$sheet" "应到 3 人，实到 2 人（正式 1，预备 1），请假 1 人，缺席 0 人，列席 1 人"
  expect_contains "quorum" "$sheet" "需要至少 2 人，未达到人数"
  list=$("$KIOSKCTL" --db c.db meetings list --csv)
  expect_contains "meetings csv" "$list" "编号,类型,标题,支部,开始,结束,地点,应到,实到"
  expect_contains "meeting row" "$list" "支部党员大会,党员大会,第一党支部,2026-12-01 09:00,2026-12-01 11:00,,3,2"
}

case_bad_meeting_input_is_refused() {
  "$KIOSKCTL" --db c.db init >/dev/null
  expect_fail "$KIOSKCTL" --db c.db meetings add --kind 茶话会 --title x --start "2026-12-01 09:00" --end "2026-12-01 10:00"
  expect_contains "kind" "$ERR" "支部党员大会、支委会"
  expect_fail "$KIOSKCTL" --db c.db meetings add --kind 党课 --title x --start "2026-12-01 9点" --end "2026-12-01 10:00"
  expect_contains "time" "$ERR" "2026-11-27 09:30"
  expect_fail "$KIOSKCTL" --db c.db meetings add --kind 支部党员大会 --title x --branch 不存在支部 --start "2026-12-01 09:00" --end "2026-12-01 10:00"
  expect_contains "branch" "$ERR" "不存在支部"
  n=$(sqlite3 c.db "select count(*) from meetings")
  expect_eq "nothing written" 0 "$n"
}

case_gbk_roster_imports_and_broken_one_changes_nothing() {
  "$KIOSKCTL" --db c.db init >/dev/null
  printf '序号,姓名,性别,出生年月,手机号码,党员身份,人员类别,是否在辖区居住,党支部,党小组\r\n1,张秀兰,女,1948.03,13800001111,正式党员,退休,是,第一党支部,东苑党小组\r\n2,李建华,男,1951/10/1,13800003333,预备党员,在职,否,第二党支部,\r\n' \
    | iconv -f UTF-8 -t GB18030 > gbk.csv
  out=$("$KIOSKCTL" --db c.db members import gbk.csv)
  expect_contains "encoding" "$out" "GBK/GB18030"
  expect_contains "added" "$out" "新增 2 人"
  list=$("$KIOSKCTL" --db c.db members list --csv)
  expect_contains "row" "$list" "张秀兰,女,,1948-03,13800001111,,,,,,,正式,离退休,辖区内,第一党支部,东苑党小组"
  before=$(sqlite3 c.db "select count(*), group_concat(phone) from members")
  printf '姓名,所属支部,出生日期\n王五,第一党支部,1956-02-30\n"未闭合,第一党支部,1950-01-01\n' > broken.csv
  expect_fail "$KIOSKCTL" --db c.db members import broken.csv
  expect_contains "date problem" "$ERR" "broken.csv:第 2 行第 3 列（出生日期）"
  expect_contains "refused" "$ERR" "数据库没有任何改动"
  after=$(sqlite3 c.db "select count(*), group_concat(phone) from members")
  expect_eq "unchanged" "$before" "$after"
}

# The roster an office keeps as a workbook: LibreOffice turns our CSV into an .xlsx (dates
# become date cells, phones numbers) and importing that workbook changes nobody.
case_roster_saved_as_workbook_imports_unchanged() {
  demo
  "$KIOSKCTL" --db demo.db members list --csv > 名单.csv
  HOME=$T_DIR timeout 180 soffice --headless --norestore --infilter='CSV:44,34,76,1' \
    --convert-to xlsx 名单.csv >lo.log 2>&1 || fail "LibreOffice could not save the workbook: $(cat lo.log)"
  [ -s 名单.xlsx ] || fail "LibreOffice wrote no workbook: $(cat lo.log)"
  out=$("$KIOSKCTL" --db demo.db members import 名单.xlsx 2>&1) || fail "import refused: $out"
  expect_contains "summary" "$out" "（Excel 工作簿）：共 137 行，新增 0 人，更新 0 人，未变 137 人"
  # A workbook cut short (a stick pulled while copying) is refused and changes nothing.
  head -c 9000 名单.xlsx > 半个.xlsx
  before=$(sqlite3 demo.db 'select count(*), max(updated_at) from members')
  expect_fail "$KIOSKCTL" --db demo.db members import 半个.xlsx
  expect_contains "message" "$ERR" "半个.xlsx:"
  expect_contains "what to do" "$ERR" "重新保存"
  expect_eq "database unchanged" "$before" "$(sqlite3 demo.db 'select count(*), max(updated_at) from members')"
}

case_check_and_backup() {
  demo
  out=$("$KIOSKCTL" --db demo.db check)
  expect_contains "check" "$out" "数据库完好"
  "$KIOSKCTL" --db demo.db backup --to copy.db >/dev/null
  n=$(sqlite3 copy.db "select count(*) from members")
  expect_eq "backup members" 137 "$n"
  expect_eq "integrity" ok "$(sqlite3 copy.db 'pragma integrity_check')"
  expect_fail "$KIOSKCTL" --db demo.db backup --to copy.db
  expect_contains "no overwrite" "$ERR" "已存在"
  # A damaged file fails the check.
  cp demo.db broken.db
  printf 'garbage-garbage-garbage' | dd of=broken.db bs=1 seek=8192 conv=notrunc 2>/dev/null
  expect_fail "$KIOSKCTL" --db broken.db check
}

case_schema_version_and_pragmas() {
  demo
  # The newest migration's number: db/NNN_name.sql.
  newest=$(ls "$TOP"/db/[0-9]*.sql | sed 's|.*/0*\([0-9][0-9]*\)_.*|\1|' | sort -n | tail -n 1)
  expect_eq "user_version" "$newest" "$(sqlite3 demo.db 'pragma user_version')"
  expect_eq "wal" wal "$(sqlite3 demo.db 'pragma journal_mode')"
  expect_eq "every attendance row has a uuid and kiosk id" 0 \
    "$(sqlite3 demo.db "select count(*) from attendance where length(uuid) <> 36 or kiosk_id <> 'demo-01'")"
}

case_unknown_command_and_option() {
  expect_fail "$KIOSKCTL" frobnicate
  expect_contains "unknown command" "$ERR" "不认识的命令"
  expect_fail "$KIOSKCTL" --db x.db members list --colour
  expect_contains "unknown option" "$ERR" "不认识的选项 --colour"
}

for c in demo_has_137_members_in_4_branches init_refuses_existing_database \
         missing_database_says_what_to_do not_a_database_is_refused \
         members_list_csv_imports_again_unchanged add_prints_id_alone_and_edit_changes \
         meeting_sign_in_leave_and_sheet bad_meeting_input_is_refused \
         gbk_roster_imports_and_broken_one_changes_nothing roster_saved_as_workbook_imports_unchanged check_and_backup \
         schema_version_and_pragmas unknown_command_and_option; do
  run_case "$c" "case_$c"
done
t_done
