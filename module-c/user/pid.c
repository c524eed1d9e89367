/* getpid() and getppid() for user programs: the emulated process's ids (host imports
 * msgslot.getpid / msgslot.getppid). A child whose parent has exited sees 1, as on Linux. */
#include <unistd.h>

__attribute__((import_module("msgslot"), import_name("getpid")))
int __msgslot_getpid(void);

__attribute__((import_module("msgslot"), import_name("getppid")))
int __msgslot_getppid(void);

pid_t getpid(void)
{
	return __msgslot_getpid();
}

pid_t getppid(void)
{
	return __msgslot_getppid();
}
