/* <linux/bitmap.h> - arrays of bits in unsigned longs. */
#ifndef __LINUX_BITMAP_H
#define __LINUX_BITMAP_H

#include <linux/bitops.h>
#include <linux/string.h>

static inline void bitmap_zero(unsigned long *dst, unsigned int nbits)
{
	__builtin_memset(dst, 0, BITS_TO_LONGS(nbits) * sizeof(unsigned long));
}
static inline void bitmap_fill(unsigned long *dst, unsigned int nbits)
{
	__builtin_memset(dst, 0xff, BITS_TO_LONGS(nbits) * sizeof(unsigned long));
}
static inline void bitmap_copy(unsigned long *dst, const unsigned long *src, unsigned int nbits)
{
	__builtin_memcpy(dst, src, BITS_TO_LONGS(nbits) * sizeof(unsigned long));
}
static inline bool bitmap_empty(const unsigned long *src, unsigned int nbits)
{
	return find_first_bit(src, nbits) >= nbits;
}
static inline bool bitmap_full(const unsigned long *src, unsigned int nbits)
{
	return find_first_zero_bit(src, nbits) >= nbits;
}
static inline unsigned int bitmap_weight(const unsigned long *src, unsigned int nbits)
{
	unsigned int i, w = 0;

	for (i = 0; i < nbits; i++)
		w += test_bit(i, src);
	return w;
}
static inline void bitmap_set(unsigned long *map, unsigned int start, unsigned int len)
{
	while (len--)
		set_bit(start++, map);
}
static inline void bitmap_clear(unsigned long *map, unsigned int start, unsigned int len)
{
	while (len--)
		clear_bit(start++, map);
}

#endif
