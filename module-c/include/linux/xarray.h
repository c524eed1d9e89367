/* <linux/xarray.h> - the XArray API (the radix tree's successor), built on
 * libkern's radix tree (kernel/xarray.c). Nodes are "lib/xarray.c" objects.
 * Supported: load/store/erase/insert, value entries, xa_for_each, xa_destroy,
 * xa_alloc (ID allocation); not marks. */
#ifndef _LINUX_XARRAY_H
#define _LINUX_XARRAY_H

#include <linux/radix-tree.h>
#include <linux/spinlock.h>

struct xarray {
	spinlock_t xa_lock;
	gfp_t xa_flags;
	struct radix_tree_root xa_rt;
};

#define XA_FLAGS_ALLOC 0x1000000U
#define XA_FLAGS_ALLOC1 0x2000000U
#define XA_FLAGS_LOCK_IRQ 0
#define XA_FLAGS_LOCK_BH 0

#define XARRAY_INIT(name, flags) { .xa_lock = { 0 }, .xa_flags = (flags), .xa_rt = RADIX_TREE_INIT(name, 0) }
#define DEFINE_XARRAY_FLAGS(name, flags) struct xarray name = XARRAY_INIT(name, flags)
#define DEFINE_XARRAY(name) DEFINE_XARRAY_FLAGS(name, 0)
#define DEFINE_XARRAY_ALLOC(name) DEFINE_XARRAY_FLAGS(name, XA_FLAGS_ALLOC)
#define DEFINE_XARRAY_ALLOC1(name) DEFINE_XARRAY_FLAGS(name, XA_FLAGS_ALLOC1)

static inline void xa_init_flags(struct xarray *xa, gfp_t flags)
{
	spin_lock_init(&xa->xa_lock);
	xa->xa_flags = flags;
	INIT_RADIX_TREE(&xa->xa_rt, 0);
}
static inline void xa_init(struct xarray *xa)
{
	xa_init_flags(xa, 0);
}

/* Entries with low bits 10 are internal: errors are encoded as those. */
static inline void *xa_mk_internal(unsigned long v)
{
	return (void *)((v << 2) | 2);
}
static inline unsigned long xa_to_internal(const void *entry)
{
	return (unsigned long)entry >> 2;
}
static inline bool xa_is_internal(const void *entry)
{
	return ((unsigned long)entry & 3) == 2;
}
static inline bool xa_is_err(const void *entry)
{
	return unlikely(xa_is_internal(entry) && entry >= xa_mk_internal(-MAX_ERRNO));
}
/* 0 or the -errno an xa_store() result carries. */
static inline int xa_err(void *entry)
{
	if (xa_is_err(entry))
		return (long)entry >> 2;
	return 0;
}
/* Integers stored directly (low bit 1). */
static inline void *xa_mk_value(unsigned long v)
{
	return (void *)((v << 1) | 1);
}
static inline unsigned long xa_to_value(const void *entry)
{
	return (unsigned long)entry >> 1;
}
static inline bool xa_is_value(const void *entry)
{
	return (unsigned long)entry & 1;
}

#define XA_LIMIT(_min, _max) (struct xa_limit) { .min = _min, .max = _max }
struct xa_limit {
	u32 max;
	u32 min;
};
#define xa_limit_32b XA_LIMIT(0, UINT_MAX)
#define xa_limit_31b XA_LIMIT(0, INT_MAX)
#define xa_limit_16b XA_LIMIT(0, USHRT_MAX)

#define XA_PRESENT ((unsigned long)-1)

void *xa_load(struct xarray *xa, unsigned long index);
/* Stores entry (NULL erases); returns the old entry or an xa_err() error. */
void *xa_store(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp);
void *xa_erase(struct xarray *xa, unsigned long index);
/* 0, -EBUSY if index is taken, -ENOMEM, -EINVAL. */
int __must_check xa_insert(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp);
/* Stores entry at a free index in limit, written to *id: 0, -EBUSY (full), -ENOMEM. */
int __must_check xa_alloc(struct xarray *xa, u32 *id, void *entry, struct xa_limit limit, gfp_t gfp);
void *xa_cmpxchg(struct xarray *xa, unsigned long index, void *old, void *entry, gfp_t gfp);
/* Frees the XArray's own nodes (not the entries). */
void xa_destroy(struct xarray *xa);
/* First present entry with index in [*indexp, max]; *indexp is set to it. */
void *xa_find(struct xarray *xa, unsigned long *indexp, unsigned long max, unsigned long filter);
void *xa_find_after(struct xarray *xa, unsigned long *indexp, unsigned long max, unsigned long filter);

static inline bool xa_empty(const struct xarray *xa)
{
	return radix_tree_empty(&xa->xa_rt);
}

#define __xa_store xa_store
#define __xa_erase xa_erase
#define __xa_insert xa_insert
#define __xa_alloc xa_alloc
#define __xa_cmpxchg xa_cmpxchg
#define xa_store_irq xa_store
#define xa_store_bh xa_store
#define xa_erase_irq xa_erase
#define xa_erase_bh xa_erase
#define xa_insert_irq xa_insert
#define xa_insert_bh xa_insert
#define xa_alloc_irq xa_alloc
#define xa_alloc_bh xa_alloc
#define xa_release(xa, index) do { (void)(xa); (void)(index); } while (0)
#define xa_reserve(xa, index, gfp) ((void)(xa), (void)(index), (void)(gfp), 0)

#define xa_lock(xa) spin_lock(&(xa)->xa_lock)
#define xa_unlock(xa) spin_unlock(&(xa)->xa_lock)
#define xa_lock_bh(xa) spin_lock_bh(&(xa)->xa_lock)
#define xa_unlock_bh(xa) spin_unlock_bh(&(xa)->xa_lock)
#define xa_lock_irq(xa) spin_lock_irq(&(xa)->xa_lock)
#define xa_unlock_irq(xa) spin_unlock_irq(&(xa)->xa_lock)
#define xa_lock_irqsave(xa, flags) spin_lock_irqsave(&(xa)->xa_lock, flags)
#define xa_unlock_irqrestore(xa, flags) spin_unlock_irqrestore(&(xa)->xa_lock, flags)

#define xa_for_each_range(xa, index, entry, start, last)                                   \
	for (index = start, entry = xa_find(xa, &index, last, XA_PRESENT); entry;          \
	     entry = xa_find_after(xa, &index, last, XA_PRESENT))
#define xa_for_each_start(xa, index, entry, start) xa_for_each_range(xa, index, entry, start, ULONG_MAX)
#define xa_for_each(xa, index, entry) xa_for_each_start(xa, index, entry, 0)

#endif
