/* SPDX-License-Identifier: MIT */
/*
 * main: nukitui's entry point. Parses the global options of the design
 * (--demo, --base-url, --read-only, --no-color, --ascii, --version,
 * --help, --print-config, and --json/--tsv for the commands), loads the
 * configuration (settings.h) and gives its key and colour lines to the
 * dashboard's tables (before any terminal is touched), and hands over to a front end: the one-shot commands
 * (cli.h) when a command follows the options, else the dashboard. The
 * connection is opened only when a command needs it, so usage errors
 * never need a token and never send anything; --demo starts the
 * simulator in this process at that moment.
 */
#include "config.h"

#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <curl/curl.h>

#include "api/error.h"
#include "api/http.h"
#include "api/text.h"
#include "cli/cli.h"
#include "secrets.h"
#include "model/model.h"
#include "settings.h"
#include "ui/app.h"
#include "ui/keymap.h"
#include "ui/roles.h"
#include "sim/sim.h"

/* The token shared by nukitui and its in-process simulator with --demo;
 * it never leaves the loopback interface. */
#define DEMO_TOKEN "nukitui-demo-token"

typedef struct program {
	settings cfg;
	char cfg_path[SETTINGS_PATH_MAX];
	bool have_path;
	bool loaded;              /* the file was there and read */
	bool demo;
	bool commands;            /* a one-shot command, not the dashboard */
	const char *base_url;     /* --base-url, else the file's, else NULL */
	sim *demo_sim;
	api_http *http;
	char secrets_path[SECRETS_PATH_MAX]; /* "" when there is none */
} program;

static void usage(FILE *out)
{
	fputs("Usage: nukitui [OPTIONS]                the dashboard\n"
	      "       nukitui [OPTIONS] COMMAND ...    one-shot commands\n"
	      "\n"
	      "A terminal dashboard for the Nuki Web API: smart locks and their\n"
	      "activity, decentral webhooks, webhook delivery logs, and who may\n"
	      "open which door (authorizations and account users).\n"
	      "\n"
	      "Options:\n"
	      "  --demo            use a built-in simulator with a demo account\n"
	      "                    (no token, no network needed)\n"
	      "  --base-url URL    API root (default " API_DEFAULT_BASE_URL ");\n"
	      "                    plain http:// only for loopback hosts\n"
	      "  --read-only       refuse every change (lock, unlock, create,\n"
	      "                    delete, disable, enable)\n"
	      "  --no-color        monochrome (also when NO_COLOR is set)\n"
	      "  --ascii           ASCII borders and symbols\n"
	      "  --json, --tsv     output format of the commands (default: table)\n"
	      "  --print-config    print the settings in effect, each with where it\n"
	      "                    comes from (never the token), and exit\n"
	      "  --timeout SECONDS the time budget of one command, 1..600 (default\n"
	      "                    timeout-seconds, 30): its requests, their retries\n"
	      "                    and a wait for an outcome share it; a paging\n"
	      "                    walk gets it again with every page; in the\n"
	      "                    dashboard, the longest a request may take\n"
	      "  --version         print the version and exit\n"
	      "  --help            print this help and exit\n"
	      "\n"
	      "Commands (nukitui COMMAND --help for each):\n",
	      out);
	cli_print_summary(out);
	fputs("\n"
	      "Environment:\n"
	      "  NUKI_API_TOKEN    the API token (never pass it as an argument)\n"
	      "  NUKI_CA_FILE      PEM file of CA certificates to trust instead of\n"
	      "                    the system's (a company CA); overrides ca-file\n"
	      "  https_proxy, HTTPS_PROXY, all_proxy, no_proxy, NO_PROXY\n"
	      "                    honoured by libcurl's rules; TLS is verified\n"
	      "                    end to end through the proxy\n"
	      "\n"
	      "Files:\n"
	      "  $XDG_CONFIG_HOME/nukitui/config (default ~/.config/nukitui/config)\n"
	      "                    token, base-url, api-key, page-size,\n"
	      "                    refresh-seconds, timeout-seconds, read-only,\n"
	      "                    color, ascii, ca-file (an absolute path),\n"
	      "                    mouse (on or off), clipboard (osc52 or off);\n"
	      "                    bind, unbind and color lines for the\n"
	      "                    dashboard's keys and colours; must be mode 600\n"
	      "  $XDG_DATA_HOME/nukitui/secrets (default ~/.local/share/...)\n"
	      "                    webhook secrets, \"ID SECRET\" lines, mode 600\n"
	      "  $XDG_CACHE_HOME/nukitui/ (default ~/.cache/nukitui/)\n"
	      "                    ids for shell completion, written when listing\n"
	      "\n"
	      "Exit codes: 0 success, 1 API error, 2 bad usage or invalid argument\n"
	      "(nothing sent), 3 network or TLS failure, 4 configuration error.\n",
	      out);
}

/* Where the configuration file is, for loading and for messages. */
static void find_config(program *pg)
{
	settings_error err;

	pg->have_path = settings_default_path(pg->cfg_path, sizeof pg->cfg_path,
					      getenv("XDG_CONFIG_HOME"),
					      getenv("HOME"), &err);
	if (!pg->have_path)
		snprintf(pg->cfg_path, sizeof pg->cfg_path,
			 "~/.config/nukitui/config");
}

/* Where the webhook secrets are kept (secrets.h); --demo keeps its
 * own. */
static void find_secrets(program *pg)
{
	secrets_error err;

	if (!secrets_default_path(pg->secrets_path, sizeof pg->secrets_path,
				  getenv("XDG_DATA_HOME"), getenv("HOME"),
				  pg->demo, &err))
		pg->secrets_path[0] = '\0';
}

static bool utf8_locale(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs && strcmp(cs, "UTF-8") == 0;
}

/* The CA file, from NUKI_CA_FILE over the file's ca-file, must be
 * readable; returns 0 or an exit code after a message. Not for --demo,
 * which talks plain http to its own simulator. */
static int load_ca_file(program *pg)
{
	const char *env = getenv("NUKI_CA_FILE");
	char origin[SETTINGS_PATH_MAX + 16];
	settings_error err;

	if (env && *env) {
		if (!settings_set_ca_file(&pg->cfg, env, &err)) {
			fprintf(stderr, "nukitui: %s\n", err.message);
			return CLI_EXIT_CONFIG;
		}
		snprintf(origin, sizeof origin, "NUKI_CA_FILE");
		settings_set_source(&pg->cfg, SETTINGS_KEY_CA_FILE, SETTINGS_FROM_ENV,
				    "NUKI_CA_FILE");
	} else {
		snprintf(origin, sizeof origin, "%s: ca-file", pg->cfg_path);
	}
	if (pg->demo || !pg->cfg.ca_file)
		return CLI_EXIT_OK;
	if (!settings_check_ca_file(pg->cfg.ca_file, origin, &err)) {
		fprintf(stderr, "nukitui: %s\n", err.message);
		return CLI_EXIT_CONFIG;
	}
	return CLI_EXIT_OK;
}

/* Environment and file; returns 0 or an exit code after a message. */
static int load_config(program *pg)
{
	const char *env = getenv("NUKI_API_TOKEN");
	settings_error err;

	find_config(pg);
	if (pg->have_path) {
		settings_load_result r = settings_load_file(&pg->cfg, pg->cfg_path, &err);

		if (r == SETTINGS_REFUSED) {
			fprintf(stderr, "nukitui: %s\n", err.message);
			return CLI_EXIT_CONFIG;
		}
		pg->loaded = r == SETTINGS_LOADED;
	}
	if (env && *env && !settings_set_token(&pg->cfg, env, &err)) {
		fprintf(stderr, "nukitui: %s\n", err.message);
		return CLI_EXIT_CONFIG;
	}
	if (env && *env)
		settings_set_source(&pg->cfg, SETTINGS_KEY_TOKEN, SETTINGS_FROM_ENV,
				    "NUKI_API_TOKEN");
	return load_ca_file(pg);
}

/* The file's bind, unbind and color lines into the dashboard's key map
 * and colour roles, in file order, then the check that a key still
 * quits; 0, or CLI_EXIT_CONFIG after a message naming the file and the
 * line. Done for every command, before any terminal is touched. */
static int apply_ui_lines(program *pg)
{
	char msg[512];
	unsigned line = 0;
	bool ok = true;

	for (size_t i = 0; ok && i < pg->cfg.n_ui_lines; i++) {
		const settings_ui_line *l = &pg->cfg.ui_lines[i];
		const char *const *attrs;
		const char *w[SETTINGS_WORDS_MAX] = { NULL };
		bool pane = false;

		for (unsigned k = 0; k < l->n; k++)
			w[k] = l->word[k];
		line = l->line;
		switch (l->kind) {
		case SETTINGS_UI_BIND:
			pane = l->n == 3;
			ok = ui_keymap_bind(pane ? w[0] : NULL, w[pane], w[pane + 1], line, msg,
					    sizeof msg);
			break;
		case SETTINGS_UI_UNBIND:
			pane = l->n == 2;
			ok = ui_keymap_unbind(pane ? w[0] : NULL, w[pane], line, msg, sizeof msg);
			break;
		case SETTINGS_UI_COLOR:
			attrs = w + 3;
			ok = ui_roles_color(w[0], w[1], w[2], attrs, l->n - 3, msg, sizeof msg);
			break;
		}
	}
	if (ok && pg->cfg.n_ui_lines)
		ok = ui_keymap_check(msg, sizeof msg, &line);
	if (ok)
		return CLI_EXIT_OK;
	/* the path was escaped for the messages of settings; so here */
	{
		char shown[SETTINGS_PATH_MAX * 4 + 8];

		text_escape(shown, sizeof shown, pg->cfg_path, strlen(pg->cfg_path), 0);
		fprintf(stderr, "nukitui: %s:%u: %s\n", shown, line, msg);
	}
	return CLI_EXIT_CONFIG;
}

/* api_http_config.on_retry for the commands, when standard error is a
 * terminal: a person waiting sees why nothing happens yet. Scripts
 * (stderr redirected) keep one line per failure. */
static void say_retrying(void *arg, api_call call, int attempt, int attempts_max,
			 long delay_ms, const api_error *why)
{
	(void)arg;
	fprintf(stderr, "nukitui: %s: %s; retrying in %.1f s (attempt %d of %d)\n",
		api_call_name(call), why->message, (double)delay_ms / 1000.0, attempt,
		attempts_max);
}

/* cli_connect_fn: the transport, made on first need. */
static api_http *connect_api(void *arg, int *exit_code)
{
	program *pg = arg;
	api_http_config hc = { .max_retries = -1 };
	api_error err;
	char msg[256];

	if (pg->http)
		return pg->http;
	hc.timeout_ms = (long)pg->cfg.timeout_seconds * 1000;
	hc.connect_timeout_ms = hc.timeout_ms < 10000 ? hc.timeout_ms : 10000;
	if (pg->commands && isatty(STDERR_FILENO))
		hc.on_retry = say_retrying;
	if (pg->demo) {
		sim_options so = { .token = DEMO_TOKEN, .logs = -1 };

		pg->demo_sim = sim_start(&so, msg, sizeof msg);
		if (!pg->demo_sim) {
			fprintf(stderr,
				"nukitui: --demo: cannot start the simulator: "
				"%s\n",
				msg);
			*exit_code = CLI_EXIT_NETWORK;
			return NULL;
		}
		hc.base_url = sim_url(pg->demo_sim);
		hc.token = DEMO_TOKEN;
	} else {
		if (!pg->cfg.token) {
			fprintf(stderr,
				"nukitui: no API token: set NUKI_API_TOKEN, or "
				"put 'token = ...' in %s (mode 600); or try "
				"--demo\n",
				pg->cfg_path);
			*exit_code = CLI_EXIT_CONFIG;
			return NULL;
		}
		hc.base_url = pg->base_url;
		hc.token = pg->cfg.token;
		hc.ca_file = pg->cfg.ca_file;
	}
	if (api_http_new(&pg->http, &hc, &err) != API_OK) {
		fprintf(stderr, "nukitui: %s\n", err.message);
		*exit_code = err.kind == API_ERR_INVALID ? CLI_EXIT_CONFIG
							 : CLI_EXIT_API;
		pg->http = NULL;
		return NULL;
	}
	return pg->http;
}

static void program_free(program *pg)
{
	api_http_free(pg->http);
	sim_stop(pg->demo_sim);
	settings_free(&pg->cfg);
}

/* The token lives in this process's memory: no core file and no
 * ptrace or /proc/PID/mem access by other processes of the user
 * (PR_SET_DUMPABLE 0 also makes /proc/PID/environ root's). Done first,
 * before the token is read. */
static void protect_secrets(void)
{
	struct rlimit none = { 0, 0 };

	setrlimit(RLIMIT_CORE, &none);
#ifdef __linux__
	prctl(PR_SET_DUMPABLE, 0L, 0L, 0L, 0L);
#endif
}

/* The dashboard's model keeps at most this many answers in its cache:
 * the lists plus about 30 log pages (older ones are fetched again when
 * revisited), so memory stays flat however far the log pages go. The
 * byte cap stays the default, above the largest answer accepted. (bench
 * 2b) */
#define DASHBOARD_CACHE_MAX_ENTRIES 32

/* No command: the dashboard, on the configured account or the demo. The
 * transport and the model are made here and handed to the UI. */
static int run_dashboard(program *pg)
{
	const char *cs = nl_langinfo(CODESET);
	ui_options uo = {
		.ascii = pg->cfg.ascii || !cs || strcmp(cs, "UTF-8") != 0,
		.color = pg->cfg.color,
		.read_only = pg->cfg.read_only,
		.demo = pg->demo,
		.mouse = pg->cfg.mouse,
		.api_key = pg->cfg.api_key,
		.clipboard = pg->cfg.clipboard,
		.secrets_path = pg->secrets_path[0] ? pg->secrets_path : NULL,
	};
	model_config mc = {
		/* each log starts at its own default unless page-size was
		 * set (issue 15: no first page at 50 before the 20 of the
		 * activity log) */
		.log_limit = pg->cfg.source[SETTINGS_KEY_PAGE_SIZE] != SETTINGS_FROM_DEFAULT
				     ? pg->cfg.page_size
				     : 0,
		.read_only = pg->cfg.read_only,
		.cache_max_entries = DASHBOARD_CACHE_MAX_ENTRIES,
	};
	model *m = NULL;
	api_http *h;
	api_error err;
	int code = CLI_EXIT_OK;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fputs("nukitui: the dashboard needs a terminal; for scripts use a "
		      "command (see --help)\n",
		      stderr);
		return CLI_EXIT_USAGE;
	}
	if (pg->cfg.refresh_seconds > 0)
		mc.list_ttl_ms = (int64_t)pg->cfg.refresh_seconds * 1000;
	curl_global_init(CURL_GLOBAL_DEFAULT);
	h = connect_api(pg, &code);
	if (h && model_new_http(&m, h, &mc, &err) != API_OK) {
		fprintf(stderr, "nukitui: %s\n", err.message);
		code = err.kind == API_ERR_INVALID ? CLI_EXIT_CONFIG : 1;
	} else if (h) {
		uo.account = api_http_base_url(h);
		code = ui_run(m, &uo);
	}
	model_free(m);
	curl_global_cleanup();
	return code;
}

/* The options and the environment over the file, each marked with
 * where it came from for --print-config (an option that changes nothing,
 * --read-only over "read-only = yes", still counts as the source). */
static void apply_options(program *pg, const char *base_url, bool read_only, bool no_color,
			  bool ascii)
{
	settings *c = &pg->cfg;
	const char *cs = nl_langinfo(CODESET);

	if (base_url) {
		char *copy = strdup(base_url);

		if (copy) {
			free(c->base_url);
			c->base_url = copy;
			settings_set_source(c, SETTINGS_KEY_BASE_URL, SETTINGS_FROM_OPTION,
					    "--base-url");
		}
	}
	if (pg->demo) {
		settings_set_source(c, SETTINGS_KEY_BASE_URL, SETTINGS_FROM_OPTION, "--demo");
		settings_set_source(c, SETTINGS_KEY_TOKEN, SETTINGS_FROM_OPTION, "--demo");
	}
	if (read_only) {
		c->read_only = true;
		settings_set_source(c, SETTINGS_KEY_READ_ONLY, SETTINGS_FROM_OPTION, "--read-only");
	}
	if (no_color) {
		c->color = false;
		settings_set_source(c, SETTINGS_KEY_COLOR, SETTINGS_FROM_OPTION, "--no-color");
	} else if (getenv("NO_COLOR")) {
		c->color = false;
		settings_set_source(c, SETTINGS_KEY_COLOR, SETTINGS_FROM_ENV, "NO_COLOR");
	}
	if (ascii) {
		c->ascii = true;
		settings_set_source(c, SETTINGS_KEY_ASCII, SETTINGS_FROM_OPTION, "--ascii");
	} else if (!c->ascii && (!cs || strcmp(cs, "UTF-8") != 0)) {
		/* the dashboard draws ASCII where the locale is not UTF-8 */
		c->ascii = true;
		settings_set_source(c, SETTINGS_KEY_ASCII, SETTINGS_FROM_ENV,
				    "the locale is not UTF-8");
	}
}

int main(int argc, char **argv)
{
	enum { OPT_DEMO = 256, OPT_BASE_URL, OPT_READ_ONLY, OPT_NO_COLOR,
	       OPT_ASCII, OPT_JSON, OPT_TSV, OPT_VERSION, OPT_HELP,
	       OPT_PRINT_CONFIG, OPT_TIMEOUT };
	static const struct option longopts[] = {
		{ "demo", no_argument, NULL, OPT_DEMO },
		{ "base-url", required_argument, NULL, OPT_BASE_URL },
		{ "read-only", no_argument, NULL, OPT_READ_ONLY },
		{ "no-color", no_argument, NULL, OPT_NO_COLOR },
		{ "ascii", no_argument, NULL, OPT_ASCII },
		{ "json", no_argument, NULL, OPT_JSON },
		{ "tsv", no_argument, NULL, OPT_TSV },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ "help", no_argument, NULL, OPT_HELP },
		{ "print-config", no_argument, NULL, OPT_PRINT_CONFIG },
		/* issue 15: one command's time budget */
		{ "timeout", required_argument, NULL, OPT_TIMEOUT },
		{ NULL, 0, NULL, 0 },
	};
	program pg = { .demo = false };
	const char *base_url = NULL;
	bool read_only = false, no_color = false, ascii = false, print_config = false;
	long timeout_s = 0;
	cli_format format = CLI_FORMAT_TABLE;
	api_error err;
	int c, code;

	protect_secrets();
	setlocale(LC_ALL, "");
	settings_init(&pg.cfg);
	opterr = 0;
	/* '+': stop at the command; its options are the command's */
	while ((c = getopt_long(argc, argv, "+:h", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_DEMO:
			pg.demo = true;
			break;
		case OPT_READ_ONLY:
			read_only = true;
			break;
		case OPT_NO_COLOR:
			no_color = true;
			break;
		case OPT_ASCII:
			ascii = true;
			break;
		case OPT_JSON:
			format = CLI_FORMAT_JSON;
			break;
		case OPT_TSV:
			format = CLI_FORMAT_TSV;
			break;
		case OPT_BASE_URL:
			base_url = optarg;
			break;
		case OPT_PRINT_CONFIG:
			print_config = true;
			break;
		case OPT_TIMEOUT: {
			char *end = NULL;

			timeout_s = strtol(optarg, &end, 10);
			if (!*optarg || *end || timeout_s < 1 || timeout_s > 600) {
				fputs("nukitui: --timeout takes a number of seconds, 1 to "
				      "600\n",
				      stderr);
				return CLI_EXIT_USAGE;
			}
			break;
		}
		case OPT_VERSION:
			printf("nukitui %s\n", PACKAGE_VERSION);
			return CLI_EXIT_OK;
		case 'h':
		case OPT_HELP:
			usage(stdout);
			return CLI_EXIT_OK;
		case ':':
			fprintf(stderr,
				"nukitui: option '%s' needs a value; try --help\n",
				argv[optind - 1]);
			return CLI_EXIT_USAGE;
		default:
			fprintf(stderr, "nukitui: unknown option '%s'; try --help\n",
				argv[optind - 1]);
			return CLI_EXIT_USAGE;
		}
	}
	if (base_url && api_url_check(base_url, &err) != API_OK) {
		fprintf(stderr, "nukitui: --base-url: %s\n", err.message);
		return CLI_EXIT_USAGE;
	}
	if (base_url && pg.demo) {
		fputs("nukitui: --demo brings its own simulator; leave out "
		      "--base-url\n",
		      stderr);
		return CLI_EXIT_USAGE;
	}
	if (optind < argc && !cli_is_command(argv[optind])) {
		cli_context none = { .out = stdout, .err = stderr };
		return cli_run(&none, argc - optind, argv + optind);
	}

	code = load_config(&pg);
	if (!code)
		code = apply_ui_lines(&pg);
	if (code) {
		program_free(&pg);
		return code;
	}
	apply_options(&pg, base_url, read_only, no_color, ascii);
	if (timeout_s) {
		pg.cfg.timeout_seconds = (int)timeout_s;
		settings_set_source(&pg.cfg, SETTINGS_KEY_TIMEOUT_SECONDS, SETTINGS_FROM_OPTION,
				    "--timeout");
	}
	pg.base_url = pg.cfg.base_url;
	if (print_config) {
		settings_print(stdout, &pg.cfg, pg.have_path ? pg.cfg_path : NULL, pg.loaded,
			       pg.demo);
		program_free(&pg);
		return fflush(stdout) == 0 ? CLI_EXIT_OK : CLI_EXIT_USAGE;
	}

	if (optind >= argc) {
		find_secrets(&pg);
		code = run_dashboard(&pg);
		program_free(&pg);
		return code;
	}

	find_secrets(&pg);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	pg.commands = true;
	cli_context ctx = {
		.format = format,
		.read_only = pg.cfg.read_only,
		.default_api_key = pg.cfg.api_key,
		.page_size = pg.cfg.page_size,
		.demo = pg.demo,
		.budget_seconds = pg.cfg.timeout_seconds,
		.out = stdout,
		.err = stderr,
		.connect = connect_api,
		.connect_arg = &pg,
		.secrets_path = pg.secrets_path[0] ? pg.secrets_path : NULL,
		.ascii = pg.cfg.ascii || !utf8_locale(),
	};
	code = cli_run(&ctx, argc - optind, argv + optind);
	program_free(&pg);
	curl_global_cleanup();
	return code;
}
