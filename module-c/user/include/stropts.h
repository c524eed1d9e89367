/* <stropts.h> for user programs: wasi-libc's, except that its `int ioctl(int, int, ...)`
 * would conflict with ours from <sys/ioctl.h> (`unsigned long request`, as in glibc). The
 * name is hidden while wasi-libc's header is read, then <sys/ioctl.h> declares the real one. */
#ifndef _MSGSLOT_USER_STROPTS_H
#define _MSGSLOT_USER_STROPTS_H

#define ioctl __wasilibc_stropts_ioctl_decl
#include_next <stropts.h>
#undef ioctl

#include <sys/ioctl.h>

#endif
