/* <asm/io.h> - port and memory-mapped I/O accessors: declared (no hardware here). */
#ifndef _ASM_IO_H
#define _ASM_IO_H
#include <linux/types.h>
unsigned char inb(unsigned long port);
unsigned short inw(unsigned long port);
unsigned int inl(unsigned long port);
void outb(unsigned char value, unsigned long port);
void outw(unsigned short value, unsigned long port);
void outl(unsigned int value, unsigned long port);
#endif
