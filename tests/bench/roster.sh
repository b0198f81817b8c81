#!/bin/sh
# Importing a large roster (20,000 members, the most one file may hold) as an office brings it:
# the same rows saved by LibreOffice as an .xlsx workbook, and as CSV in UTF-8 and in GBK (what
# Chinese Excel writes). The CSV import is the baseline the workbook and GBK are read against;
# sqlite3 .import of the same CSV into a bare table shows what the database alone costs.
#   sh tests/bench/roster.sh BUILD
set -eu
BUILD=${1:-build}
BUILD=$(cd "$BUILD" && pwd)
KIOSKCTL="$BUILD/kioskctl"
OUT="$BUILD/bench/roster"
rm -rf "$OUT"; mkdir -p "$OUT"
cd "$OUT"

ms() { date +%s%N | cut -c1-13; }

i=0
{ echo "姓名,所属支部,党小组,联系电话,出生日期,入党时间,家庭住址"
  while [ $i -lt 20000 ]; do
    printf '党员%05d,第%d党支部,第%d党小组,139%08d,19%02d-0%d-1%d,19%02d-07,幸福小区%d栋%d单元\n' \
      $i $((i % 4 + 1)) $((i % 12 + 1)) $i $((40 + i % 50)) $((i % 9 + 1)) $((i % 9)) \
      $((60 + i % 40)) $((i % 100)) $((i % 6 + 1))
    i=$((i + 1))
  done; } > roster.csv
iconv -f UTF-8 -t GB18030 roster.csv > roster-gbk.csv
HOME=$OUT timeout 300 soffice --headless --norestore --infilter='CSV:44,34,76,1' \
  --convert-to xlsx roster.csv >lo.log 2>&1 || { cat lo.log; exit 1; }

# import FILE: fresh database, then the import alone timed; prints ms
import() {
  rm -f r.db r.db-wal r.db-shm
  "$KIOSKCTL" --db r.db init --name 幸福里社区 >/dev/null
  t0=$(ms)
  "$KIOSKCTL" --db r.db members import "$1" > import.log
  t1=$(ms)
  grep -q '新增 20000 人' import.log || { cat import.log; exit 1; }
  echo $((t1 - t0))
}
median3() { printf '%s\n' "$@" | sort -n | sed -n 2p; }

csv=$(median3 "$(import roster.csv)" "$(import roster.csv)" "$(import roster.csv)")
gbk=$(median3 "$(import roster-gbk.csv)" "$(import roster-gbk.csv)" "$(import roster-gbk.csv)")
xlsx=$(median3 "$(import roster.xlsx)" "$(import roster.xlsx)" "$(import roster.xlsx)")
again_t0=$(ms)
"$KIOSKCTL" --db r.db members import roster.xlsx > again.log
again=$(( $(ms) - again_t0 ))
grep -q '未变 20000 人' again.log || { cat again.log; exit 1; }
rm -f bare.db
t0=$(ms)
sqlite3 bare.db ".import --csv roster.csv roster"
bare=$(( $(ms) - t0 ))

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
echo
echo "Roster import, 20,000 members (tests/bench/roster.sh)   figure     baseline                    ratio"
row() { printf '%-50s %7s ms  %7s ms %-18s %s\n' "$1" "$2" "$3" "$4" "$5"; }
row "xlsx workbook ($(($(stat -c %s roster.xlsx) / 1024)) KiB, saved by LibreOffice)" "$xlsx" "$csv" "(UTF-8 CSV)" "$(ratio "$xlsx" "$csv")"
row "GBK CSV (as Chinese Excel saves it)" "$gbk" "$csv" "(UTF-8 CSV)" "$(ratio "$gbk" "$csv")"
row "UTF-8 CSV" "$csv" "$bare" "(sqlite3 .import)" "$(ratio "$csv" "$bare")"
row "the same workbook again (all 20,000 unchanged)" "$again" "$xlsx" "(first import)" "$(ratio "$again" "$xlsx")"
echo "Median of 3 each, a fresh database every time; the import checks the whole file, then applies it"
echo "in one transaction (synchronous=FULL). Times include starting kioskctl."
