/* <linux/kthread.h> - kernel threads: declared (msgslot's kernel runs no threads; a module that starts one
 * fails at modpost, "undefined!"). */
#ifndef _LINUX_KTHREAD_H
#define _LINUX_KTHREAD_H
#include <linux/err.h>
#include <linux/sched.h>
__printf(4, 5)
struct task_struct *kthread_create_on_node(int (*threadfn)(void *data), void *data, int node, const char namefmt[], ...);
#define kthread_create(threadfn, data, namefmt, arg...) \
	kthread_create_on_node(threadfn, data, -1, namefmt, ##arg)
#define kthread_run(threadfn, data, namefmt, ...) ({ \
	struct task_struct *__k = kthread_create(threadfn, data, namefmt, ## __VA_ARGS__); \
	if (!IS_ERR(__k)) wake_up_process(__k); \
	__k; })
bool kthread_should_stop(void);
int kthread_stop(struct task_struct *k);
extern int wake_up_process(struct task_struct *tsk);
#endif
