/* <linux/refcount.h> - reference counts that warn on overflow and on
 * increment from zero (use after free), like Linux's saturating refcount_t. */
#ifndef _LINUX_REFCOUNT_H
#define _LINUX_REFCOUNT_H

#include <linux/atomic.h>
#include <linux/bug.h>
#include <linux/limits.h>

typedef struct refcount_struct {
	atomic_t refs;
} refcount_t;

#define REFCOUNT_INIT(n) { .refs = ATOMIC_INIT(n) }
#define REFCOUNT_MAX INT_MAX

static inline void refcount_set(refcount_t *r, int n)
{
	atomic_set(&r->refs, n);
}
static inline unsigned int refcount_read(const refcount_t *r)
{
	return atomic_read(&r->refs);
}
static inline void refcount_add(int i, refcount_t *r)
{
	int old = atomic_fetch_add(i, &r->refs);
	WARN_ONCE(!old, "refcount_t: addition on 0; use-after-free.\n");
}
static inline void refcount_inc(refcount_t *r)
{
	refcount_add(1, r);
}
static inline bool refcount_inc_not_zero(refcount_t *r)
{
	return atomic_inc_not_zero(&r->refs);
}
static inline bool refcount_sub_and_test(int i, refcount_t *r)
{
	int old = atomic_fetch_sub(i, &r->refs);
	if (old == i)
		return true;
	WARN_ONCE(old < i, "refcount_t: underflow; use-after-free.\n");
	return false;
}
static inline bool refcount_dec_and_test(refcount_t *r)
{
	return refcount_sub_and_test(1, r);
}
static inline void refcount_dec(refcount_t *r)
{
	WARN_ONCE(refcount_dec_and_test(r), "refcount_t: decrement hit 0; leaking memory.\n");
}

#endif
