#!/bin/sh
# Households (同户) on the command line: the roster's 户 column (and its other spellings),
# members edit --household, and same-address suggestions confirmed by staff.
. "$(dirname "$0")/../lib.sh"

case_roster_household_column_and_edit() {
  "$KIOSKCTL" --db h.db init >/dev/null
  printf '姓名,所属支部,家庭住址,同户\r\n张三,第一党支部,幸福里 3号楼2单元 101室,张李家\r\n李四,第一党支部,幸福里3栋２单元１０１,张李家\r\n王五,第一党支部,幸福里3栋2单元102,\r\n' > roster.csv
  "$KIOSKCTL" --db h.db members import roster.csv >/dev/null
  csv=$("$KIOSKCTL" --db h.db members list --csv)
  expect_contains "户 is a column" "$(echo "$csv" | head -n 1)" ",备注,户"
  expect_contains "张三 in 张李家" "$csv" "张三,"
  expect_eq "two in 张李家" 2 "$(echo "$csv" | grep -c ',张李家')"
  wang=$(echo "$csv" | grep 王五 | cut -d, -f1)
  "$KIOSKCTL" --db h.db members edit "$wang" --household 张李家 >/dev/null
  expect_eq "王五 joined by edit" 3 "$("$KIOSKCTL" --db h.db members list --csv | grep -c ',张李家')"
  "$KIOSKCTL" --db h.db members edit "$wang" --household "" >/dev/null
  expect_eq "and left" 2 "$("$KIOSKCTL" --db h.db members list --csv | grep -c ',张李家')"
}

case_same_address_suggested_then_confirmed() {
  "$KIOSKCTL" --db h.db init >/dev/null
  "$KIOSKCTL" --db h.db members add --name 张三 --branch 第一党支部 --address "幸福里 3号楼2单元 101室" >/dev/null
  "$KIOSKCTL" --db h.db members add --name 李四 --branch 第一党支部 --address "幸福里3栋２单元１０１" >/dev/null
  "$KIOSKCTL" --db h.db members add --name 王五 --branch 第一党支部 --address "幸福里3栋2单元102" >/dev/null
  out=$("$KIOSKCTL" --db h.db members households --csv)
  expect_contains "suggested" "$out" "张三、李四"
  expect_not_contains "王五 is next door" "$out" 王五
  expect_eq "nothing joined before staff confirm" 0 "$(sqlite3 h.db "select count(*) from members where home <> ''")"
  "$KIOSKCTL" --db h.db members households --confirm >/dev/null 2>&1
  expect_eq "joined" 2 "$(sqlite3 h.db "select count(*) from members where home = '幸福里 3号楼2单元 101室'")"
  expect_eq "nothing left to suggest" 1 "$("$KIOSKCTL" --db h.db members households --csv | wc -l)"
}

for c in roster_household_column_and_edit same_address_suggested_then_confirmed; do
  run_case "$c" "case_$c"
done
t_done
