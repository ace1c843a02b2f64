/* vmstat under pressure (run with mem=4M): a child writes a 12 MiB working set while
 * this process samples the totals between sleeps and runs "vmstat 5 3" beside it; swap
 * slots are in use and evictions grow from sample to sample. */
#include <pagos.h>
#include <stdlib.h>

#include "check.h"

#define WORKING_SET (12 << 20)

static uint64_t evictions(const struct vm_stat *s)
{
	uint64_t n = 0;
	for (int i = 0; i < EVICT_OUTCOMES; i++)
		n += s->evictions[i];
	return n;
}

static void load(void)
{
	char *mem = malloc(WORKING_SET);
	CHECK(mem != NULL);
	for (int round = 1; round <= 2; round++)
		for (int i = 0; i < WORKING_SET; i += PAGE_SIZE)
			mem[i] = (char)round;
	exit(0);
}

int main(void)
{
	pid_t child = fork("vmstat-load");
	if (child == 0)
		load();
	CHECK(child > 0);
	struct vm_stat first, second;
	sleep_ticks(100); /* the load passes the 4 MiB budget */
	vm_stat_get(&first);
	pid_t vmstat = fork("vmstat");
	if (vmstat == 0)
		exec("vmstat 5 3");
	CHECK(vmstat > 0 && wait(vmstat) == 0);
	vm_stat_get(&second);
	printf("vmstat-swap: evictions %lu then %lu, swap slots in use %lu then %lu\n",
	       evictions(&first), evictions(&second), first.swap_used, second.swap_used);
	CHECK(first.swap_used > 0 && second.swap_used > 0);
	CHECK(evictions(&first) > 0 && evictions(&second) > evictions(&first));
	CHECK(wait(child) == 0);
	return 0;
}
