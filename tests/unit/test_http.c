/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the transport's pure policy: which base URLs are allowed
 * and what a refusal says, the backoff schedule, Retry-After parsing and
 * clamping, which failures may be retried, how libcurl errors are
 * reported (a TLS failure names its reason), and what api_http_new
 * refuses. No network.
 */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "api/error.h"
#include "api/http.h"

/* ---- base URL policy ---------------------------------------------------- */

static const struct {
	const char *url;
	api_status want;
} url_cases[] = {
	{ "https://api.nuki.io", API_OK },
	{ "https://api.nuki.io/", API_OK },
	{ "https://api.nuki.io:443/v1", API_OK },
	{ "HTTPS://API.NUKI.IO", API_OK },
	{ "https://[2001:db8::1]:8443", API_OK },
	{ "http://127.0.0.1:8080", API_OK },
	{ "http://127.1.2.3", API_OK },
	{ "http://localhost:1", API_OK },
	{ "http://[::1]:65535/", API_OK },
	{ "http://api.nuki.io", API_ERR_INVALID },
	{ "http://10.0.0.1", API_ERR_INVALID },
	{ "http://128.0.0.1", API_ERR_INVALID },
	{ "http://127.0.0.1.evil.com", API_ERR_INVALID },
	{ "http://localhost.evil.com", API_ERR_INVALID },
	{ "ftp://api.nuki.io", API_ERR_INVALID },
	{ "api.nuki.io", API_ERR_INVALID },
	{ "", API_ERR_INVALID },
	{ "https://", API_ERR_INVALID },
	{ "https:///path", API_ERR_INVALID },
	{ "https://user:pw@api.nuki.io", API_ERR_INVALID },
	{ "http://user@127.0.0.1", API_ERR_INVALID },
	{ "https://api.nuki.io/?x=1", API_ERR_INVALID },
	{ "https://api.nuki.io/#frag", API_ERR_INVALID },
	{ "https://api.nuki.io:0", API_ERR_INVALID },
	{ "https://api.nuki.io:65536", API_ERR_INVALID },
	{ "https://api.nuki.io:12a", API_ERR_INVALID },
	{ "https://api.nuki.io:", API_ERR_INVALID },
	{ "https://api .nuki.io", API_ERR_INVALID },
	{ "https://api.nuki.io\r\nX: y", API_ERR_INVALID },
	{ "https://[::1", API_ERR_INVALID },
};

START_TEST(test_base_url_policy)
{
	api_error err;
	api_status st = api_url_check(url_cases[_i].url, &err);

	ck_assert_msg(st == url_cases[_i].want, "url \"%s\": got %d want %d (%s)",
		      url_cases[_i].url, st, url_cases[_i].want, err.message);
	if (st != API_OK)
		ck_assert_msg(err.message[0] != '\0', "a refusal says why");
}
END_TEST

START_TEST(test_plain_http_refusal_explains_loopback_rule)
{
	api_error err;

	ck_assert_int_eq(api_url_check("http://example.com", &err), API_ERR_INVALID);
	ck_assert_ptr_nonnull(strstr(err.message, "loopback"));
}
END_TEST

/* What a refused base URL says: a missing scheme is not "must start with
 * https://", since http:// is allowed for loopback. */
static const struct {
	const char *url;
	const char *says;
	const char *never;
} url_msg_cases[] = {
	{ "127.0.0.1:8080", "needs a scheme: https://", "must start with" },
	{ "127.0.0.1:8080", "http:// for a loopback host", NULL },
	{ "localhost", "needs a scheme", NULL },
	{ "api.nuki.io/v1", "needs a scheme: https://", "must start with" },
	{ "ftp://api.nuki.io", "must start with https://", NULL },
	{ "ftp://api.nuki.io", "http:// for a loopback host", NULL },
	{ "http://api.nuki.io", "only for a loopback host", NULL },
};

START_TEST(test_base_url_refusal_messages)
{
	api_error err;

	ck_assert_int_eq(api_url_check(url_msg_cases[_i].url, &err), API_ERR_INVALID);
	ck_assert_msg(strstr(err.message, url_msg_cases[_i].says) != NULL,
		      "\"%s\": \"%s\" lacks \"%s\"", url_msg_cases[_i].url,
		      err.message, url_msg_cases[_i].says);
	if (url_msg_cases[_i].never)
		ck_assert_msg(strstr(err.message, url_msg_cases[_i].never) == NULL,
			      "\"%s\": \"%s\" says \"%s\"", url_msg_cases[_i].url,
			      err.message, url_msg_cases[_i].never);
}
END_TEST

START_TEST(test_loopback_hosts)
{
	ck_assert(api_host_is_loopback("localhost"));
	ck_assert(api_host_is_loopback("LOCALHOST"));
	ck_assert(api_host_is_loopback("127.0.0.1"));
	ck_assert(api_host_is_loopback("127.255.255.254"));
	ck_assert(api_host_is_loopback("[::1]"));
	ck_assert(!api_host_is_loopback("127.0.0"));
	ck_assert(!api_host_is_loopback("127.0.0.256"));
	ck_assert(!api_host_is_loopback("127.0.0.1a"));
	ck_assert(!api_host_is_loopback("0127.0.0.1"));
	ck_assert(!api_host_is_loopback("::2"));
	ck_assert(!api_host_is_loopback(NULL));
}
END_TEST

/* ---- backoff ------------------------------------------------------------ */

START_TEST(test_backoff_doubles_from_half_a_second)
{
	ck_assert_int_eq(api_backoff_ms(1, 0), 500);
	ck_assert_int_eq(api_backoff_ms(2, 0), 1000);
	ck_assert_int_eq(api_backoff_ms(3, 0), 2000);
	ck_assert_int_eq(api_backoff_ms(4, 0), 4000);
}
END_TEST

START_TEST(test_backoff_is_capped_at_eight_seconds_plus_jitter)
{
	ck_assert_int_eq(api_backoff_ms(5, 0), 8000);
	ck_assert_int_eq(api_backoff_ms(60, 0), 8000);
	ck_assert_int_le(api_backoff_ms(60, 0xffffffffu), 12000);
}
END_TEST

START_TEST(test_backoff_jitter_stays_below_half_the_base)
{
	for (uint32_t r = 0; r < 5000; r += 7) {
		long b = api_backoff_ms(2, r);
		ck_assert_int_ge(b, 1000);
		ck_assert_int_le(b, 1500);
	}
}
END_TEST

START_TEST(test_backoff_jitter_varies_with_random_input)
{
	ck_assert_int_ne(api_backoff_ms(3, 1), api_backoff_ms(3, 2));
}
END_TEST

/* ---- Retry-After -------------------------------------------------------- */

START_TEST(test_retry_after_seconds)
{
	ck_assert_int_eq(api_retry_after_ms("1", 0), 1000);
	ck_assert_int_eq(api_retry_after_ms(" 7 ", 0), 7000);
	ck_assert_int_eq(api_retry_after_ms("0", 0), 0);
}
END_TEST

START_TEST(test_retry_after_is_clamped)
{
	ck_assert_int_eq(api_retry_after_ms("31", 0), API_RETRY_AFTER_MAX_MS);
	ck_assert_int_eq(api_retry_after_ms("99999999999999999999999", 0),
			 API_RETRY_AFTER_MAX_MS);
}
END_TEST

START_TEST(test_retry_after_http_date)
{
	/* Sun, 06 Nov 1994 08:49:37 GMT = 784111777 */
	ck_assert_int_eq(api_retry_after_ms("Sun, 06 Nov 1994 08:49:37 GMT", 784111770), 7000);
	ck_assert_int_eq(api_retry_after_ms("Sun, 06 Nov 1994 08:49:37 GMT", 784111800), 0);
	ck_assert_int_eq(api_retry_after_ms("Sun, 06 Nov 1994 08:49:37 GMT", 784000000),
			 API_RETRY_AFTER_MAX_MS);
}
END_TEST

START_TEST(test_retry_after_garbage_is_ignored)
{
	ck_assert_int_eq(api_retry_after_ms("", 0), -1);
	ck_assert_int_eq(api_retry_after_ms("soon", 0), -1);
	ck_assert_int_eq(api_retry_after_ms("5x", 0), -1);
	ck_assert_int_eq(api_retry_after_ms("-5", 0), -1);
	ck_assert_int_eq(api_retry_after_ms(NULL, 0), -1);
}
END_TEST

/* ---- which failures may be retried --------------------------------------- */

static const struct {
	api_method m;
	api_status kind;
	long status;
	int attempt;
	bool want;
} retry_cases[] = {
	{ API_GET, API_ERR_NETWORK, 0, 1, true },
	{ API_GET, API_ERR_TIMEOUT, 0, 1, true },
	{ API_GET, API_ERR_HTTP, 429, 1, true },
	{ API_GET, API_ERR_HTTP, 502, 2, true },
	{ API_GET, API_ERR_HTTP, 503, 3, true },
	{ API_GET, API_ERR_HTTP, 504, 1, true },
	{ API_GET, API_ERR_HTTP, 503, 4, false },  /* 3 retries used up */
	{ API_GET, API_ERR_HTTP, 500, 1, false },
	{ API_GET, API_ERR_HTTP, 401, 1, false },
	{ API_GET, API_ERR_HTTP, 404, 1, false },
	{ API_GET, API_ERR_TLS, 0, 1, false },
	{ API_GET, API_ERR_MALFORMED, 200, 1, false },
	{ API_GET, API_ERR_TOO_LARGE, 0, 1, false },
	{ API_POST, API_ERR_NETWORK, 0, 1, false },
	{ API_POST, API_ERR_HTTP, 503, 1, false },
	{ API_POST, API_ERR_HTTP, 429, 1, false },
	{ API_PUT, API_ERR_TIMEOUT, 0, 1, false },
	{ API_PUT, API_ERR_HTTP, 502, 1, false },
	{ API_DELETE, API_ERR_NETWORK, 0, 1, false },
	{ API_DELETE, API_ERR_HTTP, 503, 1, false },
};

START_TEST(test_retry_policy)
{
	bool got = api_should_retry(retry_cases[_i].m, retry_cases[_i].kind,
				    retry_cases[_i].status, retry_cases[_i].attempt, 3);

	ck_assert_msg(got == retry_cases[_i].want,
		      "case %d: method %s kind %s status %ld attempt %d", _i,
		      api_method_name(retry_cases[_i].m),
		      api_status_name(retry_cases[_i].kind), retry_cases[_i].status,
		      retry_cases[_i].attempt);
}
END_TEST

START_TEST(test_retry_disabled_with_zero_retries)
{
	ck_assert(!api_should_retry(API_GET, API_ERR_NETWORK, 0, 1, 0));
}
END_TEST

/* ---- libcurl errors ------------------------------------------------------ */

static const struct {
	CURLcode rc;
	api_status want;
} curl_cases[] = {
	{ CURLE_OK, API_OK },
	{ CURLE_OPERATION_TIMEDOUT, API_ERR_TIMEOUT },
	{ CURLE_COULDNT_RESOLVE_HOST, API_ERR_NETWORK },
	{ CURLE_COULDNT_CONNECT, API_ERR_NETWORK },
	{ CURLE_GOT_NOTHING, API_ERR_NETWORK },
	{ CURLE_RECV_ERROR, API_ERR_NETWORK },
	{ CURLE_PEER_FAILED_VERIFICATION, API_ERR_TLS },
	{ CURLE_SSL_CONNECT_ERROR, API_ERR_TLS },
	{ CURLE_SSL_CACERT_BADFILE, API_ERR_TLS },
	{ CURLE_FILESIZE_EXCEEDED, API_ERR_TOO_LARGE },
	{ CURLE_UNSUPPORTED_PROTOCOL, API_ERR_NETWORK },
};

START_TEST(test_curl_error_kinds)
{
	api_error err;

	ck_assert_int_eq(api_curl_error(curl_cases[_i].rc, &err), curl_cases[_i].want);
	ck_assert_int_eq(err.kind, curl_cases[_i].want);
	if (curl_cases[_i].want != API_OK)
		ck_assert(err.message[0] != '\0');
}
END_TEST

/* A TLS failure names its reason, from libcurl's error text (OpenSSL and
 * GnuTLS phrases), with advice that fits it and no other. */
static const struct {
	CURLcode rc;
	const char *detail;
	const char *says;
	const char *never;
} tls_cases[] = {
	{ CURLE_SSL_CONNECT_ERROR,
	  "OpenSSL/3.0.19: error:0A00010B:SSL routines::wrong version number",
	  "the server did not answer in TLS", "clock" },
	{ CURLE_SSL_CONNECT_ERROR,
	  "OpenSSL/3.0.19: error:0A00010B:SSL routines::wrong version number",
	  "plain HTTP server", "CA" },
	{ CURLE_SSL_CONNECT_ERROR,
	  "OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to 127.0.0.1:1 ",
	  "the server did not answer in TLS", "clock" },
	{ CURLE_SSL_CONNECT_ERROR, "An unexpected TLS packet was received.",
	  "the server did not answer in TLS", NULL },
	{ CURLE_PEER_FAILED_VERIFICATION,
	  "SSL certificate problem: self-signed certificate",
	  "the server's certificate is self-signed", "clock" },
	{ CURLE_PEER_FAILED_VERIFICATION,
	  "SSL certificate problem: self signed certificate",
	  "NUKI_CA_FILE", NULL },
	{ CURLE_PEER_FAILED_VERIFICATION,
	  "SSL certificate problem: self-signed certificate in certificate chain",
	  "chain ends in a CA that is not trusted", NULL },
	{ CURLE_PEER_FAILED_VERIFICATION,
	  "SSL certificate problem: unable to get local issuer certificate",
	  "not signed by a trusted CA", "clock" },
	{ CURLE_PEER_FAILED_VERIFICATION,
	  "SSL certificate problem: unable to get local issuer certificate",
	  "ca-file", NULL },
	{ CURLE_PEER_FAILED_VERIFICATION,
	  "SSL certificate problem: certificate has expired",
	  "the server's certificate has expired", "CA" },
	{ CURLE_PEER_FAILED_VERIFICATION,
	  "server certificate expiration date has passed.", "has expired", NULL },
	{ CURLE_PEER_FAILED_VERIFICATION,
	  "SSL certificate problem: certificate is not yet valid",
	  "the server's certificate is not valid yet", "CA" },
	{ CURLE_PEER_FAILED_VERIFICATION, "server certificate not activated yet.",
	  "not valid yet", NULL },
	{ CURLE_PEER_FAILED_VERIFICATION,
	  "SSL: no alternative certificate subject name matches target host name '127.0.0.1'",
	  "the server's certificate is for another host name", "clock" },
	{ CURLE_PEER_FAILED_VERIFICATION,
	  "SSL: certificate subject name 'a.example' does not match target host name 'b.example'",
	  "another host name", NULL },
	{ CURLE_SSL_CONNECT_ERROR,
	  "OpenSSL/3.0.19: error:0A000102:SSL routines::unsupported protocol",
	  "the server offers only TLS versions older than 1.2", "clock" },
	{ CURLE_SSL_CONNECT_ERROR,
	  "error:0A00042E:SSL routines::tlsv1 alert protocol version",
	  "older than 1.2", NULL },
	{ CURLE_SSL_CACERT_BADFILE, "error setting certificate file: /x/ca.pem",
	  "the CA file cannot be used", NULL },
	{ CURLE_SSL_CACERT_BADFILE, "error setting certificate file: /x/ca.pem",
	  "NUKI_CA_FILE", NULL },
	{ CURLE_SSL_CONNECT_ERROR, "something new",
	  "TLS failed (something new)", NULL },
	{ CURLE_SSL_CONNECT_ERROR, "", "never turns verification off", NULL },
	{ CURLE_SSL_CONNECT_ERROR, NULL, "never turns verification off", NULL },
};

START_TEST(test_tls_failure_names_its_reason)
{
	api_error err;

	ck_assert_int_eq(api_curl_error_detail(tls_cases[_i].rc, tls_cases[_i].detail,
					       &err),
			 API_ERR_TLS);
	ck_assert_int_eq(api_status_exit_code(err.kind), 3);
	ck_assert_msg(strstr(err.message, tls_cases[_i].says) != NULL,
		      "case %d: \"%s\" lacks \"%s\"", _i, err.message,
		      tls_cases[_i].says);
	if (tls_cases[_i].never)
		ck_assert_msg(strstr(err.message, tls_cases[_i].never) == NULL,
			      "case %d: \"%s\" says \"%s\"", _i, err.message,
			      tls_cases[_i].never);
}
END_TEST

START_TEST(test_tls_failure_detail_is_escaped)
{
	api_error err;

	api_curl_error_detail(CURLE_SSL_CONNECT_ERROR, "odd \x1b[31m name", &err);
	ck_assert_ptr_null(strchr(err.message, '\x1b'));
	ck_assert_ptr_nonnull(strstr(err.message, "\\x1b[31m"));
}
END_TEST

START_TEST(test_non_tls_errors_ignore_the_detail)
{
	api_error err;

	ck_assert_int_eq(api_curl_error_detail(CURLE_COULDNT_CONNECT,
					       "wrong version number", &err),
			 API_ERR_NETWORK);
	ck_assert_ptr_null(strstr(err.message, "TLS"));
}
END_TEST

START_TEST(test_exit_codes_follow_the_design)
{
	ck_assert_int_eq(api_status_exit_code(API_OK), 0);
	ck_assert_int_eq(api_status_exit_code(API_ERR_HTTP), 1);
	ck_assert_int_eq(api_status_exit_code(API_ERR_MALFORMED), 1);
	ck_assert_int_eq(api_status_exit_code(API_ERR_INVALID), 2);
	ck_assert_int_eq(api_status_exit_code(API_ERR_NETWORK), 3);
	ck_assert_int_eq(api_status_exit_code(API_ERR_TLS), 3);
	ck_assert_int_eq(api_status_exit_code(API_ERR_TIMEOUT), 3);
}
END_TEST

START_TEST(test_error_message_escapes_control_characters)
{
	api_error err;

	api_error_set(&err, API_ERR_HTTP, 400, "server said %s", "\x1b]52;c;ZXZpbA==\x07");
	ck_assert_ptr_null(strchr(err.message, '\x1b'));
	ck_assert_ptr_null(strchr(err.message, '\x07'));
	ck_assert_ptr_nonnull(strstr(err.message, "\\x1b]52;c;ZXZpbA==\\x07"));
	ck_assert_int_eq(err.http_status, 400);
}
END_TEST

/* ---- api_http_new ------------------------------------------------------- */

START_TEST(test_transport_refuses_empty_token)
{
	api_http *h;
	api_error err;
	api_http_config cfg = { .token = "", .max_retries = -1 };

	ck_assert_int_eq(api_http_new(&h, &cfg, &err), API_ERR_INVALID);
	ck_assert_ptr_null(h);
	ck_assert_ptr_nonnull(strstr(err.message, "NUKI_API_TOKEN"));
}
END_TEST

START_TEST(test_transport_refuses_token_with_newline)
{
	api_http *h;
	api_error err;
	api_http_config cfg = { .token = "abc\r\nX-Evil: 1", .max_retries = -1 };

	ck_assert_int_eq(api_http_new(&h, &cfg, &err), API_ERR_INVALID);
	ck_assert_ptr_null(h);
	ck_assert_ptr_null(strstr(err.message, "abc"));
}
END_TEST

START_TEST(test_transport_refuses_plain_http_remote_base)
{
	api_http *h;
	api_error err;
	api_http_config cfg = { .base_url = "http://api.nuki.io", .token = "t",
				.max_retries = -1 };

	ck_assert_int_eq(api_http_new(&h, &cfg, &err), API_ERR_INVALID);
	ck_assert_ptr_null(h);
}
END_TEST

START_TEST(test_transport_defaults_to_nuki_base_without_trailing_slash)
{
	api_http *h;
	api_error err;
	api_http_config cfg = { .token = "secret-token", .max_retries = -1 };

	ck_assert_int_eq(api_http_new(&h, &cfg, &err), API_OK);
	ck_assert_str_eq(api_http_base_url(h), "https://api.nuki.io");
	api_http_free(h);

	cfg.base_url = "http://127.0.0.1:9///";
	ck_assert_int_eq(api_http_new(&h, &cfg, &err), API_OK);
	ck_assert_str_eq(api_http_base_url(h), "http://127.0.0.1:9");
	api_http_free(h);
}
END_TEST

START_TEST(test_connection_refused_is_a_network_error_after_retries)
{
	/* port 1 on loopback: nothing listens, the connection is refused at
	 * once, so the GET is retried (backoff kept short by max_retries 1). */
	api_http *h;
	api_error err;
	api_request req;
	api_response resp;
	api_http_config cfg = { .base_url = "http://127.0.0.1:1", .token = "t",
				.max_retries = 1 };

	ck_assert_int_eq(api_http_new(&h, &cfg, &err), API_OK);
	ck_assert_int_eq(api_req_smartlocks_list(&req, &err), API_OK);
	ck_assert_int_eq(api_http_perform(h, &req, &resp, &err), API_ERR_NETWORK);
	ck_assert_int_eq(api_http_get_stats(h).attempts, 2);
	ck_assert_int_eq(api_http_get_stats(h).retries, 1);
	api_request_free(&req);
	api_http_free(h);
}
END_TEST

START_TEST(test_refused_post_is_sent_once)
{
	api_http *h;
	api_error err;
	api_request req;
	api_response resp;
	api_http_config cfg = { .base_url = "http://127.0.0.1:1", .token = "t",
				.max_retries = 3 };

	ck_assert_int_eq(api_http_new(&h, &cfg, &err), API_OK);
	ck_assert_int_eq(api_req_unlock(&req, 18298712180LL, false, &err), API_OK);
	ck_assert_int_eq(api_http_perform(h, &req, &resp, &err), API_ERR_NETWORK);
	ck_assert_int_eq(api_http_get_stats(h).attempts, 1);
	ck_assert_int_eq(api_http_get_stats(h).retries, 0);
	api_request_free(&req);
	api_http_free(h);
}
END_TEST

static Suite *http_suite(void)
{
	Suite *s = suite_create("http");
	TCase *tc = tcase_create("policy");

	tcase_add_loop_test(tc, test_base_url_policy, 0,
			    (int)(sizeof url_cases / sizeof url_cases[0]));
	tcase_add_test(tc, test_plain_http_refusal_explains_loopback_rule);
	tcase_add_loop_test(tc, test_base_url_refusal_messages, 0,
			    (int)(sizeof url_msg_cases / sizeof url_msg_cases[0]));
	tcase_add_test(tc, test_loopback_hosts);
	tcase_add_test(tc, test_backoff_doubles_from_half_a_second);
	tcase_add_test(tc, test_backoff_is_capped_at_eight_seconds_plus_jitter);
	tcase_add_test(tc, test_backoff_jitter_stays_below_half_the_base);
	tcase_add_test(tc, test_backoff_jitter_varies_with_random_input);
	tcase_add_test(tc, test_retry_after_seconds);
	tcase_add_test(tc, test_retry_after_is_clamped);
	tcase_add_test(tc, test_retry_after_http_date);
	tcase_add_test(tc, test_retry_after_garbage_is_ignored);
	tcase_add_loop_test(tc, test_retry_policy, 0,
			    (int)(sizeof retry_cases / sizeof retry_cases[0]));
	tcase_add_test(tc, test_retry_disabled_with_zero_retries);
	tcase_add_loop_test(tc, test_curl_error_kinds, 0,
			    (int)(sizeof curl_cases / sizeof curl_cases[0]));
	tcase_add_loop_test(tc, test_tls_failure_names_its_reason, 0,
			    (int)(sizeof tls_cases / sizeof tls_cases[0]));
	tcase_add_test(tc, test_tls_failure_detail_is_escaped);
	tcase_add_test(tc, test_non_tls_errors_ignore_the_detail);
	tcase_add_test(tc, test_exit_codes_follow_the_design);
	tcase_add_test(tc, test_error_message_escapes_control_characters);
	suite_add_tcase(s, tc);

	tc = tcase_create("transport");
	tcase_add_test(tc, test_transport_refuses_empty_token);
	tcase_add_test(tc, test_transport_refuses_token_with_newline);
	tcase_add_test(tc, test_transport_refuses_plain_http_remote_base);
	tcase_add_test(tc, test_transport_defaults_to_nuki_base_without_trailing_slash);
	tcase_add_test(tc, test_connection_refused_is_a_network_error_after_retries);
	tcase_add_test(tc, test_refused_post_is_sent_once);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr;
	int failed;

	curl_global_init(CURL_GLOBAL_DEFAULT);
	sr = srunner_create(http_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	curl_global_cleanup();
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
