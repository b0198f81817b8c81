/* Absolute pointers on the board's own screen.
 *
 * Many USB touch panels present themselves to the kernel as an absolute mouse (ABS_X/ABS_Y
 * and a left button, no touch properties), as does qemu's usb-tablet. SDL 2.26's evdev input,
 * which the KMSDRM driver uses, passes such a device's raw axis values (often 0..32767) on as
 * window pixels, clamped to the window, so every tap lands in the bottom-right corner (its
 * source says "FIXME: Normalize to input device's reported input range"). The mouse id SDL
 * gives those events is the device's open file descriptor in this process, so the device
 * itself can be asked for its range and where the pointer is now. Touch panels that report as
 * touchscreens reach us as finger events, already scaled, and are not touched here. */
#include "ui/pointer.h"

#include <linux/input.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#define INPUT_MAJOR 13

static int scale(const struct input_absinfo *a, int size)
{
	long v = a->value < a->minimum ? a->minimum : a->value > a->maximum ? a->maximum : a->value;

	return (int)((v - a->minimum) * (size - 1) / (a->maximum - a->minimum));
}

bool pointer_abs_position(const struct ui *ui, Uint32 which, int *x, int *y)
{
	const char *video = SDL_GetCurrentVideoDriver();
	struct input_absinfo ax, ay;
	struct stat st;
	int fd = (int)which;

	/* Only SDL's evdev drivers number mice by file descriptor. */
	if (!video || strcasecmp(video, "kmsdrm") != 0 || which == SDL_TOUCH_MOUSEID || fd < 0)
		return false;
	if (fstat(fd, &st) < 0 || !S_ISCHR(st.st_mode) || major(st.st_rdev) != INPUT_MAJOR)
		return false;
	if (ioctl(fd, EVIOCGABS(ABS_X), &ax) < 0 || ioctl(fd, EVIOCGABS(ABS_Y), &ay) < 0)
		return false; /* a relative mouse: SDL's own position is right */
	if (ax.maximum <= ax.minimum || ay.maximum <= ay.minimum)
		return false;
	*x = scale(&ax, ui->w);
	*y = scale(&ay, ui->h);
	return true;
}
