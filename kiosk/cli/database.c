/* kioskctl's commands on the database file itself: making one (init, with --demo the demo
 * community), checking it, backing it up whole, and putting a good backup back. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/store/backup.h"
#include "core/store/db.h"
#include "core/party/demo.h"
#include "core/party/demo_materials.h"
#include "core/party/staff.h"
#include "core/base/syserr.h"
#include "core/base/uuid.h"

/* The database is made here, not by the dispatcher: an existing one must not be touched. */
static int cmd_init(struct cli *c, const struct cli_args *a)
{
	const char *name = cli_value(a, "name"), *kiosk_id = cli_value(a, "kiosk-id");
	bool demo = cli_flag(a, "demo");
	char generated[UUID_LEN + 8], uuid[UUID_LEN];
	struct stat sb;

	if (stat(c->db_path, &sb) == 0 && sb.st_size > 0) {
		snprintf(c->err, sizeof c->err, "数据库 %s 已经存在；要重新开始，请先把它移走或备份", c->db_path);
		return cli_fail(c);
	}
	c->db = db_open(c->db_path, DB_CREATE, c->err, sizeof c->err);
	if (!c->db)
		return cli_fail(c);
	if (!kiosk_id) {
		if (uuid_new(uuid) < 0) {
			snprintf(c->err, sizeof c->err, "系统无法生成随机编号");
			return cli_fail(c);
		}
		snprintf(generated, sizeof generated, "kiosk-%.8s", uuid);
		kiosk_id = demo ? "demo-01" : generated;
	}
	if (db_setting_set(c->db, "kiosk_id", kiosk_id, c->err, sizeof c->err) < 0 ||
	    db_setting_set(c->db, "community_name", name ? name : demo ? DEMO_COMMUNITY : "本社区",
			   c->err, sizeof c->err) < 0)
		return cli_fail(c);
	if (demo && (demo_populate(c->db, c->now, c->err, sizeof c->err) < 0 ||
		     demo_materials_import(c->db, c->now, c->err, sizeof c->err) < 0))
		return cli_fail(c);
	if (demo && staff_set_pin(c->db, DEMO_STAFF_NAME, DEMO_STAFF_PIN, c->actor, c->now, c->err,
				  sizeof c->err) < 0)
		return cli_fail(c);
	printf("已创建数据库 %s（签到机编号 %s）%s\n", c->db_path, kiosk_id,
	       demo ? "，并填入演示社区：137 名党员，4 个党支部" : "");
	return 0;
}

static int cmd_check(struct cli *c, const struct cli_args *a)
{
	(void)a;
	if (db_check(c->db, c->err, sizeof c->err) < 0)
		return cli_fail(c);
	printf("数据库完好：%s\n", c->db_path);
	return 0;
}

/* A copy beside the destination, checked, then renamed: a backup is whole or absent. */
static int backup_to(struct cli *c, const char *to)
{
	char tmp[1024];
	struct db *copy;

	if (access(to, F_OK) == 0) {
		snprintf(c->err, sizeof c->err, "备份文件 %s 已存在，请换一个文件名", to);
		return cli_fail(c);
	}
	snprintf(tmp, sizeof tmp, "%s.part", to);
	unlink(tmp);
	if (db_backup(c->db, tmp, c->err, sizeof c->err) < 0)
		return cli_fail(c);
	copy = db_open(tmp, 0, c->err, sizeof c->err);
	if (!copy || db_check(copy, c->err, sizeof c->err) < 0) {
		db_close(copy);
		unlink(tmp);
		return cli_fail(c);
	}
	db_close(copy);
	if (rename(tmp, to) < 0) {
		snprintf(c->err, sizeof c->err, "无法保存备份 %s：%s", to, syserr(errno));
		unlink(tmp);
		return cli_fail(c);
	}
	printf("已备份到 %s\n", to);
	return 0;
}

static int cmd_backup(struct cli *c, const struct cli_args *a)
{
	const char *to = cli_value(a, "to"), *rotate = cli_value(a, "rotate");
	char made[PATH_MAX + 64];
	int keep;

	if (!to == !rotate)
		return cli_usage(c, "请用 --to 指定备份文件，或用 --rotate 指定备份文件夹");
	if (to)
		return backup_to(c, to);
	keep = atoi(cli_value_or(a, "keep", "14"));
	if (backup_rotate(c->db, rotate, keep, c->now, made, sizeof made, c->err, sizeof c->err) < 0)
		return cli_fail(c);
	printf("已备份到 %s（保留最近 %d 份）\n", made, keep);
	return 0;
}

/* Opens nothing itself: a broken database is what it is for. */
static int cmd_restore(struct cli *c, const struct cli_args *a)
{
	const char *from = cli_value(a, "from");
	char dir[PATH_MAX], note[PATH_MAX + 512];
	int rc;

	if (from)
		snprintf(dir, sizeof dir, "%s", from);
	else
		backup_dir_for(c->db_path, dir, sizeof dir);
	rc = backup_restore_if_broken(c->db_path, dir, c->now, note, sizeof note, c->err, sizeof c->err);
	if (rc < 0)
		return cli_fail(c);
	printf("%s\n", rc ? note : "数据库完好，不需要恢复");
	return 0;
}

const struct cli_command cli_database_commands[] = {
	{ .name = "init", .options = "demo name= kiosk-id=", .db = CLI_DB_NONE,
	  .usage = "init [--demo] [--name 社区名称] [--kiosk-id 编号]",
	  .help = "创建数据库（--demo 填入演示社区）", .exec = cmd_init },
	{ .name = "check", .db = CLI_DB_OPEN, .usage = "check", .help = "检查数据库是否完好",
	  .exec = cmd_check },
	{ .name = "backup", .options = "to= rotate= keep=", .db = CLI_DB_OPEN,
	  .usage = "backup --to 文件 | backup --rotate 文件夹 [--keep 14]",
	  .help = "在线备份数据库（--rotate 文件夹：按日期保留最近几份）", .exec = cmd_backup },
	{ .name = "restore", .options = "from=", .db = CLI_DB_NONE,
	  .usage = "restore [--from 备份文件夹]（数据库损坏时用最新的好备份恢复）",
	  .help = "数据库损坏时用最新的好备份恢复", .exec = cmd_restore },
	{ 0 },
};
