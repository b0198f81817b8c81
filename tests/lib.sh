# Sourced by every shell test: runs named cases, each in its own temporary folder, and prints
# one "PASS suite/case" or "FAIL suite/case (log: FILE)" line per case for tests/run.sh to count.
#   BUILD   the build folder holding kiosk, kioskctl (set by tests/run.sh)
#   LOGDIR  where each case's output goes
: "${BUILD:?BUILD must name the build folder}"
BUILD=$(cd "$BUILD" && pwd)
TOP=$(cd "$(dirname "$0")/../.." && pwd)
: "${LOGDIR:=$BUILD/test-logs}"
mkdir -p "$LOGDIR"
KIOSKCTL="$BUILD/kioskctl"
KIOSK="$BUILD/kiosk"
SUITE=$(basename "$0" .sh)
T_FAILED=0
export TZ="${TZ:-Asia/Shanghai}" LC_ALL=C.UTF-8

# fail MESSAGE: end the current case as failed.
fail() { echo "FAIL: $*" >&2; exit 1; }

# expect_eq WHAT EXPECTED ACTUAL
expect_eq() { [ "$2" = "$3" ] || fail "$1: expected [$2], got [$3]"; }

# expect_contains WHAT HAYSTACK NEEDLE
expect_contains() {
  case "$2" in *"$3"*) ;; *) fail "$1: [$3] not found in: $2" ;; esac
}

expect_not_contains() {
  case "$2" in *"$3"*) fail "$1: [$3] should not appear in: $2" ;; *) ;; esac
}

# expect_fail CMD...: the command must exit non-zero; its stderr is left in $ERR.
expect_fail() {
  if "$@" >"$T_DIR/.out" 2>"$T_DIR/.err"; then
    fail "expected failure from: $*"
  fi
  ERR=$(cat "$T_DIR/.err")
}

# run_case NAME FUNCTION: run FUNCTION in a fresh folder with set -e, record PASS or FAIL.
run_case() {
  name=$1; shift
  T_DIR=$(mktemp -d "${TMPDIR:-/tmp}/kiosk-test.XXXXXX")
  log="$LOGDIR/$SUITE.$name.log"
  (cd "$T_DIR" && set -e && "$@") >"$log" 2>&1
  rc=$?
  if [ $rc -eq 0 ]; then
    echo "PASS $SUITE/$name"
  else
    echo "FAIL $SUITE/$name (log: $log)"
    T_FAILED=$((T_FAILED + 1))
  fi
  rm -rf "$T_DIR"
}

t_done() { [ "$T_FAILED" -eq 0 ]; }
