/* <linux/jiffies.h> - jiffies: ticks of 1/HZ s since boot, from the host's
 * monotonic clock. Like Linux, the count starts 5 minutes before wrapping. */
#ifndef _LINUX_JIFFIES_H
#define _LINUX_JIFFIES_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/limits.h>
#include <kernel/host.h>

#define HZ 250
#define USER_HZ 100
#define NSEC_PER_SEC 1000000000L
#define NSEC_PER_MSEC 1000000L
#define NSEC_PER_USEC 1000L
#define USEC_PER_SEC 1000000L
#define USEC_PER_MSEC 1000L
#define MSEC_PER_SEC 1000L
#define TICK_NSEC (NSEC_PER_SEC / HZ)

#define INITIAL_JIFFIES ((unsigned long)(unsigned int)(-300 * HZ))
#define MAX_JIFFY_OFFSET ((LONG_MAX >> 1) - 1)

static inline u64 get_jiffies_64(void)
{
	return (u64)(host_clock_ns() / TICK_NSEC) + INITIAL_JIFFIES;
}
#define jiffies ((unsigned long)get_jiffies_64())
#define jiffies_64 get_jiffies_64()

/* Wrap-safe comparisons. */
#define time_after(a, b) ((long)((b) - (a)) < 0)
#define time_before(a, b) time_after(b, a)
#define time_after_eq(a, b) ((long)((a) - (b)) >= 0)
#define time_before_eq(a, b) time_after_eq(b, a)
#define time_in_range(a, b, c) (time_after_eq(a, b) && time_before_eq(a, c))
#define time_after64(a, b) ((s64)((b) - (a)) < 0)
#define time_before64(a, b) time_after64(b, a)
#define time_is_before_jiffies(a) time_after(jiffies, a)
#define time_is_after_jiffies(a) time_before(jiffies, a)

static inline unsigned int jiffies_to_msecs(const unsigned long j)
{
	return (unsigned int)((u64)j * MSEC_PER_SEC / HZ);
}
static inline unsigned int jiffies_to_usecs(const unsigned long j)
{
	return (unsigned int)((u64)j * USEC_PER_SEC / HZ);
}
static inline u64 jiffies_to_nsecs(const unsigned long j)
{
	return (u64)j * TICK_NSEC;
}
static inline unsigned long msecs_to_jiffies(const unsigned int m)
{
	return (m + (MSEC_PER_SEC / HZ) - 1) / (MSEC_PER_SEC / HZ);
}
static inline unsigned long usecs_to_jiffies(const unsigned int u)
{
	return (unsigned long)(((u64)u * HZ + USEC_PER_SEC - 1) / USEC_PER_SEC);
}
static inline unsigned long nsecs_to_jiffies(u64 n)
{
	return (unsigned long)(n / TICK_NSEC);
}
#define secs_to_jiffies(s) ((unsigned long)(s) * HZ)

#endif
