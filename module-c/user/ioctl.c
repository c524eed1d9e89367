/* ioctl() for user programs: every request goes to the emulated kernel through the host
 * import msgslot.ioctl, which runs the driver's unlocked_ioctl for device fds (DESIGN.md §6).
 * This definition is linked as an object file, so wasi-libc's ioctl (libc.a's ioctl.o, which
 * only knows FIONREAD/FIONBIO on WASI sockets) is never pulled from the archive.
 *
 * Host contract: msgslot.ioctl(fd: i32, cmd: i32, arg: i32) -> i32. cmd and arg are unsigned
 * (read them with >>> 0). arg is the program's own value: a number, or a pointer, which is a
 * user address >= USER_BASE because programs are linked at --global-base=0x20000000. The
 * result is >= 0 on success (returned to the caller unchanged) or -errno in wasi-libc's
 * numbering (see strerror.c: a WASI number, or 1000 + a Linux errno WASI lacks). */
#include <errno.h>
#include <stdarg.h>
#include <sys/ioctl.h>

/* A reserved name, so that a program's own msgslot_ioctl cannot collide with it. */
__attribute__((import_module("msgslot"), import_name("ioctl")))
int __msgslot_ioctl(int fd, unsigned int cmd, unsigned long arg);

int ioctl(int fd, unsigned long request, ...)
{
	va_list ap;
	unsigned long arg;

	/* Linux's ioctl(2) always takes a third argument (an integer or a pointer); read it as
	 * unsigned long like glibc. On wasm32 a pointer, an int and a long are all 4 bytes. */
	va_start(ap, request);
	arg = va_arg(ap, unsigned long);
	va_end(ap);

	/* Linux's cmd is an unsigned int (ksys_ioctl); on wasm32 unsigned long is 32 bits too. */
	int r = __msgslot_ioctl(fd, (unsigned int)request, arg);
	if (r < 0) {
		errno = -r;
		return -1;
	}
	return r;
}
