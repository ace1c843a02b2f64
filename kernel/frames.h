/* A bitmap of physical page frames: the data structure under the frame allocator.
 * Pure code (no hardware, no globals), so host unit tests exercise it directly. */
#ifndef KERNEL_FRAMES_H
#define KERNEL_FRAMES_H

#include <stdbool.h>
#include <stdint.h>

#define FRAME_NONE UINT64_MAX

/* One bit per frame, set = in use. */
struct frame_bitmap {
	uint64_t *bits;
	uint64_t nframes;
	uint64_t nfree;
	uint64_t hint; /* frames below this are all in use */
};

/* Number of uint64_t words of storage a bitmap of nframes frames needs. */
uint64_t frames_storage_words(uint64_t nframes);
/* Sets up fb over caller-provided storage with every frame in use. */
void frames_init(struct frame_bitmap *fb, uint64_t *storage, uint64_t nframes);
/* Marks [first, first + count) free (clipped to the bitmap); frames already free stay
 * free. Used while building the allocator from the memory map. */
void frames_release_range(struct frame_bitmap *fb, uint64_t first, uint64_t count);
/* Marks [first, first + count) in use (clipped). */
void frames_reserve_range(struct frame_bitmap *fb, uint64_t first, uint64_t count);
/* Allocates count contiguous frames, lowest first; returns the first frame number or
 * FRAME_NONE (nothing changes) when no such run is free. */
uint64_t frames_alloc(struct frame_bitmap *fb, uint64_t count);
/* Frees count frames at first. Returns false and changes nothing if any of them is
 * out of range or already free (a double free). */
bool frames_free(struct frame_bitmap *fb, uint64_t first, uint64_t count);
/* True if frame is in use; frames beyond the bitmap count as in use. */
bool frames_is_used(const struct frame_bitmap *fb, uint64_t frame);

#endif
