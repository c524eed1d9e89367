/*
 * idr.c - lib/idr.c's IDR API (Linux 6.1 signatures) on libkern's radix tree: integer ids
 * mapped to pointers, the lowest free id in [start, end) handed out by idr_alloc(). The tree
 * holds the id minus idr_base, as Linux's does. (Linux allocates from its own xarray nodes;
 * here the nodes are the radix tree's, so the allocation sites differ.)
 */
#include <linux/idr.h>
#include <linux/limits.h>
#include <linux/errno.h>
#include <linux/err.h>
#include <linux/bug.h>
#include "libkern.h"

/* The lowest index >= from with no entry (a run of used ids is walked once). */
static unsigned long first_free(const struct radix_tree_root *root, unsigned long from)
{
	while (radix_tree_lookup(root, from))
		from++;
	return from;
}

int idr_alloc(struct idr *idr, void *ptr, int start, int end, gfp_t gfp)
{
	unsigned long max = end > 0 ? (unsigned long)end - 1 : INT_MAX;
	unsigned long id;
	int err;

	(void)gfp;
	if (WARN_ON_ONCE(start < 0))
		return -EINVAL;
	if ((unsigned long)start < idr->idr_base)
		start = idr->idr_base;
	id = first_free(&idr->idr_rt, (unsigned long)start - idr->idr_base) + idr->idr_base;
	if (id > max)
		return -ENOSPC;
	err = radix_tree_insert(&idr->idr_rt, id - idr->idr_base, ptr);
	return err ? err : (int)id;
}

int idr_alloc_cyclic(struct idr *idr, void *ptr, int start, int end, gfp_t gfp)
{
	int next = idr->idr_next > (unsigned int)start ? (int)idr->idr_next : start;
	int id = idr_alloc(idr, ptr, next, end, gfp);

	if (id == -ENOSPC && next > start)
		id = idr_alloc(idr, ptr, start, end, gfp);
	if (id >= 0)
		idr->idr_next = (unsigned int)id + 1U;
	return id;
}

void *idr_find(const struct idr *idr, unsigned long id)
{
	if (id < idr->idr_base)
		return NULL;
	return radix_tree_lookup(&idr->idr_rt, id - idr->idr_base);
}

void *idr_remove(struct idr *idr, unsigned long id)
{
	if (id < idr->idr_base)
		return NULL;
	return radix_tree_delete(&idr->idr_rt, id - idr->idr_base);
}

void *idr_replace(struct idr *idr, void *ptr, unsigned long id)
{
	void **slot;
	void *old;

	if (id < idr->idr_base)
		return ERR_PTR(-ENOENT);
	slot = radix_tree_lookup_slot(&idr->idr_rt, id - idr->idr_base);
	if (!slot || !*slot)
		return ERR_PTR(-ENOENT);
	old = *slot;
	radix_tree_replace_slot(&idr->idr_rt, slot, ptr);
	return old;
}

void *idr_get_next(struct idr *idr, int *nextid)
{
	struct radix_tree_iter iter;
	void **slot;
	unsigned long from = (unsigned long)*nextid < idr->idr_base ? 0 : (unsigned long)*nextid - idr->idr_base;

	radix_tree_for_each_slot(slot, &idr->idr_rt, &iter, from) {
		if (!*slot)
			continue;
		*nextid = (int)(iter.index + idr->idr_base);
		return *slot;
	}
	return NULL;
}

int idr_for_each(const struct idr *idr, int (*fn)(int id, void *p, void *data), void *data)
{
	struct radix_tree_iter iter;
	void **slot;

	radix_tree_for_each_slot(slot, &idr->idr_rt, &iter, 0) {
		int ret;

		if (!*slot)
			continue;
		ret = fn((int)(iter.index + idr->idr_base), *slot, data);
		if (ret)
			return ret;
	}
	return 0;
}

void idr_destroy(struct idr *idr)
{
	struct radix_tree_iter iter;
	void **slot;

	radix_tree_for_each_slot(slot, &idr->idr_rt, &iter, 0)
		radix_tree_delete(&idr->idr_rt, iter.index);
}
