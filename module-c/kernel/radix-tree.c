/*
 * radix-tree.c - lib/radix-tree.c's API, our own implementation.
 *
 * A tree of nodes of 64 slots, 6 index bits per level. root->rnode covers
 * indexes 0 .. 2^(shift+6) - 1; the tree grows a level on top when a larger
 * index is inserted and shrinks when the top node only uses slot 0. A node
 * whose last slot is cleared is freed at once (and its parent may follow),
 * so an emptied tree holds no memory, as in Linux.
 *
 * Nodes come from the host heap, attributed to "lib/radix-tree.c" (or the
 * XArray's site) so that a leak report names the tree, not libkern.
 */
#include <linux/radix-tree.h>
#include "libkern.h"

static const struct kern_radix_site radix_site = { "lib/radix-tree.c", "radix_tree_insert" };
static const struct kern_radix_site radix_delete_site = { "lib/radix-tree.c", "radix_tree_delete" };

/* The mask of the low `bits` bits (all bits when bits >= BITS_PER_LONG). */
static unsigned long low_mask(unsigned int bits)
{
	return bits >= BITS_PER_LONG ? ~0UL : (1UL << bits) - 1;
}

static unsigned long node_maxindex(const struct radix_tree_node *node)
{
	return low_mask(node->shift + RADIX_TREE_MAP_SHIFT);
}

static unsigned int node_offset(const struct radix_tree_node *node, unsigned long index)
{
	return (index >> node->shift) & RADIX_TREE_MAP_MASK;
}

static struct radix_tree_node *node_alloc(gfp_t gfp, unsigned int shift, struct radix_tree_node *parent,
					  unsigned int offset, const struct kern_radix_site *site)
{
	struct radix_tree_node *node =
		host_kmalloc(sizeof(*node), (gfp & ~HOST_GFP_INTERNAL) | __GFP_ZERO, site->file, 0, site->func);

	if (node) {
		node->shift = shift;
		node->parent = parent;
		node->offset = offset;
	}
	return node;
}

static void node_free(struct radix_tree_node *node, const struct kern_radix_site *site)
{
	host_kfree(node, site->file, 0, site->func);
}

/* While the top node only holds slot 0, its child can be the top. */
static void shrink(struct radix_tree_root *root, const struct kern_radix_site *site)
{
	struct radix_tree_node *node;

	while ((node = root->rnode) && node->shift && node->count == 1 && node->slots[0]) {
		struct radix_tree_node *child = node->slots[0];

		child->parent = NULL;
		child->offset = 0;
		root->rnode = child;
		node_free(node, site);
	}
}

/* Frees node and its ancestors for as long as they are empty. */
static void prune(struct radix_tree_root *root, struct radix_tree_node *node, const struct kern_radix_site *site)
{
	while (node && node->count == 0) {
		struct radix_tree_node *parent = node->parent;

		if (parent) {
			parent->slots[node->offset] = NULL;
			parent->count--;
		} else {
			root->rnode = NULL;
		}
		node_free(node, site);
		node = parent;
	}
	shrink(root, site);
}

int kern_radix_insert(struct radix_tree_root *root, unsigned long index, void *item, gfp_t gfp,
		      const struct kern_radix_site *site)
{
	struct radix_tree_node *node = root->rnode;
	unsigned int offset;

	if (!node) {
		unsigned int shift = 0;

		while (low_mask(shift + RADIX_TREE_MAP_SHIFT) < index)
			shift += RADIX_TREE_MAP_SHIFT;
		node = node_alloc(gfp, shift, NULL, 0, site);
		if (!node)
			return -ENOMEM;
		root->rnode = node;
	}
	/* grow upwards until the top covers index */
	while (node_maxindex(node) < index) {
		struct radix_tree_node *top = node_alloc(gfp, node->shift + RADIX_TREE_MAP_SHIFT, NULL, 0, site);

		if (!top) {
			shrink(root, site);
			return -ENOMEM;
		}
		top->slots[0] = node;
		top->count = 1;
		node->parent = top;
		node->offset = 0;
		root->rnode = node = top;
	}
	/* then down, creating the missing nodes on the way */
	while (node->shift) {
		struct radix_tree_node *child;

		offset = node_offset(node, index);
		child = node->slots[offset];
		if (!child) {
			child = node_alloc(gfp, node->shift - RADIX_TREE_MAP_SHIFT, node, offset, site);
			if (!child) {
				prune(root, node, site);
				return -ENOMEM;
			}
			node->slots[offset] = child;
			node->count++;
		}
		node = child;
	}
	offset = node_offset(node, index);
	if (node->slots[offset])
		return -EEXIST;
	if (!item) {
		/* storing NULL stores nothing; drop nodes made for it */
		prune(root, node, site);
		return 0;
	}
	node->slots[offset] = item;
	node->count++;
	return 0;
}

int radix_tree_insert(struct radix_tree_root *root, unsigned long index, void *item)
{
	/* Linux reserves pointers tagged as internal nodes and BUGs on them. */
	if (radix_tree_is_internal_node(item))
		host_bug(HOST_BUG_BUG, radix_site.file, 0, "radix_tree_insert", 0);
	return kern_radix_insert(root, index, item, root->gfp_mask, &radix_site);
}

/* The leaf node holding index, or NULL. */
static struct radix_tree_node *leaf_of(const struct radix_tree_root *root, unsigned long index)
{
	struct radix_tree_node *node = root->rnode;

	if (!node || index > node_maxindex(node))
		return NULL;
	while (node && node->shift)
		node = node->slots[node_offset(node, index)];
	return node;
}

void **radix_tree_lookup_slot(const struct radix_tree_root *root, unsigned long index)
{
	struct radix_tree_node *node = leaf_of(root, index);
	void **slot;

	if (!node)
		return NULL;
	slot = &node->slots[node_offset(node, index)];
	return *slot ? slot : NULL;
}

void *radix_tree_lookup(const struct radix_tree_root *root, unsigned long index)
{
	void **slot = radix_tree_lookup_slot(root, index);

	return slot ? *slot : NULL;
}

void *kern_radix_delete(struct radix_tree_root *root, unsigned long index, const struct kern_radix_site *site)
{
	struct radix_tree_node *node = leaf_of(root, index);
	unsigned int offset;
	void *item;

	if (!node)
		return NULL;
	offset = node_offset(node, index);
	item = node->slots[offset];
	if (!item)
		return NULL;
	node->slots[offset] = NULL;
	node->count--;
	prune(root, node, site);
	return item;
}

void *radix_tree_delete(struct radix_tree_root *root, unsigned long index)
{
	return kern_radix_delete(root, index, &radix_delete_site);
}

void *radix_tree_delete_item(struct radix_tree_root *root, unsigned long index, void *item)
{
	void *entry = radix_tree_lookup(root, index);

	if (!entry || (item && entry != item))
		return NULL;
	return radix_tree_delete(root, index);
}

void radix_tree_replace_slot(struct radix_tree_root *root, void **slot, void *item)
{
	(void)root;
	*slot = item;
}

/*
 * The slot of the first present entry with index in [index, max], its index
 * in *found; NULL if there is none. Walks down; when the rest of a node is
 * empty, climbs to the first ancestor with a slot after the one it came
 * from and continues from the start of that slot's range.
 */
void **kern_radix_find(const struct radix_tree_root *root, unsigned long index, unsigned long max,
		       unsigned long *found)
{
	struct radix_tree_node *node = root->rnode;

	if (!node || index > node_maxindex(node))
		return NULL;
	while (index <= max) {
		unsigned int offset = node_offset(node, index);

		while (offset < RADIX_TREE_MAP_SIZE && !node->slots[offset])
			offset++;
		if (offset == RADIX_TREE_MAP_SIZE) {
			struct radix_tree_node *parent;
			unsigned __int128 next;

			for (;;) {
				parent = node->parent;
				if (!parent)
					return NULL;
				if (node->offset + 1 < RADIX_TREE_MAP_SIZE)
					break;
				node = parent;
			}
			/* past the last index (ULONG_MAX) the next one overflows: computed in 128 bits */
			next = (unsigned __int128)(index & ~node_maxindex(parent)) +
			       ((unsigned __int128)(node->offset + 1) << parent->shift);
			if (next > ULONG_MAX)
				return NULL;
			index = (unsigned long)next;
			node = parent;
			continue;
		}
		if (offset != node_offset(node, index))
			index = (index & ~node_maxindex(node)) | ((unsigned long)offset << node->shift);
		if (!node->shift) {
			if (index > max)
				return NULL;
			*found = index;
			return &node->slots[offset];
		}
		node = node->slots[offset];
	}
	return NULL;
}

unsigned int radix_tree_gang_lookup(const struct radix_tree_root *root, void **results,
				    unsigned long first_index, unsigned int max_items)
{
	unsigned int n = 0;
	unsigned long index = first_index, found;
	void **slot;

	while (n < max_items && (slot = kern_radix_find(root, index, ~0UL, &found))) {
		results[n++] = *slot;
		if (found == ~0UL)
			break;
		index = found + 1;
	}
	return n;
}

void **radix_tree_next_chunk(const struct radix_tree_root *root, struct radix_tree_iter *iter, unsigned flags)
{
	unsigned long found;
	void **slot;

	(void)flags;
	/* next_index wrapped to 0 after the last possible index */
	if (!iter->next_index && iter->index)
		return NULL;
	slot = kern_radix_find(root, iter->next_index, ~0UL, &found);
	if (!slot)
		return NULL;
	iter->index = found;
	iter->next_index = found + 1;
	return slot;
}

void radix_tree_iter_delete(struct radix_tree_root *root, struct radix_tree_iter *iter, void **slot)
{
	(void)slot;
	radix_tree_delete(root, iter->index);
}

/* Frees every node (not the items). */
void kern_radix_destroy(struct radix_tree_root *root, const struct kern_radix_site *site)
{
	struct radix_tree_node *node = root->rnode;

	/* depth first: free a node once its children are gone */
	while (node) {
		unsigned int i;
		struct radix_tree_node *child = NULL;

		if (node->shift) {
			for (i = 0; i < RADIX_TREE_MAP_SIZE; i++) {
				if (node->slots[i]) {
					child = node->slots[i];
					node->slots[i] = NULL;
					break;
				}
			}
		}
		if (child) {
			node = child;
			continue;
		}
		child = node->parent;
		node_free(node, site);
		node = child;
	}
	root->rnode = NULL;
}
