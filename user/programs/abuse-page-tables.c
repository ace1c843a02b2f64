/* One job cannot take the kernel memory other processes need for their page tables: a
 * job touches one page per 2 MiB of a 250 MiB heap (a page table each) and forks 39
 * copies that hold them all; then the first process can still fork, and touch 100 MiB
 * of fresh memory the same way. */
#include <pagos.h>
#include <stdio.h>
#include <stdlib.h>

#include "check.h"

#define HEAP (250 << 20)
#define STEP (2 << 20)
#define COPIES 39

static void touch(char *mem, long bytes)
{
	for (long i = 0; i < bytes; i += STEP)
		mem[i] = 1;
}

static void hog(void)
{
	char *heap = malloc(HEAP);
	CHECK(heap != NULL);
	touch(heap, HEAP);
	for (int i = 0; i < COPIES; i++)
		if (fork("hog") == 0)
			break;
	for (;;)
		sleep_ticks(100);
}

int main(int argc, char **argv)
{
	if (argc > 1)
		hog();
	pid_t leader = fork("hog-leader");
	if (leader == 0)
		exec("abuse-page-tables hog");
	struct vm_stat s;
	do {
		sleep_ticks(10);
		vm_stat_get(&s);
	} while (s.processes < COPIES + 2);
	printf("abuse-page-tables: %llu processes hold %llu KiB of kernel memory of %llu\n",
	       (unsigned long long)s.processes, (unsigned long long)(s.process_kernel >> 10),
	       (unsigned long long)(s.process_kernel_max >> 10));
	pid_t child = fork("probe");
	if (child == 0)
		exit(0);
	CHECK(child > 0 && wait(child) == 0);
	char *mem = malloc(100 << 20);
	CHECK(mem != NULL);
	touch(mem, 100 << 20);
	printf("abuse-page-tables: the first process forked and touched 100 MiB\n");
	CHECK(kill(leader) == 0);
	return 0;
}
