/* <linux/completion.h> - completions (Linux 6.1's signatures). Nothing else runs while a module waits, so
 * only the non-blocking half is in libkern (kernel/compat.c); a wait that would block is
 * declared, and a module that calls it fails at modpost ("undefined!"). */
#ifndef _LINUX_COMPLETION_H
#define _LINUX_COMPLETION_H
#include <linux/wait.h>
#include <linux/types.h>
struct completion {
	unsigned int done;
	struct wait_queue_head wait;
};
#define COMPLETION_INITIALIZER(work) { 0, __WAIT_QUEUE_HEAD_INITIALIZER((work).wait) }
#define DECLARE_COMPLETION(work) struct completion work = COMPLETION_INITIALIZER(work)
static inline void init_completion(struct completion *x)
{
	x->done = 0;
	init_waitqueue_head(&x->wait);
}
static inline void reinit_completion(struct completion *x)
{
	x->done = 0;
}
extern void wait_for_completion(struct completion *);
extern int wait_for_completion_interruptible(struct completion *x);
extern int wait_for_completion_killable(struct completion *x);
extern unsigned long wait_for_completion_timeout(struct completion *x, unsigned long timeout);
extern bool try_wait_for_completion(struct completion *x);
extern bool completion_done(struct completion *x);
extern void complete(struct completion *);
extern void complete_all(struct completion *);
#endif
