/* kioskctl settings sound: the kiosk's volume, mute, speech and quiet hours, shown or changed
 * (the same checks as the staff screen, core/store/sound_settings.c). The running kiosk reads
 * them before each sound, so a change takes effect at the next sign-in. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/store/db.h"
#include "core/store/sound_settings.h"

/* The options and the settings they change, in the order they are shown. */
static const struct {
	const char *option, *key;
} OPTIONS[] = {
	{ "volume", "sound_volume" },
	{ "mute", "sound_mute" },
	{ "speech", "sound_speech" },
	{ "quiet", "sound_quiet_hours" },
};

#define NOPTIONS (sizeof OPTIONS / sizeof OPTIONS[0])

static void show(struct cli *c)
{
	struct sound_settings s;
	char hours[32], until[CLOCK_TEXT];

	sound_settings_load(c->db, &s);
	sound_settings_format_hours(&s, hours, sizeof hours);
	printf("音量        %d\n", s.volume);
	printf("静音        %s\n", s.mute ? "开" : "关");
	printf("语音播报    %s\n", s.speech ? "开" : "关");
	printf("免打扰时段  %s\n", hours);
	if (s.muted_until > c->now) {
		clock_format_minutes(s.muted_until, until);
		printf("暂时静音到  %s（首页喇叭）\n", until);
	}
}

static int cmd_settings_sound(struct cli *c, const struct cli_args *a)
{
	char detail[256];
	size_t i;
	bool any = cli_flag(a, "unmute");

	for (i = 0; i < NOPTIONS; i++)
		any = any || cli_value(a, OPTIONS[i].option);
	if (!any) {
		show(c);
		return 0;
	}
	if (db_begin(c->db, c->err, sizeof c->err) < 0)
		return cli_fail(c);
	for (i = 0; i < NOPTIONS; i++) {
		const char *v = cli_value(a, OPTIONS[i].option);
		if (!v)
			continue;
		snprintf(detail, sizeof detail, "%s = %s", OPTIONS[i].key, v);
		if (sound_settings_set(c->db, OPTIONS[i].key, v, c->err, sizeof c->err) < 0 ||
		    db_audit(c->db, c->actor, "修改设置", "", detail, c->err, sizeof c->err) < 0)
			goto fail;
	}
	/* --unmute lifts the home screen speaker's half hour too. */
	if (cli_flag(a, "unmute") &&
	    (sound_settings_set(c->db, "sound_mute", "关", c->err, sizeof c->err) < 0 ||
	     sound_settings_set(c->db, "sound_muted_until", "无", c->err, sizeof c->err) < 0 ||
	     db_audit(c->db, c->actor, "修改设置", "", "取消静音", c->err, sizeof c->err) < 0))
		goto fail;
	if (db_commit(c->db, c->err, sizeof c->err) < 0)
		return cli_fail(c);
	show(c);
	return 0;
fail:
	db_rollback(c->db);
	return cli_fail(c);
}

const struct cli_command cli_sound_commands[] = {
	{ .name = "settings", .sub = "sound", .options = "volume= mute= speech= quiet= unmute",
	  .db = CLI_DB_OPEN,
	  .usage = "settings sound [--volume 0-100] [--mute 开|关] [--speech 开|关] [--quiet 21:00-07:00|无] [--unmute]",
	  .help = "声音：音量、静音、语音播报、免打扰时段（不带选项时显示）", .exec = cmd_settings_sound },
	{ 0 },
};
