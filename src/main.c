/* SPDX-License-Identifier: MIT */
/*
 * main: nukitui's entry point. Parses the global options of the design
 * (--demo, --base-url, --read-only, --no-color, --ascii, --version,
 * --help) and hands over to a front end. The dashboard and the one-shot
 * commands are being built; until they land this prints what exists.
 */
#include "config.h"

#include <getopt.h>
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "api/error.h"
#include "api/http.h"

enum { EXIT_USAGE = 2 };

static void usage(FILE *out)
{
	fputs("Usage: nukitui [OPTIONS]            the dashboard\n"
	      "       nukitui [OPTIONS] COMMAND ...  one-shot commands (coming)\n"
	      "\n"
	      "A terminal dashboard for the Nuki Web API: smart locks, decentral\n"
	      "webhooks and webhook delivery logs.\n"
	      "\n"
	      "Options:\n"
	      "  --demo            use a built-in simulator with a demo account\n"
	      "                    (no token, no network needed)\n"
	      "  --base-url URL    API root (default " API_DEFAULT_BASE_URL ");\n"
	      "                    plain http:// only for loopback hosts\n"
	      "  --read-only       refuse every change (lock, unlock, create, delete)\n"
	      "  --no-color        monochrome (also when NO_COLOR is set)\n"
	      "  --ascii           ASCII borders and symbols\n"
	      "  --version         print the version and exit\n"
	      "  --help            print this help and exit\n"
	      "\n"
	      "Environment:\n"
	      "  NUKI_API_TOKEN    the API token (never pass it as an argument)\n"
	      "\n"
	      "Exit codes: 0 success, 1 API error, 2 bad usage or invalid argument\n"
	      "(nothing sent), 3 network or TLS failure, 4 configuration error.\n",
	      out);
}

int main(int argc, char **argv)
{
	enum { OPT_DEMO = 256, OPT_BASE_URL, OPT_READ_ONLY, OPT_NO_COLOR,
	       OPT_ASCII, OPT_VERSION, OPT_HELP };
	static const struct option longopts[] = {
		{ "demo", no_argument, NULL, OPT_DEMO },
		{ "base-url", required_argument, NULL, OPT_BASE_URL },
		{ "read-only", no_argument, NULL, OPT_READ_ONLY },
		{ "no-color", no_argument, NULL, OPT_NO_COLOR },
		{ "ascii", no_argument, NULL, OPT_ASCII },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ "help", no_argument, NULL, OPT_HELP },
		{ NULL, 0, NULL, 0 },
	};
	const char *base_url = NULL;
	api_error err;
	int c;

	setlocale(LC_ALL, "");
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+h", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_DEMO:
		case OPT_READ_ONLY:
		case OPT_NO_COLOR:
		case OPT_ASCII:
			break;
		case OPT_BASE_URL:
			base_url = optarg;
			break;
		case OPT_VERSION:
			printf("nukitui %s\n", PACKAGE_VERSION);
			return EXIT_SUCCESS;
		case 'h':
		case OPT_HELP:
			usage(stdout);
			return EXIT_SUCCESS;
		default:
			fprintf(stderr, "nukitui: unknown option '%s'; try --help\n",
				argv[optind - 1]);
			return EXIT_USAGE;
		}
	}
	if (base_url && api_url_check(base_url, &err) != API_OK) {
		fprintf(stderr, "nukitui: --base-url: %s\n", err.message);
		return EXIT_USAGE;
	}
	fputs("nukitui: the dashboard is not built yet; see --help for what works\n",
	      stderr);
	return EXIT_USAGE;
}
