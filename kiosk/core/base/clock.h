/* Local wall-clock time as staff read and type it ("2026-11-27 09:30"), and the kiosk's clock,
 * which tests can fix (--now) and advance by hand (replay `wait`). */
#ifndef KIOSK_CORE_CLOCK_H
#define KIOSK_CORE_CLOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define CLOCK_TEXT 20 /* "YYYY-MM-DD HH:MM:SS" and the NUL */
#define DATE_TEXT 11  /* "YYYY-MM-DD" and the NUL */

/* "YYYY-MM-DD HH:MM:SS" in local time, the form stored in the database. */
void clock_format(time_t t, char out[CLOCK_TEXT]);
/* "YYYY-MM-DD HH:MM" for people. */
void clock_format_minutes(time_t t, char out[CLOCK_TEXT]);
/* "HH:MM". */
void clock_format_hhmm(time_t t, char out[6]);
/* "YYYY-MM-DD". */
void clock_format_date(time_t t, char out[DATE_TEXT]);

/* Parse "YYYY-MM-DD HH:MM" or "YYYY-MM-DD HH:MM:SS" (also with 'T') as local time; 0 or -1. */
int clock_parse(const char *s, time_t *out);

/* Turn a date as rosters write it (1956-03-05, 1956/3/5, 1956.3.5, 1956年3月5日, 19560305, or a
 * month only: 1956-03, 1956.3, 1956年3月, 195603) into "YYYY-MM-DD" or "YYYY-MM"; 0, or -1 with
 * err saying what a valid date looks like. An empty string stays empty. */
int clock_normalise_date(const char *in, char out[DATE_TEXT], char *err, size_t errlen);

/* The year of a normalised date, or 0 when empty. */
int clock_date_year(const char *date);

/* The kiosk's clock: real time, or a fixed start (--now) that moves only when told (replay) or
 * with real time. Milliseconds since the epoch. */
struct kclock {
	_Atomic int64_t base_ms; /* the clock's reading at real_base_ms; the phone server's thread
				  * reads it while a replay moves it */
	int64_t real_base_ms;
	bool follows_real;       /* false while a replay drives time */
};

int64_t clock_real_ms(void);
void clock_init(struct kclock *c, int64_t start_ms, bool follows_real);
int64_t clock_now_ms(const struct kclock *c);
time_t clock_now(const struct kclock *c);
void clock_advance(struct kclock *c, int64_t ms);

#endif
