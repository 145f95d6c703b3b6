/* SPDX-License-Identifier: MIT */
/*
 * app: the dashboard's event loop. It owns the terminal and the panes
 * (one state each, allocated at start), queues the model's changes and
 * delivers them to every pane and to the outcome reports, decodes the
 * keys (input.c) and sends each to the open dialog, the help, the detail
 * view, or through the key map to the current pane and then to itself;
 * mouse events go to app_mouse.c.
 * One loop turn: wait on the network and the keyboard together, take in
 * the model's changes, read every pending key, paint once if anything
 * changed (frame.c).
 */
#include "config.h"

#include "ui/app.h"

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "api/text.h"
#include "ui/clipboard.h"
#include "ui/columns.h"
#include "ui/private.h"
#include "ui/scroll.h"

/* A message other than an error goes after this many seconds. */
#define MSG_SECONDS 8

static volatile sig_atomic_t got_signal;

static void on_signal(int sig)
{
	got_signal = sig;
}

static volatile sig_atomic_t got_tstp;

static void on_tstp(int sig)
{
	(void)sig;
	got_tstp = 1;
}

static int64_t mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- services -------------------------------------------------------------- */

__attribute__((format(printf, 4, 0)))
static void set_message(struct app *a, enum ui_role role, bool keep, const char *fmt, va_list ap)
{
	char raw[UI_MSG_MAX];

	vsnprintf(raw, sizeof raw, fmt, ap);
	text_escape(a->msg, sizeof a->msg, raw, strlen(raw), 0);
	a->msg_role = role;
	a->msg_at = a->now;
	a->msg_keep = keep;
	a->msg_network = false;
	a->redraw = true;
	ui_messages_add(&a->history, time(NULL), role, a->msg);
}

void app_message(struct app *a, enum ui_role role, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	set_message(a, role, false, fmt, ap);
	va_end(ap);
}

void app_report(struct app *a, enum ui_role role, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	set_message(a, role, true, fmt, ap);
	va_end(ap);
}

void app_message_reports(struct app *a, const api_error *err)
{
	a->msg_network = err && (err->kind == API_ERR_NETWORK || err->kind == API_ERR_TIMEOUT ||
				 err->kind == API_ERR_TLS);
}

void app_error(struct app *a, const char *what, const api_error *err)
{
	app_message(a, ROLE_ERROR, "%s: %s", what, err->message);
	app_message_reports(a, err);
}

void app_flush_input(struct app *a)
{
	flushinp();
	ui_input_reset(&a->input);
	a->drop_keys = true;
}

void app_copy(struct app *a, const char *what, const void *value, size_t len)
{
	const char *tmux = getenv("TMUX");

	if (!a->opt.clipboard) {
		app_message(a, ROLE_DIM, "not copied: clipboard = off in the configuration file");
		return;
	}
	if (len > UI_CLIPBOARD_MAX) {
		app_message(a, ROLE_WARNING, "not copied: %s is longer than %d bytes", what,
			    UI_CLIPBOARD_MAX);
		return;
	}
	/* what curses holds goes out first, then the sequence as is */
	fflush(stdout);
	if (!ui_clipboard_copy(STDOUT_FILENO, value, len, tmux && *tmux))
		app_message(a, ROLE_ERROR, "not copied: the terminal could not be written");
	else
		app_message(a, ROLE_OK, "copied %s (OSC 52)", what);
}

bool app_scroll_action(struct ui_scroll *sc, enum ui_action act)
{
	switch (act) {
	case UI_ACTION_UP:
		ui_scroll_move(sc, -1);
		return true;
	case UI_ACTION_DOWN:
		ui_scroll_move(sc, 1);
		return true;
	case UI_ACTION_PAGE_UP:
		ui_scroll_page(sc, -1);
		return true;
	case UI_ACTION_PAGE_DOWN:
		ui_scroll_page(sc, 1);
		return true;
	case UI_ACTION_HOME:
		ui_scroll_home(sc);
		return true;
	case UI_ACTION_END:
		ui_scroll_end(sc);
		return true;
	case UI_ACTION_SELECT_ROW:
		if (sc->clicked < sc->count)
			ui_scroll_select(sc, sc->clicked);
		return true;
	default:
		return false;
	}
}

void app_list_area(struct app *a, struct ui_scroll *sc, int y)
{
	a->list = sc;
	a->list_y = y;
}

bool app_lines_add(struct ui_lines *l, const char *fmt, ...)
{
	char buf[2048];
	char **v;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	v = realloc(l->v, (l->n + 1) * sizeof *v);
	if (!v)
		return false;
	l->v = v;
	l->v[l->n] = strdup(buf);
	if (!l->v[l->n])
		return false;
	l->n++;
	return true;
}

void app_detail(struct app *a, const char *title, struct ui_lines *lines)
{
	ui_lines_free(&a->detail);
	a->detail = *lines;
	lines->v = NULL;
	lines->n = 0;
	snprintf(a->detail_title, sizeof a->detail_title, "%s", title);
	a->detail_open = true;
	a->detail_top = 0;
	a->detail_owner = NULL;
	a->detail_key = 0;
	a->redraw = true;
}

/* ---- model events: queued, then heard by every pane ---------------------- */

static void deliver_events(struct app *a)
{
	unsigned ev = a->events | model_take_dirty(a->m);

	a->events = 0;
	if (!ev)
		return;
	for (int i = 0; i < PANE_COUNT; i++) {
		const struct pane_ops *ops = ui_pane_ops((enum ui_pane_id)i);
		bool visible = i == (int)a->pane;

		if (ops->on_model && ops->on_model(a, a->pane_state[i], ev, visible) && visible)
			a->redraw = true;
	}
	outcome_update(a, ev);
	if (ev & MODEL_DIRTY(MODEL_REQUESTS))
		a->redraw = true;
}

/* ---- keys ------------------------------------------------------------------ */

static void *cur_state(struct app *a)
{
	return a->pane_state[a->pane];
}

void app_show_pane(struct app *a, enum ui_pane_id p)
{
	const struct pane_ops *from = ui_pane_ops(a->pane), *to = ui_pane_ops(p);

	if (!to || p == a->pane)
		return;
	if (from->leave)
		from->leave(a, cur_state(a));
	/* each pane keeps its filter until it is cleared */
	memcpy(a->pane_filter[a->pane], a->filter, sizeof a->filter);
	a->filter_editing = false;
	a->pane = p;
	a->list = NULL;
	memcpy(a->filter, a->pane_filter[p], sizeof a->filter);
	if (!a->msg_keep)
		a->msg[0] = '\0';
	if (to->enter)
		to->enter(a, cur_state(a));
	a->redraw = true;
}

/* Refuse a mutating action in read-only mode, naming it as the help
 * does. */
static bool refuse_read_only(struct app *a, const struct ui_binding *b)
{
	if (!a->opt.read_only || !ui_action_mutates(b->action))
		return false;
	app_message(a, ROLE_WARNING, "read-only mode: \"%s\" is refused (started with --read-only)",
		    b->help ? b->help : ui_action_help(b->action));
	return true;
}

static void set_filter(struct app *a, const char *text)
{
	const struct pane_ops *ops = ui_pane_ops(a->pane);

	if (ops->on_filter)
		ops->on_filter(a, cur_state(a), text);
}

/* The filter prompt: the one line editor (lineedit.h), Enter keeps the
 * filter, Esc clears it. */
static void key_filter(struct app *a, int ch)
{
	a->redraw = true;
	if (ch == '\n' || ch == '\r' || ch == KEY_ENTER) {
		const struct pane_ops *ops = ui_pane_ops(a->pane);

		a->filter_editing = false;
		if (ops->on_filter_enter)
			ops->on_filter_enter(a, cur_state(a), a->filter);
		return;
	}
	if (ch == UI_KEY_ESC) {
		a->filter_editing = false;
		ui_lineedit_set(&a->filter_edit, "");
		set_filter(a, a->filter);
		return;
	}
	if (ui_lineedit_key(&a->filter_edit, ch) == UI_EDIT_CHANGED)
		set_filter(a, a->filter);
}

/* In a detail view the pane still takes S (show the secret) and y
 * (copy): it knows the view is open (a->detail_open). */
static void detail_action(struct app *a, int ch)
{
	const struct ui_binding *b = ui_keymap_find(a->pane, ch);
	const struct pane_ops *ops = ui_pane_ops(a->pane);

	if (!b || (b->action != UI_ACTION_SHOW_SECRET && b->action != UI_ACTION_COPY) ||
	    !ops->on_action)
		return;
	if (ops->on_action(a, cur_state(a), b->action) & UI_HANDLED)
		a->redraw = true;
}

/* The action a key has in an overlay: what the key map says, with Esc
 * always going back and Backspace too (so that an overlay can always be
 * left), and Space paging down. */
static enum ui_action overlay_action(struct app *a, int ch)
{
	if (ch == UI_KEY_ESC || ch == KEY_BACKSPACE)
		return UI_ACTION_BACK;
	if (ch == ' ')
		return UI_ACTION_PAGE_DOWN;
	return ui_keymap_lookup(a->pane, ch);
}

static void key_detail(struct app *a, int ch)
{
	int page = LINES - 4;

	a->redraw = true;
	switch (overlay_action(a, ch)) {
	case UI_ACTION_UP:
		a->detail_top--;
		break;
	case UI_ACTION_DOWN:
		a->detail_top++;
		break;
	case UI_ACTION_PAGE_UP:
		a->detail_top -= page;
		break;
	case UI_ACTION_PAGE_DOWN:
		a->detail_top += page;
		break;
	case UI_ACTION_HOME:
		a->detail_top = 0;
		break;
	case UI_ACTION_END:
		a->detail_top = (int)a->detail.n;
		break;
	case UI_ACTION_BACK:
	case UI_ACTION_QUIT:
	case UI_ACTION_OPEN:
		a->detail_open = false;
		ui_lines_free(&a->detail);
		break;
	default:
		a->redraw = false;
		detail_action(a, ch);
		break;
	}
}

static void key_help(struct app *a, int ch)
{
	a->redraw = true;
	switch (overlay_action(a, ch)) {
	case UI_ACTION_DOWN:
		a->help_top++;
		break;
	case UI_ACTION_UP:
		if (a->help_top > 0)
			a->help_top--;
		break;
	case UI_ACTION_PAGE_DOWN:
		a->help_top += LINES - 4;
		break;
	case UI_ACTION_PAGE_UP:
		a->help_top = a->help_top > LINES - 4 ? a->help_top - (LINES - 4) : 0;
		break;
	case UI_ACTION_BACK:
	case UI_ACTION_QUIT:
	case UI_ACTION_HELP:
	case UI_ACTION_OPEN:
		a->help_open = false;
		break;
	default:
		a->redraw = false;
		break;
	}
}

/* An action the pane did not take. */
static void app_action(struct app *a, const struct ui_binding *b)
{
	switch (b->action) {
	case UI_ACTION_QUIT:
		a->quit = true;
		break;
	case UI_ACTION_HELP:
		a->help_open = true;
		a->help_top = 0;
		a->redraw = true;
		break;
	case UI_ACTION_REPAINT:
		clearok(curscr, TRUE);
		a->redraw = true;
		break;
	case UI_ACTION_PANE:
		app_show_pane(a, (enum ui_pane_id)b->arg);
		break;
	case UI_ACTION_PANE_NEXT:
		app_show_pane(a, (enum ui_pane_id)((a->pane + 1) % PANE_COUNT));
		break;
	case UI_ACTION_PANE_PREV:
		app_show_pane(a, (enum ui_pane_id)((a->pane + PANE_COUNT - 1) % PANE_COUNT));
		break;
	case UI_ACTION_MESSAGES:
		frame_messages(a);
		break;
	case UI_ACTION_FILTER:
		ui_lineedit_init(&a->filter_edit, a->filter, sizeof a->filter);
		a->filter_editing = true;
		a->redraw = true;
		break;
	case UI_ACTION_BACK:
		if (a->filter[0]) {
			a->filter[0] = '\0';
			set_filter(a, "");
			a->redraw = true;
		} else if (a->msg[0]) {
			a->msg[0] = '\0';
			a->redraw = true;
		}
		break;
	default:
		break;
	}
}

void app_run_binding(struct app *a, const struct ui_binding *b)
{
	const struct pane_ops *ops = ui_pane_ops(a->pane);

	if (a->msg[0] && a->msg_role != ROLE_ERROR && !a->msg_keep) {
		a->msg[0] = '\0';
		a->redraw = true;
	}
	if (refuse_read_only(a, b))
		return;
	if (ops->on_action && (ops->on_action(a, cur_state(a), b->action) & UI_HANDLED)) {
		a->redraw = true;
		return;
	}
	app_action(a, b);
}

static void handle_key(struct app *a, int ch)
{
	const struct ui_binding *b;

	if (ch == KEY_RESIZE) {
		a->redraw = true;
		return;
	}
	if (ch == UI_KEY_CTRL('c')) {
		a->quit = true;
		return;
	}
	b = ui_keymap_find(a->pane, ch);
	/* a control key bound to repaint works over dialogs and overlays */
	if (b && b->action == UI_ACTION_REPAINT && ch < 0x20) {
		clearok(curscr, TRUE);
		a->redraw = true;
		return;
	}
	if (ui_screen_too_small(COLS, LINES)) {
		if (b && b->action == UI_ACTION_QUIT)
			a->quit = true;
		return;
	}
	/* the help opens over dialogs too (? in a menu), and goes first */
	if (a->help_open)
		return key_help(a, ch);
	if (dialogs_key(a, ch))
		return;
	if (a->filter_editing)
		return key_filter(a, ch);
	if (a->detail_open)
		return key_detail(a, ch);
	if (b)
		app_run_binding(a, b);
}

/* One key from the decoder, or a mouse event it decoded. */
static void take_key(struct app *a, int key)
{
	if (key == UI_INPUT_MOUSE)
		app_mouse(a, &a->input.mouse, mono_ms());
	else if (key != KEY_MOUSE)
		handle_key(a, key);
}

/* Every pending key through the decoder; a dialog that opens drops the
 * rest of what was typed before it. */
static void take_keys(struct app *a)
{
	int out[UI_INPUT_OUT_MAX];
	size_t n;
	int ch;

	while (!a->quit && (ch = getch()) != ERR) {
		a->drop_keys = false;
		n = ui_input_feed(&a->input, ch, mono_ms(), out);
		for (size_t i = 0; i < n && !a->drop_keys && !a->quit; i++)
			take_key(a, out[i]);
	}
	a->drop_keys = false;
	n = ui_input_expire(&a->input, mono_ms(), false, out);
	for (size_t i = 0; i < n && !a->quit; i++)
		handle_key(a, out[i]);
}

/* ---- set-up and the loop -------------------------------------------------- */

/* A role's colour, or the terminal's own when it has fewer colours
 * (a color line may name 0-255 on an 8-colour terminal). */
static short role_color(int c)
{
	return (short)(c < COLORS ? c : UI_COLOR_DEFAULT);
}

static void init_colors(struct app *a)
{
	const struct ui_role_style *normal = ui_role_style(ROLE_NORMAL);

	if (!has_colors() || start_color() == ERR)
		return;
	use_default_colors();
	for (int r = 0; r < ROLE_COUNT; r++) {
		const struct ui_role_style *s = ui_role_style((enum ui_role)r);
		init_pair((short)(r + 1), role_color(s->fg), role_color(s->bg));
	}
	a->have_colors = true;
	/* a color line for "normal" colours the whole screen */
	if (a->opt.color && (normal->fg != UI_COLOR_DEFAULT || normal->bg != UI_COLOR_DEFAULT))
		bkgd(COLOR_PAIR(ROLE_NORMAL + 1));
}

/* The mouse, unless the configuration turned it off, where TERM's
 * terminfo says the terminal reports one (kmous): button presses,
 * releases and the wheel (mode 1000) as SGR reports (1006; no 223-column
 * limit). ncurses matches the report's start (kmous) and hands over the
 * rest raw, or the whole report where kmous is X10's; the decoder
 * (input.c, mouse.c) reads both, and app_mouse.c counts the clicks.
 * Not through mousemask: ncurses 6.4's own decoding, measured, merged
 * two clicks on different cells into one double-click and returned
 * queued events out of order. */
#define MOUSE_ON "\033[?1000h\033[?1006h"
#define MOUSE_OFF "\033[?1006l\033[?1000l"

/* A mode sequence goes out now: putp alone left it in stdio's buffer
 * until exit, after ncurses had written everything else (measured with
 * tmux pipe-pane), so the terminal never reported the mouse at all. */
static void write_mode(const char *seq)
{
	putp(seq);
	fflush(stdout);
}

static void start_mouse(struct app *a, const char *kmous)
{
	if (!a->opt.mouse || !kmous || ui_input_mouse_tail(kmous) == UI_MOUSE_TAIL_NONE)
		return;
	write_mode(MOUSE_ON);
	a->mouse = true;
}

static void stop_mouse(struct app *a)
{
	if (!a->mouse)
		return;
	write_mode(MOUSE_OFF);
}

/* Ctrl-Z: hand the terminal back as it was, mouse reporting off too,
 * then stop; on fg take it again and paint it whole. ncurses' own
 * SIGTSTP handler (replaced in ui_run) knows nothing of the mouse modes,
 * so the shell got a mouse report for every click and wheel turn. */
static void suspend(struct app *a)
{
	struct sigaction dfl, ours;

	got_tstp = 0;
	stop_mouse(a);
	endwin();
	fflush(stdout);
	memset(&dfl, 0, sizeof dfl);
	dfl.sa_handler = SIG_DFL;
	sigemptyset(&dfl.sa_mask);
	sigaction(SIGTSTP, &dfl, &ours);
	raise(SIGTSTP); /* stopped here until SIGCONT */
	sigaction(SIGTSTP, &ours, NULL);
	refresh();
	clearok(curscr, TRUE);
	if (a->mouse)
		write_mode(MOUSE_ON);
	a->redraw = true;
}

/* Teach ncurses every key variant that TERM's entry does not list; a
 * sequence it already knows (or that would clash with one) keeps its
 * meaning. What ncurses still hands over raw, the decoder reads. */
static void register_keys(void)
{
	size_t n;
	const struct ui_input_seq *s = ui_input_sequences(&n);

	for (size_t i = 0; i < n; i++)
		if (s[i].key >= KEY_MIN && key_defined(s[i].bytes) == 0)
			define_key(s[i].bytes, s[i].key);
}

/* 0 when the terminal is set up, else the exit code: 2 when standard
 * input or output is not a terminal, 4 when TERM is unknown. */
static int start_curses(struct app *a)
{
	const char *term = getenv("TERM");
	SCREEN *scr;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fputs("nukitui: the dashboard needs a terminal; for scripts use a command (see --help)\n",
		      stderr);
		return 2;
	}
	scr = newterm(term, stdout, stdin);
	if (!scr) {
		fprintf(stderr, "nukitui: the terminal type \"%s\" is unknown; try TERM=xterm-256color or TERM=vt100\n",
			term ? term : "(unset)");
		return 4;
	}
	set_term(scr);
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	register_keys();
	{
		const char *kmous = tigetstr("kmous");

		if (kmous == (const char *)-1)
			kmous = NULL;
		start_mouse(a, kmous);
		/* ncurses (no mousemask) returns KEY_MOUSE for the terminal's
		 * mouse prefix and the rest raw */
		ui_input_set_mouse_tail(&a->input, ui_input_mouse_tail(kmous));
	}
	init_colors(a);
	return 0;
}

static bool panes_start(struct app *a)
{
	for (int i = 0; i < PANE_COUNT; i++) {
		const struct pane_ops *ops = ui_pane_ops((enum ui_pane_id)i);

		a->pane_state[i] = calloc(1, ops->state_size ? ops->state_size : 1);
		if (!a->pane_state[i])
			return false;
	}
	return true;
}

static void panes_free(struct app *a)
{
	for (int i = 0; i < PANE_COUNT; i++) {
		const struct pane_ops *ops = ui_pane_ops((enum ui_pane_id)i);

		if (a->pane_state[i] && ops->free)
			ops->free(a->pane_state[i]);
		free(a->pane_state[i]);
		a->pane_state[i] = NULL;
	}
}

static void app_free(struct app *a)
{
	panes_free(a);
	dialogs_free(a);
	ui_lines_free(&a->detail);
}

/* One turn of the loop, after the paint. */
static void turn(struct app *a, time_t *last_tick)
{
	bool busy = model_pending(a->m) > 0, ready = false;
	int timeout = busy ? 100 : 1000;
	int wait = ui_input_wait_ms(&a->input, mono_ms());
	api_error err;

	if (wait >= 0 && wait < timeout)
		timeout = wait;
	if (model_poll(a->m, timeout, STDIN_FILENO, &ready, &err) != API_OK)
		app_error(a, "network", &err);
	a->now = time(NULL);
	deliver_events(a);
	take_keys(a);
	deliver_events(a);
	if (busy || model_pending(a->m) > 0) {
		a->spin++;
		a->redraw = true;
	}
	/* a network failure's message goes once the network is back */
	if (a->msg[0] && a->msg_network && !model_network_down(a->m)) {
		a->msg[0] = '\0';
		a->msg_network = false;
		a->redraw = true;
	}
	/* ages on screen move once a second */
	if (a->now != *last_tick) {
		*last_tick = a->now;
		if (a->msg[0] && a->msg_role != ROLE_ERROR && a->now - a->msg_at > MSG_SECONDS)
			a->msg[0] = '\0';
		a->redraw = true;
	}
}

int ui_run(model *m, const ui_options *opt)
{
	struct app *a = calloc(1, sizeof *a);
	struct sigaction sa;
	time_t last_tick = 0;
	int code;

	if (!a) {
		fputs("nukitui: out of memory\n", stderr);
		return 1;
	}
	a->m = m;
	a->opt = *opt;
	if (!panes_start(a)) {
		fputs("nukitui: out of memory\n", stderr);
		app_free(a);
		free(a);
		return 1;
	}
	code = start_curses(a);
	if (code) {
		app_free(a);
		free(a);
		return code;
	}
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = on_tstp;
	sigaction(SIGTSTP, &sa, NULL);

	/* every pane's lists stay fresh while the dashboard runs */
	model_watch(a->m, MODEL_SMARTLOCKS, true);
	model_watch(a->m, MODEL_KEYS, true);
	a->now = time(NULL);
	a->pane = PANE_LOCKS;
	if (ui_pane_ops(a->pane)->enter)
		ui_pane_ops(a->pane)->enter(a, cur_state(a));
	/* issue 15: the first pages of the other panes, all at once */
	for (int p = 0; p < PANE_COUNT; p++)
		if (p != (int)a->pane && ui_pane_ops((enum ui_pane_id)p)->warm)
			ui_pane_ops((enum ui_pane_id)p)->warm(a, a->pane_state[p]);
	a->redraw = true;

	while (!a->quit && !got_signal) {
		if (got_tstp)
			suspend(a);
		if (a->redraw) {
			frame_paint(a);
			a->redraw = false;
		}
		turn(a, &last_tick);
	}
	stop_mouse(a);
	endwin();
	app_free(a);
	free(a);
	return 0;
}
