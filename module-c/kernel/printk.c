/*
 * printk.c - kernel/printk/printk.c: format a message and hand it to the
 * host's log (dmesg).
 *
 * Like Linux 6.1's vprintk_store(): the message is formatted first (a level
 * may come from a %s argument), truncated to LOG_LINE_MAX - 1 characters,
 * then the level prefixes are parsed and stripped ("\0013" sets level 3,
 * the first level wins; "\001c" marks a continuation). The host receives
 * the text without prefixes but with its trailing newline, if any, and a
 * level 0-7, the default 4 for none, or -1 for KERN_CONT. The return value
 * is Linux's: the length stored, without prefixes and trailing newline.
 */
#include <linux/kernel.h>
#include <linux/printk.h>
#include "libkern.h"

#define DEFAULT_MESSAGE_LOGLEVEL 4

int vprintk(const char *fmt, va_list args)
{
	char text[LOG_LINE_MAX];
	int level = LOGLEVEL_DEFAULT;
	bool cont = false;
	int len = vscnprintf(text, sizeof(text), fmt, args);
	int skip = 0, kern_level, ret;

	while ((kern_level = printk_get_level(text + skip)) != 0) {
		if (kern_level == 'c')
			cont = true;
		else if (level == LOGLEVEL_DEFAULT)
			level = kern_level - '0';
		skip += 2;
	}
	if (level == LOGLEVEL_DEFAULT)
		level = DEFAULT_MESSAGE_LOGLEVEL;

	host_printk(cont ? -1 : level, text + skip, len - skip);

	ret = len - skip;
	if (ret > 0 && text[len - 1] == '\n')
		ret--;
	return ret;
}

int printk(const char *fmt, ...)
{
	va_list args;
	int r;

	va_start(args, fmt);
	r = vprintk(fmt, args);
	va_end(args);
	return r;
}

/* WARN(cond, fmt, ...): Linux prints the cut-here line, then the message
 * at the default level; the host then prints "WARNING: CPU: 0 PID: ...". */
void __warn_printk(const char *fmt, ...)
{
	va_list args;

	printk(KERN_WARNING CUT_HERE);
	va_start(args, fmt);
	vprintk(fmt, args);
	va_end(args);
}

/*
 * panic(): the host gets HOST_BUG_PANIC with the formatted message in
 * `func` (at most 1023 characters) and the caller's file and line, prints
 * "Kernel panic - not syncing: <message>" and stops the machine.
 */
void __kern_panic(const char *file, int line, const char *func, const char *fmt, ...)
{
	static char buf[1024];
	va_list args;

	(void)func;
	va_start(args, fmt);
	vscnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	host_bug(HOST_BUG_PANIC, file, line, buf, 0);
	__builtin_trap();
}

void (panic)(const char *fmt, ...)
{
	static char buf[1024];
	va_list args;

	va_start(args, fmt);
	vscnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	host_bug(HOST_BUG_PANIC, 0, 0, buf, 0);
	__builtin_trap();
}
