/* The kernel heap: power-of-two size classes from 32 to 2048 bytes carved out of whole
 * frames, and whole-frame runs for anything larger. Every block starts with a header
 * naming its class, so kfree needs no size and catches double frees. */
#include "heap.h"

#include <stdbool.h>
#include <stdint.h>

#include "memlayout.h"
#include "panic.h"
#include "pmm.h"

#define HEADER_SIZE 16
#define MIN_CLASS_SHIFT 5  /* 32-byte blocks */
#define MAX_CLASS_SHIFT 11 /* 2048-byte blocks */
#define NCLASSES (MAX_CLASS_SHIFT - MIN_CLASS_SHIFT + 1)
#define MAGIC_USED 0x48454150u /* "HEAP" */
#define MAGIC_FREE 0x46524545u /* "FREE" */
#define CLASS_LARGE 0xffu
/* Larger requests fail at once (and size + HEADER_SIZE cannot wrap). */
#define HEAP_MAX_REQUEST (1ull << 40)

struct header {
	uint32_t magic;
	uint32_t class;  /* size-class index, or CLASS_LARGE */
	uint64_t frames; /* for large blocks: frames in the run */
};
_Static_assert(sizeof(struct header) == HEADER_SIZE, "heap header keeps 16-byte alignment");

struct free_block {
	struct header h;
	struct free_block *next;
};

static struct free_block *free_lists[NCLASSES];

static void *mem_zero(void *p, size_t n)
{
	uint8_t *b = p;
	for (size_t i = 0; i < n; i++)
		b[i] = 0;
	return p;
}

/* Carves a fresh frame into blocks of one class. Returns false when out of frames. */
static bool refill(unsigned class)
{
	uint64_t pa = pmm_alloc(1);
	if (!pa)
		return false;
	size_t block = 1ul << (class + MIN_CLASS_SHIFT);
	uint8_t *page = phys_to_virt(pa);
	for (size_t off = 0; off + block <= PAGE_SIZE; off += block) {
		struct free_block *fb = (struct free_block *)(page + off);
		fb->h = (struct header){ MAGIC_FREE, class, 0 };
		fb->next = free_lists[class];
		free_lists[class] = fb;
	}
	return true;
}

static void *alloc_large(size_t size)
{
	uint64_t frames = PAGE_ROUND_UP(size + HEADER_SIZE) / PAGE_SIZE;
	uint64_t pa = pmm_alloc(frames);
	if (!pa)
		return NULL;
	struct header *h = phys_to_virt(pa);
	*h = (struct header){ MAGIC_USED, CLASS_LARGE, frames };
	return mem_zero(h + 1, frames * PAGE_SIZE - HEADER_SIZE);
}

static unsigned class_of(size_t size)
{
	unsigned class = 0;
	while (class < NCLASSES && (1ul << (class + MIN_CLASS_SHIFT)) < size + HEADER_SIZE)
		class++;
	return class;
}

size_t kmalloc_block_size(size_t size)
{
	if (size > HEAP_MAX_REQUEST)
		return 0;
	unsigned class = class_of(size);
	return class == NCLASSES ? PAGE_ROUND_UP(size + HEADER_SIZE) : 1ul << (class + MIN_CLASS_SHIFT);
}

void *kmalloc(size_t size)
{
	if (size > HEAP_MAX_REQUEST)
		return NULL;
	unsigned class = class_of(size);
	if (class == NCLASSES)
		return alloc_large(size);
	if (!free_lists[class] && !refill(class))
		return NULL;
	struct free_block *fb = free_lists[class];
	free_lists[class] = fb->next;
	fb->h.magic = MAGIC_USED;
	return mem_zero(&fb->h + 1, (1ul << (class + MIN_CLASS_SHIFT)) - HEADER_SIZE);
}

void kfree(void *p)
{
	if (!p)
		return;
	struct header *h = (struct header *)p - 1;
	if (((uint64_t)p & (HEADER_SIZE - 1)) || h->magic != MAGIC_USED)
		panic("kfree: %p is not a live heap block (magic 0x%x)", p, h->magic);
	if (h->class == CLASS_LARGE) {
		h->magic = MAGIC_FREE;
		pmm_free(virt_to_phys(h), h->frames);
		return;
	}
	if (h->class >= NCLASSES)
		panic("kfree: %p has a corrupt header (class %u)", p, h->class);
	struct free_block *fb = (struct free_block *)h;
	fb->h.magic = MAGIC_FREE;
	fb->next = free_lists[h->class];
	free_lists[h->class] = fb;
}
