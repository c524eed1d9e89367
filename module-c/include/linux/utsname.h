/* <linux/utsname.h> - the system's name (uname): init_uts_ns, declared only. */
#ifndef _LINUX_UTSNAME_H
#define _LINUX_UTSNAME_H
#include <linux/sched.h>
struct new_utsname {
	char sysname[65];
	char nodename[65];
	char release[65];
	char version[65];
	char machine[65];
	char domainname[65];
};
extern struct new_utsname *init_utsname(void);
extern struct new_utsname *utsname(void);
#endif
