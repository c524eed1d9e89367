/*
 * lib.c - small lib/ helpers: hex digits (lib/hexdump.c), bit searches
 * (lib/find_bit.c) and pseudo-random numbers (drivers/char/random.c's API;
 * xorshift64*, seeded from the host clock: not for cryptography).
 */
#include <linux/kernel.h>
#include <linux/bitops.h>
#include <linux/random.h>
#include "libkern.h"

const char hex_asc[] = "0123456789abcdef";
const char hex_asc_upper[] = "0123456789ABCDEF";

int hex_to_bin(unsigned char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	ch |= 0x20;
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	return -1;
}

int hex2bin(u8 *dst, const char *src, size_t count)
{
	while (count--) {
		int hi = hex_to_bin(*src++);
		int lo;

		if (hi < 0)
			return -EINVAL;
		lo = hex_to_bin(*src++);
		if (lo < 0)
			return -EINVAL;
		*dst++ = (hi << 4) | lo;
	}
	return 0;
}

char *bin2hex(char *dst, const void *src, size_t count)
{
	const unsigned char *_src = src;

	while (count--) {
		*dst++ = hex_asc_hi(*_src);
		*dst++ = hex_asc_lo(*_src);
		_src++;
	}
	return dst;
}

/* The first bit >= offset that differs from `invert` (0: set, ~0UL: clear), or size. */
static unsigned long find_bit(const unsigned long *addr, unsigned long size, unsigned long offset,
			      unsigned long invert)
{
	while (offset < size) {
		unsigned long word = addr[BIT_WORD(offset)] ^ invert;

		word &= ~0UL << (offset % BITS_PER_LONG);
		if (word) {
			offset = (offset & ~(BITS_PER_LONG - 1UL)) + __ffs(word);
			return offset < size ? offset : size;
		}
		offset = (offset | (BITS_PER_LONG - 1UL)) + 1;
	}
	return size;
}

unsigned long find_next_bit(const unsigned long *addr, unsigned long size, unsigned long offset)
{
	return find_bit(addr, size, offset, 0);
}

unsigned long find_next_zero_bit(const unsigned long *addr, unsigned long size, unsigned long offset)
{
	return find_bit(addr, size, offset, ~0UL);
}

static u64 rng_state;

u64 get_random_u64(void)
{
	if (!rng_state)
		rng_state = host_clock_ns() * 0x9E3779B97F4A7C15ULL | 1;
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545F4914F6CDD1DULL;
}

u32 get_random_u32(void)
{
	return (u32)(get_random_u64() >> 32);
}

void get_random_bytes(void *buf, size_t len)
{
	u8 *p = buf;

	while (len) {
		u64 r = get_random_u64();
		size_t n = len < sizeof(r) ? len : sizeof(r);

		__builtin_memcpy(p, &r, n);
		p += n;
		len -= n;
	}
}
