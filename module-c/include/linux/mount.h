/* <linux/mount.h> - mounts: struct vfsmount is opaque here. */
#ifndef _LINUX_MOUNT_H
#define _LINUX_MOUNT_H
#include <linux/types.h>
struct vfsmount;
#endif
