#!/usr/bin/env python3
"""Describe the sound in a PCM file written by SDL's disk audio driver (16-bit mono, 22050 Hz,
the format the kiosk opens its device with), for tests/ui/sound.sh.

    pcm.py FILE            print: peak chime_ms chime_hz speech_ms sounds
    pcm.py FILE --env      the chime's envelope, one peak a line per 10 ms

The chime is the first run of sound, up to the first silence of at least 120 ms (the kiosk
leaves 150 ms between the chime and the speech); the speech is everything audible after it.
"sounds" counts runs of sound separated by at least 700 ms of silence: a chime followed by its
speech is one; two announcements are two.
"""
import struct
import sys

RATE = 22050
WIN = RATE // 100          # 10 ms
LOUD = 400                 # a window with a sample above this is audible


def windows(samples):
    for i in range(0, len(samples) - WIN + 1, WIN):
        yield samples[i:i + WIN]


def main():
    data = open(sys.argv[1], 'rb').read()
    n = len(data) // 2
    samples = struct.unpack('<%dh' % n, data[:n * 2])
    peaks = [max(abs(s) for s in w) if w else 0 for w in windows(samples)]
    audible = [p > LOUD for p in peaks]
    peak = max(peaks) if peaks else 0
    if not any(audible):
        print(peak, 0, 0, 0, 0)
        return
    start = audible.index(True)
    end = start
    quiet = 0
    for i in range(start, len(audible)):
        if audible[i]:
            end = i
            quiet = 0
        else:
            quiet += 1
            if quiet >= 12:
                break
    chime = samples[start * WIN:(end + 1) * WIN]
    # The chime's pitch: zero crossings a second, halved.
    crossings = sum(1 for a, b in zip(chime, chime[1:]) if (a < 0) != (b < 0))
    hz = crossings * RATE // (2 * max(len(chime), 1))
    speech = sum(1 for a in audible[end + 1:] if a)
    sounds, quiet, inside = 0, 0, False
    for a in audible:
        if a:
            if not inside:
                sounds += 1
            inside, quiet = True, 0
        else:
            quiet += 1
            if quiet >= 70:
                inside = False
    if '--env' in sys.argv:
        for p in peaks[start:end + 1]:
            print(p)
        return
    print(peak, (end + 1 - start) * 10, hz, speech * 10, sounds)


main()
