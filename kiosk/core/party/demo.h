/* A demo community shaped like the one the kiosk was designed for (see the seed report): 137
 * members in 4 branches, 85 retired, 54 living outside the area, 87 over 60, central households
 * of 7-10 members, a quarter of past meetings with attendance and leave, and meetings to come.
 * The names are invented; the same `now` always gives the same community. */
#ifndef KIOSK_CORE_DEMO_H
#define KIOSK_CORE_DEMO_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

struct db;

#define DEMO_MEMBERS 137
#define DEMO_COMMUNITY "幸福里社区"
/* The demo's staff member and PIN (`kioskctl init --demo`; printed by `make run`): for trying
 * staff mode only. A real kiosk is made with `kioskctl init` and gets its PINs from
 * `kioskctl staff add`. */
#define DEMO_STAFF_NAME "演示管理员"
#define DEMO_STAFF_PIN "246810"

/* Fill an empty, initialised database; meetings are placed around now (one of them on now). */
int demo_populate(struct db *db, time_t now, char *err, size_t errlen);

/* Does name contain the name of a real person from the seed report? */
bool demo_name_forbidden(const char *name);

#endif
