#!/bin/sh
# make bench: the packaged kiosk booted in qemu, against the smallest SDL program on the same
# VM (tests/system/run.sh --bench): service start to first frame, and memory (MemoryCurrent).
# Skipped, saying so, where qemu cannot run.
BUILD=${1:-build}
cd "$(dirname "$0")/../.."
if ! command -v qemu-system-x86_64 >/dev/null || [ "$(id -u)" -ne 0 ]; then
  echo "整机测试：跳过（SKIPPED: qemu-system-x86_64 missing or not root）"
  exit 0
fi
BUILD=$BUILD LOGDIR=$BUILD/bench sh tests/system/run.sh --bench
