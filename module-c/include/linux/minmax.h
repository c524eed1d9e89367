/* <linux/minmax.h> - min()/max() that evaluate each argument once and, like
 * Linux 6.1, warn ("comparison of distinct pointer types") when x and y have
 * different types: use min_t()/max_t() to compare across types. */
#ifndef _LINUX_MINMAX_H
#define _LINUX_MINMAX_H

#include <linux/compiler.h>

/* Comparing pointers to the two types is what makes the compiler warn. */
#define __typecheck(x, y) (!!(sizeof((__typeof__(x) *)1 == (__typeof__(y) *)1)))
#define __no_side_effects(x, y) (__is_constexpr(x) && __is_constexpr(y))
#define __safe_cmp(x, y) (__typecheck(x, y) && __no_side_effects(x, y))

#define __cmp(x, y, op) ((x)op(y) ? (x) : (y))
#define __cmp_once(x, y, unique_x, unique_y, op)        \
	({                                              \
		__typeof__(x) unique_x = (x);           \
		__typeof__(y) unique_y = (y);           \
		__cmp(unique_x, unique_y, op);          \
	})

/* Constants stay constant expressions (usable as array sizes). */
#define __careful_cmp(x, y, op)                                         \
	__builtin_choose_expr(__safe_cmp(x, y), __cmp(x, y, op),        \
			      __cmp_once(x, y, __UNIQUE_ID(__x), __UNIQUE_ID(__y), op))

#define min(x, y) __careful_cmp(x, y, <)
#define max(x, y) __careful_cmp(x, y, >)
#define min3(x, y, z) min((__typeof__(x))min(x, y), z)
#define max3(x, y, z) max((__typeof__(x))max(x, y), z)
#define min_not_zero(x, y)                                                      \
	({                                                                      \
		__typeof__(x) __mnz_x = (x);                                    \
		__typeof__(y) __mnz_y = (y);                                    \
		__mnz_x == 0 ? __mnz_y : ((__mnz_y == 0) ? __mnz_x : min(__mnz_x, __mnz_y)); \
	})
#define clamp(val, lo, hi) min((__typeof__(val))max(val, lo), hi)

#define min_t(type, x, y) __careful_cmp((type)(x), (type)(y), <)
#define max_t(type, x, y) __careful_cmp((type)(x), (type)(y), >)
#define clamp_t(type, val, lo, hi) min_t(type, max_t(type, val, lo), hi)
#define clamp_val(val, lo, hi) clamp_t(__typeof__(val), val, lo, hi)

#define swap(a, b)                                      \
	do {                                            \
		__typeof__(a) __tmp = (a);              \
		(a) = (b);                              \
		(b) = __tmp;                            \
	} while (0)

#endif
