/* The pinyin input method's lookups: a binary search over the generated table, which is
 * sorted by reading and, within one reading, most common character first. */
#include "core/text/ime.h"

#include <stdlib.h>
#include <string.h>

#include "core/text/utf8.h"

/* The most common Chinese surnames, most common first (public household-register counts). */
static const char surnames[] =
	"王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩邓冯曹彭曾肖田董潘袁蔡蒋余于杜叶程"
	"魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾"
	"龚邵万覃武钱戴严莫孔向常汤康易乔赖文";

/* Characters common in given names (from published name-frequency lists), roughly most
 * common first. */
static const char given[] =
	"英华玉秀明珍文芳兰国建平红丽军春金海伟云小德志杰敏燕霞梅凤林荣桂强永生俊龙晓辉清宝琴"
	"淑芬丹成新静娟勇峰婷涛鹏斌亮超磊洁慧艳萍娜颖琳倩雪宇浩刚光福美振东庆家世立元忠学兴祥瑞"
	"佳欣怡思嘉晨子晶莉蓉波飞鑫博健凯毅彬松民安卫胜利秋冬翠娥琼莲菊香兵坤泽阳";

/* The rank of cp in list (0 = the most common), or a large number. */
static int rank_in(const char *list, uint32_t cp)
{
	const char *p = list;
	int rank = 0;

	while (*p) {
		uint32_t c;
		size_t len = utf8_decode(p, strlen(p), &c);
		if (!len)
			break;
		if (c == cp)
			return rank;
		p += len;
		rank++;
	}
	return 1 << 20;
}

/* The first entry whose reading is >= key (for a prefix, the first that may start with it). */
static size_t lower_bound(const char *key)
{
	size_t lo = 0, hi = ime_table_len;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(ime_table[mid].reading, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static bool is_syllable(const char *s)
{
	size_t i = lower_bound(s);

	return i < ime_table_len && strcmp(ime_table[i].reading, s) == 0;
}

bool ime_possible(const char *typed)
{
	size_t i = lower_bound(typed), n = strlen(typed);

	if (n == 0)
		return true;
	/* Either some reading starts with it, or a whole syllable is followed by a possible rest. */
	if (i < ime_table_len && strncmp(ime_table[i].reading, typed, n) == 0)
		return true;
	for (size_t k = n - 1; k > 0; k--) {
		char head[IME_MAX_TYPED + 1];
		if (k > IME_MAX_TYPED)
			continue;
		memcpy(head, typed, k);
		head[k] = '\0';
		if (is_syllable(head))
			return ime_possible(typed + k);
	}
	return false;
}

struct cand {
	uint32_t cp;
	uint32_t freq;
	int rank;
};

static int by_rank(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;

	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	if (x->freq != y->freq)
		return x->freq > y->freq ? -1 : 1;
	return x->cp < y->cp ? -1 : x->cp > y->cp;
}

void ime_candidates(const char *typed, enum ime_context ctx, int skip, char (*out)[8], int max,
		    struct ime_result *res)
{
	static struct cand found[IME_MAX_CANDIDATES]; /* the UI thread's alone */
	char key[IME_MAX_TYPED + 1];
	size_t n = strlen(typed), len, i, k;
	int count = 0, j;
	bool exact = false;

	memset(res, 0, sizeof *res);
	if (n == 0)
		return;
	/* The longest whole syllable the typed text starts with (readings are at most 6 letters). */
	for (len = n < 6 ? n : 6; len > 0; len--) {
		memcpy(key, typed, len);
		key[len] = '\0';
		if (is_syllable(key)) {
			exact = true;
			break;
		}
	}
	if (!exact) {
		len = n < IME_MAX_TYPED ? n : IME_MAX_TYPED;
		memcpy(key, typed, len);
		key[len] = '\0';
	}
	for (i = lower_bound(key); i < ime_table_len && count < IME_MAX_CANDIDATES; i++) {
		const struct ime_entry *e = &ime_table[i];
		if (exact ? strcmp(e->reading, key) != 0 : strncmp(e->reading, key, len) != 0)
			break;
		for (j = 0; j < count && found[j].cp != e->cp; j++)
			;
		if (j < count) { /* one character, several readings that start alike: the commoner */
			if (e->freq > found[j].freq)
				found[j].freq = e->freq;
			continue;
		}
		found[count].cp = e->cp;
		found[count].freq = e->freq;
		found[count].rank = ctx == IME_NAME_FIRST ? rank_in(surnames, e->cp) :
				    ctx == IME_NAME_REST ? rank_in(given, e->cp) : 0;
		count++;
	}
	qsort(found, (size_t)count, sizeof *found, by_rank);
	res->used = (int)len;
	res->total = count;
	for (k = 0; (int)k < max && skip + (int)k < count; k++) {
		size_t w = utf8_encode(found[skip + k].cp, out[k]);
		out[k][w] = '\0';
		res->n++;
	}
}
