/* <linux/string.h> for user programs, as Linux's uapi header (include/uapi/linux/string.h):
 * it only includes the C library's <string.h>. */
#ifndef _LINUX_STRING_H_
#define _LINUX_STRING_H_
#include <string.h>
#endif
