/* fork_channel: the channel belongs to the open file, which fork shares. The child moves the
 * shared fd to channel 2 and writes there; the parent waits for it, then reads the child's
 * message through its own fd (now on channel 2), goes back to channel 1 and sleeps. */
#define _DEFAULT_SOURCE /* fork, usleep, makedev... under gcc -std=c11, as on the course machines */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "message_slot.h"

static void die(const char *what)
{
	perror(what);
	exit(1);
}

static void show_read(int fd, const char *who)
{
	char buf[128];
	int n = read(fd, buf, sizeof buf);
	if (n < 0)
		printf("%s: read: %s\n", who, strerror(errno));
	else
		printf("%s: read %d bytes: %.*s\n", who, n, n, buf);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: %s DEVICE\n", argv[0]);
		return 2;
	}
	int fd = open(argv[1], O_RDWR);
	if (fd < 0)
		die("open");
	if (ioctl(fd, MSG_SLOT_CHANNEL, 1) < 0)
		die("ioctl");
	if (write(fd, "parent on 1", 11) != 11)
		die("write");
	printf("parent: wrote on channel 1\n");
	fflush(stdout);

	pid_t pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0) {
		if (ioctl(fd, MSG_SLOT_CHANNEL, 2) < 0)
			die("child ioctl");
		if (write(fd, "child on 2", 10) != 10)
			die("child write");
		printf("child: moved the shared fd to channel 2 and wrote\n");
		exit(7);
	}
	int status;
	if (waitpid(pid, &status, 0) != pid)
		die("waitpid");
	printf("parent: child exited=%d code=%d\n", WIFEXITED(status), WEXITSTATUS(status));
	show_read(fd, "parent (channel moved by child)");
	if (ioctl(fd, MSG_SLOT_CHANNEL, 1) < 0)
		die("ioctl");
	show_read(fd, "parent (channel 1)");

	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	unsigned left = sleep(3);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("sleep(3) returned %u after %ld s\n", left, (long)(t1.tv_sec - t0.tv_sec - (t1.tv_nsec < t0.tv_nsec)));
	if (wait(&status) < 0)
		perror("wait");
	close(fd);
	return 0;
}
