/* stdout's buffering decided before main, as glibc decides it: line-buffered on a terminal,
 * fully buffered on anything else (a pipe or a file: how a grader, or the oracle's `>file`,
 * captures a tester). wasi-libc's stdio (musl) looks only at its first write, after writing that
 * first line, so a program that prints one line and forks would print it once here and twice on
 * Linux (the child inherits the unwritten buffer). The host says which stdout is a terminal
 * (src/wasi/device-fd.ts, RunRequest.terminal). */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

__attribute__((constructor)) static void stdout_buffering(void)
{
	int saved = errno; /* isatty's ENOTTY must not be what main sees in errno */
	if (!isatty(STDOUT_FILENO))
		setvbuf(stdout, NULL, _IOFBF, BUFSIZ);
	errno = saved;
}
