/* <linux/kdev_t.h> for user programs (include/uapi/linux/kdev_t.h): the old 8:8 encoding. */
#ifndef _LINUX_KDEV_T_H
#define _LINUX_KDEV_T_H
#define MAJOR(dev)	((dev)>>8)
#define MINOR(dev)	((dev) & 0xff)
#define MKDEV(ma,mi)	((ma)<<8 | (mi))
#endif
