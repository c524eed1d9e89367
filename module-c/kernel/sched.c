/*
 * sched.c - `current`: one task_struct, refreshed from the host (the pid
 * and comm of the process whose system call is running) on every use.
 * Every process runs as root.
 */
#include <linux/sched.h>
#include <linux/cred.h>
#include "libkern.h"

struct user_namespace {
	int level;
};
struct user_namespace init_user_ns;

static const struct cred root_cred = {
	.user_ns = &init_user_ns,
};

static struct task_struct task = {
	.cred = &root_cred,
	.real_cred = &root_cred,
};

struct task_struct *get_current(void)
{
	task.pid = host_current_pid();
	task.tgid = task.pid;
	host_current_comm(task.comm, sizeof(task.comm));
	return &task;
}

/*
 * might_sleep(), msleep(), schedule(): nothing else runs while one task
 * waits, so there is nothing to do. Out of line on purpose: the race
 * explorer (src/toolchain/race-build.ts) preempts the caller here.
 */
void __kern_might_sleep(void)
{
}
