/* Id tables: up to DISK_CLIENTS ids, each given a slot, found by a hash of the id with
 * linear probing (no tombstones: a removal moves later entries of its run back), and
 * slots taken from a stack of freed ones, else from those never used. Every operation
 * costs a probe run, not a walk of the table. */
#include "server.h"

/* The home bucket of id (Fibonacci hashing: pids and trusted ids are small and dense). */
static unsigned bucket_of(uint64_t id)
{
	return (unsigned)((id * 0x9E3779B97F4A7C15ull) >> 32) & (ID_BUCKETS - 1);
}

int id_find(const struct id_table *t, uint64_t id)
{
	for (unsigned b = bucket_of(id); t->bucket[b]; b = (b + 1) & (ID_BUCKETS - 1))
		if (t->id[t->bucket[b] - 1] == id)
			return t->bucket[b] - 1;
	return -1;
}

int id_add(struct id_table *t, uint64_t id)
{
	unsigned slot;
	if (t->nfreed)
		slot = t->freed[--t->nfreed];
	else if (t->fresh < DISK_CLIENTS)
		slot = t->fresh++;
	else
		return -1;
	t->id[slot] = id;
	unsigned b = bucket_of(id);
	while (t->bucket[b])
		b = (b + 1) & (ID_BUCKETS - 1);
	t->bucket[b] = (uint8_t)(slot + 1);
	return (int)slot;
}

void id_remove(struct id_table *t, unsigned slot)
{
	unsigned b = bucket_of(t->id[slot]);
	while (t->bucket[b] != slot + 1)
		b = (b + 1) & (ID_BUCKETS - 1);
	/* Later entries of the run whose home is not in (b, j] move back into the hole. */
	for (unsigned j = (b + 1) & (ID_BUCKETS - 1); t->bucket[j]; j = (j + 1) & (ID_BUCKETS - 1)) {
		unsigned home = bucket_of(t->id[t->bucket[j] - 1]);
		bool stays = b <= j ? (home > b && home <= j) : (home > b || home <= j);
		if (!stays) {
			t->bucket[b] = t->bucket[j];
			b = j;
		}
	}
	t->bucket[b] = 0;
	t->freed[t->nfreed++] = (uint8_t)slot;
}
