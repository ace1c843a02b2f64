/* The swap benchmark (tools/bench boots it with mem=4M): a 14 MiB anonymous working set
 * through a 4 MiB budget, written once, then read sequentially twice and randomly once.
 * Without arguments (booted with trace=pager: tools/bench counts the faults, evictions,
 * swap reads and writes from the trace) it prints the guest instructions of the whole
 * run and its device requests (bench.h); "bench-swap passes" (booted without a trace,
 * which costs more than the paging) prints per page the second half of the first pass,
 * once the budget is full (a zero-fill fault and a swap-out each), and the third pass (a
 * swap-in and an eviction without a write each). */
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "check.h"

#define PAGES (14 << 8)

/* Writes pages [from, to) of mem (each its own number); with passes, prints the
 * instructions per page. */
static void write_pass(unsigned char *mem, unsigned from, unsigned to, bool passes)
{
	struct bench_mark m = bench_start();
	for (unsigned p = from; p < to; p++)
		mem[(size_t)p * PAGE_SIZE] = (unsigned char)p;
	if (passes)
		bench_figure("swap-out-pass", bench_insns(&m) / (to - from),
			     "per page written with the budget full: a zero-fill fault and a "
			     "swap-out", &m);
}

/* Reads every page of mem in order; with passes, prints the instructions per page. */
static void read_pass(unsigned char *mem, bool passes)
{
	struct bench_mark m = bench_start();
	for (unsigned p = 0; p < PAGES; p++)
		CHECK(mem[(size_t)p * PAGE_SIZE] == (unsigned char)p);
	if (passes)
		bench_figure("swap-in-pass", bench_insns(&m) / PAGES,
			     "per page read back: a swap-in and an eviction without a write", &m);
}

int main(int argc, char *argv[])
{
	bool passes = argc > 1 && !strcmp(argv[1], "passes");
	struct bench_mark start = bench_start();
	unsigned char *mem = malloc((size_t)PAGES * PAGE_SIZE);
	unsigned seed = 1, sum = 0;
	CHECK(mem != NULL);
	write_pass(mem, 0, PAGES / 2, false);
	write_pass(mem, PAGES / 2, PAGES, passes);
	read_pass(mem, false);
	read_pass(mem, passes);
	for (unsigned i = 0; i < PAGES; i++) {
		seed = seed * 1103515245u + 12345u;
		unsigned p = (seed >> 8) % PAGES;
		sum += mem[(size_t)p * PAGE_SIZE] == (unsigned char)p;
	}
	CHECK(sum == PAGES);
	if (!passes)
		bench_figure("swap-run", bench_insns(&start),
			     "14 MiB written, read twice in order and once at random, 4 MiB of "
			     "frames", &start);
	return 0;
}
