/* <linux/ioport.h> - I/O resources: struct resource and the region calls, declared only. */
#ifndef _LINUX_IOPORT_H
#define _LINUX_IOPORT_H
#include <linux/types.h>
struct resource {
	resource_size_t start;
	resource_size_t end;
	const char *name;
	unsigned long flags;
	unsigned long desc;
	struct resource *parent, *sibling, *child;
};
extern struct resource *__request_region(struct resource *, resource_size_t start, resource_size_t n, const char *name, int flags);
extern void __release_region(struct resource *, resource_size_t, resource_size_t);
extern struct resource ioport_resource;
extern struct resource iomem_resource;
#define request_region(start,n,name)		__request_region(&ioport_resource, (start), (n), (name), 0)
#define release_region(start,n)	__release_region(&ioport_resource, (start), (n))
#define request_mem_region(start,n,name) __request_region(&iomem_resource, (start), (n), (name), 0)
#define release_mem_region(start,n)	__release_region(&iomem_resource, (start), (n))
#endif
