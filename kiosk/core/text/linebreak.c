/* Greedy line breaking for Chinese kiosk text.
 *
 * Chinese may break between any two characters, but a line must not start with closing
 * punctuation (，。」…) nor end with opening punctuation (（「《), the rules readers know as
 * 避头尾. Latin words and runs of digits ("13812345678", "09:30") stay whole and break at spaces,
 * and a number keeps the character after it ("2026年"), because an elderly reader who finds
 * "2026" at the end of one line and "年" at the start of the next has to read the line twice.
 *
 * One pass, one measurement per code point: the position of the last allowed break is remembered
 * with the width up to it, so overflowing only moves the tail of the line down, never re-measures. */
#include "core/text/linebreak.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "core/text/utf8.h"

/* A line must not start with these (closing punctuation, and the middle dot of 阿依古丽·买买提). */
static const uint32_t NO_START[] = {
	0xFF0C, 0x3002, 0x3001, 0xFF1B, 0xFF1A, 0xFF1F, 0xFF01, /* ，。、；：？！ */
	0xFF09, 0x300D, 0x300F, 0x300B, 0x3009, 0x3011,         /* ）」』》〉】 */
	0x3015, 0x3017, 0x3019, 0x301B, 0xFF3D, 0xFF5D,         /* 〕〗〙〛］｝ */
	0x201D, 0x2019, 0x2026, 0x2025, 0xFF0E, 0xFF61,         /* ”’…‥．｡ */
	0x00B7, 0x30FB, 0x2027, 0x3005,                         /* ·・‧々 */
	',', '.', ';', ':', '?', '!', ')', ']', '}',
};

/* A line must not end with these (opening punctuation). */
static const uint32_t NO_END[] = {
	0xFF08, 0x300C, 0x300E, 0x300A, 0x3008, 0x3010, /* （「『《〈【 */
	0x3014, 0x3016, 0x3018, 0x301A, 0xFF3B, 0xFF5B, /* 〔〖〘〚［｛ */
	0x201C, 0x2018,                                 /* “‘ */
	'(', '[', '{',
};

/* Blocks where a break is allowed before and after every character (ideographs, kana, hangul,
 * CJK symbols and fullwidth forms), inclusive ranges. */
static const uint32_t CJK_RANGES[][2] = {
	{0x1100, 0x11FF},   {0x2E80, 0x2FFF},   {0x3000, 0x303F},   {0x3040, 0x33FF},
	{0x3400, 0x4DBF},   {0x4E00, 0x9FFF},   {0xA000, 0xA4CF},   {0xAC00, 0xD7AF},
	{0xF900, 0xFAFF},   {0xFE10, 0xFE1F},   {0xFE30, 0xFE4F},   {0xFF00, 0xFFEF},
	{0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
};

/* Marks that belong to the character before them: never break in front of one. */
static const uint32_t EXTEND_RANGES[][2] = {
	{0x0300, 0x036F}, {0x1AB0, 0x1AFF}, {0x1DC0, 0x1DFF}, {0x200D, 0x200D},
	{0x20D0, 0x20FF}, {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F}, {0xE0100, 0xE01EF},
};

static bool in_list(const uint32_t *list, size_t n, uint32_t c)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (list[i] == c)
			return true;
	return false;
}

static bool in_ranges(const uint32_t (*r)[2], size_t n, uint32_t c)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (c >= r[i][0] && c <= r[i][1])
			return true;
	return false;
}

static bool no_start(uint32_t c)
{
	return in_list(NO_START, sizeof NO_START / sizeof NO_START[0], c);
}

static bool no_end(uint32_t c)
{
	return in_list(NO_END, sizeof NO_END / sizeof NO_END[0], c);
}

static bool is_cjk(uint32_t c)
{
	return c >= 0x1100 && in_ranges(CJK_RANGES, sizeof CJK_RANGES / sizeof CJK_RANGES[0], c);
}

static bool is_extend(uint32_t c)
{
	return c >= 0x300 &&
	       in_ranges(EXTEND_RANGES, sizeof EXTEND_RANGES / sizeof EXTEND_RANGES[0], c);
}

/* Breakable white space: dropped at a soft break. U+3000 is the ideographic space used for
 * paragraph indents, U+200B the zero-width space that marks a break without showing one. */
static bool is_space(uint32_t c)
{
	return c == ' ' || c == '\t' || c == 0x3000 || c == 0x200B;
}

static bool is_digit(uint32_t c)
{
	return c >= '0' && c <= '9';
}

/* Whether a line may end after a and the next start at b (both non-newline code points). */
static bool break_allowed(uint32_t a, uint32_t b)
{
	if (is_space(b) || no_start(b) || no_end(a) || is_extend(b) || a == 0x200D)
		return false;
	if (is_space(a))
		return true;
	if (is_digit(a) && is_cjk(b))
		return false; /* "2026年", "5日", "50％" */
	if (a == 0x2014 && b == 0x2014)
		return false; /* the two halves of a dash —— */
	return is_cjk(a) || is_cjk(b);
}

struct breaker {
	const char *text;
	struct line_span *lines;
	size_t max_lines, count;
	struct line_span last[2]; /* the last two lines emitted: [1] the last */
};

static void emit(struct breaker *b, size_t start, size_t end, int width)
{
	struct line_span l = { start, end, width };

	if (b->count < b->max_lines)
		b->lines[b->count] = l;
	b->last[0] = b->last[1];
	b->last[1] = l;
	b->count++;
}

/* The greedy pass; with force_at > 0 a line also ends before the character at that offset. */
static void run(struct breaker *b, int max_width, text_measure_fn measure, void *ctx,
		size_t force_at)
{
	const char *text = b->text;
	size_t len, pos = 0, n;
	/* The line being filled: where it starts, its width including trailing spaces, where those
	 * trailing spaces start and their width, and whether it holds anything but spaces. */
	size_t line_start = 0, sp_start = 0;
	int line_w = 0, sp_w = 0;
	bool visible = false, soft = false;
	/* The last place the line may break: its content end and width, and where the next line
	 * would start with the width up to there. */
	bool cand = false;
	size_t cand_end = 0, cand_next = 0;
	int cand_w = 0, cand_next_w = 0;
	/* The previous two code points, for the punctuation rules. */
	uint32_t prev = 0, prev2 = 0, c;
	size_t prev_pos = 0;
	int prev_w = 0, w;

	len = strlen(text);
	for (; pos < len; pos += n) {
		n = utf8_decode(text + pos, len - pos, &c);
		if (n == 0) {
			n = 1; /* a stray byte is measured and kept as one character */
			c = 0xFFFD;
		}
		if (c == '\r' && pos + 1 < len && text[pos + 1] == '\n')
			continue;
		if (c == '\n' || c == '\r') {
			emit(b, line_start, sp_start, line_w - sp_w);
			line_start = sp_start = pos + n;
			line_w = sp_w = 0;
			visible = soft = cand = false;
			prev = prev2 = 0;
			continue;
		}
		if (force_at && pos == force_at && pos > line_start) {
			/* The line before a lone last character ends here (see linebreak). */
			emit(b, line_start, sp_start, line_w - sp_w);
			line_start = sp_start = pos;
			line_w = sp_w = 0;
			visible = cand = false;
			soft = true;
		}
		if (soft && pos == line_start && is_space(c)) {
			line_start = sp_start = pos + n;
			continue;
		}
		/* "1 人": a number keeps the word after it across the space between them too. */
		if (visible && break_allowed(prev, c) && !(is_space(prev) && is_digit(prev2) && is_cjk(c))) {
			cand = true;
			cand_end = sp_start;
			cand_w = line_w - sp_w;
			cand_next = pos;
			cand_next_w = line_w;
		}
		w = measure(ctx, text + pos, n);
		if (is_space(c)) {
			/* Spaces may run past the edge: they are not drawn at a break. */
			if (sp_w == 0)
				sp_start = pos;
			line_w += w;
			sp_w += w;
			prev2 = prev;
			prev = c;
			continue;
		}
		if (visible && line_w + w > max_width) {
			if (cand) {
				emit(b, line_start, cand_end, cand_w);
				line_start = cand_next;
				line_w -= cand_next_w;
				cand = false;
				soft = true;
				if (line_start == pos) {
					/* The break is right here: the new line starts empty. */
					line_w = sp_w = 0;
					sp_start = pos;
					visible = false;
				}
			}
			if (line_w + w > max_width && pos > line_start) {
				/* No allowed break is left on this line: the word is longer than
				 * the line, so break it by characters, still keeping punctuation
				 * off the wrong end when a character can be pulled down with it. */
				bool can_pull = prev_pos > line_start && !is_space(prev) &&
						!no_start(prev) && !is_space(prev2) && !no_end(prev2);

				if ((no_start(c) || no_end(prev) || is_extend(c)) && can_pull) {
					emit(b, line_start, prev_pos, line_w - prev_w);
					line_start = prev_pos;
					line_w = prev_w;
					sp_start = pos;
					sp_w = 0;
				} else if (!no_start(c) && !is_extend(c)) {
					emit(b, line_start, sp_start, line_w - sp_w);
					line_start = sp_start = pos;
					line_w = sp_w = 0;
					visible = false;
				}
				/* else: nothing can move, so the punctuation hangs past the edge. */
				soft = true;
			}
		}
		line_w += w;
		sp_w = 0;
		sp_start = pos + n;
		visible = true;
		prev2 = prev;
		prev = c;
		prev_pos = pos;
		prev_w = w;
	}
	if (line_start < len)
		emit(b, line_start, sp_start, line_w - sp_w);
}

/* Han characters in text[start, end), and where the last one starts; closing punctuation does
 * not count ("亮。" is one character on its line). */
static size_t han_count(const char *text, size_t start, size_t end, size_t *last)
{
	size_t pos = start, n, count = 0;
	uint32_t c;

	while (pos < end) {
		n = utf8_decode(text + pos, end - pos, &c);
		if (n == 0)
			return 0; /* a stray byte: leave the lines as they are */
		if (is_cjk(c) && !no_start(c) && !is_space(c)) {
			count++;
			*last = pos;
		} else if (!no_start(c)) {
			return 0; /* a Latin word or a number is not a lone character */
		}
		pos += n;
	}
	return count;
}

size_t linebreak(const char *text, int max_width, text_measure_fn measure, void *ctx,
		 struct line_span *lines, size_t max_lines)
{
	struct breaker b = { text, lines, lines ? max_lines : 0, 0, { { 0 } } };
	size_t at = 0, before = 0;

	if (!text || !measure)
		return 0;
	run(&b, max_width, measure, ctx, 0);
	/* One character alone on the last line ("东苑党员中心户家" / "中") reads as a mistake:
	 * the line before gives it its last character, when that line keeps at least two and may
	 * break there. */
	if (b.count >= 2 && b.last[0].end <= b.last[1].start &&
	    han_count(text, b.last[1].start, b.last[1].end, &before) == 1 &&
	    han_count(text, b.last[0].start, b.last[0].end, &at) >= 3 && at > b.last[0].start &&
	    b.last[0].end == b.last[1].start) {
		uint32_t a = 0, c = 0;
		size_t p = b.last[0].start, n;
		while (p < at && (n = utf8_decode(text + p, at - p, &a)) > 0 && p + n < at)
			p += n;
		utf8_decode(text + at, strlen(text + at), &c);
		if (break_allowed(a, c)) {
			b.count = 0;
			run(&b, max_width, measure, ctx, at);
		}
	}
	return b.count;
}
