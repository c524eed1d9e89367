/* <asm/bitsperlong.h> - LP64, as x86-64: long and pointers are 64 bits (the module is wasm64). */
#ifndef __ASM_BITSPERLONG_H
#define __ASM_BITSPERLONG_H
#define BITS_PER_LONG 64
#define __BITS_PER_LONG 64
#define BITS_PER_LONG_LONG 64
#endif
