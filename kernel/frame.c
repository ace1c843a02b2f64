/* Frame objects, and the reverse map from a mapped physical page to its frame object. */
#include "frame.h"

#include <stddef.h>

#include "cap.h"
#include "heap.h"
#include "invoke.h"
#include "memlayout.h"
#include "panic.h"
#include "pmm.h"
#include "pool.h"

/* Mapped frames by physical address: an open-addressed hash table, grown as needed. */
static struct frame **tracked;
static uint64_t tracked_size, tracked_count;

static uint64_t slot_of(uint64_t phys, uint64_t size) { return (phys / PAGE_SIZE * 0x9e3779b97f4a7c15ull) & (size - 1); }

static void insert(struct frame **table, uint64_t size, struct frame *f)
{
	uint64_t i = slot_of(f->phys, size);
	while (table[i])
		i = (i + 1) & (size - 1);
	table[i] = f;
}

static bool grow(void)
{
	uint64_t size = tracked_size ? tracked_size * 2 : 1024;
	struct frame **table = kmalloc(size * sizeof *table);
	if (!table)
		return false;
	for (uint64_t i = 0; i < tracked_size; i++)
		if (tracked[i])
			insert(table, size, tracked[i]);
	kfree(tracked);
	tracked = table;
	tracked_size = size;
	return true;
}

/* Registers f; false if the map cannot grow (out of kernel memory). */
static bool track(struct frame *f)
{
	if ((tracked_count + 1) * 2 > tracked_size && !grow())
		return false;
	insert(tracked, tracked_size, f);
	tracked_count++;
	return true;
}

struct frame *frame_of(uint64_t phys)
{
	if (!tracked_size)
		return NULL;
	for (uint64_t i = slot_of(phys, tracked_size); tracked[i]; i = (i + 1) & (tracked_size - 1))
		if (tracked[i]->phys == phys)
			return tracked[i];
	return NULL;
}

static void untrack(uint64_t phys)
{
	uint64_t i = slot_of(phys, tracked_size);
	while (tracked[i] && tracked[i]->phys != phys)
		i = (i + 1) & (tracked_size - 1);
	if (!tracked[i])
		panic("frame untrack: 0x%lx is not registered", phys);
	tracked[i] = NULL;
	tracked_count--;
	/* Re-insert the rest of the cluster so lookups still find them. */
	for (i = (i + 1) & (tracked_size - 1); tracked[i]; i = (i + 1) & (tracked_size - 1)) {
		struct frame *f = tracked[i];
		tracked[i] = NULL;
		insert(tracked, tracked_size, f);
	}
}

struct frame *frame_create(struct pool *pool)
{
	struct frame *f = kobj_alloc(pool, OBJ_FRAME, sizeof *f, PAGE_SIZE);
	uint64_t pa = f ? pmm_alloc(1) : 0;
	if (pa) {
		f->phys = pa;
		if (!track(f)) {
			pmm_free(pa, 1);
			pa = 0;
		}
	}
	if (!pa) {
		if (f)
			kobj_discard(&f->obj);
		return NULL;
	}
	uint64_t *words = phys_to_virt(pa);
	for (uint64_t i = 0; i < PAGE_SIZE / 8; i++)
		words[i] = 0;
	return f;
}

struct frame *frame_create_at(struct pool *pool, uint64_t phys, bool device)
{
	struct frame *f = kobj_alloc(pool, OBJ_FRAME, sizeof *f, 0);
	if (!f)
		return NULL;
	f->phys = phys;
	f->device = device;
	f->boot = !device;
	if (!track(f)) {
		kobj_discard(&f->obj);
		return NULL;
	}
	return f;
}

void frame_destroy(struct kobj *o)
{
	struct frame *f = (struct frame *)o;
	untrack(f->phys);
	if (!f->device && !f->boot)
		pmm_free(f->phys, 1);
	kfree(f);
}

int64_t frame_invoke(struct invocation *inv)
{
	if (inv->op != OP_FRAME_INFO)
		return ERR_INVALID_OP;
	struct frame *f = (struct frame *)inv->cap->obj;
	inv->r[0] = f->phys;
	inv->r[1] = f->device;
	return ERR_OK;
}
