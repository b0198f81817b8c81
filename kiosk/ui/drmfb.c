/* The screen without EGL: SDL's software renderer drawing into a KMS dumb buffer.
 *
 * SDL's KMSDRM driver needs EGL and GBM to show anything (even its software renderer goes
 * through a GLES texture). On a board whose GL stack is missing or broken (no mesa driver for
 * its display controller, a half-installed libEGL) SDL_CreateWindow fails, and a kiosk that
 * stopped there would leave the room with a dark screen. Every KMS driver can give a plain
 * CPU-mapped buffer instead (a "dumb buffer"), so the kiosk draws with SDL's software
 * renderer into a surface of the screen's size and copies it into that buffer on each
 * present. SDL's KMSDRM video driver stays initialised without a window, because its evdev
 * input (touch panels, pointers, keyboards) comes with it.
 *
 * One buffer, no page flips: the kiosk redraws only when something changed, so tearing on a
 * copy of a few milliseconds is not worth a second buffer. */
#include "ui/drmfb.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <xf86drm.h>
#include <xf86drmMode.h>

#define CARDS_MAX 8

struct drmfb {
	int fd;
	uint32_t crtc_id, connector_id, fb_id, handle;
	drmModeModeInfo mode;
	drmModeCrtc *saved; /* what the console showed, put back at close */
	uint8_t *map;
	size_t size;
	uint32_t pitch;
	SDL_Surface *surface;
};

/* The first connected connector of a card, its preferred mode, and a CRTC that can drive it. */
static int pick_output(struct drmfb *fb, char *err, size_t errlen)
{
	drmModeRes *res = drmModeGetResources(fb->fd);
	drmModeConnector *conn = NULL;
	int i, j, rc = -1;

	if (!res) {
		snprintf(err, errlen, "显卡不支持 KMS（%s）", strerror(errno));
		return -1;
	}
	for (i = 0; i < res->count_connectors && !conn; i++) {
		conn = drmModeGetConnector(fb->fd, res->connectors[i]);
		if (conn && (conn->connection != DRM_MODE_CONNECTED || conn->count_modes == 0)) {
			drmModeFreeConnector(conn);
			conn = NULL;
		}
	}
	if (!conn) {
		snprintf(err, errlen, "没有接上的显示屏");
		goto out;
	}
	fb->connector_id = conn->connector_id;
	fb->mode = conn->modes[0];
	for (i = 0; i < conn->count_modes; i++)
		if (conn->modes[i].type & DRM_MODE_TYPE_PREFERRED) {
			fb->mode = conn->modes[i];
			break;
		}
	/* A CRTC any of the connector's encoders can use. */
	for (i = 0; i < conn->count_encoders && !fb->crtc_id; i++) {
		drmModeEncoder *enc = drmModeGetEncoder(fb->fd, conn->encoders[i]);
		if (!enc)
			continue;
		for (j = 0; j < res->count_crtcs; j++)
			if (enc->possible_crtcs & (1u << j)) {
				fb->crtc_id = res->crtcs[j];
				break;
			}
		drmModeFreeEncoder(enc);
	}
	if (!fb->crtc_id) {
		snprintf(err, errlen, "显示屏没有可用的输出通道");
		goto out;
	}
	rc = 0;
out:
	drmModeFreeConnector(conn);
	drmModeFreeResources(res);
	return rc;
}

static int make_buffer(struct drmfb *fb, char *err, size_t errlen)
{
	struct drm_mode_create_dumb create = { 0 };
	struct drm_mode_map_dumb map = { 0 };

	create.width = fb->mode.hdisplay;
	create.height = fb->mode.vdisplay;
	create.bpp = 32;
	if (drmIoctl(fb->fd, DRM_IOCTL_MODE_CREATE_DUMB, &create) < 0) {
		snprintf(err, errlen, "无法分配显示缓冲区（%s）", strerror(errno));
		return -1;
	}
	fb->handle = create.handle;
	fb->pitch = create.pitch;
	fb->size = create.size;
	if (drmModeAddFB(fb->fd, create.width, create.height, 24, 32, fb->pitch, fb->handle,
			 &fb->fb_id) < 0) {
		snprintf(err, errlen, "无法登记显示缓冲区（%s）", strerror(errno));
		return -1;
	}
	map.handle = fb->handle;
	if (drmIoctl(fb->fd, DRM_IOCTL_MODE_MAP_DUMB, &map) < 0) {
		snprintf(err, errlen, "无法映射显示缓冲区（%s）", strerror(errno));
		return -1;
	}
	fb->map = mmap(NULL, fb->size, PROT_READ | PROT_WRITE, MAP_SHARED, fb->fd, (off_t)map.offset);
	if (fb->map == MAP_FAILED) {
		fb->map = NULL;
		snprintf(err, errlen, "无法映射显示缓冲区（%s）", strerror(errno));
		return -1;
	}
	memset(fb->map, 0, fb->size);
	return 0;
}

struct drmfb *drmfb_open(char *err, size_t errlen)
{
	struct drmfb *fb = calloc(1, sizeof *fb);
	char path[32];
	int card;

	if (!fb) {
		snprintf(err, errlen, "内存不足");
		return NULL;
	}
	fb->fd = -1;
	snprintf(err, errlen, "找不到显卡（/dev/dri/card0）");
	for (card = 0; card < CARDS_MAX && fb->fd < 0; card++) {
		snprintf(path, sizeof path, "/dev/dri/card%d", card);
		fb->fd = open(path, O_RDWR | O_CLOEXEC);
		if (fb->fd < 0)
			continue;
		if (pick_output(fb, err, errlen) < 0) {
			close(fb->fd);
			fb->fd = -1;
		}
	}
	if (fb->fd < 0)
		goto err;
	if (make_buffer(fb, err, errlen) < 0)
		goto err;
	fb->saved = drmModeGetCrtc(fb->fd, fb->crtc_id);
	if (drmModeSetCrtc(fb->fd, fb->crtc_id, fb->fb_id, 0, 0, &fb->connector_id, 1, &fb->mode) < 0) {
		snprintf(err, errlen, "无法设置显示模式（%s）；是否有别的程序占着屏幕？", strerror(errno));
		goto err;
	}
	fb->surface = SDL_CreateRGBSurfaceWithFormat(0, fb->mode.hdisplay, fb->mode.vdisplay, 32,
						     SDL_PIXELFORMAT_XRGB8888);
	if (!fb->surface) {
		snprintf(err, errlen, "内存不足（%s）", SDL_GetError());
		goto err;
	}
	return fb;
err:
	drmfb_close(fb);
	return NULL;
}

SDL_Surface *drmfb_surface(struct drmfb *fb)
{
	return fb->surface;
}

void drmfb_present(struct drmfb *fb)
{
	const uint8_t *src = fb->surface->pixels;
	size_t row = (size_t)fb->surface->w * 4;
	int y;

	for (y = 0; y < fb->surface->h; y++)
		memcpy(fb->map + (size_t)y * fb->pitch, src + (size_t)y * fb->surface->pitch, row);
	/* Some drivers (virtio-gpu, USB displays) only show what they are told changed. */
	drmModeDirtyFB(fb->fd, fb->fb_id, NULL, 0);
}

void drmfb_describe(const struct drmfb *fb, char *out, size_t outlen)
{
	snprintf(out, outlen, "%dx%d %d Hz", fb->mode.hdisplay, fb->mode.vdisplay, fb->mode.vrefresh);
}

void drmfb_close(struct drmfb *fb)
{
	if (!fb)
		return;
	if (fb->surface)
		SDL_FreeSurface(fb->surface);
	if (fb->saved) {
		drmModeSetCrtc(fb->fd, fb->saved->crtc_id, fb->saved->buffer_id, fb->saved->x,
			       fb->saved->y, &fb->connector_id, 1, &fb->saved->mode);
		drmModeFreeCrtc(fb->saved);
	}
	if (fb->map)
		munmap(fb->map, fb->size);
	if (fb->fb_id)
		drmModeRmFB(fb->fd, fb->fb_id);
	if (fb->handle) {
		struct drm_mode_destroy_dumb destroy = { .handle = fb->handle };
		drmIoctl(fb->fd, DRM_IOCTL_MODE_DESTROY_DUMB, &destroy);
	}
	if (fb->fd >= 0)
		close(fb->fd);
	free(fb);
}
