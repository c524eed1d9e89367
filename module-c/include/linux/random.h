/* <linux/random.h> - pseudo-random numbers (kernel/random.c): not for
 * cryptography, and different on every boot. */
#ifndef _LINUX_RANDOM_H
#define _LINUX_RANDOM_H
#include <linux/types.h>
void get_random_bytes(void *buf, size_t len);
u32 get_random_u32(void);
u64 get_random_u64(void);
static inline u32 get_random_int(void)
{
	return get_random_u32();
}
static inline unsigned long get_random_long(void)
{
	return get_random_u32();
}
static inline u32 prandom_u32_max(u32 ceil)
{
	return (u32)(((u64)get_random_u32() * ceil) >> 32);
}
#define get_random_u32_below(ceil) prandom_u32_max(ceil)
#endif
