/* QR codes drawn crisp: libqrencode gives the modules, each drawn as a whole number of pixels
 * with the four-module quiet zone the standard asks for, black on white in any theme (a phone's
 * camera needs the contrast even when the screen is dimmed). */
#include <qrencode.h>
#include <stdlib.h>

#include "ui/ui.h"

int ui_qr(struct ui *ui, SDL_Rect r, const char *text, const char *label)
{
	QRcode *qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	SDL_Rect *cells;
	int quiet = 4, modules, px, side, x0, y0, x, y, n = 0;

	if (!qr)
		return -1;
	modules = qr->width + 2 * quiet;
	px = (r.w < r.h ? r.w : r.h) / modules;
	if (px < 1)
		px = 1;
	side = px * modules;
	x0 = r.x + (r.w - side) / 2;
	y0 = r.y + (r.h - side) / 2;
	SDL_SetRenderDrawColor(ui->renderer, 0xFF, 0xFF, 0xFF, 0xFF);
	SDL_RenderFillRect(ui->renderer, &(SDL_Rect){ x0, y0, side, side });
	cells = malloc(sizeof *cells * (size_t)(qr->width * qr->width));
	if (cells) {
		for (y = 0; y < qr->width; y++)
			for (x = 0; x < qr->width; x++)
				if (qr->data[y * qr->width + x] & 1)
					cells[n++] = (SDL_Rect){ x0 + (x + quiet) * px, y0 + (y + quiet) * px, px, px };
		SDL_SetRenderDrawColor(ui->renderer, 0, 0, 0, 0xFF);
		SDL_RenderFillRects(ui->renderer, cells, n);
		free(cells);
	}
	QRcode_free(qr);
	ui_image(ui, (SDL_Rect){ x0, y0, side, side }, label);
	return side;
}
