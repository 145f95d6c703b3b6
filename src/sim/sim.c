/* SPDX-License-Identifier: MIT */
/*
 * sim: the HTTP side of the simulator on libmicrohttpd (a thread per
 * connection, keep-alive). Each request is checked for the injected faults
 * (latency, drops, rate limit, 503s) and the bearer token, then dispatched
 * by sim_api under the one state mutex. A timer thread moves devices
 * through their states even when nobody asks. With a certificate and key
 * the same daemon speaks TLS (MHD_USE_TLS, GnuTLS underneath); every
 * accepted connection is counted, which over TLS is one handshake each.
 */
#include "config.h"

#include "sim/sim.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>

#include <microhttpd.h>
#include <openssl/crypto.h>

#include "sim/sim_api.h"
#include "sim/sim_demo.h"
#include "sim/sim_state.h"
#include "sim/sim_util.h"

#define SIM_MAX_BODY (1024 * 1024)
#define SIM_MAX_DATA (64 * 1024 * 1024)
#define SIM_TICK_MS 10

struct sim {
	struct MHD_Daemon *daemon;
	sim_state *st;
	pthread_mutex_t mu; /* st, rng, rate window, counters */
	pthread_cond_t cv;
	pthread_t ticker;
	bool ticker_started;
	bool stopping;
	pthread_mutex_t log_mu; /* access log */
	FILE *access;
	char *token;
	unsigned latency_ms;
	unsigned latency_jitter_ms;
	double fail_rate;
	double drop_rate;
	unsigned rate_limit;
	uint64_t rng;
	int64_t rate_window;
	unsigned rate_count;
	atomic_ulong requests;
	atomic_ulong connections;
	char *tls_cert;  /* PEM text; NULL when serving plain HTTP */
	char *tls_key;   /* PEM text; wiped when freed */
	char mhd_msg[256]; /* libmicrohttpd's last error message (log_mu) */
	unsigned port;
	char url[96];
};

/* One request, from the URI log callback to the completion callback. */
typedef struct sim_req {
	char *uri; /* raw, with the query */
	int64_t start_ms;
	bool started;
	char *body;
	size_t len, cap;
	bool too_large;
} sim_req;

/* ---- helpers --------------------------------------------------------------
 */

static void sim_errf(char *err, size_t len, const char *fmt, const char *arg)
{
	if (err != NULL && len > 0)
		snprintf(err, len, fmt, arg);
}

static double sim_random01(sim *s)
{
	uint64_t x;

	pthread_mutex_lock(&s->mu);
	s->rng ^= s->rng << 13;
	s->rng ^= s->rng >> 7;
	s->rng ^= s->rng << 17;
	x = s->rng;
	pthread_mutex_unlock(&s->mu);
	return (double)(x >> 11) / 9007199254740992.0;
}

static void sim_sleep_ms(unsigned ms)
{
	struct timespec ts = {.tv_sec = ms / 1000,
			      .tv_nsec = (long)(ms % 1000) * 1000000L};

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

static void sim_access_line(sim *s, const char *method, const sim_req *rq,
			    unsigned status)
{
	char uri[1024];
	size_t i;

	if (s->access == NULL)
		return;
	for (i = 0; rq->uri != NULL && rq->uri[i] && i + 1 < sizeof uri; i++) {
		unsigned char ch = (unsigned char)rq->uri[i];

		uri[i] = (ch <= 0x20 || ch >= 0x7f) ? '?' : (char)ch;
	}
	uri[i] = '\0';
	pthread_mutex_lock(&s->log_mu);
	fprintf(s->access, "%s %s %u %lld\n", method, uri, status,
		(long long)(sim_mono_ms() - rq->start_ms));
	fflush(s->access);
	pthread_mutex_unlock(&s->log_mu);
}

/* MHD_OPTION_EXTERNAL_LOGGER: keep the last message, for a failed
 * start (GnuTLS refusing a key, an address in use). */
static void sim_mhd_log(void *cls, const char *fmt, va_list ap)
{
	sim *s = cls;
	size_t n;

	pthread_mutex_lock(&s->log_mu);
	vsnprintf(s->mhd_msg, sizeof s->mhd_msg, fmt, ap);
	n = strlen(s->mhd_msg);
	while (n > 0 && (s->mhd_msg[n - 1] == '\n' || s->mhd_msg[n - 1] == '.'))
		s->mhd_msg[--n] = '\0';
	pthread_mutex_unlock(&s->log_mu);
}

/* MHD_OPTION_NOTIFY_CONNECTION: count accepted connections. */
static void sim_conn_cb(void *cls, struct MHD_Connection *c, void **socket_ctx,
			enum MHD_ConnectionNotificationCode code)
{
	sim *s = cls;

	(void)c;
	(void)socket_ctx;
	if (code == MHD_CONNECTION_NOTIFY_STARTED)
		atomic_fetch_add(&s->connections, 1);
}

static bool sim_authorized(const sim *s, struct MHD_Connection *conn)
{
	const char *h = MHD_lookup_connection_value(
		conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION);
	size_t n;

	if (h == NULL || strncasecmp(h, "Bearer ", 7) != 0)
		return false;
	h += 7;
	while (*h == ' ')
		h++;
	n = strlen(h);
	while (n > 0 && h[n - 1] == ' ')
		n--;
	if (n == 0)
		return false;
	if (s->token == NULL)
		return true;
	return n == strlen(s->token) && CRYPTO_memcmp(h, s->token, n) == 0;
}

/* ---- MHD callbacks --------------------------------------------------------
 */

static void *sim_uri_cb(void *cls, const char *uri, struct MHD_Connection *c)
{
	sim_req *rq = calloc(1, sizeof *rq);

	if (rq == NULL)
		return NULL;
	rq->uri = strdup(uri != NULL ? uri : "");
	rq->start_ms = sim_mono_ms();
	return rq;
}

static void sim_done_cb(void *cls, struct MHD_Connection *c, void **req_cls,
			enum MHD_RequestTerminationCode toe)
{
	sim_req *rq = *req_cls;

	if (rq == NULL)
		return;
	free(rq->uri);
	free(rq->body);
	free(rq);
	*req_cls = NULL;
}

static bool sim_req_append(sim_req *rq, const char *data, size_t n)
{
	if (rq->too_large || rq->len + n > SIM_MAX_BODY) {
		rq->too_large = true;
		return true;
	}
	if (rq->len + n + 1 > rq->cap) {
		size_t cap = rq->cap ? rq->cap : 1024;
		char *nb;

		while (cap < rq->len + n + 1)
			cap *= 2;
		nb = realloc(rq->body, cap);
		if (nb == NULL)
			return false;
		rq->body = nb;
		rq->cap = cap;
	}
	memcpy(rq->body + rq->len, data, n);
	rq->len += n;
	rq->body[rq->len] = '\0';
	return true;
}

static enum MHD_Result sim_send(sim *s, struct MHD_Connection *conn,
				const char *method, const sim_req *rq,
				sim_reply *r, bool retry_after)
{
	struct MHD_Response *resp;
	enum MHD_Result ret;

	if (r->body != NULL) {
		resp = MHD_create_response_from_buffer(strlen(r->body), r->body,
						       MHD_RESPMEM_MUST_FREE);
		if (resp != NULL)
			r->body = NULL;
	} else {
		resp = MHD_create_response_from_buffer(0, (void *)"",
						       MHD_RESPMEM_PERSISTENT);
	}
	if (resp == NULL)
		return MHD_NO;
	if (r->status != 204)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE,
					"application/json");
	if (r->allow[0] != '\0')
		MHD_add_response_header(resp, MHD_HTTP_HEADER_ALLOW, r->allow);
	if (retry_after)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_RETRY_AFTER, "1");
	sim_access_line(s, method, rq, r->status);
	ret = MHD_queue_response(conn, r->status, resp);
	MHD_destroy_response(resp);
	return ret;
}

static enum MHD_Result sim_handle(void *cls, struct MHD_Connection *conn,
				  const char *url, const char *method,
				  const char *version, const char *upload,
				  size_t *upload_size, void **req_cls)
{
	sim *s = cls;
	sim_req *rq = *req_cls;
	sim_reply r = {0};
	bool drop, limited = false, fail;
	enum MHD_Result ret;

	if (rq == NULL)
		return MHD_NO;
	if (!rq->started) {
		rq->started = true;
		return MHD_YES;
	}
	if (*upload_size != 0) {
		if (!sim_req_append(rq, upload, *upload_size))
			return MHD_NO;
		*upload_size = 0;
		return MHD_YES;
	}

	if (s->latency_ms > 0 || s->latency_jitter_ms > 0)
		sim_sleep_ms(s->latency_ms +
			     (unsigned)(sim_random01(s) * (s->latency_jitter_ms + 1)));
	drop = s->drop_rate > 0 && sim_random01(s) < s->drop_rate;
	if (drop) {
		sim_access_line(s, method, rq, 0);
		return MHD_NO;
	}
	fail = s->fail_rate > 0 && sim_random01(s) < s->fail_rate;

	atomic_fetch_add(&s->requests, 1);
	pthread_mutex_lock(&s->mu);
	if (s->rate_limit > 0) {
		int64_t window = sim_mono_ms() / 1000;

		if (window != s->rate_window) {
			s->rate_window = window;
			s->rate_count = 0;
		}
		limited = ++s->rate_count > s->rate_limit;
	}
	pthread_mutex_unlock(&s->mu);

	if (limited) {
		sim_reply_error(&r, 429,
				"Too many requests: at most %u per second",
				s->rate_limit);
	} else if (fail) {
		sim_reply_error(&r, 503,
				"Service temporarily unavailable, try again "
				"later");
	} else if (!sim_authorized(s, conn)) {
		sim_reply_error(&r, 401, "Your access token is not authorized");
	} else if (rq->too_large) {
		sim_reply_error(&r, 413,
				"The request body is larger than %d "
				"bytes",
				SIM_MAX_BODY);
	} else {
		sim_call c = {
			.method = method,
			.path = url,
			.conn = conn,
			.body = rq->body,
			.body_len = rq->len,
		};

		pthread_mutex_lock(&s->mu);
		c.now_ms = sim_mono_ms();
		sim_state_tick(s->st, c.now_ms);
		sim_api_dispatch(s->st, &c, &r);
		pthread_mutex_unlock(&s->mu);
	}
	if (r.status == 0 || (r.status != 204 && r.body == NULL))
		sim_reply_error(&r, 500, "Internal error");
	ret = sim_send(s, conn, method, rq, &r, limited);
	free(r.body);
	return ret;
}

/* ---- timer ----------------------------------------------------------------
 */

static void *sim_ticker(void *arg)
{
	sim *s = arg;

	pthread_mutex_lock(&s->mu);
	while (!s->stopping) {
		struct timespec ts;

		sim_state_tick(s->st, sim_mono_ms());
		clock_gettime(CLOCK_MONOTONIC, &ts);
		ts.tv_nsec += SIM_TICK_MS * 1000000L;
		if (ts.tv_nsec >= 1000000000L) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000L;
		}
		(void)pthread_cond_timedwait(&s->cv, &s->mu, &ts);
	}
	pthread_mutex_unlock(&s->mu);
	return NULL;
}

/* ---- start and stop -------------------------------------------------------
 */

static char *sim_read_file(const char *path, size_t *len, char *err,
			   size_t errlen)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0;

	if (f == NULL) {
		sim_errf(err, errlen, "cannot open %s", path);
		return NULL;
	}
	for (;;) {
		size_t got;

		if (n + 4096 + 1 > cap) {
			char *nb;

			cap = cap ? cap * 2 : 65536;
			if (cap > SIM_MAX_DATA ||
			    (nb = realloc(buf, cap)) == NULL) {
				sim_errf(err, errlen,
					 "%s is too large or out of memory",
					 path);
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = nb;
		}
		got = fread(buf + n, 1, cap - n - 1, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		sim_errf(err, errlen, "cannot read %s", path);
		free(buf);
		fclose(f);
		return NULL;
	}
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

static bool sim_init_sync(sim *s)
{
	pthread_condattr_t ca;

	if (pthread_mutex_init(&s->mu, NULL) != 0)
		return false;
	if (pthread_mutex_init(&s->log_mu, NULL) != 0) {
		pthread_mutex_destroy(&s->mu);
		return false;
	}
	if (pthread_condattr_init(&ca) != 0)
		goto fail;
	if (pthread_condattr_setclock(&ca, CLOCK_MONOTONIC) != 0 ||
	    pthread_cond_init(&s->cv, &ca) != 0) {
		pthread_condattr_destroy(&ca);
		goto fail;
	}
	pthread_condattr_destroy(&ca);
	return true;
fail:
	pthread_mutex_destroy(&s->log_mu);
	pthread_mutex_destroy(&s->mu);
	return false;
}

static bool sim_listen(sim *s, const sim_options *opt, char *err, size_t errlen)
{
	const char *host = opt->host != NULL ? opt->host : "127.0.0.1";
	struct sockaddr_in a4;
	struct sockaddr_in6 a6;
	const struct sockaddr *sa;
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD |
			 MHD_USE_THREAD_PER_CONNECTION | MHD_USE_POLL |
			 MHD_USE_ERROR_LOG;
	const union MHD_DaemonInfo *info;
	struct MHD_OptionItem tls[4];
	size_t nt = 0;
	bool v6 = false;

	if (strcmp(host, "localhost") == 0)
		host = "127.0.0.1";
	if (opt->port > 65535) {
		sim_errf(err, errlen, "%s", "the port must be 0..65535");
		return false;
	}
	memset(&a4, 0, sizeof a4);
	memset(&a6, 0, sizeof a6);
	if (inet_pton(AF_INET, host, &a4.sin_addr) == 1) {
		a4.sin_family = AF_INET;
		a4.sin_port = htons((uint16_t)opt->port);
		sa = (const struct sockaddr *)&a4;
	} else if (inet_pton(AF_INET6, host, &a6.sin6_addr) == 1) {
		a6.sin6_family = AF_INET6;
		a6.sin6_port = htons((uint16_t)opt->port);
		sa = (const struct sockaddr *)&a6;
		flags |= MHD_USE_IPv6;
		v6 = true;
	} else {
		sim_errf(err, errlen,
			 "host '%.64s' is not an IPv4 or IPv6 address", host);
		return false;
	}
	if (s->tls_cert != NULL) {
		flags |= MHD_USE_TLS;
		tls[nt++] = (struct MHD_OptionItem){MHD_OPTION_HTTPS_MEM_CERT, 0,
						    s->tls_cert};
		tls[nt++] = (struct MHD_OptionItem){MHD_OPTION_HTTPS_MEM_KEY, 0,
						    s->tls_key};
		if (opt->tls_priorities != NULL)
			tls[nt++] = (struct MHD_OptionItem){
				MHD_OPTION_HTTPS_PRIORITIES, 0,
				(void *)opt->tls_priorities};
	}
	tls[nt] = (struct MHD_OptionItem){MHD_OPTION_END, 0, NULL};
	s->daemon = MHD_start_daemon(
		flags, (uint16_t)opt->port, NULL, NULL, sim_handle, s,
		MHD_OPTION_EXTERNAL_LOGGER, sim_mhd_log, s,
		MHD_OPTION_SOCK_ADDR, sa, MHD_OPTION_URI_LOG_CALLBACK,
		sim_uri_cb, s, MHD_OPTION_NOTIFY_COMPLETED, sim_done_cb, s,
		MHD_OPTION_NOTIFY_CONNECTION, sim_conn_cb, s,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)60, MHD_OPTION_ARRAY,
		tls, MHD_OPTION_END);
	if (s->daemon == NULL) {
		pthread_mutex_lock(&s->log_mu);
		if (s->mhd_msg[0] != '\0' && err != NULL && errlen > 0)
			snprintf(err, errlen, "cannot serve on %.64s: %s", host,
				 s->mhd_msg);
		else
			sim_errf(err, errlen,
				 "cannot listen on %.64s (address in use or "
				 "not allowed?)",
				 host);
		pthread_mutex_unlock(&s->log_mu);
		return false;
	}
	info = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
	s->port = info != NULL ? info->port : opt->port;
	snprintf(s->url, sizeof s->url, v6 ? "%s://[%s]:%u" : "%s://%s:%u",
		 s->tls_cert != NULL ? "https" : "http", host, s->port);
	return true;
}

int sim_tls_supported(void)
{
	return MHD_is_feature_supported(MHD_FEATURE_TLS) == MHD_YES;
}

/* Read the certificate and key for HTTPS into s (both or neither). */
static bool sim_load_tls(sim *s, const sim_options *opt, char *err,
			 size_t errlen)
{
	size_t len;

	if (opt->tls_cert == NULL && opt->tls_key == NULL)
		return true;
	if (opt->tls_cert == NULL || opt->tls_key == NULL) {
		sim_errf(err, errlen, "%s",
			 "HTTPS needs both a certificate and its key");
		return false;
	}
	if (!sim_tls_supported()) {
		sim_errf(err, errlen, "%s",
			 "this libmicrohttpd was built without TLS support");
		return false;
	}
	s->tls_cert = sim_read_file(opt->tls_cert, &len, err, errlen);
	if (s->tls_cert == NULL)
		return false;
	s->tls_key = sim_read_file(opt->tls_key, &len, err, errlen);
	return s->tls_key != NULL;
}

sim *sim_start(const sim_options *opt, char *errbuf, size_t errlen)
{
	static const sim_options defaults = {.logs = -1};
	sim *s;
	char *data = NULL;
	size_t len = 0;

	if (opt == NULL)
		opt = &defaults;
	if (!(opt->fail_rate >= 0 && opt->fail_rate <= 1) ||
	    !(opt->drop_rate >= 0 && opt->drop_rate <= 1)) {
		sim_errf(errbuf, errlen, "%s",
			 "fail_rate and drop_rate must be between 0 and 1");
		return NULL;
	}
	if (opt->token != NULL && opt->token[0] == '\0') {
		sim_errf(errbuf, errlen, "%s", "the token must not be empty");
		return NULL;
	}
	s = calloc(1, sizeof *s);
	if (s == NULL) {
		sim_errf(errbuf, errlen, "%s", "out of memory");
		return NULL;
	}
	if (!sim_init_sync(s)) {
		free(s);
		sim_errf(errbuf, errlen, "%s", "cannot create a mutex");
		return NULL;
	}
	s->latency_ms = opt->latency_ms;
	s->latency_jitter_ms = opt->latency_jitter_ms;
	s->fail_rate = opt->fail_rate;
	s->drop_rate = opt->drop_rate;
	s->rate_limit = opt->rate_limit;
	s->rng = sim_mix64(opt->seed ^ 0x66617573ULL) | 1;
	if (opt->token != NULL && (s->token = strdup(opt->token)) == NULL) {
		sim_errf(errbuf, errlen, "%s", "out of memory");
		goto fail;
	}
	if (opt->data_file != NULL) {
		data = sim_read_file(opt->data_file, &len, errbuf, errlen);
		if (data == NULL)
			goto fail;
	}
	s->st = sim_state_new(data != NULL ? data : (const char *)sim_demo_json,
			      data != NULL ? len : sim_demo_json_len, opt->logs,
			      opt->activity, opt->seed, opt->step_ms, errbuf,
			      errlen);
	free(data);
	if (s->st == NULL)
		goto fail;
	if (opt->access_log != NULL &&
	    (s->access = fopen(opt->access_log, "a")) == NULL) {
		sim_errf(errbuf, errlen, "cannot open access log %s",
			 opt->access_log);
		goto fail;
	}
	if (!sim_load_tls(s, opt, errbuf, errlen))
		goto fail;
	if (pthread_create(&s->ticker, NULL, sim_ticker, s) != 0) {
		sim_errf(errbuf, errlen, "%s", "cannot start the timer thread");
		goto fail;
	}
	s->ticker_started = true;
	if (!sim_listen(s, opt, errbuf, errlen))
		goto fail;
	return s;
fail:
	sim_stop(s);
	return NULL;
}

const char *sim_url(const sim *s)
{
	return s->url;
}

unsigned sim_port(const sim *s)
{
	return s->port;
}

unsigned long sim_request_count(const sim *s)
{
	return atomic_load(&s->requests);
}

unsigned long sim_connection_count(const sim *s)
{
	return atomic_load(&s->connections);
}

void sim_stop(sim *s)
{
	if (s == NULL)
		return;
	if (s->daemon != NULL)
		MHD_stop_daemon(s->daemon);
	if (s->ticker_started) {
		pthread_mutex_lock(&s->mu);
		s->stopping = true;
		pthread_cond_signal(&s->cv);
		pthread_mutex_unlock(&s->mu);
		pthread_join(s->ticker, NULL);
	}
	if (s->access != NULL)
		fclose(s->access);
	sim_state_free(s->st);
	free(s->token);
	free(s->tls_cert);
	if (s->tls_key != NULL) {
		OPENSSL_cleanse(s->tls_key, strlen(s->tls_key));
		free(s->tls_key);
	}
	pthread_cond_destroy(&s->cv);
	pthread_mutex_destroy(&s->log_mu);
	pthread_mutex_destroy(&s->mu);
	free(s);
}
