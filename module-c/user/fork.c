/* fork(), wait() and waitpid() for user programs, through the host imports msgslot.fork and
 * msgslot.wait4 (src/wasi/imports.ts). A program that calls fork is asyncified when it is built
 * (src/toolchain/asyncify.ts): at fork, wait and sleep the host unwinds the program's wasm stack
 * into unwind_area below, copies the memory into the child, and rewinds both.
 *
 * Host contract:
 *   msgslot.fork(area: i32, size: i32) -> i32   the child's pid in the parent, 0 in the child,
 *                                                or -errno (EAGAIN past the process limit)
 *   msgslot.wait4(pid: i32, options: i32, status: i32) -> i32
 *                                                the reaped child's pid (its status word stored
 *                                                at `status`), 0 (WNOHANG, none dead yet) or -errno
 * Errnos are wasi-libc's numbers (strerror.c). */
#include <errno.h>
#include <sys/wait.h>
#include <unistd.h>

/* Where the host saves the call stack while a process is switched out: the frames from _start
 * down to fork/wait/sleep, a few hundred bytes for a typical tester. */
#define UNWIND_AREA_SIZE 65536
static _Alignas(16) unsigned char unwind_area[UNWIND_AREA_SIZE];

__attribute__((import_module("msgslot"), import_name("fork")))
int __msgslot_fork(void *area, unsigned int size);

__attribute__((import_module("msgslot"), import_name("wait4")))
int __msgslot_wait4(int pid, int options, int *status);

pid_t fork(void)
{
	int r = __msgslot_fork(unwind_area, sizeof unwind_area);
	if (r < 0) {
		errno = -r;
		return -1;
	}
	return r;
}

pid_t waitpid(pid_t pid, int *wstatus, int options)
{
	int status = 0;
	int r = __msgslot_wait4(pid, options, &status);
	if (r < 0) {
		errno = -r;
		return -1;
	}
	if (r > 0 && wstatus)
		*wstatus = status;
	return r;
}

pid_t wait(int *wstatus)
{
	return waitpid(-1, wstatus, 0);
}
