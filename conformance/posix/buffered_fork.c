/* buffered_fork: printf before fork without fflush. Captured in a file (a grader, the oracle),
 * stdout is fully buffered, so the child inherits the unwritten line and both print it. */
#define _DEFAULT_SOURCE /* fork under gcc -std=c11, as on the course machines */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	printf("before fork, not flushed\n");
	pid_t pid = fork();
	if (pid < 0) {
		perror("fork");
		return 1;
	}
	if (pid == 0) {
		printf("child\n");
		return 0;
	}
	wait(NULL);
	printf("parent\n");
	return 0;
}
