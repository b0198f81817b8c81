/* kioskctl's commands for the people who run the kiosk: a staff member's PIN for staff mode on
 * the screen (read twice from the terminal with echo off, or one line from a pipe), the list of
 * staff, first-time setup of a new board, and the settings. */
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/party/signout.h"
#include "core/store/db.h"
#include "core/party/staff.h"
#include "core/store/sound_settings.h"

/* Ask for the PIN on the terminal with echo off, or read it from stdin (one line, or the same
 * line twice) when stdin is not a terminal. */
static int ask_pin(struct cli *c, char *pin, size_t size)
{
	char again[64] = "";
	struct termios old, quiet;
	bool tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &old) == 0;
	int rc = -1;

	if (tty) {
		quiet = old;
		quiet.c_lflag &= (tcflag_t)~ECHO;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
		fprintf(stderr, "请输入密码（%d 到 %d 位数字，输入时不显示）：", STAFF_PIN_MIN, STAFF_PIN_MAX);
	}
	if (cli_read_line(stdin, pin, size) < 0) {
		snprintf(c->err, sizeof c->err, "没有读到密码：请在终端里输入，或用 echo 密码 | kioskctl staff add 姓名");
		goto out;
	}
	if (tty)
		fprintf(stderr, "\n请再输入一次：");
	if (cli_read_line(stdin, again, sizeof again) < 0) {
		if (tty) {
			snprintf(c->err, sizeof c->err, "没有读到第二次输入的密码");
			goto out;
		}
		snprintf(again, sizeof again, "%s", pin); /* piped: one line is enough */
	}
	if (strcmp(pin, again) != 0) {
		snprintf(c->err, sizeof c->err, "两次输入的密码不一样，请重新运行 kioskctl staff add");
		goto out;
	}
	rc = 0;
out:
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fputc('\n', stderr);
	}
	explicit_bzero(again, sizeof again);
	return rc;
}

/* The PIN is asked for only once the database is open, so a typo in --db costs no typing. */
static int cmd_staff_add(struct cli *c, const struct cli_args *a)
{
	char pin[64] = "";
	int rc = 0;

	if (ask_pin(c, pin, sizeof pin) < 0 ||
	    staff_set_pin(c->db, a->pos[0], pin, c->actor, c->now, c->err, sizeof c->err) < 0)
		rc = cli_fail(c);
	explicit_bzero(pin, sizeof pin);
	if (rc == 0)
		printf("已为 %s 设置管理密码。在签到机首页连点社区名称 5 次即可进入管理模式\n", a->pos[0]);
	return rc;
}

static int cmd_staff_list(struct cli *c, const struct cli_args *a)
{
	static const char *const header[] = { "姓名", "密码", "添加时间" };
	bool csv = cli_flag(a, "csv");
	struct staff_member s[64];
	struct staff_lock lock;
	struct cli_table t;
	int n, i;

	if ((n = staff_list(c->db, s, 64, c->err, sizeof c->err)) < 0)
		return cli_fail(c);
	cli_table_init(&t, 3, header);
	for (i = 0; i < n && i < 64; i++) {
		const char *row[3] = { s[i].name, s[i].has_pin ? "已设置" : "未设置", s[i].created_at };
		cli_table_add(&t, row);
	}
	cli_table_print(&t, csv);
	staff_lock_load(c->db, &lock);
	if (!csv && staff_lock_active(&lock, c->now)) {
		char until[CLOCK_TEXT];
		clock_format_minutes(lock.until, until);
		printf("\n密码输错太多次，签到机的管理入口锁定到 %s；用 kioskctl staff add 重设密码可立即解锁\n", until);
	}
	return 0;
}

/* Ask one question on the terminal (or read the next line of a pipe); empty keeps def. */
static int ask(const char *question, const char *def, char *out, size_t size)
{
	if (isatty(STDIN_FILENO))
		fprintf(stderr, "%s%s%s%s：", question, def && *def ? "（回车 = " : "",
			def && *def ? def : "", def && *def ? "）" : "");
	if (cli_read_line(stdin, out, size) < 0)
		return -1;
	if (!out[0] && def)
		snprintf(out, size, "%s", def);
	return 0;
}

static bool valid_kiosk_id(const char *id)
{
	size_t n = strlen(id), i;

	if (n == 0 || n > 32)
		return false;
	for (i = 0; i < n; i++)
		if (!((id[i] >= 'a' && id[i] <= 'z') || (id[i] >= 'A' && id[i] <= 'Z') ||
		      (id[i] >= '0' && id[i] <= '9') || id[i] == '-' || id[i] == '_'))
			return false;
	return true;
}

struct answers {
	char community[128], kiosk_id[64], staff[64], pin[64], ssid[96], pass[96];
};

/* The questions of setup, in order; 0, or -1 with c->err. */
static int ask_all(struct cli *c, struct answers *ans)
{
	char current[128] = "";

	db_setting_get(c->db, "community_name", current, sizeof current);
	if (ask("社区名称，例如 幸福里社区", current, ans->community, sizeof ans->community) < 0 ||
	    !ans->community[0]) {
		snprintf(c->err, sizeof c->err, "没有填社区名称");
		return -1;
	}
	if (ask("签到机编号（字母、数字、-，例如 xfl-01；一个社区有几台时各不相同）", c->db->kiosk_id,
		ans->kiosk_id, sizeof ans->kiosk_id) < 0 || !valid_kiosk_id(ans->kiosk_id)) {
		snprintf(c->err, sizeof c->err, "签到机编号“%s”不对：只能用字母、数字、- 和 _，最多 32 个",
			 ans->kiosk_id);
		return -1;
	}
	if (ask("第一位管理员的姓名", NULL, ans->staff, sizeof ans->staff) < 0 || !ans->staff[0]) {
		snprintf(c->err, sizeof c->err, "没有填管理员姓名");
		return -1;
	}
	if (ask_pin(c, ans->pin, sizeof ans->pin) < 0 ||
	    staff_pin_check(ans->pin, c->err, sizeof c->err) < 0)
		return -1;
	if (ask("活动室 Wi-Fi 的名称（没有就直接回车）", "", ans->ssid, sizeof ans->ssid) < 0)
		ans->ssid[0] = '\0';
	if (ans->ssid[0] && ask("Wi-Fi 密码（没有密码就直接回车）", "", ans->pass, sizeof ans->pass) < 0)
		ans->pass[0] = '\0';
	if (ans->pass[0] && (strlen(ans->pass) < 8 || strlen(ans->pass) > 63)) {
		snprintf(c->err, sizeof c->err, "Wi-Fi 密码应是 8 到 63 个字符");
		return -1;
	}
	return 0;
}

/* First-time setup on a new board: the community, this kiosk's id, the first staff member's
 * PIN and the room's Wi-Fi (shown as a QR code on the home screen). Asks on the terminal, or
 * reads the answers line by line from a pipe. */
static int cmd_setup(struct cli *c, const struct cli_args *a)
{
	struct answers ans = { 0 };
	int rc = 0;

	(void)a;
	if (ask_all(c, &ans) < 0 ||
	    db_setting_set(c->db, "community_name", ans.community, c->err, sizeof c->err) < 0 ||
	    db_setting_set(c->db, "kiosk_id", ans.kiosk_id, c->err, sizeof c->err) < 0 ||
	    db_setting_set(c->db, "wifi_ssid", ans.ssid, c->err, sizeof c->err) < 0 ||
	    db_setting_set(c->db, "wifi_password", ans.pass, c->err, sizeof c->err) < 0 ||
	    staff_set_pin(c->db, ans.staff, ans.pin, c->actor, c->now, c->err, sizeof c->err) < 0)
		rc = cli_fail(c);
	explicit_bzero(ans.pin, sizeof ans.pin);
	if (rc)
		return rc;
	db_audit(c->db, c->actor, "初次设置", "", ans.community, c->err, sizeof c->err);
	printf("已设置：%s，签到机编号 %s，管理员 %s%s%s\n", ans.community, ans.kiosk_id, ans.staff,
	       ans.ssid[0] ? "，Wi-Fi " : "", ans.ssid);
	printf("下一步：kioskctl members import 名单.xlsx，然后 sudo systemctl enable --now kiosk.service\n");
	return 0;
}

static int cmd_settings_get(struct cli *c, const struct cli_args *a)
{
	char value[1024];

	if (db_setting_get(c->db, a->pos[0], value, sizeof value) < 0) {
		snprintf(c->err, sizeof c->err, "没有设置“%s”", a->pos[0]);
		return cli_fail(c);
	}
	printf("%s\n", value);
	return 0;
}

/* Any setting, audited, except the staff-mode lock: only a new PIN lifts that. */
static int cmd_settings_set(struct cli *c, const struct cli_args *a)
{
	const char *name = a->pos[0], *value = a->pos[1];
	char detail[1024];

	if (strncmp(name, "staff_lock", 10) == 0) {
		snprintf(c->err, sizeof c->err, "“%s”不能直接修改；解锁请用 kioskctl staff add 重设密码", name);
		return cli_fail(c);
	}
	if (attendance_late_setting_check(name, value, c->err, sizeof c->err) < 0)
		return cli_fail(c);
	if (db_begin(c->db, c->err, sizeof c->err) < 0)
		return cli_fail(c);
	snprintf(detail, sizeof detail, "%s = %s", name, value);
	/* The sound settings are checked as the staff screen checks them. */
	if ((sound_settings_is_key(name) ? sound_settings_set(c->db, name, value, c->err, sizeof c->err)
					 : db_setting_set(c->db, name, value, c->err, sizeof c->err)) < 0 ||
	    db_audit(c->db, c->actor, "修改设置", "", detail, c->err, sizeof c->err) < 0) {
		db_rollback(c->db);
		return cli_fail(c);
	}
	if (db_commit(c->db, c->err, sizeof c->err) < 0)
		return cli_fail(c);
	printf("已设置 %s\n", detail);
	return 0;
}

const struct cli_command cli_staff_commands[] = {
	{ .name = "setup", .db = CLI_DB_CREATE,
	  .usage = "setup   （逐项提问：社区名称、签到机编号、管理员、密码、Wi-Fi）",
	  .help = "新装签到机时逐项设置（社区、编号、管理员密码、Wi-Fi）", .exec = cmd_setup },
	{ .name = "staff", .sub = "add", .min_args = 1, .max_args = 1,
	  .args_missing = "请给出一位工作人员的姓名", .db = CLI_DB_OPEN,
	  .usage = "staff add 姓名   （密码从终端输入两次，或从标准输入读一行）",
	  .help = "设置工作人员的管理密码（屏幕上的管理模式）", .exec = cmd_staff_add },
	{ .name = "staff", .sub = "list", .options = "csv", .db = CLI_DB_OPEN,
	  .usage = "staff list [--csv]", .help = "工作人员名单", .exec = cmd_staff_list },
	{ .name = "settings", .sub = "get", .min_args = 1, .max_args = 1,
	  .args_missing = "请写 get 名称，或 set 名称 值", .db = CLI_DB_OPEN, .usage = "settings get 名称",
	  .help = "查看设置", .exec = cmd_settings_get },
	{ .name = "settings", .sub = "set", .min_args = 2, .max_args = 2,
	  .args_missing = "请写 get 名称，或 set 名称 值", .db = CLI_DB_OPEN,
	  .usage = "settings set 名称 值   （例如 usb_root /media）",
	  .help = "修改设置（如 usb_root：U 盘挂载的文件夹）", .exec = cmd_settings_set },
	{ 0 },
};
