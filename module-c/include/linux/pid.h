/* <linux/pid.h> - struct pid and its lookups (Linux 6.1's signatures), declared only. */
#ifndef _LINUX_PID_H
#define _LINUX_PID_H
#include <linux/types.h>
#include <linux/rculist.h>
enum pid_type { PIDTYPE_PID, PIDTYPE_TGID, PIDTYPE_PGID, PIDTYPE_SID, PIDTYPE_MAX };
struct pid;
struct task_struct;
extern void put_pid(struct pid *pid);
extern struct task_struct *pid_task(struct pid *pid, enum pid_type);
extern struct task_struct *get_pid_task(struct pid *pid, enum pid_type);
extern struct pid *find_get_pid(int nr);
extern struct pid *find_vpid(int nr);
extern pid_t pid_vnr(struct pid *pid);
#endif
