/* Anonymous pages: BSS, heap, stack, and loaded writable segment pages. The first touch
 * gets a zero-filled frame; afterwards the frame is the only copy of the contents until
 * eviction writes it to a swap slot (swap.c), from which the next touch reads it back.
 * Copy-on-write sharers share the slot and, once read back, the frame. */
#include "pager.h"

/* Brings pg's contents back from its swap slot: into the frame that mirrors the slot if
 * another sharer read it already, else into a fresh frame. */
static int swap_in(struct page *pg, enum fault_outcome *outcome)
{
	struct frame *f = swap_frame(pg->slot);
	if (f) {
		frame_attach(f, pg);
		*outcome = OUT_SWAP_SHARED;
		return 0;
	}
	f = frame_alloc(false);
	if (!f)
		return -1;
	if (disk_swap_read(pg->slot, f) < 0) {
		frame_discard(f);
		*outcome = OUT_KILL_IO_ERROR;
		return -1;
	}
	swap_mirror(pg->slot, f);
	frame_attach(f, pg);
	*outcome = OUT_SWAP_IN;
	return 0;
}

static int anon_fault_in(struct page *pg, enum fault_outcome *outcome)
{
	if (pg->slot >= 0)
		return swap_in(pg, outcome);
	struct frame *f = frame_alloc(true);
	if (!f)
		return -1;
	frame_attach(f, pg);
	*outcome = OUT_ZERO_FILL;
	return 0;
}

/* Zeros until touched: nothing to describe. */
static void anon_describe(struct page *pg, const struct area *a)
{
	(void)pg, (void)a;
}

static void anon_fork(const struct page *parent, struct page *child)
{
	child->slot = parent->slot;
	if (child->slot >= 0)
		swap_hold(child->slot);
}

static void anon_destroy(struct page *pg)
{
	if (pg->slot >= 0)
		swap_put(pg->slot);
	pg->slot = -1;
}

/* Writes f to a swap slot, unless a slot mirrors it already (read back and not written
 * since: every holder still holds that slot), and leaves every holder pointing at it. */
static enum evict_outcome anon_evict(struct frame *f)
{
	int64_t s = f->swap;
	enum evict_outcome how = EVICT_SWAP_CLEAN;
	if (s < 0) {
		if (swap_in_use() == swap_slots())
			return EVICT_OUTCOMES; /* swap is full: no need to look for a slot */
		s = swap_alloc();
		frame_write_protect(f);
		if (s < 0 || disk_swap_write(s, f) < 0)
			return EVICT_OUTCOMES; /* resident, read-only: the next write faults and remaps */
		how = EVICT_SWAP_OUT;
	}
	swap_mirror(s, NULL);
	f->swap = -1;
	while (f->rmap) {
		struct page *pg = f->rmap;
		page_unmap(pg);
		if (pg->slot >= 0 && pg->slot != s)
			pager_panic("anon_evict: page 0x%lx holds slot %ld, its frame %ld", pg->addr,
				    pg->slot, s);
		if (pg->slot != s) {
			pg->slot = s;
			swap_hold(s);
		}
		frame_detach(pg);
	}
	return how;
}

const struct page_ops page_anon_ops = { VM_FRAME_ANON, anon_fault_in,
					anon_describe, anon_fork, anon_destroy, anon_evict };
