/* <linux/semaphore.h> - counting semaphores. down() on a semaphore with no
 * count left could only be woken by another task: reported as a deadlock. */
#ifndef __LINUX_SEMAPHORE_H
#define __LINUX_SEMAPHORE_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/errno.h>

struct semaphore {
	int count;
};

#define __SEMAPHORE_INITIALIZER(name, n) { .count = n }
#define DEFINE_SEMAPHORE(name) struct semaphore name = __SEMAPHORE_INITIALIZER(name, 1)

static inline void sema_init(struct semaphore *sem, int val)
{
	sem->count = val;
}

void __kern_down(struct semaphore *sem, const char *file, int line, const char *func);
#define down(sem) __kern_down((sem), __FILE__, __LINE__, __func__)
#define down_interruptible(sem) (down(sem), 0)
#define down_killable(sem) (down(sem), 0)
#define down_timeout(sem, jiffies) (down(sem), 0)

static inline int down_trylock(struct semaphore *sem)
{
	if (sem->count <= 0)
		return 1;
	sem->count--;
	return 0;
}

/* kernel/lock.c: out of line, so the race explorer sees the release */
void __kern_up(struct semaphore *sem);
static inline void up(struct semaphore *sem)
{
	__kern_up(sem);
}

#endif
