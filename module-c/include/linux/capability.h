/* <linux/capability.h> - the caller is root: every capability check passes. */
#ifndef _LINUX_CAPABILITY_H
#define _LINUX_CAPABILITY_H

#include <linux/types.h>

#define CAP_CHOWN 0
#define CAP_DAC_OVERRIDE 1
#define CAP_DAC_READ_SEARCH 2
#define CAP_FOWNER 3
#define CAP_KILL 5
#define CAP_SETGID 6
#define CAP_SETUID 7
#define CAP_NET_ADMIN 12
#define CAP_SYS_MODULE 16
#define CAP_SYS_RAWIO 17
#define CAP_SYS_ADMIN 21
#define CAP_SYS_RESOURCE 24
#define CAP_MKNOD 27
#define CAP_SYSLOG 34

static inline bool capable(int cap)
{
	(void)cap;
	return true;
}
#define ns_capable(ns, cap) capable(cap)
#define has_capability(t, cap) capable(cap)
#define has_capability_noaudit(t, cap) capable(cap)

#endif
