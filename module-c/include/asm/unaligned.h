/* <asm/unaligned.h> - unaligned accesses (x86-64 allows them): get/put_unaligned. */
#ifndef _ASM_UNALIGNED_H
#define _ASM_UNALIGNED_H
#include <linux/types.h>
#define get_unaligned(ptr) ({ __typeof__(*(ptr)) __v; __builtin_memcpy(&__v, (ptr), sizeof(__v)); __v; })
#define put_unaligned(val, ptr) do { __typeof__(*(ptr)) __v = (val); __builtin_memcpy((ptr), &__v, sizeof(__v)); } while (0)
#endif
