/* mmap of a file: loaded lazily, the file's bytes then zeros to the end of the last page;
 * the mapping survives close and remove; reads after munmap are someone else's problem
 * (mmap-unmap checks they kill). */
#include <string.h>

#include "check.h"

#define ADDR ((char *)0x10000000)
#define SIZE 5000 /* two pages, the second partly past the end of the file */

int main(void)
{
	char data[SIZE];
	for (int i = 0; i < SIZE; i++)
		data[i] = (char)('a' + i % 26);
	CHECK(create("mapped.txt", 0));
	int fd = open("mapped.txt");
	CHECK(fd >= 2 && write(fd, data, SIZE) == SIZE);
	CHECK(mmap(ADDR, SIZE, 0, fd, 0) == ADDR);
	CHECK(get_phys_addr(ADDR) == NULL && get_phys_addr(ADDR + PAGE_SIZE) == NULL);
	close(fd);
	CHECK(remove("mapped.txt"));
	CHECK(memcmp(ADDR, data, SIZE) == 0);
	for (int i = SIZE; i < 2 * PAGE_SIZE; i++)
		CHECK(ADDR[i] == 0);
	CHECK(get_phys_addr(ADDR) != NULL);
	munmap(ADDR);
	CHECK(get_phys_addr(ADDR) == NULL);
	CHECK(open("mapped.txt") == -1);
	printf("mmap-read: %d bytes, zeros after them, after close and remove\n", SIZE);
	return 0;
}
