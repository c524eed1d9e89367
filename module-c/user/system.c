/* system() for user programs: the command line runs in msgslot's shell on the same machine (its
 * insmod, mknod, rm, ./programs...), as `sh -c` would on Linux, and the result is a wait status
 * of that shell: its exit status in bits 8-15 (WEXITSTATUS). system(NULL) says a shell exists.
 * Host import: msgslot.system(command) -> the shell's exit status, 0..255. Like glibc, stdio
 * buffers are not flushed first. */
#include <stdlib.h>

__attribute__((import_module("msgslot"), import_name("system")))
int __msgslot_system(const char *command);

int system(const char *command)
{
	if (!command)
		return 1;
	return (__msgslot_system(command) & 0xff) << 8;
}
