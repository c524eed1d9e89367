/* errnos SLOT - the error values the assignment asks for, one line each: "case: ERRNO". */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "slot.h"

static void expect_fail(const char *what, long rc)
{
	if (rc < 0)
		printf("%s: %s\n", what, errno_name(errno));
	else
		printf("%s: succeeded (%ld)\n", what, rc);
}

int main(int argc, char *argv[])
{
	char buf[200];
	if (argc != 2) {
		fprintf(stderr, "usage: errnos SLOT\n");
		return 2;
	}
	int fd = open(argv[1], O_RDWR);
	if (fd < 0) {
		printf("open: %s\n", errno_name(errno));
		return 1;
	}
	expect_fail("read without a channel", read(fd, buf, sizeof buf));
	expect_fail("write without a channel", write(fd, "x", 1));
	expect_fail("ioctl channel 0", ioctl(fd, MSG_SLOT_CHANNEL, 0));
	expect_fail("ioctl another command", ioctl(fd, MSG_SLOT_CHANNEL + 1, 5));

	if (ioctl(fd, MSG_SLOT_CHANNEL, 5) < 0) {
		printf("ioctl channel 5: %s\n", errno_name(errno));
		return 1;
	}
	expect_fail("read of an empty channel", read(fd, buf, sizeof buf));
	expect_fail("write of 0 bytes", write(fd, buf, 0));
	memset(buf, 'x', sizeof buf);
	expect_fail("write of 129 bytes", write(fd, buf, 129));
	expect_fail("write of 128 bytes", write(fd, buf, 128));
	expect_fail("read into 127 bytes", read(fd, buf, 127));
	expect_fail("read into 128 bytes", read(fd, buf, 128));
	close(fd);
	return 0;
}
