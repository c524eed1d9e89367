/* <linux/compiler_types.h> - annotations (sparse markers are empty) and attributes. */
#ifndef __LINUX_COMPILER_TYPES_H
#define __LINUX_COMPILER_TYPES_H

#include <linux/kconfig.h>

/* sparse address-space and context annotations: nothing to the compiler */
#define __user
#define __kernel
#define __iomem
#define __percpu
#define __rcu
#define __force
#define __nocast
#define __safe
#define __private
#define __bitwise
#define __acquires(x)
#define __releases(x)
#define __acquire(x) (void)0
#define __release(x) (void)0
#define __cond_lock(x, c) (c)
#define __must_hold(x)
#define ACCESS_PRIVATE(p, member) ((p)->member)

#define ___PASTE(a, b) a##b
#define __PASTE(a, b) ___PASTE(a, b)
/* A fresh identifier per expansion (__COUNTER__ increments each time). */
#define __UNIQUE_ID(prefix) __PASTE(__PASTE(__UNIQUE_ID_, prefix), __COUNTER__)

#define __always_inline inline __attribute__((__always_inline__))
#define noinline __attribute__((__noinline__))
#define noinline_for_stack noinline
#define __attribute_const__ __attribute__((__const__))
#define __aligned(x) __attribute__((__aligned__(x)))
#define __packed __attribute__((__packed__))
#define __used __attribute__((__used__))
#define __maybe_unused __attribute__((__unused__))
#define __always_unused __attribute__((__unused__))
#define __must_check __attribute__((__warn_unused_result__))
#define __cold __attribute__((__cold__))
#define __hot __attribute__((__hot__))
#define __pure __attribute__((__pure__))
#define __weak __attribute__((__weak__))
#define __noreturn __attribute__((__noreturn__))
#define __malloc __attribute__((__malloc__))
#define __deprecated
#define __visible
#define __printf(a, b) __attribute__((__format__(printf, a, b)))
#define __scanf(a, b) __attribute__((__format__(scanf, a, b)))
#define __nonstring
#define __designated_init
#define __randomize_layout
#define __no_randomize_layout
#define __latent_entropy
#define __ro_after_init
#define __read_mostly
#define __cacheline_aligned
#define ____cacheline_aligned
#define __cacheline_aligned_in_smp
#define ____cacheline_aligned_in_smp
#define notrace
#define asmlinkage
#define __gnu_inline __attribute__((__gnu_inline__))
#define __noclone
#define __no_sanitize_address
#define __no_kcsan
#define fallthrough __attribute__((__fallthrough__))

/* 1 when a and b have compatible types. */
#define __same_type(a, b) __builtin_types_compatible_p(__typeof__(a), __typeof__(b))

#endif
