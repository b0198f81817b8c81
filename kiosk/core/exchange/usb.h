/* USB sticks, as the kiosk sees them: mount points under a folder (the setting usb_root,
 * /media by default, where the system mounts sticks), found by reading the kernel's mount
 * table, which never touches the stick itself, so a slow or pulled stick cannot stall the
 * screen. With usb_accept_folders set (tests, demos without a stick), every folder directly
 * under usb_root counts as a stick too. */
#ifndef KIOSK_CORE_USB_H
#define KIOSK_CORE_USB_H

#include <stdbool.h>
#include <stddef.h>

#define USB_ROOT_DEFAULT "/media"
#define USB_MOUNTS "/proc/self/mounts"
#define USB_MAX 8
#define USB_PATH 512

struct usb_stick {
	char path[USB_PATH];
	char label[128]; /* the folder's name: the stick's label, as the system mounts it */
};

/* Sticks under root by the mount table in mounts (USB_MOUNTS), sorted by path; returns how
 * many (at most max are written). */
int usb_find(const char *mounts, const char *root, bool accept_folders, struct usb_stick *out,
	     int max);

/* Do two scans show the same sticks? */
bool usb_same(const struct usb_stick *a, int na, const struct usb_stick *b, int nb);

#define USB_MAX_FILES 32
/* Regular files at the top of dir whose names end with one of exts (".csv|.xlsx", any case),
 * sorted; hidden files and Excel's "~$" lock files left out. Returns how many (at most max
 * written), or -1 when dir cannot be read. */
int usb_files(const char *dir, const char *exts, char (*names)[256], int max);

#endif
