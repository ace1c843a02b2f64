/* vmstat [TICKS [COUNT]]: the whole system's memory in one line of totals: frames for
 * user pages (the budget, in use, free, and in use by kind: anonymous, executable,
 * mmap'd file; shared by several pages), swap slots in use of all, running processes,
 * the pager's page records (pages touched, of all processes), the kernel memory held for
 * processes (KiB: threads, tables, address spaces and page tables),
 * and since boot: page faults, those that were zero-fills, file reads, copy-on-write
 * copies and reuses, and swap-ins, and evictions (swapped out, and all). With TICKS, a line every
 * TICKS timer ticks (100 a second), COUNT lines (default: until the machine stops). */
#include <pagos.h>
#include <stdio.h>
#include <stdlib.h>

#define TICKS_MAX 360000 /* an hour */

static void header(void)
{
	printf("%7s %6s %6s %6s %6s %6s %6s %6s %6s %5s %6s %6s %7s %6s %6s %6s %6s %6s %6s\n",
	       "BUDGET", "USED", "FREE", "ANON", "EXE", "FILE", "SHARED", "SWAP", "SLOTS", "PROCS",
	       "RECS", "KMEM", "FAULTS",
	       "ZERO", "FILEIN", "COW", "SWAPIN", "SWOUT", "EVICT");
}

static void line(void)
{
	struct vm_stat s;
	vm_stat_get(&s);
	uint64_t faults = 0, evictions = 0;
	for (int i = 0; i < FAULT_OUTCOMES; i++)
		faults += s.faults[i];
	for (int i = 0; i < EVICT_OUTCOMES; i++)
		evictions += s.evictions[i];
	printf("%7lu %6lu %6lu %6lu %6lu %6lu %6lu %6lu %6lu %5lu %6lu %6lu %7lu %6lu %6lu %6lu %6lu "
	       "%6lu %6lu\n",
	       s.frames_budget, s.frames_used, s.frames_budget - s.frames_used,
	       s.frames_by_kind[VM_FRAME_ANON], s.frames_by_kind[VM_FRAME_EXE],
	       s.frames_by_kind[VM_FRAME_FILE], s.frames_shared, s.swap_used, s.swap_slots, s.processes,
	       s.page_records, s.process_kernel >> 10, faults, s.faults[OUT_ZERO_FILL] + s.faults[OUT_STACK_GROW],
	       s.faults[OUT_LAZY_FILE] + s.faults[OUT_SHARED_FILE] + s.faults[OUT_MMAP_FILE],
	       s.faults[OUT_COW_COPY] + s.faults[OUT_COW_REUSE],
	       s.faults[OUT_SWAP_IN] + s.faults[OUT_SWAP_SHARED],
	       s.evictions[EVICT_SWAP_OUT], evictions);
}

int main(int argc, char **argv)
{
	char *end1 = "", *end2 = "";
	long ticks = argc > 1 ? strtol(argv[1], &end1, 10) : 0;
	long count = argc > 2 ? strtol(argv[2], &end2, 10) : -1;
	if (argc > 3 || *end1 || *end2 || (argc > 1 && (ticks <= 0 || ticks > TICKS_MAX)) ||
	    (argc > 2 && count <= 0)) {
		printf("usage: vmstat [TICKS [COUNT]] (TICKS 1..%d; without COUNT it goes on "
		       "until the machine stops)\n", TICKS_MAX);
		return 2;
	}
	header();
	line();
	for (long n = 1; argc > 1 && n != count; n++) {
		sleep_ticks((unsigned)ticks);
		line();
	}
	return 0;
}
