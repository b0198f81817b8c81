/* sdlmin: the least an SDL2 program can do to show a frame, as a baseline for tests/bench/run.sh.
 *
 *   sdlmin WxH exit    init video, open a window, clear it, present once, exit
 *   sdlmin WxH wait    the same, then wait for events with SDL_WaitEventTimeout until SIGTERM
 *
 * It opens the window and renderer the way the kiosk does (accelerated, else software) and
 * writes "frame MS" (CLOCK_MONOTONIC) to $KIOSK_TRACE after the present, like the kiosk. No
 * font, no database: what is left of the kiosk's figures after subtracting these is the
 * kiosk's own. */
#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void trace(const char *event)
{
	const char *path = getenv("KIOSK_TRACE");
	struct timespec ts;
	FILE *f;

	if (!path || !(f = fopen(path, "a")))
		return;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	fprintf(f, "%s %.3f\n", event, ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6);
	fclose(f);
}

int main(int argc, char **argv)
{
	SDL_Window *win;
	SDL_Renderer *r;
	SDL_Event ev;
	int w, h, wait;

	if (argc != 3 || sscanf(argv[1], "%dx%d", &w, &h) != 2) {
		fprintf(stderr, "usage: sdlmin WxH exit|wait\n");
		return 2;
	}
	wait = strcmp(argv[2], "wait") == 0;
	if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS | SDL_INIT_TIMER) < 0) {
		fprintf(stderr, "sdlmin: %s\n", SDL_GetError());
		return 1;
	}
	win = SDL_CreateWindow("sdlmin", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, w, h, 0);
	if (!win) {
		fprintf(stderr, "sdlmin: %s\n", SDL_GetError());
		return 1;
	}
	r = SDL_CreateRenderer(win, -1, SDL_RENDERER_ACCELERATED);
	if (!r)
		r = SDL_CreateRenderer(win, -1, SDL_RENDERER_SOFTWARE);
	if (!r) {
		fprintf(stderr, "sdlmin: %s\n", SDL_GetError());
		return 1;
	}
	SDL_SetRenderDrawColor(r, 0xFB, 0xF7, 0xF2, 0xFF);
	SDL_RenderClear(r);
	SDL_RenderPresent(r);
	trace("frame");
	/* SDL's own SIGTERM handler turns the launcher's SIGTERM into SDL_QUIT. */
	while (wait) {
		if (SDL_WaitEventTimeout(&ev, 1000) && ev.type == SDL_QUIT)
			break;
	}
	SDL_DestroyRenderer(r);
	SDL_DestroyWindow(win);
	SDL_Quit();
	return 0;
}
