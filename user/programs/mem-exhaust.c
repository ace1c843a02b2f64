/* When memory and swap both run out, the faulting process is killed with -1 and the
 * system keeps running (run with mem=4M and the 16 MiB swap disk): a child touching
 * 24 MiB dies; the parent then uses memory again, and the hog's swap slots are free. */
#include <stdlib.h>

#include "check.h"

#define BYTES (24 << 20)

int main(void)
{
	pid_t pid = fork("hog");
	if (pid == 0) {
		char *p = malloc(BYTES);
		CHECK(p != NULL); /* address space is there; frames are not */
		for (int i = 0; i < BYTES; i += PAGE_SIZE)
			p[i] = 1;
		printf("mem-exhaust: FAILED: 24 MiB fit in 4 + 16\n");
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
