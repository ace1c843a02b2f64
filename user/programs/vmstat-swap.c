/* vmstat under pressure (run with mem=4M): a child writes a 12 MiB working set over and
 * over; once swap slots are in use, this process samples the totals, runs "vmstat 5 3"
 * beside the child, and samples again: evictions grow and swap stays in use. Nothing
 * depends on how fast the clock runs against the guest; the run ends with this process
 * (the child is still writing). */
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
	for (char round = 1;; round++)
		for (int i = 0; i < WORKING_SET; i += PAGE_SIZE)
			mem[i] = round;
}

int main(void)
{
	pid_t child = fork("vmstat-load");
	if (child == 0)
		load();
	CHECK(child > 0);
	struct vm_stat first, second;
	do {
		sleep_ticks(1);
		vm_stat_get(&first);
	} while (first.swap_used == 0);
	pid_t vmstat = fork("vmstat");
	if (vmstat == 0)
		exec("vmstat 5 3");
	CHECK(vmstat > 0 && wait(vmstat) == 0);
	vm_stat_get(&second);
	printf("vmstat-swap: evictions %lu then %lu, swap slots in use %lu then %lu\n",
	       evictions(&first), evictions(&second), first.swap_used, second.swap_used);
	CHECK(second.swap_used > 0 && evictions(&second) > evictions(&first));
	return 0;
}
