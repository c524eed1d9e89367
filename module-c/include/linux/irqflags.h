/* <linux/irqflags.h> - no interrupts on the emulated CPU. */
#ifndef _LINUX_TRACE_IRQFLAGS_H
#define _LINUX_TRACE_IRQFLAGS_H
#define local_irq_enable() do { } while (0)
#define local_irq_disable() do { } while (0)
#define local_irq_save(flags) do { (flags) = 0; } while (0)
#define local_irq_restore(flags) do { (void)(flags); } while (0)
#define local_save_flags(flags) do { (flags) = 0; } while (0)
#define irqs_disabled_flags(flags) ((void)(flags), 0)
#endif
