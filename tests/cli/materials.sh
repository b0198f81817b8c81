#!/bin/sh
# Study materials from the command line: importing files and folders, every kind of bad file
# refused with one line while the rest go on (and the database and the other materials left as
# they were), duplicates kept once, listing and removing; and planning a quarter's meetings.
. "$(dirname "$0")/../lib.sh"

NOW="2026-11-27 09:20"
MKDOC="$BUILD/tools/mkdoc"
ctl() { "$KIOSKCTL" --db t.db --now "$NOW" "$@"; }
fresh() { ctl init >/dev/null; }
# What an import may change: the rows, and the files beside the database.
state() {
  sqlite3 t.db .dump | grep -v '^INSERT INTO audit_log' | sha256sum
  if [ -d t.db.materials ]; then (cd t.db.materials && find . -type f -exec sha256sum {} + | sort); fi
}

# The bad files of issue 5, each in a folder of its own name.
bad_files() {
  mkdir -p bad
  : > bad/empty.pdf
  "$MKDOC" guide guide.pdf
  head -c 60000 guide.pdf > bad/truncated.pdf
  "$MKDOC" encrypted bad/locked.pdf
  printf 'MZ\220\000\003\000\000\000this program cannot be run in DOS mode' > bad/setup.pdf
  "$MKDOC" png-header 20000 20000 bad/huge.png
  "$MKDOC" jpeg-header 20000 20000 bad/huge.jpg
  printf '\271\372\323\332\n' > bad/gbk.txt      # GBK bytes, not UTF-8
  printf '# 标题\n' > 'bad/a:b.md'
  printf '# 标题\n' > 'bad/..\..\evil.md'
  printf 'x' > bad/notes.docx
}

case_bad_files_are_refused_and_change_nothing() {
  fresh
  printf '# 已有的资料\n正文\n' > ok.md
  ctl materials import ok.md >/dev/null
  bad_files
  before=$(state)
  expect_fail ctl materials import bad
  after=$(state)
  expect_eq "database and files" "$before" "$after"
  n=$(printf '%s\n' "$ERR" | grep -c '^未导入 ')
  expect_eq "one line per bad file" 10 "$n"
  expect_contains "empty" "$ERR" "empty.pdf：文件是空的"
  expect_contains "truncated" "$ERR" "truncated.pdf：PDF 不完整"
  expect_contains "encrypted" "$ERR" "locked.pdf：PDF 有密码保护"
  expect_contains "exe" "$ERR" "setup.pdf：不是 PDF 文件，看起来是 Windows 程序"
  expect_contains "huge png" "$ERR" "huge.png：图片太大（20000×20000 像素）"
  expect_contains "huge jpeg" "$ERR" "huge.jpg：图片太大（20000×20000 像素）"
  expect_contains "gbk" "$ERR" "gbk.txt：第 1 行不是 UTF-8"
  expect_contains "fat" "$ERR" "a:b.md：文件名里有 U 盘（FAT 格式）不允许的字符"
  expect_contains "dotdot" "$ERR" '..\..\evil.md：文件名里有'
  expect_contains "docx" "$ERR" "notes.docx：不支持 .docx 文件"
  list=$(ctl materials list)
  expect_contains "the good one is still there" "$list" "已有的资料"
}

case_good_files_go_on_beside_bad_ones() {
  fresh
  bad_files
  mkdir -p bad/党史
  printf '# 红色记忆\n\n一段故事。\n' > bad/党史/story.md
  "$MKDOC" pdf 3 bad/three.pdf
  "$MKDOC" png 800 600 bad/picture.png
  expect_fail ctl materials import bad
  out=$(cat "$T_DIR/.out")
  expect_contains "summary" "$out" "新导入 3 份"
  expect_contains "summary" "$out" "未导入 10 份"
  csv=$(ctl materials list --csv)
  expect_contains "category from the folder" "$csv" "红色记忆,党史"
  expect_contains "pdf title from metadata" "$csv" "测试文档,其他,3,"
  expect_contains "picture" "$csv" "picture,其他,1,"
}

case_path_with_dotdot_is_refused() {
  fresh
  mkdir -p stick
  printf '# 标题\n' > stick/a.md
  expect_fail ctl materials import stick/../stick/a.md
  expect_contains "dotdot" "$ERR" "路径里有“..”"
  n=$(ctl materials list --csv | tail -n +2 | wc -l)
  expect_eq "nothing imported" 0 "$n"
}

case_same_file_twice_is_kept_once() {
  fresh
  "$MKDOC" pdf 2 a.pdf
  cp a.pdf copy-with-another-name.pdf
  ctl materials import a.pdf >/dev/null
  out=$(ctl materials import copy-with-another-name.pdf)
  expect_contains "duplicate" "$out" "已有，没有重复导入"
  n=$(ctl materials list --csv | tail -n +2 | wc -l)
  expect_eq "rows" 1 "$n"
}

case_pages_are_rendered_at_the_page_width() {
  fresh
  "$MKDOC" pdf 5 five.pdf
  ctl materials import --page-width 640 five.pdf >/dev/null
  n=$(find t.db.materials -path '*/w640/p*.png' | wc -l)
  expect_eq "pages rendered" 5 "$n"
  [ -n "$(find t.db.materials -name thumb.png)" ] || fail "no thumbnail"
  [ -n "$(find t.db.materials -name source.pdf)" ] || fail "no source kept"
}

case_list_csv_columns_and_states() {
  fresh
  printf '# 过期的通知\n' > old.md
  printf '# 置顶的通知\n' > pin.md
  ctl materials import --until 2026-11-01 old.md >/dev/null
  ctl materials import --pin pin.md >/dev/null
  csv=$(ctl materials list --csv)
  head=$(printf '%s\n' "$csv" | head -n 1 | sed 's/^\xef\xbb\xbf//' | tr -d '\r')
  expect_eq "header" "编号,标题,类别,页数,导入时间,状态" "$head"
  expect_contains "expired" "$csv" "已过期（2026-11-01）"
  expect_contains "pinned" "$csv" "置顶"
  first=$(printf '%s\n' "$csv" | sed -n 2p)
  expect_contains "pinned first" "$first" "置顶的通知"
}

case_remove_takes_files_away_and_keeps_the_row() {
  fresh
  printf '# 要删除的资料\n' > gone.md
  ctl materials import gone.md >/dev/null
  out=$(ctl materials remove 1)
  expect_contains "message" "$out" "已删除“要删除的资料”"
  [ -z "$(find t.db.materials -name source.md)" ] || fail "files left behind"
  n=$(ctl materials list --csv | tail -n +2 | wc -l)
  expect_eq "not listed" 0 "$n"
  all=$(ctl materials list --all)
  expect_contains "still known" "$all" "已删除"
  expect_fail ctl materials remove 1
}

case_init_demo_imports_the_demo_materials() {
  ctl init --demo >/dev/null
  csv=$(ctl materials list --csv)
  expect_contains "guide" "$csv" "党员活动室使用指南,其他,12,"
  expect_contains "markdown" "$csv" "三会一课怎样开,党章党规"
  expect_contains "poster" "$csv" "活动室开放时间,通知公告,1,"
  expect_contains "expired" "$csv" "已过期"
}

case_meetings_plan_quarter_creates_once() {
  ctl init --demo >/dev/null
  out=$(ctl meetings plan --quarter 2027Q1)
  expect_contains "theme day" "$out" "2027-01-15 09:00"
  expect_contains "assembly" "$out" "第一党支部第一季度党员大会"
  expect_contains "group" "$out" "东苑党小组1月学习会"
  expect_contains "summary" "$out" "新建 56 场会议；0 场已经有了"
  again=$(ctl meetings plan --quarter 2027Q1)
  expect_contains "nothing twice" "$again" "新建 0 场会议；56 场已经有了"
  n=$(ctl meetings list --from "2027-01-01 00:00" --to "2027-04-01 00:00" --csv | tail -n +2 | wc -l)
  expect_eq "meetings in the quarter" 56 "$n"
  expect_fail ctl meetings plan --quarter 2027Q5
  expect_contains "bad quarter" "$ERR" "2027Q1"
}

run_case bad_files_are_refused_and_change_nothing case_bad_files_are_refused_and_change_nothing
run_case good_files_go_on_beside_bad_ones case_good_files_go_on_beside_bad_ones
run_case path_with_dotdot_is_refused case_path_with_dotdot_is_refused
run_case same_file_twice_is_kept_once case_same_file_twice_is_kept_once
run_case pages_are_rendered_at_the_page_width case_pages_are_rendered_at_the_page_width
run_case list_csv_columns_and_states case_list_csv_columns_and_states
run_case remove_takes_files_away_and_keeps_the_row case_remove_takes_files_away_and_keeps_the_row
run_case init_demo_imports_the_demo_materials case_init_demo_imports_the_demo_materials
run_case meetings_plan_quarter_creates_once case_meetings_plan_quarter_creates_once
t_done
