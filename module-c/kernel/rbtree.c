/*
 * rbtree.c - red-black trees (lib/rbtree.c's API, our own implementation of
 * the textbook algorithm). Invariants: the root is black, a red node has
 * black children, and every path from a node down to a NULL child passes
 * the same number of black nodes. NULL children count as black.
 */
#include <linux/rbtree.h>
#include "libkern.h"

static inline bool is_black(const struct rb_node *n)
{
	return !n || (n->__rb_parent_color & RB_BLACK);
}

static inline bool is_red(const struct rb_node *n)
{
	return !is_black(n);
}

static inline void set_black(struct rb_node *n)
{
	n->__rb_parent_color |= RB_BLACK;
}

static inline void set_red(struct rb_node *n)
{
	n->__rb_parent_color &= ~1UL;
}

static inline void set_color(struct rb_node *n, unsigned long color)
{
	n->__rb_parent_color = (n->__rb_parent_color & ~1UL) | color;
}

static inline unsigned long color_of(const struct rb_node *n)
{
	return n->__rb_parent_color & 1UL;
}

static inline void set_parent(struct rb_node *n, struct rb_node *parent)
{
	n->__rb_parent_color = (unsigned long)parent | color_of(n);
}

/* Makes new take old's place under parent (or as the root). */
static void change_child(struct rb_node *old, struct rb_node *new, struct rb_node *parent, struct rb_root *root)
{
	if (!parent)
		root->rb_node = new;
	else if (parent->rb_left == old)
		parent->rb_left = new;
	else
		parent->rb_right = new;
}

/*
 *     x              y
 *    / \            / \
 *   a   y    =>    x   c
 *      / \        / \
 *     b   c      a   b
 */
static void rotate_left(struct rb_node *x, struct rb_root *root)
{
	struct rb_node *y = x->rb_right;
	struct rb_node *parent = rb_parent(x);

	x->rb_right = y->rb_left;
	if (y->rb_left)
		set_parent(y->rb_left, x);
	y->rb_left = x;
	set_parent(y, parent);
	change_child(x, y, parent, root);
	set_parent(x, y);
}

static void rotate_right(struct rb_node *x, struct rb_root *root)
{
	struct rb_node *y = x->rb_left;
	struct rb_node *parent = rb_parent(x);

	x->rb_left = y->rb_right;
	if (y->rb_right)
		set_parent(y->rb_right, x);
	y->rb_right = x;
	set_parent(y, parent);
	change_child(x, y, parent, root);
	set_parent(x, y);
}

/* node was just linked as a red leaf: repair a red parent. */
void rb_insert_color(struct rb_node *node, struct rb_root *root)
{
	struct rb_node *parent, *gparent, *uncle;

	while ((parent = rb_parent(node)) && is_red(parent)) {
		/* a red parent is never the root, so gparent exists */
		gparent = rb_parent(parent);
		if (parent == gparent->rb_left) {
			uncle = gparent->rb_right;
			if (is_red(uncle)) {
				/* push gparent's blackness down, continue above */
				set_black(parent);
				set_black(uncle);
				set_red(gparent);
				node = gparent;
				continue;
			}
			if (node == parent->rb_right) {
				/* make node the outer grandchild */
				rotate_left(parent, root);
				node = parent;
				parent = rb_parent(node);
			}
			set_black(parent);
			set_red(gparent);
			rotate_right(gparent, root);
		} else {
			uncle = gparent->rb_left;
			if (is_red(uncle)) {
				set_black(parent);
				set_black(uncle);
				set_red(gparent);
				node = gparent;
				continue;
			}
			if (node == parent->rb_left) {
				rotate_right(parent, root);
				node = parent;
				parent = rb_parent(node);
			}
			set_black(parent);
			set_red(gparent);
			rotate_left(gparent, root);
		}
	}
	set_black(root->rb_node);
}

/*
 * A black node was removed from under parent, leaving x (possibly NULL)
 * one black short on its side: restore the black heights.
 */
static void erase_fixup(struct rb_node *x, struct rb_node *parent, struct rb_root *root)
{
	struct rb_node *w;

	while (x != root->rb_node && is_black(x)) {
		if (x == parent->rb_left) {
			w = parent->rb_right;
			if (is_red(w)) {
				set_black(w);
				set_red(parent);
				rotate_left(parent, root);
				w = parent->rb_right;
			}
			if (is_black(w->rb_left) && is_black(w->rb_right)) {
				set_red(w);
				x = parent;
				parent = rb_parent(x);
			} else {
				if (is_black(w->rb_right)) {
					set_black(w->rb_left);
					set_red(w);
					rotate_right(w, root);
					w = parent->rb_right;
				}
				set_color(w, color_of(parent));
				set_black(parent);
				set_black(w->rb_right);
				rotate_left(parent, root);
				x = root->rb_node;
				break;
			}
		} else {
			w = parent->rb_left;
			if (is_red(w)) {
				set_black(w);
				set_red(parent);
				rotate_right(parent, root);
				w = parent->rb_left;
			}
			if (is_black(w->rb_left) && is_black(w->rb_right)) {
				set_red(w);
				x = parent;
				parent = rb_parent(x);
			} else {
				if (is_black(w->rb_left)) {
					set_black(w->rb_right);
					set_red(w);
					rotate_left(w, root);
					w = parent->rb_left;
				}
				set_color(w, color_of(parent));
				set_black(parent);
				set_black(w->rb_left);
				rotate_right(parent, root);
				x = root->rb_node;
				break;
			}
		}
	}
	if (x)
		set_black(x);
}

void rb_erase(struct rb_node *node, struct rb_root *root)
{
	struct rb_node *x, *xparent, *parent = rb_parent(node);
	unsigned long removed_color;

	if (!node->rb_left || !node->rb_right) {
		/* at most one child: it takes node's place */
		x = node->rb_left ? node->rb_left : node->rb_right;
		xparent = parent;
		removed_color = color_of(node);
		change_child(node, x, parent, root);
		if (x)
			set_parent(x, parent);
	} else {
		/* two children: node's successor y (leftmost on the right,
		 * so without a left child) moves into node's place */
		struct rb_node *y = node->rb_right;

		while (y->rb_left)
			y = y->rb_left;
		removed_color = color_of(y);
		x = y->rb_right;
		if (rb_parent(y) == node) {
			xparent = y;
		} else {
			xparent = rb_parent(y);
			xparent->rb_left = x;
			if (x)
				set_parent(x, xparent);
			y->rb_right = node->rb_right;
			set_parent(y->rb_right, y);
		}
		y->rb_left = node->rb_left;
		set_parent(y->rb_left, y);
		y->__rb_parent_color = node->__rb_parent_color; /* parent and colour */
		change_child(node, y, parent, root);
	}
	if (removed_color == RB_BLACK)
		erase_fixup(x, xparent, root);
}

struct rb_node *rb_first(const struct rb_root *root)
{
	struct rb_node *n = root->rb_node;

	if (!n)
		return NULL;
	while (n->rb_left)
		n = n->rb_left;
	return n;
}

struct rb_node *rb_last(const struct rb_root *root)
{
	struct rb_node *n = root->rb_node;

	if (!n)
		return NULL;
	while (n->rb_right)
		n = n->rb_right;
	return n;
}

struct rb_node *rb_next(const struct rb_node *node)
{
	struct rb_node *parent;

	if (RB_EMPTY_NODE(node))
		return NULL;
	if (node->rb_right) {
		node = node->rb_right;
		while (node->rb_left)
			node = node->rb_left;
		return (struct rb_node *)node;
	}
	/* up until we come from a left child */
	while ((parent = rb_parent(node)) && node == parent->rb_right)
		node = parent;
	return parent;
}

struct rb_node *rb_prev(const struct rb_node *node)
{
	struct rb_node *parent;

	if (RB_EMPTY_NODE(node))
		return NULL;
	if (node->rb_left) {
		node = node->rb_left;
		while (node->rb_right)
			node = node->rb_right;
		return (struct rb_node *)node;
	}
	while ((parent = rb_parent(node)) && node == parent->rb_left)
		node = parent;
	return parent;
}

void rb_replace_node(struct rb_node *victim, struct rb_node *new, struct rb_root *root)
{
	struct rb_node *parent = rb_parent(victim);

	*new = *victim;
	if (victim->rb_left)
		set_parent(victim->rb_left, new);
	if (victim->rb_right)
		set_parent(victim->rb_right, new);
	change_child(victim, new, parent, root);
}

/* Descends to the first node in postorder: left when possible, else right. */
static struct rb_node *left_deepest(const struct rb_node *node)
{
	for (;;) {
		if (node->rb_left)
			node = node->rb_left;
		else if (node->rb_right)
			node = node->rb_right;
		else
			return (struct rb_node *)node;
	}
}

struct rb_node *rb_next_postorder(const struct rb_node *node)
{
	const struct rb_node *parent;

	if (!node)
		return NULL;
	parent = rb_parent(node);
	/* after a left child comes its right sibling's subtree */
	if (parent && node == parent->rb_left && parent->rb_right)
		return left_deepest(parent->rb_right);
	return (struct rb_node *)parent;
}

struct rb_node *rb_first_postorder(const struct rb_root *root)
{
	if (!root->rb_node)
		return NULL;
	return left_deepest(root->rb_node);
}
