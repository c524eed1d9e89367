/* <linux/ktime.h> - ktime_t nanoseconds; all clocks read the host's
 * monotonic time since boot. */
#ifndef _LINUX_KTIME_H
#define _LINUX_KTIME_H

#include <linux/types.h>
#include <linux/jiffies.h>
#include <kernel/host.h>

typedef s64 ktime_t;

struct timespec64 {
	time64_t tv_sec;
	long tv_nsec;
};

static inline ktime_t ktime_get(void)
{
	return (ktime_t)host_clock_ns();
}
static inline u64 ktime_get_ns(void)
{
	return host_clock_ns();
}
#define ktime_get_boottime() ktime_get()
#define ktime_get_real() ktime_get()
#define ktime_get_raw() ktime_get()
#define ktime_get_boottime_ns() ktime_get_ns()
#define ktime_get_real_ns() ktime_get_ns()
#define ktime_get_raw_ns() ktime_get_ns()
#define ktime_get_mono_fast_ns() ktime_get_ns()
static inline time64_t ktime_get_seconds(void)
{
	return (time64_t)(host_clock_ns() / NSEC_PER_SEC);
}
#define ktime_get_real_seconds() ktime_get_seconds()
#define ktime_get_boottime_seconds() ktime_get_seconds()

static inline struct timespec64 ns_to_timespec64(s64 nsec)
{
	struct timespec64 ts = { nsec / NSEC_PER_SEC, (long)(nsec % NSEC_PER_SEC) };
	return ts;
}
static inline s64 timespec64_to_ns(const struct timespec64 *ts)
{
	return ts->tv_sec * NSEC_PER_SEC + ts->tv_nsec;
}
static inline void ktime_get_ts64(struct timespec64 *ts)
{
	*ts = ns_to_timespec64(ktime_get());
}
#define ktime_get_real_ts64(ts) ktime_get_ts64(ts)
#define ktime_get_boottime_ts64(ts) ktime_get_ts64(ts)

#define ktime_set(secs, nsecs) ((ktime_t)(secs) * NSEC_PER_SEC + (ktime_t)(nsecs))
#define ktime_add(a, b) ((a) + (b))
#define ktime_sub(a, b) ((a) - (b))
#define ktime_add_ns(kt, nsval) ((kt) + (nsval))
#define ktime_add_ms(kt, msval) ((kt) + (ktime_t)(msval) * NSEC_PER_MSEC)
#define ktime_to_ns(kt) ((s64)(kt))
#define ns_to_ktime(ns) ((ktime_t)(ns))
#define ms_to_ktime(ms) ((ktime_t)(ms) * NSEC_PER_MSEC)
#define ktime_to_us(kt) ((s64)(kt) / NSEC_PER_USEC)
#define ktime_to_ms(kt) ((s64)(kt) / NSEC_PER_MSEC)
#define ktime_us_delta(later, earlier) ktime_to_us(ktime_sub(later, earlier))
#define ktime_ms_delta(later, earlier) ktime_to_ms(ktime_sub(later, earlier))
#define ktime_compare(a, b) ((a) < (b) ? -1 : (a) > (b) ? 1 : 0)
#define ktime_after(a, b) ((a) > (b))
#define ktime_before(a, b) ((a) < (b))

#endif
