/* <linux/interrupt.h> - interrupts: a character-device module without hardware needs none; the
 * request/free signatures are declared (no IRQ exists here). */
#ifndef _LINUX_INTERRUPT_H
#define _LINUX_INTERRUPT_H
#include <linux/types.h>
#include <linux/irqflags.h>
#include <linux/bottom_half.h>
typedef int irqreturn_t;
#define IRQ_NONE	(0)
#define IRQ_HANDLED	(1)
#define IRQ_WAKE_THREAD	(2)
#define IRQF_SHARED	0x00000080
typedef irqreturn_t (*irq_handler_t)(int, void *);
extern int request_irq(unsigned int irq, irq_handler_t handler, unsigned long flags, const char *name, void *dev);
extern const void *free_irq(unsigned int, void *);
extern void disable_irq(unsigned int irq);
extern void enable_irq(unsigned int irq);
#endif
