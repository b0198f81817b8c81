#!/bin/sh
# make fuzz: build every tests/fuzz/fuzz_*.c as a libFuzzer target with ASan and UBSan, run each
# for its share of SECONDS (at least 10 s) on a scratch copy of its seeds, tests/fuzz/corpus/NAME/
# (NAME = file name without "fuzz_" and ".c"), and print "PASS fuzz/NAME" or
# "FAIL fuzz/NAME (...; log: FILE)", then "N passed, N failed". Exits non-zero when any fails.
#   tests/fuzz/run.sh [SECONDS]          environment: BUILD (default build), FUZZ_CC (clang)
#
# The core and the phone server (kiosk/web, for fuzz_http) are compiled file by file into an
# archive, and a file that does not compile is left out with a note: the linker takes from an archive only what a target uses, so one core file
# in the middle of being written does not stop the targets that do not need it.
set -u
cd "$(dirname "$0")/../.." || exit 1
TOP=$(pwd)
TOTAL=${1:-60}
BUILD=${BUILD:-build}
FUZZ_CC=${FUZZ_CC:-clang}
OUT=$BUILD/fuzz
OBJ=$OUT/obj
LIB=$OUT/libkioskcore-fuzz.a

case $TOTAL in ''|*[!0-9]*) echo "usage: tests/fuzz/run.sh [SECONDS]" >&2; exit 2 ;; esac
if ! command -v "$FUZZ_CC" >/dev/null 2>&1; then
  echo "FAIL fuzz ($FUZZ_CC not found; run make deps)"
  exit 1
fi

targets=$(ls tests/fuzz/fuzz_*.c 2>/dev/null)
if [ -z "$targets" ]; then
  echo "no fuzz targets in tests/fuzz"
  exit 0
fi
count=$(echo "$targets" | wc -l)
per=$((TOTAL / count))
[ "$per" -lt 10 ] && per=10

rm -rf "$OBJ"
mkdir -p "$OBJ"

# Generated core sources (migrations, pinyin table): ask the Makefile which they are and let it
# make them, so this script never keeps its own copy of that list. If that fails, targets that
# need them fail to link and say so; the others still run.
# shellcheck disable=SC2016  # $(GEN_SRC) is for make to expand
gen=$(printf 'fuzz-print-gen:\n\t@echo $(GEN_SRC)\n' |
      make -s --no-print-directory -f Makefile -f - BUILD="$BUILD" fuzz-print-gen 2>/dev/null)
# shellcheck disable=SC2086  # $gen is a list of files
# The phone pages, built into the web server's side (not a core source).
gen="$gen $BUILD/gen/phone_assets.c"
if ! make -s BUILD="$BUILD" $gen >"$OUT/gen.log" 2>&1; then
  echo "note: could not generate $gen (log: $OUT/gen.log)"
fi

SAN="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined"
# The core's libraries, as the Makefile lists them.
# shellcheck disable=SC2016  # $(PKG_CORE) is for make to expand
pkgs=$(printf 'fuzz-print-pkgs:\n\t@echo $(PKG_CORE)\n' |
       make -s --no-print-directory -f Makefile -f - BUILD="$BUILD" fuzz-print-pkgs 2>/dev/null)
# shellcheck disable=SC2086
CFLAGS_FUZZ="-std=c11 -D_GNU_SOURCE -g -O1 -Ikiosk -I$BUILD/gen $(pkg-config --cflags ${pkgs:-sqlite3} libmicrohttpd 2>/dev/null)"
# shellcheck disable=SC2086
LIBS_FUZZ="$(pkg-config --libs ${pkgs:-sqlite3} libmicrohttpd 2>/dev/null) -lpthread -lm"

for src in kiosk/core/*/*.c kiosk/web/*.c "$BUILD"/gen/*.c; do
  [ -f "$src" ] || continue
  o=$OBJ/$(echo "$src" | tr / _ | sed 's/\.c$/.o/')
  # shellcheck disable=SC2086
  if ! $FUZZ_CC $CFLAGS_FUZZ $SAN -fsanitize=fuzzer-no-link "-DKIOSK_DATADIR=\"$TOP/assets\"" \
       -c "$src" -o "$o" >"$o.log" 2>&1; then
    echo "note: left out $src, it does not compile (log: $o.log)"
    rm -f "$o"
  fi
done
rm -f "$LIB"
objs=$(ls "$OBJ"/*.o 2>/dev/null)
# shellcheck disable=SC2086
[ -n "$objs" ] && ar rcs "$LIB" $objs

passed=0 failed=0
for src in $targets; do
  name=$(basename "$src" .c); name=${name#fuzz_}
  bin=$OUT/fuzz_$name
  log=$OUT/$name.log
  # shellcheck disable=SC2086
  if ! $FUZZ_CC $CFLAGS_FUZZ $SAN -fsanitize=fuzzer "$src" ${objs:+"$LIB"} $LIBS_FUZZ -o "$bin" \
       >"$log" 2>&1; then
    echo "FAIL fuzz/$name (does not build; log: $log)"
    failed=$((failed + 1))
    continue
  fi
  rm -f "$OUT/$name-"*
  scratch=$(mktemp -d "${TMPDIR:-/tmp}/kiosk-fuzz-$name.XXXXXX")
  [ -d "tests/fuzz/corpus/$name" ] && cp -R "tests/fuzz/corpus/$name/." "$scratch/"
  # A timeout or an out-of-memory counts as a failure, like a crash: hostile input must do neither.
  if "$bin" -max_total_time="$per" -timeout=10 -rss_limit_mb=2048 \
       -artifact_prefix="$OUT/$name-" -print_final_stats=1 "$scratch" >"$log" 2>&1; then
    echo "PASS fuzz/$name"
    passed=$((passed + 1))
  else
    echo "FAIL fuzz/$name (input saved as $OUT/$name-*; log: $log)"
    failed=$((failed + 1))
  fi
  rm -rf "$scratch"
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
