/* The supplemental page table: a process's pages in a hash table keyed by page address
 * (chained buckets, doubled when the table holds more pages than buckets). */
#include <stdlib.h>

#include "ops.h"
#include "pager.h"

#define SPT_FIRST_BUCKETS 64

static uint64_t bucket_of(const struct spt *t, uint64_t addr)
{
	return ((addr >> 12) * 0x9e3779b97f4a7c15ull >> 20) & (t->nbuckets - 1);
}

void spt_init(struct spt *t)
{
	*t = (struct spt){ NULL, 0, 0 };
}

struct page *spt_find(const struct spt *t, uint64_t addr)
{
	if (!t->nbuckets)
		return NULL;
	for (struct page *pg = t->buckets[bucket_of(t, addr)]; pg; pg = pg->hash_next)
		if (pg->addr == addr)
			return pg;
	return NULL;
}

/* Doubles the buckets (or makes the first ones); false without memory. */
static bool grow(struct spt *t)
{
	uint64_t n = t->nbuckets ? t->nbuckets * 2 : SPT_FIRST_BUCKETS;
	struct page **b = calloc(n, sizeof *b);
	if (!b)
		return false;
	struct spt bigger = { b, n, t->count };
	for (uint64_t i = 0; i < t->nbuckets; i++) {
		while (t->buckets[i]) {
			struct page *pg = t->buckets[i];
			t->buckets[i] = pg->hash_next;
			uint64_t k = bucket_of(&bigger, pg->addr);
			pg->hash_next = b[k];
			b[k] = pg;
		}
	}
	free(t->buckets);
	*t = bigger;
	return true;
}

struct page *spt_add(struct process *p, uint64_t addr, const struct page_ops *ops, bool writable)
{
	struct spt *t = &p->spt;
	if (t->count >= PROC_PAGES_MAX || spt_find(t, addr))
		return NULL;
	if (t->count >= t->nbuckets && !grow(t) && !t->nbuckets)
		return NULL;
	struct page *pg = calloc(1, sizeof *pg);
	if (!pg)
		return NULL;
	pg->addr = addr;
	pg->ops = ops;
	pg->proc = p;
	pg->writable = writable;
	pg->slot = -1;
	uint64_t k = bucket_of(t, addr);
	pg->hash_next = t->buckets[k];
	t->buckets[k] = pg;
	t->count++;
	return pg;
}

void spt_remove(struct page *pg)
{
	struct spt *t = &pg->proc->spt;
	pg->ops->destroy(pg);
	if (pg->frame) {
		if (pg->proc->vspace) /* else the whole address space is gone already */
			vspace_unmap(pg->proc->vspace, pg->addr, 1);
		frame_detach(pg);
	}
	struct page **link = &t->buckets[bucket_of(t, pg->addr)];
	while (*link != pg)
		link = &(*link)->hash_next;
	*link = pg->hash_next;
	t->count--;
	free(pg);
}

void spt_each(struct spt *t, void (*fn)(struct page *pg, void *arg), void *arg)
{
	for (uint64_t i = 0; i < t->nbuckets; i++) {
		struct page *pg = t->buckets[i];
		while (pg) {
			struct page *next = pg->hash_next;
			fn(pg, arg);
			pg = next;
		}
	}
}

void spt_free(struct spt *t)
{
	free(t->buckets);
	spt_init(t);
}
