/* The mmap limits: 16 mappings at once per process (the 17th is refused, and allowed
 * again after a munmap), and no mapping larger than 256 MiB of pages. */
#include "check.h"

#define ADDR ((char *)0x10000000)
#define MMAPS_MAX 16
#define PAGES_MAX 65536

int main(void)
{
	CHECK(create("limits.bin", PAGE_SIZE));
	int fd = open("limits.bin");
	CHECK(fd >= 2);
	CHECK(mmap(ADDR, (size_t)(PAGES_MAX + 1) * PAGE_SIZE, 0, fd, 0) == MAP_FAILED);
	for (int i = 0; i < MMAPS_MAX; i++)
		CHECK(mmap(ADDR + i * PAGE_SIZE, PAGE_SIZE, 0, fd, 0) == ADDR + i * PAGE_SIZE);
	CHECK(mmap(ADDR + MMAPS_MAX * PAGE_SIZE, PAGE_SIZE, 0, fd, 0) == MAP_FAILED);
	munmap(ADDR);
	CHECK(mmap(ADDR + MMAPS_MAX * PAGE_SIZE, PAGE_SIZE, 0, fd, 0) == ADDR + MMAPS_MAX * PAGE_SIZE);
	CHECK(ADDR[PAGE_SIZE] == 0);
	printf("mmap-limits: %d mappings, then refused; oversized mapping refused\n", MMAPS_MAX);
	return 0;
}
