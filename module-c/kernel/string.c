/*
 * string.c - lib/string.c: the kernel's memory and string functions.
 *
 * Plain byte loops except memcpy/memmove/memset, which are single wasm
 * bulk-memory instructions (memory.copy/memory.fill: __builtin_memcpy
 * lowers to them with -mbulk-memory, never to a call to memcpy). Pointers
 * below one page oops as NULL dereferences (kern_check_ptr).
 */
#define __NO_FORTIFY
#include <linux/string.h>
#include <linux/ctype.h>
#include <linux/printk.h>
#include "libkern.h"

/*
 * fortify_panic(), lib/string_helpers.c (6.1): a FORTIFY_SOURCE check failed at
 * run time. The BUG() is at line 1027 of Debian 6.1.0-57's source.
 */
void fortify_panic(const char *name)
{
	pr_emerg("detected buffer overflow in %s\n", name);
	host_bug(HOST_BUG_BUG, "lib/string_helpers.c", 1027, "fortify_panic", 0);
	__builtin_trap();
}

/* compile-time warnings of <linux/fortify-string.h>; the call stays in the code (6.1 exports both) */
void __read_overflow2_field(size_t avail, size_t wanted)
{
}

void __write_overflow_field(size_t avail, size_t wanted)
{
}

void *memcpy(void *dest, const void *src, size_t n)
{
	if (n) {
		kern_check_ptr(dest, "memcpy");
		kern_check_ptr(src, "memcpy");
	}
	__builtin_memcpy(dest, src, n);
	return dest;
}

/* memory.copy is defined for overlapping ranges. */
void *memmove(void *dest, const void *src, size_t n)
{
	if (n) {
		kern_check_ptr(dest, "memmove");
		kern_check_ptr(src, "memmove");
	}
	__builtin_memmove(dest, src, n);
	return dest;
}

void *memset(void *s, int c, size_t n)
{
	if (n)
		kern_check_ptr(s, "memset");
	__builtin_memset(s, c, n);
	return s;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *p = a, *q = b;

	if (n) {
		kern_check_ptr(a, "memcmp");
		kern_check_ptr(b, "memcmp");
	}
	for (; n; n--, p++, q++)
		if (*p != *q)
			return *p < *q ? -1 : 1;
	return 0;
}

int bcmp(const void *a, const void *b, size_t n)
{
	return memcmp(a, b, n);
}

void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	if (n)
		kern_check_ptr(s, "memchr");
	for (; n; n--, p++)
		if (*p == (unsigned char)c)
			return (void *)p;
	return NULL;
}

/* The first byte that is not c, or NULL. */
void *memchr_inv(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	for (; n; n--, p++)
		if (*p != (unsigned char)c)
			return (void *)p;
	return NULL;
}

/* The first c in [addr, addr + size), or addr + size. */
void *memscan(void *addr, int c, size_t size)
{
	unsigned char *p = addr;

	for (; size; size--, p++)
		if (*p == (unsigned char)c)
			break;
	return p;
}

size_t strlen(const char *s)
{
	const char *p = s;

	kern_check_ptr(s, "strlen");
	while (*p)
		p++;
	return p - s;
}

size_t strnlen(const char *s, size_t maxlen)
{
	const char *p = s;

	if (maxlen)
		kern_check_ptr(s, "strnlen");
	while (maxlen-- && *p)
		p++;
	return p - s;
}

char *strcpy(char *dest, const char *src)
{
	char *d = dest;

	kern_check_ptr(dest, "strcpy");
	kern_check_ptr(src, "strcpy");
	while ((*d++ = *src++))
		;
	return dest;
}

/* Copies at most n bytes and pads with NULs; not terminated if src is long. */
char *strncpy(char *dest, const char *src, size_t n)
{
	char *d = dest;

	if (n) {
		kern_check_ptr(dest, "strncpy");
		kern_check_ptr(src, "strncpy");
	}
	for (; n; n--, d++) {
		*d = *src;
		if (*src)
			src++;
	}
	return dest;
}

/* Returns strlen(src); copies what fits, always terminated (size > 0). */
size_t strlcpy(char *dest, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size) {
		size_t n = len >= size ? size - 1 : len;
		__builtin_memcpy(dest, src, n);
		dest[n] = '\0';
	}
	return len;
}

/* Returns the length copied, or -E2BIG when src did not fit (dest is then
 * truncated but still terminated, unless count is 0). */
ssize_t strscpy(char *dest, const char *src, size_t count)
{
	size_t i;

	if (count == 0 || count > INT_MAX)
		return -E2BIG;
	kern_check_ptr(dest, "strscpy");
	kern_check_ptr(src, "strscpy");
	for (i = 0; i < count; i++) {
		dest[i] = src[i];
		if (!src[i])
			return i;
	}
	dest[count - 1] = '\0';
	return -E2BIG;
}

/* strscpy, then zero-fills the rest of dest. */
ssize_t strscpy_pad(char *dest, const char *src, size_t count)
{
	ssize_t written = strscpy(dest, src, count);

	if (written < 0 || (size_t)written == count - 1)
		return written;
	__builtin_memset(dest + written + 1, 0, count - written - 1);
	return written;
}

char *strcat(char *dest, const char *src)
{
	strcpy(dest + strlen(dest), src);
	return dest;
}

/* Appends at most n bytes of src, always terminated. */
char *strncat(char *dest, const char *src, size_t n)
{
	char *d = dest + strlen(dest);

	while (n-- && *src)
		*d++ = *src++;
	*d = '\0';
	return dest;
}

/* Appends what fits in a buffer of count bytes; returns the length it tried to create. */
size_t strlcat(char *dest, const char *src, size_t count)
{
	size_t dsize = strlen(dest);
	size_t len = strlen(src);
	size_t res = dsize + len;

	if (dsize >= count)
		return count + len;
	dest += dsize;
	count -= dsize;
	if (len >= count)
		len = count - 1;
	__builtin_memcpy(dest, src, len);
	dest[len] = 0;
	return res;
}

int strcmp(const char *a, const char *b)
{
	kern_check_ptr(a, "strcmp");
	kern_check_ptr(b, "strcmp");
	for (;; a++, b++) {
		unsigned char c1 = *a, c2 = *b;
		if (c1 != c2)
			return c1 < c2 ? -1 : 1;
		if (!c1)
			return 0;
	}
}

int strncmp(const char *a, const char *b, size_t n)
{
	if (n) {
		kern_check_ptr(a, "strncmp");
		kern_check_ptr(b, "strncmp");
	}
	for (; n; n--, a++, b++) {
		unsigned char c1 = *a, c2 = *b;
		if (c1 != c2)
			return c1 < c2 ? -1 : 1;
		if (!c1)
			break;
	}
	return 0;
}

int strcasecmp(const char *a, const char *b)
{
	int c1, c2;

	do {
		c1 = tolower(*a++);
		c2 = tolower(*b++);
	} while (c1 == c2 && c1 != 0);
	return c1 - c2;
}

int strncasecmp(const char *a, const char *b, size_t n)
{
	unsigned char c1, c2;

	if (!n)
		return 0;
	do {
		c1 = tolower(*a++);
		c2 = tolower(*b++);
		if (!c1 || !c2 || c1 != c2)
			break;
	} while (--n);
	return (int)c1 - (int)c2;
}

char *strchr(const char *s, int c)
{
	kern_check_ptr(s, "strchr");
	for (; *s != (char)c; s++)
		if (*s == '\0')
			return NULL;
	return (char *)s;
}

/* Like strchr, but returns the terminating NUL instead of NULL. */
char *strchrnul(const char *s, int c)
{
	while (*s && *s != (char)c)
		s++;
	return (char *)s;
}

char *strnchr(const char *s, size_t count, int c)
{
	while (count--) {
		if (*s == (char)c)
			return (char *)s;
		if (*s++ == '\0')
			break;
	}
	return NULL;
}

char *strrchr(const char *s, int c)
{
	const char *last = NULL;

	kern_check_ptr(s, "strrchr");
	do {
		if (*s == (char)c)
			last = s;
	} while (*s++);
	return (char *)last;
}

char *strstr(const char *haystack, const char *needle)
{
	size_t l1, l2;

	l2 = strlen(needle);
	if (!l2)
		return (char *)haystack;
	l1 = strlen(haystack);
	while (l1 >= l2) {
		l1--;
		if (!memcmp(haystack, needle, l2))
			return (char *)haystack;
		haystack++;
	}
	return NULL;
}

/* strstr within the first len bytes of haystack. */
char *strnstr(const char *haystack, const char *needle, size_t len)
{
	size_t l2 = strlen(needle);

	if (!l2)
		return (char *)haystack;
	while (len >= l2) {
		len--;
		if (!memcmp(haystack, needle, l2))
			return (char *)haystack;
		haystack++;
	}
	return NULL;
}

char *strpbrk(const char *cs, const char *ct)
{
	for (; *cs; cs++)
		if (strchr(ct, *cs))
			return (char *)cs;
	return NULL;
}

/* Splits *s at the first character in ct; returns the token, advances *s. */
char *strsep(char **s, const char *ct)
{
	char *sbegin = *s, *end;

	if (sbegin == NULL)
		return NULL;
	end = strpbrk(sbegin, ct);
	if (end)
		*end++ = '\0';
	*s = end;
	return sbegin;
}

size_t strspn(const char *s, const char *accept)
{
	const char *p = s;

	while (*p && strchr(accept, *p))
		p++;
	return p - s;
}

size_t strcspn(const char *s, const char *reject)
{
	const char *p = s;

	while (*p && !strchr(reject, *p))
		p++;
	return p - s;
}

char *skip_spaces(const char *str)
{
	while (isspace(*str))
		++str;
	return (char *)str;
}

/* Cuts trailing whitespace in place; returns the first non-space character. */
char *strim(char *s)
{
	size_t size = strlen(s);
	char *end;

	if (!size)
		return s;
	end = s + size - 1;
	while (end >= s && isspace(*end))
		end--;
	*(end + 1) = '\0';
	return skip_spaces(s);
}

char *strreplace(char *s, char old, char new)
{
	for (; *s; ++s)
		if (*s == old)
			*s = new;
	return s;
}

/* Equal, treating a trailing newline on either as absent (sysfs input). */
bool sysfs_streq(const char *s1, const char *s2)
{
	while (*s1 && *s1 == *s2) {
		s1++;
		s2++;
	}
	if (*s1 == *s2)
		return true;
	if (!*s1 && *s2 == '\n' && !s2[1])
		return true;
	if (*s1 == '\n' && !s1[1] && !*s2)
		return true;
	return false;
}

/* Index of string in array (stopping at a NULL entry), or -EINVAL. */
int match_string(const char *const *array, size_t n, const char *string)
{
	size_t index;

	for (index = 0; index < n; index++) {
		if (!array[index])
			break;
		if (!strcmp(array[index], string))
			return index;
	}
	return -EINVAL;
}
