/* touch: a multitouch panel made with uinput inside the test VM, as a board's touch controller
 * looks to the kernel (INPUT_PROP_DIRECT, type-B slots, BTN_TOUCH), tapping where it is told.
 *
 *   touch W H X,Y [X,Y ...]     create the panel for a WxH screen, let the kiosk find it,
 *                               tap each point (1.5 s apart), then remove the panel
 *   touch W H FIFO              the same, tapping each "X,Y" line written to FIFO until "quit"
 *                               (the harness looks at the screen between taps)
 *
 * Built statically on the host and copied into the guest, so the image needs nothing more. */
#include <fcntl.h>
#include <linux/uinput.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#define RANGE 4095

static void emit(int fd, int type, int code, int value)
{
	struct input_event ev;

	memset(&ev, 0, sizeof ev);
	ev.type = (unsigned short)type;
	ev.code = (unsigned short)code;
	ev.value = value;
	if (write(fd, &ev, sizeof ev) != (ssize_t)sizeof ev)
		perror("touch: write");
}

static void pause_ms(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static void tap(int fd, int w, int h, int x, int y)
{
	static int id = 100;
	int ax = x * RANGE / (w - 1), ay = y * RANGE / (h - 1);

	emit(fd, EV_ABS, ABS_MT_SLOT, 0);
	emit(fd, EV_ABS, ABS_MT_TRACKING_ID, id++);
	emit(fd, EV_ABS, ABS_MT_POSITION_X, ax);
	emit(fd, EV_ABS, ABS_MT_POSITION_Y, ay);
	emit(fd, EV_KEY, BTN_TOUCH, 1);
	emit(fd, EV_ABS, ABS_X, ax);
	emit(fd, EV_ABS, ABS_Y, ay);
	emit(fd, EV_SYN, SYN_REPORT, 0);
	pause_ms(80);
	emit(fd, EV_ABS, ABS_MT_TRACKING_ID, -1);
	emit(fd, EV_KEY, BTN_TOUCH, 0);
	emit(fd, EV_SYN, SYN_REPORT, 0);
	printf("tap %d,%d\n", x, y);
	fflush(stdout);
}

static void axis(int fd, int code)
{
	struct uinput_abs_setup a;

	memset(&a, 0, sizeof a);
	a.code = (unsigned short)code;
	a.absinfo.minimum = 0;
	a.absinfo.maximum = code == ABS_MT_SLOT ? 9 : code == ABS_MT_TRACKING_ID ? 65535 : RANGE;
	if (ioctl(fd, UI_SET_ABSBIT, code) < 0 || ioctl(fd, UI_ABS_SETUP, &a) < 0)
		perror("touch: abs setup");
}

int main(int argc, char **argv)
{
	struct uinput_setup setup;
	int fd, w, h, i;

	if (argc < 4 || (w = atoi(argv[1])) < 2 || (h = atoi(argv[2])) < 2) {
		fprintf(stderr, "usage: touch W H X,Y [X,Y ...]\n");
		return 2;
	}
	fd = open("/dev/uinput", O_WRONLY | O_NONBLOCK);
	if (fd < 0) {
		perror("touch: /dev/uinput");
		return 1;
	}
	ioctl(fd, UI_SET_EVBIT, EV_KEY);
	ioctl(fd, UI_SET_KEYBIT, BTN_TOUCH);
	ioctl(fd, UI_SET_EVBIT, EV_ABS);
	ioctl(fd, UI_SET_PROPBIT, INPUT_PROP_DIRECT);
	axis(fd, ABS_X);
	axis(fd, ABS_Y);
	axis(fd, ABS_MT_SLOT);
	axis(fd, ABS_MT_TRACKING_ID);
	axis(fd, ABS_MT_POSITION_X);
	axis(fd, ABS_MT_POSITION_Y);
	memset(&setup, 0, sizeof setup);
	setup.id.bustype = BUS_USB;
	setup.id.vendor = 0x0eef; /* the vendor id many cheap panels carry */
	setup.id.product = 0x0005;
	snprintf(setup.name, sizeof setup.name, "kiosk test touch panel");
	if (ioctl(fd, UI_DEV_SETUP, &setup) < 0 || ioctl(fd, UI_DEV_CREATE) < 0) {
		perror("touch: create");
		return 1;
	}
	pause_ms(3000); /* udev tags it, the kiosk's SDL opens it */
	if (argc == 4 && !strchr(argv[3], ',')) {
		char line[64];
		FILE *in = fopen(argv[3], "r+"); /* r+: the FIFO never reads as ended between writers */
		int x, y;

		if (!in) {
			perror(argv[3]);
			return 1;
		}
		while (fgets(line, sizeof line, in) && strncmp(line, "quit", 4) != 0)
			if (sscanf(line, "%d,%d", &x, &y) == 2)
				tap(fd, w, h, x, y);
		fclose(in);
	}
	for (i = 3; i < argc && strchr(argv[i], ','); i++) {
		int x, y;

		if (sscanf(argv[i], "%d,%d", &x, &y) != 2) {
			fprintf(stderr, "touch: not a point: %s\n", argv[i]);
			continue;
		}
		tap(fd, w, h, x, y);
		pause_ms(i + 1 < argc ? 1500 : 500);
	}
	pause_ms(1000);
	ioctl(fd, UI_DEV_DESTROY);
	close(fd);
	return 0;
}
