/* message_reader PATH CHANNEL - reads the last message of channel CHANNEL of the message
 * slot device file PATH and writes exactly its bytes to stdout (no newline). Exit status 0
 * on success; on any failure an error on stderr and exit status 1. */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "message_slot.h"

int main(int argc, char *argv[])
{
	char buf[BUF_LEN];

	if (argc != 3) {
		fprintf(stderr, "Usage: message_reader PATH CHANNEL\n");
		return 1;
	}
	const char *path = argv[1];

	/* CHANNEL is parsed as in message_sender. */
	errno = 0;
	unsigned long long channel = strtoull(argv[2], NULL, 10);
	if (errno == ERANGE || channel > UINT_MAX) {
		fprintf(stderr, "message_reader: invalid channel id: %s\n", argv[2]);
		return 1;
	}

	int fd = open(path, O_RDONLY);
	if (fd < 0) {
		perror("open");
		return 1;
	}
	if (ioctl(fd, MSG_SLOT_CHANNEL, (unsigned long)channel) < 0) {
		perror("ioctl");
		return 1;
	}
	ssize_t n = read(fd, buf, sizeof buf);
	if (n < 0) {
		perror("read");
		return 1;
	}
	if (close(fd) < 0) {
		perror("close");
		return 1;
	}
	for (ssize_t done = 0; done < n;) {
		ssize_t w = write(STDOUT_FILENO, buf + done, (size_t)(n - done));
		if (w < 0) {
			perror("write");
			return 1;
		}
		done += w;
	}
	return 0;
}
