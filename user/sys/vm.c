/* pagos.h's sleep (an alarm on the process's notification, set with the kernel), the
 * busy time (SYS_BUSY) and the memory queries, answered by the pager (PG_PS, PG_VMSTAT,
 * PG_PMAP). A reply's struct is
 * copied from the IPC buffer here, in user mode, so a bad out pointer ends the process
 * with -1. */
#include <string.h>

#include "ipc.h"
#include "ops.h"
#include "pagos.h"

/* Calls label with MR0 = a0, MR1 = a1; copies n bytes of the reply from MR4 to out
 * when its MR0 is 1; returns MR0. */
static int64_t query(uint64_t label, uint64_t a0, uint64_t a1, void *out, size_t n)
{
	const uint64_t a[4] = { a0, a1, 0, 0 };
	int64_t r = ipc_call(PSLOT_PAGER, label, 2, a, NULL);
	if (r == 1)
		memcpy(out, &proc_ipc()->mr[PAGER_STR_MR], n);
	return r;
}

void sleep_ticks(unsigned ticks)
{
	uint64_t word = 0;
	if (!ticks || notify_alarm(PSLOT_NOTIFY, ticks, NOTIFY_ALARM))
		return;
	while (!(word & NOTIFY_ALARM)) { /* other bits (a child, input) are asked about again */
		if (sys_wait(PSLOT_NOTIFY, &word)) {
			notify_alarm(PSLOT_NOTIFY, 0, 0);
			return;
		}
	}
}

unsigned long busy_cycles(void)
{
	return sys_busy();
}

pid_t vm_proc_next(pid_t from, struct vm_proc *out)
{
	return query(PG_PS, (uint64_t)(int64_t)from, 0, out, sizeof *out) == 1 ? out->pid : 0;
}

void vm_stat_get(struct vm_stat *out)
{
	if (query(PG_VMSTAT, 0, 0, out, sizeof *out) != 1)
		memset(out, 0, sizeof *out);
}

int vm_region_get(pid_t pid, unsigned index, struct vm_region *out)
{
	return (int)query(PG_PMAP, (uint64_t)(int64_t)pid, index, out, sizeof *out);
}
