/* <linux/sort.h> - sort() (lib/sort.c's signature), declared only. */
#ifndef _LINUX_SORT_H
#define _LINUX_SORT_H
#include <linux/types.h>
void sort(void *base, size_t num, size_t size, int (*cmp)(const void *, const void *), void (*swap)(void *, void *, int));
#endif
