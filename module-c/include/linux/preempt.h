/* <linux/preempt.h> - no preemption on the emulated CPU. */
#ifndef __LINUX_PREEMPT_H
#define __LINUX_PREEMPT_H
#define preempt_disable() do { } while (0)
#define preempt_enable() do { } while (0)
#define preempt_enable_no_resched() do { } while (0)
#define preempt_count() 0
#define in_interrupt() 0
#define in_irq() 0
#define in_softirq() 0
#define in_task() 1
#define in_atomic() 0
#define irqs_disabled() 0
#define smp_processor_id() 0
#define raw_smp_processor_id() 0
#define migrate_disable() do { } while (0)
#define migrate_enable() do { } while (0)
#endif
