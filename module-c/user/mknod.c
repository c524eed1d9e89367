/* mknod() for user programs: a character device node in the emulated kernel's /dev (host import
 * msgslot.mknod(path, mode, dev) -> 0 or -errno). Like glibc's mknodat, a dev_t that does not fit
 * the kernel's 32-bit dev is EINVAL before any system call. */
#include <errno.h>
#include <sys/stat.h>

__attribute__((import_module("msgslot"), import_name("mknod")))
int __msgslot_mknod(const char *path, unsigned int mode, unsigned int dev);

int mknod(const char *pathname, mode_t mode, dev_t dev)
{
	unsigned int k_dev = (unsigned int)dev;
	if ((dev_t)k_dev != dev) {
		errno = EINVAL;
		return -1;
	}
	int r = __msgslot_mknod(pathname, (unsigned int)mode, k_dev);
	if (r < 0) {
		errno = -r;
		return -1;
	}
	return 0;
}
