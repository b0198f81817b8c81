/* Chimes and spoken confirmation through SDL's audio.
 *
 * One device, opened once, in callback mode: the callback (SDL's audio thread) plays a short
 * queue of clips, so we know the moment a sound's first sample reaches SDL (the bench's "audio"
 * line) and can drop what has not started when something newer happens. The chimes are made
 * here, in code (a few sine notes each, different in pitch contour and length, all under
 * 0.6 s), so no sound file ships and none can go missing.
 *
 * Speech is espeak-ng, Debian's only offline Mandarin synthesiser (festival, flite and pico have
 * no Mandarin voice in Debian 12): its "cmn-latn-pinyin" voice, because the plain "cmn" voice
 * of espeak-ng 1.51 reads its own dictionary's pinyin with English letter sounds, and because it
 * reads the numbered pinyin core/text/speech.c writes for surnames and rare characters.
 * Synthesis takes a hundred milliseconds or so of CPU, so it runs on a thread of its own, at a
 * lower priority, started at open and loading the voice only when speech is first wanted
 * (speech off costs no memory), and begins only once the main loop has drawn the tap's frame
 * (sound_frame_drawn; at most FRAME_WAIT_MAX_MS later); the chime covers the wait. The main thread only queues a chime and a request;
 * nothing here ever waits on the synthesiser.
 *
 * Bursts: a newer sound stops the one playing and drops what waits. Phone sign-ins are gathered
 * for PHONE_GATHER_MS after the last one (at most PHONE_GATHER_MAX_MS) and said once: one name,
 * or "10位党员扫码签到成功"; a phone's chime is not repeated while a gathering is open.
 *
 * The thread uses pthreads and never touches an SDL object (docs/architecture.md); the clip
 * queue has a lock of its own (qmu), held for a copy of at most one callback's samples. */
#include "ui/sound.h"

#include <SDL.h>
#include <espeak-ng/speak_lib.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "core/base/log.h"

#define MAX_CLIPS 8
#define GAP_MS 150               /* silence between the chime and the speech */
#define FRAME_WAIT_MAX_MS 500     /* speech waits for the tap's frame, but not for ever */
#define PHONE_GATHER_MS 800
#define PHONE_GATHER_MAX_MS 3000
#define SPEECH_RATE 150          /* words a minute: a little slower than espeak's 175 */
#define VOICE "cmn-latn-pinyin"
#define CHIME_MAX (SOUND_RATE * 6 / 10)

struct clip {
	int16_t *pcm;    /* NULL: silence */
	size_t n, pos;
	bool owned;      /* free pcm when done */
	bool mark;       /* the first clip of a sound: trace when it starts */
};

struct job {
	bool pending;
	enum speech_event ev;
	char name[256];
	int count;       /* phone sign-ins gathered */
	unsigned gen;
	int64_t due_ms, first_ms;
	bool after_frame;   /* wait until the main loop has drawn (sound_frame_drawn) */
	int64_t frame_by_ms;
};

struct sound {
	SDL_AudioDeviceID dev;
	FILE *trace;
	int16_t chimes[SPEECH_EVENTS][CHIME_MAX];
	size_t chime_len[SPEECH_EVENTS];
	/* Guarded by qmu: the callback's queue and gain. */
	pthread_mutex_t qmu;
	struct clip clips[MAX_CLIPS];
	int nclips;
	float gain;
	/* Guarded by mu: the request for the speech thread. */
	pthread_t thread;
	bool thread_started;
	pthread_mutex_t mu;
	pthread_cond_t cond;
	struct job job;
	unsigned gen;
	bool quit;
	/* The speech thread's own. */
	bool espeak_ready, espeak_failed;
	int16_t *buf;
	size_t len, cap;
};

/* A note of a chime: frequency, start and length in ms. */
struct note {
	float hz;
	int at_ms, ms;
};

static const struct {
	struct note notes[4];
} CHIMES[SPEECH_EVENTS] = {
	/* Signed in: a rising fourth, the longest and brightest. */
	[SPEECH_SIGNED_IN] = { { { 784, 0, 180 }, { 1047, 140, 360 } } },
	/* Already signed in: two short equal lower notes, "ding ding". */
	[SPEECH_ALREADY] = { { { 659, 0, 110 }, { 659, 170, 150 } } },
	/* A phone: a quick rising arpeggio. */
	[SPEECH_PHONE] = { { { 523, 0, 90 }, { 659, 80, 90 }, { 784, 160, 200 } } },
	/* Refused: a low falling pair. */
	[SPEECH_REFUSED] = { { { 440, 0, 200 }, { 330, 180, 380 } } },
	/* Leave recorded: one soft middle note. */
	[SPEECH_LEAVE] = { { { 587, 0, 400 } } },
};

/* One note of a chime added into out[start .. start + n) (within len): a soft attack, a decay,
 * and a release that ends at zero so nothing clicks. */
static void mix_note(int16_t *out, size_t len, size_t start, size_t n, double hz)
{
	for (size_t i = 0; i < n && start + i < len; i++) {
		double t = (double)i / SOUND_RATE;
		double attack = i < SOUND_RATE / 200 ? (double)i / (SOUND_RATE / 200) : 1.0;
		double release = (double)(n - i) / n; /* ends at zero: no click */
		double env = attack * exp(-t * 6.0) * (release < 0.2 ? release * 5 : 1.0);
		double v = sin(2 * M_PI * hz * t) + 0.25 * sin(4 * M_PI * hz * t);
		int s = out[start + i] + (int)(v * env * 9000);
		out[start + i] = (int16_t)(s > 32767 ? 32767 : s < -32768 ? -32768 : s);
	}
}

size_t sound_chime(enum speech_event ev, int16_t *out, size_t max)
{
	size_t len = 0, j, start, n;
	const struct note *nt;

	if ((unsigned)ev >= SPEECH_EVENTS)
		return 0;
	/* Two passes over the notes: the length (to clear), then the notes mixed in. */
	for (int pass = 0; pass < 2; pass++) {
		if (pass == 1)
			memset(out, 0, len * sizeof *out);
		for (j = 0; j < 4; j++) {
			nt = &CHIMES[ev].notes[j];
			if (nt->hz <= 0)
				continue;
			start = (size_t)nt->at_ms * SOUND_RATE / 1000;
			n = (size_t)nt->ms * SOUND_RATE / 1000;
			if (pass == 0) {
				if (start + n > len)
					len = start + n < max ? start + n : max;
				continue;
			}
			mix_note(out, len, start, n, nt->hz);
		}
	}
	return len;
}

/* Monotonic milliseconds: the gathering of phone sign-ins is real time, whatever the kiosk's
 * clock says (a replay moves that by hand). */
static int64_t mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void trace_audio(struct sound *snd)
{
	struct timespec ts;

	if (!snd->trace)
		return;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	fprintf(snd->trace, "audio %.3f\n", ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6);
	fflush(snd->trace);
}

/* "speech MS COUNT": a sentence is being made, for COUNT sign-ins (tests/ui/sound.sh). */
static void trace_speech(struct sound *snd, int count)
{
	if (!snd->trace)
		return;
	fprintf(snd->trace, "speech %.3f %d\n", (double)mono_ms(), count);
	fflush(snd->trace);
}

static void drop_clip(struct sound *snd, int i)
{
	if (snd->clips[i].owned)
		free(snd->clips[i].pcm);
	memmove(&snd->clips[i], &snd->clips[i + 1], (size_t)(snd->nclips - i - 1) * sizeof snd->clips[0]);
	snd->nclips--;
}

/* SDL's audio thread: play the queue, silence after it. */
static void callback(void *userdata, Uint8 *stream, int bytes)
{
	struct sound *snd = userdata;
	int16_t *out = (int16_t *)stream;
	size_t want = (size_t)bytes / sizeof *out, done = 0, n, i;

	pthread_mutex_lock(&snd->qmu);
	while (done < want && snd->nclips > 0) {
		struct clip *c = &snd->clips[0];
		if (c->pos == 0 && c->mark)
			trace_audio(snd);
		n = c->n - c->pos < want - done ? c->n - c->pos : want - done;
		for (i = 0; i < n; i++)
			out[done + i] = c->pcm ? (int16_t)(c->pcm[c->pos + i] * snd->gain) : 0;
		c->pos += n;
		done += n;
		if (c->pos >= c->n)
			drop_clip(snd, 0);
	}
	pthread_mutex_unlock(&snd->qmu);
	memset(out + done, 0, (want - done) * sizeof *out);
}

/* Queue a clip (qmu held). A full queue drops the clip: never block, never grow. */
static void enqueue(struct sound *snd, int16_t *pcm, size_t n, bool owned, bool mark)
{
	if (snd->nclips >= MAX_CLIPS) {
		if (owned)
			free(pcm);
		return;
	}
	snd->clips[snd->nclips++] = (struct clip){ pcm, n, 0, owned, mark };
}

/* Stop what is playing and drop what waits (qmu held): the newest outcome is the one the
 * person at the screen is waiting to hear, and its chime must not wait behind a sentence. */
static void drop_all(struct sound *snd)
{
	while (snd->nclips > 0)
		drop_clip(snd, snd->nclips - 1);
}

static int on_samples(short *wav, int n, espeak_EVENT *events)
{
	struct sound *snd = events && events->user_data ? events->user_data : NULL;
	size_t cap;
	int16_t *grown;

	if (!snd || !wav || n <= 0)
		return 0;
	if (snd->len + (size_t)n > snd->cap) {
		cap = snd->cap ? snd->cap * 2 : SOUND_RATE * 2;
		while (cap < snd->len + (size_t)n)
			cap *= 2;
		grown = realloc(snd->buf, cap * sizeof *grown);
		if (!grown)
			return 1; /* stop this sentence */
		snd->buf = grown;
		snd->cap = cap;
	}
	memcpy(snd->buf + snd->len, wav, (size_t)n * sizeof *wav);
	snd->len += (size_t)n;
	return 0;
}

static bool espeak_start(struct sound *snd)
{
	int rate;

	if (snd->espeak_ready || snd->espeak_failed)
		return snd->espeak_ready;
	rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 100, NULL, 0);
	if (rate <= 0 || espeak_SetVoiceByName(VOICE) != EE_OK) {
		log_msg(LOG_WARNING, "声音：语音合成没有启动（espeak-ng 的普通话语音 %s 找不到，请安装 "
				     "espeak-ng-data），只响提示音", VOICE);
		snd->espeak_failed = true;
		return false;
	}
	if (rate != SOUND_RATE)
		log_msg(LOG_WARNING, "声音：espeak-ng 的采样率是 %d，不是 %d，语音会变调", rate, SOUND_RATE);
	espeak_SetSynthCallback(on_samples);
	espeak_SetParameter(espeakRATE, SPEECH_RATE, 0);
	snd->espeak_ready = true;
	return true;
}

/* Say one sentence into snd->buf. */
static void synthesise(struct sound *snd, const char *text)
{
	snd->len = 0;
	if (!espeak_start(snd))
		return;
	espeak_Synth(text, strlen(text) + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, NULL, snd);
	/* espeak ends a sentence with a long tail of silence; trim it. */
	while (snd->len > 0 && abs(snd->buf[snd->len - 1]) < 64)
		snd->len--;
}

static void *speech_thread(void *arg)
{
	struct sound *snd = arg;
	struct job job;
	struct timespec ts;
	char text[512];
	int16_t *pcm;

	/* Below the screen: on a two-core board the frame must not wait for a sentence. */
	setpriority(PRIO_PROCESS, (id_t)gettid(), 10);
	pthread_mutex_lock(&snd->mu);
	for (;;) {
		while (!snd->quit && !snd->job.pending)
			pthread_cond_wait(&snd->cond, &snd->mu);
		if (snd->quit)
			break;
		if ((snd->job.after_frame && mono_ms() < snd->job.frame_by_ms) || mono_ms() < snd->job.due_ms) {
			int64_t due = snd->job.after_frame && snd->job.frame_by_ms > snd->job.due_ms
					      ? snd->job.frame_by_ms : snd->job.due_ms;
			ts.tv_sec = (time_t)(due / 1000);
			ts.tv_nsec = (long)(due % 1000) * 1000000L;
			pthread_cond_timedwait(&snd->cond, &snd->mu, &ts);
			continue;
		}
		job = snd->job;
		snd->job.pending = false;
		pthread_mutex_unlock(&snd->mu);

		speech_sentence(job.ev, job.name, job.count, text, sizeof text);
		trace_speech(snd, job.count);
		if (text[0])
			synthesise(snd, text);
		pcm = NULL;
		if (text[0] && snd->len > 0 && (pcm = malloc(snd->len * sizeof *pcm)))
			memcpy(pcm, snd->buf, snd->len * sizeof *pcm);

		pthread_mutex_lock(&snd->mu);
		if (pcm && job.gen == snd->gen && !snd->quit) {
			pthread_mutex_lock(&snd->qmu);
			enqueue(snd, NULL, (size_t)SOUND_RATE * GAP_MS / 1000, false, false);
			enqueue(snd, pcm, snd->len, true, false);
			pthread_mutex_unlock(&snd->qmu);
		} else {
			free(pcm);
		}
	}
	pthread_mutex_unlock(&snd->mu);
	return NULL;
}

/* Without a sound card ALSA would print eight lines of its own to the journal at every start
 * before SDL gives up; the kernel's list of cards says so in one. A driver named by hand
 * (SDL_AUDIODRIVER=disk in the tests, pulse on a desk) is always tried. */
static bool no_sound_card(char *why, size_t size)
{
	char line[128] = "";
	FILE *f;

	if (getenv("SDL_AUDIODRIVER"))
		return false;
	f = fopen("/proc/asound/cards", "r");
	if (!f) {
		snprintf(why, size, "没有 /proc/asound/cards");
		return true;
	}
	if (!fgets(line, sizeof line, f) || strstr(line, "no soundcards")) {
		snprintf(why, size, "系统里没有声卡");
		fclose(f);
		return true;
	}
	fclose(f);
	return false;
}

struct sound *sound_open(const char *trace_path)
{
	struct sound *snd = calloc(1, sizeof *snd);
	SDL_AudioSpec want = { 0 }, have;
	pthread_condattr_t attr;
	char why[128];
	int i;

	if (!snd)
		return NULL;
	for (i = 0; i < SPEECH_EVENTS; i++)
		snd->chime_len[i] = sound_chime((enum speech_event)i, snd->chimes[i], CHIME_MAX);
	snd->gain = SOUND_VOLUME_DEFAULT / 100.0f;
	if (no_sound_card(why, sizeof why)) {
		log_msg(LOG_WARNING, "声音：没有声卡（%s），签到机不出声，其他照常", why);
		return snd;
	}
	if (SDL_InitSubSystem(SDL_INIT_AUDIO) < 0) {
		log_msg(LOG_WARNING, "声音：没有声卡（%s），签到机不出声，其他照常", SDL_GetError());
		return snd;
	}
	want.freq = SOUND_RATE;
	want.format = AUDIO_S16SYS;
	want.channels = 1;
	want.samples = 512;
	want.callback = callback;
	want.userdata = snd;
	snd->dev = SDL_OpenAudioDevice(NULL, 0, &want, &have, 0);
	if (!snd->dev) {
		log_msg(LOG_WARNING, "声音：没有声卡（%s），签到机不出声，其他照常", SDL_GetError());
		SDL_QuitSubSystem(SDL_INIT_AUDIO);
		return snd;
	}
	if (trace_path)
		snd->trace = fopen(trace_path, "a");
	pthread_mutex_init(&snd->mu, NULL);
	pthread_mutex_init(&snd->qmu, NULL);
	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	pthread_cond_init(&snd->cond, &attr);
	pthread_condattr_destroy(&attr);
	if (pthread_create(&snd->thread, NULL, speech_thread, snd) == 0)
		snd->thread_started = true;
	else
		log_msg(LOG_WARNING, "声音：语音线程没有启动，只响提示音");
	SDL_PauseAudioDevice(snd->dev, 0);
	log_msg(LOG_INFO, "声音：%s，%d Hz", SDL_GetCurrentAudioDriver(), have.freq);
	return snd;
}

void sound_close(struct sound *snd)
{
	if (!snd)
		return;
	if (snd->dev) {
		if (snd->thread_started) {
			pthread_mutex_lock(&snd->mu);
			snd->quit = true;
			pthread_cond_signal(&snd->cond);
			pthread_mutex_unlock(&snd->mu);
			pthread_join(snd->thread, NULL);
		}
		SDL_CloseAudioDevice(snd->dev);
		drop_all(snd);
		SDL_QuitSubSystem(SDL_INIT_AUDIO);
		pthread_mutex_destroy(&snd->mu);
		pthread_mutex_destroy(&snd->qmu);
		pthread_cond_destroy(&snd->cond);
	}
	if (snd->espeak_ready)
		espeak_Terminate();
	if (snd->trace)
		fclose(snd->trace);
	free(snd->buf);
	free(snd);
}

bool sound_available(const struct sound *snd)
{
	return snd && snd->dev;
}

void sound_play(struct sound *snd, const struct sound_settings *set, time_t now,
		enum speech_event ev, const char *name)
{
	int64_t real = mono_ms();
	bool gathering;

	if (!sound_available(snd) || (unsigned)ev >= SPEECH_EVENTS || sound_settings_silent(set, now))
		return;
	pthread_mutex_lock(&snd->mu);
	gathering = ev == SPEECH_PHONE && snd->job.pending && snd->job.ev == SPEECH_PHONE;
	if (gathering) {
		/* Another phone while one is gathering: count it, say them together. */
		snd->job.count++;
		snd->job.due_ms = real + PHONE_GATHER_MS < snd->job.first_ms + PHONE_GATHER_MAX_MS
					  ? real + PHONE_GATHER_MS
					  : snd->job.first_ms + PHONE_GATHER_MAX_MS;
		pthread_mutex_unlock(&snd->mu);
		return;
	}
	snd->gen++;
	pthread_mutex_lock(&snd->qmu);
	drop_all(snd);
	snd->gain = (float)set->volume / 100.0f;
	enqueue(snd, snd->chimes[ev], snd->chime_len[ev], false, true);
	pthread_mutex_unlock(&snd->qmu);
	memset(&snd->job, 0, sizeof snd->job);
	if (set->speech && snd->thread_started && ev != SPEECH_REFUSED) {
		snd->job.pending = true;
		snd->job.ev = ev;
		snprintf(snd->job.name, sizeof snd->job.name, "%s", name ? name : "");
		snd->job.count = 1;
		snd->job.gen = snd->gen;
		snd->job.first_ms = real;
		snd->job.due_ms = real + (ev == SPEECH_PHONE ? PHONE_GATHER_MS : 0);
		snd->job.after_frame = true;
		snd->job.frame_by_ms = real + FRAME_WAIT_MAX_MS;
		pthread_cond_signal(&snd->cond);
	}
	pthread_mutex_unlock(&snd->mu);
}

void sound_frame_drawn(struct sound *snd)
{
	if (!sound_available(snd) || !snd->thread_started)
		return;
	pthread_mutex_lock(&snd->mu);
	if (snd->job.pending && snd->job.after_frame) {
		snd->job.after_frame = false;
		pthread_cond_signal(&snd->cond);
	}
	pthread_mutex_unlock(&snd->mu);
}
