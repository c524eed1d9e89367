/* abort() and assert() as a program built with glibc shows them on Linux: assert's message in
 * glibc's words (__assert_fail in assert/assert.c: "PROG: FILE:LINE: FUNC: Assertion `EXPR'
 * failed.") on stderr, then SIGABRT, so the shell reports "Aborted" and status 134. wasi-libc's
 * abort() is a wasm trap, which msgslot would report as SIGSEGV; its assert message is musl's.
 * Like glibc's since 2.27, abort() does not flush stdio: buffered output is lost, as on Linux. */
#include <stdio.h>
#include <string.h>
#include <wasi/api.h>

#define SIGABRT 6 /* the same number in WASI's signal enum and on x86-64 Linux */

__attribute__((import_module("wasi_snapshot_preview1"), import_name("proc_raise")))
int __msgslot_proc_raise(int sig);

_Noreturn void abort(void)
{
	__msgslot_proc_raise(SIGABRT);
	__builtin_trap();
}

/* glibc's __progname: argv[0] without its directories */
static const char *progname(void)
{
	static char name[256];
	__wasi_size_t argc, size;
	if (__wasi_args_sizes_get(&argc, &size) != 0 || argc == 0 || size > 4096)
		return "";
	char buf[size];
	char *argv[argc];
	if (__wasi_args_get((uint8_t **)argv, (uint8_t *)buf) != 0)
		return "";
	const char *slash = strrchr(argv[0], '/');
	strncpy(name, slash ? slash + 1 : argv[0], sizeof name - 1);
	return name;
}

_Noreturn void __assert_fail(const char *expr, const char *file, int line, const char *func)
{
	const char *prog = progname();
	fprintf(stderr, "%s%s%s:%u: %s%sAssertion `%s' failed.\n", prog, *prog ? ": " : "", file,
		(unsigned)line, func ? func : "", func ? ": " : "", expr);
	abort();
}
