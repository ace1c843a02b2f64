/* A process bigger than half of memory forks (run with mem=16M): without copy-on-write
 * the child could not get a copy. The child checks and changes a few pages; the parent
 * checks that its own are intact. */
#include <stdlib.h>

#include "check.h"

#define BYTES (10 << 20)

int main(void)
{
	unsigned char *mem = malloc(BYTES);
	CHECK(mem != NULL);
	for (int i = 0; i < BYTES; i += PAGE_SIZE)
		mem[i] = (unsigned char)(i >> 12);
	pid_t pid = fork("fork-big-child");
	if (pid == 0) {
		for (int i = 0; i < BYTES; i += PAGE_SIZE)
			CHECK(mem[i] == (unsigned char)(i >> 12));
		for (int i = 0; i < 16 * PAGE_SIZE; i += PAGE_SIZE)
			mem[i] = 0xee;
		exit(0);
	}
	CHECK(pid > 0);
	CHECK(wait(pid) == 0);
	for (int i = 0; i < BYTES; i += PAGE_SIZE)
		CHECK(mem[i] == (unsigned char)(i >> 12));
	printf("fork-big: forked a %d MiB process, each side kept its pages\n", BYTES >> 20);
	return 0;
}
