/* <linux/slab.h> - kmalloc & co. Allocation is the host's (src/kernel/heap:
 * red zones, poisoning, leak reports). Each allocator is a macro passing
 * __FILE__/__LINE__/__func__ so reports name the student's line; the same
 * names exist as functions (kernel/slab.c) for code that takes their address. */
#ifndef _LINUX_SLAB_H
#define _LINUX_SLAB_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/gfp.h>
#include <linux/overflow.h>
#include <kernel/host.h>

/* What kmalloc(0) returns: not NULL, but faults on use (the host knows). */
#define ZERO_SIZE_PTR ((void *)16)
#define ZERO_OR_NULL_PTR(x) ((unsigned long)(x) <= (unsigned long)ZERO_SIZE_PTR)

#define KMALLOC_MAX_SIZE (1UL << 22)
#define KMALLOC_MAX_CACHE_SIZE (1UL << 13)
#define ARCH_KMALLOC_MINALIGN 8

#define SLAB_HWCACHE_ALIGN ((slab_flags_t)0x00002000U)
#define SLAB_PANIC ((slab_flags_t)0x00040000U)
#define SLAB_ACCOUNT ((slab_flags_t)0x04000000U)
#define SLAB_RECLAIM_ACCOUNT ((slab_flags_t)0x00020000U)
#define SLAB_POISON ((slab_flags_t)0x00000800U)
#define SLAB_RED_ZONE ((slab_flags_t)0x00000400U)

void *(kmalloc)(size_t size, gfp_t flags);
void *(kzalloc)(size_t size, gfp_t flags);
void *(kcalloc)(size_t n, size_t size, gfp_t flags);
void *(kmalloc_array)(size_t n, size_t size, gfp_t flags);
void *(krealloc)(const void *p, size_t new_size, gfp_t flags);
void (kfree)(const void *objp);
void (kfree_sensitive)(const void *objp);
size_t (ksize)(const void *objp);
void *(kvmalloc)(size_t size, gfp_t flags);
void *(kvzalloc)(size_t size, gfp_t flags);
void (kvfree)(const void *addr);

/* n * size, or NULL (without allocating) when the product overflows. */
static inline void *__kern_kmalloc_array(size_t n, size_t size, gfp_t flags, const char *file, int line,
					 const char *func)
{
	size_t bytes;

	if (unlikely(__builtin_mul_overflow(n, size, &bytes)))
		return NULL;
	return host_kmalloc(bytes, flags, file, line, func);
}

static inline void *__kern_krealloc_array(void *p, size_t n, size_t size, gfp_t flags, const char *file,
					  int line, const char *func)
{
	size_t bytes;

	if (unlikely(__builtin_mul_overflow(n, size, &bytes)))
		return NULL;
	return host_krealloc(p, bytes, flags, file, line, func);
}

/* Clears the object (its whole ksize) before freeing it. */
static inline void __kern_kfree_sensitive(const void *p, const char *file, int line, const char *func)
{
	if (!ZERO_OR_NULL_PTR(p))
		__builtin_memset((void *)p, 0, host_ksize(p));
	host_kfree(p, file, line, func);
}

#define __KERN_SITE __FILE__, __LINE__, __func__
#define kmalloc(size, flags) host_kmalloc((size), (flags), __KERN_SITE)
#define kzalloc(size, flags) host_kmalloc((size), (flags) | __GFP_ZERO, __KERN_SITE)
#define kmalloc_node(size, flags, node) kmalloc(size, flags)
#define kzalloc_node(size, flags, node) kzalloc(size, flags)
#define kmalloc_array(n, size, flags) __kern_kmalloc_array((n), (size), (flags), __KERN_SITE)
#define kcalloc(n, size, flags) __kern_kmalloc_array((n), (size), (flags) | __GFP_ZERO, __KERN_SITE)
#define krealloc(p, new_size, flags) host_krealloc((p), (new_size), (flags), __KERN_SITE)
#define krealloc_array(p, n, size, flags) __kern_krealloc_array((p), (n), (size), (flags), __KERN_SITE)
#define kfree(p) host_kfree((p), __KERN_SITE)
#define kfree_sensitive(p) __kern_kfree_sensitive((p), __KERN_SITE)
/* kzfree was renamed kfree_sensitive in 5.9. */
#define kzfree(p) __kern_kfree_sensitive((p), __KERN_SITE)
#define ksize(p) ((size_t)host_ksize(p))
#define kfree_rcu(p, ...) host_kfree((p), __KERN_SITE)
#define kvfree_rcu(p, ...) host_kfree((p), __KERN_SITE)

/* kvmalloc memory comes from the same heap here (vmalloc: <linux/vmalloc.h>). */
#define kvmalloc(size, flags) host_kmalloc((size), (flags), __KERN_SITE)
#define kvzalloc(size, flags) host_kmalloc((size), (flags) | __GFP_ZERO, __KERN_SITE)
#define kvmalloc_array(n, size, flags) __kern_kmalloc_array((n), (size), (flags), __KERN_SITE)
#define kvcalloc(n, size, flags) __kern_kmalloc_array((n), (size), (flags) | __GFP_ZERO, __KERN_SITE)
#define kvfree(p) host_kfree((p), __KERN_SITE)
#define kvfree_sensitive(p, len) __kern_kfree_sensitive((p), __KERN_SITE)
#define kvrealloc(p, oldsize, newsize, flags) host_krealloc((p), (newsize), (flags), __KERN_SITE)

/*
 * kmem_cache: a named object size. Objects come from the same host heap,
 * attributed to the kmem_cache_alloc() caller.
 */
struct kmem_cache {
	const char *name;
	unsigned int size;
	unsigned int align;
	slab_flags_t flags;
	void (*ctor)(void *);
};

struct kmem_cache *__kern_kmem_cache_create(const char *name, unsigned int size, unsigned int align,
					    slab_flags_t flags, void (*ctor)(void *), const char *file,
					    int line, const char *func);
void *__kern_kmem_cache_alloc(struct kmem_cache *s, gfp_t flags, const char *file, int line,
			      const char *func);
void kmem_cache_destroy(struct kmem_cache *s);
#define kmem_cache_create(name, size, align, flags, ctor) \
	__kern_kmem_cache_create((name), (size), (align), (flags), (ctor), __KERN_SITE)
#define kmem_cache_create_usercopy(name, size, align, flags, useroffset, usersize, ctor) \
	__kern_kmem_cache_create((name), (size), (align), (flags), (ctor), __KERN_SITE)
#define KMEM_CACHE(__struct, __flags) \
	kmem_cache_create(#__struct, sizeof(struct __struct), __alignof__(struct __struct), (__flags), NULL)
#define kmem_cache_alloc(s, flags) __kern_kmem_cache_alloc((s), (flags), __KERN_SITE)
#define kmem_cache_zalloc(s, flags) __kern_kmem_cache_alloc((s), (flags) | __GFP_ZERO, __KERN_SITE)
#define kmem_cache_free(s, p) ((void)(s), host_kfree((p), __KERN_SITE))

#endif
