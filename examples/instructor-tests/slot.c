/* slot.c - helpers of the instructor's test programs (no main: linked into each). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "slot.h"

int open_channel(const char *path, unsigned int channel)
{
	int fd = open(path, O_RDWR);
	if (fd < 0) {
		printf("open %s: %s\n", path, errno_name(errno));
		exit(1);
	}
	if (ioctl(fd, MSG_SLOT_CHANNEL, channel) < 0) {
		printf("ioctl %s channel %u: %s\n", path, channel, errno_name(errno));
		exit(1);
	}
	return fd;
}

void send_message(int fd, const char *label, const char *msg)
{
	ssize_t n = write(fd, msg, strlen(msg));
	if (n < 0)
		printf("%s: write: %s\n", label, errno_name(errno));
	else
		printf("%s: wrote %zd\n", label, n);
}

void receive_message(int fd, const char *label)
{
	char buf[128];
	ssize_t n = read(fd, buf, sizeof buf);
	if (n < 0)
		printf("%s: read: %s\n", label, errno_name(errno));
	else
		printf("%s: read %zd \"%.*s\"\n", label, n, (int)n, buf);
}

const char *errno_name(int err)
{
	switch (err) {
	case EINVAL: return "EINVAL";
	case EMSGSIZE: return "EMSGSIZE";
	case EWOULDBLOCK: return "EWOULDBLOCK";
	case ENOSPC: return "ENOSPC";
	case EFAULT: return "EFAULT";
	case EBADF: return "EBADF";
	case ENOENT: return "ENOENT";
	case ENXIO: return "ENXIO";
	case ENOMEM: return "ENOMEM";
	default: return "E?";
	}
}
