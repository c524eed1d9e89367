/* <linux/sched/types.h> - scheduling attributes (sched_setattr); nothing a module here uses. */
#ifndef _LINUX_SCHED_TYPES_H
#define _LINUX_SCHED_TYPES_H
#include <linux/types.h>
#endif
