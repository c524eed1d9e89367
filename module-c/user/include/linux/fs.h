/* <linux/fs.h> for user programs. The uapi header includes <linux/ioctl.h> and
 * <linux/types.h>, which headers shared with a module may rely on; the kernel-only
 * parts (struct file, file_operations, register_chrdev) are not visible to user space. */
#ifndef _LINUX_FS_H
#define _LINUX_FS_H
#include <linux/ioctl.h>
#include <linux/types.h>
#endif
