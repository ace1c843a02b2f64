/* Every mmap the Pintos rules refuse returns MAP_FAILED and maps nothing. */
#include "check.h"

#define ADDR ((char *)0x10000000)
#define KERN_BASE 0x8004000000ul

static char code_neighbour; /* a page of the program (its .bss) */

int main(void)
{
	CHECK(create("reject.bin", 3 * PAGE_SIZE) && create("empty.bin", 0));
	int fd = open("reject.bin"), empty = open("empty.bin");
	CHECK(fd >= 2 && empty >= 2);
	CHECK(mmap(NULL, PAGE_SIZE, 0, fd, 0) == MAP_FAILED);               /* address 0 */
	CHECK(mmap(ADDR + 1, PAGE_SIZE, 0, fd, 0) == MAP_FAILED);           /* unaligned */
	CHECK(mmap(ADDR, PAGE_SIZE, 0, fd, 100) == MAP_FAILED);             /* offset unaligned */
	CHECK(mmap(ADDR, 0, 0, fd, 0) == MAP_FAILED);                       /* length 0 */
	CHECK(mmap(ADDR, PAGE_SIZE, 0, 0, 0) == MAP_FAILED);                /* fd 0 */
	CHECK(mmap(ADDR, PAGE_SIZE, 0, 1, 0) == MAP_FAILED);                /* fd 1 */
	CHECK(mmap(ADDR, PAGE_SIZE, 0, 99, 0) == MAP_FAILED);               /* no such fd */
	CHECK(mmap(ADDR, PAGE_SIZE, 0, empty, 0) == MAP_FAILED);            /* empty file */
	CHECK(mmap(PAGE_OF(&code_neighbour), PAGE_SIZE, 0, fd, 0) == MAP_FAILED); /* program */
	CHECK(mmap(PAGE_OF((void *)main), PAGE_SIZE, 0, fd, 0) == MAP_FAILED);    /* code */
	CHECK(mmap((void *)(KERN_BASE - PAGE_SIZE), PAGE_SIZE, 0, fd, 0) == MAP_FAILED);
	CHECK(mmap((void *)KERN_BASE, PAGE_SIZE, 0, fd, 0) == MAP_FAILED);  /* kernel */
	CHECK(mmap((void *)(KERN_BASE - 2 * PAGE_SIZE), 4 * PAGE_SIZE, 0, fd, 0) == MAP_FAILED);
	CHECK(mmap((void *)0xfffffffffffff000ul, 2 * PAGE_SIZE, 0, fd, 0) == MAP_FAILED); /* wraps */
	CHECK(mmap(ADDR, (size_t)-PAGE_SIZE, 0, fd, 0) == MAP_FAILED);      /* wraps */
	volatile char on_stack = 1;
	CHECK(mmap(PAGE_OF(&on_stack), PAGE_SIZE, 0, fd, 0) == MAP_FAILED); /* the stack */
	CHECK(mmap(ADDR, 3 * PAGE_SIZE, 0, fd, 0) == ADDR);
	CHECK(mmap(ADDR + 2 * PAGE_SIZE, PAGE_SIZE, 0, fd, 0) == MAP_FAILED); /* overlap */
	CHECK(mmap(ADDR - PAGE_SIZE, 2 * PAGE_SIZE, 0, fd, 0) == MAP_FAILED); /* overlap */
	CHECK(get_phys_addr(ADDR - PAGE_SIZE) == NULL);
	CHECK(mmap(ADDR - PAGE_SIZE, PAGE_SIZE, 0, fd, 0) == ADDR - PAGE_SIZE); /* adjacent */
	printf("mmap-reject: every bad request refused\n");
	return 0;
}
