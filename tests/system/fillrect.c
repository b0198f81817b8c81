/* fillrect: the smallest SDL program that shows something on the board's screen, the baseline
 * the whole-system test holds the kiosk against. It clears the screen blue, fills a red
 * rectangle in the middle, presents once (or N times), writes "frame MS" (CLOCK_MONOTONIC) to
 * stdout and then waits, drawing nothing more, until SIGTERM.
 *
 *   fillrect [PRESENTS]
 *
 * It takes SDL's defaults for renderer, as a first SDL program would; SDL_RENDER_DRIVER in
 * the environment picks another. */
#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int main(int argc, char **argv)
{
	int presents = argc > 1 ? atoi(argv[1]) : 1, i;
	SDL_RendererInfo info;
	struct timespec ts;
	SDL_Window *win;
	SDL_Renderer *r;
	SDL_Event ev;
	SDL_Rect box;
	int w, h;

	if (SDL_Init(SDL_INIT_VIDEO) < 0) {
		fprintf(stderr, "fillrect: %s\n", SDL_GetError());
		return 1;
	}
	win = SDL_CreateWindow("fillrect", 0, 0, 640, 480, SDL_WINDOW_FULLSCREEN_DESKTOP);
	r = win ? SDL_CreateRenderer(win, -1, 0) : NULL;
	if (!r) {
		fprintf(stderr, "fillrect: %s\n", SDL_GetError());
		return 1;
	}
	SDL_GetRendererOutputSize(r, &w, &h);
	SDL_GetRendererInfo(r, &info);
	box.x = w / 4;
	box.y = h / 4;
	box.w = w / 2;
	box.h = h / 2;
	for (i = 0; i < (presents < 1 ? 1 : presents); i++) {
		SDL_SetRenderDrawColor(r, 0, 0, 255, 255);
		SDL_RenderClear(r);
		SDL_SetRenderDrawColor(r, 255, 0, 0, 255);
		SDL_RenderFillRect(r, &box);
		SDL_RenderPresent(r);
	}
	clock_gettime(CLOCK_MONOTONIC, &ts);
	printf("frame %.0f %s %dx%d\n", ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6, info.name, w, h);
	fflush(stdout);
	if (getenv("FILLRECT_THEN_GREEN")) { /* one more present, later: does it show at once? */
		SDL_Delay(8000);
		SDL_SetRenderDrawColor(r, 0, 160, 0, 255);
		SDL_RenderClear(r);
		SDL_RenderPresent(r);
		printf("green\n");
		fflush(stdout);
	}
	while (SDL_WaitEvent(&ev) && ev.type != SDL_QUIT)
		;
	SDL_Quit();
	return 0;
}
