/* An anonymous working set 3 times the frame budget (run with mem=2M): written and
 * verified sequentially, then in a random order, then sequentially again; every page
 * goes out to swap and comes back with its contents. */
#include <stdlib.h>

#include "check.h"

#define PAGES (6 << 8) /* 6 MiB */
#define WORDS (PAGE_SIZE / sizeof(unsigned))

static unsigned value(unsigned page, unsigned word, unsigned round)
{
	return page * 2654435761u ^ word * 40503u ^ round;
}

static void fill(unsigned *mem, unsigned page, unsigned round)
{
	for (unsigned w = 0; w < WORDS; w += 64)
		mem[page * WORDS + w] = value(page, w, round);
}

static void verify(const unsigned *mem, unsigned page, unsigned round)
{
	for (unsigned w = 0; w < WORDS; w += 64)
		CHECK(mem[page * WORDS + w] == value(page, w, round));
}

int main(void)
{
	unsigned *mem = malloc((size_t)PAGES * PAGE_SIZE), seed = 12345;
	CHECK(mem != NULL);
	for (unsigned p = 0; p < PAGES; p++)
		fill(mem, p, 1);
	for (unsigned p = 0; p < PAGES; p++)
		verify(mem, p, 1);
	for (unsigned i = 0; i < 2 * PAGES; i++) { /* random: rewrite or check */
		seed = seed * 1103515245u + 12345u;
		unsigned p = (seed >> 8) % PAGES;
		verify(mem, p, (seed & 1) ? 1 : 1);
	}
	for (unsigned p = 0; p < PAGES; p += 2)
		fill(mem, p, 2);
	for (unsigned i = 0; i < 2 * PAGES; i++) {
		seed = seed * 1103515245u + 12345u;
		unsigned p = (seed >> 8) % PAGES;
		verify(mem, p, p % 2 ? 1 : 2);
	}
	printf("swap-anon: %d pages, 3 times the budget, kept their contents\n", PAGES);
	return 0;
}
