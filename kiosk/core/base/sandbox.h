/* Running a risky decoder in a child process: a file that crashes or hangs poppler, cairo or
 * libjpeg costs that child, not the kiosk or kioskctl. The child gets a memory limit (outside
 * sanitizer builds), stderr to /dev/null, and a pipe on which it reports in lines; a child
 * silent for quiet_seconds is killed. Used by the materials import (materials_render.c) and
 * the meeting photos (party/photo.c). */
#ifndef KIOSK_CORE_SANDBOX_H
#define KIOSK_CORE_SANDBOX_H

#include <stddef.h>

/* In the child: do the work, report on fd (sandbox_say), return the exit code (0: success). */
typedef int sandbox_child_fn(void *arg, int fd);
/* In the parent: one line the child said, without its newline. */
typedef void sandbox_line_fn(void *ctx, char *line);

enum sandbox_end {
	SANDBOX_EXITED_OK, /* the child returned 0 */
	SANDBOX_FAILED,    /* it returned non-zero, crashed or was killed by its memory limit */
	SANDBOX_TIMED_OUT, /* it was silent for quiet_seconds and was killed */
	SANDBOX_NO_CHILD,  /* no pipe or no fork: the system is out of resources */
};

struct sandbox_limits {
	long memory;       /* bytes of address space (RLIMIT_AS); 0 for none */
	int quiet_seconds; /* the longest the child may go without a line */
};

/* Fork, run child(arg, fd) in the child, pass each line it writes to on_line (may be NULL),
 * wait for it. Lines longer than 2 KB are dropped. */
enum sandbox_end sandbox_run(const struct sandbox_limits *lim, sandbox_child_fn *child, void *arg,
			     sandbox_line_fn *on_line, void *ctx);

/* In the child: write one formatted line (or part of one) to fd. */
void sandbox_say(int fd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
