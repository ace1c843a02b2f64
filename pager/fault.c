/* Page-fault decisions: find the page in the SPT, or grow the stack, or kill; bring a
 * missing page in through its kind; break copy-on-write sharing on a write. The answer
 * maps at most one frame and resumes the thread (main.c sends it). */
#include <string.h>

#include "ops.h"
#include "pager.h"
#include "rootinfo.h"

uint32_t page_rights(const struct page *pg)
{
	uint32_t rights = RIGHT_READ;
	if (pg->exec)
		rights |= RIGHT_EXEC;
	if (pg->writable && pg->frame->refs == 1 && (pg->ops != &page_file_ops || pg->dirty))
		rights |= RIGHT_WRITE;
	return rights;
}

int64_t page_map(struct page *pg)
{
	uint32_t rights = page_rights(pg);
	pg->mapped_writable = rights & RIGHT_WRITE;
	return vspace_map(pg->proc->vspace, pg->frame->slot, pg->addr, rights);
}

static void answer_map(struct page *pg, struct fault_answer *ans)
{
	uint32_t rights = page_rights(pg);
	pg->mapped_writable = rights & RIGHT_WRITE;
	ans->map = true;
	ans->slot = pg->frame->slot;
	ans->addr_rights = pg->addr | rights;
	check_touch(pg->frame);
}

/* A fault below every page: a new stack page if addr is in the stack area and at or
 * above rsp - 8 (a push or call writes just below rsp). */
static bool is_stack_growth(uint64_t addr, uint64_t rsp)
{
	return addr < USER_STACK && addr >= USER_STACK - STACK_LIMIT && addr + 8 >= rsp;
}

/* A write to a present page that may be written: it is mapped read-only because its
 * frame is shared (copy-on-write) or, for a file page, not yet dirty. */
static const char *write_present(struct page *pg)
{
	if (pg->frame->refs == 1) {
		pg->dirty = true;
		return pg->mapped_writable ? "spurious" : "cow-reuse";
	}
	struct frame *copy = frame_alloc(false);
	if (!copy)
		return NULL;
	memcpy(frame_data(copy), frame_data(pg->frame), PAGE);
	vspace_unmap(pg->proc->vspace, pg->addr, 1);
	frame_detach(pg);
	frame_attach(copy, pg);
	pg->dirty = true;
	return "cow-copy";
}

void fault_handle(struct process *p, uint64_t addr, uint64_t err, uint64_t rsp,
		  struct fault_answer *ans)
{
	uint64_t va = PAGE_DOWN(addr);
	bool write = err & PF_ERR_WRITE;
	const char *outcome = NULL;
	*ans = (struct fault_answer){ false, false, 0, 0 };
	p->faults++;
	struct page *pg = addr < KERN_BASE ? spt_find(&p->spt, va) : NULL;
	const char *failure = "kill-no-memory"; /* unless fault_in says otherwise */
	if (!pg && addr < KERN_BASE && is_stack_growth(addr, rsp)) {
		pg = spt_add(p, va, &page_anon_ops, true);
		if (pg && pg->ops->fault_in(pg, &failure) == 0)
			outcome = "stack-grow";
	} else if (!pg || (write && !pg->writable) || ((err & PF_ERR_FETCH) && !pg->exec)) {
		trace_fault(p, addr, err, "kill");
		ans->kill = true;
		return;
	} else if (!pg->frame) {
		if (pg->ops->fault_in(pg, &failure) == 0) {
			outcome = failure;
			if (write)
				pg->dirty = true;
		}
	} else if (write) {
		outcome = write_present(pg);
		if (outcome && pg->mapped_writable) {
			trace_fault(p, addr, err, outcome);
			return; /* already right: another fault raced to it */
		}
		if (outcome && !strcmp(outcome, "cow-reuse"))
			vspace_unmap(p->vspace, va, 1);
	} else {
		outcome = "spurious"; /* present and readable: nothing to do */
		trace_fault(p, addr, err, outcome);
		return;
	}
	if (!outcome) {
		trace_fault(p, addr, err, failure);
		ans->kill = true;
		return;
	}
	trace_fault(p, addr, err, outcome);
	answer_map(pg, ans);
}
