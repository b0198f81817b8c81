/* The text the kiosk sends to its speech synthesiser.
 *
 * espeak-ng reads Chinese through a dictionary of words and characters. Names are where it goes
 * wrong: it reads a polyphonic surname as the common word (曾 as céng in 曾经, 单 as dān, 仇 as
 * chóu), and a rare name character beyond the Basic Multilingual Plane (the 通用规范汉字表 put
 * many in Extension B and later) is spelled out as its code number. Its "cmn-latn-pinyin" voice
 * reads numbered pinyin as Mandarin, so we steer it by writing those characters as pinyin: the
 * surname readings below (checked one by one against espeak-ng 1.51), and Unihan's reading for
 * the rare characters (kiosk/tools/gen_readings.sh). The rest of the name is left to the
 * dictionary, which knows words and tone sandhi better than a character table would.
 */
#include "core/text/speech.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/text/utf8.h"

/* Surnames espeak-ng reads with their common-word reading, and the surname reading. Compound
 * surnames first, so they win over their first character. A surname whose two readings are both
 * in use as surnames (乐 lè/yuè, 盖 gài/gě) is left to the dictionary. */
static const struct {
	const char *han, *pinyin;
} SURNAMES[] = {
	{ "尉迟", "yu4 chi2" }, { "万俟", "mo4 qi2" }, { "单于", "chan2 yu2" }, { "长孙", "zhang3 sun1" },
	{ "曾", "zeng1" }, { "单", "shan4" }, { "仇", "qiu2" },  { "查", "zha1" }, { "区", "ou1" },
	{ "朴", "piao2" }, { "解", "xie4" },  { "翟", "zhai2" }, { "覃", "qin2" }, { "召", "shao4" },
	{ "员", "yun4" },  { "种", "chong2" }, { "秘", "bi4" },  { "那", "na1" },  { "繁", "po2" },
	{ "黑", "he4" },   { "句", "gou1" },  { "隗", "wei3" },  { "能", "nai4" }, { "重", "chong2" },
	{ "华", "hua4" },  { "任", "ren2" },  { "纪", "ji3" },   { "燕", "yan1" }, { "过", "guo1" },
	{ "折", "she2" },  { "都", "du1" },   { "祭", "zhai4" }, { "莘", "shen1" }, { "粘", "nian2" },
};

/* The middle dot of transliterated names and its look-alikes (as core/text/pinyin.c). */
static const uint32_t DOTS[] = { 0x00B7, 0x0387, 0x2022, 0x2027, 0x2219, 0x22C5, 0x30FB, 0xFF65, '.', 0xFF0E };

static bool is_dot(uint32_t cp)
{
	size_t i;

	for (i = 0; i < sizeof DOTS / sizeof DOTS[0]; i++)
		if (DOTS[i] == cp)
			return true;
	return false;
}

static bool is_han(uint32_t cp)
{
	return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
	       (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3FFFF);
}

/* Characters the synthesiser's dictionary does not have. */
static bool needs_reading(uint32_t cp)
{
	return cp >= 0x10000 || (cp >= 0xF900 && cp <= 0xFAFF);
}

/* Append s to out[*len], always NUL-terminated; stops (without cutting UTF-8) when full. */
static void put(char *out, size_t size, size_t *len, const char *s)
{
	size_t n = strlen(s);

	if (*len + n + 1 > size)
		return;
	memcpy(out + *len, s, n + 1);
	*len += n;
}

/* Pinyin next to Han characters needs a space on each side, or the voice runs them together
 * with what follows as one Latin word. */
static void put_pinyin(char *out, size_t size, size_t *len, const char *py)
{
	if (*len > 0 && out[*len - 1] != ' ')
		put(out, size, len, " ");
	put(out, size, len, py);
	put(out, size, len, " ");
}

struct tone {
	const char *marked;
	char base;
	char tone;
};

static const struct tone TONES[] = {
	{ "ā", 'a', '1' }, { "á", 'a', '2' }, { "ǎ", 'a', '3' }, { "à", 'a', '4' },
	{ "ē", 'e', '1' }, { "é", 'e', '2' }, { "ě", 'e', '3' }, { "è", 'e', '4' },
	{ "ī", 'i', '1' }, { "í", 'i', '2' }, { "ǐ", 'i', '3' }, { "ì", 'i', '4' },
	{ "ō", 'o', '1' }, { "ó", 'o', '2' }, { "ǒ", 'o', '3' }, { "ò", 'o', '4' },
	{ "ū", 'u', '1' }, { "ú", 'u', '2' }, { "ǔ", 'u', '3' }, { "ù", 'u', '4' },
	{ "ǖ", 'v', '1' }, { "ǘ", 'v', '2' }, { "ǚ", 'v', '3' }, { "ǜ", 'v', '4' },
	{ "ü", 'v', 0 },   { "ê", 'e', 0 },   { "ế", 'e', '2' }, { "ề", 'e', '4' },
	{ "ḿ", 'm', '2' }, { "ń", 'n', '2' }, { "ň", 'n', '3' }, { "ǹ", 'n', '4' },
	/* combining marks after a plain letter (ê̄, m̀) */
	{ "\xcc\x84", 0, '1' }, { "\xcc\x81", 0, '2' }, { "\xcc\x8c", 0, '3' }, { "\xcc\x80", 0, '4' },
};

int speech_numbered(const char *marked, char *out, size_t size)
{
	size_t len = 0, i, n;
	char tone = '5';
	const char *p = marked;

	while (*p) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')) {
			if (len + 2 >= size)
				return -1;
			out[len++] = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
			p++;
			continue;
		}
		for (i = 0; i < sizeof TONES / sizeof TONES[0]; i++) {
			n = strlen(TONES[i].marked);
			if (strncmp(p, TONES[i].marked, n) == 0)
				break;
		}
		if (i == sizeof TONES / sizeof TONES[0])
			return -1;
		if (TONES[i].base) {
			if (len + 2 >= size)
				return -1;
			out[len++] = TONES[i].base;
		}
		if (TONES[i].tone)
			tone = TONES[i].tone;
		p += strlen(TONES[i].marked);
	}
	if (len == 0 || len + 2 > size)
		return -1;
	out[len++] = tone;
	out[len] = '\0';
	return 0;
}

const char *speech_reading(uint32_t cp, char *buf, size_t size)
{
	size_t lo = 0, hi = pinyin_readings_len, mid;
	uint32_t key, syl;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		key = pinyin_readings[mid] >> PINYIN_SYLLABLE_BITS;
		if (key < cp) {
			lo = mid + 1;
		} else if (key > cp) {
			hi = mid;
		} else {
			syl = pinyin_readings[mid] & ((1u << PINYIN_SYLLABLE_BITS) - 1);
			if (syl >= pinyin_syllables_len ||
			    speech_numbered(pinyin_syllables[syl], buf, size) < 0)
				return NULL;
			return buf;
		}
	}
	return NULL;
}

size_t speech_name(const char *name, char *out, size_t size)
{
	const char *p = name;
	size_t len = 0, i, n, left;
	uint32_t cp;
	char py[16], ch[5];

	if (size == 0)
		return 0;
	out[0] = '\0';
	if (!name)
		return 0;
	/* The surname, when the name has more after it. */
	for (i = 0; i < sizeof SURNAMES / sizeof SURNAMES[0]; i++) {
		n = strlen(SURNAMES[i].han);
		if (strncmp(p, SURNAMES[i].han, n) == 0 && p[n]) {
			put_pinyin(out, size, &len, SURNAMES[i].pinyin);
			p += n;
			break;
		}
	}
	while (*p) {
		left = strlen(p);
		n = utf8_decode(p, left, &cp);
		if (n == 0) {
			p++; /* a malformed byte: left out */
			continue;
		}
		if (is_dot(cp) || cp == ' ' || cp == 0x3000) {
			if (len > 0 && out[len - 1] != ' ')
				put(out, size, &len, " ");
		} else if (is_han(cp) && needs_reading(cp)) {
			if (speech_reading(cp, py, sizeof py))
				put_pinyin(out, size, &len, py);
		} else if (is_han(cp) || (cp < 128 && ((cp | 32) >= 'a' && (cp | 32) <= 'z')) ||
			   (cp >= '0' && cp <= '9')) {
			memcpy(ch, p, n);
			ch[n] = '\0';
			put(out, size, &len, ch);
		}
		p += n;
	}
	while (len > 0 && out[len - 1] == ' ')
		out[--len] = '\0';
	return len;
}

size_t speech_sentence(enum speech_event ev, const char *name, int count, char *out, size_t size)
{
	char said[256];
	int n = 0;

	if (size == 0)
		return 0;
	out[0] = '\0';
	speech_name(name, said, sizeof said);
	switch (ev) {
	case SPEECH_SIGNED_IN:
		n = snprintf(out, size, "%s%s签到成功", said, said[0] ? "，" : "");
		break;
	case SPEECH_ALREADY:
		n = snprintf(out, size, "您已经签过到了，不用再签");
		break;
	case SPEECH_PHONE:
		if (count > 1)
			n = snprintf(out, size, "%d位党员扫码签到成功", count);
		else
			n = snprintf(out, size, "%s%s扫码签到成功", said, said[0] ? "，" : "");
		break;
	case SPEECH_LEAVE:
		n = snprintf(out, size, "请假已登记");
		break;
	case SPEECH_REFUSED:
	case SPEECH_EVENTS:
		break;
	}
	if (n < 0)
		return 0;
	return (size_t)n < size ? (size_t)n : size - 1;
}
