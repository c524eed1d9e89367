/*
 * <linux/fortify-string.h> - CONFIG_FORTIFY_SOURCE=y as Debian's 6.1 has it
 * (include/linux/fortify-string.h, 6.1): string and memory functions whose
 * destination or source size the compiler knows (__builtin_object_size) check
 * the length. An overflow the compiler can prove is a compile-time error (or,
 * for one struct field into the next, a warning); one found at run time is
 * fortify_panic(): "detected buffer overflow in memcpy", then kernel BUG at
 * lib/string_helpers.c. memcpy/memmove across struct fields inside the object
 * only WARN_ONCE (6.1's field-spanning write check) and copy.
 *
 * Linux's versions are inline functions with __pass_object_size; these are
 * macros that take the sizes at the call site, which clang and gcc agree on.
 * The copy itself is libkern's function (its NULL-pointer checks stay).
 * Included by <linux/string.h> unless __NO_FORTIFY (libkern's string.c).
 */
#ifndef _LINUX_FORTIFY_STRING_H_
#define _LINUX_FORTIFY_STRING_H_

#include <linux/bug.h>
#include <linux/stringify.h>
#include <linux/limits.h>

void fortify_panic(const char *name) __attribute__((__noreturn__, __cold__));
void __read_overflow(void) __attribute__((__error__("detected read beyond size of object (1st parameter)")));
void __read_overflow2(void) __attribute__((__error__("detected read beyond size of object (2nd parameter)")));
void __read_overflow2_field(size_t avail, size_t wanted) __attribute__((__warning__("detected read beyond size of field (2nd parameter); maybe use struct_group()?")));
void __write_overflow(void) __attribute__((__error__("detected write beyond size of object (1st parameter)")));
void __write_overflow_field(size_t avail, size_t wanted) __attribute__((__warning__("detected write beyond size of field (1st parameter); maybe use struct_group()?")));

#define __struct_size(p) __builtin_object_size(p, 0)
#define __member_size(p) __builtin_object_size(p, 1)

#define __compiletime_lessthan(bounds, length) (__builtin_constant_p((bounds) < (length)) && (bounds) < (length))

/* fortify_memcpy_chk(), 6.1: true when the write spans beyond one field (a WARN, not a BUG) */
static __always_inline bool fortify_memcpy_chk(size_t size, const size_t p_size, const size_t q_size,
					       const size_t p_size_field, const size_t q_size_field,
					       const char *func)
{
	if (__builtin_constant_p(size)) {
		if (__compiletime_lessthan(p_size_field, p_size) && __compiletime_lessthan(p_size, size))
			__write_overflow();
		if (__compiletime_lessthan(q_size_field, q_size) && __compiletime_lessthan(q_size, size))
			__read_overflow2();
		if (__compiletime_lessthan(p_size_field, size))
			__write_overflow_field(p_size_field, size);
		if (__compiletime_lessthan(p_size_field, size) && __compiletime_lessthan(q_size_field, size))
			__read_overflow2_field(q_size_field, size);
	}
	if ((p_size != SIZE_MAX && p_size < size) || (q_size != SIZE_MAX && q_size < size))
		fortify_panic(func);
	if (p_size_field != 0 && p_size_field != SIZE_MAX && p_size != p_size_field && p_size_field < size)
		return true;
	return false;
}

#define __fortify_memcpy_chk(p, q, size, p_size, q_size, p_size_field, q_size_field, op) ({	\
	const size_t __fortify_size = (size_t)(size);							\
	WARN_ONCE(fortify_memcpy_chk(__fortify_size, p_size, q_size, p_size_field, q_size_field, #op),	\
		  #op ": detected field-spanning write (size %zu) of single %s (size %zu)\n",		\
		  __fortify_size, "field \"" #p "\" at " __FILE__ ":" __stringify(__LINE__),		\
		  (size_t)(p_size_field));								\
	(op)(p, q, __fortify_size);									\
})

#define memcpy(p, q, s) __fortify_memcpy_chk(p, q, s, __struct_size(p), __struct_size(q),		\
					     __member_size(p), __member_size(q), memcpy)
#define memmove(p, q, s) __fortify_memcpy_chk(p, q, s, __struct_size(p), __struct_size(q),		\
					      __member_size(p), __member_size(q), memmove)

/* fortify_memset_chk(), 6.1 */
static __always_inline void fortify_memset_chk(size_t size, const size_t p_size, const size_t p_size_field)
{
	if (__builtin_constant_p(size)) {
		if (__compiletime_lessthan(p_size_field, p_size) && __compiletime_lessthan(p_size, size))
			__write_overflow();
		if (__compiletime_lessthan(p_size_field, size))
			__write_overflow_field(p_size_field, size);
	}
	if (p_size != SIZE_MAX && p_size < size)
		fortify_panic("memset");
}

#define memset(p, c, s) ({									\
	const size_t __fortify_size = (size_t)(s);						\
	fortify_memset_chk(__fortify_size, __struct_size(p), __member_size(p));		\
	(memset)(p, c, __fortify_size);								\
})

/* strncpy(), 6.1: the whole size is written */
static __always_inline char *__fortify_strncpy(char *p, const char *q, size_t size, const size_t p_size)
{
	if (__compiletime_lessthan(p_size, size))
		__write_overflow();
	if (p_size < size)
		fortify_panic("strncpy");
	return (strncpy)(p, q, size);
}
#define strncpy(p, q, s) __fortify_strncpy(p, q, s, __member_size(p))

/* strlen(), 6.1: a string that does not end inside its known object */
static __always_inline size_t __fortify_strlen(const char *p, const size_t p_size)
{
	size_t ret;

	if (p_size == SIZE_MAX)
		return (strlen)(p);
	ret = (strnlen)(p, p_size);
	if (p_size <= ret)
		fortify_panic("strlen");
	return ret;
}
#define strlen(p) __fortify_strlen(p, __member_size(p))

/* strcpy(), 6.1 */
static __always_inline char *__fortify_strcpy(char *p, const char *q, const size_t p_size, const size_t q_size)
{
	size_t size;

	if (__builtin_constant_p(p_size) && __builtin_constant_p(q_size) && p_size == SIZE_MAX && q_size == SIZE_MAX)
		return (strcpy)(p, q);
	size = __fortify_strlen(q, q_size) + 1;
	if (__compiletime_lessthan(p_size, size))
		__write_overflow();
	if (p_size < size)
		fortify_panic("strcpy");
	(memcpy)(p, q, size);
	return p;
}
#define strcpy(p, q) __fortify_strcpy(p, q, __member_size(p), __member_size(q))

/* strcat(), 6.1 */
static __always_inline char *__fortify_strcat(char *p, const char *q, const size_t p_size)
{
	if (p_size == SIZE_MAX)
		return (strcat)(p, q);
	if ((strlcat)(p, q, p_size) >= p_size)
		fortify_panic("strcat");
	return p;
}
#define strcat(p, q) __fortify_strcat(p, q, __member_size(p))

/* strncat(), 6.1 */
static __always_inline char *__fortify_strncat(char *p, const char *q, size_t count, const size_t p_size,
					       const size_t q_size)
{
	size_t p_len, copy_len;

	if (p_size == SIZE_MAX && q_size == SIZE_MAX)
		return (strncat)(p, q, count);
	p_len = __fortify_strlen(p, p_size);
	copy_len = (strnlen)(q, count);
	if (p_size < p_len + copy_len + 1)
		fortify_panic("strncat");
	(memcpy)(p + p_len, q, copy_len);
	p[p_len + copy_len] = '\0';
	return p;
}
#define strncat(p, q, n) __fortify_strncat(p, q, n, __member_size(p), __member_size(q))

#endif
