/* <linux/uaccess.h> - copying to and from user space. The host does the
 * copies (src/kernel/uaccess): user addresses are checked against the
 * calling process's memory, faults give a short copy, never an oops. */
#ifndef __LINUX_UACCESS_H__
#define __LINUX_UACCESS_H__

#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <kernel/host.h>

/* TASK_SIZE: addresses from here up are the kernel's (DESIGN.md section 3). */
#define TASK_SIZE_MAX 0xC0000000UL
#define TASK_SIZE TASK_SIZE_MAX

/* 6.1's two-argument form: 1 when [addr, addr + size) is below TASK_SIZE. */
#define access_ok(addr, size) likely(host_access_ok((const void *)(unsigned long)(addr), (size)))
#define __access_ok(addr, size) access_ok(addr, size)

/* kernel/uaccess.c: the host's copy, after checking the kernel pointer
 * (a NULL or near-NULL `to`/`from` oopses, as it would on Linux). */
unsigned long _copy_from_user(void *to, const void __user *from, unsigned long n);
unsigned long _copy_to_user(void __user *to, const void *from, unsigned long n);

/* Both return the number of bytes NOT copied (0 on success). A short
 * copy_from_user zero-fills the rest of `to`, like Linux. */
/*
 * check_copy_size() (include/linux/thread_info.h, 6.1): when the compiler knows the size of the
 * kernel buffer (a stack array, a global) and the length is larger, a constant length is a
 * compile-time error and any other is a WARN ("Buffer overflow detected (128 < 200)!") and
 * nothing is copied: the call returns n. These are macros so that the size is taken at the
 * call site (Linux's inline functions rely on gcc seeing through them).
 */
extern void __attribute__((__error__("copy source size is too small"))) __bad_copy_from(void);
extern void __attribute__((__error__("copy destination size is too small"))) __bad_copy_to(void);
void __copy_overflow(int size, unsigned long count);

static __always_inline bool check_copy_size(size_t object_size, unsigned long bytes, bool is_source)
{
	int sz = (int)object_size;

	if (unlikely(sz >= 0 && (unsigned long)sz < bytes)) {
		if (!__builtin_constant_p(bytes))
			__copy_overflow(sz, bytes);
		else if (is_source)
			__bad_copy_from();
		else
			__bad_copy_to();
		return false;
	}
	if (WARN_ON_ONCE(bytes > INT_MAX))
		return false;
	return true;
}

/*
 * check_object_size() does nothing for a compile-time constant length (6.1): libkern tells the
 * host with the top bit of the length (src/kernel/uaccess.ts USERCOPY_CONST_LEN).
 */
unsigned long _copy_from_user_const(void *to, const void __user *from, unsigned long n);
unsigned long _copy_to_user_const(void __user *to, const void *from, unsigned long n);

static __always_inline unsigned long __must_check __copy_from_user_chk(void *to, const void __user *from,
									unsigned long n, size_t to_size)
{
	if (likely(check_copy_size(to_size, n, false)))
		n = __builtin_constant_p(n) ? _copy_from_user_const(to, from, n) : _copy_from_user(to, from, n);
	return n;
}

static __always_inline unsigned long __must_check __copy_to_user_chk(void __user *to, const void *from,
								      unsigned long n, size_t from_size)
{
	if (likely(check_copy_size(from_size, n, true)))
		n = __builtin_constant_p(n) ? _copy_to_user_const(to, from, n) : _copy_to_user(to, from, n);
	return n;
}

#define copy_from_user(to, from, n) __copy_from_user_chk((to), (from), (n), __builtin_object_size(to, 0))
#define copy_to_user(to, from, n) __copy_to_user_chk((to), (from), (n), __builtin_object_size(from, 0))

static __always_inline unsigned long __must_check __copy_from_user(void *to, const void __user *from,
								    unsigned long n)
{
	return _copy_from_user(to, from, n);
}

static __always_inline unsigned long __must_check __copy_to_user(void __user *to, const void *from,
								  unsigned long n)
{
	return _copy_to_user(to, from, n);
}

#define raw_copy_from_user(to, from, n) _copy_from_user(to, from, n)
#define raw_copy_to_user(to, from, n) _copy_to_user(to, from, n)
#define __copy_from_user_inatomic(to, from, n) _copy_from_user(to, from, n)
#define __copy_to_user_inatomic(to, from, n) _copy_to_user(to, from, n)
#define copy_from_user_nofault(to, from, n) (_copy_from_user(to, from, n) ? -EFAULT : 0)
#define copy_to_user_nofault(to, from, n) (_copy_to_user(to, from, n) ? -EFAULT : 0)

static __always_inline unsigned long __must_check clear_user(void __user *to, unsigned long n)
{
	return host_clear_user(to, n);
}
#define __clear_user(to, n) clear_user(to, n)

/*
 * get_user(x, ptr): x = *ptr for a 1, 2, 4 or 8 byte *ptr in user space.
 * 0, or -EFAULT with x zeroed. The value is read into the pointee's type
 * without its qualifiers ((void)0, *(ptr) is an rvalue: const dropped), so
 * get_user() works through a const char __user *.
 */
#define get_user(x, ptr)                                                                       \
	({                                                                                     \
		__typeof__((void)0, *(ptr)) __gu_val;                                          \
		_Static_assert(sizeof(*(ptr)) == 1 || sizeof(*(ptr)) == 2 ||                   \
				       sizeof(*(ptr)) == 4 || sizeof(*(ptr)) == 8,             \
			       "get_user() of a type that is not 1, 2, 4 or 8 bytes");         \
		int __gu_err = host_copy_from_user(&__gu_val, (ptr), sizeof(*(ptr))) ? -EFAULT : 0; \
		if (__gu_err)                                                                  \
			__builtin_memset(&__gu_val, 0, sizeof(__gu_val));                      \
		(x) = __gu_val;                                                                \
		__gu_err;                                                                      \
	})

/* put_user(x, ptr): *ptr = x in user space. 0 or -EFAULT. */
#define put_user(x, ptr)                                                                       \
	({                                                                                     \
		__typeof__((void)0, *(ptr)) __pu_val = (x);                                    \
		_Static_assert(sizeof(*(ptr)) == 1 || sizeof(*(ptr)) == 2 ||                   \
				       sizeof(*(ptr)) == 4 || sizeof(*(ptr)) == 8,             \
			       "put_user() of a type that is not 1, 2, 4 or 8 bytes");         \
		host_copy_to_user((void __user *)(ptr), &__pu_val, sizeof(*(ptr))) ? -EFAULT : 0; \
	})

#define __get_user(x, ptr) get_user(x, ptr)
#define __put_user(x, ptr) put_user(x, ptr)
#define unsafe_get_user(x, ptr, label) do { if (get_user(x, ptr)) goto label; } while (0)
#define unsafe_put_user(x, ptr, label) do { if (put_user(x, ptr)) goto label; } while (0)
#define user_access_begin(ptr, len) access_ok(ptr, len)
#define user_access_end() do { } while (0)
#define user_read_access_begin user_access_begin
#define user_read_access_end user_access_end
#define user_write_access_begin user_access_begin
#define user_write_access_end user_access_end

/* Copies a NUL-terminated string of at most count bytes. Returns its length
 * (without the NUL), count if no NUL was found in count bytes (then dst is
 * not terminated), or -EFAULT. */
long strncpy_from_user(char *dst, const char __user *src, long count);
/* Length of the user string including its NUL; 0 on a fault; more than n
 * when the string is longer than n. */
long strnlen_user(const char __user *str, long n);

/* Copies ksize bytes of a user struct of usize bytes: zero-extends a shorter
 * one, and fails with -E2BIG if a longer one has non-zero bytes past ksize. */
int check_zeroed_user(const void __user *from, size_t size);
static __always_inline __must_check int copy_struct_from_user(void *dst, size_t ksize,
							       const void __user *src, size_t usize)
{
	size_t size = ksize < usize ? ksize : usize;
	size_t rest = ksize > usize ? ksize - usize : usize - ksize;

	if (usize < ksize) {
		__builtin_memset((char *)dst + size, 0, rest);
	} else if (usize > ksize) {
		int ret = check_zeroed_user((const char __user *)src + size, rest);
		if (ret <= 0)
			return ret ? ret : -E2BIG;
	}
	if (_copy_from_user(dst, src, size))
		return -EFAULT;
	return 0;
}

static inline void pagefault_disable(void)
{
}
static inline void pagefault_enable(void)
{
}

#endif
