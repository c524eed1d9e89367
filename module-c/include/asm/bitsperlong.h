/* <asm/bitsperlong.h> - wasm32: long and pointers are 32 bits. */
#ifndef __ASM_BITSPERLONG_H
#define __ASM_BITSPERLONG_H
#define BITS_PER_LONG 32
#define __BITS_PER_LONG 32
#define BITS_PER_LONG_LONG 64
#endif
