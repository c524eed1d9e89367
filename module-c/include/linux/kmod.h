/* <linux/kmod.h> - there are no other modules to load. */
#ifndef __LINUX_KMOD_H__
#define __LINUX_KMOD_H__
#include <linux/errno.h>
#define request_module(mod...) (-ENOSYS)
#define request_module_nowait(mod...) (-ENOSYS)
#endif
