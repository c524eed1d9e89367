/* <linux/kernel.h> for user programs, as Linux's uapi header (include/uapi/linux/kernel.h):
 * struct sysinfo and <linux/const.h>; none of the kernel's printk, container_of, min/max. */
#ifndef _LINUX_KERNEL_H
#define _LINUX_KERNEL_H
#include <linux/const.h>
#endif
