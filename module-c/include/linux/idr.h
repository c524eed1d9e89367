/* <linux/idr.h> - ID allocators (Linux 6.1's signatures); libkern/idr.c implements them. */
#ifndef _LINUX_IDR_H
#define _LINUX_IDR_H
#include <linux/radix-tree.h>
#include <linux/xarray.h>
#include <linux/gfp.h>
#include <linux/types.h>
struct idr {
	struct radix_tree_root	idr_rt;
	unsigned int		idr_base;
	unsigned int		idr_next;
};
#define IDR_INIT_BASE(name, base) { .idr_rt = RADIX_TREE_INIT(name, 0), .idr_base = (base), .idr_next = 0 }
#define IDR_INIT(name) IDR_INIT_BASE(name, 0)
#define DEFINE_IDR(name) struct idr name = IDR_INIT(name)
int idr_alloc(struct idr *, void *ptr, int start, int end, gfp_t);
int idr_alloc_cyclic(struct idr *, void *ptr, int start, int end, gfp_t);
void *idr_remove(struct idr *, unsigned long id);
void *idr_find(const struct idr *, unsigned long id);
void *idr_replace(struct idr *, void *, unsigned long id);
void idr_destroy(struct idr *);
int idr_for_each(const struct idr *, int (*fn)(int id, void *p, void *data), void *data);
void *idr_get_next(struct idr *, int *nextid);
static inline void idr_init(struct idr *idr)
{
	INIT_RADIX_TREE(&idr->idr_rt, 0);
	idr->idr_base = 0;
	idr->idr_next = 0;
}
#define idr_for_each_entry(idr, entry, id) \
	for (id = 0; ((entry) = idr_get_next(idr, &(id))) != NULL; id += 1U)
struct ida {
	struct xarray xa;
};
#define DEFINE_IDA(name) struct ida name = { .xa = XARRAY_INIT(name, 0) }
int ida_alloc_range(struct ida *, unsigned int min, unsigned int max, gfp_t);
void ida_free(struct ida *, unsigned int id);
void ida_destroy(struct ida *ida);
static inline int ida_alloc(struct ida *ida, gfp_t gfp)
{
	return ida_alloc_range(ida, 0, ~0, gfp);
}
static inline int ida_alloc_min(struct ida *ida, unsigned int min, gfp_t gfp)
{
	return ida_alloc_range(ida, min, ~0, gfp);
}
static inline int ida_alloc_max(struct ida *ida, unsigned int max, gfp_t gfp)
{
	return ida_alloc_range(ida, 0, max, gfp);
}
/* as DEFINE_IDA */
static inline void ida_init(struct ida *ida)
{
	xa_init_flags(&ida->xa, 0);
}
#endif
