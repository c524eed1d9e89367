/*
 * libkern.h - declarations shared by libkern's own files (not a header
 * modules see). libkern is the C half of the emulated kernel: it is
 * compiled and linked into every module (README.md).
 */
#ifndef _KERNEL_LIBKERN_H
#define _KERNEL_LIBKERN_H

#include <linux/kernel.h>
#include <kernel/host.h>

/*
 * Addresses below one page are a NULL pointer plus a field offset, as in
 * Linux (where page 0 is never mapped). In wasm they are the bottom of the
 * stack and would not fault, so libkern's string and memory functions check
 * and raise the oops themselves.
 */
#define KERN_NULL_LIMIT 4096UL

static inline void kern_check_ptr(const void *p, const char *func)
{
	if (unlikely((unsigned long)p < KERN_NULL_LIMIT))
		host_bug(HOST_BUG_NULL, 0, 0, func, (unsigned long)p);
}

/* kernel/lock.c: locks held right now, for the lock-balance check. */
extern int kern_locks_held;

/* kernel/chrdev.c: the cdev covering dev, if one was cdev_add()ed. */
struct cdev *kern_cdev_lookup(dev_t dev);

/* kernel/errname.c: "-EINVAL" for -22, NULL for unknown codes. */
const char *kern_errname(int err);

/* kernel/radix-tree.c, shared with the XArray. file/func name the
 * allocation site of tree nodes in leak reports. */
struct radix_tree_root;
struct kern_radix_site {
	const char *file;
	const char *func;
};
int kern_radix_insert(struct radix_tree_root *root, unsigned long index, void *item, gfp_t gfp,
		      const struct kern_radix_site *site);
void **kern_radix_find(const struct radix_tree_root *root, unsigned long index, unsigned long max,
		       unsigned long *found);
void *kern_radix_delete(struct radix_tree_root *root, unsigned long index, const struct kern_radix_site *site);
void kern_radix_destroy(struct radix_tree_root *root, const struct kern_radix_site *site);

#endif
