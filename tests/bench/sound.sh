#!/bin/sh
# make bench, sound: tap on a name -> the first sample of its chime delivered to SDL (the audio
# callback copying it), p50/p99, beside tap -> the frame showing 签到成功 in the same run; and
# resident memory after the check-ins with speech on (espeak-ng and its Mandarin dictionary
# loaded) against speech off (chimes only). SDL's disk audio driver stands in for the sound card:
# it asks for samples at the real rate, a buffer (512 samples, 23 ms) at a time, as ALSA would.
# Figures beside their baselines; timings never fail the run.
#
#   sh tests/bench/sound.sh BUILD
set -eu
BUILD=${1:-build}
TOP=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=$(cd "$BUILD" && pwd)
KIOSK="$BUILD/kiosk"
KIOSKCTL="$BUILD/kioskctl"
OUT="$BUILD/bench"
NOW="2026-11-27 09:20"
SIZE=1920x1080
CHECKINS=${SOUND_CHECKINS:-40}
export TZ="${TZ:-Asia/Shanghai}" LC_ALL=C.UTF-8 SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=disk
unset KIOSK_DB KIOSK_TRACE

die() { echo "bench/sound: $*" >&2; exit 1; }
[ -x "$KIOSK" ] && [ -x "$KIOSKCTL" ] || die "build first (make bench does)"
mkdir -p "$OUT"
W=$(mktemp -d "$BUILD/bench-sound.XXXXXX")
KPID=""
cleanup() { [ -n "$KPID" ] && kill "$KPID" 2>/dev/null; rm -rf "$W"; }
trap cleanup EXIT
cd "$W"

pct() { sort -n | awk -v p="$1" '{ a[NR] = $1 } END { if (!NR) { print "-"; exit } i = int(NR * p / 100); if (i < NR * p / 100) i++; if (i < 1) i = 1; printf "%.1f", a[i] }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

# Members with phone tails 2000.., signed in one by one with the phone digits, as people do:
# a pause after each sign-in so its sound starts before the next one drops it.
"$KIOSKCTL" --db base.db --now "$NOW" init --name 基准社区 >/dev/null
awk -v n="$CHECKINS" 'BEGIN {
  ns = split("王 李 张 刘 陈 杨 黄 赵 吴 周 曾 单 仇", s, " ")
  ng = split("建 国 秀 兰 志 强 桂 英 明 华 玉 梅", g, " ")
  print "姓名,所属支部,联系电话"
  for (i = 0; i < n; i++)
    printf "%s%s%s,第一党支部,1380013%04d\n", s[i % ns + 1], g[int(i / ns) % ng + 1], g[i % ng + 1], 2000 + i
}' > members.csv
"$KIOSKCTL" --db base.db members import members.csv >/dev/null
"$KIOSKCTL" --db base.db meetings add --kind 主题党日 --title 基准测试主题党日 \
  --start "2026-11-27 09:00" --end "2026-11-27 11:00" >/dev/null
awk -F, 'NR > 1 {
  print "tap-text 签到"; print "tap-text 手机尾号"; print "type " substr($3, 8, 4)
  print "tap-text " $1; print "expect-text 签到成功"; print "sleep 1500"; print "tap-text 完成"
} END { print "sleep 4000" }' members.csv > checkins.replay

# run MODE: the check-ins with speech MODE (开/关); writes MODE.trace and MODE.mem (VmRSS VmHWM
# in kB, read while the kiosk waits at the end of the replay, its last sentence said).
run() {
  cp base.db "$1.db"
  "$KIOSKCTL" --db "$1.db" settings sound --speech "$1" >/dev/null
  rm -f "$1.trace"
  SDL_DISKAUDIOFILE=/dev/null KIOSK_TRACE="$W/$1.trace" "$KIOSK" --db "$1.db" --window $SIZE \
    --now "$NOW" --http off --replay checkins.replay --snapshot-dir snaps 2>>"$OUT/kiosk-stderr.txt" &
  KPID=$!
  while kill -0 "$KPID" 2>/dev/null; do
    c=$(grep -c '^commit ' "$1.trace" 2>/dev/null || true)
    [ "${c:-0}" -lt "$CHECKINS" ] || break
    sleep 0.2
  done
  sleep 3
  awk '$1 == "VmRSS:" { r = $2 } $1 == "VmHWM:" { h = $2 } END { print r, h }' \
    "/proc/$KPID/status" > "$1.mem" 2>/dev/null || echo "- -" > "$1.mem"
  wait "$KPID" || die "the check-in replay failed (speech $1; see $OUT/kiosk-stderr.txt)"
  KPID=""
  cp "$1.trace" "$OUT/sound-$1-trace.txt"
}
# KIND: the delay from each name's tap (the tap whose commit follows) to the first frame, or
# to the first "audio" line, after the commit.
lat() {
  awk -v k="$2" '$1 == "tap" { t = $2 } $1 == "commit" { tc = t; wf = wa = 1 }
    $1 == "frame" && wf { if (k == "frame") print $2 - tc; wf = 0 }
    $1 == "audio" && wa { if (k == "audio") print $2 - tc; wa = 0 }' "$1"
}

echo "bench/sound: $CHECKINS check-ins with speech on, then off, at $SIZE" >&2
run 开
run 关
a50=$(lat 开.trace audio | pct 50); a99=$(lat 开.trace audio | pct 99)
f50=$(lat 开.trace frame | pct 50); f99=$(lat 开.trace frame | pct 99)
o50=$(lat 关.trace frame | pct 50); o99=$(lat 关.trace frame | pct 99)
n=$(lat 开.trace audio | wc -l)
set -- $(cat 开.mem); on_rss=$1 on_hwm=$2
set -- $(cat 关.mem); off_rss=$1 off_hwm=$2

{
  echo "sound ($n of $CHECKINS check-ins sounded; SDL disk audio, 512-sample buffers)"
  printf '  %-44s p50 %6s ms  p99 %6s ms\n' "tap -> first chime sample delivered to SDL" "$a50" "$a99"
  printf '  %-44s p50 %6s ms  p99 %6s ms\n' "tap -> frame, same run (speech on)" "$f50" "$f99"
  printf '  %-44s p50 %6s ms  p99 %6s ms   ratio p99 %s\n' "tap -> frame, speech off (baseline)" "$o50" "$o99" "$(ratio "$f99" "$o99")"
  printf '  %-44s %6s MiB (peak %s MiB)\n' "resident memory, speech on" "$(mib "$on_rss")" "$(mib "$on_hwm")"
  printf '  %-44s %6s MiB (peak %s MiB)   ratio %s\n' "resident memory, speech off (baseline)" "$(mib "$off_rss")" "$(mib "$off_hwm")" "$(ratio "$on_rss" "$off_rss")"
} | tee "$OUT/sound.txt"
