/* The frame table: every frame of user memory the pager has made, each mapped once in
 * the pager itself (at FRAME_WINDOW + index * 4 KiB) so the pager can fill, copy and
 * zero it without mapping it again. Frames are made from the pool on first need, up to
 * the budget, kept for reuse when free, and taken from their pages by eviction when
 * the budget is spent. */
#include <stdlib.h>
#include <string.h>

#include "ops.h"
#include "pager.h"
#include "rootinfo.h"

#define FRAME_WINDOW 0x1000000000ull
#define SCRATCH_WINDOW 0x3000000000ull /* two pages for frame_copy_object */

static struct frame *table;       /* [budget] */
static uint64_t budget, made, used;
static uint64_t *free_stack, free_top; /* indexes of made frames with refs 0 */

void frame_init(uint64_t frames)
{
	budget = frames;
	table = calloc(budget, sizeof *table);
	free_stack = calloc(budget, sizeof *free_stack);
	if (!table || !free_stack)
		pager_panic("no memory for a frame table of %lu frames", budget);
}

void *frame_data(const struct frame *f) { return (void *)(FRAME_WINDOW + frame_index(f) * PAGE); }
uint64_t frame_index(const struct frame *f) { return (uint64_t)(f - table); }
uint64_t frames_in_use(void) { return used; }
uint64_t frames_budget(void) { return budget; }
struct frame *frame_at(uint64_t i) { return &table[i]; }
uint64_t frame_count(void) { return made; }

/* Makes frame number made from the pool; false when the pool or the slots run out. */
static bool make_frame(void)
{
	uint64_t slot = object_new(OBJ_FRAME, 0);
	if (!slot)
		return false;
	if (vspace_map(SLOT_VSPACE, slot, FRAME_WINDOW + made * PAGE, RIGHT_READ | RIGHT_WRITE)) {
		slot_put(slot);
		return false;
	}
	table[made].slot = slot;
	free_stack[free_top++] = made++;
	return true; /* the kernel hands out frames zeroed; reuse zeroes them again */
}

struct frame *frame_alloc(bool zero)
{
	if (free_top == 0 && (made == budget || !make_frame()) && !evict_one())
		return NULL;
	struct frame *f = &table[free_stack[--free_top]];
	f->refs = 0;
	f->rmap = NULL;
	f->cached_in = NULL;
	f->swap = -1;
	f->pinned = false;
	if (zero)
		memset(frame_data(f), 0, PAGE);
	used++;
	return f;
}

void frame_attach(struct frame *f, struct page *pg)
{
	pg->frame = f;
	pg->rmap_next = f->rmap;
	f->rmap = pg;
	f->refs++;
	f->referenced = true;
	check_touch(f);
}

/* A frame nobody holds: out of the executable's cache, back on the free stack. */
static void frame_free(struct frame *f)
{
	if (f->cached_in)
		f->cached_in->ro_pages[f->cache_index] = NULL;
	f->cached_in = NULL;
	if (f->swap >= 0)
		swap_mirror(f->swap, NULL);
	f->swap = -1;
	free_stack[free_top++] = frame_index(f);
	used--;
}

void frame_detach(struct page *pg)
{
	struct frame *f = pg->frame;
	if (!f)
		return;
	struct page **link = &f->rmap;
	while (*link && *link != pg)
		link = &(*link)->rmap_next;
	if (!*link)
		pager_panic("frame %lu: page 0x%lx missing from its reverse map", frame_index(f), pg->addr);
	*link = pg->rmap_next;
	pg->rmap_next = NULL;
	pg->frame = NULL;
	f->refs--;
	check_touch(f);
	if (f->refs == 0)
		frame_free(f);
}

void frame_discard(struct frame *f)
{
	if (f->refs)
		pager_panic("frame %lu discarded with %u holders", frame_index(f), f->refs);
	frame_free(f);
}

bool frame_copy_object(uint64_t dst, uint64_t src)
{
	const uint64_t to = SCRATCH_WINDOW, from = SCRATCH_WINDOW + PAGE;
	bool ok = !vspace_map(SLOT_VSPACE, dst, to, RIGHT_READ | RIGHT_WRITE) &&
		  !vspace_map(SLOT_VSPACE, src, from, RIGHT_READ);
	if (ok)
		memcpy((void *)to, (const void *)from, PAGE);
	vspace_unmap(SLOT_VSPACE, to, 2);
	return ok;
}
