/* A small pinyin input method for staff typing a walk-in guest's name and 单位 on the screen:
 * type a syllable's letters on an on-screen keyboard (ü as v, as every pinyin IME does), tap
 * the character among the candidates. Characters are those of the 通用规范汉字表, most common
 * first; in a name, common surnames first for its first character and characters common in
 * given names first for the rest. The table is generated from Unihan by kiosk/tools/gen_ime.sh. */
#ifndef KIOSK_CORE_IME_H
#define KIOSK_CORE_IME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ime_entry {
	char reading[8]; /* "wang", "lv" */
	uint32_t cp;
	uint32_t freq;   /* how common the character is in this reading: a corpus count, plus
			  * 2^24 in GB2312 level 1 and 2^23 in level 2; 0: rare */
};

extern const struct ime_entry ime_table[];
extern const size_t ime_table_len;

#define IME_MAX_TYPED 24
#define IME_MAX_CANDIDATES 512

struct ime_result {
	int used;  /* letters of the typed text the candidates stand for (a whole syllable) */
	int total; /* candidates in all */
	int n;     /* candidates written, from skip on */
};

/* What is being typed, for the order of the candidates. */
enum ime_context {
	IME_TEXT,       /* anything: the commonest characters first */
	IME_NAME_FIRST, /* a name's first character: common surnames first */
	IME_NAME_REST,  /* the rest of a name: characters common in given names first */
};

/* The candidates for typed pinyin (lower-case a-z), skipping the first skip, at most max into
 * out as UTF-8 characters. The longest whole syllable typed decides ("wangxiu": 王 汪 望 …, used
 * 4); without one, every syllable the letters begin ("zh": 这 中 …, used 2). */
void ime_candidates(const char *typed, enum ime_context ctx, int skip, char (*out)[8], int max,
		    struct ime_result *res);

/* Could typed lead to a syllable at all ("zho" yes, "zv" no)? Keys that cannot are refused. */
bool ime_possible(const char *typed);

#endif
