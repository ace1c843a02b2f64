/* pmap right after fork: the parent's data and BSS pages are shared with its child,
 * and one is the parent's own again once the child writes it. The child finds its parent in ps,
 * runs pmap on it before and after its write, and checks the same through the query:
 * exactly one shared page fewer. */
#include <pagos.h>
#include <stdio.h>
#include <string.h>

#include "check.h"

#define PAGES 4

static char buf[PAGES * PAGE_SIZE]; /* BSS (its first page may be data's last) */

/* Pages of pid's writable data and BSS regions that share a frame. */
static unsigned data_shared(pid_t pid)
{
	struct vm_region r;
	unsigned shared = 0;
	for (unsigned i = 0; vm_region_get(pid, i, &r) == 1; i++)
		if ((r.kind == VM_DATA || r.kind == VM_BSS) && (r.rights & VM_WRITE))
			shared += r.shared;
	return shared;
}

static void run_pmap(pid_t pid)
{
	char cmd[32];
	snprintf(cmd, sizeof cmd, "pmap %d", pid);
	pid_t child = fork("pmap");
	if (child == 0)
		exec(cmd);
	CHECK(child > 0 && wait(child) == 0);
}

static void child(void)
{
	struct vm_proc p;
	pid_t parent = 0;
	for (pid_t pid = 1; (pid = vm_proc_next(pid, &p)) != 0; pid++)
		if (!strcmp(p.name, "pmap-fork"))
			parent = pid;
	CHECK(parent != 0);
	unsigned before = data_shared(parent);
	run_pmap(parent);
	buf[0] = 1; /* copy-on-write: this page is the child's own now, and the parent's */
	unsigned after = data_shared(parent);
	run_pmap(parent);
	printf("pmap-fork: the parent's data and BSS pages shared: %u after fork, %u after the "
	       "child's write\n", before, after);
	CHECK(before >= PAGES && after == before - 1);
	exit(0);
}

int main(void)
{
	memset(buf, 0x5a, sizeof buf);
	pid_t pid = fork("pmap-child");
	if (pid == 0)
		child();
	CHECK(pid > 0 && wait(pid) == 0);
	return 0;
}
