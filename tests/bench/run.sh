#!/bin/sh
# make bench: measure the kiosk against the targets in docs/architecture.md and print one table. Every figure sits
# beside a baseline measured in the same run, on the same machine, with the ratio, because the
# machine is shared and noisy: the ratio travels better than the number. Nothing here passes or
# fails on a timing; a missed target is marked MISS and the run still exits 0.
#
#   sh tests/bench/run.sh BUILD        (BUILD holds kiosk and kioskctl; make bench builds them)
#
# Kept in BUILD/bench/: report.txt (the table), kiosk-home.png and chromium-home.png (the two
# screens compared), the check-in trace and its samples, chromium.jsonl, and the kiosk's
# messages in kiosk-stderr.txt. Scratch files go in a
# temporary folder inside BUILD (on the project's disk, not a tmpfs, so the kiosk's commits
# fsync as they would on a real one), removed on exit.
set -eu

BUILD=${1:-build}
TOP=$(cd "$(dirname "$0")/../.." && pwd)
BENCH="$TOP/tests/bench"
BUILD=$(cd "$BUILD" && pwd)
KIOSK="$BUILD/kiosk"
KIOSKCTL="$BUILD/kioskctl"
OUT="$BUILD/bench"
NOW="2026-11-27 09:20"          # the demo's own "now": home.html shows this moment
# The phone server on, as it is by default, but on a free loopback port: nothing else on this
# machine (a test, another kiosk on 8080) is disturbed, and it costs the same as 0.0.0.0:8080.
HTTP=127.0.0.1:0
SIZE=1920x1080
START_RUNS=7                    # cold starts per program, after one discarded warm-up
CHECKINS=500
CHROMIUM_RUNS=3                 # after one discarded warm-up
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
export TZ="${TZ:-Asia/Shanghai}" LC_ALL=C.UTF-8 SDL_VIDEODRIVER=dummy
unset KIOSK_DB KIOSK_TRACE

die() { echo "bench: $*" >&2; exit 1; }
note() { echo "bench: $*" >&2; }

[ -x "$KIOSK" ] && [ -x "$KIOSKCTL" ] || die "$KIOSK or $KIOSKCTL is missing; run make bench (it builds them)"
mkdir -p "$OUT"
ERR="$OUT/kiosk-stderr.txt"
: > "$ERR"
W=$(mktemp -d "$BUILD/bench-tmp.XXXXXX")
BG_PIDS=""
cleanup() {
  for p in $BG_PIDS; do kill "$p" 2>/dev/null || true; done
  rm -rf "$W"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- helpers ------------------------------------------------------------------------------
# Kept in BUILD/bench so the commands printed below can be run again by hand.
CC=${CC:-cc}
LAUNCH="$OUT/launch"
SDLMIN="$OUT/sdlmin"
"$CC" -O2 -std=c11 -D_GNU_SOURCE -Wall -Wextra -o "$LAUNCH" "$BENCH/launch.c" ||
  die "cannot build tests/bench/launch.c"
# shellcheck disable=SC2046
"$CC" -O2 -std=c11 -D_GNU_SOURCE -Wall -Wextra $(pkg-config --cflags sdl2) -o "$SDLMIN" \
  "$BENCH/sdlmin.c" $(pkg-config --libs sdl2) || die "cannot build tests/bench/sdlmin.c"

# kv FILE KEY: the value of KEY=VALUE in FILE.
kv() { sed -n "s/^$2=//p" "$1" | head -n 1; }
# median: of the numbers on stdin, one a line.
median() { sort -n | awk '{ a[NR] = $1 } END { if (NR) print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
# pct P: the P-th percentile (nearest rank) of the numbers on stdin.
pct() { sort -n | awk -v p="$1" '{ a[NR] = $1 } END { if (NR) { i = int(NR * p / 100); if (i < NR * p / 100) i++; if (i < 1) i = 1; print a[i] } }'; }
fmt() { awk -v v="$1" -v d="${2:-1}" 'BEGIN { printf "%.*f", d, v }'; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
# rel PATH: PATH shown from the top of the project when it is inside it.
rel() { case "$1" in "$TOP"/*) printf '%s' "${1#"$TOP"/}" ;; *) printf '%s' "$1" ;; esac; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) { r = a / b; printf (r < 10 ? "%.2fx" : "%.0fx"), r } else print "-" }'; }
# verdict VALUE OP LIMIT: "ok" or "MISS"
verdict() { awk -v v="$1" -v l="$3" -v op="$2" 'BEGIN { ok = op == "<" ? v < l : v > l; print ok ? "ok" : "MISS" }'; }
div() { awk -v a="$1" -v b="$2" 'BEGIN { print (b > 0 ? a / b : 0) }'; }

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
echo "bench: $(nproc) cores, load average $LOAD_START at start; SDL_VIDEODRIVER=dummy, $SIZE" >&2
[ -x "$CHROMIUM" ] || note "ERROR: $CHROMIUM is missing; run make deps (Debian's chromium). Measuring the kiosk anyway."

# --- the demo database and the kiosk's own picture of its home screen ---------------------
DEMO="$W/demo.db"
"$KIOSKCTL" --db "$DEMO" --now "$NOW" init --demo >/dev/null
printf 'snap kiosk-home\ndump kiosk-home\n' > "$W/home.replay"
"$KIOSK" --db "$DEMO" --window $SIZE --now "$NOW" --http $HTTP --replay "$W/home.replay" \
  --snapshot-dir "$OUT" 2>> "$ERR" || die "the kiosk could not draw its home screen (see $ERR)"
KIOSK_CMD="$(rel "$KIOSK") --db demo.db --window $SIZE --now \"$NOW\" --http $HTTP"

# --- 1. cold start to first frame ---------------------------------------------------------
note "1/5 cold start: $START_RUNS runs each of the kiosk, sdlmin and true (interleaved)"
: > "$W/start.kiosk"; : > "$W/ready.kiosk"; : > "$W/start.sdl"; : > "$W/start.true"
i=0
while [ $i -le $START_RUNS ]; do
  "$LAUNCH" -t "$W/trace" -e frame -- "$KIOSK" --db "$DEMO" --window $SIZE --now "$NOW" --http $HTTP \
    > "$W/l.out" 2>> "$ERR" || die "the kiosk did not show a frame (see $ERR)"
  if [ $i -eq 0 ]; then
    kiosk_first=$(kv "$W/l.out" start_ms)
  else
    kv "$W/l.out" start_ms >> "$W/start.kiosk"
    kv "$W/l.out" at_ready_ms >> "$W/ready.kiosk"
  fi
  "$LAUNCH" -t "$W/trace" -e frame -- "$SDLMIN" $SIZE exit > "$W/l.out" || die "sdlmin failed"
  [ $i -eq 0 ] || kv "$W/l.out" start_ms >> "$W/start.sdl"
  "$LAUNCH" -- true > "$W/l.out" || die "true failed"
  [ $i -eq 0 ] || kv "$W/l.out" start_ms >> "$W/start.true"
  i=$((i + 1))
done
start_kiosk=$(median < "$W/start.kiosk")
ready_kiosk=$(median < "$W/ready.kiosk")
start_sdl=$(median < "$W/start.sdl")
start_true=$(median < "$W/start.true")
start_kiosk_max=$(sort -n "$W/start.kiosk" | tail -n 1)

# --- 2. tap -> record committed -> frame shown, over 500 check-ins -------------------------
note "2/5 $CHECKINS check-ins replayed at $SIZE"
BENCH_DB="$W/checkins.db"
"$KIOSKCTL" --db "$BENCH_DB" --now "$NOW" init --name 基准社区 >/dev/null
# 500 distinct names (surname, two given characters) with phone tails 2000..2499.
awk -v n=$CHECKINS 'BEGIN {
  ns = split("王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 高 林 罗", s, " ")
  ng = split("建 国 秀 兰 志 强 桂 英 明 华 玉 梅 德 胜 淑 珍 文 军 春 花 永 福 丽 娟 海", g, " ")
  print "姓名,所属支部,联系电话"
  for (i = 0; i < n; i++) {
    a = int(i / ng) % ns + 1; b = i % ng + 1; c = (b * 7) % ng + 1
    printf "%s%s%s,第一党支部,1380013%04d\n", s[a], g[b], g[c], 2000 + i
  }
}' > "$W/members.csv"
[ "$(cut -d, -f1 "$W/members.csv" | sort | uniq -d | wc -l)" -eq 0 ] || die "generated names repeat"
"$KIOSKCTL" --db "$BENCH_DB" members import "$W/members.csv" >/dev/null
MEETING=$("$KIOSKCTL" --db "$BENCH_DB" meetings add --kind 主题党日 --title 基准测试主题党日 \
  --start "2026-11-27 09:00" --end "2026-11-27 11:00")
# Each member: 签到, 手机尾号, four digits, the name (the sign-in), 完成 (back home).
awk -F, 'NR > 1 {
  print "tap-text 签到"; print "tap-text 手机尾号"; print "type " substr($3, 8, 4)
  print "tap-text " $1; print "expect-text 签到成功"; print "tap-text 完成"
}' "$W/members.csv" > "$OUT/checkins.replay"
rm -f "$OUT/checkin-trace.txt"
KIOSK_TRACE="$OUT/checkin-trace.txt" "$KIOSK" --db "$BENCH_DB" --window $SIZE --now "$NOW" --http $HTTP \
  --replay "$OUT/checkins.replay" --snapshot-dir "$W/snaps" 2>> "$ERR" ||
  die "the check-in replay failed (see $ERR)"
awk -f "$BENCH/latency.awk" "$OUT/checkin-trace.txt" > "$OUT/checkin-samples.txt"
commits=$(grep -c '^commit ' "$OUT/checkin-trace.txt" || true)
recorded=$("$KIOSKCTL" --db "$BENCH_DB" attendance "$MEETING" --csv | grep -c '已签到' || true)
[ "$commits" -eq $CHECKINS ] && [ "$recorded" -eq $CHECKINS ] ||
  die "expected $CHECKINS sign-ins, the trace has $commits commits and the database $recorded"
sample() { awk -v k="$1" '$1 == k { print $2 }' "$OUT/checkin-samples.txt"; }
ci_p50=$(sample checkin | pct 50); ci_p99=$(sample checkin | pct 99); ci_max=$(sample checkin | pct 100)
co_p50=$(sample commit | pct 50); co_p99=$(sample commit | pct 99)
done_p50=$(sample "done" | pct 50); done_p99=$(sample "done" | pct 99)

# --- 3 and 4. idle CPU and resident memory -------------------------------------------------
# Memory 1 s after the first frame; then 3 s more before the 10 s idle window, because the loop
# polls every 2 ms for 3 s after the last input (start-up counts as one) and every 20 ms after.
note "3/5 idle CPU over 10 s and memory: the kiosk, then sdlmin waiting in SDL_WaitEventTimeout"
"$LAUNCH" -t "$W/trace" -e frame -s 1000 -m -w 3000 -i 10000 -- \
  "$KIOSK" --db "$DEMO" --window $SIZE --now "$NOW" --http $HTTP > "$W/idle.kiosk" 2>> "$ERR" ||
  die "the kiosk failed (see $ERR)"
# What the phone server adds: the same memory reading without it.
"$LAUNCH" -t "$W/trace" -e frame -s 1000 -m -- \
  "$KIOSK" --db "$DEMO" --window $SIZE --now "$NOW" --http off > "$W/mem.noweb" 2>> "$ERR" ||
  die "the kiosk failed (see $ERR)"
"$LAUNCH" -t "$W/trace" -e frame -s 1000 -m -w 3000 -i 10000 -- \
  "$SDLMIN" $SIZE wait > "$W/idle.sdl" || die "sdlmin failed"
cpu_pct() { # FILE: utime+stime over the window, in % of one core
  awk -v t="$(kv "$1" cpu_ticks)" -v hz="$(kv "$1" clk_tck)" -v ms="$(kv "$1" idle_wall_ms)" \
    'BEGIN { printf "%.2f", t / hz * 1000 / ms * 100 }'; }
ns_pct() { awk -v n="$(kv "$1" cpu_ns)" -v ms="$(kv "$1" idle_wall_ms)" 'BEGIN { printf "%.2f", n / 1e6 / ms * 100 }'; }
wake_s() { awk -v w="$(kv "$1" wakeups)" -v ms="$(kv "$1" idle_wall_ms)" 'BEGIN { printf "%.0f", w / ms * 1000 }'; }
idle_kiosk=$(cpu_pct "$W/idle.kiosk"); idle_sdl=$(cpu_pct "$W/idle.sdl")
rss_kiosk=$(kv "$W/idle.kiosk" rss_kb); pss_kiosk=$(kv "$W/idle.kiosk" pss_kb)
rss_sdl=$(kv "$W/idle.sdl" rss_kb); pss_sdl=$(kv "$W/idle.sdl" pss_kb)
rss_noweb=$(kv "$W/mem.noweb" rss_kb); pss_noweb=$(kv "$W/mem.noweb" pss_kb)

# --- 5. the same screen in headless Chromium -----------------------------------------------
note "4/5 headless Chromium: $CHROMIUM_RUNS runs of tests/bench/home.html at $SIZE"
chromium_ok=""
PW_DIR="$TOP/tests/web"         # playwright-core, shared with the phone page's browser test
if [ ! -x "$CHROMIUM" ]; then
  note "ERROR: $CHROMIUM is missing; run make deps (it installs Debian's chromium). The Chromium rows are left empty."
elif ! command -v node >/dev/null 2>&1; then
  note "ERROR: node is missing; run make deps (it installs nodejs and npm when there is no node). The Chromium rows are left empty."
else
  if [ ! -d "$PW_DIR/node_modules/playwright-core" ]; then
    command -v npm >/dev/null 2>&1 || die "npm is missing (node is there); install npm, or Debian's nodejs and npm"
    note "installing playwright-core into tests/web/node_modules (npm ci, no browser download)"
    (cd "$PW_DIR" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error) ||
      die "npm ci in tests/web failed"
  fi
  mkdir -p "$W/chromium"
  # In the background so that an interrupted run can stop it (playwright then closes Chromium).
  NODE_PATH="$PW_DIR/node_modules" CHROMIUM="$CHROMIUM" node "$BENCH/chromium.js" "$BENCH/home.html" "$W/chromium" \
    $((CHROMIUM_RUNS + 1)) 1000 > "$W/chromium.jsonl" &
  BG_PIDS=$!
  if wait "$BG_PIDS"; then
    BG_PIDS=""
    chromium_ok=1
    cp "$W/chromium/chromium-home.png" "$OUT/chromium-home.png"
    tail -n +2 "$W/chromium.jsonl" > "$OUT/chromium.jsonl"   # the first run warmed the cache
    js() { sed -n "s/.*\"$1\":\([0-9.]*\).*/\1/p" "$OUT/chromium.jsonl" | median; }
    cr_paint=$(js first_paint_ms); cr_shot=$(js screenshot_ms)
    cr_rss=$(js rss_kb); cr_pss=$(js pss_kb); cr_procs=$(js processes)
    cr_kinds=$(tail -n 1 "$OUT/chromium.jsonl" | sed 's/.*"pss_by_kind":{\(.*\)}}/\1/; s/"//g; s/,/, /g')
    # Fairness: every label of the kiosk's home screen must be on the page too (but the
    # sign-in address, whose port and token differ from run to run).
    tr -d ' \t\n' < "$W/chromium/chromium-text.txt" > "$W/page.txt"
    grep -v '^#' "$OUT/kiosk-home.txt" | cut -d' ' -f6- | grep -v '^http' | while IFS= read -r label; do
      l=$(printf '%s' "$label" | tr -d ' \t')
      grep -qF -- "$l" "$W/page.txt" ||
        note "WARNING: the kiosk shows \"$label\" and home.html does not; update tests/bench/home.html"
    done
  else
    BG_PIDS=""
    note "ERROR: headless Chromium failed (above); the Chromium rows are left empty"
  fi
fi

# --- the table -----------------------------------------------------------------------------
note "5/5 done"
{
echo "$(nproc) cores; load average $LOAD_START at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end. On a busy"
echo "machine every figure grows, the baselines with them: read the ratios."
echo
row() { printf '%-34s %-12s %-24s %-8s %-13s %s\n' "$@"; }
row figure kiosk baseline ratio target command
row "cold start to first frame" "$(fmt "$start_kiosk") ms" "$(fmt "$start_sdl") ms (sdlmin)" \
  "$(ratio "$start_kiosk" "$start_sdl")" "<500 ms $(verdict "$start_kiosk" '<' 500)" "[1]"
row "  same, against a bare exec" "" "$(fmt "$start_true" 2) ms (true)" "$(ratio "$start_kiosk" "$start_true")" "" "[1]"
row "tap -> commit -> frame, p50" "$(fmt "$ci_p50") ms" "$(fmt "$done_p50") ms (tap done)" \
  "$(ratio "$ci_p50" "$done_p50")" "" "[2]"
row "tap -> commit -> frame, p99" "$(fmt "$ci_p99") ms" "$(fmt "$done_p99") ms (tap done)" \
  "$(ratio "$ci_p99" "$done_p99")" "<50 ms $(verdict "$ci_p99" '<' 50)" "[2]"
row "tap -> commit, p50 / p99" "$(fmt "$co_p50" 2) / $(fmt "$co_p99" 1) ms" "" "" "" "[2]"
row "idle CPU, 10 s on the home screen" "$idle_kiosk %" "$idle_sdl % (SDL wait)" \
  "$(ratio "$idle_kiosk" "$idle_sdl")" "<1 % $(verdict "$idle_kiosk" '<' 1)" "[3]"
row "resident memory (RSS)" "$(mib "$rss_kiosk") MiB" "$(mib "$rss_sdl") MiB (sdlmin)" \
  "$(ratio "$rss_kiosk" "$rss_sdl")" "" "[3]"
row "proportional memory (PSS)" "$(mib "$pss_kiosk") MiB" "$(mib "$pss_sdl") MiB (sdlmin)" \
  "$(ratio "$pss_kiosk" "$pss_sdl")" "" "[3]"
if [ -n "$chromium_ok" ]; then
  row "memory vs Chromium, RSS (sum)" "$(mib "$rss_kiosk") MiB" "$(mib "$cr_rss") MiB (Chromium)" \
    "$(ratio "$rss_kiosk" "$cr_rss")" "<0.20x $(verdict "$(div "$rss_kiosk" "$cr_rss")" '<' 0.2)" "[3] [4]"
  row "memory vs Chromium, PSS (sum)" "$(mib "$pss_kiosk") MiB" "$(mib "$cr_pss") MiB (Chromium)" \
    "$(ratio "$pss_kiosk" "$cr_pss")" "<0.20x $(verdict "$(div "$pss_kiosk" "$cr_pss")" '<' 0.2)" "[3] [4]"
  row "start to first paint vs Chromium" "$(fmt "$start_kiosk") ms" "$(fmt "$cr_paint") ms (Chromium)" \
    "$(ratio "$start_kiosk" "$cr_paint")" "" "[1] [4]"
else
  row "memory vs Chromium" "$(mib "$pss_kiosk") MiB" "n/a: no Chromium" "" "<0.20x" "[4]"
fi
echo
echo "[1] $(rel "$LAUNCH") -t TRACE -e frame -- $KIOSK_CMD"
echo "    and the same with $(rel "$SDLMIN") $SIZE exit (SDL init, window, renderer, one clear+present),"
echo "    and with true: median of $START_RUNS each after a discarded warm-up, interleaved; from CLOCK_MONOTONIC"
echo "    before fork to the first 'frame' in KIOSK_TRACE. Page cache warm (the warm-up kiosk run: $(fmt "$kiosk_first") ms;"
echo "    slowest counted: $(fmt "$start_kiosk_max") ms). Of the kiosk's $(fmt "$start_kiosk") ms, $(fmt "$ready_kiosk") ms pass before 'ready'"
echo "    (exec, SDL, fontconfig and the font, the database) and the rest draws the first frame."
echo "[2] KIOSK_TRACE=$(rel "$OUT")/checkin-trace.txt $(rel "$KIOSK") --db checkins.db --window $SIZE --now \"$NOW\" --http $HTTP \\"
echo "      --replay $(rel "$OUT")/checkins.replay --snapshot-dir DIR; awk -f tests/bench/latency.awk"
echo "    $CHECKINS members with distinct phone tails, one meeting on now; per member: 签到, 手机尾号, 4 digits,"
echo "    the name (a sign-in, synchronous=FULL), 完成. Tap on the name to the first frame after its commit"
echo "    (max $(fmt "$ci_max") ms); baseline: tap on 完成 (reads the counts, draws home, writes nothing)."
echo "    $commits commits traced, $recorded rows 已签到 in the database. Replay mode (software renderer),"
echo "    phone server on; the database on the disk under $(rel "$BUILD"), fsync on every commit."
echo "[3] $(rel "$LAUNCH") -t TRACE -e frame -s 1000 -m -w 3000 -i 10000 -- $KIOSK_CMD"
echo "    (baseline: the same with $(rel "$SDLMIN") $SIZE wait, which loops on SDL_WaitEventTimeout(1000)). Not replay"
echo "    mode: the real loop in a window under SDL_VIDEODRIVER=dummy. Memory from /proc/PID/smaps_rollup 1 s"
echo "    after the first frame; CPU from /proc/PID/stat utime+stime over 10 s starting 4 s after it."
echo "    The phone server is on (--http $HTTP); with --http off the kiosk holds $(mib "$rss_noweb") MiB RSS, $(mib "$pss_noweb") MiB PSS."
echo "    No redraw falls in the window; on the home screen the QR token turns every 30 s and the clock"
echo "    every minute, one frame each (a frame costs about what the tap figures above show)."
echo "    Per thread schedstat: kiosk $(ns_pct "$W/idle.kiosk") %, $(wake_s "$W/idle.kiosk") wake-ups/s;" \
     "SDL wait $(ns_pct "$W/idle.sdl") %, $(wake_s "$W/idle.sdl") wake-ups/s; sleep 10 would be 0."
if [ -n "$chromium_ok" ]; then
  echo "[4] node tests/bench/chromium.js tests/bench/home.html DIR $((CHROMIUM_RUNS + 1)) 1000  (playwright-core,"
  echo "    executablePath $CHROMIUM, --headless --no-sandbox --disable-gpu --disable-background-networking"
  echo "    --disable-component-update --disable-sync --no-first-run, fresh --user-data-dir, 1920x1080): median of"
  echo "    $CHROMIUM_RUNS after a discarded warm-up. Memory summed over all $cr_procs processes 1 s after the first"
  echo "    paint; PSS by process kind (KiB): $cr_kinds."
  echo "    Start is launch to first-contentful-paint; to a finished screenshot: $(fmt "$cr_shot") ms."
else
  echo "[4] node tests/bench/chromium.js ... : not run (see the error above)"
fi
echo "Pictures to compare: $(rel "$OUT")/kiosk-home.png and $(rel "$OUT")/chromium-home.png"
} | tee "$OUT/report.txt"
# Without Chromium the comparison the table exists for is missing: say so in the exit status.
[ -n "$chromium_ok" ] || die "the Chromium comparison did not run (see the ERROR above)"
