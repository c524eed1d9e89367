/* <asm/ioctl.h> */
#include <asm-generic/ioctl.h>
