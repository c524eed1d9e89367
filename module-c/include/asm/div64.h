/* <asm/div64.h> - do_div(n, base): n /= base (n is a u64 lvalue); returns the remainder. */
#ifndef _ASM_DIV64_H
#define _ASM_DIV64_H
#include <linux/types.h>
#define do_div(n, base)                                         \
	({                                                      \
		u32 __base = (base);                            \
		u32 __rem = (u32)((u64)(n) % __base);           \
		(n) = (u64)(n) / __base;                        \
		__rem;                                          \
	})
#endif
