/* assert_abort [N] - a tester's assert() that fails, and abort(): glibc's message on stderr,
 * SIGABRT (status 134 in the shell), and stdout that was still buffered is lost (abort does not
 * flush stdio). With no argument, the assertion on the argument count fails; with N, a check
 * of N fails and abort() is called directly. */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>

static void check_count(int argc)
{
	assert(argc == 2 && "one argument expected");
}

int main(int argc, char *argv[])
{
	printf("flushed before the assertion\n");
	fflush(stdout);
	printf("still buffered: lost\n");
	check_count(argc);
	if (atoi(argv[1]) != 42) {
		fprintf(stderr, "assert_abort: %s is not 42\n", argv[1]);
		abort();
	}
	printf("42\n");
	return 0;
}
