/* <linux/sched/mm.h> - memalloc scopes and mm references: the memalloc_* scopes as no-ops. */
#ifndef _LINUX_SCHED_MM_H
#define _LINUX_SCHED_MM_H
#include <linux/sched.h>
#include <linux/mm_types.h>
#include <linux/gfp.h>
static inline unsigned int memalloc_noio_save(void) { return 0; }
static inline void memalloc_noio_restore(unsigned int flags) { (void)flags; }
static inline unsigned int memalloc_nofs_save(void) { return 0; }
static inline void memalloc_nofs_restore(unsigned int flags) { (void)flags; }
#endif
