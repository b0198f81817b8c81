/* libFuzzer target for the whole phone server: each input is the bytes a client sends on one
 * connection (method, target, headers, body; several requests when it keeps the connection
 * alive), parsed by libmicrohttpd itself and handled by kiosk/web as a phone's would be. The
 * server runs without its thread (web_config.manual): one end of a socket pair is handed to
 * MHD as a client from 127.0.0.1, the input written to the other end, and the loop turned
 * until MHD closes the connection (or, at most TURNS_MAX turns, the client leaves). Crashes,
 * leaks (a request state that outlives its request), reads past the end and undefined
 * behaviour are what it finds.
 *
 * So that inputs reach the sign-in itself, the server has a fixed key, a fixed clock and a
 * meeting on now, and these markers in an input are replaced before it is sent:
 *   @TOKEN@   the meeting's QR token now      @STAMP@  the stamp of a page opened now
 *   @OPENED@  that page's opening time        @LEN@    the length of what follows the
 *                                                      first blank line (a body's length)
 * The server lives across inputs, as the real one lives across requests: libFuzzer's own
 * pattern (static state made on the first input). */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "core/base/clock.h"
#include "core/store/db.h"
#include "core/party/meetings.h"
#include "core/party/members.h"
#include "core/party/token.h"
#include "web/web.h"

#define INPUT_MAX 65536
#define TURNS_MAX 200

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct {
	struct web *web;
	struct kclock clock;
	char token[TOKEN_LEN], stamp[TOKEN_LEN], opened[24];
	char dir[64];
} fz;

static void die(const char *what, const char *err)
{
	fprintf(stderr, "fuzz_http: %s: %s\n", what, err);
	abort();
}

/* At exit: the scratch database goes (libFuzzer ends with exit()). */
static void cleanup(void)
{
	static const char *const files[] = { "t.db", "t.db-wal", "t.db-shm", "t.db-journal" };
	char path[96];
	size_t i;

	web_stop(fz.web);
	for (i = 0; i < sizeof files / sizeof files[0]; i++) {
		snprintf(path, sizeof path, "%s/%s", fz.dir, files[i]);
		unlink(path);
	}
	rmdir(fz.dir);
}

static void setup(void)
{
	static const char key_hex[] =
		"000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
	struct web_config cfg = { 0 };
	struct meeting m;
	struct member p;
	uint8_t key[TOKEN_KEY_BYTES];
	char path[96], err[512];
	time_t now;
	struct db *db;

	snprintf(fz.dir, sizeof fz.dir, "%s/kiosk-fuzz-http.XXXXXX",
		 access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
	if (!mkdtemp(fz.dir))
		die("mkdtemp", fz.dir);
	snprintf(path, sizeof path, "%s/t.db", fz.dir);
	db = db_open(path, DB_CREATE, err, sizeof err);
	if (!db)
		die("db_open", err);
	clock_parse("2026-11-27 09:20", &now);
	if (db_setting_set(db, "kiosk_id", "fuzz", err, sizeof err) < 0 ||
	    db_setting_set(db, "token_key", key_hex, err, sizeof err) < 0 ||
	    token_key_load(db, key, err, sizeof err) < 0)
		die("settings", err);
	member_init(&p);
	snprintf(p.f[MF_NAME], MEMBER_TEXT, "张三");
	snprintf(p.f[MF_BRANCH], MEMBER_TEXT, "第一党支部");
	snprintf(p.f[MF_STATUS], MEMBER_TEXT, "正式");
	snprintf(p.f[MF_PHONE], MEMBER_TEXT, "13800001234");
	if (members_save(db, &p, "fuzz", err, sizeof err) < 0)
		die("members_save", err);
	meeting_init(&m);
	m.kind = MK_LECTURE;
	snprintf(m.title, sizeof m.title, "党课");
	m.start = now - 1200;
	m.end = now + 6000;
	if (meetings_add(db, &m, "fuzz", err, sizeof err) < 0)
		die("meetings_add", err);
	db_close(db);
	token_make(key, m.uuid, token_period(now), fz.token);
	token_form_stamp(key, m.uuid, (int64_t)now, fz.stamp);
	snprintf(fz.opened, sizeof fz.opened, "%lld", (long long)now);
	clock_init(&fz.clock, (int64_t)now * 1000, false);
	cfg.db_path = path;
	cfg.listen = "127.0.0.1:0";
	cfg.clock = &fz.clock;
	cfg.manual = true;
	fz.web = web_start(&cfg, err, sizeof err);
	if (!fz.web)
		die("web_start", err);
	atexit(cleanup);
}

/* The input with its markers replaced, into out (at most INPUT_MAX bytes); its length. */
static size_t expand(const uint8_t *data, size_t size, char *out)
{
	static const struct { const char *marker; size_t len; } markers[] = {
		{ "@TOKEN@", 7 }, { "@STAMP@", 7 }, { "@OPENED@", 8 }, { "@LEN@", 5 },
	};
	size_t n = 0, i = 0, k, len_at = (size_t)-1;

	while (i < size && n < INPUT_MAX - 32) {
		const char *with = NULL;
		for (k = 0; k < sizeof markers / sizeof markers[0]; k++)
			if (size - i >= markers[k].len &&
			    memcmp(data + i, markers[k].marker, markers[k].len) == 0)
				break;
		if (k == 0)
			with = fz.token;
		else if (k == 1)
			with = fz.stamp;
		else if (k == 2)
			with = fz.opened;
		if (with) {
			n += (size_t)snprintf(out + n, INPUT_MAX - n, "%s", with);
			i += markers[k].len;
		} else if (k == 3) {
			len_at = n; /* filled in below, once the body's length is known */
			memcpy(out + n, "00000", 5);
			n += 5;
			i += 5;
		} else {
			out[n++] = (char)data[i++];
		}
	}
	if (len_at != (size_t)-1) {
		char *blank = memmem(out, n, "\r\n\r\n", 4);
		size_t body = blank ? n - (size_t)(blank + 4 - out) : 0;
		char digits[6];
		snprintf(digits, sizeof digits, "%05zu", body > 99999 ? 99999 : body);
		memcpy(out + len_at, digits, 5);
	}
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char in[INPUT_MAX];
	char out[4096];
	size_t n, sent = 0;
	int sv[2], turns;
	bool closed = false, shut = false;

	if (!fz.web)
		setup();
	n = expand(data, size, in);
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, sv) < 0)
		die("socketpair", strerror(errno));
	if (web_add_client(fz.web, sv[0]) < 0) {
		close(sv[1]); /* MHD refused it (and closed its end) */
		return 0;
	}
	for (turns = 0; turns < TURNS_MAX && !closed; turns++) {
		ssize_t r;
		if (sent < n) {
			r = write(sv[1], in + sent, n - sent);
			if (r > 0)
				sent += (size_t)r;
		}
		if (sent == n && !shut) {
			shutdown(sv[1], SHUT_WR); /* the client has said everything */
			shut = true;
		}
		web_turn(fz.web);
		while ((r = read(sv[1], out, sizeof out)) > 0)
			;
		closed = r == 0;
	}
	close(sv[1]);
	/* Let MHD see our end go, so that the connection is gone before the next input. */
	for (turns = 0; turns < 4; turns++)
		web_turn(fz.web);
	return 0;
}
