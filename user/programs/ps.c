/* ps: every process the pager knows, one line each: pid, parent, state (run, or exit
 * for one not yet waited for), its pages (the size of its address space, those with a
 * record in the pager because they were touched, resident, swapped out, sharing a
 * frame), how many of them the clock evicted, and its faults by kind (zero: zero-fill
 * and stack growth; file: from a file; cow: copy-on-write copies and reuses; swapin:
 * read back from swap). */
#include <pagos.h>
#include <stdio.h>

int main(void)
{
	struct vm_proc p;
	printf("%5s %5s %-5s %6s %6s %6s %6s %6s %6s %6s %6s %6s %6s  %s\n", "PID", "PPID",
	       "STATE", "PAGES", "RECS", "RES", "SWAP", "SHARED", "EVICT", "ZERO", "FILE", "COW", "SWAPIN", "NAME");
	for (pid_t pid = 1; (pid = vm_proc_next(pid, &p)) != 0; pid++) {
		const uint32_t *f = p.faults;
		printf("%5d %5d %-5s %6u %6u %6u %6u %6u %6u %6u %6u %6u %6u  %s\n", p.pid, p.parent,
		       p.state == 1 ? "run" : "exit", p.pages, p.records, p.resident, p.swapped, p.shared,
		       p.evicted, f[OUT_ZERO_FILL] + f[OUT_STACK_GROW],
		       f[OUT_LAZY_FILE] + f[OUT_SHARED_FILE] + f[OUT_MMAP_FILE],
		       f[OUT_COW_COPY] + f[OUT_COW_REUSE], f[OUT_SWAP_IN] + f[OUT_SWAP_SHARED], p.name);
	}
	return 0;
}
