#!/bin/sh
# make check: build with -Werror, run every test; build again with AddressSanitizer and
# UndefinedBehaviorSanitizer, run every test again; end with the overall "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
JOBS=$(nproc 2>/dev/null || echo 2)
total_pass=0 total_fail=0

pass() {
  build=$1; label=$2; shift 2
  if ! make -s -j"$JOBS" WERROR=1 BUILD="$build" "$@" tests; then
    echo "FAIL build $label"
    total_fail=$((total_fail + 1))
    return
  fi
  sh tests/run.sh "$build" "$label" >"$build/run.out" 2>&1
  cat "$build/run.out"
  p=$(grep -c '^PASS ' "$build/run.out"); f=$(grep -c '^FAIL ' "$build/run.out")
  total_pass=$((total_pass + p)); total_fail=$((total_fail + f))
}

pass build plain
pass build/san sanitizers SANITIZE=address,undefined

# The packaged kiosk booted in qemu, once (it runs the package, not a sanitizer build); on a
# machine that cannot run qemu it says SKIPPED loudly and counts nothing.
BUILD=build LOGDIR="$(pwd)/build/test-logs-system" sh tests/system/run.sh >build/system.out 2>&1
cat build/system.out
p=$(grep -c '^PASS ' build/system.out); f=$(grep -c '^FAIL ' build/system.out)
total_pass=$((total_pass + p)); total_fail=$((total_fail + f))
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
