/* Processes running the same program share its read-only pages: a child that execs this
 * program again finds its code in the same frame as its parent's, while its writable
 * data page is its own. */
#include <stdlib.h>

#include "check.h"

static int data_word = 1;

int main(int argc, char *argv[])
{
	data_word++; /* the data page is loaded and written: private */
	void *code = get_phys_addr((void *)(unsigned long)main);
	void *data = get_phys_addr(&data_word);
	CHECK(code && data);
	if (argc == 3) { /* the exec'd child: compare with the parent's frames */
		CHECK(code == (void *)strtoul(argv[1], NULL, 16));
		CHECK(data != (void *)strtoul(argv[2], NULL, 16));
		printf("share-code: the child runs the parent's code frame\n");
		return 0;
	}
	pid_t pid = fork("share-code-child");
	if (pid == 0) {
		char cmd[64];
		snprintf(cmd, sizeof cmd, "share-code %lx %lx", (unsigned long)code, (unsigned long)data);
		exec(cmd);
	}
	CHECK(wait(pid) == 0);
	printf("share-code: exit\n");
	return 0;
}
