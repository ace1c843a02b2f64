/* wait: a child's status once; -1 for a second wait, for a pid that is not a child (its
 * own, its parent's, a grandchild's) or unknown; -1 for a killed child. */
#include "check.h"

int main(int argc, char *argv[])
{
	if (argc == 2) { /* the grandchild's parent: reports its own child's pid */
		pid_t g = fork("grandchild");
		if (g == 0)
			exit(5);
		CHECK(wait(g) == 5);
		exit(g);
	}
	pid_t a = fork("child-a");
	if (a == 0)
		exit(42);
	pid_t b = fork("child-b");
	if (b == 0) {
		volatile int *null = NULL;
		return *null; /* killed: -1 */
	}
	pid_t c = fork("child-c");
	if (c == 0)
		exec("wait-rules nested");
	CHECK(a > 0 && b > 0 && c > 0);
	CHECK(wait(a) == 42);
	CHECK(wait(a) == -1);
	CHECK(wait(b) == -1);
	pid_t grandchild = wait(c);
	CHECK(grandchild > 0);
	CHECK(wait(grandchild) == -1);
	CHECK(wait(12345) == -1);
	CHECK(wait(-1) == -1);
	printf("wait-rules: every rule holds\n");
	return 0;
}
