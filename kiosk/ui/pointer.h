/* Absolute pointers (USB touch panels that present themselves as a mouse) under KMSDRM. */
#ifndef KIOSK_UI_POINTER_H
#define KIOSK_UI_POINTER_H

#include <SDL.h>
#include <stdbool.h>

#include "ui/ui.h"

/* Where an absolute pointer device now points, in screen pixels, read from the device SDL
 * reported the mouse event for; false for a relative mouse or a display without evdev input,
 * where SDL's own coordinates are right. */
bool pointer_abs_position(const struct ui *ui, Uint32 which, int *x, int *y);

#endif
