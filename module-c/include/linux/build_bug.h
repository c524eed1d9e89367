/* <linux/build_bug.h> - compile-time assertions. */
#ifndef _LINUX_BUILD_BUG_H
#define _LINUX_BUILD_BUG_H

#include <linux/compiler_types.h>

/* 0 when e is false; a compile error (negative bit-field width) when true. */
#define BUILD_BUG_ON_ZERO(e) ((int)(sizeof(struct { int : (-!!(e)); })))
#define BUILD_BUG_ON_MSG(cond, msg)                  \
	do {                                         \
		_Static_assert(!(cond), msg);        \
	} while (0)
#define BUILD_BUG_ON(condition) BUILD_BUG_ON_MSG(condition, "BUILD_BUG_ON failed: " #condition)
#define BUILD_BUG_ON_NOT_POWER_OF_2(n) BUILD_BUG_ON((n) == 0 || (((n) & ((n)-1)) != 0))
#define BUILD_BUG() BUILD_BUG_ON_MSG(1, "BUILD_BUG failed")

/* static_assert(expr) or static_assert(expr, "message"), as in C11 <assert.h>. */
#define static_assert(expr, ...) __kern_static_assert(expr, ##__VA_ARGS__, #expr)
#define __kern_static_assert(expr, msg, ...) _Static_assert(expr, msg)

#endif
