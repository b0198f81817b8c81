/* launch: start a program and measure it from the outside, for tests/bench/run.sh.
 *
 *   launch [-t TRACE] [-e EVENT] [-s SETTLE_MS] [-m] [-w WAIT_MS] [-i IDLE_MS] -- PROG [ARG...]
 *
 * The clock starts (CLOCK_MONOTONIC) just before fork, so exec, the dynamic loader and the
 * program's own start-up are all inside the figure. With -e the start ends at the first
 * "EVENT MS" line the program appends to TRACE (the kiosk's KIOSK_TRACE format, also written
 * by tests/bench/sdlmin); without it, when the program exits. Then, with the program still
 * running: wait SETTLE_MS, read its memory (-m, /proc/PID/smaps_rollup), wait WAIT_MS more, read
 * its CPU time over IDLE_MS (-i, /proc/PID/stat utime+stime, and the nanosecond sum over its
 * threads from /proc/PID/task/N/schedstat), and stop it with SIGTERM. Prints key=value lines,
 * among them at_NAME_ms for the first line of each event in the trace by then (the kiosk's
 * "ready", after its start-up and before its first frame). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define START_TIMEOUT_MS 30000

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static void sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

static void die(const char *msg)
{
	fprintf(stderr, "launch: %s\n", msg);
	exit(2);
}

/* The time on the first "EVENT MS" line of the trace, or -1 while there is none. */
static double find_event(const char *trace, const char *event)
{
	char line[256];
	size_t n = strlen(event);
	double t = -1;
	FILE *f = fopen(trace, "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof line, f))
		if (strncmp(line, event, n) == 0 && line[n] == ' ' && strchr(line, '\n')) {
			t = strtod(line + n + 1, NULL);
			break;
		}
	fclose(f);
	return t;
}

/* "at_EVENT_ms=" for the first line of each event in the trace so far, from the start. */
static void print_events(const char *trace, double t0)
{
	char line[256], seen[16][32], name[32];
	int nseen = 0, i;
	double t;
	FILE *f = fopen(trace, "r");

	if (!f)
		return;
	while (fgets(line, sizeof line, f) && nseen < 16) {
		if (sscanf(line, "%31s %lf", name, &t) != 2)
			continue;
		for (i = 0; i < nseen && strcmp(seen[i], name) != 0; i++)
			;
		if (i < nseen)
			continue;
		snprintf(seen[nseen++], sizeof seen[0], "%s", name);
		printf("at_%s_ms=%.3f\n", name, t - t0);
	}
	fclose(f);
}

/* Kilobytes on the line starting with key in /proc/PID/smaps_rollup, or -1. */
static long smaps_kb(pid_t pid, const char *key)
{
	char path[64], line[256];
	long kb = -1;
	size_t n = strlen(key);
	FILE *f;

	snprintf(path, sizeof path, "/proc/%d/smaps_rollup", (int)pid);
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof line, f))
		if (strncmp(line, key, n) == 0 && line[n] == ':') {
			kb = strtol(line + n + 1, NULL, 10);
			break;
		}
	fclose(f);
	return kb;
}

/* utime+stime in clock ticks, over every thread of the process (fields 14 and 15). */
static long stat_ticks(pid_t pid)
{
	char path[64], buf[2048], *p;
	unsigned long ut = 0, st = 0;
	FILE *f;
	size_t n;

	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	f = fopen(path, "r");
	if (!f)
		return -1;
	n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	p = strrchr(buf, ')'); /* the command name may hold spaces */
	if (!p || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &ut, &st) != 2)
		return -1;
	return (long)(ut + st);
}

/* CPU time in nanoseconds summed over the threads alive now, and their voluntary context
 * switches (each one a sleep, so a count of wake-ups). */
static void thread_totals(pid_t pid, long long *ns, long long *wakeups)
{
	char path[300], line[256];
	struct dirent *de;
	DIR *d;

	*ns = *wakeups = 0;
	snprintf(path, sizeof path, "/proc/%d/task", (int)pid);
	d = opendir(path);
	if (!d)
		return;
	while ((de = readdir(d))) {
		long long v = 0;
		FILE *f;
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "/proc/%d/task/%s/schedstat", (int)pid, de->d_name);
		if ((f = fopen(path, "r"))) {
			if (fscanf(f, "%lld", &v) == 1)
				*ns += v;
			fclose(f);
		}
		snprintf(path, sizeof path, "/proc/%d/task/%s/status", (int)pid, de->d_name);
		if ((f = fopen(path, "r"))) {
			while (fgets(line, sizeof line, f))
				if (sscanf(line, "voluntary_ctxt_switches: %lld", &v) == 1)
					*wakeups += v;
			fclose(f);
		}
	}
	closedir(d);
}

static int threads(pid_t pid)
{
	char path[64];
	struct dirent *de;
	int n = 0;
	DIR *d;

	snprintf(path, sizeof path, "/proc/%d/task", (int)pid);
	if (!(d = opendir(path)))
		return 0;
	while ((de = readdir(d)))
		n += de->d_name[0] != '.';
	closedir(d);
	return n;
}

static void stop(pid_t pid)
{
	int i, status;

	kill(pid, SIGTERM);
	for (i = 0; i < 300; i++) {
		if (waitpid(pid, &status, WNOHANG) == pid)
			return;
		sleep_ms(10);
	}
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
}

int main(int argc, char **argv)
{
	const char *trace = NULL, *event = NULL;
	int settle = 0, wait_ms = 0, idle = 0, mem = 0, opt, status, ino = -1;
	double t0, t_event = -1;
	pid_t pid;

	while ((opt = getopt(argc, argv, "t:e:s:mw:i:")) != -1) {
		switch (opt) {
		case 't': trace = optarg; break;
		case 'e': event = optarg; break;
		case 's': settle = atoi(optarg); break;
		case 'm': mem = 1; break;
		case 'w': wait_ms = atoi(optarg); break;
		case 'i': idle = atoi(optarg); break;
		default: die("usage: launch [-t TRACE] [-e EVENT] [-s MS] [-m] [-w MS] [-i MS] -- PROG [ARG...]");
		}
	}
	if (optind >= argc)
		die("no program to launch");
	if (event && !trace)
		die("-e needs -t TRACE");
	if (trace) {
		int fd = open(trace, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd < 0)
			die("cannot create the trace file");
		close(fd);
		setenv("KIOSK_TRACE", trace, 1);
		/* inotify wakes us when the program writes, so waiting costs no CPU the program
		 * could have used (the machine has two cores). */
		ino = inotify_init1(IN_CLOEXEC);
		if (ino >= 0)
			inotify_add_watch(ino, trace, IN_MODIFY);
	}

	t0 = now_ms();
	pid = fork();
	if (pid < 0)
		die("fork failed");
	if (pid == 0) {
		execvp(argv[optind], argv + optind);
		fprintf(stderr, "launch: cannot run %s: %s\n", argv[optind], strerror(errno));
		_exit(127);
	}

	if (!event) {
		waitpid(pid, &status, 0);
		printf("start_ms=%.3f\n", now_ms() - t0);
		return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
	}
	for (;;) {
		struct pollfd p = { ino, POLLIN, 0 };
		char buf[4096];
		if ((t_event = find_event(trace, event)) >= 0)
			break;
		if (waitpid(pid, &status, WNOHANG) == pid) {
			fprintf(stderr, "launch: %s exited before \"%s\"\n", argv[optind], event);
			return 1;
		}
		if (now_ms() - t0 > START_TIMEOUT_MS) {
			stop(pid);
			die("timed out waiting for the event");
		}
		if (ino >= 0 && poll(&p, 1, 50) > 0)
			(void)!read(ino, buf, sizeof buf);
		else if (ino < 0)
			sleep_ms(1);
	}
	printf("start_ms=%.3f\n", t_event - t0);
	print_events(trace, t0);
	if (settle > 0)
		sleep_ms(settle);
	if (mem) {
		printf("rss_kb=%ld\npss_kb=%ld\n", smaps_kb(pid, "Rss"), smaps_kb(pid, "Pss"));
		printf("threads=%d\n", threads(pid));
	}
	if (wait_ms > 0)
		sleep_ms(wait_ms);
	if (idle > 0) {
		long long ns0, ns1, w0, w1;
		long tk0, tk1;
		double a, b;
		tk0 = stat_ticks(pid);
		thread_totals(pid, &ns0, &w0);
		a = now_ms();
		sleep_ms(idle);
		tk1 = stat_ticks(pid);
		thread_totals(pid, &ns1, &w1);
		b = now_ms();
		printf("idle_wall_ms=%.1f\ncpu_ticks=%ld\nclk_tck=%ld\ncpu_ns=%lld\nwakeups=%lld\n", b - a,
		       tk1 - tk0, sysconf(_SC_CLK_TCK), ns1 - ns0, w1 - w0);
	}
	stop(pid);
	return 0;
}
