/*
 * idr.c - lib/idr.c's IDR and IDA on top of libkern's radix tree, with
 * Linux 6.1's rules: idr_alloc() takes ids in [start, end) (end <= 0: up to
 * INT_MAX), the lowest free one, -ENOSPC when none is free, and warns on a
 * negative start; ids are offset by idr_base. Like xa_alloc() here, a NULL
 * pointer gets an id but nothing is stored (Linux reserves the id).
 * Nodes are attributed to "lib/idr.c" in leak reports.
 */
#include <linux/bug.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/idr.h>
#include <linux/limits.h>
#include "libkern.h"

static const struct kern_radix_site idr_site = { "lib/idr.c", "idr_alloc" };
static const struct kern_radix_site idr_remove_site = { "lib/idr.c", "idr_remove" };
static const struct kern_radix_site ida_site = { "lib/idr.c", "ida_alloc" };
static const struct kern_radix_site ida_free_site = { "lib/idr.c", "ida_free" };

/* the lowest free index of the tree in [min, max], or -ENOSPC */
static long lowest_free(const struct radix_tree_root *rt, unsigned long min, unsigned long max)
{
	unsigned long index = min, found;

	while (index <= max && kern_radix_find(rt, index, index, &found)) {
		if (index == max)
			return -ENOSPC;
		index++;
	}
	return index > max ? -ENOSPC : (long)index;
}

static int idr_alloc_range(struct idr *idr, void *ptr, unsigned long min, unsigned long max, gfp_t gfp)
{
	long id;
	int err;

	if (min < idr->idr_base)
		min = idr->idr_base;
	if (min > max)
		return -ENOSPC;
	id = lowest_free(&idr->idr_rt, min - idr->idr_base, max - idr->idr_base);
	if (id < 0)
		return id;
	if (ptr) {
		err = kern_radix_insert(&idr->idr_rt, id, ptr, gfp, &idr_site);
		if (err)
			return err;
	}
	return id + idr->idr_base;
}

int idr_alloc(struct idr *idr, void *ptr, int start, int end, gfp_t gfp)
{
	if (WARN_ON_ONCE(start < 0))
		return -EINVAL;
	return idr_alloc_range(idr, ptr, start, end > 0 ? end - 1 : INT_MAX, gfp);
}

int idr_alloc_cyclic(struct idr *idr, void *ptr, int start, int end, gfp_t gfp)
{
	unsigned long max = end > 0 ? end - 1 : INT_MAX;
	unsigned long from = idr->idr_next > (unsigned int)start ? idr->idr_next : (unsigned int)start;
	int id;

	if (WARN_ON_ONCE(start < 0))
		return -EINVAL;
	id = idr_alloc_range(idr, ptr, from, max, gfp);
	if (id == -ENOSPC && from > (unsigned long)start)
		id = idr_alloc_range(idr, ptr, start, max, gfp);
	if (id >= 0)
		idr->idr_next = id + 1U;
	return id;
}

void *idr_find(const struct idr *idr, unsigned long id)
{
	return radix_tree_lookup(&idr->idr_rt, id - idr->idr_base);
}

void *idr_remove(struct idr *idr, unsigned long id)
{
	return kern_radix_delete(&idr->idr_rt, id - idr->idr_base, &idr_remove_site);
}

void *idr_replace(struct idr *idr, void *ptr, unsigned long id)
{
	void **slot = radix_tree_lookup_slot(&idr->idr_rt, id - idr->idr_base);
	void *old;

	if (!slot || !*slot)
		return ERR_PTR(-ENOENT);
	old = *slot;
	radix_tree_replace_slot(&idr->idr_rt, slot, ptr);
	return old;
}

void idr_destroy(struct idr *idr)
{
	kern_radix_destroy(&idr->idr_rt, &idr_remove_site);
}

int idr_for_each(const struct idr *idr, int (*fn)(int id, void *p, void *data), void *data)
{
	unsigned long index = 0, found;
	void **slot;

	while ((slot = kern_radix_find(&idr->idr_rt, index, INT_MAX, &found))) {
		int ret = fn(found + idr->idr_base, *slot, data);

		if (ret)
			return ret;
		index = found + 1;
	}
	return 0;
}

void *idr_get_next(struct idr *idr, int *nextid)
{
	unsigned long from = *nextid < (int)idr->idr_base ? 0 : *nextid - idr->idr_base, found;
	void **slot = kern_radix_find(&idr->idr_rt, from, INT_MAX, &found);

	if (!slot || found + idr->idr_base > INT_MAX)
		return NULL;
	*nextid = found + idr->idr_base;
	return *slot;
}

int ida_alloc_range(struct ida *ida, unsigned int min, unsigned int max, gfp_t gfp)
{
	long id;
	int err;

	if ((int)min < 0)
		return -ENOSPC;
	if ((int)max < 0)
		max = INT_MAX;
	id = lowest_free(&ida->xa.xa_rt, min, max);
	if (id < 0)
		return id;
	/* any non-NULL, non-internal entry marks the id as used */
	err = kern_radix_insert(&ida->xa.xa_rt, id, ida, gfp, &ida_site);
	return err ? err : id;
}

void ida_free(struct ida *ida, unsigned int id)
{
	if (!kern_radix_delete(&ida->xa.xa_rt, id, &ida_free_site))
		WARN(1, "ida_free called for id=%d which is not allocated.\n", id);
}

void ida_destroy(struct ida *ida)
{
	kern_radix_destroy(&ida->xa.xa_rt, &ida_free_site);
}
