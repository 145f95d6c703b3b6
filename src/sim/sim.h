/* SPDX-License-Identifier: MIT */
/*
 * sim: a local simulator of the Nuki Web API on libmicrohttpd. It serves
 * the endpoints nukitui uses with the real paths, status codes and JSON
 * shapes, keeps a demo account in memory, moves locks through their states
 * over time and writes signed webhook deliveries into per-key logs. Used by
 * the nuki-sim program, by `nukitui --demo` and by the tests. Shares no
 * code with the client (src/api, src/model): never include their headers.
 * Given a certificate and a key it serves HTTPS through libmicrohttpd's
 * TLS (GnuTLS in Debian's build), for the TLS tests and for trying a
 * company CA setup by hand.
 */
#ifndef NUKI_SIM_H
#define NUKI_SIM_H

#include <stddef.h>

typedef struct sim_options {
	const char *host;        /* bind address; NULL: "127.0.0.1" */
	unsigned port;           /* 0: any free port */
	const char *token;       /* only accepted bearer token; NULL: any non-empty */
	const char *data_file;   /* account JSON; NULL: the built-in demo account */
	long logs;               /* generated log entries per API key; <0: 300 */
	long activity;           /* generated activity entries per device;
				    0: 500, <0: none */
	unsigned long seed;      /* for generated data; 0: 1 */
	const char *access_log;  /* NULL: none */
	unsigned latency_ms;     /* added to every answer */
	double fail_rate;        /* share of answers replaced by 503 */
	unsigned rate_limit;     /* requests per second before 429; 0: none */
	double drop_rate;        /* share of connections closed unanswered */
	unsigned step_ms;        /* time per device state change; 0: 1000 */
	const char *tls_cert;    /* PEM file: the certificate, then any
				  * intermediates; with tls_key: serve HTTPS */
	const char *tls_key;     /* PEM file: the certificate's private key */
	const char *tls_priorities; /* GnuTLS priority string (e.g. to offer
				     * only old TLS versions); NULL: "NORMAL" */
	unsigned latency_jitter_ms; /* issue 15: up to this much more, drawn
				     * for each answer */
} sim_options;

typedef struct sim sim;

/* Start serving in background threads. Returns NULL and writes a message
 * into errbuf (may be NULL) on failure: among others when only one of
 * tls_cert and tls_key is given, a file cannot be read, GnuTLS refuses
 * them, or this libmicrohttpd was built without TLS (sim_tls_supported). */
sim *sim_start(const sim_options *opt, char *errbuf, size_t errlen);
/* Whether this libmicrohttpd can serve HTTPS (MHD_FEATURE_TLS). */
int sim_tls_supported(void);
/* "http://127.0.0.1:PORT" (or https:// when serving TLS), valid until
 * sim_stop. */
const char *sim_url(const sim *s);
unsigned sim_port(const sim *s);
/* Requests answered so far (all paths). */
unsigned long sim_request_count(const sim *s);
/* Connections accepted so far. Over HTTPS each one is one TLS handshake,
 * so this counts handshakes (keep-alive tests). */
unsigned long sim_connection_count(const sim *s);
/* Stop and free; NULL is fine. */
void sim_stop(sim *s);

#endif
