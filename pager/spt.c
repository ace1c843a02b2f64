/* The supplemental page table: a process's page records in a hash table keyed by page
 * address (chained buckets, doubled when the table holds more pages than buckets). The
 * records come in chunks from the pager's heap and are reused once their pages go. */
#include <stdlib.h>
#include <string.h>

#include "ops.h"
#include "pager.h"

#define SPT_FIRST_BUCKETS 64
#define RECORDS_PER_CHUNK 64 /* records the pager's heap gives at a time */

static struct page *spare; /* records of removed pages, linked by hash_next, for reuse */

/* A zeroed record: a spare one, or one of a fresh chunk; NULL without memory. */
static struct page *record_new(void)
{
	if (!spare) {
		struct page *chunk = malloc(RECORDS_PER_CHUNK * sizeof *chunk);
		if (!chunk)
			return NULL;
		for (unsigned i = 0; i < RECORDS_PER_CHUNK; i++) {
			chunk[i].hash_next = spare;
			spare = &chunk[i];
		}
	}
	struct page *pg = spare;
	spare = pg->hash_next;
	memset(pg, 0, sizeof *pg);
	return pg;
}

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
	if (t->count >= t->nbuckets && !grow(t) && !t->nbuckets)
		return NULL;
	struct page *pg = record_new();
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
	pg->hash_next = spare;
	spare = pg;
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
