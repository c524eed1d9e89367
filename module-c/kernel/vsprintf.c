/*
 * vsprintf.c - lib/vsprintf.c: the kernel's printf, used by printk and the
 * sprintf family. It follows Linux 6.1's rules where they differ from C:
 *
 *  - %n and unknown conversions stop the output (nothing more is printed);
 *  - "%#x" of 0 is "0x0"; the 0 flag still pads when a precision is given;
 *  - "%.d" (a '.' without digits) means no precision, a negative "*"
 *    precision means 0;
 *  - %s of NULL prints "(null)", of another address below 4096 or an
 *    ERR_PTR "(efault)".
 *
 * Pointers: Linux hashes %p (and %pK) so as not to leak addresses. Here
 * addresses are offsets in the module's own memory, so %p, %pK and %px all
 * print the real value, zero-padded to 16 hex digits (2 * sizeof(void *): the
 * module is LP64), e.g. "000000000001a2b0". %pS/%ps/%pB print "0x" and 16 digits, as Linux
 * does without kallsyms (wasm function pointers are table indexes, not
 * symbols). %pe prints an error pointer's name ("-ENOMEM"); %*ph a hex dump.
 * Other %p extensions print the pointer value.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/ctype.h>
#include <linux/slab.h>
#include <asm/page.h>
#include "libkern.h"

#define SIGN 1
#define LEFT 2
#define PLUS 4
#define SPACE 8
#define ZEROPAD 16 /* '0' - ' ': added to ' ' it gives the pad character */
#define SMALL 32   /* ORed into a digit or letter it lower-cases letters */
#define SPECIAL 64 /* "0x" / "0" prefix */

struct printf_spec {
	int field_width; /* -1: none */
	int precision;	 /* -1: none */
	unsigned int flags;
	unsigned int base;
};

/* The output: every character is counted, only the ones that fit are stored. */
struct out {
	char *buf;
	size_t size;
	size_t pos;
};

static void put(struct out *o, char c)
{
	if (o->pos < o->size)
		o->buf[o->pos] = c;
	o->pos++;
}

static void put_n(struct out *o, char c, int n)
{
	while (n-- > 0)
		put(o, c);
}

static const char digits_upper[] = "0123456789ABCDEF";

static void number(struct out *o, unsigned long long num, struct printf_spec spec)
{
	char tmp[3 * sizeof(num)];
	char sign = 0;
	char locase = spec.flags & SMALL;
	int need_pfx = (spec.flags & SPECIAL) && spec.base != 10;
	int is_zero = num == 0;
	int field_width = spec.field_width;
	int precision = spec.precision;
	int i = 0;

	if (spec.flags & LEFT)
		spec.flags &= ~ZEROPAD;
	if (spec.flags & SIGN) {
		if ((signed long long)num < 0) {
			sign = '-';
			num = -(signed long long)num;
			field_width--;
		} else if (spec.flags & PLUS) {
			sign = '+';
			field_width--;
		} else if (spec.flags & SPACE) {
			sign = ' ';
			field_width--;
		}
	}
	if (need_pfx) {
		if (spec.base == 16)
			field_width -= 2;
		else if (!is_zero)
			field_width--;
	}

	/* digits, least significant first; always at least one */
	do {
		tmp[i++] = digits_upper[num % spec.base] | locase;
		num /= spec.base;
	} while (num);

	if (i > precision)
		precision = i;
	field_width -= precision;
	if (!(spec.flags & (ZEROPAD | LEFT))) {
		put_n(o, ' ', field_width);
		field_width = 0;
	}
	if (sign)
		put(o, sign);
	if (need_pfx) {
		if (spec.base == 16 || !is_zero)
			put(o, '0');
		if (spec.base == 16)
			put(o, 'X' | locase);
	}
	if (!(spec.flags & LEFT)) {
		put_n(o, ' ' + (spec.flags & ZEROPAD), field_width);
		field_width = 0;
	}
	put_n(o, '0', precision - i);
	while (--i >= 0)
		put(o, tmp[i]);
	put_n(o, ' ', field_width);
}

/* Writes the first n bytes of s, padded to the field width. */
static void padded(struct out *o, const char *s, int n, struct printf_spec spec)
{
	int spaces = spec.field_width > n ? spec.field_width - n : 0;

	if (!(spec.flags & LEFT))
		put_n(o, ' ', spaces);
	while (n-- > 0)
		put(o, *s++);
	if (spec.flags & LEFT)
		put_n(o, ' ', spaces);
}

/* s up to its NUL or precision bytes. */
static void string_nocheck(struct out *o, const char *s, struct printf_spec spec)
{
	int len = 0;

	while ((spec.precision < 0 || len < spec.precision) && s[len])
		len++;
	padded(o, s, len, spec);
}

static void string(struct out *o, const char *s, struct printf_spec spec)
{
	const char *err = NULL;

	if (!s)
		err = "(null)";
	else if ((unsigned long)s < PAGE_SIZE || IS_ERR_VALUE(s))
		err = "(efault)";
	if (err) {
		/* Linux caps error strings at 2 * sizeof(void *) characters. */
		if (spec.precision == -1)
			spec.precision = 2 * sizeof(void *);
		s = err;
	}
	string_nocheck(o, s, spec);
}

static void pointer_string(struct out *o, const void *ptr, struct printf_spec spec)
{
	spec.base = 16;
	spec.flags |= SMALL;
	if (spec.field_width == -1) {
		spec.field_width = 2 * sizeof(ptr);
		spec.flags |= ZEROPAD;
	}
	number(o, (unsigned long)ptr, spec);
}

/* "0x" and 2 * size hex digits. */
static void special_hex_number(struct out *o, unsigned long long num, int size)
{
	struct printf_spec spec = {
		.field_width = 2 + 2 * size,
		.precision = -1,
		.flags = SPECIAL | SMALL | ZEROPAD,
		.base = 16,
	};

	number(o, num, spec);
}

/* %pe: "-EINVAL", or the number when the code has no name. */
static void err_ptr(struct out *o, const void *ptr, struct printf_spec spec)
{
	int err = (int)PTR_ERR(ptr);
	const char *sym = kern_errname(err);

	if (sym) {
		string_nocheck(o, sym, spec);
		return;
	}
	spec.flags |= SIGN;
	spec.base = 10;
	number(o, (unsigned long long)(long long)err, spec);
}

/* %*ph: up to 64 bytes as hex pairs; %*phC/D/N separate with ':', '-', nothing. */
static void hex_string(struct out *o, const u8 *addr, struct printf_spec spec, const char *fmt)
{
	char separator;
	int i, len;

	if (!addr || (unsigned long)addr < PAGE_SIZE) {
		string(o, addr ? (const char *)1 : NULL, spec);
		return;
	}
	switch (fmt[1]) {
	case 'C':
		separator = ':';
		break;
	case 'D':
		separator = '-';
		break;
	case 'N':
		separator = 0;
		break;
	default:
		separator = ' ';
		break;
	}
	len = spec.field_width < 0 ? 1 : spec.field_width > 64 ? 64 : spec.field_width;
	for (i = 0; i < len; ++i) {
		put(o, hex_asc_hi(addr[i]));
		put(o, hex_asc_lo(addr[i]));
		if (separator && i != len - 1)
			put(o, separator);
	}
}

static void pointer(struct out *o, const char *fmt, void *ptr, struct printf_spec spec)
{
	switch (*fmt) {
	case 'S':
	case 's':
	case 'B':
	case 'F':
	case 'f':
		special_hex_number(o, (unsigned long)ptr, sizeof(void *));
		return;
	case 'e':
		err_ptr(o, ptr, spec);
		return;
	case 'h':
		hex_string(o, ptr, spec, fmt);
		return;
	case 'a':
		if (!ptr || (unsigned long)ptr < PAGE_SIZE) {
			string(o, ptr, spec);
			return;
		}
		special_hex_number(o, *(const phys_addr_t *)ptr, sizeof(phys_addr_t));
		return;
	default: /* %p, %px, %pK and extensions we do not implement */
		pointer_string(o, ptr, spec);
		return;
	}
}

static int skip_atoi(const char **s)
{
	int i = 0;

	while (isdigit(**s))
		i = i * 10 + *((*s)++) - '0';
	return i;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	struct out o = { buf, size, 0 };

	/* Large sizes are bugs (a negative length); Linux refuses them. */
	if (size > INT_MAX)
		return 0;

	while (*fmt) {
		struct printf_spec spec = { .field_width = -1, .precision = -1, .flags = 0, .base = 10 };
		char qualifier = 0;
		unsigned long long num;

		if (*fmt != '%') {
			put(&o, *fmt++);
			continue;
		}

		/* flags */
		for (;;) {
			++fmt;
			if (*fmt == '-')
				spec.flags |= LEFT;
			else if (*fmt == '+')
				spec.flags |= PLUS;
			else if (*fmt == ' ')
				spec.flags |= SPACE;
			else if (*fmt == '#')
				spec.flags |= SPECIAL;
			else if (*fmt == '0')
				spec.flags |= ZEROPAD;
			else
				break;
		}

		/* field width */
		if (isdigit(*fmt)) {
			spec.field_width = skip_atoi(&fmt);
		} else if (*fmt == '*') {
			fmt++;
			spec.field_width = va_arg(args, int);
			if (spec.field_width < 0) {
				spec.field_width = -spec.field_width;
				spec.flags |= LEFT;
			}
		}

		/* precision */
		if (*fmt == '.') {
			++fmt;
			if (isdigit(*fmt)) {
				spec.precision = skip_atoi(&fmt);
			} else if (*fmt == '*') {
				fmt++;
				spec.precision = va_arg(args, int);
				if (spec.precision < 0)
					spec.precision = 0;
			}
		}

		/* length: h hh l ll L z Z t, and j (intmax_t) */
		if (*fmt == 'h' || _tolower(*fmt) == 'l' || *fmt == 'z' || *fmt == 'Z' || *fmt == 't' ||
		    *fmt == 'j') {
			qualifier = *fmt++;
			if (qualifier == 'Z')
				qualifier = 'z';
			else if (qualifier == 'j')
				qualifier = 'L';
			if (qualifier == *fmt) {
				if (qualifier == 'l') {
					qualifier = 'L';
					++fmt;
				} else if (qualifier == 'h') {
					qualifier = 'H';
					++fmt;
				}
			}
		}

		switch (*fmt) {
		case 'c':
			fmt++;
			if (!(spec.flags & LEFT))
				while (--spec.field_width > 0)
					put(&o, ' ');
			put(&o, (unsigned char)va_arg(args, int));
			while (--spec.field_width > 0)
				put(&o, ' ');
			continue;
		case 's':
			fmt++;
			string(&o, va_arg(args, char *), spec);
			continue;
		case 'p':
			fmt++;
			pointer(&o, fmt, va_arg(args, void *), spec);
			while (isalnum(*fmt))
				fmt++;
			continue;
		case '%':
			fmt++;
			put(&o, '%');
			continue;
		case 'o':
			spec.base = 8;
			break;
		case 'x':
			spec.flags |= SMALL;
			fallthrough;
		case 'X':
			spec.base = 16;
			break;
		case 'd':
		case 'i':
			spec.flags |= SIGN;
			break;
		case 'u':
			break;
		default:
			/* %n, an unknown conversion or a lone '%' at the end: the
			 * arguments can no longer be matched, so stop here. */
			goto out;
		}
		fmt++;

		switch (qualifier) {
		case 'L':
			num = va_arg(args, long long);
			break;
		case 'l':
			if (spec.flags & SIGN)
				num = va_arg(args, long);
			else
				num = va_arg(args, unsigned long);
			break;
		case 'z':
			if (spec.flags & SIGN)
				num = va_arg(args, ssize_t);
			else
				num = va_arg(args, size_t);
			break;
		case 't':
			num = va_arg(args, ptrdiff_t);
			break;
		case 'H':
			if (spec.flags & SIGN)
				num = (signed char)va_arg(args, int);
			else
				num = (unsigned char)va_arg(args, int);
			break;
		case 'h':
			if (spec.flags & SIGN)
				num = (short)va_arg(args, int);
			else
				num = (unsigned short)va_arg(args, int);
			break;
		default:
			if (spec.flags & SIGN)
				num = va_arg(args, int);
			else
				num = va_arg(args, unsigned int);
			break;
		}
		number(&o, num, spec);
	}

out:
	if (size > 0)
		buf[o.pos < size ? o.pos : size - 1] = '\0';
	/* the terminating NUL does not count */
	return (int)o.pos;
}

int vscnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	int i = vsnprintf(buf, size, fmt, args);

	if (likely((size_t)i < size))
		return i;
	if (size != 0)
		return size - 1;
	return 0;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list args;
	int i;

	va_start(args, fmt);
	i = vsnprintf(buf, size, fmt, args);
	va_end(args);
	return i;
}

int scnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list args;
	int i;

	va_start(args, fmt);
	i = vscnprintf(buf, size, fmt, args);
	va_end(args);
	return i;
}

/* Unbounded, as in Linux: the caller promises the buffer is big enough. */
int vsprintf(char *buf, const char *fmt, va_list args)
{
	return vsnprintf(buf, INT_MAX, fmt, args);
}

int sprintf(char *buf, const char *fmt, ...)
{
	va_list args;
	int i;

	va_start(args, fmt);
	i = vsnprintf(buf, INT_MAX, fmt, args);
	va_end(args);
	return i;
}

/* kasprintf: a kmalloc()ed string, attributed to the caller's line. */
char *__kern_kvasprintf(gfp_t gfp, const char *file, int line, const char *func, const char *fmt,
			va_list args)
{
	va_list aq;
	int len;
	char *p;

	va_copy(aq, args);
	len = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	p = host_kmalloc(len + 1, gfp, file, line, func);
	if (!p)
		return NULL;
	vsnprintf(p, len + 1, fmt, args);
	return p;
}

char *__kern_kasprintf(gfp_t gfp, const char *file, int line, const char *func, const char *fmt, ...)
{
	va_list args;
	char *p;

	va_start(args, fmt);
	p = __kern_kvasprintf(gfp, file, line, func, fmt, args);
	va_end(args);
	return p;
}

char *(kvasprintf)(gfp_t gfp, const char *fmt, va_list args)
{
	return __kern_kvasprintf(gfp, __FILE__, __LINE__, "kvasprintf", fmt, args);
}

char *(kasprintf)(gfp_t gfp, const char *fmt, ...)
{
	va_list args;
	char *p;

	va_start(args, fmt);
	p = __kern_kvasprintf(gfp, __FILE__, __LINE__, "kasprintf", fmt, args);
	va_end(args);
	return p;
}
