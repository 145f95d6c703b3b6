/* SPDX-License-Identifier: MIT */
/*
 * nk_run: run a program once and report its wall time and peak resident
 * set size (what `/usr/bin/time -f %M` reports: ru_maxrss of the child,
 * from wait4), without needing the `time` package.
 *
 *   nk_run [-o FILE] -- PROGRAM ARGS...
 *
 * Standard output of the program goes to FILE (default /dev/null). One
 * line on standard output: "wall_ms=W cpu_ms=C maxrss_kb=K status=S"
 * (C: user + system time of the program).
 */
#define _DEFAULT_SOURCE

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

int main(int argc, char **argv)
{
	const char *out = "/dev/null";
	struct rusage ru;
	double t0, t1;
	int status = 0, opt;
	pid_t pid;

	while ((opt = getopt(argc, argv, "o:")) != -1) {
		if (opt == 'o') {
			out = optarg;
		} else {
			fprintf(stderr, "usage: nk_run [-o FILE] -- PROGRAM ARGS...\n");
			return 2;
		}
	}
	if (optind >= argc) {
		fprintf(stderr, "nk_run: no program\n");
		return 2;
	}
	t0 = now_ms();
	pid = fork();
	if (pid < 0) {
		perror("nk_run: fork");
		return 99;
	}
	if (pid == 0) {
		int fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (fd < 0)
			_exit(127);
		dup2(fd, 1);
		close(fd);
		execvp(argv[optind], argv + optind);
		_exit(127);
	}
	memset(&ru, 0, sizeof ru);
	if (wait4(pid, &status, 0, &ru) != pid) {
		perror("nk_run: wait4");
		return 99;
	}
	t1 = now_ms();
	printf("wall_ms=%.2f cpu_ms=%.2f maxrss_kb=%ld status=%d\n", t1 - t0,
	       (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
		       (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3,
	       ru.ru_maxrss,
	       WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
	return 0;
}
