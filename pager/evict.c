/* Eviction: when the frame budget is spent, a clock (second-chance) sweep over the frame
 * table picks a victim. A frame whose mappings were accessed since the hand last passed
 * (the accessed bits, read and cleared through OP_VSPACE_AD_BITS), or that was attached
 * to a page since then (frame.referenced), gets a second chance;
 * the first one that was not is handed to its kind (page_ops.evict), which saves its
 * contents (swap, or the file) if needed and unmaps it from every page that holds it.
 * Frames pinned by the request in progress are skipped. */
#include "ops.h"
#include "pager.h"
#include "uthread.h"

static uint64_t hand;

/* Reads and clears the accessed and dirty bits of every mapping of f; dirty bits go
 * into the pages' dirty flags. True if any mapping was accessed. */
static bool referenced(struct frame *f)
{
	bool accessed = false;
	for (struct page *pg = f->rmap; pg; pg = pg->rmap_next) {
		if (!pg->proc->vspace || vspace_ad_bits(pg->proc->vspace, pg->addr, 1))
			continue;
		uint64_t bits = ipc_buf()->words[0] & 3;
		accessed |= bits & 1;
		if (bits & 2)
			pg->dirty = true;
	}
	return accessed;
}

void frame_write_protect(struct frame *f)
{
	for (struct page *pg = f->rmap; pg; pg = pg->rmap_next) {
		if (!pg->mapped_writable)
			continue;
		vspace_protect(pg->proc->vspace, pg->addr, 1, page_rights(pg) & ~RIGHT_WRITE);
		pg->mapped_writable = false;
	}
}

void page_unmap(struct page *pg)
{
	if (pg->proc->vspace)
		vspace_unmap(pg->proc->vspace, pg->addr, 1);
	pg->mapped_writable = false;
}

bool evict_one(void)
{
	uint64_t n = frame_count();
	for (uint64_t i = 0; n && i < 2 * n + 1; i++) {
		struct frame *f = frame_at(hand);
		hand = (hand + 1) % n;
		bool fresh = f->referenced;
		f->referenced = false;
		if (!f->refs || f->pinned || referenced(f) || fresh)
			continue;
		struct process *owner = f->rmap->proc;
		uint64_t addr = f->rmap->addr;
		enum evict_outcome how = f->rmap->ops->evict(f);
		if (how != EVICT_OUTCOMES) {
			trace_evict(owner, addr, how);
			return true;
		}
	}
	return false;
}
