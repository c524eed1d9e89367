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
/* hash_64_generic: a 64x64-bit multiply on 64-bit machines, as x86-64 Linux does */
static inline u32 hash_64(u64 val, unsigned int bits)
{
	return bits ? (u32)(val * GOLDEN_RATIO_64 >> (64 - bits)) : 0;
}
#if BITS_PER_LONG == 32
#define hash_long(val, bits) hash_32(val, bits)
#else
#define hash_long(val, bits) hash_64(val, bits)
#endif
static inline u32 hash_ptr(const void *ptr, unsigned int bits)
{
	return hash_long((unsigned long)ptr, bits);
}
static inline u32 hash32_ptr(const void *ptr)
{
	unsigned long val = (unsigned long)ptr;
#if BITS_PER_LONG == 64
	val ^= (val >> 32);
#endif
	return (u32)val;
}

#endif
