/* <linux/mm.h> - the little of memory management a char driver touches. */
#ifndef _LINUX_MM_H
#define _LINUX_MM_H
#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/slab.h>
#include <linux/mm_types.h>
#endif
