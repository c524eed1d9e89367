/*
 * uaccess.c - lib/strncpy_from_user.c, lib/strnlen_user.c, lib/usercopy.c:
 * user-string helpers built on the host's copy_from_user. User memory is
 * read in chunks; a chunk that runs into unmapped memory is copied up to
 * the fault, so a string that ends before the fault is still found.
 * _copy_from_user/_copy_to_user are what copy_from_user() and
 * copy_to_user() call (lib/usercopy.c).
 */
#include <linux/uaccess.h>
#include "libkern.h"

#define CHUNK 64

unsigned long _copy_from_user(void *to, const void __user *from, unsigned long n)
{
	if (n)
		kern_check_ptr(to, "_copy_from_user");
	return host_copy_from_user(to, from, n);
}

unsigned long _copy_to_user(void __user *to, const void *from, unsigned long n)
{
	if (n)
		kern_check_ptr(from, "_copy_to_user");
	return host_copy_to_user(to, from, n);
}

/* see USERCOPY_CONST_LEN in src/kernel/uaccess.ts: n <= INT_MAX here (check_copy_size) */
#define USERCOPY_CONST_LEN 0x80000000UL

unsigned long _copy_from_user_const(void *to, const void __user *from, unsigned long n)
{
	if (n)
		kern_check_ptr(to, "_copy_from_user");
	return host_copy_from_user(to, from, n | USERCOPY_CONST_LEN);
}

unsigned long _copy_to_user_const(void __user *to, const void *from, unsigned long n)
{
	if (n)
		kern_check_ptr(from, "_copy_to_user");
	return host_copy_to_user(to, from, n | USERCOPY_CONST_LEN);
}

/*
 * __copy_overflow(), mm/maccess.c (6.1): check_copy_size() found a copy larger than its kernel
 * buffer. The WARN is at line 228 of Debian 6.1.0-57's source.
 */
void __copy_overflow(int size, unsigned long count)
{
	__warn_printk("Buffer overflow detected (%d < %lu)!\n", size, count);
	host_bug(HOST_WARN_WARN, "mm/maccess.c", 228, "__copy_overflow", 1);
}

long strncpy_from_user(char *dst, const char __user *src, long count)
{
	long res = 0;

	if (count <= 0)
		return 0;
	kern_check_ptr(dst, "strncpy_from_user");
	while (res < count) {
		unsigned long chunk = count - res < CHUNK ? count - res : CHUNK;
		unsigned long left = host_copy_from_user(dst + res, src + res, chunk);
		unsigned long got = chunk - left, i;

		for (i = 0; i < got; i++)
			if (dst[res + i] == '\0')
				return res + i;
		if (left)
			return -EFAULT;
		res += chunk;
	}
	return res;
}

long strnlen_user(const char __user *str, long n)
{
	char buf[CHUNK];
	long res = 0;

	if (n <= 0)
		return 0;
	while (res < n) {
		unsigned long chunk = n - res < CHUNK ? n - res : CHUNK;
		unsigned long left = host_copy_from_user(buf, str + res, chunk);
		unsigned long got = chunk - left, i;

		for (i = 0; i < got; i++)
			if (buf[i] == '\0')
				return res + i + 1;
		if (left)
			return 0;
		res += chunk;
	}
	return n + 1;
}

/* 1 if [from, from + size) is all zero bytes, 0 if not, -EFAULT. */
int check_zeroed_user(const void __user *from, size_t size)
{
	char buf[CHUNK];
	size_t done = 0;

	while (done < size) {
		size_t chunk = size - done < CHUNK ? size - done : CHUNK;
		size_t i;

		if (host_copy_from_user(buf, (const char __user *)from + done, chunk))
			return -EFAULT;
		for (i = 0; i < chunk; i++)
			if (buf[i])
				return 0;
		done += chunk;
	}
	return 1;
}
