/* SPDX-License-Identifier: MIT */
/*
 * hostile_server: a deliberately bad Nuki Web API for the hardening tests
 * (tests/hostile/test_hostile.sh). It answers nukitui's endpoints the way
 * a hostile or broken server might, one behaviour per --mode: data full of
 * terminal escapes (ESC/CSI/OSC 52/OSC 8, C1 bytes, BEL, bidi overrides,
 * zero-width characters, invalid UTF-8), error pages, broken JSON, huge or
 * trickling bodies, rate limits, dropped connections and redirects to
 * another host. It is not a mode of nuki-sim on purpose: the simulator
 * stays a faithful model of the API.
 *
 * It prints its base URL as the first line of standard output (like
 * nuki-sim) and the URL of a second listener, "another host" on
 * 127.0.0.2, as the second line; redirects point there, and any request
 * that reaches it is a bug in the client. Each request is logged, before
 * it is answered, as one line "METHOD PATH auth=token|other|none
 * listener=main|other" (the token itself is never written).
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

#define HUGE_BODY (64u * 1024u * 1024u)

/* Payloads. In JSON text: \\u001b is ESC, \\u0007 BEL; raw bytes (0x1b,
 * 0x9b, 0xff) go through cJSON unchanged and test the other path. */
#define OSC52 "\\u001b]52;c;SGFja2Vk\\u0007"
#define OSC8 "\\u001b]8;;https://evil.example/\\u001b\\\\"
#define CSI_DSR "\\u001b[6n"
#define C1_CSI_RAW "\x9b" "6n"
#define C1_CSI_UTF8 "\\u009b6n"
#define C1_OSC "\\u009d0;pwned\\u009c"
#define BIDI "\\u202eevil\\u200b\\u2066"
#define BAD_UTF8 "\xff\xfe\xc0\xaf"
#define RAW_ESC "\x1b[999;999H\x1b]0;pwned\x07"

enum mode {
	MODE_CLEAN,       /* plain, valid data; every call succeeds */
	MODE_ESCAPES,     /* valid JSON whose strings carry escapes */
	MODE_ERROR_TEXT,  /* 401 whose detailMessage carries escapes */
	MODE_HTML502,     /* 502 with an HTML page */
	MODE_TRUNCATED,   /* 200 with JSON cut in the middle */
	MODE_TYPES,       /* 200 with wrong types and nulls */
	MODE_NULL,        /* 200 with the body "null" */
	MODE_NESTING,     /* 200 with 100 levels of nesting */
	MODE_HUGE,        /* 200 with a 64 MiB body (Content-Length) */
	MODE_HUGE_CHUNKED,/* 200 with a 64 MiB body, chunked (no length) */
	MODE_SLOW,        /* 200, one byte per second */
	MODE_RATELIMIT,   /* 429 with Retry-After: 1 */
	MODE_UNAVAILABLE, /* 503 with Retry-After: 1 */
	MODE_DROP,        /* close the connection without an answer */
	MODE_POST503,     /* like clean, but POST/PUT/DELETE get 503 */
	MODE_POSTDROP,    /* like clean, but POST/PUT/DELETE are dropped */
	MODE_REDIRECT,    /* 302 to http:// on another host */
	MODE_REDIRECT_HTTPS, /* 307 to https:// on another host */
	MODE_COUNT
};

static const char *const mode_names[MODE_COUNT] = {
	"clean", "escapes", "error-text", "html502", "truncated", "types",
	"null", "nesting", "huge", "huge-chunked", "slow", "ratelimit",
	"unavailable", "drop", "post503", "postdrop", "redirect",
	"redirect-https",
};

static enum mode mode;
static const char *token;
static FILE *log_file;
static pthread_mutex_t log_mu = PTHREAD_MUTEX_INITIALIZER;
static char other_authority[64]; /* "127.0.0.2:PORT" */
static volatile sig_atomic_t stop;

struct listener {
	const char *name;
	struct MHD_Daemon *d;
	unsigned port;
	char host[32];
};

struct req {
	bool started;
};

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

/* ---- the data --------------------------------------------------------- */

static const char clean_locks[] =
	"[{\"smartlockId\":101,\"accountId\":1,\"type\":4,\"authId\":1,"
	"\"name\":\"Garage\",\"favorite\":false,\"state\":{\"mode\":2,"
	"\"state\":1,\"trigger\":0,\"lastAction\":2,\"batteryCharge\":80,"
	"\"batteryCritical\":false,\"batteryCharging\":false,"
	"\"doorState\":2},\"serverState\":0,"
	"\"creationDate\":\"2024-01-01T00:00:00.000Z\","
	"\"updateDate\":\"2025-01-01T00:00:00.000Z\"}]";

static const char clean_lock[] =
	"{\"smartlockId\":101,\"accountId\":1,\"type\":4,\"authId\":1,"
	"\"name\":\"Garage\",\"favorite\":false,\"state\":{\"mode\":2,"
	"\"state\":1,\"trigger\":0,\"lastAction\":2,\"batteryCharge\":80,"
	"\"batteryCritical\":false,\"batteryCharging\":false,"
	"\"doorState\":2},\"serverState\":0}";

static const char clean_webhooks[] =
	"[{\"id\":201,\"webhookUrl\":\"https://hooks.example/a\","
	"\"webhookFeatures\":[\"DEVICE_STATUS\"]}]";

static const char clean_keys[] =
	"[{\"apiKeyId\":301,\"accountId\":1,\"description\":\"tablet\","
	"\"creationDate\":\"2025-01-01T00:00:00.000Z\"}]";

static const char clean_logs[] =
	"[{\"id\":\"68c5558f2a1b3c4d6bcace0c\",\"succeeded\":true,"
	"\"responseStatus\":200,\"duration\":5,\"accountId\":1,"
	"\"apiKeyId\":301,\"created\":\"2025-09-13T11:27:39.000Z\"}]";

#define EVIL_STATE                                                          \
	"\"state\":{\"mode\":2,\"state\":1,\"trigger\":0,\"lastAction\":2,"   \
	"\"batteryCharge\":80,\"batteryCritical\":false,"                     \
	"\"batteryCharging\":false,\"doorState\":2},\"serverState\":0"

#define EVIL_LOCK(id, name)                                                 \
	"{\"smartlockId\":" #id ",\"accountId\":1,\"type\":4,\"authId\":1,"   \
	"\"name\":\"" name "\",\"favorite\":false," EVIL_STATE                \
	",\"creationDate\":\"2024-01-01T00:00:00.000Z\","                     \
	"\"updateDate\":\"2025" OSC52 "\"}"

static const char evil_locks[] =
	"[" EVIL_LOCK(101, "OSC52 " OSC52 " end") ","
	EVIL_LOCK(102, "OSC8 " OSC8 "x" OSC8) ","
	EVIL_LOCK(103, "C1 " C1_CSI_RAW " " C1_CSI_UTF8 " " C1_OSC) ","
	EVIL_LOCK(104, "BIDI " BIDI " BEL\\u0007 " BAD_UTF8 " " CSI_DSR
		       " DEL\\u007f") ","
	EVIL_LOCK(105, "RAW " RAW_ESC) "]";

static const char evil_lock[] = EVIL_LOCK(101, "OSC52 " OSC52 " end");

static const char evil_webhooks[] =
	"[{\"id\":201,\"webhookUrl\":\"https://evil.example/" OSC52 "\","
	"\"webhookFeatures\":[\"DEVICE_STATUS\",\"" CSI_DSR "\"]},"
	"{\"id\":202,\"webhookUrl\":\"https://x.example/" C1_CSI_RAW BIDI
	"\",\"webhookFeatures\":[]}]";

static const char evil_webhook_created[] =
	"{\"id\":203,\"webhookUrl\":\"https://evil.example/" OSC8 "\","
	"\"webhookFeatures\":[\"DEVICE_STATUS\"],"
	"\"secret\":\"SECRET" OSC52 "\"}";

static const char evil_keys[] =
	"[{\"apiKeyId\":301,\"accountId\":1,\"description\":\"KEY " OSC52
	" " C1_OSC "\",\"creationDate\":\"2025-01-01T00:00:00.000Z\"}]";

static const char evil_logs[] =
	"[{\"id\":\"LOG" OSC52 "\",\"requestId\":\"REQ" CSI_DSR "\","
	"\"succeeded\":false,\"responseStatus\":500,\"duration\":5,"
	"\"accountId\":1,\"apiKeyId\":301,"
	"\"request\":{\"headers\":{\"X-Evil" CSI_DSR "\":\"v" OSC52 "\"},"
	"\"body\":{\"k\":\"BODY" OSC52 " " C1_CSI_UTF8 " " BIDI "\"},"
	"\"timestamp\":\"2025-09-13T11:27:39.298Z\","
	"\"path\":\"https://evil.example/" OSC8 "\"},"
	"\"response\":{\"headers\":{\"Content-Type\":\"text/plain" OSC52 "\"},"
	"\"body\":\"RESP\\u0007" RAW_ESC "\","
	"\"timestamp\":\"2025-09-13T11:27:39.298Z\",\"path\":\"x\"},"
	"\"created\":\"2025-09-13T11:27:39.000Z\","
	"\"updated\":\"2025-09-13T11:27:39.764Z\"}]";

static const char evil_confirmation[] = "{\"requestId\":\"REQ" OSC52 "\"}";
static const char clean_confirmation[] = "{\"requestId\":\"req-1\"}";

static const char evil_error[] =
	"{\"detailMessage\":\"denied " OSC52 " " OSC8 " " C1_CSI_RAW " "
	BIDI " " BAD_UTF8 "\",\"stackTrace\":[]}";

static const char html_page[] =
	"<html><head><title>502 Bad Gateway\x1b]52;c;SGFja2Vk\x07</title>"
	"</head><body><h1>502 Bad Gateway</h1>\x1b[6n\x9b" "6n</body></html>\n";

static const char truncated_body[] =
	"[{\"smartlockId\":101,\"accountId\":1,\"type\":4,\"name\":\"Gar";

/* Wrong types and nulls, per endpoint. */
static const char types_locks[] =
	"[{\"smartlockId\":\"101\",\"type\":null,\"name\":42,"
	"\"state\":\"locked\"}]";
static const char types_lock[] = "{\"smartlockId\":true,\"name\":null}";
static const char types_webhooks[] = "{\"webhookUrl\":[1,2,3]}";
static const char types_keys[] = "[{\"apiKeyId\":null,\"description\":7}]";
static const char types_logs[] = "[{\"id\":5,\"succeeded\":\"yes\"}]";
static const char types_confirmation[] = "{\"requestId\":12}";

/* ---- answers ------------------------------------------------------------ */

struct answer {
	unsigned status;          /* 0: drop the connection */
	const char *body;         /* static text, or NULL */
	char *owned;              /* or heap text */
	const char *content_type;
	const char *location;
	const char *retry_after;
	bool evil_headers;
	bool huge, chunked, slow;
};

static bool is_write(const char *method)
{
	return strcmp(method, "GET") != 0;
}

static bool path_is(const char *path, const char *want)
{
	return strcmp(path, want) == 0;
}

static bool path_starts(const char *path, const char *prefix)
{
	return strncmp(path, prefix, strlen(prefix)) == 0;
}

/* The success answer for the path, from one data set. */
static void data_answer(struct answer *a, const char *method,
			const char *path, bool evil, bool types)
{
	a->status = 200;
	a->content_type = "application/json";
	if (path_is(path, "/smartlock")) {
		a->body = types ? types_locks : evil ? evil_locks : clean_locks;
	} else if (path_is(path, "/api/decentralWebhook") &&
		   strcmp(method, "GET") == 0) {
		a->body = types ? types_webhooks
				: evil ? evil_webhooks : clean_webhooks;
	} else if (path_is(path, "/api/decentralWebhook")) {
		a->body = types ? types_lock : evil_webhook_created;
	} else if (path_is(path, "/api/key")) {
		a->body = types ? types_keys : evil ? evil_keys : clean_keys;
	} else if (path_starts(path, "/api/key/")) {
		a->body = types ? types_logs : evil ? evil_logs : clean_logs;
	} else if (path_starts(path, "/api/decentralWebhook/")) {
		a->status = 204;
	} else if (strstr(path, "/advanced")) {
		a->body = types ? types_confirmation
				: evil ? evil_confirmation : clean_confirmation;
	} else if (strstr(path, "/action")) {
		a->status = 204;
	} else if (path_starts(path, "/smartlock/")) {
		a->body = types ? types_lock : evil ? evil_lock : clean_lock;
	} else {
		a->status = 404;
		a->body = "{\"detailMessage\":\"not found\"}";
	}
	if (a->status == 204) {
		a->body = NULL;
		a->content_type = NULL;
	}
}

static char *nested(int depth)
{
	size_t n = (size_t)depth * 2 + 2;
	char *s = malloc(n);

	if (!s)
		return NULL;
	for (int i = 0; i < depth; i++) {
		s[i] = '[';
		s[depth + 1 + i] = ']';
	}
	s[depth] = '1';
	s[2 * depth + 1] = '\0';
	return s;
}

static void choose(struct answer *a, const char *method, const char *path)
{
	memset(a, 0, sizeof *a);
	switch (mode) {
	case MODE_CLEAN:
		data_answer(a, method, path, false, false);
		break;
	case MODE_ESCAPES:
		data_answer(a, method, path, true, false);
		a->evil_headers = true;
		break;
	case MODE_ERROR_TEXT:
		a->status = 401;
		a->content_type = "application/json";
		a->body = evil_error;
		a->evil_headers = true;
		break;
	case MODE_HTML502:
		a->status = 502;
		a->content_type = "text/html";
		a->body = html_page;
		break;
	case MODE_TRUNCATED:
		a->status = 200;
		a->content_type = "application/json";
		a->body = truncated_body;
		break;
	case MODE_TYPES:
		data_answer(a, method, path, false, true);
		break;
	case MODE_NULL:
		a->status = 200;
		a->content_type = "application/json";
		a->body = "null";
		break;
	case MODE_NESTING:
		a->status = 200;
		a->content_type = "application/json";
		a->owned = nested(100);
		break;
	case MODE_HUGE:
	case MODE_HUGE_CHUNKED:
		a->status = 200;
		a->content_type = "application/json";
		a->huge = true;
		a->chunked = mode == MODE_HUGE_CHUNKED;
		break;
	case MODE_SLOW:
		data_answer(a, method, path, false, false);
		a->slow = a->body != NULL;
		break;
	case MODE_RATELIMIT:
		a->status = 429;
		a->content_type = "application/json";
		a->body = "{\"detailMessage\":\"too many requests\"}";
		a->retry_after = "1";
		break;
	case MODE_UNAVAILABLE:
		a->status = 503;
		a->content_type = "application/json";
		a->body = "{\"detailMessage\":\"unavailable\"}";
		a->retry_after = "1";
		break;
	case MODE_DROP:
		a->status = 0;
		break;
	case MODE_POST503:
	case MODE_POSTDROP:
		if (!is_write(method)) {
			data_answer(a, method, path, false, false);
		} else if (mode == MODE_POST503) {
			a->status = 503;
			a->content_type = "application/json";
			a->body = "{\"detailMessage\":\"unavailable\"}";
			a->retry_after = "0";
		}
		break;
	case MODE_REDIRECT:
	case MODE_REDIRECT_HTTPS:
		a->status = mode == MODE_REDIRECT ? 302 : 307;
		a->location = "x"; /* filled in by the caller */
		a->content_type = "text/html";
		a->body = "<a href=\"elsewhere\">moved</a>";
		break;
	case MODE_COUNT:
		break;
	}
}

/* ---- generated bodies ----------------------------------------------------- */

struct gen {
	const char *text;
	size_t len;
};

static ssize_t huge_cb(void *cls, uint64_t pos, char *buf, size_t max)
{
	size_t n;

	(void)cls;
	if (pos >= HUGE_BODY)
		return MHD_CONTENT_READER_END_OF_STREAM;
	n = HUGE_BODY - (size_t)pos < max ? HUGE_BODY - (size_t)pos : max;
	memset(buf, ' ', n);
	if (pos == 0 && n > 0)
		buf[0] = '[';
	return (ssize_t)n;
}

/* One byte per second: a slowloris answer. */
static ssize_t slow_cb(void *cls, uint64_t pos, char *buf, size_t max)
{
	const struct gen *g = cls;
	struct timespec ts = { 1, 0 };

	if (pos >= g->len || stop)
		return MHD_CONTENT_READER_END_WITH_ERROR;
	if (pos > 0)
		nanosleep(&ts, NULL);
	if (max < 1)
		return 0;
	buf[0] = g->text[pos];
	return 1;
}

static void free_gen(void *cls)
{
	free(cls);
}

/* ---- the request handler ----------------------------------------------------- */

static const char *auth_kind(struct MHD_Connection *conn)
{
	const char *h = MHD_lookup_connection_value(
		conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION);

	if (!h)
		return "none";
	if (token && strncasecmp(h, "Bearer ", 7) == 0 && strcmp(h + 7, token) == 0)
		return "token";
	return "other";
}

static void log_request(const struct listener *l, const char *method,
			const char *path, struct MHD_Connection *conn)
{
	if (!log_file)
		return;
	pthread_mutex_lock(&log_mu);
	fprintf(log_file, "%s %s auth=%s listener=%s\n", method, path,
		auth_kind(conn), l->name);
	fflush(log_file);
	pthread_mutex_unlock(&log_mu);
}

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
	(void)cls;
	(void)uri;
	(void)c;
	return calloc(1, sizeof(struct req));
}

static void on_done(void *cls, struct MHD_Connection *c, void **req_cls,
		    enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	(void)c;
	(void)toe;
	free(*req_cls);
	*req_cls = NULL;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *conn,
			      const char *url, const char *method,
			      const char *version, const char *upload,
			      size_t *upload_size, void **req_cls)
{
	struct listener *l = cls;
	struct req *rq = *req_cls;
	struct MHD_Response *resp;
	struct answer a;
	char location[256];
	enum MHD_Result ret;

	(void)version;
	(void)upload;
	if (!rq)
		return MHD_NO;
	if (!rq->started) {
		rq->started = true;
		return MHD_YES;
	}
	if (*upload_size != 0) {
		*upload_size = 0; /* the request body does not matter here */
		return MHD_YES;
	}
	log_request(l, method, url, conn);
	if (strcmp(l->name, "other") == 0) {
		/* another host: it must never be reached; answer plainly */
		resp = MHD_create_response_from_buffer(2, (void *)"[]",
						       MHD_RESPMEM_PERSISTENT);
		if (!resp)
			return MHD_NO;
		ret = MHD_queue_response(conn, 200, resp);
		MHD_destroy_response(resp);
		return ret;
	}
	choose(&a, method, url);
	if (a.status == 0)
		return MHD_NO; /* drop the connection unanswered */
	if (a.huge) {
		resp = MHD_create_response_from_callback(
			a.chunked ? MHD_SIZE_UNKNOWN : HUGE_BODY, 64 * 1024,
			huge_cb, NULL, NULL);
	} else if (a.slow) {
		struct gen *g = malloc(sizeof *g);

		if (!g)
			return MHD_NO;
		g->text = a.body;
		g->len = strlen(a.body);
		resp = MHD_create_response_from_callback(g->len, 1, slow_cb, g,
							 free_gen);
		if (!resp)
			free(g);
	} else if (a.owned) {
		resp = MHD_create_response_from_buffer(strlen(a.owned), a.owned,
						       MHD_RESPMEM_MUST_FREE);
		if (!resp)
			free(a.owned);
	} else {
		const char *b = a.body ? a.body : "";

		resp = MHD_create_response_from_buffer(strlen(b), (void *)b,
						       MHD_RESPMEM_PERSISTENT);
	}
	if (!resp)
		return MHD_NO;
	if (a.content_type)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE,
					a.content_type);
	if (a.retry_after)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_RETRY_AFTER,
					a.retry_after);
	if (a.location) {
		snprintf(location, sizeof location,
			 "%s://%s/smartlock?evil=\x1b]52;c;SGFja2Vk\x07",
			 mode == MODE_REDIRECT ? "http" : "https",
			 other_authority);
		MHD_add_response_header(resp, MHD_HTTP_HEADER_LOCATION,
					location);
	}
	if (a.evil_headers) {
		MHD_add_response_header(resp, "X-Evil",
					"\x1b]52;c;SGFja2Vk\x07\x9b" "6n");
		MHD_add_response_header(resp, "Link",
					"<https://evil.example/>; rel=\x1b]8;;x\x1b\\");
	}
	ret = MHD_queue_response(conn, a.status, resp);
	MHD_destroy_response(resp);
	return ret;
}

static bool start(struct listener *l, const char *host, unsigned port)
{
	struct sockaddr_in sa;
	const union MHD_DaemonInfo *info;

	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)port);
	if (inet_pton(AF_INET, host, &sa.sin_addr) != 1)
		return false;
	l->d = MHD_start_daemon(
		MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION |
			MHD_USE_POLL,
		(uint16_t)port, NULL, NULL, handle, l, MHD_OPTION_SOCK_ADDR, &sa,
		MHD_OPTION_URI_LOG_CALLBACK, on_uri, NULL,
		MHD_OPTION_NOTIFY_COMPLETED, on_done, NULL,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)120, MHD_OPTION_END);
	if (!l->d)
		return false;
	info = MHD_get_daemon_info(l->d, MHD_DAEMON_INFO_BIND_PORT);
	l->port = info ? info->port : port;
	snprintf(l->host, sizeof l->host, "%s", host);
	return true;
}

static void usage(FILE *out)
{
	fputs("Usage: hostile_server --mode MODE [--port N] [--log FILE] "
	      "[--token T]\n"
	      "Serve a hostile imitation of the Nuki Web API on 127.0.0.1.\n"
	      "Prints its URL, then the URL of a second listener (another host)\n"
	      "that redirects point to; logs \"METHOD PATH auth=token|other|none\n"
	      "listener=main|other\" per request. Modes:",
	      out);
	for (int i = 0; i < MODE_COUNT; i++)
		fprintf(out, " %s", mode_names[i]);
	fputc('\n', out);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "mode", required_argument, NULL, 'm' },
		{ "port", required_argument, NULL, 'p' },
		{ "log", required_argument, NULL, 'l' },
		{ "token", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct listener main_l = { .name = "main" };
	struct listener other_l = { .name = "other" };
	const char *mode_arg = NULL;
	unsigned port = 0;
	struct sigaction sa;
	sigset_t set, old;
	int c;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'm':
			mode_arg = optarg;
			break;
		case 'p':
			port = (unsigned)strtoul(optarg, NULL, 10);
			break;
		case 'l':
			log_file = fopen(optarg, "a");
			if (!log_file) {
				fprintf(stderr, "hostile_server: %s: %s\n", optarg,
					strerror(errno));
				return 2;
			}
			break;
		case 't':
			token = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (!mode_arg) {
		usage(stderr);
		return 2;
	}
	for (c = 0; c < MODE_COUNT; c++)
		if (strcmp(mode_arg, mode_names[c]) == 0)
			break;
	if (c == MODE_COUNT) {
		fprintf(stderr, "hostile_server: unknown mode '%s'\n", mode_arg);
		usage(stderr);
		return 2;
	}
	mode = (enum mode)c;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	/* the daemons' threads inherit a mask without SIGINT/SIGTERM, so the
	 * signal lands in the main thread's sigsuspend below */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, &old);

	if (!start(&other_l, "127.0.0.2", 0) && !start(&other_l, "127.0.0.1", 0)) {
		fputs("hostile_server: cannot listen (other)\n", stderr);
		return 1;
	}
	snprintf(other_authority, sizeof other_authority, "%s:%u", other_l.host,
		 other_l.port);
	if (!start(&main_l, "127.0.0.1", port)) {
		fputs("hostile_server: cannot listen\n", stderr);
		MHD_stop_daemon(other_l.d);
		return 1;
	}
	printf("http://127.0.0.1:%u\nhttp://%s\n", main_l.port, other_authority);
	fflush(stdout);
	while (!stop)
		sigsuspend(&old);
	MHD_stop_daemon(main_l.d);
	MHD_stop_daemon(other_l.d);
	if (log_file)
		fclose(log_file);
	return 0;
}
