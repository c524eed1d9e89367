/*
 * kstrtox.c - lib/kstrtox.c: string to integer. kstrto*() take the whole
 * string: an optional sign ('-' only for signed types), digits in base
 * (0: "0x" hex, "0" octal, else decimal; 16 also accepts "0x"), and at
 * most one trailing newline. 0, -EINVAL or -ERANGE.
 */
#include <linux/kernel.h>
#include <linux/ctype.h>
#include <linux/uaccess.h>
#include "libkern.h"

/* Base detection: skips a "0x" prefix when it applies. */
static const char *parse_base(const char *s, unsigned int *base)
{
	if (*base == 0) {
		if (s[0] == '0') {
			if (_tolower(s[1]) == 'x' && isxdigit(s[2]))
				*base = 16;
			else
				*base = 8;
		} else {
			*base = 10;
		}
	}
	if (*base == 16 && s[0] == '0' && _tolower(s[1]) == 'x')
		s += 2;
	return s;
}

static int digit_value(char c)
{
	if (isdigit(c))
		return c - '0';
	c = _tolower(c);
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	return 99;
}

/* Parses digits into *res; returns how many were used, with bit 31 set
 * on overflow. No 64-bit multiply-overflow builtin (that needs a libcall). */
#define KSTRTOX_OVERFLOW (1U << 31)
static unsigned int parse_integer(const char *s, unsigned int base, unsigned long long *p)
{
	unsigned long long res = 0;
	unsigned int rv = 0;

	for (;; s++, rv++) {
		int val = digit_value(*s);

		if (val >= (int)base)
			break;
		if (res > (~0ULL - val) / base)
			rv |= KSTRTOX_OVERFLOW;
		res = res * base + val;
	}
	*p = res;
	return rv;
}

static int _kstrtoull(const char *s, unsigned int base, unsigned long long *res)
{
	unsigned long long result;
	unsigned int rv;

	s = parse_base(s, &base);
	rv = parse_integer(s, base, &result);
	if (rv & KSTRTOX_OVERFLOW)
		return -ERANGE;
	if (rv == 0)
		return -EINVAL;
	s += rv;
	if (*s == '\n')
		s++;
	if (*s)
		return -EINVAL;
	*res = result;
	return 0;
}

int kstrtoull(const char *s, unsigned int base, unsigned long long *res)
{
	if (s[0] == '+')
		s++;
	return _kstrtoull(s, base, res);
}

int kstrtoll(const char *s, unsigned int base, long long *res)
{
	unsigned long long tmp;
	int rv;

	if (s[0] == '-') {
		rv = _kstrtoull(s + 1, base, &tmp);
		if (rv < 0)
			return rv;
		if ((long long)-tmp > 0)
			return -ERANGE;
		*res = -tmp;
	} else {
		rv = kstrtoull(s, base, &tmp);
		if (rv < 0)
			return rv;
		if ((long long)tmp < 0)
			return -ERANGE;
		*res = tmp;
	}
	return 0;
}

/* The narrower types: parse wide, then check the range. */
#define KSTRTO_UNSIGNED(name, type)                                             \
	int name(const char *s, unsigned int base, type *res)                   \
	{                                                                       \
		unsigned long long tmp;                                         \
		int rv = kstrtoull(s, base, &tmp);                              \
		if (rv < 0)                                                     \
			return rv;                                              \
		if (tmp != (type)tmp)                                           \
			return -ERANGE;                                         \
		*res = tmp;                                                     \
		return 0;                                                       \
	}
#define KSTRTO_SIGNED(name, type)                                               \
	int name(const char *s, unsigned int base, type *res)                   \
	{                                                                       \
		long long tmp;                                                  \
		int rv = kstrtoll(s, base, &tmp);                               \
		if (rv < 0)                                                     \
			return rv;                                              \
		if (tmp != (type)tmp)                                           \
			return -ERANGE;                                         \
		*res = tmp;                                                     \
		return 0;                                                       \
	}
KSTRTO_UNSIGNED(kstrtoul, unsigned long)
KSTRTO_SIGNED(kstrtol, long)
KSTRTO_UNSIGNED(kstrtouint, unsigned int)
KSTRTO_SIGNED(kstrtoint, int)
KSTRTO_UNSIGNED(kstrtou16, u16)
KSTRTO_SIGNED(kstrtos16, s16)
KSTRTO_UNSIGNED(kstrtou8, u8)
KSTRTO_SIGNED(kstrtos8, s8)

/* y/Y/1/on -> true; n/N/0/off -> false. */
int kstrtobool(const char *s, bool *res)
{
	if (!s)
		return -EINVAL;
	switch (s[0]) {
	case 'y':
	case 'Y':
	case '1':
		*res = true;
		return 0;
	case 'n':
	case 'N':
	case '0':
		*res = false;
		return 0;
	case 'o':
	case 'O':
		switch (s[1]) {
		case 'n':
		case 'N':
			*res = true;
			return 0;
		case 'f':
		case 'F':
			*res = false;
			return 0;
		}
		break;
	}
	return -EINVAL;
}

/* The _from_user forms copy at most 63 characters first. */
#define KSTRTO_FROM_USER(name, f, type)                                                         \
	int name(const char __user *s, size_t count, unsigned int base, type *res)              \
	{                                                                                       \
		char buf[64];                                                                   \
		count = count < sizeof(buf) - 1 ? count : sizeof(buf) - 1;                      \
		if (host_copy_from_user(buf, s, count))                                         \
			return -EFAULT;                                                         \
		buf[count] = '\0';                                                              \
		return f(buf, base, res);                                                       \
	}
KSTRTO_FROM_USER(kstrtoull_from_user, kstrtoull, unsigned long long)
KSTRTO_FROM_USER(kstrtoll_from_user, kstrtoll, long long)
KSTRTO_FROM_USER(kstrtoul_from_user, kstrtoul, unsigned long)
KSTRTO_FROM_USER(kstrtol_from_user, kstrtol, long)
KSTRTO_FROM_USER(kstrtouint_from_user, kstrtouint, unsigned int)
KSTRTO_FROM_USER(kstrtoint_from_user, kstrtoint, int)

/* simple_strto*: parse as far as the digits go; no error reporting. */
unsigned long long simple_strtoull(const char *cp, char **endp, unsigned int base)
{
	unsigned long long result;
	unsigned int rv;

	cp = parse_base(cp, &base);
	rv = parse_integer(cp, base, &result) & ~KSTRTOX_OVERFLOW;
	cp += rv;
	if (endp)
		*endp = (char *)cp;
	return result;
}

long long simple_strtoll(const char *cp, char **endp, unsigned int base)
{
	if (*cp == '-')
		return -simple_strtoull(cp + 1, endp, base);
	return simple_strtoull(cp, endp, base);
}

unsigned long simple_strtoul(const char *cp, char **endp, unsigned int base)
{
	return simple_strtoull(cp, endp, base);
}

long simple_strtol(const char *cp, char **endp, unsigned int base)
{
	return simple_strtoll(cp, endp, base);
}
