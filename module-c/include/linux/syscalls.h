/* <linux/syscalls.h> - system call prototypes; a module calls none of them. */
#ifndef _LINUX_SYSCALLS_H
#define _LINUX_SYSCALLS_H
#include <linux/types.h>
#include <linux/fs.h>
#endif
