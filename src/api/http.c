/* SPDX-License-Identifier: MIT */
/*
 * http: libcurl transport. Each attempt is an api_transfer around an easy
 * handle configured the same strict way (https only, or http to loopback;
 * verification on, TLS 1.2 or newer; no redirects; timeouts; body cap).
 * All transfers of one api_http share a connection cache, DNS cache and
 * TLS sessions through a CURLSH, so the blocking and the multi paths both
 * keep connections alive. Proxies come from the environment by libcurl's
 * own rules (https_proxy, no_proxy, ...), except that plain http to
 * loopback never goes through one.
 */
#include "config.h"

#include "api/http.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "api/decode.h"

#define AUTH_PREFIX "Authorization: Bearer "

struct api_http {
	char *base;            /* without trailing '/' */
	char *auth_header;     /* "Authorization: Bearer TOKEN"; wiped on free */
	char *user_agent;
	char *ca_file;
	bool loopback_http;    /* base is http:// to a loopback host */
	long connect_timeout_ms;
	long timeout_ms;
	long low_speed_time_s;
	size_t max_body;
	int max_retries;
	uint32_t rng;
	void (*on_retry)(void *arg, api_call call, int attempt, int attempts_max,
			 long delay_ms, const api_error *why);
	void *on_retry_arg;
	CURLSH *share;
	api_http_stats stats;
};

struct api_transfer {
	api_http *h;
	CURL *easy;
	api_method method;
	api_call call;
	struct curl_slist *headers;
	char *body;            /* request body copy */
	char *buf;             /* response body */
	size_t len, cap;
	bool too_large;
	char content_type[128];
	char location[256];
	long retry_after_ms;
	long status;
	api_status last_kind;
	char errbuf[CURL_ERROR_SIZE];
};

/* ---- pure policy ------------------------------------------------------- */

static bool parse_octet(const char **p, unsigned *out)
{
	unsigned v = 0;
	int n = 0;

	while (isdigit((unsigned char)**p) && n < 4) {
		v = v * 10 + (unsigned)(**p - '0');
		(*p)++;
		n++;
	}
	*out = v;
	return n > 0 && n <= 3 && v <= 255;
}

bool api_host_is_loopback(const char *host)
{
	const char *p = host;
	unsigned o;

	if (!host)
		return false;
	if (strcasecmp(host, "localhost") == 0 || strcmp(host, "[::1]") == 0 ||
	    strcmp(host, "::1") == 0)
		return true;
	for (int i = 0; i < 4; i++) {
		if (!parse_octet(&p, &o))
			return false;
		if (i == 0 && o != 127)
			return false;
		if (i < 3 && *p++ != '.')
			return false;
	}
	return *p == '\0';
}

api_status api_url_check(const char *url, api_error *err)
{
	const char *p, *host_start, *host_end;
	char host[256];
	bool https;
	size_t hl;

	if (!url || !*url)
		return api_error_set(err, API_ERR_INVALID, 0,
				     "the base URL is empty");
	for (p = url; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c <= 0x20 || c >= 0x7f)
			return api_error_set(err, API_ERR_INVALID, 0,
					     "the base URL contains a space, control or non-ASCII character");
		if (c == '?' || c == '#')
			return api_error_set(err, API_ERR_INVALID, 0,
					     "the base URL must not have a query or fragment");
	}
	if (strncasecmp(url, "https://", 8) == 0) {
		https = true;
		host_start = url + 8;
	} else if (strncasecmp(url, "http://", 7) == 0) {
		https = false;
		host_start = url + 7;
	} else if (!strstr(url, "://")) {
		return api_error_set(err, API_ERR_INVALID, 0,
				     "the base URL needs a scheme: https://HOST, or http:// for a loopback host (localhost, 127.0.0.1, [::1])");
	} else {
		return api_error_set(err, API_ERR_INVALID, 0,
				     "the base URL must start with https:// (or http:// for a loopback host)");
	}
	host_end = host_start + strcspn(host_start, "/");
	if (memchr(host_start, '@', (size_t)(host_end - host_start)))
		return api_error_set(err, API_ERR_INVALID, 0,
				     "the base URL must not carry user information (user@host)");
	if (*host_start == '[') {
		const char *close = memchr(host_start, ']', (size_t)(host_end - host_start));
		if (!close)
			return api_error_set(err, API_ERR_INVALID, 0,
					     "the base URL has an unterminated [IPv6] host");
		hl = (size_t)(close - host_start) + 1;
		p = close + 1;
	} else {
		hl = strcspn(host_start, ":/");
		p = host_start + hl;
	}
	if (hl == 0 || hl >= sizeof host)
		return api_error_set(err, API_ERR_INVALID, 0,
				     "the base URL has no host");
	memcpy(host, host_start, hl);
	host[hl] = '\0';
	if (*p == ':') {
		long port = 0;
		int digits = 0;
		for (p++; p < host_end; p++, digits++) {
			if (!isdigit((unsigned char)*p) || digits >= 5)
				return api_error_set(err, API_ERR_INVALID, 0,
						     "the base URL has an invalid port");
			port = port * 10 + (*p - '0');
		}
		if (digits == 0 || port < 1 || port > 65535)
			return api_error_set(err, API_ERR_INVALID, 0,
					     "the base URL has an invalid port");
	} else if (p != host_end) {
		return api_error_set(err, API_ERR_INVALID, 0,
				     "the base URL has an invalid host");
	}
	if (!https && !api_host_is_loopback(host))
		return api_error_set(err, API_ERR_INVALID, 0,
				     "plain http:// is allowed only for a loopback host (localhost, 127.0.0.1, [::1]); use https://");
	return API_OK;
}

long api_backoff_ms(int attempt, uint32_t rnd)
{
	long base = 500;

	if (attempt < 1)
		attempt = 1;
	for (int i = 1; i < attempt && base < 8000; i++)
		base *= 2;
	if (base > 8000)
		base = 8000;
	return base + (long)(rnd % (uint32_t)(base / 2 + 1));
}

long api_retry_after_ms(const char *value, time_t now)
{
	long ms;

	if (!value)
		return -1;
	while (*value == ' ' || *value == '\t')
		value++;
	if (!*value)
		return -1;
	if (isdigit((unsigned char)*value)) {
		char *end;
		unsigned long long s;

		errno = 0;
		s = strtoull(value, &end, 10);
		while (*end == ' ' || *end == '\t' || *end == '\r' || *end == '\n')
			end++;
		if (*end != '\0')
			return -1;
		if (errno == ERANGE || s > (unsigned long long)API_RETRY_AFTER_MAX_MS / 1000)
			return API_RETRY_AFTER_MAX_MS;
		return (long)s * 1000;
	}
	{
		time_t t = curl_getdate(value, NULL);
		double d;

		if (t == (time_t)-1)
			return -1;
		d = difftime(t, now) * 1000.0;
		if (d <= 0)
			return 0;
		if (d >= (double)API_RETRY_AFTER_MAX_MS)
			return API_RETRY_AFTER_MAX_MS;
		ms = (long)d;
	}
	return ms;
}

bool api_should_retry(api_method m, api_status kind, long status, int attempt,
		      int max_retries)
{
	if (!api_method_is_idempotent(m))
		return false;
	if (attempt >= max_retries + 1)
		return false;
	if (kind == API_ERR_NETWORK || kind == API_ERR_TIMEOUT)
		return true;
	if (kind == API_ERR_HTTP)
		return status == 429 || status == 502 || status == 503 || status == 504;
	return false;
}

/* Why a TLS handshake failed, from libcurl's error text: the phrases of
 * its OpenSSL and GnuTLS back ends, first match wins. */
static const struct tls_reason {
	const char *phrase[4];
	const char *reason;
	const char *advice;
} tls_reasons[] = {
#define TLS_ADVICE_CA "if your network uses its own CA, name its certificate with ca-file = PATH in the config file or NUKI_CA_FILE"
	{ { "in certificate chain" },
	  "the server's certificate chain ends in a CA that is not trusted",
	  TLS_ADVICE_CA },
	{ { "self-signed certificate", "self signed certificate" },
	  "the server's certificate is self-signed", TLS_ADVICE_CA },
	{ { "unable to get local issuer", "unable to get issuer",
	    "unable to verify the first", "issuer is unknown" },
	  "the server's certificate is not signed by a trusted CA",
	  TLS_ADVICE_CA },
	{ { "has expired", "expiration date has passed" },
	  "the server's certificate has expired",
	  "check this computer's clock; otherwise the server must renew it" },
	{ { "not yet valid", "not activated yet" },
	  "the server's certificate is not valid yet",
	  "check this computer's clock" },
	{ { "subject name", "does not match target host" },
	  "the server's certificate is for another host name",
	  "check --base-url: its host must be one the certificate names" },
	/* a plain HTTP server answers the ClientHello with "HTTP/1.1 400",
	 * or closes the connection before it is read */
	{ { "wrong version number", "packet length too long",
	    "unexpected TLS packet", "SSL_ERROR_SYSCALL" },
	  "the server did not answer in TLS",
	  "is it a plain HTTP server? use http:// for a loopback simulator, or check the port in --base-url" },
	{ { "unsupported protocol", "protocol version", "no protocols available",
	    "version too low" },
	  "the server offers only TLS versions older than 1.2",
	  "nukitui requires TLS 1.2 or newer" },
#undef TLS_ADVICE_CA
};

static api_status tls_error(CURLcode rc, const char *detail, api_error *err)
{
	const char *what = detail && *detail ? detail : curl_easy_strerror(rc);

	if (rc == CURLE_SSL_CACERT_BADFILE)
		return api_error_set(err, API_ERR_TLS, 0,
				     "TLS failed: the CA file cannot be used (%s); check ca-file or NUKI_CA_FILE",
				     what);
	for (size_t i = 0; detail && i < sizeof tls_reasons / sizeof tls_reasons[0]; i++)
		for (size_t j = 0; j < 4 && tls_reasons[i].phrase[j]; j++)
			if (strcasestr(detail, tls_reasons[i].phrase[j]))
				return api_error_set(err, API_ERR_TLS, 0,
						     "TLS failed: %s; %s",
						     tls_reasons[i].reason,
						     tls_reasons[i].advice);
	return api_error_set(err, API_ERR_TLS, 0,
			     "TLS failed (%s); nukitui never turns verification off; check the system CA certificates (or ca-file) and the clock",
			     what);
}

api_status api_curl_error(CURLcode rc, api_error *err)
{
	return api_curl_error_detail(rc, NULL, err);
}

api_status api_curl_error_detail(CURLcode rc, const char *detail,
				 api_error *err)
{
	const char *what = curl_easy_strerror(rc);

	switch (rc) {
	case CURLE_OK:
		api_error_clear(err);
		return API_OK;
	case CURLE_OPERATION_TIMEDOUT:
		return api_error_set(err, API_ERR_TIMEOUT, 0,
				     "the request timed out; check the network or try again");
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
		return api_error_set(err, API_ERR_NETWORK, 0,
				     "could not resolve the API host; check the network and --base-url");
	case CURLE_COULDNT_CONNECT:
		return api_error_set(err, API_ERR_NETWORK, 0,
				     "could not connect to the API; check the network and --base-url");
	case CURLE_GOT_NOTHING:
	case CURLE_SEND_ERROR:
	case CURLE_RECV_ERROR:
	case CURLE_PARTIAL_FILE:
		return api_error_set(err, API_ERR_NETWORK, 0,
				     "the connection closed before a complete answer (%s)", what);
	case CURLE_FILESIZE_EXCEEDED:
		return api_error_set(err, API_ERR_TOO_LARGE, 0,
				     "the answer is larger than nukitui accepts");
	case CURLE_OUT_OF_MEMORY:
		return api_error_set(err, API_ERR_NOMEM, 0, "out of memory");
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CIPHER:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_ISSUER_ERROR:
	case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
	case CURLE_SSL_INVALIDCERTSTATUS:
		return tls_error(rc, detail, err);
	case CURLE_UNSUPPORTED_PROTOCOL:
		return api_error_set(err, API_ERR_NETWORK, 0,
				     "protocol not allowed (only https, or http to loopback)");
	default:
		return api_error_set(err, API_ERR_NETWORK, 0, "network error: %s", what);
	}
}

/* ---- the transport ------------------------------------------------------ */

static char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = malloc(n);

	if (d)
		memcpy(d, s, n);
	return d;
}

static void wipe_free(char *s)
{
	if (!s)
		return;
	volatile char *v = s;
	while (*v)
		*v++ = '\0';
	free(s);
}

api_status api_http_new(api_http **out, const api_http_config *cfg,
			api_error *err)
{
	const char *base = cfg->base_url ? cfg->base_url : API_DEFAULT_BASE_URL;
	api_http *h;
	size_t blen, alen;
	api_status st;

	*out = NULL;
	st = api_url_check(base, err);
	if (st != API_OK)
		return st;
	if (!cfg->token || !*cfg->token)
		return api_error_set(err, API_ERR_INVALID, 0,
				     "no API token; set NUKI_API_TOKEN or token in the config file");
	for (const char *p = cfg->token; *p; p++)
		if ((unsigned char)*p <= 0x20 || (unsigned char)*p == 0x7f)
			return api_error_set(err, API_ERR_INVALID, 0,
					     "the API token contains a space or control character");
	h = calloc(1, sizeof *h);
	if (!h)
		return api_error_set(err, API_ERR_NOMEM, 0, "out of memory");
	blen = strlen(base);
	while (blen > 0 && base[blen - 1] == '/')
		blen--;
	h->base = malloc(blen + 1);
	alen = strlen(AUTH_PREFIX) + strlen(cfg->token) + 1;
	/* zeroed: on the out-of-memory path below api_http_free wipes it
	 * up to its first NUL before anything was written into it */
	h->auth_header = calloc(1, alen);
	h->user_agent = xstrdup(cfg->user_agent ? cfg->user_agent
						: PACKAGE_NAME "/" PACKAGE_VERSION);
	h->ca_file = cfg->ca_file ? xstrdup(cfg->ca_file) : NULL;
	h->share = curl_share_init();
	if (!h->base || !h->auth_header || !h->user_agent || !h->share ||
	    (cfg->ca_file && !h->ca_file)) {
		api_http_free(h);
		return api_error_set(err, API_ERR_NOMEM, 0, "out of memory");
	}
	memcpy(h->base, base, blen);
	h->base[blen] = '\0';
	snprintf(h->auth_header, alen, "%s%s", AUTH_PREFIX, cfg->token);
	h->loopback_http = strncasecmp(h->base, "http://", 7) == 0;
	h->connect_timeout_ms = cfg->connect_timeout_ms > 0 ? cfg->connect_timeout_ms : 10000;
	h->timeout_ms = cfg->timeout_ms > 0 ? cfg->timeout_ms : 30000;
	h->low_speed_time_s = cfg->low_speed_time_s > 0 ? cfg->low_speed_time_s : 15;
	h->max_body = cfg->max_body > 0 ? cfg->max_body : API_BODY_MAX_DEFAULT;
	h->max_retries = cfg->max_retries >= 0 ? cfg->max_retries : API_RETRIES_DEFAULT;
	h->on_retry = cfg->on_retry;
	h->on_retry_arg = cfg->on_retry_arg;
	h->rng = (uint32_t)time(NULL) ^ ((uint32_t)getpid() << 16) ^ 0x9e3779b9u;
	curl_share_setopt(h->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_CONNECT);
	curl_share_setopt(h->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
	curl_share_setopt(h->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
	*out = h;
	api_error_clear(err);
	return API_OK;
}

void api_http_free(api_http *h)
{
	if (!h)
		return;
	if (h->share)
		curl_share_cleanup(h->share);
	free(h->base);
	wipe_free(h->auth_header);
	free(h->user_agent);
	free(h->ca_file);
	free(h);
}

const char *api_http_base_url(const api_http *h)
{
	return h->base;
}

api_http_stats api_http_get_stats(const api_http *h)
{
	return h->stats;
}

void api_response_free(api_response *r)
{
	if (!r)
		return;
	free(r->body);
	memset(r, 0, sizeof *r);
	r->retry_after_ms = -1;
}

static size_t on_body(char *data, size_t size, size_t nmemb, void *userp)
{
	api_transfer *t = userp;
	size_t n = size * nmemb;

	if (n > t->h->max_body - t->len) {
		t->too_large = true;
		return 0;
	}
	if (t->len + n + 1 > t->cap) {
		size_t cap = t->cap ? t->cap : 16384;
		char *nb;
		while (cap < t->len + n + 1)
			cap *= 2;
		nb = realloc(t->buf, cap);
		if (!nb)
			return 0;
		t->buf = nb;
		t->cap = cap;
	}
	memcpy(t->buf + t->len, data, n);
	t->len += n;
	t->buf[t->len] = '\0';
	return n;
}

/* Copy a header's value (after "Name:") without surrounding blanks. */
static void header_value(char *dst, size_t cap, const char *v, size_t n)
{
	while (n > 0 && (*v == ' ' || *v == '\t')) {
		v++;
		n--;
	}
	while (n > 0 && (v[n - 1] == '\r' || v[n - 1] == '\n' || v[n - 1] == ' '))
		n--;
	if (n >= cap)
		n = cap - 1;
	memcpy(dst, v, n);
	dst[n] = '\0';
}

static size_t on_header(char *data, size_t size, size_t nmemb, void *userp)
{
	api_transfer *t = userp;
	size_t n = size * nmemb;

	if (n >= 5 && strncmp(data, "HTTP/", 5) == 0) {
		/* a new response (after 100 Continue): forget earlier headers */
		t->content_type[0] = '\0';
		t->location[0] = '\0';
		t->retry_after_ms = -1;
	} else if (n > 13 && strncasecmp(data, "Content-Type:", 13) == 0) {
		header_value(t->content_type, sizeof t->content_type, data + 13, n - 13);
	} else if (n > 9 && strncasecmp(data, "Location:", 9) == 0) {
		header_value(t->location, sizeof t->location, data + 9, n - 9);
	} else if (n > 12 && strncasecmp(data, "Retry-After:", 12) == 0) {
		char v[64];
		header_value(v, sizeof v, data + 12, n - 12);
		t->retry_after_ms = api_retry_after_ms(v, time(NULL));
	}
	return n;
}

static const char *protocols_for(const api_http *h)
{
	return h->loopback_http ? "http,https" : "https";
}

static api_status setup_easy(api_transfer *t, const api_request *req,
			     api_error *err)
{
	api_http *h = t->h;
	CURL *e = t->easy;
	char url[1024];
	int n;

	n = snprintf(url, sizeof url, "%s%s%s%s", h->base, req->path,
		     req->query[0] ? "?" : "", req->query);
	if (n < 0 || (size_t)n >= sizeof url)
		return api_error_set(err, API_ERR_INVALID, 0, "request URL too long");

	t->headers = curl_slist_append(NULL, h->auth_header);
	if (t->headers)
		t->headers = curl_slist_append(t->headers, "Accept: application/json");
	if (t->headers)
		t->headers = curl_slist_append(t->headers, "Expect:");
	if (t->headers && req->body)
		t->headers = curl_slist_append(t->headers,
					       "Content-Type: application/json");
	if (!t->headers)
		return api_error_set(err, API_ERR_NOMEM, 0, "out of memory");

	curl_easy_setopt(e, CURLOPT_URL, url);
#if LIBCURL_VERSION_NUM >= 0x075500
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, protocols_for(h));
	curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "https");
#else
	curl_easy_setopt(e, CURLOPT_PROTOCOLS,
			 h->loopback_http ? (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS)
					  : (long)CURLPROTO_HTTPS);
	curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS, (long)CURLPROTO_HTTPS);
	(void)protocols_for;
#endif
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
	/* libcurl silently sends a request again when a reused keep-alive
	 * connection dies before any answer; the server may have acted on
	 * it. A change (an unlock!) therefore always gets a connection of
	 * its own, which libcurl never retries. */
	if (!api_method_is_idempotent(req->method))
		curl_easy_setopt(e, CURLOPT_FRESH_CONNECT, 1L);
	curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
	curl_easy_setopt(e, CURLOPT_SSLVERSION, (long)CURL_SSLVERSION_TLSv1_2);
	if (h->ca_file)
		curl_easy_setopt(e, CURLOPT_CAINFO, h->ca_file);
	/* Proxies: libcurl reads https_proxy/no_proxy itself; an HTTPS
	 * proxy is verified too; our headers (the token) never go to a
	 * proxy, only through the tunnel. Plain http to loopback never
	 * uses a proxy: the token would travel in clear to it. */
	curl_easy_setopt(e, CURLOPT_PROXY_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(e, CURLOPT_PROXY_SSL_VERIFYHOST, 2L);
	curl_easy_setopt(e, CURLOPT_HEADEROPT, (long)CURLHEADER_SEPARATE);
	if (h->loopback_http)
		curl_easy_setopt(e, CURLOPT_PROXY, "");
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, h->connect_timeout_ms);
	curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, h->timeout_ms);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, h->low_speed_time_s);
	curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)h->max_body);
	curl_easy_setopt(e, CURLOPT_TCP_KEEPALIVE, 1L);
	curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(e, CURLOPT_USERAGENT, h->user_agent);
	curl_easy_setopt(e, CURLOPT_HTTPHEADER, t->headers);
	curl_easy_setopt(e, CURLOPT_SHARE, h->share);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, t);
	curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(e, CURLOPT_HEADERDATA, t);
	curl_easy_setopt(e, CURLOPT_PRIVATE, t);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t->errbuf);

	switch (req->method) {
	case API_GET:
		curl_easy_setopt(e, CURLOPT_HTTPGET, 1L);
		break;
	case API_PUT:
	case API_POST:
		curl_easy_setopt(e, CURLOPT_POST, 1L);
		if (req->method == API_PUT)
			curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, "PUT");
		if (req->body) {
			t->body = xstrdup(req->body);
			if (!t->body)
				return api_error_set(err, API_ERR_NOMEM, 0, "out of memory");
			curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE, (long)strlen(t->body));
			curl_easy_setopt(e, CURLOPT_POSTFIELDS, t->body);
		} else {
			curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE, 0L);
			curl_easy_setopt(e, CURLOPT_POSTFIELDS, "");
		}
		break;
	case API_DELETE:
		curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, "DELETE");
		break;
	}
	return API_OK;
}

api_status api_transfer_new(api_http *h, const api_request *req,
			    api_transfer **out, api_error *err)
{
	api_transfer *t;
	api_status st;

	*out = NULL;
	t = calloc(1, sizeof *t);
	if (!t)
		return api_error_set(err, API_ERR_NOMEM, 0, "out of memory");
	t->h = h;
	t->method = req->method;
	t->call = req->call;
	t->retry_after_ms = -1;
	t->easy = curl_easy_init();
	if (!t->easy) {
		free(t);
		return api_error_set(err, API_ERR_NOMEM, 0, "could not create a transfer");
	}
	st = setup_easy(t, req, err);
	if (st != API_OK) {
		api_transfer_free(t);
		return st;
	}
	h->stats.attempts++;
	*out = t;
	return API_OK;
}

CURL *api_transfer_easy(api_transfer *t)
{
	return t->easy;
}

api_status api_transfer_finish(api_transfer *t, CURLcode rc,
			       api_response *resp, api_error *err)
{
	long connects = 0;
	api_status st;

	memset(resp, 0, sizeof *resp);
	resp->retry_after_ms = -1;
	if (curl_easy_getinfo(t->easy, CURLINFO_NUM_CONNECTS, &connects) == CURLE_OK &&
	    connects > 0)
		t->h->stats.connects += (unsigned long)connects;
	t->status = 0;
	if (rc != CURLE_OK) {
		if (t->too_large)
			st = api_error_set(err, API_ERR_TOO_LARGE, 0,
					   "the answer is larger than %zu bytes; refused",
					   t->h->max_body);
		else
			st = api_curl_error_detail(rc, t->errbuf, err);
		t->last_kind = st;
		return st;
	}
	curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &t->status);
	if (t->status >= 300 && t->status < 400) {
		st = api_error_set(err, API_ERR_HTTP, t->status,
				   "HTTP %ld: nukitui does not follow redirects; check --base-url (the server redirected to \"%.120s\")",
				   t->status, t->location);
		t->last_kind = st;
		return st;
	}
	st = api_check_status(t->call, t->status, t->buf ? t->buf : "",
			      t->len, t->content_type, err);
	t->last_kind = st;
	if (st != API_OK)
		return st;
	resp->status = t->status;
	resp->body = t->buf ? t->buf : calloc(1, 1);
	resp->len = t->len;
	t->buf = NULL;
	t->len = t->cap = 0;
	snprintf(resp->content_type, sizeof resp->content_type, "%s", t->content_type);
	resp->retry_after_ms = t->retry_after_ms;
	if (!resp->body)
		return api_error_set(err, API_ERR_NOMEM, 0, "out of memory");
	return API_OK;
}

long api_transfer_retry_delay(const api_transfer *t, int attempt)
{
	api_http *h = t->h;

	if (!api_should_retry(t->method, t->last_kind, t->status, attempt,
			      h->max_retries))
		return -1;
	if ((t->status == 429 || t->status == 503) && t->retry_after_ms >= 0)
		return t->retry_after_ms;
	h->rng ^= h->rng << 13;
	h->rng ^= h->rng >> 17;
	h->rng ^= h->rng << 5;
	return api_backoff_ms(attempt, h->rng);
}

void api_transfer_free(api_transfer *t)
{
	if (!t)
		return;
	if (t->easy)
		curl_easy_cleanup(t->easy);
	curl_slist_free_all(t->headers);
	free(t->body);
	free(t->buf);
	free(t);
}

int64_t api_http_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void api_transfer_set_deadline(api_transfer *t, int64_t deadline_ms)
{
	int64_t left;

	if (!t || deadline_ms <= 0)
		return;
	left = deadline_ms - api_http_now_ms();
	if (left < 1)
		left = 1;
	if (left < t->h->timeout_ms)
		curl_easy_setopt(t->easy, CURLOPT_TIMEOUT_MS, (long)left);
	if (left < t->h->connect_timeout_ms)
		curl_easy_setopt(t->easy, CURLOPT_CONNECTTIMEOUT_MS, (long)left);
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

api_status api_http_perform(api_http *h, const api_request *req,
			    api_response *resp, api_error *err)
{
	return api_http_perform_until(h, req, resp, 0, err);
}

/* Out of time before an attempt could start. */
static api_status budget_spent(api_response *resp, api_error *err)
{
	memset(resp, 0, sizeof *resp);
	resp->retry_after_ms = -1;
	return api_error_set(err, API_ERR_TIMEOUT, 0,
			     "the request timed out: no answer within the time budget "
			     "(timeout-seconds, --timeout); check the network or try again");
}

api_status api_http_perform_until(api_http *h, const api_request *req,
				  api_response *resp, int64_t deadline_ms,
				  api_error *err)
{
	for (int attempt = 1;; attempt++) {
		api_transfer *t;
		api_status st;
		long delay;

		if (deadline_ms > 0 && api_http_now_ms() >= deadline_ms)
			return budget_spent(resp, err);
		st = api_transfer_new(h, req, &t, err);
		if (st != API_OK) {
			memset(resp, 0, sizeof *resp);
			return st;
		}
		api_transfer_set_deadline(t, deadline_ms);
		/* t is set whenever api_transfer_new returns API_OK (the
		 * analyzer cannot see that api_error_set returns its kind) */
		/* NOLINTNEXTLINE(clang-analyzer-core.NullDereference) */
		st = api_transfer_finish(t, curl_easy_perform(t->easy), resp, err);
		if (st == API_OK) {
			api_transfer_free(t);
			return API_OK;
		}
		delay = api_transfer_retry_delay(t, attempt);
		api_transfer_free(t);
		/* a retry that would start past the deadline is not made */
		if (delay < 0 ||
		    (deadline_ms > 0 && api_http_now_ms() + delay >= deadline_ms))
			return st;
		h->stats.retries++;
		if (h->on_retry)
			h->on_retry(h->on_retry_arg, req->call, attempt + 1, h->max_retries + 1,
				    delay, err);
		sleep_ms(delay);
	}
}
