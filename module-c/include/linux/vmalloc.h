/* <linux/vmalloc.h> - vmalloc/vzalloc/vfree: see <linux/slab.h>. */
#ifndef _LINUX_VMALLOC_H
#define _LINUX_VMALLOC_H
#include <linux/slab.h>
#endif
