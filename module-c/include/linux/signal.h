/* <linux/signal.h> - signals: numbers (x86-64) and the send/kill calls, declared only. */
#ifndef _LINUX_SIGNAL_H
#define _LINUX_SIGNAL_H
#include <linux/types.h>
#include <linux/pid.h>
#ifndef SIGKILL
#define SIGHUP	1
#define SIGINT	2
#define SIGQUIT	3
#define SIGKILL	9
#define SIGUSR1	10
#define SIGSEGV	11
#define SIGUSR2	12
#define SIGPIPE	13
#define SIGTERM	15
#endif
struct task_struct;
struct pid;
extern int send_sig(int, struct task_struct *, int);
extern int kill_pid(struct pid *pid, int sig, int priv);
#endif
