/* SPDX-License-Identifier: MIT */
/*
 * TLS integration tests: the client's transport against nuki-sim serving
 * HTTPS with a throw-away PKI made at test time (tests/tls/mkcerts.sh).
 * The keep-alive guarantees hold over TLS (five GETs are one connection,
 * hence one handshake, counted by the simulator, on the blocking and on
 * the curl_multi path; a change takes a fresh connection), the configured
 * CA is what is trusted, and a refused certificate sends no request. The
 * whole CLI and the refusal cases run in tests/tls/test_tls.sh.
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/error.h"
#include "api/http.h"
#include "api/request.h"
#include "sim/sim.h"

#define TOKEN "tls-integration-token"
#define FRONT_DOOR 18298712180LL

static char pki[256];   /* directory of mkcerts.sh's output */
static sim *S;
static api_http *H;

static void pki_path(char *buf, size_t cap, const char *name)
{
	int n = snprintf(buf, cap, "%s/%s", pki, name);

	ck_assert(n > 0 && (size_t)n < cap);
}

/* A TLS simulator with the certificate NAME.pem/NAME.key and a client
 * trusting the test root CA (ca_file NULL: the system's CAs). */
static void start_tls(const char *name, const char *ca)
{
	char cert[512], key[512], ca_file[512], msg[256];
	sim_options opt = { .logs = 10, .token = TOKEN, .step_ms = 150 };
	api_http_config cfg = { .token = TOKEN, .max_retries = 0 };
	api_error err;

	snprintf(msg, sizeof msg, "%s.pem", name);
	pki_path(cert, sizeof cert, msg);
	snprintf(msg, sizeof msg, "%s.key", name);
	pki_path(key, sizeof key, msg);
	opt.tls_cert = cert;
	opt.tls_key = key;
	S = sim_start(&opt, msg, sizeof msg);
	ck_assert_msg(S != NULL, "sim_start: %s", msg);
	ck_assert_msg(strncmp(sim_url(S), "https://127.0.0.1:", 18) == 0, "%s",
		      sim_url(S));
	cfg.base_url = sim_url(S);
	if (ca) {
		pki_path(ca_file, sizeof ca_file, ca);
		cfg.ca_file = ca_file;
	}
	ck_assert_int_eq(api_http_new(&H, &cfg, &err), API_OK);
}

static void teardown(void)
{
	api_http_free(H);
	H = NULL;
	sim_stop(S);
	S = NULL;
}

static api_status get_locks(api_error *err)
{
	api_request req;
	api_response resp;
	api_status st;

	ck_assert_int_eq(api_req_smartlocks_list(&req, err), API_OK);
	st = api_http_perform(H, &req, &resp, err);
	api_request_free(&req);
	if (st == API_OK)
		api_response_free(&resp);
	return st;
}

/* ---- keep-alive over TLS ------------------------------------------------ */

START_TEST(test_five_gets_over_tls_use_one_handshake)
{
	api_error err;

	start_tls("good", "ca.pem");
	for (int i = 0; i < 5; i++)
		ck_assert_msg(get_locks(&err) == API_OK, "GET %d: %s", i, err.message);
	ck_assert_uint_eq(sim_request_count(S), 5);
	ck_assert_uint_eq(sim_connection_count(S), 1);
	ck_assert_uint_eq(api_http_get_stats(H).connects, 1);
}
END_TEST

START_TEST(test_a_change_over_tls_takes_a_fresh_connection)
{
	api_request req;
	api_response resp;
	api_error err;

	start_tls("good", "ca.pem");
	ck_assert_int_eq(get_locks(&err), API_OK);
	ck_assert_int_eq(get_locks(&err), API_OK);
	ck_assert_uint_eq(sim_connection_count(S), 1);
	ck_assert_int_eq(api_req_unlock(&req, FRONT_DOOR, false, &err), API_OK);
	ck_assert_msg(api_http_perform(H, &req, &resp, &err) == API_OK, "%s",
		      err.message);
	api_request_free(&req);
	api_response_free(&resp);
	ck_assert_uint_eq(sim_connection_count(S), 2);
	ck_assert_uint_eq(sim_request_count(S), 3);
}
END_TEST

/* The dashboard's path: one transfer at a time on a curl_multi. */
START_TEST(test_five_gets_on_a_multi_over_tls_use_one_handshake)
{
	CURLM *m = curl_multi_init();
	api_error err;

	start_tls("good", "ca.pem");
	for (int i = 0; i < 5; i++) {
		api_request req;
		api_transfer *t;
		api_response resp;
		CURLMsg *msg = NULL;
		int running = 1, left;

		ck_assert_int_eq(api_req_smartlocks_list(&req, &err), API_OK);
		ck_assert_int_eq(api_transfer_new(H, &req, &t, &err), API_OK);
		api_request_free(&req);
		curl_multi_add_handle(m, api_transfer_easy(t));
		while (!msg) {
			curl_multi_perform(m, &running);
			msg = curl_multi_info_read(m, &left);
			if (!msg)
				curl_multi_poll(m, NULL, 0, 100, NULL);
		}
		ck_assert_int_eq(api_transfer_finish(t, msg->data.result, &resp, &err),
				 API_OK);
		api_response_free(&resp);
		curl_multi_remove_handle(m, api_transfer_easy(t));
		api_transfer_free(t);
	}
	curl_multi_cleanup(m);
	ck_assert_uint_eq(sim_request_count(S), 5);
	ck_assert_uint_eq(sim_connection_count(S), 1);
}
END_TEST

/* ---- what is trusted ------------------------------------------------------ */

START_TEST(test_the_test_ca_is_not_trusted_without_ca_file)
{
	api_error err;

	start_tls("good", NULL);
	ck_assert_int_eq(get_locks(&err), API_ERR_TLS);
	ck_assert_ptr_nonnull(strstr(err.message, "not signed by a trusted CA"));
	ck_assert_uint_eq(sim_request_count(S), 0);
}
END_TEST

START_TEST(test_a_self_signed_server_gets_no_request)
{
	api_error err;

	start_tls("self", "ca.pem");
	ck_assert_int_eq(get_locks(&err), API_ERR_TLS);
	ck_assert_ptr_nonnull(strstr(err.message, "self-signed"));
	ck_assert_uint_eq(sim_request_count(S), 0);
}
END_TEST

START_TEST(test_a_refused_change_is_sent_once_and_not_at_all)
{
	api_request req;
	api_response resp;
	api_error err;

	start_tls("expired", "ca.pem");
	ck_assert_int_eq(api_req_unlock(&req, FRONT_DOOR, false, &err), API_OK);
	ck_assert_int_eq(api_http_perform(H, &req, &resp, &err), API_ERR_TLS);
	api_request_free(&req);
	ck_assert_ptr_nonnull(strstr(err.message, "expired"));
	ck_assert_uint_eq(api_http_get_stats(H).attempts, 1);
	ck_assert_uint_eq(sim_request_count(S), 0);
}
END_TEST

/* ---- the simulator's TLS options ------------------------------------------ */

START_TEST(test_sim_wants_both_certificate_and_key)
{
	char cert[512], msg[256] = "";
	sim_options opt = { .logs = 0 };

	pki_path(cert, sizeof cert, "good.pem");
	opt.tls_cert = cert;
	ck_assert_ptr_null(sim_start(&opt, msg, sizeof msg));
	ck_assert_ptr_nonnull(strstr(msg, "key"));
}
END_TEST

START_TEST(test_sim_names_a_missing_certificate_file)
{
	char msg[256] = "";
	sim_options opt = { .logs = 0, .tls_cert = "/nonexistent/c.pem",
			    .tls_key = "/nonexistent/k.pem" };

	ck_assert_ptr_null(sim_start(&opt, msg, sizeof msg));
	ck_assert_ptr_nonnull(strstr(msg, "/nonexistent/c.pem"));
}
END_TEST

START_TEST(test_sim_refuses_a_key_that_does_not_match)
{
	char cert[512], key[512], msg[256] = "";
	sim_options opt = { .logs = 0 };

	pki_path(cert, sizeof cert, "good.pem");
	pki_path(key, sizeof key, "self.key");
	opt.tls_cert = cert;
	opt.tls_key = key;
	ck_assert_ptr_null(sim_start(&opt, msg, sizeof msg));
	ck_assert(msg[0] != '\0');
}
END_TEST

static Suite *tls_suite(void)
{
	Suite *s = suite_create("tls");
	TCase *tc = tcase_create("keep-alive");

	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_five_gets_over_tls_use_one_handshake);
	tcase_add_test(tc, test_a_change_over_tls_takes_a_fresh_connection);
	tcase_add_test(tc, test_five_gets_on_a_multi_over_tls_use_one_handshake);
	suite_add_tcase(s, tc);

	tc = tcase_create("trust");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_the_test_ca_is_not_trusted_without_ca_file);
	tcase_add_test(tc, test_a_self_signed_server_gets_no_request);
	tcase_add_test(tc, test_a_refused_change_is_sent_once_and_not_at_all);
	suite_add_tcase(s, tc);

	tc = tcase_create("simulator");
	tcase_add_test(tc, test_sim_wants_both_certificate_and_key);
	tcase_add_test(tc, test_sim_names_a_missing_certificate_file);
	tcase_add_test(tc, test_sim_refuses_a_key_that_does_not_match);
	suite_add_tcase(s, tc);
	return s;
}

/* The PKI for all tests, made once: mkcerts.sh into a temporary dir. */
static int make_pki(void)
{
	const char *srcdir = getenv("top_srcdir");
	const char *tmp = getenv("TMPDIR");
	char cmd[1024];

	snprintf(pki, sizeof pki, "%s/nk-tls-pki.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(pki)) {
		perror("test_tls_sim: mkdtemp");
		return -1;
	}
	snprintf(cmd, sizeof cmd, "sh '%s/tests/tls/mkcerts.sh' '%s'",
		 srcdir && *srcdir ? srcdir : ".", pki);
	return system(cmd) == 0 ? 0 : -1;
}

static void remove_pki(void)
{
	char cmd[512];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", pki);
	if (system(cmd) != 0)
		fprintf(stderr, "test_tls_sim: could not remove %s\n", pki);
}

int main(void)
{
	SRunner *sr;
	int failed;

	if (!sim_tls_supported()) {
		fprintf(stderr, "test_tls_sim: this libmicrohttpd has no TLS support\n");
		return EXIT_FAILURE;
	}
	if (make_pki() != 0) {
		fprintf(stderr, "test_tls_sim: could not make the test PKI\n");
		remove_pki();
		return EXIT_FAILURE;
	}
	curl_global_init(CURL_GLOBAL_DEFAULT);
	sr = srunner_create(tls_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	curl_global_cleanup();
	remove_pki();
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
