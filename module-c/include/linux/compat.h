/* <linux/compat.h> - 32-bit compatibility: compat_ptr() and compat_ioctl helpers. */
#ifndef _LINUX_COMPAT_H
#define _LINUX_COMPAT_H
#include <linux/types.h>
#include <linux/fs.h>
typedef u32 compat_uptr_t;
typedef u32 compat_ulong_t;
static inline void __user *compat_ptr(compat_uptr_t uptr)
{
	return (void __user *)(unsigned long)uptr;
}
extern long compat_ptr_ioctl(struct file *file, unsigned int cmd, unsigned long arg);
#endif
