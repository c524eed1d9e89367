/* <linux/time.h> */
#ifndef _LINUX_TIME_H
#define _LINUX_TIME_H
#include <linux/jiffies.h>
#include <linux/ktime.h>
#endif
