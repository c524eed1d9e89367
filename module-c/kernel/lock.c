/*
 * lock.c - spinlocks, rwlocks, mutexes and semaphores on one CPU.
 *
 * Only one task ever runs, so a lock can never be contended by anyone but
 * its holder: taking a lock that is already held would hang a real kernel
 * forever, and here raises an oops at once (spinlock recursion, deadlock).
 * Unlocking a lock that is not held is a warning, as with lockdep.
 *
 * kern_locks_held counts locks held right now. The entry points check it
 * after every call into the driver (__kern_lock_check): a method that
 * returns to user space still holding a lock gets Linux's "lock held when
 * returning to user space" warning.
 */
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/semaphore.h>
#include <linux/module.h>
#include "libkern.h"

int kern_locks_held;

static void held_dec(void)
{
	if (kern_locks_held > 0)
		kern_locks_held--;
}

void __kern_spin_lock(spinlock_t *lock, const char *file, int line, const char *func)
{
	if (lock->locked)
		host_bug(HOST_BUG_SPIN_RECURSION, file, line, func, (unsigned long)lock);
	lock->locked = 1;
	kern_locks_held++;
}

int __kern_spin_trylock(spinlock_t *lock)
{
	if (lock->locked)
		return 0;
	lock->locked = 1;
	kern_locks_held++;
	return 1;
}

void __kern_spin_unlock(spinlock_t *lock, const char *file, int line, const char *func)
{
	if (!lock->locked) {
		host_bug(HOST_WARN_UNLOCK, file, line, func, (unsigned long)lock);
		return;
	}
	lock->locked = 0;
	held_dec();
}

/* Readers may nest; a writer excludes everyone, itself included. */
void __kern_read_lock(rwlock_t *lock, const char *file, int line, const char *func)
{
	if (lock->writer)
		host_bug(HOST_BUG_SPIN_RECURSION, file, line, func, (unsigned long)lock);
	lock->readers++;
	kern_locks_held++;
}

void __kern_read_unlock(rwlock_t *lock, const char *file, int line, const char *func)
{
	if (!lock->readers) {
		host_bug(HOST_WARN_UNLOCK, file, line, func, (unsigned long)lock);
		return;
	}
	lock->readers--;
	held_dec();
}

void __kern_write_lock(rwlock_t *lock, const char *file, int line, const char *func)
{
	if (lock->writer || lock->readers)
		host_bug(HOST_BUG_SPIN_RECURSION, file, line, func, (unsigned long)lock);
	lock->writer = 1;
	kern_locks_held++;
}

void __kern_write_unlock(rwlock_t *lock, const char *file, int line, const char *func)
{
	if (!lock->writer) {
		host_bug(HOST_WARN_UNLOCK, file, line, func, (unsigned long)lock);
		return;
	}
	lock->writer = 0;
	held_dec();
}

int __kern_read_trylock(rwlock_t *lock)
{
	if (lock->writer)
		return 0;
	lock->readers++;
	kern_locks_held++;
	return 1;
}

int __kern_write_trylock(rwlock_t *lock)
{
	if (lock->writer || lock->readers)
		return 0;
	lock->writer = 1;
	kern_locks_held++;
	return 1;
}

void __kern_mutex_lock(struct mutex *lock, const char *file, int line, const char *func)
{
	if (lock->locked)
		host_bug(HOST_BUG_DEADLOCK, file, line, func, (unsigned long)lock);
	lock->locked = 1;
	kern_locks_held++;
}

int __kern_mutex_trylock(struct mutex *lock)
{
	if (lock->locked)
		return 0;
	lock->locked = 1;
	kern_locks_held++;
	return 1;
}

void __kern_mutex_unlock(struct mutex *lock, const char *file, int line, const char *func)
{
	if (!lock->locked) {
		host_bug(HOST_WARN_UNLOCK, file, line, func, (unsigned long)lock);
		return;
	}
	lock->locked = 0;
	held_dec();
}

/* Semaphores have no owner and are not counted as held locks. */
void __kern_down(struct semaphore *sem, const char *file, int line, const char *func)
{
	if (sem->count <= 0)
		host_bug(HOST_BUG_DEADLOCK, file, line, func, (unsigned long)sem);
	sem->count--;
}

int __kern_lock_depth(void)
{
	return kern_locks_held;
}

/*
 * Called when a driver method returns. Warns once per leaked lock: the
 * next call starts from the new depth, so a lock left held is reported by
 * the call that took it, not by every later one. value = locks held now.
 */
void __kern_lock_check(int depth_before, const char *where)
{
	if (kern_locks_held > depth_before)
		host_bug(HOST_WARN_LOCK_HELD, 0, 0, where, kern_locks_held);
}

void __kern_up(struct semaphore *sem)
{
	sem->count++;
}
