/* Sound settings: checked and stored in one form, and quiet hours that run past midnight. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/store/sound_settings.h"
#include "testdb.h"

static time_t at(const char *when)
{
	time_t t;

	assert_int_equal(clock_parse(when, &t), 0);
	return t;
}

static void test_unset_settings_have_sound_and_speech_on(void **state)
{
	struct testdb *t = testdb_new();
	struct sound_settings s;

	(void)state;
	sound_settings_load(t->db, &s);
	assert_int_equal(s.volume, SOUND_VOLUME_DEFAULT);
	assert_false(s.mute);
	assert_true(s.speech);
	assert_false(sound_settings_silent(&s, at("2026-11-30 23:00")));
	testdb_free(t);
}

static void test_values_are_stored_in_one_form(void **state)
{
	struct testdb *t = testdb_new();
	struct sound_settings s;
	char v[64];

	(void)state;
	assert_int_equal(sound_settings_set(t->db, "sound_volume", "35", t->err, sizeof t->err), 0);
	assert_int_equal(sound_settings_set(t->db, "sound_speech", "off", t->err, sizeof t->err), 0);
	assert_int_equal(sound_settings_set(t->db, "sound_quiet_hours", "21:00-7:00", t->err, sizeof t->err), 0);
	db_setting_get(t->db, "sound_speech", v, sizeof v);
	assert_string_equal(v, "关");
	db_setting_get(t->db, "sound_quiet_hours", v, sizeof v);
	assert_string_equal(v, "21:00-07:00");
	sound_settings_load(t->db, &s);
	assert_int_equal(s.volume, 35);
	assert_false(s.speech);
	assert_int_equal(s.quiet_from, 21 * 60);
	assert_int_equal(s.quiet_to, 7 * 60);
	testdb_free(t);
}

static void test_bad_values_are_refused_with_what_to_write(void **state)
{
	struct testdb *t = testdb_new();
	char v[64];

	(void)state;
	assert_int_equal(sound_settings_set(t->db, "sound_volume", "120", t->err, sizeof t->err), -1);
	assert_non_null(strstr(t->err, "0 到 100"));
	assert_int_equal(sound_settings_set(t->db, "sound_volume", "八十", t->err, sizeof t->err), -1);
	assert_int_equal(sound_settings_set(t->db, "sound_mute", "maybe", t->err, sizeof t->err), -1);
	assert_int_equal(sound_settings_set(t->db, "sound_quiet_hours", "9点到7点", t->err, sizeof t->err), -1);
	assert_non_null(strstr(t->err, "21:00-07:00"));
	assert_int_equal(sound_settings_set(t->db, "sound_quiet_hours", "25:00-07:00", t->err, sizeof t->err), -1);
	assert_int_equal(sound_settings_set(t->db, "sound_quiet_hours", "07:00-07:00", t->err, sizeof t->err), -1);
	assert_int_equal(db_setting_get(t->db, "sound_volume", v, sizeof v), -1);
	testdb_free(t);
}

static void test_quiet_hours_run_past_midnight(void **state)
{
	struct sound_settings s = { .volume = 80, .speech = true, .quiet_from = 21 * 60, .quiet_to = 7 * 60 };

	(void)state;
	assert_false(sound_settings_silent(&s, at("2026-11-30 20:59")));
	assert_true(sound_settings_silent(&s, at("2026-11-30 21:00")));
	assert_true(sound_settings_silent(&s, at("2026-11-30 23:30")));
	assert_true(sound_settings_silent(&s, at("2026-12-01 06:59")));
	assert_false(sound_settings_silent(&s, at("2026-12-01 07:00")));
	s.quiet_from = 12 * 60;
	s.quiet_to = 14 * 60;
	assert_true(sound_settings_silent(&s, at("2026-12-01 13:00")));
	assert_false(sound_settings_silent(&s, at("2026-12-01 15:00")));
}

static void test_mute_volume_zero_and_the_speakers_half_hour_are_silent(void **state)
{
	struct sound_settings s = { .volume = 80, .speech = true };

	(void)state;
	s.mute = true;
	assert_true(sound_settings_silent(&s, at("2026-11-30 10:00")));
	s.mute = false;
	s.volume = 0;
	assert_true(sound_settings_silent(&s, at("2026-11-30 10:00")));
	s.volume = 80;
	s.muted_until = at("2026-11-30 10:30");
	assert_true(sound_settings_silent(&s, at("2026-11-30 10:29")));
	assert_false(sound_settings_silent(&s, at("2026-11-30 10:30")));
}

static void test_a_hand_edited_bad_value_falls_back_to_the_default(void **state)
{
	struct testdb *t = testdb_new();
	struct sound_settings s;

	(void)state;
	db_setting_set(t->db, "sound_quiet_hours", "nonsense", t->err, sizeof t->err);
	db_setting_set(t->db, "sound_speech", "nonsense", t->err, sizeof t->err);
	sound_settings_load(t->db, &s);
	assert_int_equal(s.quiet_from, s.quiet_to);
	assert_true(s.speech);
	testdb_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unset_settings_have_sound_and_speech_on),
		cmocka_unit_test(test_values_are_stored_in_one_form),
		cmocka_unit_test(test_bad_values_are_refused_with_what_to_write),
		cmocka_unit_test(test_quiet_hours_run_past_midnight),
		cmocka_unit_test(test_mute_volume_zero_and_the_speakers_half_hour_are_silent),
		cmocka_unit_test(test_a_hand_edited_bad_value_falls_back_to_the_default),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
