/* ps sees a background job and its child: this program starts a job ("bg-job") that
 * starts a child ("bg-child") that sleeps for good, waits until ps's query lists
 * both, then runs ps, and ends (the machine powers off with them still there). */
#include <pagos.h>
#include <string.h>

#include "check.h"

/* Whether a process named name runs, with a parent named parent_name. */
static bool running(const char *name, const char *parent_name)
{
	struct vm_proc p, parent;
	for (pid_t pid = 1; (pid = vm_proc_next(pid, &p)) != 0; pid++)
		if (!strcmp(p.name, name) && p.state == 1 &&
		    vm_proc_next(p.parent, &parent) == p.parent && !strcmp(parent.name, parent_name))
			return true;
	return false;
}

int main(void)
{
	pid_t job = fork("bg-job");
	if (job == 0) {
		pid_t child = fork("bg-child");
		if (child == 0)
			for (;;)
				sleep_ticks(1000);
		exit(wait(child));
	}
	CHECK(job > 0);
	while (!running("bg-child", "bg-job") || !running("bg-job", "vm-family"))
		continue;
	pid_t ps = fork("ps");
	if (ps == 0)
		exec("ps");
	CHECK(ps > 0 && wait(ps) == 0);
	return 0;
}
