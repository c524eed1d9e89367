/* <linux/param.h> for user programs (include/uapi/asm-generic/param.h on x86-64). */
#ifndef _LINUX_PARAM_H
#define _LINUX_PARAM_H
#define HZ 100
#define EXEC_PAGESIZE 4096
#define NOGROUP (-1)
#define MAXHOSTNAMELEN 64
#endif
