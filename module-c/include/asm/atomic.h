/* <asm/atomic.h> - x86's atomics: <linux/atomic.h>. */
#ifndef _ASM_ATOMIC_H
#define _ASM_ATOMIC_H
#include <linux/atomic.h>
#endif
