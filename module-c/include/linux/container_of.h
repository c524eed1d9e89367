/* <linux/container_of.h> */
#ifndef _LINUX_CONTAINER_OF_H
#define _LINUX_CONTAINER_OF_H

#include <linux/build_bug.h>
#include <linux/stddef.h>

/* The struct `type` whose `member` ptr points to; the static assertion
 * catches a ptr of the wrong type, as in Linux. */
#define container_of(ptr, type, member)                                                   \
	({                                                                                \
		void *__mptr = (void *)(ptr);                                             \
		_Static_assert(__same_type(*(ptr), ((type *)0)->member) ||                \
				       __same_type(*(ptr), void),                         \
			       "pointer type mismatch in container_of()");                \
		((type *)((char *)__mptr - offsetof(type, member)));                      \
	})

#define container_of_const(ptr, type, member) container_of(ptr, type, member)

#endif
