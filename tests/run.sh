#!/bin/sh
# Run every test against one build folder and print PASS/FAIL lines, then "N passed, N failed".
#   tests/run.sh BUILD [LABEL]
set -u
BUILD=${1:?usage: tests/run.sh BUILD [LABEL]}
LABEL=${2:-}
TOP=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$(cd "$BUILD" && pwd)
LOGDIR="$BUILD/test-logs"
rm -rf "$LOGDIR"; mkdir -p "$LOGDIR"
export BUILD LOGDIR TZ=Asia/Shanghai LC_ALL=C.UTF-8
# Leaks inside SDL's and fontconfig's own caches are not ours to fix; see tests/lsan.supp.
export LSAN_OPTIONS="suppressions=$TOP/tests/lsan.supp:print_suppressions=0"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
out="$LOGDIR/all.txt"
: >"$out"

# Unit tests (cmocka), reported one line per test case through TAP.
for t in "$BUILD"/tests/*; do
  [ -x "$t" ] || continue
  name=$(basename "$t")
  CMOCKA_MESSAGE_OUTPUT=TAP "$t" >"$LOGDIR/$name.log" 2>&1
  rc=$?
  sed -n -e "s/^ok [0-9]* - \(.*\)/PASS $name\/\1/p" \
         -e "s/^not ok [0-9]* - \(.*\)/FAIL $name\/\1 (log: \$LOGDIR\/$name.log)/p" \
         "$LOGDIR/$name.log" | sed "s|\$LOGDIR|$LOGDIR|" | tee -a "$out"
  if [ $rc -ne 0 ] && ! grep -q '^not ok' "$LOGDIR/$name.log"; then
    echo "FAIL $name (exit $rc; log: $LOGDIR/$name.log)" | tee -a "$out"
  fi
done

# Shell suites: command line, screen replays, web, durability.
for dir in cli ui web durability; do
  for s in "$TOP"/tests/$dir/*.sh; do
    [ -f "$s" ] || continue
    sh "$s" 2>>"$LOGDIR/suites.stderr" | tee -a "$out"
  done
done

passed=$(grep -c '^PASS ' "$out")
failed=$(grep -c '^FAIL ' "$out")
echo "${LABEL:+$LABEL: }$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
