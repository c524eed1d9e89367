/* nodes_system: device nodes made with mknod(2) and with system("mknod ..."), the wait status
 * system() returns, and errno texts of failing calls. */
#define _DEFAULT_SOURCE /* fork, usleep, makedev... under gcc -std=c11, as on the course machines */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "message_slot.h"

static void result(const char *what, long r)
{
	if (r < 0)
		printf("%s = -1 (%s)\n", what, strerror(errno));
	else
		printf("%s = %ld\n", what, r);
}

static void roundtrip(const char *path, unsigned long channel)
{
	int fd = open(path, O_RDWR);
	if (fd < 0) {
		printf("open %s: %s\n", path, strerror(errno));
		return;
	}
	char buf[16];
	ioctl(fd, MSG_SLOT_CHANNEL, channel);
	write(fd, "node ok", 7);
	int n = read(fd, buf, sizeof buf);
	printf("%s: %.*s\n", path, n > 0 ? n : 0, buf);
	close(fd);
}

int main(void)
{
	result("mknod /dev/posix4 c 235 4", mknod("/dev/posix4", S_IFCHR | 0666, makedev(235, 4)));
	result("mknod it again", mknod("/dev/posix4", S_IFCHR | 0666, makedev(235, 4)));
	result("mknod /nodir/x", mknod("/nodir/x", S_IFCHR | 0666, makedev(235, 5)));
	result("mknod a directory", mknod("/dev/posixdir", S_IFDIR | 0755, 0));
	roundtrip("/dev/posix4", 9);

	fflush(stdout);
	int st = system("mknod /dev/posix6 c 235 6");
	printf("system(mknod) exited=%d code=%d\n", WIFEXITED(st), WEXITSTATUS(st));
	roundtrip("/dev/posix6", 3);
	fflush(stdout);
	st = system("exit 3");
	printf("system(exit 3): code=%d\n", WEXITSTATUS(st));
	fflush(stdout);
	st = system("mknod /dev/posix6 c 235 6");
	printf("system(mknod existing): code=%d\n", WEXITSTATUS(st));
	printf("system(NULL) = %d\n", system(NULL) != 0);
	fflush(stdout);

	result("open /dev/nonexistent", open("/dev/nonexistent", O_RDONLY));
	result("open /dev/posix4/x", open("/dev/posix4/x", O_RDONLY));
	int fd = open("/dev/posix4", O_WRONLY);
	result("read(O_WRONLY fd)", read(fd, &st, 1));
	result("write(99)", write(99, "x", 1));
	result("close(99)", close(99));
	struct timespec bad = { 0, 2000000000L };
	result("nanosleep(tv_nsec 2e9)", nanosleep(&bad, NULL));
	result("usleep(1000)", usleep(1000));
	return 0;
}
