#!/bin/sh
# make check-system: the packaged kiosk on a booted Debian 12, in qemu (TCG; no KVM needed).
#
#   tests/system/run.sh BUILD
#
# `make deb` builds the package; tests/system/image.sh installs it with apt into a minimal
# Debian and makes the demo database as the kiosk user; qemu boots that disk with a QMP socket
# (screen, usb-tablet, USB sticks), the guest agent (commands inside), a serial console log and
# the phone server's port forwarded to loopback. The cases run in order on one VM, as a
# community would meet the kiosk: boot to the home screen, the phone page from the QR on the
# screen, sign-ins by touch through the kernel (a multitouch panel made with uinput, and
# qemu's usb-tablet), a USB stick mounted and exported to and pulled, a hung kiosk restarted by
# the watchdog, and the power cut in the middle of 300 phones, then booted again.
#
# The screen is checked against the replay driver's snapshot of the same database at the same
# moment (tests/tools/imgdiff), so "the home screen" means every pixel the dummy driver draws,
# give or take anti-aliasing, not just "something is on the screen".
#
# A machine that cannot run qemu says SKIPPED on every case, loudly; nothing is counted passed.
. "$(dirname "$0")/../lib.sh"
SUITE=system
SYS="$BUILD/system"
V="python3 $TOP/tests/system/vmctl.py"
W=1280 H=800
# The VM's clock starts here (Shanghai time), the moment image.sh made the demo database for.
VM_START_UTC="2026-11-27T01:20:00"
mkdir -p "$SYS"
SYS=$(cd "$SYS" && pwd)
QMP="$SYS/qmp.sock" QGA="$SYS/qga.sock"
LOGDIR=$(cd "$LOGDIR" && pwd) # the cases run in folders of their own
RUNLOG="$LOGDIR/system.log"
: > "$RUNLOG"
log() { echo "$(date +%T) $*" >> "$RUNLOG"; }

skip_all() {
  for c in boots_to_the_home_screen phone_page_from_the_qr touch_panel_signs_in \
           usb_tablet_signs_in usb_stick_export stick_pulled_mid_export watchdog_restarts_a_hung_kiosk \
           screen_without_egl power_cut_keeps_acknowledged_signins; do
    echo "SKIPPED system/$c: $1"
  done
  echo "********************************************************************"
  echo "* SKIPPED: the whole-system test did not run: $1"
  echo "********************************************************************"
  exit 0
}

command -v qemu-system-x86_64 >/dev/null || skip_all "qemu-system-x86_64 is missing (make deps installs it)"
command -v mmdebstrap >/dev/null || skip_all "mmdebstrap is missing (make deps installs it)"
[ "$(id -u)" -eq 0 ] || skip_all "building the image needs root (mmdebstrap --mode=root)"
[ "$(dpkg --print-architecture)" = amd64 ] || skip_all "the VM test boots an amd64 image; this machine is $(dpkg --print-architecture)"

# --- the package and the image ------------------------------------------------------------
log "make deb"
make -s -C "$TOP" deb >> "$RUNLOG" 2>&1 || skip_all "make deb failed (see $RUNLOG)"
DEB=$(ls -t "$TOP"/build/kiosk_*_amd64.deb | head -n 1)
log "image from $DEB"
sh "$TOP/tests/system/image.sh" "$DEB" "$SYS/image" >> "$RUNLOG" 2>&1 ||
  { echo "FAIL system/image (log: $RUNLOG)"; exit 1; }
# The guest-side tools, built here: a uinput touch panel and the fill-rect baseline.
gcc -static -O2 -o "$SYS/kiosk-touch" "$TOP/tests/system/touch.c" >> "$RUNLOG" 2>&1 ||
  { echo "FAIL system/tools (log: $RUNLOG)"; exit 1; }
gcc -O2 $(pkg-config --cflags sdl2) -o "$SYS/fillrect" "$TOP/tests/system/fillrect.c" \
  $(pkg-config --libs sdl2) >> "$RUNLOG" 2>&1 || { echo "FAIL system/tools (log: $RUNLOG)"; exit 1; }
# Each run starts from the image as built: a copy-on-write layer over it.
rm -f "$SYS/run.qcow2"
qemu-img create -q -f qcow2 -b "$SYS/image/root.img" -F raw "$SYS/run.qcow2" >> "$RUNLOG" 2>&1

# A free loopback port for the phone server's forward.
FWD=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')

# --- the VM -------------------------------------------------------------------------------
QEMU_PID=""
# running PID: the process exists and is not a zombie (a killed qemu stays one until the shell
# that started it reaps it, which a case, running in a subshell, cannot do).
running() { st=$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null); [ -n "$st" ] && [ "$st" != Z ]; }
vm_boot() {
  rm -f "$QMP" "$QGA"
  qemu-system-x86_64 -accel tcg -smp 2 -m 1536 -nodefaults -no-user-config \
    -vga std -display none \
    -kernel "$SYS/image/vmlinuz" -initrd "$SYS/image/initrd.img" \
    -append "root=/dev/vda rw console=ttyS0 quiet" \
    -drive file="$SYS/run.qcow2",if=virtio,format=qcow2 \
    -rtc base="$VM_START_UTC" \
    -netdev user,id=n0,hostfwd=tcp:127.0.0.1:$FWD-:8080 -device virtio-net-pci,netdev=n0 \
    -device qemu-xhci,id=xhci -device usb-tablet,bus=xhci.0 \
    -audiodev wav,id=snd0,path="$SYS/audio.wav",out.frequency=22050,out.channels=1,out.format=s16 \
    -device ich9-intel-hda -device hda-output,audiodev=snd0 \
    -chardev socket,id=qga0,path="$QGA",server=on,wait=off \
    -device virtio-serial -device virtserialport,chardev=qga0,name=org.qemu.guest_agent.0 \
    -qmp unix:"$QMP",server=on,wait=off -serial file:"$SYS/serial.log" \
    >> "$RUNLOG" 2>&1 &
  QEMU_PID=$!
  BOOT_T0=$(date +%s)
  log "qemu pid $QEMU_PID"
}
vm_stop() {
  [ -n "$QEMU_PID" ] && kill -9 "$QEMU_PID" 2>/dev/null
  [ -n "$QEMU_PID" ] && while running "$QEMU_PID"; do sleep 0.2; done
  QEMU_PID=""
  return 0
}
trap vm_stop EXIT INT TERM

run() { $V run "$QGA" "${2:-60}" "$1"; }
# Wait up to $2 s for the kiosk to be active (READY=1: its first frame is on the screen).
wait_kiosk() {
  $V agent-wait "$QGA" "$1" >> "$RUNLOG" 2>&1 || return 1
  end=$(($(date +%s) + $1))
  while [ "$(date +%s)" -lt $end ]; do
    [ "$(run 'systemctl is-active kiosk' 10 2>/dev/null)" = active ] && return 0
    sleep 2
  done
  return 1
}
screen() { $V screendump "$QMP" "$1"; }
# The guest's clock, to the second, as --now takes it.
guest_now() { run 'date "+%Y-%m-%d %H:%M:%S"'; }
# A consistent copy of the kiosk's database, on the host.
fetch_db() {
  run 'rm -f /tmp/copy.db; sqlite3 /var/lib/kiosk/kiosk.db ".backup /tmp/copy.db"' >/dev/null
  run 'base64 -w0 /tmp/copy.db' 120 | base64 -d > "$1"
}
# replay NOW SCRIPT DIR: the same database on the host, drawn by the replay driver.
replay() {
  cp "$SYS/copy.db" "$3/r.db"
  SDL_VIDEODRIVER=dummy "$KIOSK" --db "$3/r.db" --now "$1" --window ${W}x$H \
    --http 127.0.0.1:0 --public-url http://10.0.2.15:8080 --replay "$2" --snapshot-dir "$3" \
    >> "$RUNLOG" 2>&1
}
# centre LABEL DUMP: "X Y" of the widget labelled LABEL in a replay dump: exactly, else the one
# whose label starts with LABEL and a space (a button's second line: "签到 点这里，找到您的名字").
centre() {
  awk -v want="$1" '!/^#/ { l = $0; for (i = 1; i <= 5; i++) sub(/^[^ ]+ /, "", l);
      c = sprintf("%d %d", $1 + $3 / 2, $2 + $4 / 2)
      if (l == want) exact = exact ? exact : c
      else if (index(l, want " ") == 1) { prefix = c; n++ } }
    END { if (exact) print exact; else if (n == 1) print prefix }' "$2"
}
# Wait until the guest's clock is well inside a 30-second QR period (the kiosk has had some
# seconds to draw the new code, even in software under TCG), so a screendump and a replay at the
# same second show the same token.
early_in_period() {
  for i in $(seq 1 40); do
    s=$(run 'date +%S' 10); s=${s#0}
    [ $((s % 30)) -ge 8 ] && [ $((s % 30)) -le 22 ] && return 0
    sleep 1
  done
}

DIFF_SAME=4.0   # at most this % of pixels may differ for "the same screen"
IMGDIFF="$BUILD/tools/imgdiff"
[ -x "$IMGDIFF" ] || make -s -C "$TOP" BUILD="$BUILD" "$BUILD/tools/imgdiff" >> "$RUNLOG" 2>&1

# same_screen NAME REPLAY-PNG VM-PNG: the % of differing pixels, under DIFF_SAME.
same_screen() {
  d=$("$IMGDIFF" "$2" "$3") || fail "$1: cannot compare $2 and $3"
  echo "$1: $d % of pixels differ"
  awk -v d="$d" -v max="$DIFF_SAME" 'BEGIN { exit !(d <= max) }' ||
    fail "$1: the VM's screen is not the replay's ($d % of pixels differ; see $3 and $2)"
}

# --- make bench: start to first frame and memory, the kiosk against the fill-rect baseline ------
# usec PROPERTY UNIT: a systemd timestamp or counter of UNIT in the guest.
prop() { run "systemctl show -p $1 --value $2" 20; }
if [ "${1:-}" = --bench ]; then
  vm_boot
  wait_kiosk 600 || { echo "bench: the kiosk did not start in the VM (log: $RUNLOG)"; exit 1; }
  sleep 20 # let the kiosk settle before reading its memory
  k_start=$(prop ExecMainStartTimestampMonotonic kiosk) k_ready=$(prop ActiveEnterTimestampMonotonic kiosk)
  k_mem=$(prop MemoryCurrent kiosk)
  # The baseline on the same booted VM, the kiosk stopped: SDL on KMSDRM, a rectangle, once.
  run 'systemctl stop kiosk' 60 >/dev/null
  sleep 3
  $V put "$QGA" "$SYS/fillrect" /usr/local/bin/fillrect 755
  run 'systemd-run --unit=baseline -p User=kiosk -p SupplementaryGroups="video input render" \
       -E SDL_VIDEODRIVER=kmsdrm -E SDL_RENDER_DRIVER=opengles2 /usr/local/bin/fillrect' 30 >/dev/null
  for i in $(seq 1 120); do
    frame=$(run 'journalctl -u baseline -o cat --no-pager | sed -n "s/^frame \([0-9]*\).*/\1/p"' 20)
    [ -n "$frame" ] && break
    sleep 2
  done
  sleep 10
  b_start=$(prop ExecMainStartTimestampMonotonic baseline) b_mem=$(prop MemoryCurrent baseline)
  vm_stop
  [ -n "$frame" ] || { echo "bench: the baseline drew nothing (log: $RUNLOG)"; exit 1; }
  awk -v ks="$k_start" -v kr="$k_ready" -v km="$k_mem" -v bs="$b_start" -v bf="$frame" -v bm="$b_mem" 'BEGIN {
    kf = (kr - ks) / 1e6; bfs = (bf * 1000 - bs) / 1e6
    printf "\n整机测试（qemu TCG，软件 GL）            签到机        基准 fillrect   比值\n"
    printf "开机到签到机第一帧                       %8.1f s\n", kr / 1e6
    printf "服务启动到第一帧                         %8.1f s   %8.1f s   %6.2f\n", kf, bfs, kf / bfs
    printf "服务内存 MemoryCurrent                   %8.1f MB  %8.1f MB  %6.2f\n", km / 1048576, bm / 1048576, km / bm
  }'
  exit 0
fi

# home_matches NAME: the VM's screen now against the replay's home screen of the same
# database at the same second; leaves $SYS/NAME-vm.png and $SYS/NAME.png to look at.
# A screen drawn in software under TCG can take some seconds to show a new QR code, so a
# comparison that differs is tried again in the next QR period (up to three times); a screen
# that is not the home screen differs every time.
home_matches() {
  for attempt in 1 2 3; do
    fetch_db "$SYS/copy.db"
    early_in_period
    now=$(guest_now)
    screen "$SYS/$1-vm.png"
    printf 'snap %s\ndump %s\ntap-text 签到\nsnap %s-finder\n' "$1" "$1" "$1" > "$SYS/$1.replay"
    replay "$now" "$SYS/$1.replay" "$SYS" || fail "the replay of the home screen failed"
    d=$("$IMGDIFF" "$SYS/$1.png" "$SYS/$1-vm.png") || fail "cannot compare $1"
    awk -v d="$d" -v max="$DIFF_SAME" 'BEGIN { exit !(d <= max) }' && break
    echo "$1 at $now: $d % of pixels differ; again in the next QR period"
    sleep 15
  done
  same_screen "$1 at $now" "$SYS/$1.png" "$SYS/$1-vm.png"
}

vm_boot

# --- 1. boot to READY and the home screen -----------------------------------------------------
case_boots_to_the_home_screen() {
  wait_kiosk 600 || fail "the kiosk was not active 600 s after boot; $(run 'journalctl -b -u kiosk --no-pager | tail -20' 2>&1)"
  log "kiosk ready after $(($(date +%s) - BOOT_T0)) s"
  run 'journalctl -b -u kiosk -o cat --no-pager' > journal.txt
  grep -q '绘制：opengles2' journal.txt || fail "the kiosk did not draw with GLES2 on KMSDRM: $(grep 显示 journal.txt)"
  grep '显示：' journal.txt
  home_matches home
  # The comparison must be able to tell screens apart: the finder is not the home screen.
  other=$("$IMGDIFF" "$SYS/home-finder.png" "$SYS/home-vm.png")
  awk -v d="$other" -v max="$DIFF_SAME" 'BEGIN { exit !(d > 3 * max) }' ||
    fail "imgdiff cannot tell the finder from the home screen ($other %)"
}
run_case boots_to_the_home_screen case_boots_to_the_home_screen

# --- 2. the phone page, from the QR code on the VM's screen ----------------------------------
case_phone_page_from_the_qr() {
  command -v zbarimg >/dev/null || fail "zbarimg missing (make deps installs zbar-tools)"
  url=$(zbarimg -q --raw "$SYS/home-vm.png") || fail "no QR code found on the VM's home screen"
  echo "QR: $url"
  case "$url" in http://10.0.2.15:8080/s/*) ;; *) fail "the QR names $url" ;; esac
  page=$(curl -s -m 60 "http://127.0.0.1:$FWD/s/${url##*/s/}") || fail "the phone page did not load"
  expect_contains "the phone page" "$page" "最后 4 位"
}
run_case phone_page_from_the_qr case_phone_page_from_the_qr

# --- 3 and 4. sign-ins by touch, through the guest kernel's input devices --------------------
# pick_member NOW N: "MEETING ID NAME TAIL" of the Nth member expected at the meeting on at NOW, not
# signed in, whose name and whose phone's last four digits no other member shares.
pick_member() {
  sqlite3 -separator ' ' "$SYS/copy.db" "
    WITH now AS (SELECT id FROM meetings WHERE cancelled = 0 AND start_at <= '$1' AND end_at > '$1'
                 ORDER BY start_at LIMIT 1)
    SELECT e.meeting_id, m.id, m.name, substr(m.phone, -4) FROM members m JOIN expected e ON e.member_id = m.id
    WHERE e.meeting_id = (SELECT id FROM now) AND length(m.phone) >= 4 AND m.active = 1
      AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.meeting_id = e.meeting_id AND a.member_id = m.id)
      AND (SELECT count(*) FROM members o WHERE o.active = 1 AND substr(o.phone, -4) = substr(m.phone, -4)) = 1
      AND (SELECT count(*) FROM members o WHERE o.active = 1 AND o.name = m.name) = 1
    ORDER BY m.id LIMIT 1 OFFSET $2"
}

# The taps of a check-in by phone digits, with where each lands, from the replay driver's dumps
# of the same database: 签到, 手机尾号, four digits, the name. Writes taps.txt ("X Y" a line).
plan_taps() {
  name=$1 tail=$2
  {
    echo "dump t0"; echo "tap-text 签到"; echo "dump t1"; echo "tap-text 手机尾号"; echo "dump t2"
    for d in $(echo "$tail" | sed 's/./& /g'); do echo "tap-text $d"; done
    echo "dump t3"; echo "tap-text $name"; echo "expect-text 签到成功"; echo "snap signed"
    echo "dump t4"
  } > taps.replay
  replay "$3" taps.replay "$PWD" || fail "the replay of the check-in failed: $(tail -3 "$RUNLOG")"
  { centre 签到 t0.txt; centre 手机尾号 t1.txt
    for d in $(echo "$tail" | sed 's/./& /g'); do centre "$d" t2.txt; done
    centre "$name" t3.txt; } > taps.txt
  centre 完成 t4.txt > done.txt
  [ "$(wc -l < taps.txt)" -eq 7 ] && [ -s done.txt ] ||
    fail "could not place every tap: $(cat taps.txt)"
}

# check_signed_in MEETING ID HOW: one attendance row for the member at the meeting, by touch,
# and the VM's screen shows the success card.
check_signed_in() {
  rows=$(run "sqlite3 /var/lib/kiosk/kiosk.db \"select count(*), max(method) from attendance where meeting_id = $1 and member_id = $2\"")
  expect_eq "attendance rows for member $2 at meeting $1 ($3)" "1|touch" "$rows"
  screen "$SYS/signed-$3.png"
  cp signed.png "$SYS/signed-$3-replay.png"
  same_screen "success card ($3)" "$SYS/signed-$3-replay.png" "$SYS/signed-$3.png"
}

# sign_in_with TAP HOW: a member not yet signed in, found by phone digits and tapped by the
# function TAP (X Y) on the VM's screen; then one row and the success card, then 完成.
sign_in_with() {
  fetch_db "$SYS/copy.db"
  now=$(guest_now)
  set -- "$@" $(pick_member "$now" 0)
  [ -n "${6:-}" ] || fail "no member to sign in at $now"
  tap=$1 how=$2 meeting=$3 id=$4 name=$5 tail=$6
  echo "member $id $name (…$tail) at $now, by $how"
  plan_taps "$name" "$tail" "$now"
  while read -r x y; do
    $tap "$x" "$y"
    sleep 4 # a frame under TCG and software GL
  done < taps.txt
  check_signed_in "$meeting" "$id" "$how"
  read -r x y < done.txt
  $tap "$x" "$y"
  sleep 2
}

# A multitouch panel made with uinput in the guest, fed through a FIFO.
panel_tap() { run "echo $1,$2 > /run/touch.fifo" >/dev/null; }
case_touch_panel_signs_in() {
  $V put "$QGA" "$SYS/kiosk-touch" /usr/local/bin/kiosk-touch 755
  run 'rm -f /run/touch.fifo; mkfifo /run/touch.fifo' >/dev/null
  $V spawn "$QGA" 'kiosk-touch 1280 800 /run/touch.fifo > /run/touch.log 2>&1'
  sleep 5 # udev tags the new panel and SDL opens it
  sign_in_with panel_tap panel
  run 'echo quit > /run/touch.fifo; cat /run/touch.log'
}
run_case touch_panel_signs_in case_touch_panel_signs_in

# qemu's usb-tablet: an absolute pointer, as many USB touch panels present themselves.
tablet_tap() { $V tablet "$QMP" "$1" "$2" $W $H; }
case_usb_tablet_signs_in() {
  sign_in_with tablet_tap tablet
}
run_case usb_tablet_signs_in case_usb_tablet_signs_in

# A sound card (qemu's HDA, written to a wav file): a check-in is heard, a chime then speech.
# The card's mixer starts muted; the package's alsa-utils sets it up when the card appears.
case_check_in_sounds() {
  journal=$(run 'journalctl -b -u kiosk -o cat | grep 声音 || true')
  echo "$journal"
  expect_contains "the kiosk found the sound card" "$journal" "声音：alsa"
  off=$(stat -c %s "$SYS/audio.wav")
  sign_in_with tablet_tap sound
  sleep 8 # the chime and the sentence play in real time
  tail -c +$((off + 1)) "$SYS/audio.wav" > "$SYS/checkin.pcm"
  set -- $(python3 "$TOP/tests/ui/pcm.py" "$SYS/checkin.pcm")
  echo "peak $1, chime ${2} ms at ${3} Hz, speech ${4} ms"
  [ "$1" -gt 3000 ] || fail "the check-in is silent in the VM (peak $1)"
  [ "$2" -ge 250 ] && [ "$2" -le 700 ] || fail "no chime-length sound (${2} ms)"
  [ "$4" -ge 800 ] || fail "no speech after the chime (${4} ms)"
}
run_case check_in_sounds case_check_in_sounds

# new_stick IMG: an empty 64 MB FAT32 stick.
new_stick() { rm -f "$1"; mkfs.vfat -C -F 32 -n KIOSK "$1" 65536 >/dev/null; }

# plug_stick NAME IMG: the stick plugged into the VM's USB; waits for udev to mount it and sets
# $MNT to where it is mounted. attach_stick NAME does the same for a block node already added.
plug_stick() {
  $V qmp "$QMP" blockdev-add "{\"driver\":\"raw\",\"node-name\":\"$1\",\"file\":{\"driver\":\"file\",\"filename\":\"$2\"}}" >/dev/null
  attach_stick "$1"
}
attach_stick() {
  $V qmp "$QMP" device_add "{\"driver\":\"usb-storage\",\"id\":\"dev-$1\",\"drive\":\"$1\",\"bus\":\"xhci.0\"}" >/dev/null
  MNT=""
  for i in $(seq 1 30); do
    MNT=$(run 'findmnt -rn -o TARGET,FSTYPE | grep "^/media/kiosk/" | cut -d" " -f1' 10 2>/dev/null) && [ -n "$MNT" ] && return 0
    sleep 2
  done
  fail "the stick was not mounted under /media/kiosk: $(run 'journalctl -b -t kiosk-usb --no-pager | tail -3')"
}

# --- 5. a USB stick: mounted by udev, exported to, pulled ---------------------------------------
case_usb_stick_export() {
  command -v mcopy >/dev/null || fail "mtools missing"
  new_stick "$SYS/stick.img"
  # What an office hands over: a roster saved by Excel as CSV, and a folder of study materials.
  printf '姓名,所属支部,联系电话\r\n测试党员,第一党支部,13912340000\r\n' > roster.csv
  mkdir -p 学习资料/通知公告
  printf '# 活动室开放时间\n\n每周二、周四上午九点到十一点。\n' > 学习资料/通知公告/开放时间.md
  mcopy -i "$SYS/stick.img" roster.csv ::名单.csv
  mcopy -s -i "$SYS/stick.img" 学习资料 ::
  plug_stick stick1 "$SYS/stick.img"
  dir=$MNT
  echo "mounted: $dir"
  run "findmnt -rn -o FSTYPE $dir" | grep -q vfat || fail "the stick is not mounted as vfat"
  run "runuser -u kiosk -- kioskctl --db /var/lib/kiosk/kiosk.db members import $dir/名单.csv" 120 ||
    fail "the roster on the stick did not import"
  run "runuser -u kiosk -- kioskctl --db /var/lib/kiosk/kiosk.db materials import $dir/学习资料" 300 ||
    fail "the study materials on the stick did not import"
  expect_contains "the imported materials" "$(run 'runuser -u kiosk -- kioskctl --db /var/lib/kiosk/kiosk.db materials list')" "开放时间"
  out=$(run "runuser -u kiosk -- kioskctl --db /var/lib/kiosk/kiosk.db export --to $dir" 300) ||
    fail "kioskctl export to the stick failed: $out"
  folder=$(basename "$out")
  echo "exported: $folder"
  $V qmp "$QMP" device_del '{"id":"dev-stick1"}' >/dev/null
  for i in $(seq 1 20); do
    run "findmnt -rn $dir" 10 >/dev/null 2>&1 || break
    sleep 1
  done
  run "findmnt -rn $dir" 10 >/dev/null 2>&1 && fail "the stick is still mounted after it was pulled"
  sleep 2
  $V qmp "$QMP" blockdev-del '{"node-name":"stick1"}' >/dev/null || true
  # On the host, as the office would: the files, and the manifest's sizes and hashes.
  mcopy -n -s -i "$SYS/stick.img" "::$folder" . || fail "mtools cannot read the folder $folder"
  [ -s "$folder/签到表.xlsx" ] || fail "no 签到表.xlsx in $folder"
  python3 - "$folder" <<'PY' || fail "the manifest does not match the files"
import hashlib, json, os, sys
d = sys.argv[1]
m = json.load(open(os.path.join(d, "manifest.json"), encoding="utf-8"))
files = m.get("files")
items = files.items() if isinstance(files, dict) else [(f.get("name"), f) for f in files]
n = 0
for name, f in items:
    data = open(os.path.join(d, name), "rb").read()
    assert hashlib.sha256(data).hexdigest() == f["sha256"], name
    assert len(data) == f["bytes"], name
    n += 1
assert n >= 2, "too few files in the manifest"
print("manifest: %d files match" % n)
PY
}
run_case usb_stick_export case_usb_stick_export

case_stick_pulled_mid_export() {
  new_stick "$SYS/stick2.img"
  # A slow stick (64 KB/s, qemu's throttling), so the export is still writing when it is pulled.
  $V qmp "$QMP" object-add '{"qom-type":"throttle-group","id":"slow","limits":{"bps-write":65536}}' >/dev/null
  $V qmp "$QMP" blockdev-add "{\"driver\":\"throttle\",\"node-name\":\"stick2\",\"throttle-group\":\"slow\",\"file\":{\"driver\":\"raw\",\"file\":{\"driver\":\"file\",\"filename\":\"$SYS/stick2.img\"}}}" >/dev/null
  attach_stick stick2
  $V spawn "$QGA" "runuser -u kiosk -- sh -c 'kioskctl --db /var/lib/kiosk/kiosk.db export --to $MNT > /tmp/export2.log 2>&1; echo rc=\$? >> /tmp/export2.log'"
  # Pulled the moment the export's working folder is on the stick.
  seen=""
  for i in $(seq 1 60); do
    if run "ls -a $MNT | grep -q '^\.导出中'" 10 2>/dev/null; then seen=yes; break; fi
    run 'grep -q "^rc=" /tmp/export2.log' 10 2>/dev/null && break
    sleep 0.3
  done
  [ -n "$seen" ] || fail "the export was not seen writing: $(run 'cat /tmp/export2.log' 10)"
  $V qmp "$QMP" device_del '{"id":"dev-stick2"}' >/dev/null
  for i in $(seq 1 60); do
    run 'grep -q "^rc=" /tmp/export2.log' 10 2>/dev/null && break
    sleep 2
  done
  log=$(run 'cat /tmp/export2.log')
  echo "$log"
  expect_contains "the export's answer after the pull" "$log" "rc="
  expect_not_contains "the export's answer after the pull" "$log" "rc=0"
  sleep 2
  $V qmp "$QMP" blockdev-del '{"node-name":"stick2"}' >/dev/null || true
  listing=$(mdir -b -i "$SYS/stick2.img" :: 2>&1 || true)
  echo "on the stick: $listing"
  expect_not_contains "the pulled stick" "$listing" "签到记录_"
}
run_case stick_pulled_mid_export case_stick_pulled_mid_export

# --- 6. a hung kiosk: the watchdog restarts it, and the screen comes back ------------------------
case_watchdog_restarts_a_hung_kiosk() {
  pid=$(run 'systemctl show -p MainPID --value kiosk')
  [ "$pid" -gt 0 ] || fail "no kiosk process"
  run "kill -STOP $pid" >/dev/null
  t0=$(date +%s)
  end=$((t0 + 180))
  while [ "$(date +%s)" -lt $end ]; do
    new=$(run 'systemctl show -p MainPID --value kiosk' 10 2>/dev/null || echo 0)
    state=$(run 'systemctl is-active kiosk' 10 2>/dev/null || true)
    [ "$new" != "$pid" ] && [ "$new" != 0 ] && [ "$state" = active ] && break
    sleep 3
  done
  [ "$new" != "$pid" ] && [ "$state" = active ] ||
    fail "the kiosk was not restarted and back within 180 s of hanging ($pid -> $new, $state)"
  echo "restarted: $pid -> $new after $(($(date +%s) - t0)) s"
  run 'journalctl -b -u kiosk --no-pager | grep -i watchdog' || fail "systemd did not say the watchdog fired"
  home_matches after-hang
}
run_case watchdog_restarts_a_hung_kiosk case_watchdog_restarts_a_hung_kiosk

# --- 7. a board whose GL stack cannot start: the screen still shows, through a KMS dumb buffer --
case_screen_without_egl() {
  # As on a board whose GLES and EGL libraries are missing: SDL cannot make its window.
  run 'mkdir -p /run/systemd/system/kiosk.service.d &&
       printf "[Service]\nInaccessiblePaths=-/usr/lib/x86_64-linux-gnu/libGLESv2.so.2 -/usr/lib/x86_64-linux-gnu/libEGL.so.1\n" > /run/systemd/system/kiosk.service.d/no-egl.conf &&
       systemctl daemon-reload && systemctl restart --no-block kiosk' 60 >/dev/null
  sleep 5
  wait_kiosk 300 || fail "the kiosk did not start without EGL: $(run 'journalctl -b -u kiosk -o cat --no-pager | tail -5')"
  run 'journalctl -b -u kiosk -o cat --no-pager | grep 显示 | tail -3' > journal.txt
  cat journal.txt
  grep -q 'KMS 哑缓冲' journal.txt || fail "the kiosk did not say it took the dumb-buffer path"
  home_matches no-egl
  run 'rm -f /run/systemd/system/kiosk.service.d/no-egl.conf && systemctl daemon-reload &&
       systemctl restart --no-block kiosk' 60 >/dev/null
  sleep 5
  wait_kiosk 300 || fail "the kiosk did not come back with EGL"
}
run_case screen_without_egl case_screen_without_egl

# --- 8. the power cut in the middle of 300 phones ------------------------------------------------
case_power_cut_keeps_acknowledged_signins() {
  trap vm_stop EXIT # this case boots the VM again, in its own subshell
  command -v node >/dev/null || fail "node missing (make deps installs nodejs)"
  # 300 more members of 第一党支部, whose phones end in 7000..7299.
  { echo "姓名,所属支部,联系电话"
    i=0; while [ $i -lt 300 ]; do printf '手机党员%03d,第一党支部,1370000%04d\n' $i $((7000 + i)); i=$((i + 1)); done
  } > burst.csv
  i=0; while [ $i -lt 300 ]; do printf '手机党员%03d\t%04d\n' $i $((7000 + i)); i=$((i + 1)); done > burst.tsv
  $V put "$QGA" burst.csv /tmp/burst.csv 644
  run 'runuser -u kiosk -- kioskctl --db /var/lib/kiosk/kiosk.db members import /tmp/burst.csv' 300 ||
    fail "the roster import in the guest failed"
  # The QR token now, from the screen, as a phone would get it.
  early_in_period
  screen "$SYS/burst-home.png"
  url=$(zbarimg -q --raw "$SYS/burst-home.png") || fail "no QR on the screen"
  token=${url##*/s/}
  : > acks.txt
  node "$TOP/tests/web/loadgen.mjs" signin "http://127.0.0.1:$FWD" "$token" burst.tsv acks.txt 10 "$QEMU_PID" \
    > burst.json 2>&1 || true
  cat burst.json
  # qemu is the parent shell's child, not this case's: wait for it to be gone.
  while running "$QEMU_PID"; do sleep 0.2; done
  QEMU_PID=""
  acked=$(wc -l < acks.txt)
  echo "acknowledged before the power cut: $acked of 300"
  [ "$acked" -ge 10 ] || fail "too few sign-ins before the cut to test anything"
  [ "$acked" -lt 300 ] || fail "the burst finished before the cut"
  vm_boot
  wait_kiosk 600 || fail "the kiosk did not come back after the power cut"
  run 'runuser -u kiosk -- kioskctl --db /var/lib/kiosk/kiosk.db check' 120 || fail "kioskctl check is not clean after the power cut"
  run "sqlite3 /var/lib/kiosk/kiosk.db \"select m.name from attendance a join members m on m.id = a.member_id where m.name like '手机党员%'\"" 60 |
    sort > recorded.txt
  cut -f1 acks.txt | sort -u > acked.txt
  missing=$(comm -23 acked.txt recorded.txt | head -5)
  [ -z "$missing" ] || fail "acknowledged sign-ins lost in the power cut: $missing"
  echo "recorded after the cut: $(wc -l < recorded.txt), every one of the $acked acknowledged among them"
}
run_case power_cut_keeps_acknowledged_signins case_power_cut_keeps_acknowledged_signins

vm_stop
cp "$SYS/serial.log" "$LOGDIR/system-serial.log" 2>/dev/null
t_done
