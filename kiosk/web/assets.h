/* The files of assets/phone/, built into the program by kiosk/tools/embed_assets.sh so the
 * phone page works wherever the kiosk binary is, with nothing to install beside it. */
#ifndef KIOSK_WEB_ASSETS_H
#define KIOSK_WEB_ASSETS_H

struct asset {
	const char *name; /* the file name, e.g. "form.html" */
	const char *data;
};

extern const struct asset phone_assets[];
extern const int phone_assets_count;

#endif
