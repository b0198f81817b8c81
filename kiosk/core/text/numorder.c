/* Numeral-aware comparison. A Chinese numeral is read as people write small counts: 十 = 10,
 * 十一 = 11, 二十 = 20, 一百零五 = 105, and digit by digit when written without units (二〇二六 =
 * 2026). Values beyond what a branch or a building number needs simply compare large. */
#include "core/text/numorder.h"

#include <string.h>

static const struct {
	const char *utf8;
	int digit;  /* 0..9, or -1 for a unit */
	int unit;   /* 10, 100, 1000 */
} numerals[] = {
	{ "零", 0, 0 }, { "〇", 0, 0 }, { "一", 1, 0 }, { "二", 2, 0 }, { "两", 2, 0 },
	{ "三", 3, 0 }, { "四", 4, 0 }, { "五", 5, 0 }, { "六", 6, 0 }, { "七", 7, 0 },
	{ "八", 8, 0 }, { "九", 9, 0 }, { "十", -1, 10 }, { "百", -1, 100 }, { "千", -1, 1000 },
};

/* The numeral at s (n bytes left): its index in numerals, or -1. */
static int numeral_at(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < sizeof numerals / sizeof numerals[0]; i++)
		if (n >= 3 && memcmp(s, numerals[i].utf8, 3) == 0)
			return (int)i;
	return -1;
}

/* Read a run of numerals or digits at *s; advance past it and return its value, or -1 when
 * there is none. */
static long long read_number(const char **s, const char *end)
{
	long long total = 0, section = 0, digit = -1, plain = 0;
	int any = 0, units = 0, k;

	if (*s < end && **s >= '0' && **s <= '9') {
		while (*s < end && **s >= '0' && **s <= '9' && total < 1000000000000LL)
			total = total * 10 + (*(*s)++ - '0');
		while (*s < end && **s >= '0' && **s <= '9')
			(*s)++;
		return total;
	}
	while (*s < end && (k = numeral_at(*s, (size_t)(end - *s))) >= 0) {
		any = 1;
		*s += 3;
		if (numerals[k].digit >= 0) {
			digit = numerals[k].digit;
			if (plain < 100000000000LL)
				plain = plain * 10 + digit;
		} else {
			units = 1;
			section += (digit < 0 ? 1 : digit) * numerals[k].unit;
			digit = -1;
		}
	}
	if (!any)
		return -1;
	if (!units)
		return plain; /* 二〇二六: digit by digit */
	total = section + (digit > 0 ? digit : 0);
	return total;
}

int numorder_compare(const char *a, size_t alen, const char *b, size_t blen)
{
	const char *ae = a + alen, *be = b + blen;

	while (a < ae && b < be) {
		const char *a0 = a, *b0 = b;
		long long va = read_number(&a, ae), vb = read_number(&b, be);
		if (va >= 0 && vb >= 0) {
			if (va != vb)
				return va < vb ? -1 : 1;
			continue;
		}
		/* Not both numbers here: compare one byte, as plain text would. */
		a = a0;
		b = b0;
		if (*a != *b)
			return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
		a++;
		b++;
	}
	return (a < ae) - (b < be);
}
