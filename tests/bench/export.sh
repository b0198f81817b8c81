#!/bin/sh
# Export and merge at scale (issue 6): 100,000 attendance rows exported to .xlsx and .csv, and
# ten kiosks' exports of 10,000 rows each merged in the office. Each figure beside a baseline
# from the same run: sqlite3's own CSV dump of the same rows, and sqlite3 .import of the same
# files into a bare table.
#   sh tests/bench/export.sh BUILD
set -eu
BUILD=${1:-build}
BUILD=$(cd "$BUILD" && pwd)
KIOSKCTL="$BUILD/kioskctl"
OUT="$BUILD/bench/export"
rm -rf "$OUT"; mkdir -p "$OUT"
cd "$OUT"
export TZ=Asia/Shanghai

ms() { date +%s%N | cut -c1-13; }

# A kiosk database with MEMBERS members and MEETINGS community-wide meetings that everyone
# attended: MEMBERS x MEETINGS attendance rows, made in bulk with SQL (what is measured is the
# export, not the making).
make_db() {
  db=$1 members=$2 meetings=$3 id=$4
  "$KIOSKCTL" --db "$db" init --name "社区$id" --kiosk-id "kiosk-$id" >/dev/null
  sqlite3 "$db" <<SQL
PRAGMA synchronous = OFF;
BEGIN;
INSERT INTO branches (uuid, kiosk_id, name, created_at) VALUES (lower(hex(randomblob(16))), 'kiosk-$id', '第一党支部', '2026-01-01 00:00:00');
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $members)
INSERT INTO members (uuid, kiosk_id, name, phone, branch_id, created_at, updated_at)
SELECT printf('%s-%s-4%s-a%s-%s', lower(hex(randomblob(4))), lower(hex(randomblob(2))), substr(lower(hex(randomblob(2))), 2),
              substr(lower(hex(randomblob(2))), 2), lower(hex(randomblob(6)))),
       'kiosk-$id', '党员' || i, printf('138%08d', i), 1, '2026-01-01 00:00:00', '2026-01-01 00:00:00' FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $meetings)
INSERT INTO meetings (uuid, kiosk_id, kind, title, start_at, end_at, created_at, updated_at)
SELECT printf('%s-%s-4%s-b%s-%s', lower(hex(randomblob(4))), lower(hex(randomblob(2))), substr(lower(hex(randomblob(2))), 2),
              substr(lower(hex(randomblob(2))), 2), lower(hex(randomblob(6)))),
       'kiosk-$id', '主题党日', '主题党日' || i,
       datetime('2026-01-01 09:00:00', '+' || i || ' days'), datetime('2026-01-01 11:00:00', '+' || i || ' days'),
       '2026-01-01 00:00:00', '2026-01-01 00:00:00' FROM n;
INSERT INTO attendance (uuid, kiosk_id, meeting_id, member_id, method, checked_at, created_at, updated_at)
SELECT printf('%s-%s-4%s-c%s-%s', lower(hex(randomblob(4))), lower(hex(randomblob(2))), substr(lower(hex(randomblob(2))), 2),
              substr(lower(hex(randomblob(2))), 2), lower(hex(randomblob(6)))),
       'kiosk-$id', mt.id, m.id, 'touch', mt.start_at, mt.start_at, mt.start_at
FROM meetings mt CROSS JOIN members m;
COMMIT;
SQL
}

make_db big.db 1000 100 big
rows=$(sqlite3 big.db "select count(*) from attendance")
mkdir stick
t0=$(ms)
folder=$("$KIOSKCTL" --db big.db --now "2026-12-31 12:00" export --to stick 2>/dev/null)
t1=$(ms)
export_ms=$((t1 - t0))
t0=$(ms)
sqlite3 -csv -header big.db "select a.uuid, a.kiosk_id, mt.uuid, mt.title, mt.start_at, m.uuid, m.name, a.checked_at, a.method, a.updated_at from attendance a join meetings mt on mt.id = a.meeting_id join members m on m.id = a.member_id" > dump.csv
t1=$(ms)
dump_ms=$((t1 - t0))
xlsx_kb=$(du -k "$folder/签到表.xlsx" | cut -f1)
csv_kb=$(du -k "$folder/attendance.csv" | cut -f1)

# Ten kiosks, 10,000 rows each (100 members x 100 meetings), exported, then merged at once.
i=1
while [ $i -le 10 ]; do
  make_db "k$i.db" 100 100 "$i"
  "$KIOSKCTL" --db "k$i.db" --now "2026-12-31 12:00" export --to stick >/dev/null 2>&1
  i=$((i + 1))
done
set -- stick/社区[0-9]*_签到记录_*
t0=$(ms)
"$KIOSKCTL" --db office.db --now "2026-12-31 13:00" merge --into office.db "$@" >/dev/null
t1=$(ms)
merge_ms=$((t1 - t0))
merged=$(sqlite3 office.db "select count(*) from office_attendance")
t0=$(ms)
for f in "$@"; do
  sqlite3 bare.db ".import --csv --skip 1 $f/attendance.csv raw" 2>/dev/null ||
    sqlite3 bare.db ".import --csv $f/attendance.csv raw"
done
t1=$(ms)
import_ms=$((t1 - t0))
again0=$(ms)
"$KIOSKCTL" --db office.db --now "2026-12-31 14:00" merge --into office.db "$@" >/dev/null
again1=$(ms)
still=$(sqlite3 office.db "select count(*) from office_attendance")

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1fx", a / b; else print "-" }'; }
{
echo "Export and merge (tests/bench/export.sh)              figure         baseline                  ratio"
printf "%-50s %8s ms    %8s ms (sqlite3 csv)  %s\n" "export $rows rows: xlsx ($xlsx_kb KiB, 100 sheets) + csv" \
  "$export_ms" "$dump_ms" "$(ratio "$export_ms" "$dump_ms")"
printf "%-50s %8s ms    %8s ms (sqlite3 .import) %s\n" "merge 10 kiosks x 10,000 rows ($merged rows)" \
  "$merge_ms" "$import_ms" "$(ratio "$merge_ms" "$import_ms")"
printf "%-50s %8s ms    (rows after: %s, before: %s)\n" "merge the same 10 again (nothing counted twice)" \
  "$((again1 - again0))" "$still" "$merged"
echo "Target: export of 100,000 rows (.xlsx + .csv) < 2 s: $( [ "$export_ms" -lt 2000 ] && echo ok || echo MISS )."
echo "The export includes reading every file back from the disk and checking its SHA-256; attendance.csv is $csv_kb KiB."
} | tee "$OUT/report.txt"
