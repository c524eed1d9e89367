/* <linux/atomic.h> - atomic_t. One CPU and no preemption, so plain
 * arithmetic is atomic; the accesses are volatile so they are not cached
 * across calls. */
#ifndef _LINUX_ATOMIC_H
#define _LINUX_ATOMIC_H

#include <linux/compiler.h>
#include <linux/types.h>

#define atomic_read(v) READ_ONCE((v)->counter)
#define atomic_set(v, i) WRITE_ONCE((v)->counter, (i))

static inline int atomic_add_return(int i, atomic_t *v)
{
	v->counter += i;
	return v->counter;
}
static inline int atomic_fetch_add(int i, atomic_t *v)
{
	int old = v->counter;
	v->counter += i;
	return old;
}
static inline int atomic_cmpxchg(atomic_t *v, int old, int new)
{
	int cur = v->counter;
	if (cur == old)
		v->counter = new;
	return cur;
}
static inline int atomic_xchg(atomic_t *v, int new)
{
	int old = v->counter;
	v->counter = new;
	return old;
}
static inline bool atomic_try_cmpxchg(atomic_t *v, int *old, int new)
{
	int cur = atomic_cmpxchg(v, *old, new);
	bool ok = cur == *old;
	*old = cur;
	return ok;
}
static inline int atomic_fetch_and(int i, atomic_t *v)
{
	int old = v->counter;
	v->counter &= i;
	return old;
}
static inline int atomic_fetch_or(int i, atomic_t *v)
{
	int old = v->counter;
	v->counter |= i;
	return old;
}
static inline int atomic_fetch_xor(int i, atomic_t *v)
{
	int old = v->counter;
	v->counter ^= i;
	return old;
}
/* Adds a to v unless v was u; returns the old value. */
static inline int atomic_fetch_add_unless(atomic_t *v, int a, int u)
{
	int old = v->counter;
	if (old != u)
		v->counter += a;
	return old;
}

#define atomic_add(i, v) ((void)atomic_add_return((i), (v)))
#define atomic_sub(i, v) ((void)atomic_add_return(-(i), (v)))
#define atomic_inc(v) atomic_add(1, (v))
#define atomic_dec(v) atomic_sub(1, (v))
#define atomic_sub_return(i, v) atomic_add_return(-(i), (v))
#define atomic_inc_return(v) atomic_add_return(1, (v))
#define atomic_dec_return(v) atomic_add_return(-1, (v))
#define atomic_fetch_sub(i, v) atomic_fetch_add(-(i), (v))
#define atomic_fetch_inc(v) atomic_fetch_add(1, (v))
#define atomic_fetch_dec(v) atomic_fetch_add(-1, (v))
#define atomic_and(i, v) ((void)atomic_fetch_and((i), (v)))
#define atomic_or(i, v) ((void)atomic_fetch_or((i), (v)))
#define atomic_xor(i, v) ((void)atomic_fetch_xor((i), (v)))
#define atomic_andnot(i, v) atomic_and(~(i), (v))
#define atomic_sub_and_test(i, v) (atomic_sub_return((i), (v)) == 0)
#define atomic_dec_and_test(v) (atomic_dec_return(v) == 0)
#define atomic_inc_and_test(v) (atomic_inc_return(v) == 0)
#define atomic_add_negative(i, v) (atomic_add_return((i), (v)) < 0)
#define atomic_add_unless(v, a, u) (atomic_fetch_add_unless((v), (a), (u)) != (u))
#define atomic_inc_not_zero(v) atomic_add_unless((v), 1, 0)
#define atomic_dec_if_positive(v) ({ int __dip = atomic_read(v) - 1; if (__dip >= 0) atomic_set(v, __dip); __dip; })
#define atomic_add_return_relaxed atomic_add_return
#define atomic_inc_return_relaxed atomic_inc_return
#define atomic_read_acquire(v) atomic_read(v)
#define atomic_set_release(v, i) atomic_set(v, i)

#define ATOMIC64_INIT(i) { (i) }
#define atomic64_read(v) READ_ONCE((v)->counter)
#define atomic64_set(v, i) WRITE_ONCE((v)->counter, (i))
static inline s64 atomic64_add_return(s64 i, atomic64_t *v)
{
	v->counter += i;
	return v->counter;
}
static inline s64 atomic64_xchg(atomic64_t *v, s64 new)
{
	s64 old = v->counter;
	v->counter = new;
	return old;
}
static inline s64 atomic64_cmpxchg(atomic64_t *v, s64 old, s64 new)
{
	s64 cur = v->counter;
	if (cur == old)
		v->counter = new;
	return cur;
}
#define atomic64_add(i, v) ((void)atomic64_add_return((i), (v)))
#define atomic64_sub(i, v) ((void)atomic64_add_return(-(i), (v)))
#define atomic64_inc(v) atomic64_add(1, (v))
#define atomic64_dec(v) atomic64_sub(1, (v))
#define atomic64_sub_return(i, v) atomic64_add_return(-(i), (v))
#define atomic64_inc_return(v) atomic64_add_return(1, (v))
#define atomic64_dec_return(v) atomic64_add_return(-1, (v))
#define atomic64_fetch_add(i, v) (atomic64_add_return((i), (v)) - (i))
#define atomic64_dec_and_test(v) (atomic64_dec_return(v) == 0)

/* atomic_long_t is atomic64_t with 64-bit longs (asm-generic/atomic-long.h). */
#define ATOMIC_LONG_INIT(i) ATOMIC64_INIT(i)
#define atomic_long_read(v) atomic64_read(v)
#define atomic_long_set(v, i) atomic64_set((v), (i))
#define atomic_long_add(i, v) atomic64_add((i), (v))
#define atomic_long_sub(i, v) atomic64_sub((i), (v))
#define atomic_long_inc(v) atomic64_inc(v)
#define atomic_long_dec(v) atomic64_dec(v)
#define atomic_long_add_return(i, v) atomic64_add_return((i), (v))
#define atomic_long_sub_return(i, v) atomic64_sub_return((i), (v))
#define atomic_long_inc_return(v) atomic64_inc_return(v)
#define atomic_long_dec_return(v) atomic64_dec_return(v)
#define atomic_long_dec_and_test(v) atomic64_dec_and_test(v)
#define atomic_long_xchg(v, n) atomic64_xchg((v), (n))
#define atomic_long_cmpxchg(v, o, n) atomic64_cmpxchg((v), (o), (n))

/* Plain-word atomics and barriers. */
#define xchg(ptr, x) ({ __typeof__(*(ptr)) __xchg_old = *(ptr); *(ptr) = (x); __xchg_old; })
#define cmpxchg(ptr, o, n)                                              \
	({                                                              \
		__typeof__(*(ptr)) __cx_old = (o);                      \
		__typeof__(*(ptr)) __cx_cur = *(ptr);                   \
		if (__cx_cur == __cx_old)                               \
			*(ptr) = (n);                                   \
		__cx_cur;                                               \
	})
#define smp_mb() barrier()
#define smp_rmb() barrier()
#define smp_wmb() barrier()
#define mb() barrier()
#define rmb() barrier()
#define wmb() barrier()
#define smp_mb__before_atomic() barrier()
#define smp_mb__after_atomic() barrier()
#define smp_load_acquire(p) READ_ONCE(*(p))
#define smp_store_release(p, v) WRITE_ONCE(*(p), (v))
#define smp_store_mb(var, value) do { WRITE_ONCE(var, value); barrier(); } while (0)

#endif
