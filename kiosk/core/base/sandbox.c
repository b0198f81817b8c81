/* The sandboxed child (sandbox.h): fork, limits, a pipe of lines, a time limit, the wait. */
#include "core/base/sandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#define LINE_MAX_BYTES 2048

void sandbox_say(int fd, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	int n;
	ssize_t w;
	size_t off = 0;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof buf)
		n = sizeof buf - 1;
	while (off < (size_t)n && (w = write(fd, buf + off, (size_t)n - off)) > 0)
		off += (size_t)w;
}

/* AddressSanitizer reserves terabytes of address space, so a memory limit would kill the child at
 * once. Asked at run time (its entry point is there or not), so a program linked with it finds
 * out even when this file was compiled without it. */
extern void __asan_init(void) __attribute__((weak));

static bool under_asan(void)
{
	return __asan_init != NULL;
}

enum sandbox_end sandbox_run(const struct sandbox_limits *lim, sandbox_child_fn *child, void *arg,
			     sandbox_line_fn *on_line, void *ctx)
{
	int fds[2], status = 0;
	char buf[LINE_MAX_BYTES];
	size_t have = 0;
	bool timed_out = false, eof = false;
	pid_t pid;

	if (pipe2(fds, O_CLOEXEC) < 0)
		return SANDBOX_NO_CHILD;
	pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return SANDBOX_NO_CHILD;
	}
	if (pid == 0) {
		int devnull = open("/dev/null", O_WRONLY);
		struct rlimit rl = { (rlim_t)lim->memory, (rlim_t)lim->memory };

		if (lim->memory > 0 && !under_asan())
			setrlimit(RLIMIT_AS, &rl);
		close(fds[0]);
		/* Decoders complain on stderr about every oddity; staff see our one line instead. */
		if (devnull >= 0)
			dup2(devnull, STDERR_FILENO);
		_exit(child(arg, fds[1]));
	}
	close(fds[1]);
	while (!eof) {
		struct pollfd pfd = { fds[0], POLLIN, 0 };
		int r = poll(&pfd, 1, lim->quiet_seconds * 1000);
		ssize_t got;
		char *nl;

		if (r == 0) {
			timed_out = true;
			kill(pid, SIGKILL);
			break;
		}
		if (r < 0) {
			if (errno == EINTR)
				continue;
			kill(pid, SIGKILL);
			break;
		}
		got = read(fds[0], buf + have, sizeof buf - 1 - have);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0) {
			eof = true;
			got = 0;
		}
		have += (size_t)got;
		buf[have] = '\0';
		while ((nl = memchr(buf, '\n', have)) != NULL) {
			*nl = '\0';
			if (on_line)
				on_line(ctx, buf);
			have -= (size_t)(nl + 1 - buf);
			memmove(buf, nl + 1, have);
		}
		if (have == sizeof buf - 1) /* a line that long is not ours */
			have = 0;
	}
	close(fds[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (timed_out)
		return SANDBOX_TIMED_OUT;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? SANDBOX_EXITED_OK : SANDBOX_FAILED;
}
