/* <linux/mm_types.h> */
#ifndef _LINUX_MM_TYPES_H
#define _LINUX_MM_TYPES_H
#include <linux/types.h>
#include <asm/page.h>
struct page;
struct mm_struct;
struct vm_area_struct;
#endif
