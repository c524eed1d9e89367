/* <uapi/linux/errno.h> */
#include <asm/errno.h>
