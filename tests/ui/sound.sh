#!/bin/sh
# The kiosk's sounds, heard through SDL's disk audio driver: the replay's PCM (16-bit mono,
# 22050 Hz) is read by tests/ui/pcm.py. A check-in gives a chime and then speech; an "already"
# sounds different; mute and quiet hours are silent; ten phones at once are said once.
. "$(dirname "$0")/../lib.sh"

NOW="2026-11-27 09:20"
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE=out.pcm
PCM="python3 $TOP/tests/ui/pcm.py"

demo() { "$KIOSKCTL" --db t.db --now "$NOW" init --demo >/dev/null; }

# play LINES...: run the kiosk on a replay of these lines, then give it time to finish sounding.
play() {
  printf '%s\n' "$@" "sleep 4500" > run.replay
  "$KIOSK" --db t.db --now "$NOW" --window 1280x800 --replay run.replay --snapshot-dir . \
    2>kiosk.err || { cat kiosk.err; fail "replay failed"; }
  set -- $($PCM out.pcm)
  PEAK=$1 CHIME_MS=$2 CHIME_HZ=$3 SPEECH_MS=$4 SOUNDS=$5
  echo "peak $PEAK chime ${CHIME_MS}ms ${CHIME_HZ}Hz speech ${SPEECH_MS}ms sounds $SOUNDS"
}

sign_in() { play "tap-text 签到" "tap-text $1" "expect-text $2"; }

case_checkin_chimes_then_speaks() {
  demo
  sign_in 江鹏 签到成功
  [ "$PEAK" -gt 5000 ] || fail "the check-in is silent (peak $PEAK)"
  [ "$CHIME_MS" -ge 300 ] && [ "$CHIME_MS" -le 600 ] || fail "chime of ${CHIME_MS} ms, not 0.3-0.6 s"
  [ "$SPEECH_MS" -ge 800 ] || fail "no speech after the chime (${SPEECH_MS} ms)"
  [ "$SOUNDS" -eq 1 ] || fail "$SOUNDS separate sounds for one check-in"
}

case_already_sounds_different() {
  demo
  sign_in 江鹏 签到成功
  $PCM out.pcm --env > first.env
  set -- $CHIME_MS $CHIME_HZ $SPEECH_MS
  # 何婷 signed in before the meeting began, in the demo.
  sign_in 何婷 已签到
  $PCM out.pcm --env > already.env
  [ "$PEAK" -gt 5000 ] || fail "the already-signed-in is silent"
  [ "$SPEECH_MS" -ge 800 ] || fail "no speech after the already chime"
  # Told apart without looking: length and pitch both differ.
  [ $(( $1 - CHIME_MS )) -ge 100 ] || fail "chimes of $1 ms and $CHIME_MS ms are too alike in length"
  [ $(( $2 - CHIME_HZ )) -ge 100 ] || fail "chimes of $2 Hz and $CHIME_HZ Hz are too alike in pitch"
  ! cmp -s first.env already.env || fail "the two chimes have the same envelope"
}

case_mute_is_silent() {
  demo
  "$KIOSKCTL" --db t.db settings sound --mute 开 >/dev/null
  sign_in 江鹏 签到成功
  [ "$PEAK" -lt 50 ] || fail "muted, yet the PCM peaks at $PEAK"
}

case_quiet_hours_are_silent() {
  demo
  "$KIOSKCTL" --db t.db settings sound --quiet 09:00-10:00 >/dev/null
  play "expect-text 免打扰" "tap-text 签到" "tap-text 江鹏" "expect-text 签到成功"
  [ "$PEAK" -lt 50 ] || fail "in quiet hours, yet the PCM peaks at $PEAK"
}

case_speaker_mutes_the_next_check_in() {
  demo
  play "tap-text 声音" "expect-text 已静音" "tap-text 签到" "tap-text 江鹏" "expect-text 签到成功"
  [ "$PEAK" -lt 50 ] || fail "the speaker muted, yet the PCM peaks at $PEAK"
}

case_speech_off_gives_the_chime_alone() {
  demo
  "$KIOSKCTL" --db t.db settings sound --speech 关 >/dev/null
  sign_in 江鹏 签到成功
  [ "$PEAK" -gt 5000 ] || fail "speech off should still chime"
  [ "$SPEECH_MS" -eq 0 ] || fail "speech off, yet ${SPEECH_MS} ms after the chime"
}

case_ten_phones_at_once_are_said_once() {
  . "$TOP/tests/web/web.inc"
  export SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE=out.pcm KIOSK_TRACE=trace.txt
  web_db
  i=10
  while [ $i -lt 20 ]; do
    "$KIOSKCTL" --db t.db members add --name "党员$i" --branch 第一党支部 --phone 136000000$i >/dev/null
    i=$((i + 1))
  done
  kiosk_start "sleep 9000"
  TOKEN=$(token_for "$MEETING" "$(epoch "$NOW")")
  i=10
  while [ $i -lt 20 ]; do
    # Each phone in a folder of its own: the helpers keep the page in page.html.
    mkdir phone$i
    (cd phone$i && get "$BASE/s/$TOKEN" && stamp_of &&
      post "$BASE/s/$TOKEN" --data-urlencode "name=党员$i" --data-urlencode "tail=00$i" \
        -d "stamp=$STAMP" -d "opened=$OPENED" && expect_eq "sign-in $i" 200 "$STATUS") \
      > phone$i.log 2>&1 &
    i=$((i + 1))
  done
  wait_phones=0
  for j in $(jobs -p); do [ "$j" = "$KPID" ] || wait "$j" || wait_phones=1; done
  [ "$wait_phones" -eq 0 ] || { cat phone*.log; fail "a phone's sign-in failed"; }
  kiosk_wait
  signed=$(sqlite3 t.db "select count(*) from attendance where method = 'qr'")
  expect_eq "phone sign-ins recorded" 10 "$signed"
  set -- $($PCM out.pcm)
  echo "peak $1 chime ${2}ms ${3}Hz speech ${4}ms sounds $5"
  [ "$1" -gt 5000 ] || fail "the phones' sign-ins are silent"
  # One sentence ("10位党员扫码签到成功", about 3 s), not ten names; the chime may stand apart
  # from it while the phones are gathered.
  [ "$4" -ge 800 ] && [ "$4" -le 4500 ] || fail "${4} ms of speech for ten phones, not one summary"
  expect_eq "chimes" 1 "$(grep -c '^audio ' trace.txt)"
  expect_eq "what was said" "speech 10" "$(awk '$1 == "speech" { print $1, $3 }' trace.txt)"
}

case_no_sound_card_starts_and_says_so_once() {
  demo
  printf '%s\n' "tap-text 签到" "tap-text 江鹏" "expect-text 签到成功" > run.replay
  # No driver named and (in this container) no card: the kiosk works and says so in one line.
  env -u SDL_AUDIODRIVER "$KIOSK" --db t.db --now "$NOW" --window 1280x800 --replay run.replay \
    --snapshot-dir . 2>kiosk.err || { cat kiosk.err; fail "replay failed without a sound card"; }
  cat kiosk.err
  if [ -e /proc/asound/cards ] && ! grep -q 'no soundcards' /proc/asound/cards; then
    echo "this machine has a sound card; the one-line message is not checked here"
    return 0
  fi
  expect_eq "journal lines about sound" 1 "$(grep -c '声音' kiosk.err)"
  grep -q '签到机不出声' kiosk.err || fail "the kiosk did not say it is silent"
  expect_eq "other lines" 0 "$(grep -vc '声音' kiosk.err)"
}

for c in checkin_chimes_then_speaks already_sounds_different mute_is_silent quiet_hours_are_silent \
         speaker_mutes_the_next_check_in speech_off_gives_the_chime_alone \
         ten_phones_at_once_are_said_once no_sound_card_starts_and_says_so_once; do
  run_case "$c" "case_$c"
done
t_done
