/* dup() and dup2() for user programs (WASI has neither): the kernel's fd table gets the new fd,
 * sharing the open file, as on Linux (host imports msgslot.dup / msgslot.dup2, -errno on failure). */
#include <errno.h>
#include <unistd.h>

__attribute__((import_module("msgslot"), import_name("dup")))
int __msgslot_dup(int oldfd);

__attribute__((import_module("msgslot"), import_name("dup2")))
int __msgslot_dup2(int oldfd, int newfd);

static int result(int r)
{
	if (r < 0) {
		errno = -r;
		return -1;
	}
	return r;
}

int dup(int oldfd)
{
	return result(__msgslot_dup(oldfd));
}

int dup2(int oldfd, int newfd)
{
	return result(__msgslot_dup2(oldfd, newfd));
}
