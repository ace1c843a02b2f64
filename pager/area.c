/* Areas: the ranges of a process's address space, in address order. An area describes
 * its untouched pages; a page gets a record in the SPT at its first touch (area_page). */
#include <stdlib.h>

#include "pager.h"

struct area *area_find(const struct process *p, uint64_t addr)
{
	for (struct area *a = p->areas; a && a->start <= addr; a = a->next)
		if (addr < a->end)
			return a;
	return NULL;
}

bool area_range_free(const struct process *p, uint64_t start, uint64_t end)
{
	for (const struct area *a = p->areas; a && a->start < end; a = a->next)
		if (a->end > start)
			return false;
	return true;
}

uint64_t area_pages(const struct process *p)
{
	uint64_t n = 0;
	for (const struct area *a = p->areas; a; a = a->next)
		n += (a->end - a->start) / PAGE;
	return n;
}

struct area *area_add(struct process *p, const struct area *a)
{
	unsigned count = 0;
	for (const struct area *q = p->areas; q; q = q->next)
		count++;
	if (count >= PROC_AREAS_MAX || a->start >= a->end || !area_range_free(p, a->start, a->end) ||
	    area_pages(p) + (a->end - a->start) / PAGE > PROC_PAGES_MAX)
		return NULL;
	struct area *copy = malloc(sizeof *copy);
	if (!copy)
		return NULL;
	*copy = *a;
	struct area **link = &p->areas;
	while (*link && (*link)->start < a->start)
		link = &(*link)->next;
	copy->next = *link;
	*link = copy;
	return copy;
}

bool area_grow(struct process *p, struct area *a, uint64_t end)
{
	if (end < a->end || (a->next && end > a->next->start) ||
	    area_pages(p) + (end - a->end) / PAGE > PROC_PAGES_MAX)
		return false;
	a->end = end;
	return true;
}

struct range {
	uint64_t start, end;
};

static void remove_in(struct page *pg, void *arg)
{
	const struct range *r = arg;
	if (pg->addr >= r->start && pg->addr < r->end)
		spt_remove(pg);
}

/* Removes every record of p in [start, end): one lookup per page, or one pass over the
 * records when the range has more pages than p has records. */
static void remove_records(struct process *p, uint64_t start, uint64_t end)
{
	if ((end - start) / PAGE > p->spt.count) {
		struct range r = { start, end };
		spt_each(&p->spt, remove_in, &r);
		return;
	}
	for (uint64_t va = start; va < end; va += PAGE) {
		struct page *pg = spt_find(&p->spt, va);
		if (pg)
			spt_remove(pg);
	}
}

void area_remove(struct process *p, struct area *a)
{
	remove_records(p, a->start, a->end);
	struct area **link = &p->areas;
	while (*link != a)
		link = &(*link)->next;
	*link = a->next;
	free(a);
}

uint64_t area_file_page(const struct area *a, uint64_t va, uint32_t *bytes)
{
	uint64_t into = va - a->start;
	uint64_t left = a->file_bytes > into ? a->file_bytes - into : 0;
	*bytes = (uint32_t)(left < PAGE ? left : PAGE);
	return a->offset + into;
}

struct page *area_page(struct process *p, const struct area *a, uint64_t va)
{
	struct page *pg = spt_add(p, va, a->ops, a->writable);
	if (!pg)
		return NULL;
	pg->exec = a->exec;
	a->ops->describe(pg, a);
	return pg;
}

void areas_free(struct process *p)
{
	while (p->areas) {
		struct area *a = p->areas;
		p->areas = a->next;
		free(a);
	}
}
