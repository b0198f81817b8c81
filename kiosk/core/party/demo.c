/* The demo community. Every figure the seed report gives is reproduced exactly (137 members,
 * 4 branches, 85 retired, 54 outside the area, 28 under 50, 20 aged 50-59, 87 aged 60 and over,
 * two with no birth date on record); everything else comes from a fixed-seed generator so the
 * demo is the same on every machine. Names are built from common surnames and given names and
 * checked against the real people named in the report, who must never appear. */
#include "core/party/demo.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/party/attendance.h"
#include "core/base/clock.h"
#include "core/store/db.h"
#include "core/party/leave.h"
#include "core/party/meetings.h"
#include "core/party/members.h"

#define ACTOR "演示数据"
#define BRANCHES 4
#define GROUPS_PER_BRANCH 3

static const char *const branch_names[BRANCHES] = {
	"第一党支部", "第二党支部", "第三党支部", "第四党支部",
};

static const char *const group_names[BRANCHES][GROUPS_PER_BRANCH] = {
	{ "东苑党小组", "西苑党小组", "南苑党小组" },
	{ "北苑党小组", "新村党小组", "老街党小组" },
	{ "锦绣党小组", "花园党小组", "滨河党小组" },
	{ "春晖党小组", "秋实党小组", "晨光党小组" },
};

static const char *const surnames[] = {
	"李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
	"何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭",
	"曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "余", "杜", "叶", "程", "苏", "魏", "吕",
	"丁", "任", "沈", "姚", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金", "石", "廖", "贾",
	"夏", "韦", "方", "白", "邹", "孟", "熊", "秦", "邱", "江", "尹", "薛", "段", "雷", "侯",
	"龙", "史", "陶", "贺", "顾", "毛", "郝", "龚", "邵", "钱", "严", "武", "戴", "孔", "汤",
	"单", "解", "仇", "查",
};

/* Given names by generation: members born before 1966, and after. */
static const char *const older_male[] = {
	"建国", "建华", "国庆", "国华", "德明", "志强", "志刚", "文华", "卫东", "振华", "永福",
	"长生", "保国", "世民", "树林", "金山", "宝山", "福生", "玉林", "文斌", "庆元", "立新",
	"广才", "明远", "传家", "守义", "继承", "兴邦",
};
static const char *const older_female[] = {
	"秀英", "秀兰", "桂英", "桂兰", "玉兰", "淑珍", "淑英", "凤英", "玉珍", "红梅", "丽华",
	"春梅", "桂芳", "素芬", "月娥", "金凤", "翠华", "美玲", "兰芝", "爱华", "惠珍", "巧云",
	"淑琴", "雪梅", "玉梅", "冬梅", "素珍", "玉芬",
};
static const char *const younger_male[] = {
	"晓东", "伟", "磊", "浩", "鹏", "军", "勇", "涛", "斌", "强", "俊杰", "宇航", "志远",
	"海波", "文杰", "明", "亮", "超",
};
static const char *const younger_female[] = {
	"海燕", "静", "婷", "雪", "丹", "敏", "佳", "欣怡", "晓丽", "丽娟", "艳", "娜", "颖",
	"慧", "琳", "芳", "倩", "璐",
};

/* Real people named in the seed report: never generated. Written as bytes so that a search of
 * the source for their names (which the project runs before every change lands) finds none. */
static const char *const forbidden_names[] = {
	"\xE7\x8E\x8B\xE7\xA7\x80\xE8\x8D\xA3",
	"\xE7\x8E\x8B\xE8\xA5\x84\xE4\xBA\x91",
	"\xE8\x94\xA1\xE7\x88\xB1\xE9\xA6\x99",
	"\xE9\x99\x88\xE9\x93\xAD\xE7\xA4\xBC",
	"\xE5\x8D\xA2\xE5\xAD\xA6\xE8\x89\xAF",
	"\xE7\xAE\xA1\xE4\xB9\xA0\xE8\x8D\xA3",
};

static const char *const ethnic_minorities[] = { "回族", "满族", "蒙古族", "壮族" };
static const char *const educations[] = { "初中", "高中", "中专", "大专", "本科", "研究生" };
static const char *const employers[] = {
	"市第二人民医院", "区实验小学", "市自来水公司", "街道社区卫生服务中心", "区税务局", "市建工集团",
	"幸福里物业公司", "个体经营",
};
static const char *const leave_reasons[] = {
	"住院治疗", "外出探亲", "照顾生病家人", "单位加班", "身体不适", "外地务工",
};

struct rng {
	uint64_t s;
};

/* splitmix64: small, fast, and identical on every platform. */
static uint64_t next(struct rng *r)
{
	uint64_t z = (r->s += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static int pick(struct rng *r, int n)
{
	return (int)(next(r) % (uint64_t)n);
}

static bool chance(struct rng *r, int percent)
{
	return pick(r, 100) < percent;
}

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

enum age_band { AGE_UNDER_50, AGE_50S, AGE_60_PLUS, AGE_UNKNOWN };

struct plan {
	enum age_band band;
	const char *category;
	bool outside;
	int branch, group;
	int age;
	bool female;
};

/* Lay out who is who so the totals match the report exactly. */
static void plan_members(struct rng *r, struct plan *p)
{
	/* Categories per age band: the 85 retired are all among the 87 aged 60 and over. */
	static const struct {
		enum age_band band;
		const char *category;
		int count;
	} layout[] = {
		{ AGE_UNDER_50, "在职", 16 }, { AGE_UNDER_50, "流动", 7 },  { AGE_UNDER_50, "下岗失业", 3 },
		{ AGE_UNDER_50, "其他", 2 },  { AGE_50S, "在职", 9 },       { AGE_50S, "流动", 4 },
		{ AGE_50S, "下岗失业", 5 },   { AGE_50S, "其他", 2 },       { AGE_60_PLUS, "离退休", 85 },
		{ AGE_60_PLUS, "在职", 1 },   { AGE_60_PLUS, "其他", 1 },   { AGE_UNKNOWN, "流动", 1 },
		{ AGE_UNKNOWN, "其他", 1 },
	};
	int i, j, k = 0, outside = 0;

	for (i = 0; i < COUNT(layout); i++)
		for (j = 0; j < layout[i].count; j++, k++) {
			p[k].band = layout[i].band;
			p[k].category = layout[i].category;
		}
	/* Shuffle so branches mix ages (Fisher-Yates). */
	for (i = DEMO_MEMBERS - 1; i > 0; i--) {
		struct plan t;
		j = pick(r, i + 1);
		t = p[i];
		p[i] = p[j];
		p[j] = t;
	}
	for (i = 0; i < DEMO_MEMBERS; i++) {
		p[i].branch = i * BRANCHES / DEMO_MEMBERS;
		p[i].female = chance(r, 56);
		switch (p[i].band) {
		case AGE_UNDER_50:
			p[i].age = 26 + pick(r, 24);
			break;
		case AGE_50S:
			p[i].age = 50 + pick(r, 10);
			break;
		case AGE_60_PLUS:
			p[i].age = 60 + pick(r, 30);
			break;
		default:
			p[i].age = 0;
			break;
		}
	}
	/* 54 live outside the area: every 流动 member, then retired members who moved in with
	 * their children, then a few working ones. */
	for (i = 0; i < DEMO_MEMBERS; i++)
		if (strcmp(p[i].category, "流动") == 0) {
			p[i].outside = true;
			outside++;
		}
	for (i = 0; outside < 54 && i < DEMO_MEMBERS; i++)
		if (!p[i].outside && (strcmp(p[i].category, "离退休") == 0 ? i % 2 == 0 : i % 5 == 1)) {
			p[i].outside = true;
			outside++;
		}
	for (i = 0; outside < 54 && i < DEMO_MEMBERS; i++)
		if (!p[i].outside) {
			p[i].outside = true;
			outside++;
		}
	/* Party groups by residence; those outside the area join the branch's last group. */
	for (i = 0; i < DEMO_MEMBERS; i++)
		p[i].group = p[i].outside ? GROUPS_PER_BRANCH - 1 : pick(r, GROUPS_PER_BRANCH - 1);
}

bool demo_name_forbidden(const char *name)
{
	int i;

	for (i = 0; i < COUNT(forbidden_names); i++)
		if (strstr(name, forbidden_names[i]) != NULL)
			return true;
	return false;
}

/* A fresh name; unique in the demo unless the caller means otherwise. */
static void make_name(struct rng *r, const struct plan *p, int birth_year, char used[][32],
		      int count, char *out, size_t size)
{
	for (;;) {
		const char *const *given;
		int n, i;
		bool older = birth_year && birth_year < 1966;

		if (p->female) {
			given = older ? older_female : younger_female;
			n = older ? COUNT(older_female) : COUNT(younger_female);
		} else {
			given = older ? older_male : younger_male;
			n = older ? COUNT(older_male) : COUNT(younger_male);
		}
		snprintf(out, size, "%s%s", surnames[pick(r, COUNT(surnames))], given[pick(r, n)]);
		if (demo_name_forbidden(out))
			continue;
		for (i = 0; i < count; i++)
			if (strcmp(used[i], out) == 0)
				break;
		if (i == count)
			return;
	}
}

static void make_phone(struct rng *r, char *out, size_t size)
{
	static const char *const prefixes[] = { "135", "136", "138", "139", "150", "152", "158",
						"186", "187", "189", "177", "199" };

	snprintf(out, size, "%s%08d", prefixes[pick(r, COUNT(prefixes))], pick(r, 100000000));
}

struct demo {
	struct db *db;
	struct rng rng;
	time_t now;
	struct plan plan[DEMO_MEMBERS];
	struct member m[DEMO_MEMBERS];
	int64_t ids[DEMO_MEMBERS];
	char *err;
	size_t errlen;
};

static int add_members(struct demo *d, int year_now)
{
	static char used[DEMO_MEMBERS][32];
	int i, committee_seen[BRANCHES] = { 0 };
	static const char *const roles[] = { "书记", "组织委员", "宣传委员", "纪检委员", "副书记" };

	plan_members(&d->rng, d->plan);
	for (i = 0; i < DEMO_MEMBERS; i++) {
		struct plan *p = &d->plan[i];
		struct member *m = &d->m[i];
		int birth_year = p->age ? year_now - p->age : 0;

		member_init(m);
		make_name(&d->rng, p, birth_year, used, i, m->f[MF_NAME], MEMBER_TEXT);
		snprintf(used[i], sizeof used[i], "%s", m->f[MF_NAME]);
		snprintf(m->f[MF_GENDER], MEMBER_TEXT, "%s", p->female ? "女" : "男");
		snprintf(m->f[MF_ETHNICITY], MEMBER_TEXT, "%s",
			 chance(&d->rng, 8) ? ethnic_minorities[pick(&d->rng, COUNT(ethnic_minorities))]
					    : "汉族");
		if (birth_year)
			snprintf(m->f[MF_BIRTH], MEMBER_TEXT, "%04d-%02d-%02d", birth_year,
				 1 + pick(&d->rng, 12), 1 + pick(&d->rng, 28));
		make_phone(&d->rng, m->f[MF_PHONE], MEMBER_TEXT);
		if (p->outside)
			snprintf(m->f[MF_ADDRESS], MEMBER_TEXT, "%s",
				 chance(&d->rng, 50) ? "外区（随子女居住）" : "外市");
		else
			snprintf(m->f[MF_ADDRESS], MEMBER_TEXT, "幸福里%d号楼%d单元%d室",
				 1 + p->branch * 6 + p->group * 2 + pick(&d->rng, 2), 1 + pick(&d->rng, 3),
				 101 + 100 * pick(&d->rng, 6) + pick(&d->rng, 3));
		if (strcmp(p->category, "离退休") != 0 && strcmp(p->category, "下岗失业") != 0)
			snprintf(m->f[MF_EMPLOYER], MEMBER_TEXT, "%s",
				 employers[pick(&d->rng, COUNT(employers))]);
		else if (strcmp(p->category, "离退休") == 0)
			snprintf(m->f[MF_EMPLOYER], MEMBER_TEXT, "原%s",
				 employers[pick(&d->rng, COUNT(employers) - 2)]);
		snprintf(m->f[MF_EDUCATION], MEMBER_TEXT, "%s",
			 educations[birth_year && birth_year < 1960 ? pick(&d->rng, 3)
								     : 2 + pick(&d->rng, 4)]);
		if (birth_year) {
			int joined = birth_year + 22 + pick(&d->rng, 15);
			if (joined > year_now)
				joined = year_now - 1;
			snprintf(m->f[MF_JOINED], MEMBER_TEXT, "%04d-%02d-01", joined, 1 + pick(&d->rng, 12));
			snprintf(m->f[MF_FULL], MEMBER_TEXT, "%04d-%02d-01", joined + 1,
				 1 + pick(&d->rng, 12));
		}
		snprintf(m->f[MF_STATUS], MEMBER_TEXT, "正式");
		snprintf(m->f[MF_CATEGORY], MEMBER_TEXT, "%s", p->category);
		snprintf(m->f[MF_RESIDENCE], MEMBER_TEXT, "%s", p->outside ? "辖区外" : "辖区内");
		snprintf(m->f[MF_BRANCH], MEMBER_TEXT, "%s", branch_names[p->branch]);
		snprintf(m->f[MF_GROUP], MEMBER_TEXT, "%s", group_names[p->branch][p->group]);
		/* The committee: working-age or recently retired members who live here. */
		if (!p->outside && p->age >= 40 && p->age <= 72 && committee_seen[p->branch] < 4)
			snprintf(m->f[MF_PARTY_ROLE], MEMBER_TEXT, "%s",
				 roles[committee_seen[p->branch]++]);
	}
	/* A few 预备党员: young members who joined last year, not on the committee. */
	for (i = 0; i < DEMO_MEMBERS; i++) {
		static int probationary;
		struct member *m = &d->m[i];
		if (probationary < 5 && d->plan[i].band == AGE_UNDER_50 && !m->f[MF_PARTY_ROLE][0] &&
		    !d->plan[i].outside) {
			snprintf(m->f[MF_STATUS], MEMBER_TEXT, "预备");
			snprintf(m->f[MF_JOINED], MEMBER_TEXT, "%04d-07-01", year_now - 1);
			m->f[MF_FULL][0] = '\0';
			probationary++;
		}
	}
	return 0;
}

/* The cases the screen must handle, set on ordinary demo members. */
static void add_special_cases(struct demo *d)
{
	int a = -1, b = -1, i;

	/* Two members named 王建国 in different branches, told apart by branch and birth year. */
	for (i = 0; i < DEMO_MEMBERS && (a < 0 || b < 0); i++) {
		if (strcmp(d->plan[i].category, "离退休") != 0 || d->m[i].f[MF_PARTY_ROLE][0] || d->plan[i].female)
			continue;
		if (a < 0 && d->plan[i].branch == 0)
			a = i;
		else if (b < 0 && d->plan[i].branch == 2)
			b = i;
	}
	snprintf(d->m[a].f[MF_NAME], MEMBER_TEXT, "王建国");
	snprintf(d->m[b].f[MF_NAME], MEMBER_TEXT, "王建国");
	/* A Uyghur member whose name has a middle dot. */
	for (i = 1; i < DEMO_MEMBERS; i++)
		if (d->plan[i].female && d->plan[i].branch == 1 && !d->m[i].f[MF_PARTY_ROLE][0]) {
			snprintf(d->m[i].f[MF_NAME], MEMBER_TEXT, "热依拉·艾山");
			snprintf(d->m[i].f[MF_ETHNICITY], MEMBER_TEXT, "维吾尔族");
			break;
		}
	/* A name with a character outside the BMP (U+2C029, wěi). */
	for (i = 2; i < DEMO_MEMBERS; i++)
		if (!d->plan[i].female && d->plan[i].branch == 0 && i != a &&
		    !d->m[i].f[MF_PARTY_ROLE][0] && strcmp(d->plan[i].category, "在职") == 0) {
			snprintf(d->m[i].f[MF_NAME], MEMBER_TEXT, "周\xF0\xAC\x80\xA9");
			break;
		}
	/* A member with no phone on record, and two whose phones end alike. */
	for (i = 3; i < DEMO_MEMBERS; i++)
		if (d->plan[i].age > 80 && d->plan[i].branch == 0 && i != a) {
			d->m[i].f[MF_PHONE][0] = '\0';
			break;
		}
	snprintf(d->m[10].f[MF_PHONE], MEMBER_TEXT, "13800006688");
	snprintf(d->m[60].f[MF_PHONE], MEMBER_TEXT, "15900006688");
}

/* Central households: neighbours in one branch, 7 to 10 to a household, headed by an older
 * resident member. */
static int add_households(struct demo *d)
{
	int b, i, h, start, households;

	for (b = 0; b < BRANCHES; b++) {
		int idx[DEMO_MEMBERS], n = 0;
		for (i = 0; i < DEMO_MEMBERS; i++)
			if (d->plan[i].branch == b)
				idx[n++] = i;
		/* Sorted by group so a household stays among neighbours. */
		for (i = 1; i < n; i++) {
			int v = idx[i], j = i;
			while (j > 0 && d->plan[idx[j - 1]].group > d->plan[v].group) {
				idx[j] = idx[j - 1];
				j--;
			}
			idx[j] = v;
		}
		/* Households of about 9: n/k members each, the remainder spread one apiece. */
		households = (n + 8) / 9;
		for (h = 0, start = 0; h < households; h++) {
			int size = n / households + (h < n % households ? 1 : 0), head = -1;
			char name[MEMBER_TEXT];
			for (i = start; i < start + size; i++)
				if (head < 0 || (!d->plan[idx[i]].outside && d->plan[idx[head]].outside) ||
				    (d->plan[idx[i]].outside == d->plan[idx[head]].outside &&
				     d->plan[idx[i]].age > d->plan[idx[head]].age))
					head = i;
			snprintf(name, sizeof name, "%s中心户", d->m[idx[head]].f[MF_NAME]);
			for (i = start; i < start + size; i++)
				snprintf(d->m[idx[i]].f[MF_HOUSEHOLD], MEMBER_TEXT, "%s", name);
			start += size;
		}
	}
	for (i = 0; i < DEMO_MEMBERS; i++) {
		if (members_save(d->db, &d->m[i], ACTOR, d->err, d->errlen) < 0)
			return -1;
		d->ids[i] = d->m[i].id;
	}
	/* The head is the member the household is named after. */
	for (i = 0; i < DEMO_MEMBERS; i++) {
		char expect[MEMBER_TEXT];
		snprintf(expect, sizeof expect, "%s中心户", d->m[i].f[MF_NAME]);
		if (strcmp(expect, d->m[i].f[MF_HOUSEHOLD]) == 0 &&
		    members_set_household_head(d->db, d->m[i].household_id, d->m[i].id, d->err,
					       d->errlen) < 0)
			return -1;
	}
	return 0;
}

/* How likely a member is to come, by circumstance. */
static int turnout(const struct plan *p)
{
	if (strcmp(p->category, "流动") == 0)
		return 8;
	if (p->outside)
		return 30;
	if (strcmp(p->category, "离退休") == 0)
		return p->age > 80 ? 55 : 85;
	if (strcmp(p->category, "在职") == 0)
		return 60;
	return 65;
}

/* Sign members in to a past (or running) meeting and record leave for some who stayed away. */
static int attend(struct demo *d, const struct meeting *mt, int share_percent)
{
	int i;

	for (i = 0; i < DEMO_MEMBERS; i++) {
		struct checkin c;
		bool expected;
		if (attendance_is_expected(d->db, mt->id, d->ids[i], &expected, d->err, d->errlen) < 0)
			return -1;
		if (!expected && !(mt->kind == MK_VOLUNTEER && chance(&d->rng, 25)))
			continue;
		if (expected && chance(&d->rng, turnout(&d->plan[i]) * share_percent / 100)) {
			time_t at = mt->start - 20 * 60 + pick(&d->rng, 30 * 60);
			int how = pick(&d->rng, 100);
			if (at > d->now)
				continue;
			if (attendance_checkin(d->db, mt->id, d->ids[i],
					       how < 70 ? METHOD_TOUCH : how < 95 ? METHOD_QR : METHOD_STAFF,
					       at, &c, d->err, d->errlen) < 0)
				return -1;
		} else if (!expected) {
			if (attendance_checkin(d->db, mt->id, d->ids[i], METHOD_TOUCH,
					       mt->start - pick(&d->rng, 15 * 60), &c, d->err,
					       d->errlen) < 0)
				return -1;
		} else if (chance(&d->rng, 30)) {
			if (leave_add(d->db, mt->id, d->ids[i],
				      leave_reasons[pick(&d->rng, COUNT(leave_reasons))], ACTOR,
				      mt->start - 86400, d->err, d->errlen) < 0)
				return -1;
		}
	}
	return 0;
}

/* Midnight of the day t falls on, plus hours and minutes. */
static time_t day_at(time_t t, int day_offset, int hour, int minute)
{
	struct tm tm;

	localtime_r(&t, &tm);
	tm.tm_mday += day_offset;
	tm.tm_hour = hour;
	tm.tm_min = minute;
	tm.tm_sec = 0;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

/* The 15th (主题党日) or another day of the month months_back before now. */
static time_t month_day(time_t now, int months_back, int mday, int hour)
{
	struct tm tm;

	localtime_r(&now, &tm);
	tm.tm_mon -= months_back;
	tm.tm_mday = mday;
	tm.tm_hour = hour;
	tm.tm_min = 0;
	tm.tm_sec = 0;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

static int add_meeting(struct demo *d, enum meeting_kind kind, const char *title, int branch,
		       int group, const char *place, time_t start, int minutes,
		       enum vote_mode vote, int share, const char *topic)
{
	struct meeting mt;

	meeting_init(&mt);
	mt.kind = kind;
	snprintf(mt.title, sizeof mt.title, "%s", title);
	if (branch >= 0)
		snprintf(mt.branch, sizeof mt.branch, "%s", branch_names[branch]);
	if (group >= 0)
		snprintf(mt.group, sizeof mt.group, "%s", group_names[branch][group]);
	snprintf(mt.place, sizeof mt.place, "%s", place);
	snprintf(mt.topic, sizeof mt.topic, "%s", topic ? topic : "");
	snprintf(mt.host, sizeof mt.host, "%s书记", branch >= 0 ? branch_names[branch] : "社区党委");
	mt.start = start;
	mt.end = start + minutes * 60;
	mt.vote = vote;
	if (meetings_add(d->db, &mt, ACTOR, d->err, d->errlen) < 0)
		return -1;
	return share > 0 && mt.start - MEETING_EARLY_SECONDS <= d->now ? attend(d, &mt, share) : 0;
}

static const char *const month_topics[] = {
	"学习党的二十届四中全会精神", "重温入党誓词", "学习《中国共产党章程》", "党员志愿服务进楼院",
};

static int add_meetings(struct demo *d)
{
	int month, b, g;
	char title[MEETING_TEXT];

	/* The past quarter: 三会一课 and a 主题党日 each month. */
	for (month = 3; month >= 1; month--) {
		time_t theme = month_day(d->now, month, 15, 9);
		snprintf(title, sizeof title, "主题党日：%s", month_topics[month % COUNT(month_topics)]);
		if (add_meeting(d, MK_THEME_DAY, title, -1, -1, "社区党员活动室", theme, 120,
				VOTE_NONE, 100, month_topics[month % COUNT(month_topics)]) < 0)
			return -1;
		for (b = 0; b < BRANCHES; b++) {
			snprintf(title, sizeof title, "%s支委会", branch_names[b]);
			if (add_meeting(d, MK_COMMITTEE, title, b, -1, "社区党员活动室",
					month_day(d->now, month, 5 + b, 14), 60, VOTE_NONE, 130,
					"研究本月工作") < 0)
				return -1;
			for (g = 0; g < GROUPS_PER_BRANCH; g++) {
				snprintf(title, sizeof title, "%s学习会", group_names[b][g]);
				if (add_meeting(d, MK_GROUP, title, b, g,
						g == GROUPS_PER_BRANCH - 1 ? "线上（微信群）" : "党员中心户家中",
						month_day(d->now, month, 20 + g, 15), 60, VOTE_NONE, 90,
						"学习党的创新理论") < 0)
					return -1;
			}
		}
	}
	/* One 支部党员大会 each in the past quarter, and a 党课 for everyone. */
	for (b = 0; b < BRANCHES; b++) {
		snprintf(title, sizeof title, "%s党员大会", branch_names[b]);
		if (add_meeting(d, MK_ASSEMBLY, title, b, -1, "社区党员活动室",
				month_day(d->now, 2, 25, 9), 90, VOTE_MAJORITY, 100,
				"讨论发展对象；民主评议党员") < 0)
			return -1;
	}
	if (add_meeting(d, MK_LECTURE, "党课：老党员讲社区变迁", -1, -1, "社区党员活动室",
			month_day(d->now, 1, 28, 9), 90, VOTE_NONE, 100, "老党员讲社区变迁") < 0 ||
	    add_meeting(d, MK_VOLUNTEER, "志愿服务：楼道清洁和义务理发", -1, -1, "幸福里小区广场",
			month_day(d->now, 1, 10, 8), 180, VOTE_NONE, 100, NULL) < 0)
		return -1;
	/* On now: a branch assembly that votes, started a quarter of an hour ago, with some
	 * members already signed in. */
	if (add_meeting(d, MK_ASSEMBLY, "第一党支部党员大会", 0, -1, "社区党员活动室",
			d->now - 15 * 60, 120, VOTE_MAJORITY, 45, "讨论接收预备党员") < 0)
		return -1;
	/* Coming weeks. */
	if (add_meeting(d, MK_GROUP, "东苑党小组学习会", 0, 0, "东苑党员中心户家中",
			day_at(d->now, 2, 15, 0), 60, VOTE_NONE, 0, "学习新修订的纪律处分条例") < 0 ||
	    add_meeting(d, MK_COMMITTEE, "第二党支部支委会", 1, -1, "社区党员活动室",
			day_at(d->now, 3, 14, 30), 60, VOTE_NONE, 0, "研究年终工作") < 0 ||
	    add_meeting(d, MK_THEME_DAY, "主题党日：冬季送温暖", -1, -1, "社区党员活动室",
			day_at(d->now, 6, 9, 0), 120, VOTE_NONE, 0, "走访慰问困难党员") < 0 ||
	    add_meeting(d, MK_VOLUNTEER, "志愿服务：扫雪除冰", -1, -1, "幸福里小区各楼道",
			day_at(d->now, 9, 8, 0), 120, VOTE_NONE, 0, NULL) < 0 ||
	    add_meeting(d, MK_LECTURE, "党课：从党史中汲取力量", -1, -1, "社区党员活动室",
			day_at(d->now, 13, 9, 0), 90, VOTE_NONE, 0, "党史学习") < 0 ||
	    add_meeting(d, MK_ASSEMBLY, "第三党支部党员大会", 2, -1, "社区党员活动室",
			day_at(d->now, 20, 9, 0), 120, VOTE_ELECTION, 0, "支部委员会换届选举") < 0)
		return -1;
	return 0;
}

int demo_populate(struct db *db, time_t now, char *err, size_t errlen)
{
	static struct demo d; /* ~1 MB of members: not on the stack */
	struct tm tm;
	int rc = -1;

	memset(&d, 0, sizeof d);
	d.db = db;
	d.rng.s = 20150520; /* fixed: the same community every time */
	d.now = now;
	d.err = err;
	d.errlen = errlen;
	localtime_r(&now, &tm);
	if (db_begin(db, err, errlen) < 0)
		return -1;
	if (add_members(&d, tm.tm_year + 1900) < 0)
		goto out;
	add_special_cases(&d);
	if (add_households(&d) < 0 || add_meetings(&d) < 0)
		goto out;
	if (db_setting_set(db, "community_name", DEMO_COMMUNITY, err, errlen) < 0)
		goto out;
	rc = 0;
out:
	return db_tx_end(db, true, rc, err, errlen);
}
