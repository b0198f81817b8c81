#!/bin/sh
# Every replay script in tests/ui against a fresh demo database, at 1280x800, 1920x1080 and
# 1080x1920, then the layout check over every dump it wrote. Script headers may say:
#   # now: TIME          the kiosk's clock (default 2026-11-27 09:20, when the demo is made)
#   # sizes: LIST        instead of the three sizes ("fullscreen" for --fullscreen)
#   # kioskctl: ARGS     run before the kiosk starts, e.g. to add a meeting
#   # setup: COMMAND     a shell command run first in the case's folder (e.g. a folder standing
#                        in for a USB stick)
#   # expect-fail: TEXT  the script must fail with this message
#   # kiosk: ARGS        more arguments for the kiosk (e.g. --http 127.0.0.1:0 for the QR code)
# and tests/ui/NAME.check, when present, is sourced afterwards with $OUT set.
# tests/ui/cut_known.txt lists cut text still open in issue 14 ("SIZE/NAME/DUMP.txt: "TEXT""
# lines, as the layout check prints them): such a cut is let through, and a listed one that no
# longer shows fails, so the list only shrinks.
# REPLAY=NAME (a shell pattern) runs only the scripts it names, e.g. REPLAY='checkin_*'.
. "$(dirname "$0")/../lib.sh"

DEMO_NOW="2026-11-27 09:20"
SNAPS="$BUILD/ui-snapshots"
export SDL_VIDEODRIVER=dummy

replay_case() {
  script=$1 size=$2 name=$(basename "$1" .replay)
  now=$(sed -n 's/^# now: //p' "$script" | head -n 1)
  expect_failure=$(sed -n 's/^# expect-fail: //p' "$script" | head -n 1)
  kiosk_args=$(sed -n 's/^# kiosk: //p' "$script" | head -n 1)
  OUT="$SNAPS/$size/$name"
  rm -rf "$OUT"; mkdir -p "$OUT"
  "$KIOSKCTL" --db t.db --now "$DEMO_NOW" init --demo >/dev/null
  sed -n 's/^# setup: //p' "$script" > setup.sh
  sh -e setup.sh </dev/null || fail "setup failed: $(cat setup.sh)"
  sed -n 's/^# kioskctl: //p' "$script" > setup.args
  while IFS= read -r args; do
    eval "set -- $args"
    "$KIOSKCTL" --db t.db "$@" >/dev/null || fail "setup failed: kioskctl $args"
  done < setup.args
  if [ "$size" = fullscreen ]; then window=--fullscreen; else window="--window $size"; fi
  # shellcheck disable=SC2086
  if "$KIOSK" --db t.db --now "${now:-$DEMO_NOW}" $window $kiosk_args --replay "$script" \
       --snapshot-dir "$OUT" 2>"$OUT/stderr.txt"; then
    [ -z "$expect_failure" ] || fail "expected the replay to fail with: $expect_failure"
  else
    cat "$OUT/stderr.txt"
    [ -n "$expect_failure" ] || fail "replay failed"
    grep -q "$expect_failure" "$OUT/stderr.txt" || fail "failed otherwise than expected"
  fi
  check="${script%.replay}.check"
  if [ -f "$check" ]; then
    . "$check"
  fi
  known="$TOP/tests/ui/cut_known.txt"
  grep -F "$size/$name/" "$known" | sed 's/ *#.*//' > known.txt || true
  : > seen.txt
  for dump in "$OUT"/*.txt; do
    case "$dump" in */stderr.txt) continue ;; esac
    sh "$TOP/tests/ui/layout_check.sh" "$dump" | sed "s|^$SNAPS/||" > problems.txt || true
    grep -F -f known.txt problems.txt >> seen.txt || true
    if grep -v -F -f known.txt problems.txt; then fail "layout check failed"; fi
  done
  while IFS= read -r k; do
    grep -q -F "$k" seen.txt || fail "no longer cut, remove from cut_known.txt: $k"
  done < known.txt
}

for script in "$TOP"/tests/ui/*.replay; do
  case "$(basename "$script" .replay)" in ${REPLAY:-*}) ;; *) continue ;; esac
  sizes=$(sed -n 's/^# sizes: //p' "$script" | head -n 1)
  for size in ${sizes:-1280x800 1920x1080 1080x1920}; do
    run_case "$(basename "$script" .replay)@$size" replay_case "$script" "$size"
  done
done
t_done
