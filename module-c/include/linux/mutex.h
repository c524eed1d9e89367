/* <linux/mutex.h> - sleeping locks, one task at a time (kernel/lock.c).
 * Nothing else could ever release a mutex the caller already holds, so
 * mutex_lock() on it is reported as a deadlock instead of hanging. */
#ifndef __LINUX_MUTEX_H
#define __LINUX_MUTEX_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/list.h>
#include <linux/spinlock_types.h>
#include <linux/atomic.h>

struct mutex {
	unsigned int locked;
	const char *name;
};

#define __MUTEX_INITIALIZER(lockname) { .locked = 0, .name = #lockname }
#define DEFINE_MUTEX(mutexname) struct mutex mutexname = __MUTEX_INITIALIZER(mutexname)

void __kern_mutex_lock(struct mutex *lock, const char *file, int line, const char *func);
void __kern_mutex_unlock(struct mutex *lock, const char *file, int line, const char *func);
int __kern_mutex_trylock(struct mutex *lock);

static inline void __mutex_init(struct mutex *lock, const char *name)
{
	lock->locked = 0;
	lock->name = name;
}
#define mutex_init(mutex) __mutex_init((mutex), #mutex)

static inline void mutex_destroy(struct mutex *lock)
{
	(void)lock;
}

static inline bool mutex_is_locked(struct mutex *lock)
{
	return lock->locked != 0;
}

#define mutex_lock(lock) __kern_mutex_lock((lock), __FILE__, __LINE__, __func__)
#define mutex_lock_nested(lock, subclass) mutex_lock(lock)
/* No signals can arrive while the caller waits: these always get the lock. */
#define mutex_lock_interruptible(lock) (mutex_lock(lock), 0)
#define mutex_lock_killable(lock) (mutex_lock(lock), 0)
#define mutex_lock_interruptible_nested(lock, subclass) mutex_lock_interruptible(lock)
#define mutex_lock_io(lock) mutex_lock(lock)
#define mutex_trylock(lock) __kern_mutex_trylock(lock)
#define mutex_unlock(lock) __kern_mutex_unlock((lock), __FILE__, __LINE__, __func__)

#endif
