/* <linux/dcache.h> - directory entries: struct dentry is opaque here. */
#ifndef _LINUX_DCACHE_H
#define _LINUX_DCACHE_H
#include <linux/types.h>
#include <linux/list.h>
struct dentry;
#endif
