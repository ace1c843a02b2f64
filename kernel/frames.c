/* The frame bitmap: first-fit search from a hint below which every frame is used. */
#include "frames.h"

#include <stddef.h>

static void set_bit(struct frame_bitmap *fb, uint64_t f) { fb->bits[f / 64] |= 1ull << (f % 64); }
static void clear_bit(struct frame_bitmap *fb, uint64_t f) { fb->bits[f / 64] &= ~(1ull << (f % 64)); }

bool frames_is_used(const struct frame_bitmap *fb, uint64_t frame)
{
	return frame >= fb->nframes || (fb->bits[frame / 64] >> (frame % 64)) & 1;
}

uint64_t frames_storage_words(uint64_t nframes) { return (nframes + 63) / 64; }

void frames_init(struct frame_bitmap *fb, uint64_t *storage, uint64_t nframes)
{
	fb->bits = storage;
	fb->nframes = nframes;
	fb->nfree = 0;
	fb->hint = nframes;
	for (uint64_t i = 0; i < frames_storage_words(nframes); i++)
		storage[i] = ~0ull;
}

static uint64_t clip_end(const struct frame_bitmap *fb, uint64_t first, uint64_t count)
{
	if (first >= fb->nframes)
		return first;
	return count > fb->nframes - first ? fb->nframes : first + count;
}

void frames_release_range(struct frame_bitmap *fb, uint64_t first, uint64_t count)
{
	uint64_t end = clip_end(fb, first, count);
	for (uint64_t f = first; f < end; f++) {
		if (frames_is_used(fb, f)) {
			clear_bit(fb, f);
			fb->nfree++;
		}
	}
	if (first < end && first < fb->hint)
		fb->hint = first;
}

void frames_reserve_range(struct frame_bitmap *fb, uint64_t first, uint64_t count)
{
	uint64_t end = clip_end(fb, first, count);
	for (uint64_t f = first; f < end; f++) {
		if (!frames_is_used(fb, f)) {
			set_bit(fb, f);
			fb->nfree--;
		}
	}
}

/* Returns the first free frame at or after f, or nframes. Skips whole used words. */
static uint64_t next_free(const struct frame_bitmap *fb, uint64_t f)
{
	while (f < fb->nframes) {
		if (f % 64 == 0 && fb->bits[f / 64] == ~0ull) {
			f += 64;
			continue;
		}
		if (!frames_is_used(fb, f))
			return f;
		f++;
	}
	return fb->nframes;
}

uint64_t frames_alloc(struct frame_bitmap *fb, uint64_t count)
{
	if (count == 0 || count > fb->nfree)
		return FRAME_NONE;
	uint64_t start = next_free(fb, fb->hint);
	fb->hint = start;
	while (start < fb->nframes) {
		uint64_t run = 0;
		while (run < count && start + run < fb->nframes && !frames_is_used(fb, start + run))
			run++;
		if (run == count) {
			frames_reserve_range(fb, start, count);
			if (start == fb->hint)
				fb->hint = start + count;
			return start;
		}
		start = next_free(fb, start + run);
	}
	return FRAME_NONE;
}

bool frames_free(struct frame_bitmap *fb, uint64_t first, uint64_t count)
{
	if (first >= fb->nframes || count > fb->nframes - first)
		return false;
	for (uint64_t f = first; f < first + count; f++)
		if (!frames_is_used(fb, f))
			return false;
	frames_release_range(fb, first, count);
	return true;
}
