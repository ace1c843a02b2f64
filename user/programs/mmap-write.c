/* Writes through a writable mapping reach the file on munmap, and only the pages written
 * are written back (the trace shows one write-back line per dirty page). */
#include <string.h>

#include "check.h"

#define ADDR ((char *)0x20000000)
#define PAGES 4

int main(void)
{
	static char zeros[PAGES * PAGE_SIZE];
	CHECK(create("dirty.bin", PAGES * PAGE_SIZE));
	int fd = open("dirty.bin");
	CHECK(fd >= 2);
	CHECK(mmap(ADDR, PAGES * PAGE_SIZE, 1, fd, 0) == ADDR);
	CHECK(memcmp(ADDR, zeros, sizeof zeros) == 0); /* all four pages read */
	memcpy(ADDR, "page zero", 9);
	memcpy(ADDR + 2 * PAGE_SIZE, "page two", 8);
	munmap(ADDR);
	char buf[16];
	seek(fd, 0);
	CHECK(read(fd, buf, 9) == 9 && memcmp(buf, "page zero", 9) == 0);
	seek(fd, 2 * PAGE_SIZE);
	CHECK(read(fd, buf, 8) == 8 && memcmp(buf, "page two", 8) == 0);
	seek(fd, PAGE_SIZE);
	CHECK(read(fd, buf, 8) == 8 && memcmp(buf, zeros, 8) == 0);
	close(fd);
	printf("mmap-write: pages 0 and 2 written back\n");
	return 0;
}
