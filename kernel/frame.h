/* Frame objects: one 4 KiB page of RAM (from a pool) or of device memory. Mappings of a
 * frame hold references to it, so a mapped frame outlives its capabilities. */
#ifndef KERNEL_FRAME_H
#define KERNEL_FRAME_H

#include <stdbool.h>
#include <stdint.h>

#include "object.h"

struct cap;

struct frame {
	struct kobj obj;
	uint64_t phys;
	bool device; /* device memory: never returned to the allocator, mapped uncached */
	bool boot;   /* a boot module page: owned by the boot info, never freed */
};

/* Creates a zero-filled RAM frame charged to pool; NULL if out of memory or quota. */
struct frame *frame_create(struct pool *pool);
/* Creates a frame object for an existing physical page (device memory or a boot-module
 * page), its header charged to pool (NULL: nobody); NULL if out of memory or quota. */
struct frame *frame_create_at(struct pool *pool, uint64_t phys, bool device);
/* The frame object of a physical page (every live frame object is registered), so
 * unmapping can drop a mapping's reference; NULL if there is none. */
struct frame *frame_of(uint64_t phys);

#endif
