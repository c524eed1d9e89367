/* <linux/sched/task.h> - task references: get/put_task_struct as no-ops (tasks outlive every call here). */
#ifndef _LINUX_SCHED_TASK_H
#define _LINUX_SCHED_TASK_H
#include <linux/sched.h>
#define get_task_struct(t) (t)
static inline void put_task_struct(struct task_struct *t) { (void)t; }
#endif
