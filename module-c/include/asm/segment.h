/* <asm/segment.h> - x86 segment selectors; nothing a module uses. */
#ifndef _ASM_SEGMENT_H
#define _ASM_SEGMENT_H
#define __KERNEL_CS 0x10
#define __KERNEL_DS 0x18
#define __USER_DS 0x2b
#define __USER_CS 0x33
#endif
