/* Nested fork/exec/wait: each level forks two children that exec this program one level
 * deeper ("fork-tree DEPTH child") and sums their statuses; a leaf returns 1. The root sees 2^depth leaves. */
#include <stdlib.h>

#include "check.h"

int main(int argc, char *argv[])
{
	int depth = argc > 1 ? atoi(argv[1]) : 3;
	if (depth == 0)
		return 1;
	int sum = 0;
	pid_t kids[2];
	for (int i = 0; i < 2; i++) {
		kids[i] = fork("fork-tree-child");
		if (kids[i] == 0) {
			char cmd[32];
			snprintf(cmd, sizeof cmd, "fork-tree %d child", depth - 1);
			exec(cmd);
		}
		CHECK(kids[i] > 0);
	}
	for (int i = 0; i < 2; i++)
		sum += wait(kids[i]);
	if (argc < 3) /* the root: children get "child" as a second argument */
		printf("fork-tree: %d leaves\n", sum);
	return sum;
}
