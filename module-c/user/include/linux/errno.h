/* <linux/errno.h> for user programs: the C library's errno values. A WASI program sees
 * wasi-libc's numbering (EINVAL is 28 here, not 22), so the Linux numbers of the uapi
 * header would be wrong; the kernel's errors are translated into this numbering. */
#ifndef _LINUX_ERRNO_H
#define _LINUX_ERRNO_H
#include <errno.h>
#endif
