/* Pinyin initials of names, so that elderly members can find themselves by typing 张秀兰 as ZXL.
 *
 * A name is read as a sequence of "units", one per thing a member would type a letter for: each
 * Han character, and each Latin-script word (by its first letter). Separators are skipped, so
 * 阿依古丽·买买提 is AYGLMMT whichever dot the roster was typed with. Anything else (a digit, a
 * character Unihan has no Mandarin reading for, a malformed byte) is a unit no letter matches,
 * rather than being skipped: skipping would let "ZS" match 张X三 and show initials that do not line
 * up with the name.
 *
 * Each Han character matches the initials of all its readings (from the generated table), so a
 * member named 单 may type D or S, and need not know which reading the data entry clerk had in mind.
 */
#include "core/text/pinyin.h"

#include <string.h>

#include "core/text/utf8.h"

/* Separators between the parts of a name. Input methods and roster spreadsheets produce several
 * look-alikes of the middle dot in minority and foreign names (GB/T 28039 asks for U+00B7), and a
 * full stop is a common stand-in for it. */
static const uint32_t SEPARATORS[] = {
	' ', '\t', 0x00A0, 0x3000,                                /* spaces */
	'-', 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2212, 0xFF0D, /* hyphens and dashes */
	0x00B7, 0x0387, 0x2022, 0x2027, 0x2219, 0x22C5, 0x30FB, 0xFF65, /* middle dots */
	'.', 0xFF0E,                                              /* full stops */
};

/* Walks a name unit by unit; in_word remembers that the previous code point was a Latin letter,
 * so the rest of a word is not taken for further initials. */
struct cursor {
	const char *s;
	bool in_word;
};

static bool is_separator(uint32_t cp)
{
	size_t i;

	for (i = 0; i < sizeof SEPARATORS / sizeof SEPARATORS[0]; i++)
		if (SEPARATORS[i] == cp)
			return true;
	return false;
}

/* Letter index 0-25 of an ASCII or fullwidth Latin letter (fullwidth comes from Chinese input
 * methods left in full-width mode), or -1. */
static int latin_index(uint32_t cp)
{
	if (cp >= 'A' && cp <= 'Z')
		return (int)(cp - 'A');
	if (cp >= 'a' && cp <= 'z')
		return (int)(cp - 'a');
	if (cp >= 0xFF21 && cp <= 0xFF3A)
		return (int)(cp - 0xFF21);
	if (cp >= 0xFF41 && cp <= 0xFF5A)
		return (int)(cp - 0xFF41);
	return -1;
}

/* Letters that continue a Latin word without being initials themselves (José, Müller). */
static bool is_latin_letter(uint32_t cp)
{
	if (latin_index(cp) >= 0)
		return true;
	return cp >= 0x00C0 && cp <= 0x024F && cp != 0x00D7 && cp != 0x00F7;
}

/* The generated class of cp: initials mask and primary initial, or 0 when Unihan has no reading. */
static uint32_t table_class(uint32_t cp)
{
	size_t lo = 0, hi = pinyin_table_len, mid;
	uint32_t key;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		key = pinyin_table[mid] >> PINYIN_CLASS_BITS;
		if (key < cp)
			lo = mid + 1;
		else if (key > cp)
			hi = mid;
		else
			return pinyin_classes[pinyin_table[mid] & ((1u << PINYIN_CLASS_BITS) - 1)];
	}
	return 0;
}

uint32_t pinyin_initials_mask(uint32_t cp)
{
	int letter = latin_index(cp);

	if (letter >= 0)
		return 1u << letter;
	return table_class(cp) & ((1u << PINYIN_PRIMARY_SHIFT) - 1);
}

/* The displayed initial of cp, 'A'-'Z', or '?' when there is none. */
static char primary_initial(uint32_t cp)
{
	int letter = latin_index(cp);
	uint32_t primary;

	if (letter >= 0)
		return (char)('A' + letter);
	primary = table_class(cp) >> PINYIN_PRIMARY_SHIFT;
	return primary >= 1 && primary <= 26 ? (char)('A' + primary - 1) : '?';
}

/* Move to the next unit and give its code point (0 for a malformed byte, which matches nothing);
 * false at the end of the name. */
static bool cursor_next(struct cursor *c, uint32_t *cp)
{
	size_t len;

	while (*c->s != '\0') {
		/* Never let the decoder look past the terminating NUL. */
		len = utf8_decode(c->s, strnlen(c->s, 4), cp);
		if (len == 0) {
			c->s++;
			c->in_word = false;
			*cp = 0;
			return true;
		}
		c->s += len;
		if (is_separator(*cp)) {
			c->in_word = false;
			continue;
		}
		if (is_latin_letter(*cp)) {
			if (c->in_word)
				continue;
			c->in_word = true;
			return true;
		}
		c->in_word = false;
		return true;
	}
	return false;
}

bool pinyin_match(const char *name_utf8, const char *initials)
{
	struct cursor c = { name_utf8 ? name_utf8 : "", false };
	const char *p;
	uint32_t cp;
	int letter;

	if (initials == NULL)
		return true;
	for (p = initials; *p != '\0'; p++) {
		letter = latin_index((unsigned char)*p);
		if (letter < 0 || !cursor_next(&c, &cp))
			return false;
		if (!(pinyin_initials_mask(cp) & (1u << letter)))
			return false;
	}
	return true;
}

/* Characters whose reading as a surname differs in its initial from their first reading in
 * Unihan (仇 is chóu, but the surname is Qiú): a name's first character is filed under its
 * surname reading, as a member says their own name (现代汉语词典's 姓 readings). Sorted by
 * code point. */
static const struct {
	uint32_t cp;
	char initial;
} SURNAME_INITIALS[] = {
	{ 0x4E5C, 'N' }, /* 乜 Niè */
	{ 0x4EC7, 'Q' }, /* 仇 Qiú */
	{ 0x4F74, 'N' }, /* 佴 Nài */
	{ 0x533A, 'O' }, /* 区 Ōu */
	{ 0x5355, 'S' }, /* 单 Shàn */
	{ 0x53EC, 'S' }, /* 召 Shào */
	{ 0x5458, 'Y' }, /* 员 Yùn */
	{ 0x5B93, 'F' }, /* 宓 Fú */
	{ 0x6298, 'S' }, /* 折 Shé */
	{ 0x671D, 'C' }, /* 朝 Cháo */
	{ 0x6734, 'P' }, /* 朴 Piáo */
	{ 0x67E5, 'Z' }, /* 查 Zhā */
	{ 0x79CD, 'C' }, /* 种 Chóng */
	{ 0x79D8, 'B' }, /* 秘 Bì */
	{ 0x7C98, 'N' }, /* 粘 Nián */
	{ 0x7E41, 'P' }, /* 繁 Pó */
	{ 0x7F2A, 'M' }, /* 缪 Miào */
	{ 0x7FDF, 'Z' }, /* 翟 Zhái */
	{ 0x8398, 'X' }, /* 莘 Xīn */
	{ 0x8983, 'Q' }, /* 覃 Qín */
	{ 0x89E3, 'X' }, /* 解 Xiè */
	{ 0x9002, 'K' }, /* 适 Kuò */
	{ 0x91CD, 'C' }, /* 重 Chóng */
	{ 0x9889, 'X' }, /* 颉 Xié */
};

/* The initial cp is filed under when it begins a name. */
static char surname_initial(uint32_t cp)
{
	size_t lo = 0, hi = sizeof SURNAME_INITIALS / sizeof SURNAME_INITIALS[0];

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (SURNAME_INITIALS[mid].cp < cp)
			lo = mid + 1;
		else if (SURNAME_INITIALS[mid].cp > cp)
			hi = mid;
		else
			return SURNAME_INITIALS[mid].initial;
	}
	return primary_initial(cp);
}

void pinyin_initials(const char *name_utf8, char *out, size_t outsz)
{
	struct cursor c = { name_utf8 ? name_utf8 : "", false };
	uint32_t cp;
	size_t n = 0;

	if (out == NULL || outsz == 0)
		return;
	while (n + 1 < outsz && cursor_next(&c, &cp)) {
		out[n] = cp == 0 ? '?' : n == 0 ? surname_initial(cp) : primary_initial(cp);
		n++;
	}
	out[n] = '\0';
}
