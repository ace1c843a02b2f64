/* Virtual-memory benchmarks (tools/bench runs this under -icount with nocheck): guest
 * instructions, from the TSC (128 per instruction under -icount), for each kind of page
 * fault, for fork against resident size, and for exec of a large program that touches
 * few pages against one that reads them all. Prints "bench NAME: N instructions (WHAT)". */
#include <stdlib.h>
#include <string.h>

#include "check.h"

#define TSC_PER_INSN 128
#define FAULTS 64
#define BIG_PAGES 1024 /* bench-big's table: 4 MiB */

static inline unsigned long insns(void)
{
	unsigned lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (((unsigned long)hi << 32) | lo) / TSC_PER_INSN;
}

static void figure(const char *name, unsigned long n, const char *what)
{
	printf("bench %s: %lu instructions (%s)\n", name, n, what);
}

static char bss[FAULTS * PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
static const char table[FAULTS * PAGE_SIZE] __attribute__((aligned(PAGE_SIZE))) = { 1 };

/* Touches (reads or writes) one byte of each of n pages from p; returns instructions
 * per page. */
static unsigned long per_page(volatile char *p, int n, bool write)
{
	unsigned long start = insns();
	for (int i = 0; i < n; i++) {
		if (write)
			p[i * PAGE_SIZE] = 1;
		else
			(void)p[i * PAGE_SIZE];
	}
	return (insns() - start) / (unsigned long)n;
}

static void fault_kinds(void)
{
	figure("fault-zero-fill", per_page(bss, FAULTS, true), "per first write of a BSS page");
	figure("fault-lazy-file", per_page((volatile char *)table, FAULTS, false),
	       "per first read of a page of the executable, from the disk");
	static char cow[FAULTS * PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
	per_page(cow, FAULTS, true);
	pid_t pid = fork("bench-cow");
	if (pid == 0) /* the parent waits: each page has two holders */
		exit((int)per_page(cow, FAULTS, true));
	unsigned long copy = (unsigned long)wait(pid);
	figure("fault-cow-copy", copy, "per first write of a shared page: copy");
	figure("fault-cow-reuse", per_page(cow, FAULTS, true),
	       "per first write of a page whose sharer exited: remap writable");
}

static void fork_cost(int mib)
{
	size_t bytes = (size_t)mib << 20;
	char *p = malloc(bytes);
	CHECK(p != NULL);
	for (size_t i = 0; i < bytes; i += PAGE_SIZE)
		p[i] = 1;
	unsigned long start = insns();
	pid_t pid = fork("bench-fork");
	if (pid == 0)
		exit(0);
	unsigned long n = insns() - start;
	CHECK(wait(pid) == 0);
	char name[32], what[64];
	snprintf(name, sizeof name, "fork-%dMiB", mib);
	snprintf(what, sizeof what, "fork of a process with %d MiB resident", mib);
	figure(name, n, what);
	free(p);
}

static void exec_cost(const char *cmd, const char *name, const char *what)
{
	unsigned long start = insns();
	pid_t pid = fork("bench-exec");
	if (pid == 0)
		exec(cmd);
	CHECK(wait(pid) == 0);
	figure(name, insns() - start, what);
}

int main(void)
{
	/* exec first, while this process is small (fork copies its page descriptors) */
	exec_cost("bench-big one", "exec-touch-1", "fork + exec + exit of a 4 MiB program touching 1 page of it");
	exec_cost("bench-big all", "exec-touch-all", "the same program reading all of its 4 MiB");
	fault_kinds();
	fork_cost(1);
	fork_cost(16);
	fork_cost(64);
	return 0;
}
