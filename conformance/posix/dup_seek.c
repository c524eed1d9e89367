/* dup_seek: dup and dup2 share one open file (and so its channel); lseek on the device is
 * refused the way Linux refuses it; closing one fd leaves the other working. */
#define _DEFAULT_SOURCE /* fork, usleep, makedev... under gcc -std=c11, as on the course machines */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include "message_slot.h"

static void result(const char *what, long r)
{
	if (r < 0)
		printf("%s = -1 (%s)\n", what, strerror(errno));
	else
		printf("%s = ok\n", what);
}

int main(int argc, char **argv)
{
	if (argc != 2)
		return 2;
	int fd = open(argv[1], O_RDWR);
	if (fd < 0) {
		perror("open");
		return 1;
	}
	int fd2 = dup(fd);
	printf("dup gives the lowest free fd: %d\n", fd2 == fd + 1);
	int fd3 = dup2(fd, 20);
	printf("dup2 to 20: %d\n", fd3);
	printf("dup2 onto itself: %d\n", dup2(fd2, fd2) == fd2);

	result("ioctl(dup2'd fd, channel 5)", ioctl(fd3, MSG_SLOT_CHANNEL, 5));
	result("write(original fd)", write(fd, "shared", 6));
	char buf[32];
	int n = read(fd2, buf, sizeof buf);
	printf("read(dup'd fd) = %d: %.*s\n", n, n > 0 ? n : 0, buf);

	result("lseek(device, 0, SEEK_SET)", lseek(fd, 0, SEEK_SET));
	result("lseek(device, 0, SEEK_CUR)", lseek(fd, 0, SEEK_CUR));
	result("lseek(device, 0, 7)", lseek(fd, 0, 7));
	result("lseek(-1, 0, SEEK_SET)", lseek(-1, 0, SEEK_SET));

	result("close(original)", close(fd));
	result("close(original) again", close(fd));
	result("write(closed fd)", write(fd, "x", 1));
	result("write(dup'd fd) after the close", write(fd2, "still", 5));
	n = read(fd3, buf, sizeof buf);
	printf("read(dup2'd fd) = %d: %.*s\n", n, n > 0 ? n : 0, buf);
	result("dup(-1)", dup(-1));
	result("dup2(fd, -1)", dup2(fd2, -1));
	result("dup2(closed, 21)", dup2(fd, 21));
	result("ioctl(stdout)", ioctl(1, MSG_SLOT_CHANNEL, 1));
	return 0;
}
