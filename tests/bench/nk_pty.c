/* SPDX-License-Identifier: MIT */
/*
 * nk_pty: a scripted terminal for the benchmarks. It starts a program on
 * a new pseudo-terminal of a given size, then reads commands from
 * standard input, one a line, and answers each with one line on standard
 * output. Every byte the program writes to its terminal is counted and
 * time-stamped (CLOCK_MONOTONIC) as it arrives, which is what an SSH
 * session would carry and when a user would see it.
 *
 *   nk_pty [-c COLS] [-r ROWS] [-t TRACE] [-d DUMP] -- PROGRAM ARGS...
 *
 * -t writes "ms bytes" for each read, -d the raw bytes.
 *
 * Commands (BYTES may use \e \r \n \t \\ \xHH; MS are milliseconds):
 *   waitfor TEXT MAX_MS     wait until the output since the last mark
 *                           contains TEXT, then until it is quiet for
 *                           20 ms; answers the time from start of the
 *                           program to the last byte of that burst
 *   settle QUIET_MS MAX_MS  read until quiet for QUIET_MS
 *   key BYTES QUIET_MS      discard pending output, write BYTES, answer
 *                           the time to the first output byte, to the
 *                           last byte of the burst (quiet for QUIET_MS),
 *                           and its size
 *   send BYTES              write BYTES, measure nothing
 *   idle MS                 read for MS, answer the bytes that came
 *   mark                    forget the output kept for waitfor
 *   mem                     the program's VmHWM and VmRSS (kB)
 *   pid                     the program's process id
 *   quit BYTES MAX_MS       write BYTES, wait for the exit
 * Anything else answers "error". The program is killed at end of input.
 */
#define _XOPEN_SOURCE 700
#define _DEFAULT_SOURCE

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static int ptm = -1;
static pid_t child = -1;
static double t_start;
static FILE *trace;
static FILE *dump;               /* -d: the raw bytes */
static char *seen;              /* output since the last mark */
static size_t seen_len, seen_cap;
static double last_byte_at;     /* time of the most recent output byte */
static int child_done;

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void keep(const char *b, size_t n)
{
	if (seen_len + n + 1 > seen_cap) {
		size_t cap = seen_cap ? seen_cap : 65536;
		char *p;

		while (cap < seen_len + n + 1)
			cap *= 2;
		if (cap > ((size_t)64 << 20)) {
			/* keep the tail only */
			size_t drop = seen_len / 2;
			memmove(seen, seen + drop, seen_len - drop);
			seen_len -= drop;
			keep(b, n);
			return;
		}
		p = realloc(seen, cap);
		if (!p) {
			perror("nk_pty: realloc");
			exit(99);
		}
		seen = p;
		seen_cap = cap;
	}
	memcpy(seen + seen_len, b, n);
	seen_len += n;
	seen[seen_len] = '\0';
}

/* Read what is there within timeout ms; returns the bytes read (0 on
 * timeout, -1 when the program closed its terminal). */
static long pump(double timeout)
{
	struct pollfd pfd = { ptm, POLLIN, 0 };
	char buf[65536];
	ssize_t n;
	int r;

	if (child_done)
		return -1;
	if (timeout < 0)
		timeout = 0;
	r = poll(&pfd, 1, (int)(timeout + 0.999));
	if (r <= 0)
		return 0;
	n = read(ptm, buf, sizeof buf);
	if (n <= 0) {
		child_done = 1;
		return -1;
	}
	last_byte_at = now_ms();
	if (trace) {
		fprintf(trace, "%.3f %zd\n", last_byte_at - t_start, n);
		fflush(trace);
	}
	if (dump) {
		fwrite(buf, 1, (size_t)n, dump);
		fflush(dump);
	}
	keep(buf, (size_t)n);
	return (long)n;
}

/* Read until no byte came for quiet ms or max ms passed; bytes read. */
static long until_quiet(double quiet, double max)
{
	double t0 = now_ms(), mark = t0;
	long total = 0;

	for (;;) {
		double t = now_ms();
		double left = quiet - (t - mark);
		long n;

		if (t - t0 >= max || left <= 0)
			break;
		n = pump(left);
		if (n < 0)
			break;
		if (n > 0) {
			total += n;
			mark = last_byte_at;
		}
	}
	return total;
}

static size_t unescape(char *s)
{
	char *o = s;
	const char *p = s;

	while (*p) {
		if (*p != '\\' || !p[1]) {
			*o++ = *p++;
			continue;
		}
		p++;
		switch (*p) {
		case 'e': *o++ = 27; p++; break;
		case 'r': *o++ = '\r'; p++; break;
		case 'n': *o++ = '\n'; p++; break;
		case 't': *o++ = '\t'; p++; break;
		case 's': *o++ = ' '; p++; break;
		case 'x': {
			unsigned v = 0;
			int k;
			p++;
			for (k = 0; k < 2 && *p; k++, p++) {
				char c = *p;
				v = v * 16 + (unsigned)(c >= 'a' ? c - 'a' + 10
						       : c >= 'A' ? c - 'A' + 10
								  : c - '0');
			}
			*o++ = (char)v;
			break;
		}
		default: *o++ = *p++; break;
		}
	}
	*o = '\0';
	return (size_t)(o - s);
}

static void put(const char *b, size_t n)
{
	while (n > 0) {
		ssize_t w = write(ptm, b, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return;
		}
		b += w;
		n -= (size_t)w;
	}
}

static void mem(void)
{
	char path[64], line[256];
	long hwm = -1, rss = -1;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%ld/status", (long)child);
	f = fopen(path, "r");
	if (f) {
		while (fgets(line, sizeof line, f)) {
			if (strncmp(line, "VmHWM:", 6) == 0)
				hwm = strtol(line + 6, NULL, 10);
			else if (strncmp(line, "VmRSS:", 6) == 0)
				rss = strtol(line + 6, NULL, 10);
		}
		fclose(f);
	}
	printf("mem hwm_kb=%ld rss_kb=%ld\n", hwm, rss);
}

int main(int argc, char **argv)
{
	int cols = 120, rows = 35, opt;
	char *line = NULL;
	size_t cap = 0;
	struct winsize ws;
	char *sname;

	while ((opt = getopt(argc, argv, "c:r:t:d:")) != -1) {
		switch (opt) {
		case 'c': cols = atoi(optarg); break;
		case 'r': rows = atoi(optarg); break;
		case 't':
			trace = fopen(optarg, "w");
			if (!trace) {
				perror(optarg);
				return 99;
			}
			break;
		case 'd':
			dump = fopen(optarg, "w");
			if (!dump) {
				perror(optarg);
				return 99;
			}
			break;
		default:
			fprintf(stderr, "usage: nk_pty [-c COLS] [-r ROWS] [-t TRACE] [-d DUMP] -- PROGRAM ARGS...\n");
			return 2;
		}
	}
	if (optind >= argc) {
		fprintf(stderr, "nk_pty: no program\n");
		return 2;
	}
	ptm = posix_openpt(O_RDWR | O_NOCTTY);
	if (ptm < 0 || grantpt(ptm) != 0 || unlockpt(ptm) != 0 ||
	    !(sname = ptsname(ptm))) {
		perror("nk_pty: pseudo-terminal");
		return 99;
	}
	memset(&ws, 0, sizeof ws);
	ws.ws_col = (unsigned short)cols;
	ws.ws_row = (unsigned short)rows;
	setvbuf(stdout, NULL, _IOLBF, 0);
	t_start = now_ms();
	child = fork();
	if (child < 0) {
		perror("nk_pty: fork");
		return 99;
	}
	if (child == 0) {
		int pts;

		setsid();
		pts = open(sname, O_RDWR);
		if (pts < 0)
			_exit(127);
		ioctl(pts, TIOCSCTTY, 0);
		ioctl(pts, TIOCSWINSZ, &ws);
		dup2(pts, 0);
		dup2(pts, 1);
		dup2(pts, 2);
		if (pts > 2)
			close(pts);
		close(ptm);
		execvp(argv[optind], argv + optind);
		_exit(127);
	}
	while (getline(&line, &cap, stdin) > 0) {
		char *cmd = strtok(line, " \n");
		char *a1 = strtok(NULL, " \n");
		char *a2 = strtok(NULL, " \n");

		if (!cmd || cmd[0] == '#')
			continue;
		if (strcmp(cmd, "waitfor") == 0 && a1 && a2) {
			double t0 = now_ms(), max = atof(a2);
			size_t n = unescape(a1);
			int found = 0;

			(void)n;
			while (now_ms() - t0 < max) {
				if (strstr(seen ? seen : "", a1)) {
					found = 1;
					break;
				}
				if (pump(max - (now_ms() - t0)) < 0)
					break;
			}
			if (found)
				until_quiet(20, 2000);
			printf("waitfor %s ms=%.2f\n", found ? "ok" : "timeout",
			       last_byte_at - t_start);
		} else if (strcmp(cmd, "settle") == 0 && a1 && a2) {
			long n = until_quiet(atof(a1), atof(a2));
			printf("settle bytes=%ld\n", n);
		} else if (strcmp(cmd, "key") == 0 && a1 && a2) {
			double quiet = atof(a2), t0, first = -1, t;
			size_t n = unescape(a1);
			long got = 0, drained;

			drained = until_quiet(5, 1000);
			t0 = now_ms();
			put(a1, n);
			while ((t = now_ms()) - t0 < 5000) {
				long k = pump(5000 - (t - t0));
				if (k < 0)
					break;
				if (k > 0) {
					first = last_byte_at - t0;
					got = k;
					break;
				}
			}
			if (first >= 0)
				got += until_quiet(quiet, 5000);
			printf("key first_ms=%.3f done_ms=%.3f bytes=%ld drained=%ld\n",
			       first, first >= 0 ? last_byte_at - t0 : -1.0, got,
			       drained);
		} else if (strcmp(cmd, "send") == 0 && a1) {
			size_t n = unescape(a1);
			put(a1, n);
			printf("send ok\n");
		} else if (strcmp(cmd, "idle") == 0 && a1) {
			double t0 = now_ms(), len = atof(a1);
			long total = 0;

			while (now_ms() - t0 < len) {
				long k = pump(len - (now_ms() - t0));
				if (k < 0)
					break;
				total += k;
			}
			printf("idle bytes=%ld ms=%.0f\n", total, now_ms() - t0);
		} else if (strcmp(cmd, "mark") == 0) {
			seen_len = 0;
			if (seen)
				seen[0] = '\0';
			printf("mark ok\n");
		} else if (strcmp(cmd, "mem") == 0) {
			mem();
		} else if (strcmp(cmd, "pid") == 0) {
			printf("pid %ld\n", (long)child);
		} else if (strcmp(cmd, "quit") == 0 && a1 && a2) {
			double t0 = now_ms(), max = atof(a2);
			size_t n = unescape(a1);
			int status = 0, done = 0;

			put(a1, n);
			while (now_ms() - t0 < max) {
				if (waitpid(child, &status, WNOHANG) == child) {
					done = 1;
					break;
				}
				pump(10);
			}
			printf("quit %s status=%d\n", done ? "ok" : "timeout",
			       done && WIFEXITED(status) ? WEXITSTATUS(status) : -1);
			if (done)
				child = -1;
		} else {
			printf("error %s\n", cmd);
		}
	}
	free(line);
	if (child > 0) {
		kill(child, SIGTERM);
		for (int i = 0; i < 100 && waitpid(child, NULL, WNOHANG) == 0; i++)
			pump(10);
		if (waitpid(child, NULL, WNOHANG) == 0) {
			kill(child, SIGKILL);
			waitpid(child, NULL, 0);
		}
	}
	return 0;
}
