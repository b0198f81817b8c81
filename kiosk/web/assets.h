/* The files of assets/phone/, built into the program by kiosk/tools/embed_assets.sh so the
 * phone page works wherever the kiosk binary is, with nothing to install beside it. */
#ifndef KIOSK_WEB_ASSETS_H
#define KIOSK_WEB_ASSETS_H

#include "core/base/embedded.h"

extern const struct embedded_file phone_assets[];
extern const int phone_assets_count;

#endif
