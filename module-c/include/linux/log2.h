/* <linux/log2.h> */
#ifndef _LINUX_LOG2_H
#define _LINUX_LOG2_H

#include <linux/types.h>
#include <linux/bitops.h>

/* floor(log2(n)); n must be non-zero. */
#define ilog2(n) ((int)(sizeof(n) <= 4 ? 31 - __builtin_clz((u32)(n)) : 63 - __builtin_clzll((u64)(n))))
#define is_power_of_2(n) ((n) != 0 && (((n) & ((n)-1)) == 0))
static inline unsigned long __roundup_pow_of_two(unsigned long n)
{
	return n <= 1 ? 1 : 1UL << (32 - __builtin_clzl(n - 1));
}
static inline unsigned long __rounddown_pow_of_two(unsigned long n)
{
	return 1UL << (31 - __builtin_clzl(n));
}
#define roundup_pow_of_two(n) __roundup_pow_of_two(n)
#define rounddown_pow_of_two(n) __rounddown_pow_of_two(n)
#define order_base_2(n) ((n) > 1 ? ilog2((n)-1) + 1 : 0)

#endif
