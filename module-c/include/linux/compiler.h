/* <linux/compiler.h> - branch hints, barriers, READ_ONCE/WRITE_ONCE. */
#ifndef __LINUX_COMPILER_H
#define __LINUX_COMPILER_H

#include <linux/compiler_types.h>

#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#define likely_notrace(x) likely(x)
#define unlikely_notrace(x) unlikely(x)

#define barrier() __asm__ __volatile__("" : : : "memory")
#define barrier_data(ptr) __asm__ __volatile__("" : : "r"(ptr) : "memory")
#define unreachable() __builtin_unreachable()

/* One access the compiler may neither tear, merge nor repeat. */
#define READ_ONCE(x) (*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, val)                                   \
	do {                                                 \
		*(volatile __typeof__(x) *)&(x) = (val);     \
	} while (0)
/* Removed from Linux in 4.15; old course material still uses it. */
#define ACCESS_ONCE(x) (*(volatile __typeof__(x) *)&(x))
#define data_race(expr) (expr)

#define OPTIMIZER_HIDE_VAR(var) __asm__("" : "=r"(var) : "0"(var))

/*
 * __is_constexpr(x): 1 if x is an integer constant expression. A null
 * pointer constant (x * 0 cast to void *) makes the conditional's type
 * int *; any other void * makes it void *, and sizeof(void) is 1 in GNU C.
 */
#define __is_constexpr(x) (sizeof(int) == sizeof(*(8 ? ((void *)((long)(x) * 0l)) : (int *)8)))

#include <linux/build_bug.h>

#endif
