/* <linux/printk.h> - printk and the pr_*() wrappers. printk is libkern's
 * (kernel/printk.c): it formats with libkern's vsnprintf and hands the line
 * to the host's dmesg ring. */
#ifndef __KERNEL_PRINTK__
#define __KERNEL_PRINTK__

#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/stdarg.h>
#include <linux/kern_levels.h>

/* 6.1's printk record: 1024 bytes less the room for a prefix. */
#define LOG_LINE_MAX (1024 - 32)

static inline int printk_get_level(const char *buffer)
{
	if (buffer[0] == KERN_SOH_ASCII && buffer[1]) {
		switch (buffer[1]) {
		case '0' ... '7':
		case 'c':
			return buffer[1];
		}
	}
	return 0;
}

static inline const char *printk_skip_level(const char *buffer)
{
	if (printk_get_level(buffer))
		return buffer + 2;
	return buffer;
}

__printf(1, 2) __cold int printk(const char *fmt, ...);
__printf(1, 0) int vprintk(const char *fmt, va_list args);

static inline int printk_ratelimit(void)
{
	return 1;
}

#ifndef pr_fmt
#define pr_fmt(fmt) fmt
#endif

/* Type-checks the format and arguments, prints nothing. */
#define no_printk(fmt, ...)                          \
	({                                           \
		if (0)                               \
			printk(fmt, ##__VA_ARGS__);  \
		0;                                   \
	})

#define pr_emerg(fmt, ...) printk(KERN_EMERG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_alert(fmt, ...) printk(KERN_ALERT pr_fmt(fmt), ##__VA_ARGS__)
#define pr_crit(fmt, ...) printk(KERN_CRIT pr_fmt(fmt), ##__VA_ARGS__)
#define pr_err(fmt, ...) printk(KERN_ERR pr_fmt(fmt), ##__VA_ARGS__)
#define pr_warn(fmt, ...) printk(KERN_WARNING pr_fmt(fmt), ##__VA_ARGS__)
/* pr_warning was removed in 5.5; older course material still uses it. */
#define pr_warning(fmt, ...) pr_warn(fmt, ##__VA_ARGS__)
#define pr_notice(fmt, ...) printk(KERN_NOTICE pr_fmt(fmt), ##__VA_ARGS__)
#define pr_info(fmt, ...) printk(KERN_INFO pr_fmt(fmt), ##__VA_ARGS__)
#define pr_cont(fmt, ...) printk(KERN_CONT fmt, ##__VA_ARGS__)
#define pr_default(fmt, ...) printk(KERN_DEFAULT pr_fmt(fmt), ##__VA_ARGS__)

#ifdef DEBUG
#define pr_devel(fmt, ...) printk(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_debug(fmt, ...) printk(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__)
#else
#define pr_devel(fmt, ...) no_printk(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_debug(fmt, ...) no_printk(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__)
#endif

/* Print only the first time this call site runs. */
#define printk_once(fmt, ...)                                     \
	({                                                        \
		static bool __print_once;                         \
		bool __ret_print_once = !__print_once;            \
		if (!__print_once) {                              \
			__print_once = true;                      \
			printk(fmt, ##__VA_ARGS__);               \
		}                                                 \
		unlikely(__ret_print_once);                       \
	})
#define pr_emerg_once(fmt, ...) printk_once(KERN_EMERG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_alert_once(fmt, ...) printk_once(KERN_ALERT pr_fmt(fmt), ##__VA_ARGS__)
#define pr_crit_once(fmt, ...) printk_once(KERN_CRIT pr_fmt(fmt), ##__VA_ARGS__)
#define pr_err_once(fmt, ...) printk_once(KERN_ERR pr_fmt(fmt), ##__VA_ARGS__)
#define pr_warn_once(fmt, ...) printk_once(KERN_WARNING pr_fmt(fmt), ##__VA_ARGS__)
#define pr_notice_once(fmt, ...) printk_once(KERN_NOTICE pr_fmt(fmt), ##__VA_ARGS__)
#define pr_info_once(fmt, ...) printk_once(KERN_INFO pr_fmt(fmt), ##__VA_ARGS__)

/* No rate limit in a single-user emulator: every message is printed. */
#define printk_ratelimited(fmt, ...) printk(fmt, ##__VA_ARGS__)
#define pr_emerg_ratelimited(fmt, ...) pr_emerg(fmt, ##__VA_ARGS__)
#define pr_alert_ratelimited(fmt, ...) pr_alert(fmt, ##__VA_ARGS__)
#define pr_crit_ratelimited(fmt, ...) pr_crit(fmt, ##__VA_ARGS__)
#define pr_err_ratelimited(fmt, ...) pr_err(fmt, ##__VA_ARGS__)
#define pr_warn_ratelimited(fmt, ...) pr_warn(fmt, ##__VA_ARGS__)
#define pr_notice_ratelimited(fmt, ...) pr_notice(fmt, ##__VA_ARGS__)
#define pr_info_ratelimited(fmt, ...) pr_info(fmt, ##__VA_ARGS__)
#define pr_debug_ratelimited(fmt, ...) pr_debug(fmt, ##__VA_ARGS__)

/* There is no stack to walk from C; the host prints traces in oops reports. */
static inline void dump_stack(void)
{
}

#endif
