/* <linux/rwlock.h> - reader-writer spinlocks: in <linux/spinlock.h>. */
#ifndef _LINUX_RWLOCK_H
#define _LINUX_RWLOCK_H
#include <linux/spinlock.h>
#endif
