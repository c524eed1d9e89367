/* <sys/sysmacros.h> for user programs: makedev/major/minor with glibc's 64-bit dev_t encoding
 * (bits/sysmacros.h), so makedev(235, 0) is what mknod(2) expects on Linux. */
#ifndef _SYS_SYSMACROS_H
#define _SYS_SYSMACROS_H

#include <sys/types.h>

static inline dev_t __msgslot_makedev(unsigned int __major, unsigned int __minor)
{
	dev_t __dev;
	__dev = (((dev_t)(__major & 0x00000fffu)) << 8);
	__dev |= (((dev_t)(__major & 0xfffff000u)) << 32);
	__dev |= (((dev_t)(__minor & 0x000000ffu)) << 0);
	__dev |= (((dev_t)(__minor & 0xffffff00u)) << 12);
	return __dev;
}

static inline unsigned int __msgslot_major(dev_t __dev)
{
	return (unsigned int)(((__dev & (dev_t)0x00000000000fff00u) >> 8) | ((__dev & (dev_t)0xfffff00000000000u) >> 32));
}

static inline unsigned int __msgslot_minor(dev_t __dev)
{
	return (unsigned int)(((__dev & (dev_t)0x00000000000000ffu) >> 0) | ((__dev & (dev_t)0x00000ffffff00000u) >> 12));
}

#define makedev(maj, min) __msgslot_makedev(maj, min)
#define major(dev) __msgslot_major(dev)
#define minor(dev) __msgslot_minor(dev)

#endif /* _SYS_SYSMACROS_H */
