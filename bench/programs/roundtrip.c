/* roundtrip MODE ROUNDS ITERATIONS [PATH CHANNEL] - the syscall round trip of the
 * benchmarks (bench/README.md): ITERATIONS times write(2) 128 bytes, then read(2) 128
 * bytes, timed with CLOCK_MONOTONIC; ROUNDS timed rounds after one untimed warm-up round.
 * The same source is built for the emulator (wasm32-wasip1, project toolchain) and for the
 * host (cc -O2).
 *
 *   slot PATH CHANNEL  a message slot device: ioctl(MSG_SLOT_CHANNEL) once, then write and
 *                      read back the channel's message
 *   null               write to /dev/null, read from /dev/zero
 *   pipe               write into a pipe, read the bytes back out (host only: WASI has no pipe)
 *
 * Prints one line per timed round: "<ns per write+read pair> <iterations>". Every read must
 * return 128 bytes (and, on a slot or a pipe, the bytes just written): else exit status 1. */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "message_slot.h"

#define MSG 128

static int wfd = -1, rfd = -1;
static int check_bytes; /* the read returns what was written */

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int loop(long iterations)
{
	unsigned char out[MSG], in[MSG];

	memset(out, 'x', sizeof out);
	for (long i = 0; i < iterations; i++) {
		out[0] = (unsigned char)i;
		if (write(wfd, out, MSG) != MSG) {
			perror("write");
			return -1;
		}
		ssize_t n = read(rfd, in, MSG);
		if (n != MSG) {
			if (n < 0)
				perror("read");
			else
				fprintf(stderr, "read: %zd bytes, not %d\n", n, MSG);
			return -1;
		}
		if (check_bytes && in[0] != out[0]) {
			fprintf(stderr, "read: not the bytes written (iteration %ld)\n", i);
			return -1;
		}
	}
	return 0;
}

int main(int argc, char *argv[])
{
	if (argc < 4) {
		fprintf(stderr, "Usage: roundtrip slot|null|pipe ROUNDS ITERATIONS [PATH CHANNEL]\n");
		return 2;
	}
	const char *mode = argv[1];
	int rounds = atoi(argv[2]);
	long iterations = atol(argv[3]);

	if (strcmp(mode, "slot") == 0 && argc == 6) {
		wfd = rfd = open(argv[4], O_RDWR);
		if (wfd < 0) {
			perror("open");
			return 1;
		}
		if (ioctl(wfd, MSG_SLOT_CHANNEL, strtoul(argv[5], NULL, 10)) < 0) {
			perror("ioctl");
			return 1;
		}
		check_bytes = 1;
	} else if (strcmp(mode, "null") == 0) {
		wfd = open("/dev/null", O_WRONLY);
		rfd = open("/dev/zero", O_RDONLY);
		if (wfd < 0 || rfd < 0) {
			perror("open");
			return 1;
		}
#ifndef __wasi__
	} else if (strcmp(mode, "pipe") == 0) {
		int p[2];

		if (pipe(p) < 0) {
			perror("pipe");
			return 1;
		}
		rfd = p[0];
		wfd = p[1];
		check_bytes = 1;
#endif
	} else {
		fprintf(stderr, "roundtrip: unknown mode %s (or missing PATH CHANNEL)\n", mode);
		return 2;
	}

	if (loop(iterations > 10 ? iterations / 10 : 1) < 0) /* warm-up */
		return 1;
	for (int r = 0; r < rounds; r++) {
		long long t0 = now_ns();

		if (loop(iterations) < 0)
			return 1;
		long long t1 = now_ns();
		printf("%.1f %ld\n", (double)(t1 - t0) / (double)iterations, iterations);
	}
	return 0;
}
