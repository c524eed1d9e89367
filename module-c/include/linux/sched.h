/* <linux/sched.h> - the current task. `current` is refreshed from the host
 * (pid and comm of the process in the system call) on every use. Nothing
 * sleeps or is preempted on the emulated CPU. */
#ifndef _LINUX_SCHED_H
#define _LINUX_SCHED_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/uidgid.h>
#include <linux/jiffies.h>
#include <linux/preempt.h>

#define TASK_COMM_LEN 16

#define TASK_RUNNING 0x0000
#define TASK_INTERRUPTIBLE 0x0001
#define TASK_UNINTERRUPTIBLE 0x0002
#define TASK_KILLABLE (0x0100 | TASK_UNINTERRUPTIBLE)
#define TASK_NORMAL (TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE)

struct cred;

struct task_struct {
	unsigned int __state;
	int prio;
	pid_t pid;
	pid_t tgid;
	const struct cred *real_cred;
	const struct cred *cred;
	char comm[TASK_COMM_LEN];
};

struct task_struct *get_current(void);
#define current get_current()

static inline pid_t task_pid_nr(struct task_struct *tsk)
{
	return tsk->pid;
}
static inline pid_t task_tgid_nr(struct task_struct *tsk)
{
	return tsk->tgid;
}
static inline pid_t task_pid_vnr(struct task_struct *tsk)
{
	return tsk->pid;
}
static inline pid_t task_tgid_vnr(struct task_struct *tsk)
{
	return tsk->tgid;
}
#define get_task_comm(buf, tsk) ({ __builtin_strncpy((buf), (tsk)->comm, sizeof(buf)); (buf)[sizeof(buf) - 1] = 0; (buf); })

#define set_current_state(state) do { (void)(state); } while (0)
#define __set_current_state(state) do { (void)(state); } while (0)

static inline int signal_pending(struct task_struct *p)
{
	(void)p;
	return 0;
}
static inline int fatal_signal_pending(struct task_struct *p)
{
	(void)p;
	return 0;
}
void __kern_might_sleep(void);
static inline void schedule(void)
{
	__kern_might_sleep();
}
/* Returns the jiffies left: the timeout "expires" at once. */
static inline long schedule_timeout(long timeout)
{
	__kern_might_sleep();
	(void)timeout;
	return 0;
}
#define schedule_timeout_interruptible(t) schedule_timeout(t)
#define schedule_timeout_uninterruptible(t) schedule_timeout(t)
#define schedule_timeout_killable(t) schedule_timeout(t)
static inline int cond_resched(void)
{
	__kern_might_sleep();
	return 0;
}
static inline void yield(void)
{
	__kern_might_sleep();
}

#endif
