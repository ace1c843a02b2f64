/* exec of a file that does not exist ends the process with -1; its parent sees -1. */
#include "check.h"

int main(void)
{
	pid_t pid = fork("exec-missing-child");
	if (pid == 0) {
		exec("no-such-program arg");
		printf("exec-missing: FAILED: exec returned\n");
		exit(0);
	}
	CHECK(wait(pid) == -1);
	printf("exec-missing: the child ended with -1\n");
	return 0;
}
