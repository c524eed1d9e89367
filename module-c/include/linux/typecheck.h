/* <linux/typecheck.h> - warn (distinct pointer types) unless x has type `type`. */
#ifndef TYPECHECK_H_INCLUDED
#define TYPECHECK_H_INCLUDED

#define typecheck(type, x)                              \
	({                                              \
		type __dummy;                           \
		__typeof__(x) __dummy2;                 \
		(void)(&__dummy == &__dummy2);          \
		1;                                      \
	})

#define typecheck_fn(type, function)                    \
	({                                              \
		__typeof__(type) __tmp = function;      \
		(void)__tmp;                            \
	})

#endif
