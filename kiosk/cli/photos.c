/* kioskctl's commands on a meeting's photos (docs/photos.md): list them, add picture files (each
 * decoded in the sandboxed child and kept as a bare JPEG beside the database), delete one. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/party/meetings.h"
#include "core/party/photo.h"
#include "core/store/db.h"

static int cmd_meetings_photos(struct cli *c, const struct cli_args *a)
{
	static const char *const header[] = { "编号", "宽", "高", "字节", "来源", "添加人", "添加时间",
					      "文件" };
	struct photo list[PHOTO_MAX_PER_MEETING];
	struct meeting m;
	struct cli_table t;
	int i, n;

	if (meetings_get(c->db, a->id[0], &m, c->err, sizeof c->err) < 0)
		return cli_fail(c);
	if ((n = photo_list(c->db, a->id[0], list, PHOTO_MAX_PER_MEETING, c->err, sizeof c->err)) < 0)
		return cli_fail(c);
	cli_table_init(&t, 8, header);
	for (i = 0; i < n; i++) {
		char id[24], w[16], h[16], bytes[24], path[1200];
		const char *row[8] = { id, w, h, bytes, strcmp(list[i].source, "usb") == 0 ? "U盘" : "手机",
				       list[i].added_by, list[i].added_at, path };
		snprintf(id, sizeof id, "%lld", (long long)list[i].id);
		snprintf(w, sizeof w, "%d", list[i].width);
		snprintf(h, sizeof h, "%d", list[i].height);
		snprintf(bytes, sizeof bytes, "%lld", (long long)list[i].bytes);
		photo_path(c->db->path, list[i].sha256, path, sizeof path);
		cli_table_add(&t, row);
	}
	cli_table_print(&t, cli_flag(a, "csv"));
	return 0;
}

/* Each file in turn: added, already there, or refused with why; exit 1 when any was refused. */
static int cmd_meetings_photo_add(struct cli *c, const struct cli_args *a)
{
	int i, refused = 0;

	for (i = 1; i < a->npos; i++) {
		struct photo p;
		bool already;
		if (photo_add_file(c->db, a->id[0], a->pos[i], "usb", c->actor, c->now, &p, &already,
				   c->err, sizeof c->err) < 0) {
			fprintf(stderr, "kioskctl: %s：%s\n", a->pos[i], c->err);
			refused++;
			continue;
		}
		if (already)
			fprintf(stderr, "%s：这张照片已经添加过了（编号 %lld）\n", a->pos[i],
				(long long)p.id);
		printf("%lld\n", (long long)p.id);
	}
	return refused ? 1 : 0;
}

static int cmd_meetings_photo_delete(struct cli *c, const struct cli_args *a)
{
	if (photo_delete(c->db, a->id[0], a->id[1], c->actor, c->now, c->err, sizeof c->err) < 0)
		return cli_fail(c);
	return 0;
}

const struct cli_command cli_photos_commands[] = {
	{ .name = "meetings", .sub = "photos", .options = "csv", .min_args = 1, .max_args = 1,
	  .args_missing = "请给出一个会议编号", .ids = { "会议" }, .db = CLI_DB_OPEN,
	  .usage = "meetings photos 会议编号 [--csv]", .help = "会议照片列表",
	  .exec = cmd_meetings_photos },
	{ .name = "meetings", .sub = "photo-add", .min_args = 2, .max_args = -1,
	  .args_missing = "请给出会议编号和照片文件（JPEG 或 PNG）", .ids = { "会议" },
	  .db = CLI_DB_OPEN, .usage = "meetings photo-add 会议编号 照片.jpg…",
	  .help = "给会议添加照片（去掉 GPS 等信息，按拍摄方向摆正，每次会议最多 12 张）",
	  .exec = cmd_meetings_photo_add },
	{ .name = "meetings", .sub = "photo-delete", .min_args = 2, .max_args = 2,
	  .args_missing = "请给出会议编号和照片编号（见 meetings photos）", .ids = { "会议", "照片" },
	  .db = CLI_DB_OPEN, .usage = "meetings photo-delete 会议编号 照片编号",
	  .help = "删除会议的一张照片", .exec = cmd_meetings_photo_delete },
	{ 0 },
};
