/* Page-fault decisions: find the page's record in the SPT, or make it at the first touch
 * of a page of an area (in the stack area: if the stack may grow there), or kill; bring
 * a missing page in through its kind; on a write, make the page writable: break
 * copy-on-write sharing, give back a stale swap slot, mark a file page dirty. The answer
 * maps at most one frame and resumes the thread (main.c sends it). */
#include <string.h>

#include "ops.h"
#include "pager.h"
#include "rootinfo.h"

/* Rights for pg's mapping: write only when the program may write, nobody shares the
 * frame, no swap slot holds a copy (the first write must fault, to give the slot back:
 * the copy would be stale) and, for a file page, the first write has been seen (it
 * makes the page dirty). */
uint32_t page_rights(const struct page *pg)
{
	uint32_t rights = RIGHT_READ;
	if (pg->exec)
		rights |= RIGHT_EXEC;
	bool noticed = pg->slot < 0 && (pg->dirty || pg->ops != &page_file_ops);
	if (pg->writable && pg->frame->refs == 1 && noticed)
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

void page_drop_slot(struct page *pg)
{
	if (pg->slot < 0)
		return;
	if (pg->frame && pg->frame->swap == pg->slot) { /* the frame no longer mirrors it */
		pg->frame->swap = -1;
		swap_mirror(pg->slot, NULL);
	}
	swap_put(pg->slot);
	pg->slot = -1;
}

/* A fault in the stack area where no page is yet: a new stack page if addr is at or above
 * rsp - 8 (a push or call writes just below rsp). */
static bool is_stack_growth(uint64_t addr, uint64_t rsp)
{
	return addr + 8 >= rsp;
}

/* Gives pg a frame of its own: a copy of the shared one (pinned meanwhile, so eviction
 * cannot take it). False without memory. */
static bool copy_frame(struct page *pg)
{
	struct frame *shared = pg->frame, *copy;
	shared->pinned = true;
	copy = frame_alloc(false);
	shared->pinned = false;
	if (!copy)
		return false;
	memcpy(frame_data(copy), frame_data(shared), PAGE);
	page_unmap(pg);
	frame_detach(pg);
	frame_attach(copy, pg);
	return true;
}

/* A write to pg (writable, with a frame, mapped read-only if mapped): what it becomes;
 * OUT_SPURIOUS if the mapping is right already, OUT_KILL_NO_MEMORY without memory. */
static enum fault_outcome make_writable(struct page *pg, bool mapped)
{
	if (pg->mapped_writable)
		return OUT_SPURIOUS;
	enum fault_outcome outcome = pg->slot >= 0 ? OUT_WRITE_AFTER_SWAP :
				     pg->cow ? OUT_COW_REUSE : OUT_WRITE_ENABLE;
	if (pg->frame->refs > 1) {
		if (!copy_frame(pg))
			return OUT_KILL_NO_MEMORY;
		outcome = OUT_COW_COPY;
	} else if (mapped) {
		page_unmap(pg); /* mapped read-only: the reply maps it again, writable */
	}
	page_drop_slot(pg);
	pg->dirty = true;
	pg->cow = false;
	return outcome;
}

/* The rule refusing a fault at addr outside every area of p. */
static enum fault_rule no_area_rule(const struct process *p, uint64_t addr, uint64_t rsp)
{
	if (addr >= KERNEL_HALF)
		return RULE_KERNEL_HALF;
	if (addr < USER_STACK - STACK_LIMIT && addr + 8 >= rsp && rsp > p->brk)
		return RULE_STACK_LIMIT; /* a push or a frame below the stack area */
	return RULE_NO_MAPPING;
}

/* The rule refusing access err to memory that is (writable, exec), or RULE_NONE. */
static enum fault_rule access_rule(bool writable, bool exec, uint64_t err)
{
	if ((err & PF_ERR_WRITE) && !writable)
		return RULE_READ_ONLY;
	if ((err & PF_ERR_FETCH) && !exec)
		return RULE_NOT_EXEC;
	return RULE_NONE;
}

/* The rule refusing a fault at addr where p has no page record: none when area a
 * (NULL: none) allows the access and, in the stack area, the stack may grow there. */
static enum fault_rule untouched_rule(const struct process *p, const struct area *a, uint64_t addr,
				      uint64_t err, uint64_t rsp)
{
	if (!a)
		return no_area_rule(p, addr, rsp);
	if (a->kind == VM_STACK && !is_stack_growth(addr, rsp))
		return RULE_BELOW_STACK;
	return access_rule(a->writable, a->exec, err);
}

/* Ends the fault with the kill of its process by rule, traced as outcome. */
static void refuse(struct process *p, uint64_t addr, uint64_t err, enum fault_rule rule,
		   enum fault_outcome outcome, struct fault_answer *ans)
{
	trace_fault(p, addr, err, outcome);
	ans->kill = rule;
}

/* Brings pg (no frame) in; on a write, makes it writable too. The outcome, or a kill. */
static enum fault_outcome bring_in(struct process *p, struct page *pg, uint64_t addr,
				   uint64_t err)
{
	enum fault_outcome outcome = OUT_KILL_NO_MEMORY; /* unless fault_in says */
	if (pg->ops->fault_in(pg, &outcome) != 0 || !(err & PF_ERR_WRITE))
		return outcome;
	enum fault_outcome then = make_writable(pg, false);
	if (then == OUT_COW_COPY || then == OUT_WRITE_AFTER_SWAP) {
		trace_fault(p, addr, err, outcome); /* two decisions: brought in, then copied, */
		return then;                         /* or its slot given back */
	}
	return then == OUT_KILL_NO_MEMORY ? then : outcome;
}

/* The first touch of the untouched page at va of area a: a record for it, brought in. */
static enum fault_outcome first_touch(struct process *p, const struct area *a, uint64_t addr,
				      uint64_t err, struct page **pg)
{
	*pg = area_page(p, a, PAGE_DOWN(addr));
	if (!*pg)
		return OUT_KILL_NO_MEMORY;
	if (a->kind != VM_STACK)
		return bring_in(p, *pg, addr, err);
	enum fault_outcome outcome = OUT_KILL_NO_MEMORY;
	return (*pg)->ops->fault_in(*pg, &outcome) == 0 ? OUT_STACK_GROW : outcome;
}

void fault_handle(struct process *p, uint64_t addr, uint64_t err, uint64_t rsp,
		  struct fault_answer *ans)
{
	bool write = err & PF_ERR_WRITE;
	enum fault_outcome outcome;
	*ans = (struct fault_answer){ RULE_NONE, false, 0, 0 };
	struct page *pg = addr < KERN_BASE ? spt_find(&p->spt, PAGE_DOWN(addr)) : NULL;
	const struct area *a = pg || addr >= KERN_BASE ? NULL : area_find(p, addr);
	enum fault_rule rule = pg ? access_rule(pg->writable, pg->exec, err) :
				    untouched_rule(p, a, addr, err, rsp);
	if (rule != RULE_NONE) {
		refuse(p, addr, err, rule, OUT_KILL, ans);
		return;
	}
	if (!pg) {
		outcome = first_touch(p, a, addr, err, &pg);
		if (!pg) {
			refuse(p, addr, err, RULE_NO_PAGE_ROOM, outcome, ans);
			return;
		}
	} else if (!pg->frame) {
		outcome = bring_in(p, pg, addr, err);
	} else {
		outcome = write ? make_writable(pg, true) : OUT_SPURIOUS;
		if (outcome == OUT_SPURIOUS) {
			trace_fault(p, addr, err, outcome);
			return; /* the mapping is right already: resume */
		}
	}
	if (outcome == OUT_KILL_NO_MEMORY || outcome == OUT_KILL_IO_ERROR) {
		refuse(p, addr, err, outcome == OUT_KILL_IO_ERROR ? RULE_IO_ERROR : RULE_NO_MEMORY,
		       outcome, ans);
		return;
	}
	trace_fault(p, addr, err, outcome);
	answer_map(pg, ans);
}
