/* isatty() as glibc does it: tcgetattr(), i.e. ioctl(fd, TCGETS), so the answer and errno come
 * from whatever the fd is: for a message slot, the driver's unlocked_ioctl (the reference module
 * answers an unknown command with EINVAL, so isatty() is 0 with errno EINVAL, as on Linux); for
 * stdout, ENOTTY unless it is a terminal. (wasi-libc's isatty looks at the fd's WASI file type.) */
#include <sys/ioctl.h>
#include <unistd.h>

#define TCGETS 0x5401
/* the kernel's struct termios on x86-64: c_iflag, c_oflag, c_cflag, c_lflag, c_line, c_cc[19] */
#define KERNEL_TERMIOS_SIZE 36

int isatty(int fd)
{
	unsigned char termios[KERNEL_TERMIOS_SIZE];
	return ioctl(fd, TCGETS, termios) == 0;
}
