/* <asm/ioctl.h> for user programs: the generic encoding, as on x86-64. */
#ifndef _ASM_IOCTL_H
#define _ASM_IOCTL_H
#include <asm-generic/ioctl.h>
#endif
