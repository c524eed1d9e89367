/* <asm/ioctls.h> - the generic terminal/file ioctls handled by the VFS. */
#ifndef _ASM_IOCTLS_H
#define _ASM_IOCTLS_H
#include <asm/ioctl.h>
#define TCGETS 0x5401
#define TIOCGWINSZ 0x5413
#define FIONREAD 0x541B
#define FIONBIO 0x5421
#define FIONCLEX 0x5450
#define FIOCLEX 0x5451
#define FIOASYNC 0x5452
#define FIOQSIZE 0x5460
#endif
