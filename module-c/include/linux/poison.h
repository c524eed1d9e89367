/* <linux/poison.h> - values stored in freed links, so a use after
 * list_del() faults at a recognisable address.
 *
 * As on x86-64 (CONFIG_ILLEGAL_POINTER_VALUE 0xdead000000000000), the
 * poison is 0x100/0x122 plus a delta that puts it outside memory: here
 * 0xdead0000, past the module's 512 MiB linear memory, so a load through
 * it traps. Plain 0x100 would be a valid address (the stack) in wasm. */
#ifndef _LINUX_POISON_H
#define _LINUX_POISON_H
#define POISON_POINTER_DELTA 0xdead0000UL
#define LIST_POISON1 ((void *)(0x100 + POISON_POINTER_DELTA))
#define LIST_POISON2 ((void *)(0x122 + POISON_POINTER_DELTA))
#define POISON_INUSE 0x5a
#define POISON_FREE 0x6b
#define POISON_END 0xa5
#endif
