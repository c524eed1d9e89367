/* wait_status: what wait, waitpid and WNOHANG report, as the status macros decode it. Three
 * children end in different ways; the parent reaps them in the order it chooses. */
#define _DEFAULT_SOURCE /* fork, usleep, makedev... under gcc -std=c11, as on the course machines */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static void report(const char *how, pid_t got, pid_t want, int status)
{
	printf("%s: %s exited=%d code=%d signaled=%d\n", how, got == want ? "the right child" : "ANOTHER child",
	       WIFEXITED(status), WEXITSTATUS(status), WIFSIGNALED(status));
}

int main(void)
{
	pid_t kids[3];
	fflush(stdout);
	for (int i = 0; i < 3; i++) {
		kids[i] = fork();
		if (kids[i] < 0) {
			perror("fork");
			return 1;
		}
		if (kids[i] == 0) {
			if (i == 0) {
				sleep(2); /* still running when the parent first looks */
				exit(0);
			}
			if (i == 1)
				exit(42);
			printf("this line is buffered and lost: ");
			_exit(7);
		}
	}
	int status = -1;
	pid_t r = waitpid(kids[0], &status, WNOHANG);
	printf("WNOHANG on a sleeping child: %d, status untouched: %d\n", (int)r, status);

	r = waitpid(kids[2], &status, 0);
	report("waitpid(third)", r, kids[2], status);
	r = waitpid(kids[1], &status, 0);
	report("waitpid(second)", r, kids[1], status);
	r = wait(&status);
	report("wait", r, kids[0], status);

	r = wait(&status);
	printf("wait with no children: %d (%s)\n", (int)r, r < 0 ? (errno == ECHILD ? "ECHILD" : "other") : "?");
	perror("wait");
	r = waitpid(kids[0], &status, 0);
	printf("waitpid of a reaped child: %d\n", (int)r);
	perror("waitpid");
	r = waitpid(-1, &status, 0x4000);
	printf("waitpid with a bad option: %d\n", (int)r);
	perror("waitpid");
	printf("getppid is my parent: %d\n", getppid() != getpid());
	return 0;
}
