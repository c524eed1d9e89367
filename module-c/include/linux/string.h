/* <linux/string.h> - the kernel's string and memory functions (kernel/string.c). */
#ifndef _LINUX_STRING_H_
#define _LINUX_STRING_H_

#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/stddef.h>
#include <linux/errno.h>
#include <linux/stdarg.h>
#include <linux/err.h>
#include <kernel/host.h>

void *memcpy(void *dest, const void *src, size_t n);
void *memmove(void *dest, const void *src, size_t n);
void *memset(void *s, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
int bcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);
void *memchr_inv(const void *s, int c, size_t n);
void *memscan(void *addr, int c, size_t size);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t maxlen);
char *strcpy(char *dest, const char *src);
char *strncpy(char *dest, const char *src, size_t n);
size_t strlcpy(char *dest, const char *src, size_t size);
ssize_t strscpy(char *dest, const char *src, size_t count);
ssize_t strscpy_pad(char *dest, const char *src, size_t count);
char *strcat(char *dest, const char *src);
char *strncat(char *dest, const char *src, size_t n);
size_t strlcat(char *dest, const char *src, size_t count);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
int strcasecmp(const char *a, const char *b);
int strncasecmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strchrnul(const char *s, int c);
char *strnchr(const char *s, size_t count, int c);
char *strrchr(const char *s, int c);
char *strstr(const char *haystack, const char *needle);
char *strnstr(const char *haystack, const char *needle, size_t len);
char *strpbrk(const char *cs, const char *ct);
char *strsep(char **s, const char *ct);
size_t strspn(const char *s, const char *accept);
size_t strcspn(const char *s, const char *reject);
char *skip_spaces(const char *str);
char *strim(char *s);
static inline __must_check char *strstrip(char *str)
{
	return strim(str);
}
char *strreplace(char *s, char old, char new);
bool sysfs_streq(const char *s1, const char *s2);
int match_string(const char *const *array, size_t n, const char *string);
static inline bool strstarts(const char *str, const char *prefix)
{
	return strncmp(str, prefix, strlen(prefix)) == 0;
}
static inline void memzero_explicit(void *s, size_t count)
{
	memset(s, 0, count);
	barrier_data(s);
}
#define memset_startat(obj, v, member)                                                  \
	({                                                                              \
		u8 *__ptr = (u8 *)(obj);                                                \
		__typeof__(v) __val = (v);                                              \
		memset(__ptr + offsetof(__typeof__(*(obj)), member), __val,             \
		       sizeof(*(obj)) - offsetof(__typeof__(*(obj)), member));          \
	})

/*
 * The allocating ones are macros so a leak is reported at the caller's line
 * (kernel/slab.c has the plain functions too, for taking their address).
 */
char *(kstrdup)(const char *s, gfp_t gfp);
char *(kstrndup)(const char *s, size_t max, gfp_t gfp);
const char *(kstrdup_const)(const char *s, gfp_t gfp);
void *(kmemdup)(const void *src, size_t len, gfp_t gfp);
char *(kmemdup_nul)(const char *s, size_t len, gfp_t gfp);
void *(memdup_user)(const void __user *src, size_t len);
void *(vmemdup_user)(const void __user *src, size_t len);
char *(memdup_user_nul)(const void __user *src, size_t len);
char *(strndup_user)(const char __user *s, long n);
char *__kern_kstrdup(const char *s, gfp_t gfp, const char *file, int line, const char *func);
char *__kern_kstrndup(const char *s, size_t max, gfp_t gfp, const char *file, int line, const char *func);
void *__kern_kmemdup(const void *src, size_t len, gfp_t gfp, const char *file, int line, const char *func);
char *__kern_kmemdup_nul(const char *s, size_t len, gfp_t gfp, const char *file, int line, const char *func);
void *__kern_memdup_user(const void __user *src, size_t len, int nul, const char *file, int line,
			 const char *func);
char *__kern_strndup_user(const char __user *s, long n, const char *file, int line, const char *func);
#define kstrdup(s, gfp) __kern_kstrdup((s), (gfp), __FILE__, __LINE__, __func__)
#define kstrdup_const(s, gfp) ((const char *)__kern_kstrdup((s), (gfp), __FILE__, __LINE__, __func__))
#define kstrndup(s, max, gfp) __kern_kstrndup((s), (max), (gfp), __FILE__, __LINE__, __func__)
#define kmemdup(src, len, gfp) __kern_kmemdup((src), (len), (gfp), __FILE__, __LINE__, __func__)
#define kmemdup_nul(s, len, gfp) __kern_kmemdup_nul((s), (len), (gfp), __FILE__, __LINE__, __func__)
#define memdup_user(src, len) __kern_memdup_user((src), (len), 0, __FILE__, __LINE__, __func__)
#define vmemdup_user(src, len) __kern_memdup_user((src), (len), 0, __FILE__, __LINE__, __func__)
#define memdup_user_nul(src, len) ((char *)__kern_memdup_user((src), (len), 1, __FILE__, __LINE__, __func__))
#define strndup_user(s, n) __kern_strndup_user((s), (n), __FILE__, __LINE__, __func__)
void (kfree_const)(const void *x);
#define kfree_const(x) host_kfree((x), __FILE__, __LINE__, __func__)


/* CONFIG_FORTIFY_SOURCE=y (Debian 6.1); lib/string.c builds without it, as on Linux */
#if !defined(__NO_FORTIFY)
#include <linux/fortify-string.h>
#endif

#endif
