/* <linux/hash.h> - multiplicative hashing (golden ratio), as Linux. */
#ifndef _LINUX_HASH_H
#define _LINUX_HASH_H

#include <linux/types.h>
#include <asm/bitsperlong.h>

#define GOLDEN_RATIO_32 0x61C88647
#define GOLDEN_RATIO_64 0x61C8864680B583EBull

static inline u32 __hash_32(u32 val)
{
	return val * GOLDEN_RATIO_32;
}
/* The top `bits` bits of the product. */
static inline u32 hash_32(u32 val, unsigned int bits)
{
	return bits ? __hash_32(val) >> (32 - bits) : 0;
}
static inline u32 hash_64(u64 val, unsigned int bits)
{
	return hash_32((u32)val ^ __hash_32(val >> 32), bits);
}
#define hash_long(val, bits) hash_32(val, bits)
static inline u32 hash_ptr(const void *ptr, unsigned int bits)
{
	return hash_long((unsigned long)ptr, bits);
}
static inline u32 hash32_ptr(const void *ptr)
{
	return (u32)(unsigned long)ptr;
}

#endif
