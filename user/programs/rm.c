/* rm FILE...: removes each file, or empty directory that no process has open or as its
 * working directory (remove's rules). One that cannot be removed is named ("rm: NAME:
 * cannot remove") and makes the exit status 1; the others are still removed. */
#include "tool.h"

int main(int argc, char **argv)
{
	tool_args(argc, argv, 1, -1, "rm FILE...");
	int status = 0;
	for (int i = 1; i < argc; i++) {
		if (!remove(argv[i])) {
			printf("rm: %s: cannot remove\n", argv[i]);
			status = 1;
		}
	}
	return status;
}
