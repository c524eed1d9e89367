/* spawn N PROGRAM [ARGS...] - posix_spawn PROGRAM N times (after 5 untimed ones), waiting for
 * each to exit; prints the nanoseconds of each spawn + wait, one per line. Its stdout and
 * stderr go to /dev/null. The native side of the process-start benchmark. */
#define _POSIX_C_SOURCE 200809L

#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>

extern char **environ;

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int main(int argc, char *argv[])
{
	posix_spawn_file_actions_t fa;

	if (argc < 3) {
		fprintf(stderr, "Usage: spawn N PROGRAM [ARGS...]\n");
		return 2;
	}
	int n = atoi(argv[1]);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	for (int i = -5; i < n; i++) {
		long long t0 = now_ns();
		pid_t pid;
		int status;

		if (posix_spawn(&pid, argv[2], &fa, NULL, &argv[2], environ) != 0) {
			perror("posix_spawn");
			return 1;
		}
		if (waitpid(pid, &status, 0) < 0) {
			perror("waitpid");
			return 1;
		}
		if (i >= 0)
			printf("%lld\n", now_ns() - t0);
	}
	return 0;
}
