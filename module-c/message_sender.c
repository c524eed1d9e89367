/* message_sender PATH CHANNEL MESSAGE - writes MESSAGE (without its terminating NUL) to
 * channel CHANNEL of the message slot device file PATH. Exit status 0 on success; on any
 * failure an error on stderr and exit status 1. */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "message_slot.h"

int main(int argc, char *argv[])
{
	if (argc != 4) {
		fprintf(stderr, "Usage: message_sender PATH CHANNEL MESSAGE\n");
		return 1;
	}
	const char *path = argv[1];
	const char *message = argv[3];

	/* CHANNEL is parsed like most submissions do, with no check for non-digits: "abc" is
	 * channel 0, which the module rejects (ioctl: Invalid argument). Values that do not fit
	 * an unsigned int are refused here: unsigned long is 64 bits on x86-64 and 32 bits on
	 * wasm32, so passing them on would reach the module differently on each. strtoull
	 * parses "-1" and 2^32 the same way on both. */
	errno = 0;
	unsigned long long channel = strtoull(argv[2], NULL, 10);
	if (errno == ERANGE || channel > UINT_MAX) {
		fprintf(stderr, "message_sender: invalid channel id: %s\n", argv[2]);
		return 1;
	}

	int fd = open(path, O_WRONLY);
	if (fd < 0) {
		perror("open");
		return 1;
	}
	if (ioctl(fd, MSG_SLOT_CHANNEL, (unsigned long)channel) < 0) {
		perror("ioctl");
		return 1;
	}
	/* An empty MESSAGE is passed to the module, which answers EMSGSIZE. */
	if (write(fd, message, strlen(message)) < 0) {
		perror("write");
		return 1;
	}
	if (close(fd) < 0) {
		perror("close");
		return 1;
	}
	return 0;
}
