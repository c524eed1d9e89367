/* <linux/unistd.h> - on x86-64 the system call numbers (__NR_*, asm/unistd_64.h). A module
 * never makes system calls; a few numbers for code that prints or compares them. */
#ifndef _LINUX_UNISTD_H
#define _LINUX_UNISTD_H
#define __NR_read 0
#define __NR_write 1
#define __NR_open 2
#define __NR_close 3
#define __NR_ioctl 16
#define __NR_getpid 39
#define __NR_exit 60
#define __NR_openat 257
#endif
