/* Bad arguments to the memory queries: an unknown or negative pid and an index past the
 * last region get an answer that says so; an out pointer the program may not write (NULL,
 * its own code) kills only the caller, with -1. */
#include <pagos.h>
#include <stdint.h>

#include "check.h"

/* Runs query(arg) in a child; returns the child's exit status. */
static int in_child(void (*query)(void))
{
	pid_t pid = fork("vm-bad-child");
	if (pid == 0) {
		query();
		exit(0);
	}
	CHECK(pid > 0);
	return wait(pid);
}

static void stat_to_null(void) { vm_stat_get(NULL); }
static void region_to_code(void) { vm_region_get(1, 0, (struct vm_region *)(uintptr_t)in_child); }
static void proc_to_null(void) { vm_proc_next(1, NULL); }

int main(void)
{
	struct vm_region r;
	struct vm_proc p;
	CHECK(vm_region_get(99999, 0, &r) == -1);
	CHECK(vm_region_get(-5, 0, &r) == -1);
	CHECK(vm_region_get(1, 1000000, &r) == 0);
	CHECK(vm_region_get(1, 0xffffffffu, &r) == 0);
	CHECK(vm_proc_next(1 << 30, &p) == 0);
	CHECK(vm_proc_next(-7, &p) == 1 && p.pid == 1);
	CHECK(in_child(stat_to_null) == -1);
	CHECK(in_child(region_to_code) == -1);
	CHECK(in_child(proc_to_null) == -1);
	CHECK(vm_region_get(1, 0, &r) == 1); /* the pager still answers */
	printf("vm-bad: every bad query refused, or its caller killed\n");
	return 0;
}
