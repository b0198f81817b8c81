#!/bin/sh
# make bench, study materials: importing a 100-page PDF (against rendering the same pages bare,
# without the import's checks, child process, copies and fsyncs); a page turn in the reader, tap
# to the frame that shows the next page, p50/p99 (against a redraw of the same screen: 大字 on and
# off); and resident memory while paging through a 300-page PDF (sampled along the way; against
# the reader with its first page open). Figures beside their baselines with the ratio; timings
# never fail the run.
#
#   sh tests/bench/materials.sh BUILD
set -eu
BUILD=${1:-build}
TOP=$(cd "$(dirname "$0")/../.." && pwd)
cd "$TOP"
make -s BUILD="$BUILD" "$BUILD/tools/mkdoc" >/dev/null
BUILD=$(cd "$BUILD" && pwd)
KIOSK="$BUILD/kiosk"
KIOSKCTL="$BUILD/kioskctl"
MKDOC="$BUILD/tools/mkdoc"
OUT="$BUILD/bench"
NOW="2026-11-27 09:20"
SIZE=1920x1080
TURNS=60
export TZ="${TZ:-Asia/Shanghai}" LC_ALL=C.UTF-8 SDL_VIDEODRIVER=dummy
unset KIOSK_DB KIOSK_TRACE

die() { echo "bench/materials: $*" >&2; exit 1; }
[ -x "$KIOSK" ] && [ -x "$KIOSKCTL" ] || die "build first (make bench does)"
mkdir -p "$OUT"
# On the project's disk, not a tmpfs: the import fsyncs as it would on the kiosk.
W=$(mktemp -d "$BUILD/bench-materials.XXXXXX")
KPID=""
cleanup() { [ -n "$KPID" ] && kill "$KPID" 2>/dev/null; rm -rf "$W"; }
trap cleanup EXIT
cd "$W"

ms() { date +%s%N | awk '{ printf "%.1f", $1 / 1e6 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
# p50 and p99 of tap-to-next-frame gaps in a KIOSK_TRACE file, for taps after the first SKIP.
turns() {
  awk -v skip="$2" '$1 == "tap" { t = $2; n++ } $1 == "frame" && t && n > skip { print $2 - t; t = 0 }' "$1" |
    sort -n | awk '{ v[NR] = $1 } END { if (!NR) { print "- -"; exit }
      printf "%.1f %.1f\n", v[int((NR + 1) / 2)], v[int(NR * 0.99 + 0.999)] }'
}

"$KIOSKCTL" --db b.db --now "$NOW" init --demo >/dev/null
# The reader records the width it shows pages at; imports after that render for it.
printf 'tap-text 学习资料\ntap-text 其他\ntap-text 党员活动室使用指南\n' > open.replay
"$KIOSK" --db b.db --now "$NOW" --window $SIZE --replay open.replay --snapshot-dir snaps 2>>"$OUT/kiosk-stderr.txt" ||
  die "the reader did not open (see $OUT/kiosk-stderr.txt)"
width=$(sqlite3 b.db "SELECT value FROM settings WHERE key = 'materials_page_width'")

# [1] import time
"$MKDOC" pdf 100 doc100.pdf
mkdir bare
t0=$(ms); "$MKDOC" render doc100.pdf "$width" bare; t1=$(ms)
bare_ms=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", b - a }')
t0=$(ms); "$KIOSKCTL" --db b.db --now "$NOW" materials import doc100.pdf >/dev/null; t1=$(ms)
import_ms=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", b - a }')

# [2] page turns: the 300-page document, a turn every half second (someone reading), then 大字
# on and off as often on the same page as the baseline.
"$MKDOC" pdf 300 doc300.pdf
"$KIOSKCTL" --db b.db --now "$NOW" materials import doc300.pdf >/dev/null
{
  printf 'tap-text 学习资料\ntap-text 其他\ntap-text 测试文档 11月27日 · 共300页\nsleep 500\n'
  i=0; while [ $i -lt $TURNS ]; do printf 'tap-text 下一页\nsleep 500\n'; i=$((i + 1)); done
  printf 'expect-text %d / 300\n' $((TURNS + 1))
} > turns.replay
{
  printf 'tap-text 学习资料\ntap-text 其他\ntap-text 测试文档 11月27日 · 共300页\nsleep 500\n'
  i=0; while [ $i -lt $TURNS ]; do printf 'tap-text 大字\nsleep 500\n'; i=$((i + 1)); done
} > redraws.replay
KIOSK_TRACE="$W/turns.trace" "$KIOSK" --db b.db --now "$NOW" --window $SIZE --replay turns.replay \
  --snapshot-dir snaps 2>>"$OUT/kiosk-stderr.txt" || die "paging failed (see $OUT/kiosk-stderr.txt)"
KIOSK_TRACE="$W/redraws.trace" "$KIOSK" --db b.db --now "$NOW" --window $SIZE --replay redraws.replay \
  --snapshot-dir snaps 2>>"$OUT/kiosk-stderr.txt" || die "redraws failed"
# The first three taps open the list and the document; they are not page turns.
set -- $(turns turns.trace 3); turn50=$1 turn99=$2
set -- $(turns redraws.trace 3); base50=$1 base99=$2

# [3] memory through all 300 pages: VmRSS every 100 ms while the reader pages to the end.
{
  printf 'tap-text 学习资料\ntap-text 其他\ntap-text 测试文档 11月27日 · 共300页\nsleep 1000\n'
  i=1; while [ $i -lt 300 ]; do printf 'key PageDown\nsleep 30\n'; i=$((i + 1)); done
  printf 'expect-text 300 / 300\nsleep 1000\n'
} > through.replay
"$KIOSK" --db b.db --now "$NOW" --window $SIZE --replay through.replay --snapshot-dir snaps \
  2>>"$OUT/kiosk-stderr.txt" &
KPID=$!
: > rss.txt
while kill -0 "$KPID" 2>/dev/null; do
  awk '/^VmRSS/ { print $2 }' "/proc/$KPID/status" 2>/dev/null >> rss.txt || true
  sleep 0.1
done
wait "$KPID" || die "paging through 300 pages failed (see $OUT/kiosk-stderr.txt)"
KPID=""
n=$(wc -l < rss.txt)
# Pages are prepared and let go in bursts, so compare highs: the highest in the first quarter
# (the first pages) against the highest in the last quarter (pages 225-300) and over the run.
q=$((n / 4 + 1))
first=$(head -n "$q" rss.txt | sort -n | tail -n 1)
last=$(tail -n "$q" rss.txt | sort -n | tail -n 1)
peak=$(sort -n rss.txt | tail -n 1)

{
echo "Study materials ($SIZE, page width $width px)      figure         baseline       ratio"
printf '%-48s %8s ms    %8s ms    %s\n' "import a 100-page PDF (bare render)" "$import_ms" "$bare_ms" "$(ratio "$import_ms" "$bare_ms")"
printf '%-48s %8s ms    %8s ms    %s\n' "page turn, tap to frame, p50 (大字 redraw)" "$turn50" "$base50" "$(ratio "$turn50" "$base50")"
printf '%-48s %8s ms    %8s ms    %s\n' "page turn, tap to frame, p99 (大字 redraw)" "$turn99" "$base99" "$(ratio "$turn99" "$base99")"
printf '%-48s %8s KiB   %8s KiB   %s\n' "RSS high, last quarter of 300 pages (first quarter)" "$last" "$first" "$(ratio "$last" "$first")"
printf '%-48s %8s KiB   %8s KiB   %s\n' "RSS high over all 300 pages (first quarter)" "$peak" "$first" "$(ratio "$peak" "$first")"
echo "$n RSS samples every 100 ms; $TURNS turns and $TURNS redraws, a tap every 500 ms (sleep), replay mode,"
echo "software renderer; pages rendered at import into the cache; the reader holds at most 5 pages."
} | tee "$OUT/materials.txt"
