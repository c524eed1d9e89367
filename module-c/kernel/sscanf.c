/*
 * sscanf.c - lib/vsprintf.c's vsscanf(): %d %i %u %x %X %o %c %s %n %%,
 * '*' to skip an assignment, field widths and the h hh l ll L z t length
 * modifiers. Returns the number of assignments made (0 or more; no EOF).
 */
#include <linux/kernel.h>
#include <linux/ctype.h>
#include "libkern.h"

static int scan_digit(char c, unsigned int base)
{
	int v;

	if (isdigit(c))
		v = c - '0';
	else if (isxdigit(c))
		v = _tolower(c) - 'a' + 10;
	else
		return -1;
	return v < (int)base ? v : -1;
}

static void store(va_list *args, char qualifier, bool is_sign, unsigned long long val)
{
	switch (qualifier) {
	case 'H':
		if (is_sign)
			*va_arg(*args, signed char *) = val;
		else
			*va_arg(*args, unsigned char *) = val;
		break;
	case 'h':
		if (is_sign)
			*va_arg(*args, short *) = val;
		else
			*va_arg(*args, unsigned short *) = val;
		break;
	case 'l':
		if (is_sign)
			*va_arg(*args, long *) = val;
		else
			*va_arg(*args, unsigned long *) = val;
		break;
	case 'L':
		if (is_sign)
			*va_arg(*args, long long *) = val;
		else
			*va_arg(*args, unsigned long long *) = val;
		break;
	case 'z':
	case 't':
		*va_arg(*args, size_t *) = val;
		break;
	default:
		if (is_sign)
			*va_arg(*args, int *) = val;
		else
			*va_arg(*args, unsigned int *) = val;
		break;
	}
}

int vsscanf(const char *buf, const char *fmt, va_list ap)
{
	const char *str = buf;
	int num = 0;
	va_list args;

	va_copy(args, ap);
	while (*fmt) {
		int field_width = -1;
		char qualifier = 0;
		unsigned int base = 10;
		bool is_sign = false, skip = false;

		/* whitespace in the format matches any amount, including none */
		if (isspace(*fmt)) {
			while (isspace(*fmt))
				fmt++;
			while (isspace(*str))
				str++;
			continue;
		}
		if (*fmt != '%' || fmt[1] == '%') {
			if (*fmt == '%')
				fmt++;
			if (*fmt++ != *str++)
				break;
			continue;
		}
		fmt++;
		if (*fmt == '*') {
			skip = true;
			fmt++;
		}
		if (isdigit(*fmt)) {
			field_width = 0;
			while (isdigit(*fmt))
				field_width = field_width * 10 + (*fmt++ - '0');
			if (field_width <= 0)
				break;
		}
		if (*fmt == 'h' || _tolower(*fmt) == 'l' || *fmt == 'z' || *fmt == 't') {
			qualifier = *fmt++;
			if (qualifier == *fmt && (qualifier == 'h' || qualifier == 'l')) {
				qualifier = qualifier == 'h' ? 'H' : 'L';
				fmt++;
			}
		}
		if (!*fmt)
			break;

		switch (*fmt++) {
		case 'n':
			if (!skip)
				*va_arg(args, int *) = str - buf;
			continue;
		case 'c': {
			char *s = skip ? NULL : va_arg(args, char *);

			if (field_width == -1)
				field_width = 1;
			if (!*str)
				goto out;
			while (field_width-- > 0 && *str) {
				if (s)
					*s++ = *str;
				str++;
			}
			if (!skip)
				num++;
			continue;
		}
		case 's': {
			char *s = skip ? NULL : va_arg(args, char *);

			while (isspace(*str))
				str++;
			if (!*str)
				goto out;
			while (*str && !isspace(*str) && field_width-- != 0) {
				if (s)
					*s++ = *str;
				str++;
			}
			if (s)
				*s = '\0';
			if (!skip)
				num++;
			continue;
		}
		case 'o':
			base = 8;
			break;
		case 'x':
		case 'X':
			base = 16;
			break;
		case 'i':
			base = 0;
			fallthrough;
		case 'd':
			is_sign = true;
			break;
		case 'u':
			break;
		default:
			goto out;
		}

		/* an integer */
		{
			unsigned long long val = 0;
			bool neg = false;
			int digits = 0;

			while (isspace(*str))
				str++;
			if ((*str == '-' || *str == '+') && field_width != 1) {
				neg = *str == '-';
				str++;
				if (field_width > 0)
					field_width--;
			}
			if (base == 0 || base == 16) {
				if (str[0] == '0' && _tolower(str[1]) == 'x' && scan_digit(str[2], 16) >= 0 &&
				    (field_width < 0 || field_width > 2)) {
					base = 16;
					str += 2;
					if (field_width > 0)
						field_width -= 2;
				} else if (base == 0) {
					base = str[0] == '0' ? 8 : 10;
				}
			}
			while (field_width != 0 && scan_digit(*str, base) >= 0) {
				val = val * base + scan_digit(*str, base);
				str++;
				digits++;
				if (field_width > 0)
					field_width--;
			}
			if (!digits)
				goto out;
			if (neg)
				val = -val;
			if (!skip) {
				store(&args, qualifier, is_sign, val);
				num++;
			}
		}
	}
out:
	va_end(args);
	return num;
}

int sscanf(const char *buf, const char *fmt, ...)
{
	va_list args;
	int i;

	va_start(args, fmt);
	i = vsscanf(buf, fmt, args);
	va_end(args);
	return i;
}
