/* The kiosk's sounds: a chime for each outcome, then the sentence spoken in Mandarin
 * (core/text/speech.h), through SDL's audio. Opened once at start; a kiosk with no sound card
 * runs silent and says so once in the journal. Playing never waits: the chime is queued at
 * once and the speech is made on a thread of its own, so a tap's frame is never held up. */
#ifndef KIOSK_UI_SOUND_H
#define KIOSK_UI_SOUND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "core/store/sound_settings.h"
#include "core/text/speech.h"

struct sound;

/* Open the audio device and start the speech thread. Never NULL unless out of memory; without
 * a sound card the handle is silent. trace_path: KIOSK_TRACE, for `make bench` ("audio MS" when
 * the first sample of a sound reaches SDL), or NULL. */
struct sound *sound_open(const char *trace_path);
void sound_close(struct sound *snd);

/* Is there a device to play on? */
bool sound_available(const struct sound *snd);

/* Play ev's chime now and, when speech is on, say its sentence after it (name: the member's).
 * Silent when the settings say so at local time now. A newer sound stops the one playing and
 * drops what waits; phone sign-ins that come together are said once, as a count. */
void sound_play(struct sound *snd, const struct sound_settings *set, time_t now,
		enum speech_event ev, const char *name);

/* The main loop has drawn a frame: speech waiting for the tap's frame may now take the CPU. */
void sound_frame_drawn(struct sound *snd);

/* The chime for ev as 16-bit mono samples at SOUND_RATE (for tests and the bench). */
#define SOUND_RATE 22050
size_t sound_chime(enum speech_event ev, int16_t *out, size_t max);

#endif
