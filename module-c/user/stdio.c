/* stdout's buffering decided before main, as glibc decides it: line-buffered on a terminal,
 * fully buffered on anything else (a pipe or a file: how a grader, or the oracle's `>file`,
 * captures a tester). wasi-libc's stdio (musl) looks only at its first write, after writing that
 * first line, so a program that prints one line and forks would print it once here and twice on
 * Linux (the child inherits the unwritten buffer).
 *
 * Host import: msgslot.isatty(fd) -> 1 for a terminal, else 0 (src/wasi/imports.ts; the host knows
 * whether stdout is one: RunRequest.terminal). It is asked rather than wasi-libc's isatty(), whose
 * fdstat buffer would land on the C stack where main's locals go next: a program that reads an
 * uninitialized local must see what it saw before this constructor existed. */
#include <stdio.h>

__attribute__((import_module("msgslot"), import_name("isatty")))
int __msgslot_isatty(int fd);

__attribute__((constructor)) static void stdout_buffering(void)
{
	if (!__msgslot_isatty(1))
		setvbuf(stdout, NULL, _IOFBF, BUFSIZ);
}
