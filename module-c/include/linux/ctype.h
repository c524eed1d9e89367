/* <linux/ctype.h> - ASCII character classes (Linux's table treats 0xa0-0xff
 * as Latin-1; the ASCII answers are the same). */
#ifndef _LINUX_CTYPE_H
#define _LINUX_CTYPE_H

static inline int isdigit(int c)
{
	return c >= '0' && c <= '9';
}
static inline int isupper(int c)
{
	return c >= 'A' && c <= 'Z';
}
static inline int islower(int c)
{
	return c >= 'a' && c <= 'z';
}
static inline int isalpha(int c)
{
	return isupper(c) || islower(c);
}
static inline int isalnum(int c)
{
	return isalpha(c) || isdigit(c);
}
static inline int isxdigit(int c)
{
	return isdigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
static inline int isspace(int c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}
static inline int iscntrl(int c)
{
	return (c >= 0 && c < 32) || c == 127;
}
static inline int isprint(int c)
{
	return c >= 32 && c < 127;
}
static inline int isgraph(int c)
{
	return c > 32 && c < 127;
}
static inline int ispunct(int c)
{
	return isgraph(c) && !isalnum(c);
}
static inline int isascii(int c)
{
	return (unsigned int)c <= 127;
}
static inline int toascii(int c)
{
	return c & 0x7f;
}
static inline unsigned char __tolower(unsigned char c)
{
	return isupper(c) ? c - 'A' + 'a' : c;
}
static inline unsigned char __toupper(unsigned char c)
{
	return islower(c) ? c - 'a' + 'A' : c;
}
#define tolower(c) __tolower(c)
#define toupper(c) __toupper(c)
/* Lower-cases an ASCII letter; garbage for other characters, as in Linux. */
static inline char _tolower(const char c)
{
	return c | 0x20;
}
static inline int isodigit(const char c)
{
	return c >= '0' && c <= '7';
}

#endif
