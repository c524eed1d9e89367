/* fork_share SLOT - a channel belongs to the open file, and a child shares its parent's open
 * files: the child's ioctl moves the parent's fd to channel 5 and writes there; the parent, after
 * waitpid, reads the child's message on the same fd and sees channel 1 still holding its own. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "slot.h"

int main(int argc, char *argv[])
{
	if (argc != 2) {
		fprintf(stderr, "usage: fork_share SLOT\n");
		return 2;
	}
	int fd = open_channel(argv[1], 1);
	if (write(fd, "parent's", 8) != 8) {
		perror("write");
		return 1;
	}
	pid_t child = fork();
	if (child < 0) {
		perror("fork");
		return 1;
	}
	if (child == 0) {
		if (ioctl(fd, MSG_SLOT_CHANNEL, 5) != 0) {
			perror("child ioctl");
			_exit(1);
		}
		sleep(2); /* the parent is waiting meanwhile */
		_exit(write(fd, "child's", 7) == 7 ? 7 : 1);
	}
	int status;
	if (waitpid(child, &status, 0) != child) {
		perror("waitpid");
		return 1;
	}
	printf("child exited %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	receive_message(fd, "shared fd (now channel 5)");
	int again = open_channel(argv[1], 1);
	receive_message(again, "channel 1");
	close(again);
	close(fd);
	return 0;
}
