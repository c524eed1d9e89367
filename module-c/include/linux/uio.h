/* <linux/uio.h> - I/O vectors. The read_iter/write_iter file methods take
 * a struct iov_iter; libkern does not call them (see kernel/entry.c). */
#ifndef __LINUX_UIO_H
#define __LINUX_UIO_H

#include <linux/types.h>

struct iovec {
	void __user *iov_base;
	__kernel_size_t iov_len;
};

struct kvec {
	void *iov_base;
	size_t iov_len;
};

struct iov_iter {
	u8 iter_type;
	bool nofault;
	bool data_source;
	size_t iov_offset;
	size_t count;
	const struct iovec *iov;
	unsigned long nr_segs;
};

static inline size_t iov_iter_count(const struct iov_iter *i)
{
	return i->count;
}

#define UIO_FASTIOV 8
#define UIO_MAXIOV 1024

#endif
