/* <linux/percpu.h> - per-CPU variables on one CPU: plain variables. */
#ifndef _LINUX_PERCPU_H
#define _LINUX_PERCPU_H
#include <linux/smp.h>
#include <linux/preempt.h>
#define DEFINE_PER_CPU(type, name) __typeof__(type) name
#define DECLARE_PER_CPU(type, name) extern __typeof__(type) name
#define per_cpu(var, cpu) (*((void)(cpu), &(var)))
#define this_cpu_ptr(ptr) (ptr)
#define get_cpu_var(var) (*({ preempt_disable(); &(var); }))
#define put_cpu_var(var) do { (void)&(var); preempt_enable(); } while (0)
#endif
