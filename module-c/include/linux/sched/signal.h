/* <linux/sched/signal.h> - signal_pending() and friends live in <linux/sched.h>. */
#include <linux/sched.h>
