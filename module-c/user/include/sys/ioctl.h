/* <sys/ioctl.h> for user programs. Shadows wasi-libc's, which declares
 * `int ioctl(int, int, ...)` and an ioctl() that only knows FIONREAD/FIONBIO on
 * WASI sockets. Ours (user/ioctl.c) passes every request to the emulated kernel.
 *
 * Like glibc's <sys/ioctl.h>, this makes _IO/_IOR/_IOW/_IOWR available: student
 * headers often rely on that instead of including <linux/ioctl.h>. The request
 * parameter is `unsigned long`, as in glibc. */
#ifndef _SYS_IOCTL_H
#define _SYS_IOCTL_H

#include <linux/ioctl.h>

#ifdef __cplusplus
extern "C" {
#endif

int ioctl(int fd, unsigned long request, ...);

#ifdef __cplusplus
}
#endif

#endif /* _SYS_IOCTL_H */
