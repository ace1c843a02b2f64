/* The swap benchmark (tools/bench boots it with mem=4M trace=pager nocheck): a 14 MiB
 * anonymous working set through a 4 MiB budget, written once, then read sequentially
 * twice and randomly once. Prints the guest instructions of the whole run and its device
 * requests (bench.h); tools/bench counts the faults, evictions, swap reads and writes
 * from the trace. */
#include <stdlib.h>

#include "bench.h"
#include "check.h"

#define PAGES (14 << 8)

int main(void)
{
	struct bench_mark start = bench_start();
	unsigned char *mem = malloc((size_t)PAGES * PAGE_SIZE);
	unsigned seed = 1, sum = 0;
	CHECK(mem != NULL);
	for (unsigned p = 0; p < PAGES; p++)
		mem[(size_t)p * PAGE_SIZE] = (unsigned char)p;
	for (int round = 0; round < 2; round++)
		for (unsigned p = 0; p < PAGES; p++)
			CHECK(mem[(size_t)p * PAGE_SIZE] == (unsigned char)p);
	for (unsigned i = 0; i < PAGES; i++) {
		seed = seed * 1103515245u + 12345u;
		unsigned p = (seed >> 8) % PAGES;
		sum += mem[(size_t)p * PAGE_SIZE] == (unsigned char)p;
	}
	CHECK(sum == PAGES);
	bench_figure("swap-run", bench_insns(&start),
		     "14 MiB written, read twice in order and once at random, 4 MiB of frames", &start);
	return 0;
}
