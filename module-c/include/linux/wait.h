/* <linux/wait.h> - wait queues. Only one task runs and nothing wakes a
 * sleeper, so a wait whose condition is false fails at once as if a signal
 * had arrived (-ERESTARTSYS), instead of hanging. */
#ifndef _LINUX_WAIT_H
#define _LINUX_WAIT_H

#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/errno.h>
#include <linux/sched.h>

struct wait_queue_head {
	spinlock_t lock;
	struct list_head head;
};
typedef struct wait_queue_head wait_queue_head_t;

#define __WAIT_QUEUE_HEAD_INITIALIZER(name) { .lock = { 0 }, .head = { &(name).head, &(name).head } }
#define DECLARE_WAIT_QUEUE_HEAD(name) struct wait_queue_head name = __WAIT_QUEUE_HEAD_INITIALIZER(name)
static inline void init_waitqueue_head(struct wait_queue_head *wq_head)
{
	spin_lock_init(&wq_head->lock);
	INIT_LIST_HEAD(&wq_head->head);
}
static inline int waitqueue_active(struct wait_queue_head *wq_head)
{
	(void)wq_head;
	return 0;
}

#define wake_up(x) do { (void)(x); } while (0)
#define wake_up_all(x) wake_up(x)
#define wake_up_interruptible(x) wake_up(x)
#define wake_up_interruptible_all(x) wake_up(x)
#define wake_up_interruptible_sync(x) wake_up(x)
#define wake_up_poll(x, m) wake_up(x)
#define wake_up_interruptible_poll(x, m) wake_up(x)

#define wait_event(wq_head, condition) do { (void)(wq_head); (void)(condition); } while (0)
#define wait_event_interruptible(wq_head, condition) ((void)(wq_head), (condition) ? 0 : -ERESTARTSYS)
#define wait_event_killable(wq_head, condition) wait_event_interruptible(wq_head, condition)
#define wait_event_timeout(wq_head, condition, timeout) ((void)(wq_head), (void)(timeout), (condition) ? 1 : 0)
#define wait_event_interruptible_timeout(wq_head, condition, timeout) \
	((void)(wq_head), (void)(timeout), (condition) ? 1L : 0L)

#endif
