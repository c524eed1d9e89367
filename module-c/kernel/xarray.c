/*
 * xarray.c - lib/xarray.c's basic API on top of libkern's radix tree.
 * Nodes are attributed to "lib/xarray.c" in leak reports.
 */
#include <linux/xarray.h>
#include "libkern.h"

static const struct kern_radix_site xa_site = { "lib/xarray.c", "xa_store" };
static const struct kern_radix_site xa_erase_site = { "lib/xarray.c", "xa_erase" };

#define XA_ERROR(errno) xa_mk_internal((unsigned long)(long)(errno))

void *xa_load(struct xarray *xa, unsigned long index)
{
	return radix_tree_lookup(&xa->xa_rt, index);
}

void *xa_erase(struct xarray *xa, unsigned long index)
{
	return kern_radix_delete(&xa->xa_rt, index, &xa_erase_site);
}

void *xa_store(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp)
{
	void **slot;
	void *old;
	int err;

	if (!entry)
		return xa_erase(xa, index);
	if (xa_is_internal(entry))
		return XA_ERROR(-EINVAL);
	slot = radix_tree_lookup_slot(&xa->xa_rt, index);
	if (slot) {
		old = *slot;
		*slot = entry;
		return old;
	}
	err = kern_radix_insert(&xa->xa_rt, index, entry, gfp, &xa_site);
	return err ? XA_ERROR(err) : NULL;
}

int xa_insert(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp)
{
	int err;

	if (xa_is_internal(entry))
		return -EINVAL;
	if (!entry)
		return radix_tree_lookup(&xa->xa_rt, index) ? -EBUSY : 0;
	err = kern_radix_insert(&xa->xa_rt, index, entry, gfp, &xa_site);
	return err == -EEXIST ? -EBUSY : err;
}

void *xa_cmpxchg(struct xarray *xa, unsigned long index, void *old, void *entry, gfp_t gfp)
{
	void *cur = xa_load(xa, index);

	if (cur == old) {
		void *r = xa_store(xa, index, entry, gfp);
		if (xa_is_err(r))
			return r;
	}
	return cur;
}

/* The lowest free index in [limit.min, limit.max] (from 1 with ALLOC1). */
int xa_alloc(struct xarray *xa, u32 *id, void *entry, struct xa_limit limit, gfp_t gfp)
{
	unsigned long index = limit.min, found;
	int err;

	if (xa_is_internal(entry))
		return -EINVAL;
	if ((xa->xa_flags & XA_FLAGS_ALLOC1) && index == 0)
		index = 1;
	while (index <= limit.max && kern_radix_find(&xa->xa_rt, index, index, &found)) {
		if (index == limit.max)
			return -EBUSY;
		index++;
	}
	if (index > limit.max)
		return -EBUSY;
	/* Linux reserves the id for a NULL entry; here nothing is stored. */
	if (!entry) {
		*id = index;
		return 0;
	}
	err = kern_radix_insert(&xa->xa_rt, index, entry, gfp, &xa_site);
	if (err)
		return err;
	*id = index;
	return 0;
}

void xa_destroy(struct xarray *xa)
{
	kern_radix_destroy(&xa->xa_rt, &xa_erase_site);
}

void *xa_find(struct xarray *xa, unsigned long *indexp, unsigned long max, unsigned long filter)
{
	unsigned long found;
	void **slot;

	(void)filter;
	slot = kern_radix_find(&xa->xa_rt, *indexp, max, &found);
	if (!slot)
		return NULL;
	*indexp = found;
	return *slot;
}

void *xa_find_after(struct xarray *xa, unsigned long *indexp, unsigned long max, unsigned long filter)
{
	unsigned long start = *indexp + 1;

	if (start == 0)
		return NULL;
	*indexp = start;
	{
		void *entry = xa_find(xa, indexp, max, filter);
		if (!entry)
			*indexp = start - 1;
		return entry;
	}
}
