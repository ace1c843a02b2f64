/* When memory runs out, the faulting process is killed with -1 and the system keeps
 * running (run with mem=8M): a child touching 16 MiB dies; the parent then uses memory
 * again. */
#include <stdlib.h>

#include "check.h"

#define BYTES (16 << 20)

int main(void)
{
	pid_t pid = fork("hog");
	if (pid == 0) {
		char *p = malloc(BYTES);
		CHECK(p != NULL); /* address space is there; frames are not */
		for (int i = 0; i < BYTES; i += PAGE_SIZE)
			p[i] = 1;
		printf("mem-exhaust: FAILED: 16 MiB fit in 8\n");
		exit(0);
	}
	CHECK(wait(pid) == -1);
	char *q = malloc(1 << 20);
	CHECK(q != NULL);
	for (int i = 0; i < (1 << 20); i += PAGE_SIZE)
		q[i] = 2;
	printf("mem-exhaust: the hog was killed, memory is usable again\n");
	return 0;
}
