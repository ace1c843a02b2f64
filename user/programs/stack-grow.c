/* Stack growth: 512 KiB of locals, touched from the top down by user code, and a buffer
 * on untouched stack pages that read() fills (the C library copies into it). */
#include <string.h>

#include "check.h"

#define LOCAL (512 * 1024)

static int __attribute__((noinline)) deep(int depth)
{
	volatile char buf[LOCAL];
	for (int i = LOCAL - PAGE_SIZE; i >= 0; i -= PAGE_SIZE)
		buf[i] = (char)depth;
	int sum = 0;
	for (int i = 0; i < LOCAL; i += PAGE_SIZE)
		sum += buf[i];
	return sum;
}

static int __attribute__((noinline)) read_into_stack(void)
{
	char buf[128 * 1024];
	CHECK(get_phys_addr(&buf[0]) == NULL);
	int fd = open("stack-grow");
	CHECK(fd >= 2);
	int size = filesize(fd); /* more than 8 pages: read() spans many untouched pages */
	CHECK(size > 8 * PAGE_SIZE && size <= (int)sizeof buf);
	CHECK(read(fd, buf, sizeof buf) == size);
	close(fd);
	CHECK(memcmp(buf, "\177ELF", 4) == 0);
	return size;
}

int main(void)
{
	int read_bytes = read_into_stack(); /* first, while those stack pages are untouched */
	CHECK(deep(3) == 3 * (LOCAL / PAGE_SIZE));
	printf("stack-grow: 512 KiB in user code, %d pages inside read()\n",
	       (read_bytes + PAGE_SIZE - 1) / PAGE_SIZE);
	return 0;
}
