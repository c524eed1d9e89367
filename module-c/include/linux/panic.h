/* <linux/panic.h> - panic(): "Kernel panic - not syncing: ..." and the
 * host stops the machine (an oops the kernel does not survive). */
#ifndef _LINUX_PANIC_H
#define _LINUX_PANIC_H

#include <linux/compiler.h>

__printf(4, 5) __noreturn __cold void __kern_panic(const char *file, int line, const char *func,
						  const char *fmt, ...);
__printf(1, 2) __noreturn __cold void (panic)(const char *fmt, ...);
/* A macro so the host can name the caller's line. */
#define panic(fmt, ...) __kern_panic(__FILE__, __LINE__, __func__, fmt, ##__VA_ARGS__)

#define TAINT_PROPRIETARY_MODULE 0
#define TAINT_WARN 9
#define TAINT_OOT_MODULE 12
#define LOCKDEP_STILL_OK 1
#define LOCKDEP_NOW_UNRELIABLE 0
static inline void add_taint(unsigned flag, int lockdep_ok)
{
	(void)flag;
	(void)lockdep_ok;
}

#endif
