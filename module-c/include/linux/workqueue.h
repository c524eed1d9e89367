/* <linux/workqueue.h> - work queues: the structures and Linux 6.1's signatures, declared only (no worker
 * runs in msgslot). */
#ifndef _LINUX_WORKQUEUE_H
#define _LINUX_WORKQUEUE_H
#include <linux/list.h>
#include <linux/atomic.h>
#include <linux/timer.h>
#include <linux/types.h>
struct work_struct;
typedef void (*work_func_t)(struct work_struct *work);
struct work_struct {
	atomic_long_t data;
	struct list_head entry;
	work_func_t func;
};
struct delayed_work {
	struct work_struct work;
	struct timer_list timer;
	int cpu;
};
struct workqueue_struct;
#define INIT_WORK(_work, _func) do { (_work)->func = (_func); INIT_LIST_HEAD(&(_work)->entry); } while (0)
#define INIT_DELAYED_WORK(_work, _func) INIT_WORK(&(_work)->work, (_func))
#define DECLARE_WORK(n, f) struct work_struct n = { .entry = LIST_HEAD_INIT((n).entry), .func = (f) }
extern bool schedule_work(struct work_struct *work);
extern bool schedule_delayed_work(struct delayed_work *dwork, unsigned long delay);
extern bool queue_work(struct workqueue_struct *wq, struct work_struct *work);
extern bool cancel_work_sync(struct work_struct *work);
extern bool cancel_delayed_work_sync(struct delayed_work *dwork);
extern void flush_scheduled_work(void);
extern void flush_workqueue(struct workqueue_struct *wq);
extern void destroy_workqueue(struct workqueue_struct *wq);
__printf(1, 4) struct workqueue_struct *alloc_workqueue(const char *fmt, unsigned int flags, int max_active, ...);
#define create_singlethread_workqueue(name) alloc_workqueue("%s", 0, 1, (name))
#endif
