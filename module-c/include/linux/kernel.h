/* <linux/kernel.h> - the grab bag every module includes: printk, min/max,
 * ARRAY_SIZE, container_of, the sprintf family, kstrto*, panic. */
#ifndef _LINUX_KERNEL_H
#define _LINUX_KERNEL_H

#include <linux/stdarg.h>
#include <linux/limits.h>
#include <linux/stddef.h>
#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/container_of.h>
#include <linux/build_bug.h>
#include <linux/typecheck.h>
#include <linux/minmax.h>
#include <linux/kstrtox.h>
#include <linux/math64.h>
/* Linux 6.1's <linux/kernel.h> reaches THIS_MODULE (checked with Kbuild) */
#include <linux/export.h>
#include <linux/panic.h>
#include <linux/printk.h>
#include <linux/bug.h>
#include <linux/stringify.h>
#include <linux/err.h>
#include <linux/errno.h>

#define __must_be_array(a) BUILD_BUG_ON_ZERO(__same_type((a), &(a)[0]))
/* Number of elements; a compile error when arr is a pointer, not an array. */
#define ARRAY_SIZE(arr) (sizeof(arr) / sizeof((arr)[0]) + __must_be_array(arr))
/* Removed in 5.5; old code still uses it. */
#define FIELD_SIZEOF(t, f) (sizeof(((t *)0)->f))

#define __ALIGN_KERNEL_MASK(x, mask) (((x) + (mask)) & ~(mask))
#define __ALIGN_KERNEL(x, a) __ALIGN_KERNEL_MASK(x, (__typeof__(x))(a)-1)
#define ALIGN(x, a) __ALIGN_KERNEL((x), (a))
#define ALIGN_DOWN(x, a) __ALIGN_KERNEL((x) - ((a)-1), (a))
#define PTR_ALIGN(p, a) ((__typeof__(p))ALIGN((unsigned long)(p), (a)))
#define PTR_ALIGN_DOWN(p, a) ((__typeof__(p))ALIGN_DOWN((unsigned long)(p), (a)))
#define IS_ALIGNED(x, a) (((x) & ((__typeof__(x))(a)-1)) == 0)

#define DIV_ROUND_UP(n, d) (((n) + (d)-1) / (d))
#define DIV_ROUND_DOWN_ULL(ll, d) ({ unsigned long long _tmp = (ll); do_div(_tmp, d); _tmp; })
#define DIV_ROUND_UP_ULL(ll, d) DIV_ROUND_DOWN_ULL((unsigned long long)(ll) + (d)-1, (d))
#define DIV_ROUND_CLOSEST(x, divisor)                                                          \
	({                                                                                     \
		__typeof__(x) __x = x;                                                         \
		__typeof__(divisor) __d = divisor;                                             \
		(((__typeof__(x))-1) > 0 || ((__typeof__(divisor))-1) > 0 || (((__x) > 0) == ((__d) > 0))) \
			? (((__x) + ((__d) / 2)) / (__d))                                      \
			: (((__x) - ((__d) / 2)) / (__d));                                     \
	})
#define __round_mask(x, y) ((__typeof__(x))((y)-1))
#define round_up(x, y) ((((x)-1) | __round_mask(x, y)) + 1)
#define round_down(x, y) ((x) & ~__round_mask(x, y))
#define roundup(x, y)                                   \
	({                                              \
		__typeof__(y) __y = y;                  \
		(((x) + (__y - 1)) / __y) * __y;        \
	})
#define rounddown(x, y)                                 \
	({                                              \
		__typeof__(x) __x = (x);                \
		__x - (__x % (y));                      \
	})

#define upper_32_bits(n) ((u32)(((n) >> 16) >> 16))
#define lower_32_bits(n) ((u32)((n)&0xffffffff))
#define upper_16_bits(n) ((u16)((n) >> 16))
#define lower_16_bits(n) ((u16)((n)&0xffff))

#define abs(x)                                                  \
	({                                                      \
		__typeof__(+(x)) __abs_x = (x);                 \
		__abs_x < 0 ? -__abs_x : __abs_x;               \
	})

#define REPEAT_BYTE(x) ((~0ul / 0xff) * (x))
#define STACK_MAGIC 0xdeadbeef

/* wasm has no readable return address; callers get 0. */
#define _RET_IP_ 0UL
#define _THIS_IP_ 0UL

static inline void __user *u64_to_user_ptr(u64 address)
{
	return (void __user *)(uintptr_t)address;
}

/* One CPU, no preemption: nothing sleeps and nothing is rescheduled. */
void __kern_might_sleep(void);
#define might_sleep() __kern_might_sleep()
#define might_sleep_if(cond) do { (void)(cond); } while (0)
#define might_resched() do { } while (0)
#define cant_sleep() do { } while (0)
#define sched_annotate_sleep() do { } while (0)
#define might_fault() do { } while (0)
#define lockdep_assert_held(l) do { (void)(l); } while (0)
#define lockdep_assert_held_once(l) do { (void)(l); } while (0)

/* lib/vsprintf.c; see kernel/vsprintf.c for the conversions supported. */
__printf(2, 3) int sprintf(char *buf, const char *fmt, ...);
__printf(2, 0) int vsprintf(char *buf, const char *fmt, va_list args);
__printf(3, 4) int snprintf(char *buf, size_t size, const char *fmt, ...);
__printf(3, 0) int vsnprintf(char *buf, size_t size, const char *fmt, va_list args);
__printf(3, 4) int scnprintf(char *buf, size_t size, const char *fmt, ...);
__printf(3, 0) int vscnprintf(char *buf, size_t size, const char *fmt, va_list args);
__printf(2, 3) __malloc char *(kasprintf)(gfp_t gfp, const char *fmt, ...);
__printf(2, 0) __malloc char *(kvasprintf)(gfp_t gfp, const char *fmt, va_list args);
__printf(5, 6) __malloc char *__kern_kasprintf(gfp_t gfp, const char *file, int line, const char *func,
					       const char *fmt, ...);
__printf(5, 0) __malloc char *__kern_kvasprintf(gfp_t gfp, const char *file, int line, const char *func,
						const char *fmt, va_list args);
/* Macros so a leaked string is reported at the caller's line. */
#define kasprintf(gfp, fmt, ...) __kern_kasprintf(gfp, __FILE__, __LINE__, __func__, fmt, ##__VA_ARGS__)
#define kvasprintf(gfp, fmt, args) __kern_kvasprintf(gfp, __FILE__, __LINE__, __func__, fmt, args)
__scanf(2, 3) int sscanf(const char *buf, const char *fmt, ...);
__scanf(2, 0) int vsscanf(const char *buf, const char *fmt, va_list args);

extern const char hex_asc[];
extern const char hex_asc_upper[];
#define hex_asc_lo(x) hex_asc[((x)&0x0f)]
#define hex_asc_hi(x) hex_asc[((x)&0xf0) >> 4]
#define hex_asc_upper_lo(x) hex_asc_upper[((x)&0x0f)]
#define hex_asc_upper_hi(x) hex_asc_upper[((x)&0xf0) >> 4]
int hex_to_bin(unsigned char ch);
int __must_check hex2bin(u8 *dst, const char *src, size_t count);
char *bin2hex(char *dst, const void *src, size_t count);

#endif
