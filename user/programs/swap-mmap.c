/* A file mapping larger than the frame budget (run with mem=2M): 4 MiB written through a
 * writable mapping (dirty pages are written back to the file when evicted), then read
 * back through the file and through a second, read-only mapping (clean pages are
 * dropped and read again). */
#include <string.h>

#include "check.h"

#define BYTES (4 << 20)
#define ADDR ((unsigned char *)0x10000000)
#define RO ((unsigned char *)0x20000000)

int main(void)
{
	CHECK(create("big.map", BYTES));
	int fd = open("big.map");
	CHECK(fd >= 2 && mmap(ADDR, BYTES, 1, fd, 0) == ADDR);
	for (int i = 0; i < BYTES; i += PAGE_SIZE)
		ADDR[i] = (unsigned char)(i >> 12), ADDR[i + 1] = 0xa5;
	for (int i = 0; i < BYTES; i += PAGE_SIZE)
		CHECK(ADDR[i] == (unsigned char)(i >> 12) && ADDR[i + 1] == 0xa5);
	munmap(ADDR);
	unsigned char buf[2];
	for (int i = 0; i < BYTES; i += 64 * PAGE_SIZE) {
		seek(fd, i);
		CHECK(read(fd, buf, 2) == 2 && buf[0] == (unsigned char)(i >> 12) && buf[1] == 0xa5);
	}
	CHECK(mmap(RO, BYTES, 0, fd, 0) == RO);
	for (int round = 0; round < 2; round++)
		for (int i = 0; i < BYTES; i += PAGE_SIZE)
			CHECK(RO[i] == (unsigned char)(i >> 12) && RO[i + 2] == 0);
	printf("swap-mmap: a 4 MiB mapping through a 2 MiB budget, written back and read again\n");
	return 0;
}
