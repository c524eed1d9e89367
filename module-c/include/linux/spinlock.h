/* <linux/spinlock.h> - spinlocks and rwlocks on one CPU (kernel/lock.c).
 * Taking a spinlock this CPU holds is reported as "spinlock recursion"
 * (a real kernel would hang); unlocking one that is not held warns. The
 * _irq/_bh/_irqsave variants are the same (no interrupts to mask). */
#ifndef __LINUX_SPINLOCK_H
#define __LINUX_SPINLOCK_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/typecheck.h>
#include <linux/spinlock_types.h>
#include <linux/preempt.h>
#include <linux/irqflags.h>
#include <linux/bottom_half.h>

void __kern_spin_lock(spinlock_t *lock, const char *file, int line, const char *func);
int __kern_spin_trylock(spinlock_t *lock);
void __kern_spin_unlock(spinlock_t *lock, const char *file, int line, const char *func);
void __kern_read_lock(rwlock_t *lock, const char *file, int line, const char *func);
void __kern_read_unlock(rwlock_t *lock, const char *file, int line, const char *func);
void __kern_write_lock(rwlock_t *lock, const char *file, int line, const char *func);
void __kern_write_unlock(rwlock_t *lock, const char *file, int line, const char *func);
int __kern_read_trylock(rwlock_t *lock);
int __kern_write_trylock(rwlock_t *lock);

static inline void spin_lock_init(spinlock_t *lock)
{
	lock->locked = 0;
}
#define raw_spin_lock_init(lock) spin_lock_init(lock)

#define spin_lock(lock) __kern_spin_lock((lock), __FILE__, __LINE__, __func__)
#define spin_unlock(lock) __kern_spin_unlock((lock), __FILE__, __LINE__, __func__)
#define spin_trylock(lock) __kern_spin_trylock(lock)
#define spin_lock_bh(lock) spin_lock(lock)
#define spin_unlock_bh(lock) spin_unlock(lock)
#define spin_trylock_bh(lock) spin_trylock(lock)
#define spin_lock_irq(lock) spin_lock(lock)
#define spin_unlock_irq(lock) spin_unlock(lock)
#define spin_trylock_irq(lock) spin_trylock(lock)
#define spin_lock_nested(lock, subclass) spin_lock(lock)
#define spin_lock_irqsave(lock, flags)                          \
	do {                                                    \
		typecheck(unsigned long, flags);                \
		(flags) = 0;                                    \
		spin_lock(lock);                                \
	} while (0)
#define spin_lock_irqsave_nested(lock, flags, subclass) spin_lock_irqsave(lock, flags)
#define spin_trylock_irqsave(lock, flags) ({ (flags) = 0; spin_trylock(lock); })
#define spin_unlock_irqrestore(lock, flags)                     \
	do {                                                    \
		typecheck(unsigned long, flags);                \
		(void)(flags);                                  \
		spin_unlock(lock);                              \
	} while (0)
#define spin_is_locked(lock) ((lock)->locked != 0)
#define spin_is_contended(lock) 0
#define assert_spin_locked(lock) BUG_ON(!spin_is_locked(lock))

#define raw_spin_lock(lock) spin_lock(lock)
#define raw_spin_unlock(lock) spin_unlock(lock)
#define raw_spin_lock_irqsave(lock, flags) spin_lock_irqsave(lock, flags)
#define raw_spin_unlock_irqrestore(lock, flags) spin_unlock_irqrestore(lock, flags)
#define raw_spin_lock_irq(lock) spin_lock(lock)
#define raw_spin_unlock_irq(lock) spin_unlock(lock)

static inline void rwlock_init(rwlock_t *lock)
{
	lock->readers = 0;
	lock->writer = 0;
}
#define read_lock(lock) __kern_read_lock((lock), __FILE__, __LINE__, __func__)
#define read_unlock(lock) __kern_read_unlock((lock), __FILE__, __LINE__, __func__)
#define write_lock(lock) __kern_write_lock((lock), __FILE__, __LINE__, __func__)
#define write_unlock(lock) __kern_write_unlock((lock), __FILE__, __LINE__, __func__)
#define read_trylock(lock) __kern_read_trylock(lock)
#define write_trylock(lock) __kern_write_trylock(lock)
#define read_lock_bh(lock) read_lock(lock)
#define read_unlock_bh(lock) read_unlock(lock)
#define write_lock_bh(lock) write_lock(lock)
#define write_unlock_bh(lock) write_unlock(lock)
#define read_lock_irq(lock) read_lock(lock)
#define read_unlock_irq(lock) read_unlock(lock)
#define write_lock_irq(lock) write_lock(lock)
#define write_unlock_irq(lock) write_unlock(lock)
#define read_lock_irqsave(lock, flags) do { typecheck(unsigned long, flags); (flags) = 0; read_lock(lock); } while (0)
#define read_unlock_irqrestore(lock, flags) do { typecheck(unsigned long, flags); (void)(flags); read_unlock(lock); } while (0)
#define write_lock_irqsave(lock, flags) do { typecheck(unsigned long, flags); (flags) = 0; write_lock(lock); } while (0)
#define write_unlock_irqrestore(lock, flags) do { typecheck(unsigned long, flags); (void)(flags); write_unlock(lock); } while (0)

/* Decrements *atomic; if it reached 0, returns 1 with lock held. */
#define atomic_dec_and_lock(atomic, lock) ({ int __adl = atomic_dec_and_test(atomic); if (__adl) spin_lock(lock); __adl; })

#include <linux/atomic.h>
#include <linux/bug.h>

#endif
