/* The memory queries (abi/vminfo.h) behind ps, vmstat and pmap: any process may ask
 * about any process. Metadata only (counts of pages, frames and slots; addresses,
 * rights and kinds of regions), never page contents; a query of an unknown pid answers
 * -1. The counters come from trace_fault and trace_evict (trace.c), so a query costs
 * nothing until it is asked. */
#include <string.h>

#include "ops.h"
#include "pager.h"
#include "rootinfo.h"
#include "uthread.h"

#define REGIONS_MAX PROC_AREAS_MAX

_Static_assert(VM_NAME_MAX == PROC_NAME_MAX, "a process name fits vm_proc.name");
_Static_assert(sizeof(struct vm_proc) <= PAGER_STR_MAX && sizeof(struct vm_stat) <= PAGER_STR_MAX &&
		       sizeof(struct vm_region) <= PAGER_STR_MAX,
	       "each reply fits the message words from MR4");

/* Sets *m to the reply r0 with n bytes of data from MR4. */
static bool reply(struct msg *m, int64_t r0, const void *data, size_t n)
{
	memcpy(&ipc_buf()->mr[PAGER_STR_MR], data, n);
	*m = (struct msg){ MSG_TAG(0, PAGER_STR_MR + (n + 7) / 8, 0), 0, { (uint64_t)r0, 0, 0, 0 } };
	return true;
}

static void count_proc(struct page *pg, void *arg)
{
	struct vm_proc *v = arg;
	v->records++;
	v->resident += pg->frame != NULL;
	v->swapped += !pg->frame && pg->slot >= 0;
	v->shared += pg->frame && pg->frame->refs > 1;
	v->slots += pg->slot >= 0;
}

bool vm_ps(struct process *caller, struct msg *m)
{
	(void)caller;
	int64_t from = (int64_t)m->mr[0];
	struct process *p = NULL;
	for (unsigned i = 0; i < PROC_MAX; i++) {
		struct process *q = proc_at(i);
		if (q->state != PROC_FREE && q->pid >= from && (!p || q->pid < p->pid))
			p = q;
	}
	struct vm_proc v = { 0 };
	if (!p)
		return reply(m, 0, &v, 0);
	v.pid = p->pid;
	v.parent = p->parent;
	v.state = p->state == PROC_RUNNING ? 1 : 2;
	v.evicted = p->evicted;
	memcpy(v.faults, p->outcomes, sizeof v.faults);
	memcpy(v.name, p->name, sizeof v.name);
	v.pages = (uint32_t)area_pages(p);
	spt_each(&p->spt, count_proc, &v);
	return reply(m, 1, &v, sizeof v);
}

bool vm_stat(struct process *caller, struct msg *m)
{
	(void)caller;
	struct vm_stat v = { .frames_budget = frames_budget(), .swap_slots = swap_slots(),
			     .swap_used = swap_in_use(), .processes = proc_live() };
	uint64_t free_bytes;
	pool_info(process_pool, &free_bytes, &v.process_kernel_max);
	v.process_kernel = v.process_kernel_max - free_bytes;
	for (unsigned i = 0; i < PROC_MAX; i++)
		v.page_records += proc_at(i)->spt.count;
	for (uint64_t i = 0; i < frame_count(); i++) {
		const struct frame *f = frame_at(i);
		if (!f->refs)
			continue;
		v.frames_used++;
		v.frames_shared += f->refs > 1;
		v.frames_by_kind[f->rmap->ops->frame_kind]++;
	}
	memcpy(v.faults, faults_ended, sizeof v.faults);
	for (unsigned i = 0; i < PROC_MAX; i++)
		for (unsigned k = 0; proc_at(i)->state == PROC_RUNNING && k < FAULT_OUTCOMES; k++)
			v.faults[k] += proc_at(i)->outcomes[k];
	memcpy(v.evictions, evictions_total, sizeof v.evictions);
	return reply(m, 1, &v, sizeof v);
}

/* The regions of p: its areas, in address order. */
static unsigned regions_of(const struct process *p, struct vm_region *r)
{
	unsigned n = 0;
	for (const struct area *a = p->areas; a && n < REGIONS_MAX; a = a->next, n++) {
		r[n] = (struct vm_region){ .start = a->start, .end = a->end, .kind = a->kind,
					   .rights = VM_READ | (a->writable ? VM_WRITE : 0) |
						     (a->exec ? VM_EXEC : 0),
					   .pages = (uint32_t)((a->end - a->start) / PAGE) };
		if (a->kind == VM_MMAP) {
			r[n].offset = a->offset;
			r[n].file = a->file_id;
		} else if (a->kind != VM_HEAP && a->kind != VM_STACK) {
			r[n].offset = a->offset;
			strncpy(r[n].path, p->exe ? p->exe->path : "", sizeof r[n].path - 1);
		}
	}
	return n;
}

struct census {
	struct vm_region *r;
	unsigned n;
};

/* Counts pg in the region holding it. */
static void count_region(struct page *pg, void *arg)
{
	struct census *c = arg;
	for (unsigned i = 0; i < c->n; i++) {
		struct vm_region *r = &c->r[i];
		if (pg->addr < r->start || pg->addr >= r->end)
			continue;
		r->resident += pg->frame != NULL;
		r->swapped += !pg->frame && pg->slot >= 0;
		r->shared += pg->frame && pg->frame->refs > 1;
		r->dirty += pg->dirty;
		return;
	}
}

bool vm_pmap(struct process *caller, struct msg *m)
{
	(void)caller;
	struct process *p = m->mr[0] <= (uint64_t)INT32_MAX ? proc_find((int)m->mr[0]) : NULL;
	struct vm_region r[REGIONS_MAX];
	if (!p)
		return reply(m, -1, r, 0);
	struct census c = { r, p->state == PROC_RUNNING ? regions_of(p, r) : 0 }; /* a zombie has none */
	if (m->mr[1] >= c.n)
		return reply(m, 0, r, 0);
	spt_each(&p->spt, count_region, &c);
	struct vm_region *one = &r[m->mr[1]];
	one->untouched = one->pages - one->resident - one->swapped;
	return reply(m, 1, one, sizeof *one);
}
