/* Sound settings in the settings table. Every value is checked and stored in one normal form
 * here, whoever sets it (kioskctl settings, the staff screen, the home screen's speaker), so the
 * kiosk reading them never meets "八十" or "9点到7点". Quiet hours may run past midnight
 * (21:00-07:00), which is how a community room wants them. */
#include "core/store/sound_settings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/base/clock.h"
#include "core/store/db.h"

const struct sound_setting_key sound_setting_keys[] = {
	{ "sound_volume", "音量", "0-100" },
	{ "sound_mute", "静音", "开 或 关" },
	{ "sound_speech", "语音播报", "开 或 关" },
	{ "sound_quiet_hours", "免打扰时段", "21:00-07:00，或 无" },
	{ "sound_muted_until", "暂时静音到", "2026-11-30 10:30，或 无" },
	{ NULL, NULL, NULL },
};

bool sound_settings_is_key(const char *key)
{
	int i;

	for (i = 0; sound_setting_keys[i].key; i++)
		if (strcmp(sound_setting_keys[i].key, key) == 0)
			return true;
	return false;
}

static int parse_bool(const char *v, bool *out)
{
	static const char *const on[] = { "开", "是", "on", "yes", "1", "true", NULL };
	static const char *const off[] = { "关", "否", "off", "no", "0", "false", NULL };
	int i;

	for (i = 0; on[i]; i++)
		if (strcasecmp(v, on[i]) == 0)
			return *out = true, 0;
	for (i = 0; off[i]; i++)
		if (strcasecmp(v, off[i]) == 0)
			return *out = false, 0;
	return -1;
}

static bool is_none(const char *v)
{
	return !v[0] || strcmp(v, "无") == 0 || strcasecmp(v, "off") == 0 || strcasecmp(v, "none") == 0;
}

static int parse_hhmm(const char *s, int *min)
{
	int h, m, n = 0;

	if (sscanf(s, "%2d:%2d%n", &h, &m, &n) != 2 || n < 4 || h < 0 || h > 24 || m < 0 ||
	    m > 59 || (h == 24 && m != 0))
		return -1;
	*min = h * 60 + m;
	return n;
}

int sound_settings_parse_hours(const char *text, int *from, int *to, char *err, size_t errlen)
{
	const char *dash;
	int n;

	if (is_none(text)) {
		*from = *to = 0;
		return 0;
	}
	dash = strchr(text, '-');
	if (!dash || parse_hhmm(text, from) != (int)(dash - text) ||
	    (n = parse_hhmm(dash + 1, to)) < 0 || dash[1 + n] != '\0' || *from == *to) {
		snprintf(err, errlen, "免打扰时段“%s”看不懂，请写成 21:00-07:00，不要免打扰请写“无”", text);
		return -1;
	}
	return 0;
}

void sound_settings_format_hours(const struct sound_settings *s, char *out, size_t size)
{
	if (s->quiet_from == s->quiet_to)
		snprintf(out, size, "无");
	else
		snprintf(out, size, "%02d:%02d-%02d:%02d", s->quiet_from / 60, s->quiet_from % 60,
			 s->quiet_to / 60, s->quiet_to % 60);
}

void sound_settings_load(struct db *db, struct sound_settings *s)
{
	char v[64], err[256];
	bool b;
	time_t t;

	memset(s, 0, sizeof *s);
	s->volume = SOUND_VOLUME_DEFAULT;
	s->speech = true;
	if (db_setting_get(db, "sound_volume", v, sizeof v) == 0 && v[0])
		s->volume = atoi(v) < 0 ? 0 : atoi(v) > 100 ? 100 : atoi(v);
	if (db_setting_get(db, "sound_mute", v, sizeof v) == 0 && parse_bool(v, &b) == 0)
		s->mute = b;
	if (db_setting_get(db, "sound_speech", v, sizeof v) == 0 && parse_bool(v, &b) == 0)
		s->speech = b;
	if (db_setting_get(db, "sound_quiet_hours", v, sizeof v) == 0 &&
	    sound_settings_parse_hours(v, &s->quiet_from, &s->quiet_to, err, sizeof err) < 0)
		s->quiet_from = s->quiet_to = 0;
	if (db_setting_get(db, "sound_muted_until", v, sizeof v) == 0 && !is_none(v) &&
	    clock_parse(v, &t) == 0)
		s->muted_until = t;
}

int sound_settings_set(struct db *db, const char *key, const char *value, char *err, size_t errlen)
{
	char norm[64], *end;
	bool b;
	long n;
	int from, to;
	time_t t;

	if (strcmp(key, "sound_volume") == 0) {
		n = strtol(value, &end, 10);
		if (!value[0] || *end || n < 0 || n > 100) {
			snprintf(err, errlen, "音量“%s”不对，请写 0 到 100 之间的数（0 是没有声音）", value);
			return -1;
		}
		snprintf(norm, sizeof norm, "%ld", n);
	} else if (strcmp(key, "sound_mute") == 0 || strcmp(key, "sound_speech") == 0) {
		if (parse_bool(value, &b) < 0) {
			snprintf(err, errlen, "“%s”请写“开”或“关”", value);
			return -1;
		}
		snprintf(norm, sizeof norm, "%s", b ? "开" : "关");
	} else if (strcmp(key, "sound_quiet_hours") == 0) {
		if (sound_settings_parse_hours(value, &from, &to, err, errlen) < 0)
			return -1;
		if (from == to)
			snprintf(norm, sizeof norm, "无");
		else
			snprintf(norm, sizeof norm, "%02d:%02d-%02d:%02d", from / 60, from % 60, to / 60,
				 to % 60);
	} else if (strcmp(key, "sound_muted_until") == 0) {
		if (is_none(value)) {
			snprintf(norm, sizeof norm, "无");
		} else if (clock_parse(value, &t) == 0) {
			clock_format_minutes(t, norm);
		} else {
			snprintf(err, errlen, "时间“%s”请写成 2026-11-30 10:30，或“无”", value);
			return -1;
		}
	} else {
		snprintf(err, errlen, "没有叫“%s”的声音设置", key);
		return -1;
	}
	return db_setting_set(db, key, norm, err, errlen);
}

bool sound_settings_silent(const struct sound_settings *s, time_t now)
{
	struct tm tm;
	int min;

	if (s->mute || s->volume == 0 || (s->muted_until && now < s->muted_until))
		return true;
	if (s->quiet_from == s->quiet_to)
		return false;
	localtime_r(&now, &tm);
	min = tm.tm_hour * 60 + tm.tm_min;
	if (s->quiet_from < s->quiet_to)
		return min >= s->quiet_from && min < s->quiet_to;
	return min >= s->quiet_from || min < s->quiet_to; /* past midnight */
}
