/* SPDX-License-Identifier: MIT */
/*
 * connect_proxy: a small HTTP CONNECT proxy for the TLS tests. It listens
 * on 127.0.0.1 (port 0: the kernel chooses), prints the port as the first
 * line of standard output, and for each client reads the request head,
 * appends every line of it to LOG (so the test sees exactly what a proxy
 * sees in clear), and for "CONNECT HOST:PORT" opens a tunnel to
 * 127.0.0.1:PORT whatever HOST says (the test's names need no DNS). The
 * bytes the client sends through the tunnel are appended to CAPTURE: a
 * test can then show that the token never crossed the proxy in clear.
 * Anything but CONNECT gets 405. A thread per client; runs until killed.
 *
 * Usage: connect_proxy LOG CAPTURE
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define HEAD_MAX 8192

static FILE *proxy_log, *proxy_capture;
static pthread_mutex_t proxy_mu = PTHREAD_MUTEX_INITIALIZER;

static void put(FILE *f, const char *data, size_t n)
{
	pthread_mutex_lock(&proxy_mu);
	fwrite(data, 1, n, f);
	fflush(f);
	pthread_mutex_unlock(&proxy_mu);
}

static bool send_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = send(fd, p, n, MSG_NOSIGNAL);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		p += w;
		n -= (size_t)w;
	}
	return true;
}

/* Read up to the blank line ending the head; *len bytes in buf, *head
 * the head's length (bytes after it are tunnel data). */
static bool read_head(int fd, char *buf, size_t cap, size_t *len, size_t *head)
{
	*len = 0;
	while (*len < cap - 1) {
		ssize_t r = recv(fd, buf + *len, cap - 1 - *len, 0);
		char *end;

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return false;
		*len += (size_t)r;
		buf[*len] = '\0';
		end = strstr(buf, "\r\n\r\n");
		if (end) {
			*head = (size_t)(end - buf) + 4;
			return true;
		}
	}
	return false;
}

static int connect_local(unsigned port)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return -1;
	a.sin_port = htons((uint16_t)port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Copy both ways until either side closes; client bytes to CAPTURE. */
static void relay(int client, int server)
{
	struct pollfd p[2] = { { client, POLLIN, 0 }, { server, POLLIN, 0 } };
	char buf[16384];

	for (;;) {
		int n = poll(p, 2, -1);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return;
		for (int i = 0; i < 2; i++) {
			ssize_t r;

			if (!(p[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			r = recv(p[i].fd, buf, sizeof buf, 0);
			if (r <= 0)
				return;
			if (i == 0)
				put(proxy_capture, buf, (size_t)r);
			if (!send_all(p[1 - i].fd, buf, (size_t)r))
				return;
		}
	}
}

static void *serve(void *arg)
{
	int client = (int)(intptr_t)arg, server = -1;
	char buf[HEAD_MAX], host[256];
	size_t len, head;
	unsigned port;

	if (!read_head(client, buf, sizeof buf, &len, &head))
		goto out;
	put(proxy_log, buf, head);
	if (sscanf(buf, "CONNECT %255[^: ]:%u HTTP/1.", host, &port) != 2 ||
	    port == 0 || port > 65535) {
		static const char no[] = "HTTP/1.1 405 Method Not Allowed\r\n"
					 "Content-Length: 0\r\n\r\n";
		send_all(client, no, sizeof no - 1);
		goto out;
	}
	server = connect_local(port);
	if (server < 0) {
		static const char bad[] = "HTTP/1.1 502 Bad Gateway\r\n"
					  "Content-Length: 0\r\n\r\n";
		send_all(client, bad, sizeof bad - 1);
		goto out;
	}
	{
		static const char yes[] = "HTTP/1.1 200 Connection established\r\n\r\n";
		if (!send_all(client, yes, sizeof yes - 1))
			goto out;
	}
	if (len > head) {
		put(proxy_capture, buf + head, len - head);
		if (!send_all(server, buf + head, len - head))
			goto out;
	}
	relay(client, server);
out:
	if (server >= 0)
		close(server);
	close(client);
	return NULL;
}

int main(int argc, char **argv)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t alen = sizeof a;
	pthread_attr_t attr;
	int lfd;

	if (argc != 3) {
		fprintf(stderr, "usage: connect_proxy LOG CAPTURE\n");
		return 2;
	}
	proxy_log = fopen(argv[1], "a");
	proxy_capture = fopen(argv[2], "a");
	if (!proxy_log || !proxy_capture) {
		perror("connect_proxy: cannot open the log files");
		return 1;
	}
	signal(SIGPIPE, SIG_IGN);
	lfd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (lfd < 0 || bind(lfd, (struct sockaddr *)&a, sizeof a) != 0 ||
	    listen(lfd, 64) != 0 ||
	    getsockname(lfd, (struct sockaddr *)&a, &alen) != 0) {
		perror("connect_proxy: cannot listen");
		return 1;
	}
	printf("%u\n", (unsigned)ntohs(a.sin_port));
	fflush(stdout);
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	for (;;) {
		int c = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
		pthread_t t;

		if (c < 0) {
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			perror("connect_proxy: accept");
			return 1;
		}
		if (pthread_create(&t, &attr, serve, (void *)(intptr_t)c) != 0)
			close(c);
	}
}
