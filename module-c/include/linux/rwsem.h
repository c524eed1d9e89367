/* <linux/rwsem.h> - reader/writer semaphores, as rwlocks on one CPU. */
#ifndef _LINUX_RWSEM_H
#define _LINUX_RWSEM_H
#include <linux/spinlock.h>
struct rw_semaphore {
	rwlock_t lock;
};
#define __RWSEM_INITIALIZER(name) { .lock = { 0, 0 } }
#define DECLARE_RWSEM(name) struct rw_semaphore name = __RWSEM_INITIALIZER(name)
#define init_rwsem(sem) rwlock_init(&(sem)->lock)
#define down_read(sem) read_lock(&(sem)->lock)
#define up_read(sem) read_unlock(&(sem)->lock)
#define down_write(sem) write_lock(&(sem)->lock)
#define up_write(sem) write_unlock(&(sem)->lock)
#define down_read_trylock(sem) read_trylock(&(sem)->lock)
#define down_write_trylock(sem) write_trylock(&(sem)->lock)
#define down_read_interruptible(sem) (down_read(sem), 0)
#define down_write_killable(sem) (down_write(sem), 0)
#endif
