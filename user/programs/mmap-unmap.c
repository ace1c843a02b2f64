/* An access to a page after munmap kills the process with -1. */
#include "check.h"

#define ADDR ((char *)0x10000000)

int main(void)
{
	CHECK(create("gone.bin", PAGE_SIZE));
	int fd = open("gone.bin");
	CHECK(fd >= 2 && mmap(ADDR, PAGE_SIZE, 1, fd, 0) == ADDR);
	ADDR[0] = 'x';
	munmap(ADDR);
	printf("mmap-unmap: unmapped\n");
	ADDR[0] = 'y';
	printf("mmap-unmap: FAILED: still alive\n");
	return 0;
}
