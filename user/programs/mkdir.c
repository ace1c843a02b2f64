/* mkdir DIR...: makes each directory (its parent must exist). One that cannot be made (it
 * exists, its parent does not, a bad name) is named ("mkdir: NAME: cannot make") and
 * makes the exit status 1; the others are still made. */
#include "tool.h"

int main(int argc, char **argv)
{
	tool_args(argc, argv, 1, -1, "mkdir DIR...");
	int status = 0;
	for (int i = 1; i < argc; i++) {
		if (!mkdir(argv[i])) {
			printf("mkdir: %s: cannot make\n", argv[i]);
			status = 1;
		}
	}
	return status;
}
