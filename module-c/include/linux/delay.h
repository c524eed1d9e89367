/* <linux/delay.h> - nothing else runs while a driver waits, so waiting is
 * a no-op (the host's clock is not advanced). The sleeping waits call
 * __kern_might_sleep() (kernel/sched.c, empty): the race explorer
 * (msgslot races) preempts the caller there; udelay/ndelay/mdelay spin. */
#ifndef _LINUX_DELAY_H
#define _LINUX_DELAY_H
#include <linux/types.h>
void __kern_might_sleep(void);
static inline void udelay(unsigned long usecs)
{
	(void)usecs;
}
static inline void ndelay(unsigned long nsecs)
{
	(void)nsecs;
}
static inline void mdelay(unsigned long msecs)
{
	(void)msecs;
}
static inline void msleep(unsigned int msecs)
{
	__kern_might_sleep();
	(void)msecs;
}
static inline unsigned long msleep_interruptible(unsigned int msecs)
{
	__kern_might_sleep();
	(void)msecs;
	return 0;
}
static inline void ssleep(unsigned int seconds)
{
	__kern_might_sleep();
	(void)seconds;
}
static inline void usleep_range(unsigned long min, unsigned long max)
{
	__kern_might_sleep();
	(void)min;
	(void)max;
}
static inline void fsleep(unsigned long usecs)
{
	__kern_might_sleep();
	(void)usecs;
}
#endif
