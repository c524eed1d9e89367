/* <linux/smp.h> - one CPU: smp_processor_id() is 0. */
#ifndef _LINUX_SMP_H
#define _LINUX_SMP_H
#include <linux/types.h>
#include <linux/preempt.h>
#define smp_processor_id() 0
#define raw_smp_processor_id() 0
#define get_cpu() ({ preempt_disable(); 0; })
#define put_cpu() preempt_enable()
#endif
