/* <linux/unistd.h> for user programs: on Linux, the x86-64 system call numbers (__NR_*). A
 * program here cannot make raw system calls, so only the header's existence is reproduced. */
#ifndef _LINUX_UNISTD_H
#define _LINUX_UNISTD_H
#endif
