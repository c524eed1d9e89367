/* <linux/timer.h> - kernel timers: the structure and Linux 6.1's signatures. No timer ever fires in
 * msgslot (time does not pass between system calls); add/mod/del are declared only. */
#ifndef _LINUX_TIMER_H
#define _LINUX_TIMER_H
#include <linux/list.h>
#include <linux/types.h>
#include <linux/jiffies.h>
#include <linux/container_of.h>
struct timer_list {
	struct hlist_node entry;
	unsigned long expires;
	void (*function)(struct timer_list *);
	u32 flags;
};
#define from_timer(var, callback_timer, timer_fieldname) \
	container_of(callback_timer, typeof(*var), timer_fieldname)
static inline void timer_setup(struct timer_list *timer, void (*func)(struct timer_list *), unsigned int flags)
{
	timer->entry.pprev = NULL;
	timer->expires = 0;
	timer->function = func;
	timer->flags = flags;
}
static inline int timer_pending(const struct timer_list *timer)
{
	return timer->entry.pprev != NULL;
}
extern void add_timer(struct timer_list *timer);
extern int mod_timer(struct timer_list *timer, unsigned long expires);
extern int del_timer(struct timer_list *timer);
extern int del_timer_sync(struct timer_list *timer);
#endif
