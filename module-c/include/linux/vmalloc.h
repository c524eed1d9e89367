/* <linux/vmalloc.h> - vmalloc/vzalloc/vfree. As on Linux 6.1, only here:
 * <linux/slab.h> has the kvmalloc family, not these. vmalloc memory comes
 * from the kmalloc heap, so the reports name the module's line. */
#ifndef _LINUX_VMALLOC_H
#define _LINUX_VMALLOC_H
#include <linux/slab.h>

void *(vmalloc)(unsigned long size);
void *(vzalloc)(unsigned long size);
void (vfree)(const void *addr);

#define vmalloc(size) host_kmalloc((size), GFP_KERNEL, __KERN_SITE)
#define vzalloc(size) host_kmalloc((size), GFP_KERNEL | __GFP_ZERO, __KERN_SITE)
#define vmalloc_user(size) host_kmalloc((size), GFP_KERNEL | __GFP_ZERO, __KERN_SITE)
#define vfree(p) host_kfree((p), __KERN_SITE)
#endif
