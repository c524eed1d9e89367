/*
 * int128.c - the compiler's 128-bit helpers (compiler-rt's names), for wasm64.
 *
 * On x86-64 gcc open-codes 128-bit shifts and multiplies (mulq), so Linux has
 * no such helpers; LLVM's wasm64 backend calls __multi3 and __ashlti3 & co.
 * instead (radix-tree.c's index arithmetic, check_mul_overflow on u64). They
 * are written on 64-bit halves, never on __int128 arithmetic that would call
 * themselves.
 */
#include <linux/types.h>

typedef union {
	unsigned __int128 all;
	struct {
		u64 lo;
		u64 hi;
	} s;
} u128_parts;

/* a * b of two 64-bit values, all 128 bits (32-bit limbs) */
static u128_parts mul_u64_full(u64 a, u64 b)
{
	u64 a_lo = (u32)a, a_hi = a >> 32, b_lo = (u32)b, b_hi = b >> 32;
	u64 lolo = a_lo * b_lo, lohi = a_lo * b_hi, hilo = a_hi * b_lo, hihi = a_hi * b_hi;
	u64 mid = (lolo >> 32) + (u32)lohi + (u32)hilo;
	u128_parts r;

	r.s.lo = (mid << 32) | (u32)lolo;
	r.s.hi = hihi + (lohi >> 32) + (hilo >> 32) + (mid >> 32);
	return r;
}

__int128 __multi3(__int128 a, __int128 b);
__int128 __multi3(__int128 a, __int128 b)
{
	u128_parts x = { .all = (unsigned __int128)a }, y = { .all = (unsigned __int128)b };
	u128_parts r = mul_u64_full(x.s.lo, y.s.lo);

	r.s.hi += x.s.lo * y.s.hi + x.s.hi * y.s.lo;
	return (__int128)r.all;
}

__int128 __ashlti3(__int128 a, int b);
__int128 __ashlti3(__int128 a, int b)
{
	u128_parts x = { .all = (unsigned __int128)a }, r;

	if (b == 0)
		return a;
	if (b >= 64) {
		r.s.lo = 0;
		r.s.hi = x.s.lo << (b - 64);
	} else {
		r.s.lo = x.s.lo << b;
		r.s.hi = (x.s.hi << b) | (x.s.lo >> (64 - b));
	}
	return (__int128)r.all;
}

__int128 __lshrti3(__int128 a, int b);
__int128 __lshrti3(__int128 a, int b)
{
	u128_parts x = { .all = (unsigned __int128)a }, r;

	if (b == 0)
		return a;
	if (b >= 64) {
		r.s.hi = 0;
		r.s.lo = x.s.hi >> (b - 64);
	} else {
		r.s.hi = x.s.hi >> b;
		r.s.lo = (x.s.lo >> b) | (x.s.hi << (64 - b));
	}
	return (__int128)r.all;
}

__int128 __ashrti3(__int128 a, int b);
__int128 __ashrti3(__int128 a, int b)
{
	u128_parts x = { .all = (unsigned __int128)a }, r;
	s64 hi = (s64)x.s.hi;

	if (b == 0)
		return a;
	if (b >= 64) {
		r.s.hi = (u64)(hi >> 63);
		r.s.lo = (u64)(hi >> (b - 64));
	} else {
		r.s.hi = (u64)(hi >> b);
		r.s.lo = (x.s.lo >> b) | (x.s.hi << (64 - b));
	}
	return (__int128)r.all;
}
