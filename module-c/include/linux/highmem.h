/* <linux/highmem.h> - high memory: x86-64 has none; kmap of a page is its address (declared only). */
#ifndef _LINUX_HIGHMEM_H
#define _LINUX_HIGHMEM_H
#include <linux/mm.h>
#include <linux/uaccess.h>
struct page;
extern void *kmap(struct page *page);
extern void kunmap(struct page *page);
#endif
