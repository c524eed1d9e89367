/* <asm/uaccess.h> - older modules include this one; it is <linux/uaccess.h>. */
#include <linux/uaccess.h>
