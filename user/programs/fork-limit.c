/* The process limit: fork returns -1 once the pager's table is full, and the system goes
 * on (the parent still runs programs). The children wait for console input that never
 * comes; they end with the machine when the first process exits. */
#include "check.h"

int main(void)
{
	int children = 0;
	for (;;) {
		pid_t pid = fork("sleeper");
		if (pid == 0) {
			char c;
			read(0, &c, 1);
			exit(0);
		}
		if (pid < 0)
			break;
		children++;
		CHECK(children < 1000);
	}
	printf("fork-limit: fork failed cleanly after %d children\n", children);
	return 0;
}
