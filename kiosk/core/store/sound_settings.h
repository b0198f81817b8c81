/* The kiosk's sound settings: volume, mute, speech on or off, quiet hours, and a mute for a
 * while from the home screen's speaker. Kept as rows of the settings table (as the QR token's
 * key and the USB folder are), so kioskctl, staff mode and the screen share them. */
#ifndef KIOSK_CORE_SOUND_SETTINGS_H
#define KIOSK_CORE_SOUND_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

struct db;

#define SOUND_VOLUME_DEFAULT 80
#define SOUND_MUTE_FOR_S (30 * 60) /* the home screen's speaker mutes for half an hour */

struct sound_settings {
	int volume;          /* 0-100 */
	bool mute;
	bool speech;         /* say the name after the chime */
	int quiet_from;      /* minutes after midnight; quiet_from == quiet_to: no quiet hours */
	int quiet_to;
	time_t muted_until;  /* the speaker on the home screen; 0: not */
};

/* One setting's name in the settings table and what kioskctl shows for it. */
struct sound_setting_key {
	const char *key;     /* "sound_volume" */
	const char *label;   /* "音量" */
	const char *example; /* "0-100" */
};

extern const struct sound_setting_key sound_setting_keys[];

/* Read the settings; anything unset or unreadable has its default (volume 80, sound and
 * speech on, no quiet hours). */
void sound_settings_load(struct db *db, struct sound_settings *s);

/* Check and store one setting by its key (sound_volume 0-100; sound_mute and sound_speech
 * 开/关, on/off, 1/0; sound_quiet_hours "21:00-07:00" or "无"); the value is stored in its
 * normal form. -1 with err saying what to write. Not audited: the caller does that. */
int sound_settings_set(struct db *db, const char *key, const char *value, char *err, size_t errlen);

/* Is key one of the sound settings? */
bool sound_settings_is_key(const char *key);

/* Parse quiet hours "HH:MM-HH:MM" (or "无", "off", "" for none) into minutes; -1 with err. */
int sound_settings_parse_hours(const char *text, int *from, int *to, char *err, size_t errlen);

/* Write the quiet hours as "21:00-07:00", or "无" when there are none. */
void sound_settings_format_hours(const struct sound_settings *s, char *out, size_t size);

/* Should the kiosk be silent at local time now (mute, the speaker's half hour, quiet hours)? */
bool sound_settings_silent(const struct sound_settings *s, time_t now);

#endif
