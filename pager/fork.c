/* fork: the child gets a copy of every page descriptor; resident frames are shared, read
 * only in both processes (copy-on-write: fault.c copies on the first write, or only
 * restores write permission when one holder is left). The child's open files are copies
 * of the parent's (the disk server's DISK_FORK), its mmaps too. */
#include <stdlib.h>
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

/* Copies parent's mmaps into child (the file ids gain a holder); false without memory. */
static bool copy_maps(const struct process *parent, struct process *child)
{
	struct mapping **tail = &child->maps;
	for (const struct mapping *m = parent->maps; m; m = m->next) {
		struct mapping *copy = malloc(sizeof *copy);
		if (!copy)
			return false;
		*copy = *m;
		copy->next = NULL;
		mmap_hold(copy->file_id);
		*tail = copy;
		tail = &copy->next;
	}
	return true;
}

int fork_process(struct process *parent, const char *name, uint64_t rip, uint64_t rsp)
{
	struct process *c = proc_new(name, parent->pid);
	if (!c)
		return -1;
	c->exe = parent->exe;
	c->exe->users++;
	c->heap_start = parent->heap_start;
	c->brk = parent->brk;
	memcpy(c->segs, parent->segs, sizeof c->segs);
	c->nsegs = parent->nsegs;
	c->vspace = object_new(OBJ_VSPACE, 0);
	struct batch b = { c, 0, !c->vspace || !frame_copy_object(c->fd_frame, parent->fd_frame), 0 };
	if (!b.failed && !copy_maps(parent, c))
		b.failed = true;
	if (!b.failed)
		spt_each(&parent->spt, copy_page, &b);
	flush(&b);
	if (!b.failed && disk_fork((uint64_t)parent->pid, (uint64_t)c->pid) < 0)
		b.failed = true; /* the disk server's tables are full */
	if (b.failed || !process_start(c, rip, rsp, 0, 0)) {
		trace_event(parent, "fork-fail", "out of memory or open-file tables");
		proc_discard(c);
		return -1;
	}
	trace_event(parent, "fork", "-> pid %d (%lu frames shared)", c->pid, b.shared);
	return c->pid;
}
