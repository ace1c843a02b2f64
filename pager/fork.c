/* fork: the child gets a copy of every area and of every page record (pages never
 * touched have none, and cost nothing); resident frames are shared, read only in both
 * processes (copy-on-write: fault.c copies on the first write, or only
 * restores write permission when one holder is left). The child's open files are copies
 * of the parent's (the disk server's DISK_FORK), its mmaps too. */
#include <string.h>

#include "ops.h"
#include "pager.h"
#include "uthread.h"

/* Mappings of the child, made MAP_BATCH_MAX at a time through the IPC buffer. */
struct batch {
	struct process *child;
	uint64_t n;
	bool failed;
	uint64_t shared;
};

static void flush(struct batch *b)
{
	if (b->n && vspace_map_batch(b->child->vspace, b->n))
		b->failed = true;
	b->n = 0;
}

static void copy_page(struct page *pg, void *arg)
{
	struct batch *b = arg;
	if (b->failed)
		return;
	struct page *c = spt_add(b->child, pg->addr, pg->ops, pg->writable);
	if (!c) {
		b->failed = true;
		return;
	}
	c->exec = pg->exec;
	c->dirty = pg->dirty;
	pg->ops->fork(pg, c);
	if (!pg->frame)
		return;
	if (pg->mapped_writable) {
		vspace_protect(pg->proc->vspace, pg->addr, 1, page_rights(pg) & ~RIGHT_WRITE);
		pg->mapped_writable = false;
	}
	frame_attach(pg->frame, c);
	pg->cow = c->cow = pg->writable;
	b->shared++;
	struct map_batch_entry *e = (struct map_batch_entry *)ipc_buf()->words;
	e[b->n++] = (struct map_batch_entry){ c->frame->slot, c->addr | page_rights(c) };
	if (b->n == MAP_BATCH_MAX)
		flush(b);
}

/* Copies parent's areas into child (an mmap's file id gains a holder); false without
 * memory. */
static bool copy_areas(const struct process *parent, struct process *child)
{
	for (const struct area *a = parent->areas; a; a = a->next) {
		if (!area_add(child, a))
			return false;
		if (a->kind == VM_MMAP)
			mmap_hold(a->file_id);
	}
	return true;
}

/* Why parent may not fork now (the trace's words), or NULL: the process limit, or its
 * job's. */
static const char *fork_refusal(const struct process *parent)
{
	if (proc_used() >= PROC_MAX)
		return "process limit: 48 processes, zombies included";
	if (parent->pid != first_pid && proc_used() >= PROC_MAX - PROC_FIRST_ROOM)
		return "process limit: the last 4 slots are the first process's";
	if (parent->job && proc_job_size(parent->job) >= PROC_JOB_MAX)
		return "job limit: 40 processes, zombies included";
	return NULL;
}

int fork_process(struct process *parent, const char *name, uint64_t rip, uint64_t rsp)
{
	const char *refusal = fork_refusal(parent);
	struct process *c = refusal ? NULL : proc_new(name, parent->pid);
	if (!c) {
		trace_event(parent, "fork-fail", "%s", refusal ? refusal : "out of memory");
		return -1;
	}
	c->exe = parent->exe;
	c->exe->users++;
	c->heap_start = parent->heap_start;
	c->brk = parent->brk;
	c->vspace = object_new_in(process_pool, OBJ_VSPACE, 0);
	struct batch b = { c, 0, !c->vspace || !frame_copy_object(c->fd_frame, parent->fd_frame), 0 };
	if (!b.failed && !copy_areas(parent, c))
		b.failed = true;
	if (!b.failed)
		spt_each(&parent->spt, copy_page, &b);
	flush(&b);
	refusal = b.failed ? "out of memory" : NULL;
	if (!refusal && disk_fork((uint64_t)parent->pid, (uint64_t)c->pid) < 0)
		refusal = "the disk server's open-file tables are full";
	if (!refusal && !process_start(c, rip, rsp, 0, 0))
		refusal = "out of memory";
	if (refusal) {
		trace_event(parent, "fork-fail", "%s", refusal);
		proc_discard(c);
		return -1;
	}
	trace_event(parent, "fork", "-> pid %d (%lu frames shared)", c->pid, b.shared);
	return c->pid;
}
