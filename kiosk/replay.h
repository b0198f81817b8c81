/* The replay driver: runs a script of input and checks against the kiosk (docs/replay.md). */
#ifndef KIOSK_REPLAY_H
#define KIOSK_REPLAY_H

#include <stddef.h>

struct app;
struct replay;

/* Open a script; snapshots and dumps go to dir. NULL with err. */
struct replay *replay_open(const char *path, const char *dir, char *err, size_t errlen);
void replay_close(struct replay *r);

/* Run every line; 0 when all passed, 1 after printing "replay:LINE: reason" on stderr. */
int replay_run(struct replay *r, struct app *app);

#endif
