/* Swap slots on disk 1: a table of the disk server's DISK_SWAP_SLOTS slots, each with
 * the number of pages whose contents it holds (copy-on-write sharers share a slot, so a
 * shared page is written once) and the frame that mirrors it while one does (so the
 * sharers read it back into one frame). A slot is free at refs 0. */
#include <stdlib.h>

#include "pager.h"

struct swap_slot {
	uint32_t refs;
	struct frame *frame; /* in memory with the same bytes, or NULL */
};

static struct swap_slot *slots;
static uint64_t nslots, in_use, hint;

void swap_init(void)
{
	int64_t n = disk_swap_slots();
	nslots = n > 0 ? (uint64_t)n : 0;
	slots = calloc(nslots ? nslots : 1, sizeof *slots);
	if (!slots)
		pager_panic("no memory for a table of %lu swap slots", nslots);
}

uint64_t swap_slots(void) { return nslots; }
uint64_t swap_in_use(void) { return in_use; }
uint32_t swap_refs(int64_t s) { return slots[s].refs; }

int64_t swap_alloc(void)
{
	for (uint64_t n = 0; n < nslots; n++, hint = (hint + 1) % nslots)
		if (!slots[hint].refs)
			return (int64_t)hint;
	return -1;
}

void swap_hold(int64_t s)
{
	if (slots[s].refs++ == 0)
		in_use++;
}

void swap_put(int64_t s)
{
	if (slots[s].refs == 0)
		pager_panic("swap slot %ld released with no holder", s);
	if (--slots[s].refs)
		return;
	in_use--;
	if (slots[s].frame)
		slots[s].frame->swap = -1;
	slots[s].frame = NULL;
}

struct frame *swap_frame(int64_t s) { return slots[s].frame; }

void swap_mirror(int64_t s, struct frame *f)
{
	slots[s].frame = f;
	if (f)
		f->swap = s;
}
