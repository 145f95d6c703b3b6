/* SPDX-License-Identifier: MIT */
/*
 * nuki-sim: run the Nuki Web API simulator as a program. Parses the
 * options, starts the server, prints its base URL as the first line of
 * standard output and serves until SIGINT or SIGTERM. Bad usage exits 2.
 * With --tls-cert and --tls-key it serves HTTPS and prints https://.
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/sim.h"

#define SIM_MAX_LOGS 1000000L
#define SIM_MAX_ACTIVITY 1000000L

static volatile sig_atomic_t sim_main_stop;

static void sim_main_on_signal(int sig)
{
	(void)sig;
	sim_main_stop = 1;
}

static void sim_main_usage(FILE *out)
{
	fprintf(out,
		"Usage: nuki-sim [OPTIONS]\n"
		"Serve a simulated Nuki Web API on a loopback port; print its "
		"URL, then serve\nuntil SIGINT or SIGTERM.\n\n"
		"  --host ADDR        bind address (default 127.0.0.1)\n"
		"  --port N           port (default 0: any free port)\n"
		"  --token T          the only accepted bearer token "
		"(default: any non-empty)\n"
		"  --data FILE        account JSON (default: built-in demo "
		"account)\n"
		"  --logs N           generated webhook log entries per API "
		"key, 0..%ld (default 300)\n"
		"  --activity N       generated activity entries per device, "
		"0..%ld (default 500)\n"
		"  --seed N           seed for generated data (default 1)\n"
		"  --access-log FILE  append one line per request: METHOD URI "
		"STATUS MS\n"
		"  --latency-ms N     delay every answer by N ms\n"
		"  --latency-jitter-ms N\n"
		"                     and by up to N ms more, drawn for each\n"
		"  --fail-rate P      answer this share (0..1) of requests "
		"with 503\n"
		"  --rate-limit N     answer 429 beyond N requests per second\n"
		"  --drop-rate P      close this share (0..1) of requests "
		"unanswered\n"
		"  --step-ms N        time per device state change (default "
		"1000)\n"
		"  --tls-cert FILE    serve HTTPS with this PEM certificate "
		"(then any\n"
		"                     intermediates); needs --tls-key\n"
		"  --tls-key FILE     the certificate's PEM private key\n"
		"  --tls-priorities S GnuTLS priority string (default NORMAL), "
		"e.g. to\n"
		"                     offer only old TLS versions in tests\n"
		"  --help             show this help and exit\n"
		"  --version          show the version and exit\n",
		SIM_MAX_LOGS, SIM_MAX_ACTIVITY);
}

static int sim_main_bad(const char *opt, const char *val, const char *why)
{
	fprintf(stderr, "nuki-sim: invalid value '%s' for --%s: %s\n", val, opt,
		why);
	fprintf(stderr, "Try 'nuki-sim --help'.\n");
	return 2;
}

static int sim_main_ulong(const char *s, unsigned long max, unsigned long *out)
{
	char *end = NULL;
	unsigned long v;

	if (s[0] < '0' || s[0] > '9')
		return -1;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno != 0 || *end != '\0' || v > max)
		return -1;
	*out = v;
	return 0;
}

static int sim_main_rate(const char *s, double *out)
{
	char *end = NULL;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno != 0 || end == s || *end != '\0' || !(v >= 0 && v <= 1))
		return -1;
	*out = v;
	return 0;
}

static int sim_main_host_ok(const char *h)
{
	unsigned char buf[16];

	return strcmp(h, "localhost") == 0 || inet_pton(AF_INET, h, buf) == 1 ||
	       inet_pton(AF_INET6, h, buf) == 1;
}

enum {
	OPT_HOST = 256,
	OPT_PORT,
	OPT_TOKEN,
	OPT_DATA,
	OPT_LOGS,
	OPT_SEED,
	OPT_ACCESS,
	OPT_LATENCY,
	OPT_FAIL,
	OPT_RATE,
	OPT_DROP,
	OPT_STEP,
	OPT_TLS_CERT,
	OPT_TLS_KEY,
	OPT_TLS_PRIO,
	OPT_HELP,
	OPT_VERSION,
	OPT_ACTIVITY, /* issue 12 */
	OPT_JITTER /* issue 15 */
};

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"host", required_argument, NULL, OPT_HOST},
		{"port", required_argument, NULL, OPT_PORT},
		{"token", required_argument, NULL, OPT_TOKEN},
		{"data", required_argument, NULL, OPT_DATA},
		{"logs", required_argument, NULL, OPT_LOGS},
		{"seed", required_argument, NULL, OPT_SEED},
		{"access-log", required_argument, NULL, OPT_ACCESS},
		{"latency-ms", required_argument, NULL, OPT_LATENCY},
		{"fail-rate", required_argument, NULL, OPT_FAIL},
		{"rate-limit", required_argument, NULL, OPT_RATE},
		{"drop-rate", required_argument, NULL, OPT_DROP},
		{"step-ms", required_argument, NULL, OPT_STEP},
		{"tls-cert", required_argument, NULL, OPT_TLS_CERT},
		{"tls-key", required_argument, NULL, OPT_TLS_KEY},
		{"tls-priorities", required_argument, NULL, OPT_TLS_PRIO},
		{"activity", required_argument, NULL, OPT_ACTIVITY},
		{"latency-jitter-ms", required_argument, NULL, OPT_JITTER},
		{"help", no_argument, NULL, OPT_HELP},
		{"version", no_argument, NULL, OPT_VERSION},
		{NULL, 0, NULL, 0},
	};
	sim_options opt = {.logs = -1};
	char err[512];
	struct sigaction sa;
	sigset_t set, old;
	unsigned long v;
	sim *s;
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_HOST:
			if (!sim_main_host_ok(optarg))
				return sim_main_bad(
					"host", optarg,
					"use an IPv4 or IPv6 address");
			opt.host = optarg;
			break;
		case OPT_PORT:
			if (sim_main_ulong(optarg, 65535, &v) != 0)
				return sim_main_bad("port", optarg,
						    "use 0..65535");
			opt.port = (unsigned)v;
			break;
		case OPT_TOKEN:
			if (optarg[0] == '\0')
				return sim_main_bad("token", optarg,
						    "must not be empty");
			opt.token = optarg;
			break;
		case OPT_DATA:
			opt.data_file = optarg;
			break;
		case OPT_LOGS:
			if (sim_main_ulong(optarg, SIM_MAX_LOGS, &v) != 0)
				return sim_main_bad("logs", optarg,
						    "use 0..1000000");
			opt.logs = (long)v;
			break;
		case OPT_SEED:
			if (sim_main_ulong(optarg, ULONG_MAX, &v) != 0)
				return sim_main_bad("seed", optarg,
						    "use a whole number");
			opt.seed = v;
			break;
		case OPT_ACCESS:
			opt.access_log = optarg;
			break;
		case OPT_LATENCY:
			if (sim_main_ulong(optarg, 600000, &v) != 0)
				return sim_main_bad("latency-ms", optarg,
						    "use 0..600000");
			opt.latency_ms = (unsigned)v;
			break;
		case OPT_FAIL:
			if (sim_main_rate(optarg, &opt.fail_rate) != 0)
				return sim_main_bad("fail-rate", optarg,
						    "use a number from 0 to 1");
			break;
		case OPT_RATE:
			if (sim_main_ulong(optarg, UINT_MAX, &v) != 0)
				return sim_main_bad("rate-limit", optarg,
						    "use a whole number");
			opt.rate_limit = (unsigned)v;
			break;
		case OPT_DROP:
			if (sim_main_rate(optarg, &opt.drop_rate) != 0)
				return sim_main_bad("drop-rate", optarg,
						    "use a number from 0 to 1");
			break;
		case OPT_STEP:
			if (sim_main_ulong(optarg, 600000, &v) != 0 || v == 0)
				return sim_main_bad("step-ms", optarg,
						    "use 1..600000");
			opt.step_ms = (unsigned)v;
			break;
		case OPT_TLS_CERT:
			opt.tls_cert = optarg;
			break;
		case OPT_TLS_KEY:
			opt.tls_key = optarg;
			break;
		case OPT_TLS_PRIO:
			if (optarg[0] == '\0')
				return sim_main_bad("tls-priorities", optarg,
						    "must not be empty");
			opt.tls_priorities = optarg;
			break;
		case OPT_ACTIVITY:
			if (sim_main_ulong(optarg, SIM_MAX_ACTIVITY, &v) != 0)
				return sim_main_bad("activity", optarg,
						    "use 0..1000000");
			opt.activity = v == 0 ? -1 : (long)v;
			break;
		case OPT_JITTER:
			if (sim_main_ulong(optarg, 600000, &v) != 0)
				return sim_main_bad("latency-jitter-ms", optarg,
						    "use 0..600000");
			opt.latency_jitter_ms = (unsigned)v;
			break;
		case OPT_HELP:
			sim_main_usage(stdout);
			return 0;
		case OPT_VERSION:
			printf("nuki-sim %s\n", PACKAGE_VERSION);
			return 0;
		default:
			if (optopt != 0 && optopt < 256)
				fprintf(stderr, "nuki-sim: unknown option\n");
			else
				fprintf(stderr,
					"nuki-sim: unknown option or missing "
					"value: %s\n",
					argv[optind - 1]);
			fprintf(stderr, "Try 'nuki-sim --help'.\n");
			return 2;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "nuki-sim: unexpected argument '%s'\n",
			argv[optind]);
		fprintf(stderr, "Try 'nuki-sim --help'.\n");
		return 2;
	}

	if ((opt.tls_cert == NULL) != (opt.tls_key == NULL)) {
		fprintf(stderr, "nuki-sim: --tls-cert and --tls-key go "
				"together\n");
		fprintf(stderr, "Try 'nuki-sim --help'.\n");
		return 2;
	}
	if (opt.tls_priorities != NULL && opt.tls_cert == NULL) {
		fprintf(stderr, "nuki-sim: --tls-priorities needs --tls-cert "
				"and --tls-key\n");
		return 2;
	}

	/* Block the stop signals so that only the main thread takes them. */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, &old);
	signal(SIGPIPE, SIG_IGN);

	s = sim_start(&opt, err, sizeof err);
	if (s == NULL) {
		fprintf(stderr, "nuki-sim: %s\n", err);
		return 1;
	}
	printf("%s\n", sim_url(s));
	fflush(stdout);

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = sim_main_on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	while (!sim_main_stop)
		sigsuspend(&old);
	sim_stop(s);
	return 0;
}
