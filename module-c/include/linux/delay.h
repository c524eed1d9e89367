/* <linux/delay.h> - nothing else runs while a driver waits, so waiting is
 * a no-op (the host's clock is not advanced). */
#ifndef _LINUX_DELAY_H
#define _LINUX_DELAY_H
#include <linux/types.h>
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
	(void)msecs;
}
static inline unsigned long msleep_interruptible(unsigned int msecs)
{
	(void)msecs;
	return 0;
}
static inline void ssleep(unsigned int seconds)
{
	(void)seconds;
}
static inline void usleep_range(unsigned long min, unsigned long max)
{
	(void)min;
	(void)max;
}
static inline void fsleep(unsigned long usecs)
{
	(void)usecs;
}
#endif
