/* More anonymous memory than the tests' 16 MiB swap disk holds (run with mem=4M and a
 * 64 MiB swap disk): 24 MiB written one word a page, then read back; nearly every page
 * goes out to swap and comes back with its word. */
#include <stdlib.h>

#include "check.h"

#define PAGES (24 << 8) /* 24 MiB */

static unsigned word(unsigned page) { return page * 2654435761u ^ 0x5a5a5a5au; }

int main(void)
{
	unsigned char *mem = malloc((size_t)PAGES * PAGE_SIZE);

	CHECK(mem != NULL);
	for (unsigned p = 0; p < PAGES; p++)
		*(unsigned *)(mem + (size_t)p * PAGE_SIZE) = word(p);
	for (unsigned p = 0; p < PAGES; p++)
		CHECK(*(unsigned *)(mem + (size_t)p * PAGE_SIZE) == word(p));
	printf("swap-wide: %u pages went through swap and kept their words\n", PAGES);
	return 0;
}
