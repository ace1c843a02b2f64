/* leftover: what the pager holds beyond the first process (the shell) and this program:
 * frames, swap slots, page records, running processes. Right after a program was ended
 * (Ctrl-C, kill), each is 0: everything it took is free again. (The two share no frame
 * nor slot: this program was exec'd. A shell page swapped out and back in keeps its
 * slot until it is written: the shell's, not left over.) */
#include <pagos.h>
#include <stdio.h>
#include <string.h>

struct census {
	struct vm_stat s;
	struct vm_proc first, self;
};

static void take(struct census *c)
{
	struct vm_proc p;
	vm_stat_get(&c->s);
	for (pid_t pid = 1; (pid = vm_proc_next(pid, &p)) != 0; pid++) {
		if (pid == 1)
			c->first = p;
		else if (p.state == 1 && !strcmp(p.name, "leftover"))
			c->self = p;
	}
}

int main(void)
{
	static struct census c;
	take(&c); /* the second time, this program touches no page it has not touched */
	take(&c);
	printf("leftover: frames %ld, swap slots %ld, page records %ld, processes %ld\n",
	       (long)(c.s.frames_used - c.first.resident - c.self.resident),
	       (long)(c.s.swap_used - c.first.slots - c.self.slots),
	       (long)(c.s.page_records - c.first.records - c.self.records),
	       (long)c.s.processes - 2);
	return 0;
}
