/* <linux/io.h> - I/O memory: no device memory exists here; Linux 6.1's signatures, declared only. */
#ifndef _LINUX_IO_H
#define _LINUX_IO_H
#include <linux/types.h>
#include <asm/io.h>
extern void __iomem *ioremap(resource_size_t offset, unsigned long size);
extern void iounmap(volatile void __iomem *addr);
#endif
