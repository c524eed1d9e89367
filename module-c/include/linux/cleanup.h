/* <linux/cleanup.h> - scope-based cleanup (__cleanup attribute), as in 6.1's backport. */
#ifndef _LINUX_CLEANUP_H
#define _LINUX_CLEANUP_H
#include <linux/compiler.h>
#define __cleanup(func) __attribute__((__cleanup__(func)))
#endif
