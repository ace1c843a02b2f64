/* exec drops the mappings: the new program finds nothing at the old address (it is
 * killed touching it), and a forked child keeps a copy of its parent's mapping. */
#include <stdlib.h>
#include <string.h>

#include "check.h"

#define ADDR ((char *)0x10000000)

int main(int argc, char *argv[])
{
	if (argc == 2) { /* after exec: the mapping must be gone */
		printf("mmap-exec: after exec, touching %s\n", argv[1]);
		volatile char *p = (volatile char *)strtoul(argv[1], NULL, 16);
		return *p;
	}
	CHECK(create("inherit.txt", 0));
	int fd = open("inherit.txt");
	CHECK(fd >= 2 && write(fd, "inherited", 9) == 9);
	CHECK(mmap(ADDR, 9, 0, fd, 0) == ADDR);
	pid_t pid = fork("mmap-exec-child");
	if (pid == 0) {
		CHECK(memcmp(ADDR, "inherited", 9) == 0);
		exec("mmap-exec 10000000");
	}
	CHECK(wait(pid) == -1);
	CHECK(memcmp(ADDR, "inherited", 9) == 0);
	printf("mmap-exec: the child saw the mapping, its exec dropped it\n");
	return 0;
}
