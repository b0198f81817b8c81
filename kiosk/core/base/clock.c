/* Time in the forms the database, the screen and staff use. All local time: the kiosk, its
 * members and the office share one time zone, and staff type and read local times. */
#include "core/base/clock.h"
#include "core/text/utf8.h"

#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

/* Each format is a literal at its call so the compiler can check it. */
#define FORMAT(t, fmt, out, size)                                                              \
	do {                                                                                   \
		struct tm tm_;                                                                 \
		time_t t_ = (t);                                                               \
		localtime_r(&t_, &tm_);                                                        \
		if (strftime(out, size, fmt, &tm_) == 0)                                       \
			(out)[0] = '\0';                                                       \
	} while (0)

void clock_format(time_t t, char out[CLOCK_TEXT])
{
	FORMAT(t, "%Y-%m-%d %H:%M:%S", out, CLOCK_TEXT);
}

void clock_format_minutes(time_t t, char out[CLOCK_TEXT])
{
	FORMAT(t, "%Y-%m-%d %H:%M", out, CLOCK_TEXT);
}

void clock_format_hhmm(time_t t, char out[6])
{
	FORMAT(t, "%H:%M", out, 6);
}

void clock_format_date(time_t t, char out[DATE_TEXT])
{
	FORMAT(t, "%Y-%m-%d", out, DATE_TEXT);
}

static int days_in_month(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

int clock_parse(const char *s, time_t *out)
{
	int y, mo, d, h, mi, sec = 0, n = 0;
	char sep;
	struct tm tm;

	if (sscanf(s, "%4d-%2d-%2d%c%2d:%2d%n", &y, &mo, &d, &sep, &h, &mi, &n) != 6 ||
	    (sep != ' ' && sep != 'T'))
		return -1;
	if (s[n] == ':') {
		int n2 = 0;
		if (sscanf(s + n, ":%2d%n", &sec, &n2) != 1)
			return -1;
		n += n2;
	}
	if (s[n] != '\0' || y < 1900 || y > 2200 || mo < 1 || mo > 12 || d < 1 ||
	    d > days_in_month(y, mo) || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59)
		return -1;
	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	tm.tm_isdst = -1;
	*out = mktime(&tm);
	return *out == (time_t)-1 ? -1 : 0;
}

/* Read up to max digits; returns how many were read. */
static int digits(const char **p, int max, int *value)
{
	int n = 0;

	*value = 0;
	while (n < max && **p >= '0' && **p <= '9') {
		*value = *value * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	return n;
}

/* Skip one separator between date parts: '-', '/', '.', or the Chinese 年/月. */
static int separator(const char **p)
{
	static const char *const seps[] = { "-", "/", ".", "年", "月" };
	size_t i;

	for (i = 0; i < sizeof seps / sizeof seps[0]; i++) {
		size_t len = strlen(seps[i]);
		if (strncmp(*p, seps[i], len) == 0) {
			*p += len;
			return 1;
		}
	}
	return 0;
}

int clock_normalise_date(const char *in, char out[DATE_TEXT], char *err, size_t errlen)
{
	char folded[64];
	const char *p = utf8_fold_fullwidth(in, folded, sizeof folded);
	int y, m = 0, d = 0, n;

	while (*p == ' ')
		p++;
	if (*p == '\0') {
		out[0] = '\0';
		return 0;
	}
	n = digits(&p, 8, &y);
	if (n == 8) { /* 19560305 */
		d = y % 100;
		m = y / 100 % 100;
		y /= 10000;
	} else if (n == 6) { /* 195603 */
		m = y % 100;
		y /= 100;
	} else if (n == 4 && separator(&p)) {
		if (digits(&p, 2, &m) == 0)
			goto bad;
		if (separator(&p) && digits(&p, 2, &d) == 0 && *p != '\0')
			goto bad;
		if (strncmp(p, "日", strlen("日")) == 0)
			p += strlen("日");
	} else {
		goto bad;
	}
	/* Excel writes a date cell that holds a time as "1956/3/5 0:00"; the time means nothing here. */
	while (*p == ' ')
		p++;
	if (*p >= '0' && *p <= '9') {
		int h, mi, s2;
		if (digits(&p, 2, &h) == 0 || *p++ != ':' || digits(&p, 2, &mi) != 2)
			goto bad;
		if (*p == ':' && (p++, digits(&p, 2, &s2) != 2))
			goto bad;
	}
	if (*p != '\0' || y < 1900 || y > 2100 || m < 1 || m > 12 ||
	    (d != 0 && d > days_in_month(y, m)))
		goto bad;
	if (d)
		snprintf(out, DATE_TEXT, "%04d-%02d-%02d", y, m, d);
	else
		snprintf(out, DATE_TEXT, "%04d-%02d", y, m);
	return 0;
bad:
	snprintf(err, errlen, "“%.40s”不是有效日期，请写成 1956-03-05 或 1956年3月5日", in);
	return -1;
}

int clock_date_year(const char *date)
{
	int y = 0;

	if (sscanf(date, "%4d", &y) != 1)
		return 0;
	return y;
}

int64_t clock_real_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int64_t monotonic_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void clock_init(struct kclock *c, int64_t start_ms, bool follows_real)
{
	atomic_store(&c->base_ms, start_ms);
	c->real_base_ms = monotonic_ms();
	c->follows_real = follows_real;
}

int64_t clock_now_ms(const struct kclock *c)
{
	int64_t base = atomic_load(&c->base_ms);

	if (!c->follows_real)
		return base;
	return base + (monotonic_ms() - c->real_base_ms);
}

time_t clock_now(const struct kclock *c)
{
	return (time_t)(clock_now_ms(c) / 1000);
}

void clock_advance(struct kclock *c, int64_t ms)
{
	atomic_fetch_add(&c->base_ms, ms);
}
