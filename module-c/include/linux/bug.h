/* <linux/bug.h> - BUG()/BUG_ON() oops through the host; WARN*() log a
 * warning through the host and return their condition. */
#ifndef _LINUX_BUG_H
#define _LINUX_BUG_H

#include <linux/compiler.h>
#include <linux/build_bug.h>
#include <linux/types.h>
#include <kernel/host.h>

#define CUT_HERE "------------[ cut here ]------------\n"

/* host_bug(HOST_BUG_BUG) raises an oops and does not return; the trap is
 * a backstop so the compiler may treat BUG() as noreturn. */
#define BUG()                                                                 \
	do {                                                                  \
		host_bug(HOST_BUG_BUG, __FILE__, __LINE__, __func__, 0);      \
		__builtin_trap();                                             \
	} while (0)

#define BUG_ON(condition)                    \
	do {                                 \
		if (unlikely(condition))     \
			BUG();               \
	} while (0)

/* Prints CUT_HERE and the message like Linux's __warn_printk(). */
__printf(1, 2) void __warn_printk(const char *fmt, ...);

/*
 * value 0: plain WARN_ON; value 1: WARN(cond, fmt, ...) whose cut-here line
 * and message libkern has already printed.
 */
#define __WARN_AT(printed) host_bug(HOST_WARN_WARN, __FILE__, __LINE__, __func__, (printed))

#define WARN_ON(condition)                              \
	({                                              \
		int __ret_warn_on = !!(condition);      \
		if (unlikely(__ret_warn_on))            \
			__WARN_AT(0);                   \
		unlikely(__ret_warn_on);                \
	})

#define WARN(condition, format...)                      \
	({                                              \
		int __ret_warn_on = !!(condition);      \
		if (unlikely(__ret_warn_on)) {          \
			__warn_printk(format);          \
			__WARN_AT(1);                   \
		}                                       \
		unlikely(__ret_warn_on);                \
	})

#define WARN_TAINT(condition, taint, format...) WARN(condition, format)

#define WARN_ON_ONCE(condition)                                         \
	({                                                              \
		static bool __warned;                                   \
		int __ret_warn_once = !!(condition);                    \
		if (unlikely(__ret_warn_once && !__warned)) {           \
			__warned = true;                                \
			__WARN_AT(0);                                   \
		}                                                       \
		unlikely(__ret_warn_once);                              \
	})

#define WARN_ONCE(condition, format...)                                 \
	({                                                              \
		static bool __warned;                                   \
		int __ret_warn_once = !!(condition);                    \
		if (unlikely(__ret_warn_once && !__warned)) {           \
			__warned = true;                                \
			WARN(1, format);                                \
		}                                                       \
		unlikely(__ret_warn_once);                              \
	})

#define WARN_ON_SMP(x) WARN_ON(x)

#endif
