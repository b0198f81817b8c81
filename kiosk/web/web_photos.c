/* Meeting photos from the staff member's own phone (issue 17, docs/photos.md):
 *   GET  /p/TOKEN   the upload page
 *   POST /p/TOKEN   one or more pictures (multipart/form-data, libmicrohttpd's post processor)
 * TOKEN is granted by the staff photos screen (web_photos_grant) for one meeting and the staff
 * member in; it is random, kept only in memory, and dies when staff mode ends or another meeting
 * is granted (web_photos_revoke). The body is streamed to temporary files beside the photos;
 * decoding them (a sandboxed child per picture, photo.c) takes a second or more, so it is done
 * by a worker thread of its own with its own connection while the connection waits suspended:
 * the server's loop, and with it every member's sign-in, never waits for a picture. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/base/clock.h"
#include "core/party/meetings.h"
#include "core/party/photo.h"
#include "core/store/db.h"
#include "web/page.h"
#include "web/web_priv.h"

#define UPLOAD_MAX (48L * 1024 * 1024) /* one request: a few phone photos at once */
#define FILES_MAX PHOTO_MAX_PER_MEETING
#define QUEUE_MAX 4                     /* uploads waiting for the worker */
#define TOKEN_BYTES 24
#define TOKEN_TEXT 40

struct upfile {
	char tmp[1100];
	char name[96];  /* as the phone named it, for the answer */
	int fd;
	size_t bytes;
	bool too_big;
	char result[400]; /* what became of it */
	bool added;
};

struct photo_request {
	enum request_kind kind; /* REQ_PHOTO; first, as in struct request */
	struct MHD_PostProcessor *pp;
	char token[TOKEN_TEXT];
	int64_t meeting_id;
	char actor[128];
	struct upfile files[FILES_MAX];
	int nfiles;
	size_t total;
	bool too_many, too_big, write_failed, bad_form;
	bool not_form; /* no form the post processor can read: its body is read and dropped */
	/* with the worker: queued, then done (read by the server thread after the handoff) */
	struct MHD_Connection *conn;
	bool queued, done;
	int added;
	char error[300];
	const char *dir; /* where the temporary files go */
	struct photo_request *next;
};

struct web_photos {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	/* the grant */
	bool granted;
	char token[TOKEN_TEXT];
	int64_t meeting_id;
	char actor[128];
	/* the worker */
	pthread_t thread;
	bool started, stop;
	struct photo_request *queue, *done;
	int nqueue;
	char db_path[512];
	char dir[1024];
};

/* What the staff phone reads. */
static const struct {
	const char *title, *section, *expired_title, *expired, *other_site, *too_big_title, *too_big,
		*not_form_title, *not_form, *none, *busy, *too_many;
} txt = {
	.title = "上传会议照片",
	.section = "会议照片",
	.expired_title = "上传地址已失效",
	.expired = "这个上传地址已经失效（管理模式已退出，或换了一场会议）。请在签到机上进入管理模式，"
		   "打开这场会议的“会议照片”，重新扫描屏幕上的二维码。",
	.other_site = "请从上传页面提交",
	.too_big_title = "照片太大",
	.too_big = "一次上传的照片太大（一次最多 48 MB，每张最多 20 MB）。请少选几张，分几次上传。",
	.not_form_title = "请用上传页面",
	.not_form = "请在扫码打开的上传页面上选择照片，再点“上传”。",
	.none = "没有收到照片，请先点“选择照片”选好照片再上传。",
	.busy = "签到机正在处理别的照片，请过半分钟再上传。",
	.too_many = "一次最多上传 12 张，多出的没有收下。",
};

/* ---- the grant (the screen's thread) ---- */

void web_photos_grant(struct web *w, int64_t meeting_id, const char *actor, char *url, size_t size)
{
	struct web_photos *p;
	uint8_t raw[TOKEN_BYTES];

	if (!w || !(p = w->photos)) {
		if (size)
			url[0] = '\0';
		return;
	}
	pthread_mutex_lock(&p->lock);
	if (!p->granted || p->meeting_id != meeting_id || strcmp(p->actor, actor) != 0) {
		randombytes_buf(raw, sizeof raw);
		sodium_bin2base64(p->token, sizeof p->token, raw, sizeof raw,
				  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
		p->meeting_id = meeting_id;
		snprintf(p->actor, sizeof p->actor, "%s", actor);
		p->granted = true;
	}
	snprintf(url, size, "%s/p/%s", w->public_url, p->token);
	pthread_mutex_unlock(&p->lock);
}

void web_photos_revoke(struct web *w)
{
	struct web_photos *p;

	if (!w || !(p = w->photos))
		return;
	pthread_mutex_lock(&p->lock);
	p->granted = false;
	sodium_memzero(p->token, sizeof p->token);
	pthread_mutex_unlock(&p->lock);
}

/* Is token the one granted now? Its meeting and staff member into *meeting and actor. */
static bool granted(struct web *w, const char *token, int64_t *meeting, char *actor, size_t size)
{
	struct web_photos *p = w->photos;
	bool ok;

	pthread_mutex_lock(&p->lock);
	ok = p->granted && strlen(token) == strlen(p->token) &&
	     sodium_memcmp(token, p->token, strlen(token)) == 0;
	if (ok) {
		*meeting = p->meeting_id;
		snprintf(actor, size, "%s", p->actor);
	}
	pthread_mutex_unlock(&p->lock);
	return ok;
}

/* ---- the worker ---- */

static void add_file(struct web *w, struct db *db, struct photo_request *q, struct upfile *f)
{
	struct photo photo;
	char err[400];
	bool already;

	if (f->too_big) {
		snprintf(f->result, sizeof f->result, "照片太大，每张最多 %ld MB",
			 PHOTO_MAX_BYTES / (1024 * 1024));
		return;
	}
	if (photo_add_file(db, q->meeting_id, f->tmp, "phone", q->actor, clock_now(w->clock), &photo,
			   &already, err, sizeof err) < 0) {
		snprintf(f->result, sizeof f->result, "%s", err);
		return;
	}
	snprintf(f->result, sizeof f->result, already ? "这张已经上传过了" : "已添加");
	f->added = !already;
	q->added += !already;
}

static void *work(void *arg)
{
	struct web *w = arg;
	struct web_photos *p = w->photos;
	char err[512];
	struct db *db = db_open(p->db_path, 0, err, sizeof err);

	if (!db)
		web_log(w, WEB_LOG_DB, LOG_WARNING, "照片上传：%s", err);
	pthread_mutex_lock(&p->lock);
	for (;;) {
		struct photo_request *q;
		int64_t meeting;
		char actor[128];
		int i;

		while (!p->stop && !p->queue)
			pthread_cond_wait(&p->cond, &p->lock);
		if (p->stop)
			break;
		q = p->queue;
		p->queue = q->next;
		p->nqueue--;
		pthread_mutex_unlock(&p->lock);
		/* Staff mode may have ended while the pictures came in. */
		if (!granted(w, q->token, &meeting, actor, sizeof actor) || meeting != q->meeting_id)
			snprintf(q->error, sizeof q->error, "%s", txt.expired);
		else if (!db)
			snprintf(q->error, sizeof q->error, "%s", web_txt.busy_text);
		else
			for (i = 0; i < q->nfiles; i++)
				add_file(w, db, q, &q->files[i]);
		for (i = 0; i < q->nfiles; i++)
			unlink(q->files[i].tmp);
		pthread_mutex_lock(&p->lock);
		q->done = true;
		q->next = p->done;
		p->done = q;
		/* wake the server's loop: web_photos_turn resumes the connection */
		if (write(w->wake[1], "p", 1) < 0)
			(void)0; /* it turns within BEAT_MS anyway */
	}
	pthread_mutex_unlock(&p->lock);
	db_close(db);
	return NULL;
}

int web_photos_init(struct web *w, const char *db_path)
{
	struct web_photos *p = calloc(1, sizeof *p);

	if (!p)
		return -1;
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->cond, NULL);
	snprintf(p->db_path, sizeof p->db_path, "%s", db_path);
	photo_dir(db_path, p->dir, sizeof p->dir);
	w->photos = p;
	if (pthread_create(&p->thread, NULL, work, w) != 0)
		return -1;
	p->started = true;
	return 0;
}

void web_photos_free(struct web *w)
{
	struct web_photos *p = w->photos;

	if (!p)
		return;
	if (p->started) {
		pthread_mutex_lock(&p->lock);
		p->stop = true;
		pthread_cond_signal(&p->cond);
		pthread_mutex_unlock(&p->lock);
		pthread_join(p->thread, NULL);
	}
	pthread_mutex_destroy(&p->lock);
	pthread_cond_destroy(&p->cond);
	free(p);
	w->photos = NULL;
}

/* On the server's thread, each turn: let the answers of finished uploads go. */
void web_photos_turn(struct web *w)
{
	struct web_photos *p = w->photos;
	struct photo_request *q, *done;

	char drain[64];

	if (!p)
		return;
	/* the worker's wake-up bytes (web_stop's too: the loop checks w->stop itself) */
	while (read(w->wake[0], drain, sizeof drain) > 0)
		;
	pthread_mutex_lock(&p->lock);
	done = p->done;
	p->done = NULL;
	pthread_mutex_unlock(&p->lock);
	while ((q = done)) {
		done = q->next;
		if (q->added && w->on_photo)
			w->on_photo(w->ctx, q->meeting_id);
		MHD_resume_connection(q->conn);
	}
}

/* ---- the pages ---- */

static void upload_page(struct web *w, struct reply *r, unsigned status, int64_t meeting,
			const char *error, const char *results)
{
	struct meeting m;
	struct photo list[PHOTO_MAX_PER_MEETING];
	char err[256], count[16];
	int n;

	if (meetings_get(w->db, meeting, &m, err, sizeof err) < 0)
		snprintf(m.title, sizeof m.title, "会议");
	n = photo_list(w->db, meeting, list, PHOTO_MAX_PER_MEETING, err, sizeof err);
	snprintf(count, sizeof count, "%d", n < 0 ? 0 : n);
	{
		const struct page_var vars[] = { { "meeting", m.title }, { "error", error },
						 { "results", results }, { "count", count } };
		r->status = status;
		web_page(w, r, status, txt.title, "photos.html", vars, 4);
	}
}

/* What became of each file, as a list (HTML built here, names escaped). */
static void results_html(const struct photo_request *q, char *out, size_t size)
{
	size_t len = 0;
	int i;

	out[0] = '\0';
	if (!q->nfiles)
		return;
	len = (size_t)snprintf(out, size, "<ul class=\"done\">");
	for (i = 0; i < q->nfiles && len < size; i++) {
		const struct upfile *f = &q->files[i];
		len += (size_t)snprintf(out + len, size - len, "<li%s>",
					f->added || strstr(f->result, "已经") ? "" : " class=\"bad\"");
		if (len >= size || !page_escape(f->name[0] ? f->name : "照片", out, &len, size) ||
		    !page_escape("：", out, &len, size) || !page_escape(f->result, out, &len, size))
			break;
		len += (size_t)snprintf(out + len, size - len, "</li>");
	}
	if (len < size)
		snprintf(out + len, size - len, "</ul>");
}

/* A reply of the photo pages (the frame's head says 会议照片), and its sending. */
static struct reply *new_reply(void)
{
	struct reply *r = malloc(sizeof *r);

	if (r) {
		memset(r, 0, offsetof(struct reply, html));
		r->section = txt.section;
	}
	return r;
}

static enum MHD_Result send_and_free(struct MHD_Connection *c, struct reply *r)
{
	enum MHD_Result ok = web_send_reply(c, r);

	free(r);
	return ok;
}

static enum MHD_Result refuse(struct web *w, struct MHD_Connection *c, unsigned status,
			      const char *title, const char *text)
{
	struct reply *r = new_reply();

	if (!r)
		return MHD_NO;
	web_message(w, r, status, title, text);
	return send_and_free(c, r);
}

/* ---- the upload ---- */

static void close_files(struct photo_request *q)
{
	int i;

	for (i = 0; i < q->nfiles; i++)
		if (q->files[i].fd >= 0) {
			close(q->files[i].fd);
			q->files[i].fd = -1;
		}
}

static enum MHD_Result part(void *cls, enum MHD_ValueKind kind, const char *key,
			    const char *filename, const char *content_type,
			    const char *transfer_encoding, const char *data, uint64_t off, size_t size)
{
	struct photo_request *q = cls;
	struct upfile *f;

	(void)kind;
	(void)content_type;
	(void)transfer_encoding;
	if (!key || strcmp(key, "photo") != 0 || !filename)
		return MHD_YES; /* not a picture field: ignored */
	f = q->nfiles ? &q->files[q->nfiles - 1] : NULL;
	/* A new part starts at offset 0; a call with nothing in it yet (an empty first chunk) is
	 * the same part, not another. */
	if (off == 0 && !(f && f->bytes == 0 && !f->too_big &&
			   strncmp(f->name, filename, strlen(f->name)) == 0)) {
		if (q->nfiles > 0)
			close_files(q);
		if (q->nfiles == FILES_MAX) {
			q->too_many = true;
			return MHD_YES;
		}
		f = &q->files[q->nfiles];
		memset(f, 0, sizeof *f);
		f->fd = -1;
		snprintf(f->name, sizeof f->name, "%s", filename);
		snprintf(f->tmp, sizeof f->tmp, "%s/.up.XXXXXX", q->dir);
		f->fd = mkostemp(f->tmp, O_CLOEXEC);
		if (f->fd < 0) {
			q->write_failed = true;
			return MHD_YES;
		}
		q->nfiles++;
	}
	if (q->too_many || q->write_failed || q->nfiles == 0)
		return MHD_YES;
	f = &q->files[q->nfiles - 1];
	if (f->too_big || f->fd < 0)
		return MHD_YES;
	if (f->bytes + size > (size_t)PHOTO_MAX_BYTES) {
		f->too_big = true;
		if (ftruncate(f->fd, 0) < 0)
			q->write_failed = true;
		return MHD_YES;
	}
	while (size > 0) {
		ssize_t n = write(f->fd, data, size);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			q->write_failed = true;
			return MHD_YES;
		}
		data += n;
		size -= (size_t)n;
		f->bytes += (size_t)n;
	}
	return MHD_YES;
}

/* The first call, with the headers: the page, a refusal, or the request's state for the body. */
enum MHD_Result web_photos_begin(struct web *w, struct MHD_Connection *c, const char *token,
				 const char *method, void **req_cls)
{
	bool get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
	struct photo_request *q;
	const char *cl;
	int64_t meeting;
	char actor[128];

	if (!get && strcmp(method, "POST") != 0)
		return web_answer_with(w, c, 405, web_txt.method, NULL, "GET, HEAD, POST");
	if (!w->photos || !granted(w, token, &meeting, actor, sizeof actor))
		return refuse(w, c, 403, txt.expired_title, txt.expired);
	if (get) {
		struct reply *r = new_reply();
		if (!r)
			return MHD_NO;
		upload_page(w, r, 200, meeting, NULL, NULL);
		return send_and_free(c, r);
	}
	if (!web_origin_ok(c))
		return refuse(w, c, 403, txt.other_site, web_txt.other_site_text);
	cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
	if (cl && (strlen(cl) > 12 || strtoull(cl, NULL, 10) > (unsigned long long)UPLOAD_MAX))
		return refuse(w, c, 413, txt.too_big_title, txt.too_big);
	if (mkdir(w->photos->dir, 0755) < 0 && errno != EEXIST)
		return refuse(w, c, 503, web_txt.busy, web_txt.busy_text);
	q = calloc(1, sizeof *q);
	if (!q)
		return MHD_NO;
	q->kind = REQ_PHOTO;
	q->meeting_id = meeting;
	q->dir = w->photos->dir;
	snprintf(q->token, sizeof q->token, "%s", token);
	snprintf(q->actor, sizeof q->actor, "%s", actor);
	q->pp = MHD_create_post_processor(c, 64 * 1024, part, q);
	/* Not a form (or a multipart without its boundary): refused once its body has been read,
	 * since answering while the phone still sends makes its connection reset, not the page. */
	q->not_form = !q->pp;
	*req_cls = q; /* freed by web_photos_end */
	return MHD_YES;
}

/* The calls that follow: the body, then the end of it (the work is queued and the connection
 * suspended), then, resumed, the answer. */
enum MHD_Result web_photos_answer(struct web *w, struct MHD_Connection *c, void *state,
				  const char *upload, size_t *upload_size)
{
	struct photo_request *q = state;
	struct web_photos *p = w->photos;
	struct reply *r;
	char results[PAGE_MAX / 2];

	if (*upload_size) {
		q->total += *upload_size;
		if (q->total > (size_t)UPLOAD_MAX)
			q->too_big = true;
		else if (q->pp && !q->bad_form &&
			 MHD_post_process(q->pp, upload, *upload_size) != MHD_YES)
			q->bad_form = true; /* what came before still counts */
		*upload_size = 0;
		return MHD_YES;
	}
	if (!q->queued) {
		if (q->pp)
			MHD_destroy_post_processor(q->pp);
		q->pp = NULL;
		close_files(q);
		if (q->too_big)
			return refuse(w, c, 413, txt.too_big_title, txt.too_big);
		if (q->not_form)
			return refuse(w, c, 415, txt.not_form_title, txt.not_form);
		if (q->nfiles == 0 || q->write_failed) {
			if (!(r = new_reply()))
				return MHD_NO;
			upload_page(w, r, q->write_failed ? 503 : 400, q->meeting_id,
				    q->write_failed ? web_txt.busy_text : txt.none, NULL);
			return send_and_free(c, r);
		}
		pthread_mutex_lock(&p->lock);
		if (p->nqueue >= QUEUE_MAX) {
			pthread_mutex_unlock(&p->lock);
			return refuse(w, c, 503, web_txt.busy, txt.busy);
		}
		q->queued = true;
		q->conn = c;
		q->next = NULL;
		{
			struct photo_request **tail = &p->queue;
			while (*tail)
				tail = &(*tail)->next;
			*tail = q;
		}
		p->nqueue++;
		pthread_cond_signal(&p->cond);
		pthread_mutex_unlock(&p->lock);
		MHD_suspend_connection(c);
		return MHD_YES;
	}
	/* resumed: the worker is done with q */
	if (!(r = new_reply()))
		return MHD_NO;
	if (q->error[0]) {
		web_message(w, r, 403, txt.expired_title, q->error);
	} else {
		results_html(q, results, sizeof results);
		upload_page(w, r, q->too_many || q->added < q->nfiles ? 422 : 200, q->meeting_id,
			    q->too_many ? txt.too_many : NULL, results);
	}
	return send_and_free(c, r);
}

void web_photos_end(struct web *w, void *state)
{
	struct photo_request *q = state;
	int i;

	(void)w;
	if (q->pp)
		MHD_destroy_post_processor(q->pp);
	close_files(q);
	if (!q->done)
		for (i = 0; i < q->nfiles; i++)
			unlink(q->files[i].tmp);
	free(q);
}
