/* <uapi/linux/ioctl.h> */
#include <linux/ioctl.h>
