/* <linux/radix-tree.h> - an index (unsigned long, 64 bits: LP64) to pointer
 * map (kernel/radix-tree.c). Nodes of 64 slots are allocated from the host
 * heap as "lib/radix-tree.c" objects; deleting the last entry of a node
 * frees it, so an emptied tree holds no memory. */
#ifndef _LINUX_RADIX_TREE_H
#define _LINUX_RADIX_TREE_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/gfp.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/spinlock_types.h>

#define RADIX_TREE_MAP_SHIFT 6
#define RADIX_TREE_MAP_SIZE (1UL << RADIX_TREE_MAP_SHIFT)
#define RADIX_TREE_MAP_MASK (RADIX_TREE_MAP_SIZE - 1)

/* Pointers with these low bits are reserved by Linux's radix tree. */
#define RADIX_TREE_ENTRY_MASK 3UL
#define RADIX_TREE_INTERNAL_NODE 2UL

struct radix_tree_node {
	unsigned char shift;	/* index bits below this level */
	unsigned char offset;	/* slot number in the parent */
	unsigned char count;	/* non-NULL slots */
	struct radix_tree_node *parent;
	void *slots[RADIX_TREE_MAP_SIZE];
};

struct radix_tree_root {
	spinlock_t xa_lock;
	gfp_t gfp_mask;
	struct radix_tree_node *rnode;
};

#define RADIX_TREE_INIT(name, mask) { .xa_lock = { 0 }, .gfp_mask = (mask), .rnode = NULL }
#define RADIX_TREE(name, mask) struct radix_tree_root name = RADIX_TREE_INIT(name, mask)
#define INIT_RADIX_TREE(root, mask)                     \
	do {                                            \
		(root)->xa_lock.locked = 0;             \
		(root)->gfp_mask = (mask);              \
		(root)->rnode = NULL;                   \
	} while (0)

static inline bool radix_tree_empty(const struct radix_tree_root *root)
{
	return root->rnode == NULL;
}

static inline bool radix_tree_is_internal_node(void *ptr)
{
	return ((unsigned long)ptr & RADIX_TREE_ENTRY_MASK) == RADIX_TREE_INTERNAL_NODE;
}

/* 0, -EEXIST if index is taken, -ENOMEM. */
int radix_tree_insert(struct radix_tree_root *root, unsigned long index, void *item);
void *radix_tree_lookup(const struct radix_tree_root *root, unsigned long index);
void **radix_tree_lookup_slot(const struct radix_tree_root *root, unsigned long index);
/* Removes and returns the item at index (NULL if none). */
void *radix_tree_delete(struct radix_tree_root *root, unsigned long index);
/* Removes the entry only if it is item (any item when item is NULL). */
void *radix_tree_delete_item(struct radix_tree_root *root, unsigned long index, void *item);
/* Up to max_items items with index >= first_index, in index order. */
unsigned int radix_tree_gang_lookup(const struct radix_tree_root *root, void **results,
				    unsigned long first_index, unsigned int max_items);
void radix_tree_replace_slot(struct radix_tree_root *root, void **slot, void *item);

/* Nodes are allocated on demand; preloading is not needed. */
static inline int radix_tree_preload(gfp_t gfp_mask)
{
	(void)gfp_mask;
	return 0;
}
static inline int radix_tree_maybe_preload(gfp_t gfp_mask)
{
	(void)gfp_mask;
	return 0;
}
static inline void radix_tree_preload_end(void)
{
}

static inline void *radix_tree_deref_slot(void **slot)
{
	return *slot;
}
static inline void *radix_tree_deref_slot_protected(void **slot, spinlock_t *treelock)
{
	(void)treelock;
	return *slot;
}
static inline int radix_tree_deref_retry(void *arg)
{
	(void)arg;
	return 0;
}
static inline int radix_tree_exception(void *arg)
{
	return ((unsigned long)arg & RADIX_TREE_ENTRY_MASK) != 0;
}

/*
 * Iteration. Each step looks up the next present index from next_index, so
 * deleting the current entry inside radix_tree_for_each_slot() is safe.
 */
struct radix_tree_iter {
	unsigned long index;
	unsigned long next_index;
	unsigned long tags;
	struct radix_tree_node *node;
};

#define RADIX_TREE_ITER_TAG_MASK 0x0f
#define RADIX_TREE_ITER_TAGGED 0x10
#define RADIX_TREE_ITER_CONTIG 0x20

static __always_inline void **radix_tree_iter_init(struct radix_tree_iter *iter, unsigned long start)
{
	iter->index = 0;
	iter->next_index = start;
	iter->tags = 0;
	iter->node = NULL;
	return NULL;
}

void **radix_tree_next_chunk(const struct radix_tree_root *root, struct radix_tree_iter *iter, unsigned flags);

/* Chunks are one slot long, so there is never a next slot in the chunk. */
static __always_inline void **radix_tree_next_slot(void **slot, struct radix_tree_iter *iter, unsigned flags)
{
	(void)slot;
	(void)iter;
	(void)flags;
	return NULL;
}

static inline void **radix_tree_iter_resume(void **slot, struct radix_tree_iter *iter)
{
	(void)slot;
	(void)iter;
	return NULL;
}

static inline void **radix_tree_iter_retry(struct radix_tree_iter *iter)
{
	iter->next_index = iter->index;
	return NULL;
}

void radix_tree_iter_delete(struct radix_tree_root *root, struct radix_tree_iter *iter, void **slot);

#define radix_tree_for_each_slot(slot, root, iter, start)                                \
	for (slot = radix_tree_iter_init(iter, start); slot || (slot = radix_tree_next_chunk(root, iter, 0)); \
	     slot = radix_tree_next_slot(slot, iter, 0))

#endif
