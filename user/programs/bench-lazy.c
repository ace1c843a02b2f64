/* For bench-vm's fault-lazy-file-cached: reads one byte of each page of a table in its
 * executable. Run twice in a row, the second run's pages come from the disk server's
 * page cache (no process runs it in between, so the pager shares no frame); "bench-lazy
 * cached" prints that run's figure: whole-system instructions per page (bench.h). */
#include <string.h>

#include "bench.h"
#include "check.h"

#define PAGES 32 /* well below the disk server's DISK_PAGE_CACHE, with the code beside */

static const char table[PAGES * PAGE_SIZE] __attribute__((aligned(PAGE_SIZE))) = { 1 };

int main(int argc, char *argv[])
{
	volatile const char *t = table;
	bool cached = argc > 1 && !strcmp(argv[1], "cached"); /* before: its page may be new */
	struct bench_mark start = bench_start();
	for (int i = 0; i < PAGES; i++)
		(void)t[i * PAGE_SIZE];
	unsigned long per_page = bench_insns(&start) / PAGES;
	if (cached)
		bench_figure("fault-lazy-file-cached", per_page,
			     "per first read of a page of an executable, from the disk server's "
			     "cache, 32 pages", &start);
	return 0;
}
