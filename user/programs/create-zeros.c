/* A large create is zeros at once, before the disk has them all: a write 1 MiB in waits
 * for the zeros before it (the C library repeats the request while the disk server
 * writes them a step at a time), a page written through mmap 3 MiB in is written back
 * the same way by the pager, and the bytes around both stay zeros. */
#include <string.h>

#include "check.h"

#define SIZE (4u << 20)
#define ADDR ((char *)0x20000000)
#define MIB (1u << 20)

/* The len bytes at off are want. */
static void check_bytes(int fd, unsigned off, const char *want, unsigned len)
{
	char got[16];
	seek(fd, off);
	CHECK(read(fd, got, len) == (int)len && memcmp(got, want, len) == 0);
}

int main(void)
{
	CHECK(create("lazy.bin", SIZE));
	int fd = open("lazy.bin");
	CHECK(fd >= 2 && filesize(fd) == (int)SIZE);
	check_bytes(fd, SIZE - 8, "\0\0\0\0\0\0\0\0", 8);
	seek(fd, MIB);
	CHECK(write(fd, "abc", 3) == 3);
	CHECK(mmap(ADDR, SIZE, 1, fd, 0) == ADDR);
	CHECK(memcmp(ADDR + MIB - 1, "\0abc\0", 5) == 0 && ADDR[3 * MIB] == 0);
	memcpy(ADDR + 3 * MIB, "page", 4);
	munmap(ADDR);
	check_bytes(fd, MIB - 2, "\0\0abc\0\0", 7);
	check_bytes(fd, 3 * MIB - 2, "\0\0page\0\0", 8);
	check_bytes(fd, SIZE - 8, "\0\0\0\0\0\0\0\0", 8);
	CHECK(filesize(fd) == (int)SIZE);
	close(fd);
	printf("create-zeros: a write and a page landed amid zeros\n");
	return 0;
}
