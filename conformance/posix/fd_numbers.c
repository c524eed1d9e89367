/* fd_numbers: the numbers open and dup hand out (the lowest free fd, from 3), and isatty. */
#define _DEFAULT_SOURCE /* as on the course machines under gcc -std=c11 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc != 2)
		return 2;
	int a = open(argv[1], O_RDWR);
	int b = open(argv[1], O_RDONLY);
	printf("open: %d, again: %d\n", a, b);
	close(a);
	int c = open(argv[1], O_WRONLY);
	printf("after close(%d), open: %d\n", a, c);
	printf("dup(%d): %d\n", b, dup(b));
	errno = 0;
	int t = isatty(c);
	printf("isatty(device) = %d (%s)\n", t, strerror(errno));
	printf("isatty(stdout) = %d\n", isatty(1));
	close(3);
	close(4);
	close(5);
	printf("all closed, open: %d\n", open(argv[1], O_RDONLY));
	return 0;
}
