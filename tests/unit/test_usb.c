/* Finding USB sticks under usb_root from a mount table, and CSV files on them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/exchange/usb.h"

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void test_mount_points_under_root_are_sticks(void **state)
{
	char dir[] = "/tmp/kiosk-usb.XXXXXX", mounts[64];
	struct usb_stick s[USB_MAX];

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(mounts, sizeof mounts, "%s/mounts", dir);
	write_file(mounts, "/dev/root / ext4 rw 0 0\n"
			   "/dev/sda1 /media/KINGSTON vfat rw,nosuid 0 0\n"
			   "/dev/sdb1 /media/pi/MY\\040STICK exfat rw 0 0\n"
			   "tmpfs /media tmpfs rw 0 0\n"
			   "/dev/sdc1 /mediastore ext4 rw 0 0\n");
	assert_int_equal(usb_find(mounts, "/media", false, s, USB_MAX), 2);
	assert_string_equal(s[0].path, "/media/KINGSTON");
	assert_string_equal(s[0].label, "KINGSTON");
	assert_string_equal(s[1].path, "/media/pi/MY STICK");
	assert_string_equal(s[1].label, "MY STICK");
	assert_int_equal(usb_find(mounts, "/media/", false, s, USB_MAX), 2);
	assert_int_equal(usb_find(mounts, "/mnt", false, s, USB_MAX), 0);
	assert_true(usb_same(s, 0, s, 0));
	unlink(mounts);
	/* A missing mount table finds nothing rather than failing. */
	assert_int_equal(usb_find(mounts, "/media", false, s, USB_MAX), 0);
	rmdir(dir);
}

static void test_folders_count_when_accepted_and_csv_files_are_listed(void **state)
{
	char dir[] = "/tmp/kiosk-usb.XXXXXX", stick[96], path[160];
	char names[USB_MAX_FILES][256];
	struct usb_stick s[USB_MAX], t[USB_MAX];

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(stick, sizeof stick, "%s/演示U盘", dir);
	assert_int_equal(mkdir(stick, 0755), 0);
	snprintf(path, sizeof path, "%s/.hidden", dir);
	assert_int_equal(mkdir(path, 0755), 0);
	assert_int_equal(usb_find("/nonexistent", dir, false, s, USB_MAX), 0);
	assert_int_equal(usb_find("/nonexistent", dir, true, s, USB_MAX), 1);
	assert_string_equal(s[0].label, "演示U盘");
	assert_int_equal(usb_find("/nonexistent", dir, true, t, USB_MAX), 1);
	assert_true(usb_same(s, 1, t, 1));
	snprintf(path, sizeof path, "%s/名单.CSV", stick);
	write_file(path, "姓名\n");
	snprintf(path, sizeof path, "%s/a.csv", stick);
	write_file(path, "姓名\n");
	snprintf(path, sizeof path, "%s/notes.txt", stick);
	write_file(path, "x\n");
	snprintf(path, sizeof path, "%s/党员名单.xlsx", stick);
	write_file(path, "PK\x03\x04");
	snprintf(path, sizeof path, "%s/~$党员名单.xlsx", stick);
	write_file(path, "lock");
	assert_int_equal(usb_files(stick, ".csv", names, USB_MAX_FILES), 2);
	assert_string_equal(names[0], "a.csv");
	assert_string_equal(names[1], "名单.CSV");
	assert_int_equal(usb_files(stick, ".csv|.xlsx", names, USB_MAX_FILES), 3);
	assert_string_equal(names[1], "党员名单.xlsx");
	snprintf(path, sizeof path, "rm -rf '%s'", dir);
	assert_int_equal(system(path), 0);
	assert_int_equal(usb_files(stick, ".csv", names, USB_MAX_FILES), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mount_points_under_root_are_sticks),
		cmocka_unit_test(test_folders_count_when_accepted_and_csv_files_are_listed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
