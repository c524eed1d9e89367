/* <linux/wait_bit.h> - waiting on a bit: in <linux/wait.h> terms. */
#ifndef _LINUX_WAIT_BIT_H
#define _LINUX_WAIT_BIT_H
#include <linux/wait.h>
#endif
