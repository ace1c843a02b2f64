/* Frame allocator glue: places the frame bitmap in free memory and answers requests. */
#include "pmm.h"

#include "frames.h"
#include "memlayout.h"
#include "panic.h"

static struct frame_bitmap bitmap;
static uint64_t total_frames;

static uint64_t highest_free_frame(const struct boot_info *bi)
{
	uint64_t top = 0;
	for (uint32_t i = 0; i < bi->mem_count; i++) {
		const struct boot_mem_range *r = &bi->mem[i];
		if ((r->type == BOOT_MEM_FREE || r->type == BOOT_MEM_LOADER_PT) &&
		    r->base / PAGE_SIZE + r->pages > top)
			top = r->base / PAGE_SIZE + r->pages;
	}
	return top;
}

/* Returns the physical address of a free range of at least bytes, above frame 0. */
static uint64_t find_bitmap_home(const struct boot_info *bi, uint64_t bytes)
{
	for (uint32_t i = 0; i < bi->mem_count; i++) {
		const struct boot_mem_range *r = &bi->mem[i];
		uint64_t base = r->base ? r->base : PAGE_SIZE;
		uint64_t end = r->base + r->pages * PAGE_SIZE;
		if (r->type == BOOT_MEM_FREE && end > base && end - base >= bytes)
			return base;
	}
	panic("pmm_init: no free range for a %lu-byte frame bitmap", bytes);
}

void pmm_init(const struct boot_info *bi)
{
	uint64_t nframes = highest_free_frame(bi);
	uint64_t bytes = PAGE_ROUND_UP(frames_storage_words(nframes) * 8);
	uint64_t home = find_bitmap_home(bi, bytes);
	frames_init(&bitmap, phys_to_virt(home), nframes);
	for (uint32_t i = 0; i < bi->mem_count; i++)
		if (bi->mem[i].type == BOOT_MEM_FREE)
			frames_release_range(&bitmap, bi->mem[i].base / PAGE_SIZE, bi->mem[i].pages);
	frames_reserve_range(&bitmap, 0, 1);
	frames_reserve_range(&bitmap, home / PAGE_SIZE, bytes / PAGE_SIZE);
	total_frames = bitmap.nfree;
}

uint64_t pmm_alloc(uint64_t count)
{
	uint64_t f = frames_alloc(&bitmap, count);
	return f == FRAME_NONE ? 0 : f * PAGE_SIZE;
}

void pmm_free(uint64_t pa, uint64_t count)
{
	if ((pa & (PAGE_SIZE - 1)) || !frames_free(&bitmap, pa / PAGE_SIZE, count))
		panic("pmm_free: 0x%lx (+%lu frames) is not an allocated run", pa, count);
}

void pmm_release_loader_tables(const struct boot_info *bi)
{
	for (uint32_t i = 0; i < bi->mem_count; i++) {
		const struct boot_mem_range *r = &bi->mem[i];
		if (r->type != BOOT_MEM_LOADER_PT)
			continue;
		frames_release_range(&bitmap, r->base / PAGE_SIZE, r->pages);
		total_frames += r->pages;
	}
}

uint64_t pmm_free_frames(void) { return bitmap.nfree; }
uint64_t pmm_total_frames(void) { return total_frames; }
