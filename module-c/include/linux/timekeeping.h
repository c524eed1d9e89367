/* <linux/timekeeping.h> */
#include <linux/ktime.h>
