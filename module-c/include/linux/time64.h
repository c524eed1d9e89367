/* <linux/time64.h> */
#include <linux/ktime.h>
