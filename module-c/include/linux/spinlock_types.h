/* <linux/spinlock_types.h> */
#ifndef __LINUX_SPINLOCK_TYPES_H
#define __LINUX_SPINLOCK_TYPES_H

/* locked: 0 or 1. One CPU and no interrupts: a spinlock is only a flag that
 * catches recursion and imbalance (kernel/lock.c). */
typedef struct spinlock {
	unsigned int locked;
} spinlock_t;
typedef spinlock_t raw_spinlock_t;

/* readers: how many read_lock()s are held; writer: write_lock() held. */
typedef struct {
	unsigned int readers;
	unsigned int writer;
} rwlock_t;

#define __SPIN_LOCK_UNLOCKED(lockname) ((spinlock_t){ .locked = 0 })
#define __RAW_SPIN_LOCK_UNLOCKED(lockname) __SPIN_LOCK_UNLOCKED(lockname)
#define DEFINE_SPINLOCK(x) spinlock_t x = { .locked = 0 }
#define DEFINE_RAW_SPINLOCK(x) DEFINE_SPINLOCK(x)
#define __RW_LOCK_UNLOCKED(lockname) ((rwlock_t){ .readers = 0, .writer = 0 })
#define DEFINE_RWLOCK(x) rwlock_t x = { .readers = 0, .writer = 0 }

#endif
