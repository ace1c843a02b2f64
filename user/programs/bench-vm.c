/* Virtual-memory benchmarks (tools/bench runs this under -icount with nocheck): guest
 * instructions of the whole system (bench.h) for each kind of page fault, for fork
 * against resident size, and for exec of a large program that touches few pages against
 * one that reads them all; the disk-bound ones with their device requests and bytes. */
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "check.h"

#define FAULTS 64
#define BIG_PAGES 1024 /* bench-big's table: 4 MiB */


static char bss[FAULTS * PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
static const char table[FAULTS * PAGE_SIZE] __attribute__((aligned(PAGE_SIZE))) = { 1 };

/* Touches (reads or writes) one byte of each of n pages from p; returns instructions
 * per page (*m, when not NULL, is where the measurement started). */
static unsigned long per_page(volatile char *p, int n, bool write, struct bench_mark *m)
{
	struct bench_mark start = bench_start();
	if (m)
		*m = start;
	for (int i = 0; i < n; i++) {
		if (write)
			p[i * PAGE_SIZE] = 1;
		else
			(void)p[i * PAGE_SIZE];
	}
	return bench_insns(&start) / (unsigned long)n;
}

static void fault_kinds(void)
{
	struct bench_mark m;
	bench_figure("fault-zero-fill", per_page(bss, FAULTS, true, NULL),
		     "per first write of a BSS page", NULL);
	unsigned long lazy = per_page((volatile char *)table, FAULTS, false, &m);
	bench_figure("fault-lazy-file", lazy,
		     "per first read of a page of the executable, from the disk, 64 pages", &m);
	static char cow[FAULTS * PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
	per_page(cow, FAULTS, true, NULL);
	pid_t pid = fork("bench-cow");
	if (pid == 0) /* the parent waits: each page has two holders */
		exit((int)per_page(cow, FAULTS, true, NULL));
	unsigned long copy = (unsigned long)wait(pid);
	bench_figure("fault-cow-copy", copy, "per first write of a shared page: copy", NULL);
	bench_figure("fault-cow-reuse", per_page(cow, FAULTS, true, NULL),
		     "per first write of a page whose sharer exited: remap writable", NULL);
}

static void fork_cost(int mib)
{
	size_t bytes = (size_t)mib << 20;
	char *p = malloc(bytes);
	CHECK(p != NULL);
	for (size_t i = 0; i < bytes; i += PAGE_SIZE)
		p[i] = 1;
	struct bench_mark start = bench_start();
	pid_t pid = fork("bench-fork");
	if (pid == 0)
		exit(0);
	unsigned long n = bench_insns(&start);
	CHECK(wait(pid) == 0);
	char name[32], what[64];
	snprintf(name, sizeof name, "fork-%dMiB", mib);
	snprintf(what, sizeof what, "fork of a process with %d MiB resident", mib);
	bench_figure(name, n, what, NULL);
	free(p);
}

static void exec_cost(const char *cmd, const char *name, const char *what)
{
	struct bench_mark start = bench_start();
	pid_t pid = fork("bench-exec");
	if (pid == 0)
		exec(cmd);
	CHECK(wait(pid) == 0);
	bench_figure(name, bench_insns(&start), what, &start);
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
