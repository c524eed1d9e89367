/* <linux/stddef.h> - NULL, true/false, offsetof. Spelled like clang's
 * <stddef.h>/<stdbool.h> so either may be included before or after. */
#ifndef _LINUX_STDDEF_H
#define _LINUX_STDDEF_H

#undef NULL
#define NULL ((void*)0)

#if !defined(true) && !defined(false)
enum {
	false = 0,
	true = 1
};
#endif

#ifndef offsetof
#define offsetof(t, d) __builtin_offsetof(t, d)
#endif

#define sizeof_field(TYPE, MEMBER) sizeof((((TYPE *)0)->MEMBER))
#define offsetofend(TYPE, MEMBER) (offsetof(TYPE, MEMBER) + sizeof_field(TYPE, MEMBER))

#endif
