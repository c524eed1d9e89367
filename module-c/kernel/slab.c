/*
 * slab.c - mm/slab_common.c, mm/util.c: the allocator API as real
 * functions. Modules normally reach the host heap through the macros in
 * <linux/slab.h> (which name the calling line); these definitions exist for
 * code that takes an allocator's address, and for kstrdup() and friends.
 * The (name) spelling keeps the macro of the same name from expanding.
 */
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <asm/page.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include "libkern.h"

#define FN_SITE(fn) __FILE__, __LINE__, fn

void *(kmalloc)(size_t size, gfp_t flags)
{
	return host_kmalloc(size, flags, FN_SITE("kmalloc"));
}

void *(kzalloc)(size_t size, gfp_t flags)
{
	return host_kmalloc(size, flags | __GFP_ZERO, FN_SITE("kzalloc"));
}

void *(kmalloc_array)(size_t n, size_t size, gfp_t flags)
{
	return __kern_kmalloc_array(n, size, flags, FN_SITE("kmalloc_array"));
}

void *(kcalloc)(size_t n, size_t size, gfp_t flags)
{
	return __kern_kmalloc_array(n, size, flags | __GFP_ZERO, FN_SITE("kcalloc"));
}

void *(krealloc)(const void *p, size_t new_size, gfp_t flags)
{
	return host_krealloc(p, new_size, flags, FN_SITE("krealloc"));
}

void (kfree)(const void *objp)
{
	host_kfree(objp, FN_SITE("kfree"));
}

void (kfree_sensitive)(const void *objp)
{
	__kern_kfree_sensitive(objp, FN_SITE("kfree_sensitive"));
}

size_t (ksize)(const void *objp)
{
	return host_ksize(objp);
}

void *(vmalloc)(unsigned long size)
{
	return host_kmalloc(size, GFP_KERNEL, FN_SITE("vmalloc"));
}

void *(vzalloc)(unsigned long size)
{
	return host_kmalloc(size, GFP_KERNEL | __GFP_ZERO, FN_SITE("vzalloc"));
}

void (vfree)(const void *addr)
{
	host_kfree(addr, FN_SITE("vfree"));
}

void *(kvmalloc)(size_t size, gfp_t flags)
{
	return host_kmalloc(size, flags, FN_SITE("kvmalloc"));
}

void *(kvzalloc)(size_t size, gfp_t flags)
{
	return host_kmalloc(size, flags | __GFP_ZERO, FN_SITE("kvzalloc"));
}

void (kvfree)(const void *addr)
{
	host_kfree(addr, FN_SITE("kvfree"));
}

void (kfree_const)(const void *x)
{
	host_kfree(x, FN_SITE("kfree_const"));
}

/* kmem_cache: the cache object itself is attributed to its creator, so a
 * cache never destroyed shows up as a leak. */
struct kmem_cache *__kern_kmem_cache_create(const char *name, unsigned int size, unsigned int align,
					    slab_flags_t flags, void (*ctor)(void *), const char *file,
					    int line, const char *func)
{
	struct kmem_cache *s = host_kmalloc(sizeof(*s), GFP_KERNEL, file, line, func);

	if (!s)
		return NULL;
	s->name = name;
	s->size = size;
	s->align = align;
	s->flags = flags;
	s->ctor = ctor;
	return s;
}

void *__kern_kmem_cache_alloc(struct kmem_cache *s, gfp_t flags, const char *file, int line, const char *func)
{
	void *p = host_kmalloc(s->size, flags, file, line, func);

	if (p && s->ctor)
		s->ctor(p);
	return p;
}

void kmem_cache_destroy(struct kmem_cache *s)
{
	if (s)
		host_kfree(s, FN_SITE("kmem_cache_destroy"));
}

char *__kern_kstrdup(const char *s, gfp_t gfp, const char *file, int line, const char *func)
{
	size_t len;
	char *buf;

	if (!s)
		return NULL;
	len = strlen(s) + 1;
	buf = host_kmalloc(len, gfp, file, line, func);
	if (buf)
		__builtin_memcpy(buf, s, len);
	return buf;
}

char *__kern_kstrndup(const char *s, size_t max, gfp_t gfp, const char *file, int line, const char *func)
{
	size_t len;
	char *buf;

	if (!s)
		return NULL;
	len = strnlen(s, max);
	buf = host_kmalloc(len + 1, gfp, file, line, func);
	if (buf) {
		__builtin_memcpy(buf, s, len);
		buf[len] = '\0';
	}
	return buf;
}

void *__kern_kmemdup(const void *src, size_t len, gfp_t gfp, const char *file, int line, const char *func)
{
	void *p = host_kmalloc(len, gfp, file, line, func);

	if (p)
		memcpy(p, src, len);
	return p;
}

char *__kern_kmemdup_nul(const char *s, size_t len, gfp_t gfp, const char *file, int line, const char *func)
{
	char *buf;

	if (!s)
		return NULL;
	buf = host_kmalloc(len + 1, gfp, file, line, func);
	if (buf) {
		memcpy(buf, s, len);
		buf[len] = '\0';
	}
	return buf;
}

/* memdup_user: a kmalloc()ed copy of user memory, or ERR_PTR(-ENOMEM /
 * -EFAULT). nul: append a terminating NUL (memdup_user_nul). */
void *__kern_memdup_user(const void __user *src, size_t len, int nul, const char *file, int line,
			 const char *func)
{
	char *p = host_kmalloc(len + (nul ? 1 : 0), GFP_USER | __GFP_NOWARN, file, line, func);

	if (!p)
		return ERR_PTR(-ENOMEM);
	if (host_copy_from_user(p, src, len)) {
		host_kfree(p, file, line, func);
		return ERR_PTR(-EFAULT);
	}
	if (nul)
		p[len] = '\0';
	return p;
}

/* strndup_user: a copy of a user string of at most n bytes (with its NUL),
 * or ERR_PTR(-EFAULT / -EINVAL when longer / -ENOMEM). */
char *__kern_strndup_user(const char __user *s, long n, const char *file, int line, const char *func)
{
	long length = strnlen_user(s, n);

	if (!length)
		return ERR_PTR(-EFAULT);
	if (length > n)
		return ERR_PTR(-EINVAL);
	return __kern_memdup_user(s, length - 1, 1, file, line, func);
}

char *(kstrdup)(const char *s, gfp_t gfp)
{
	return __kern_kstrdup(s, gfp, FN_SITE("kstrdup"));
}

const char *(kstrdup_const)(const char *s, gfp_t gfp)
{
	return __kern_kstrdup(s, gfp, FN_SITE("kstrdup_const"));
}

char *(kstrndup)(const char *s, size_t max, gfp_t gfp)
{
	return __kern_kstrndup(s, max, gfp, FN_SITE("kstrndup"));
}

void *(kmemdup)(const void *src, size_t len, gfp_t gfp)
{
	return __kern_kmemdup(src, len, gfp, FN_SITE("kmemdup"));
}

char *(kmemdup_nul)(const char *s, size_t len, gfp_t gfp)
{
	return __kern_kmemdup_nul(s, len, gfp, FN_SITE("kmemdup_nul"));
}

void *(memdup_user)(const void __user *src, size_t len)
{
	return __kern_memdup_user(src, len, 0, FN_SITE("memdup_user"));
}

void *(vmemdup_user)(const void __user *src, size_t len)
{
	return __kern_memdup_user(src, len, 0, FN_SITE("vmemdup_user"));
}

char *(memdup_user_nul)(const void __user *src, size_t len)
{
	return __kern_memdup_user(src, len, 1, FN_SITE("memdup_user_nul"));
}

char *(strndup_user)(const char __user *s, long n)
{
	return __kern_strndup_user(s, n, FN_SITE("strndup_user"));
}

unsigned long __get_free_pages(gfp_t gfp_mask, unsigned int order)
{
	if (order > 10)
		return 0;
	return (unsigned long)host_kmalloc(PAGE_SIZE << order, gfp_mask, FN_SITE("__get_free_pages"));
}

unsigned long get_zeroed_page(gfp_t gfp_mask)
{
	return (unsigned long)host_kmalloc(PAGE_SIZE, gfp_mask | __GFP_ZERO, FN_SITE("get_zeroed_page"));
}

void free_pages(unsigned long addr, unsigned int order)
{
	if (addr)
		host_kfree((void *)addr, FN_SITE("free_pages"));
}
