/* Slot allocation, object creation and frame filling for the root task (objects.h). */
#include "objects.h"

#include <string.h>
#include "ops.h"
#include "uthread.h"

static uint64_t pool_slot, vspace_slot, next_slot, slot_limit;

void objects_init(uint64_t pool, uint64_t vspace, uint64_t first, uint64_t limit)
{
	pool_slot = pool;
	vspace_slot = vspace;
	next_slot = first;
	slot_limit = limit;
}

uint64_t slot_alloc(void)
{
	return next_slot < slot_limit ? next_slot++ : 0;
}

int64_t obj_new(uint64_t type, uint64_t size, uint64_t *slot)
{
	*slot = slot_alloc();
	if (!*slot)
		return ERR_SLOT_FULL;
	return pool_create(pool_slot, type, *slot, size);
}

int64_t frame_fill(uint64_t frame, const void *src, size_t n, size_t off)
{
	int64_t err = vspace_map(vspace_slot, frame, SCRATCH_ADDR, RIGHT_READ | RIGHT_WRITE);
	if (err)
		return err;
	unsigned char *page = (unsigned char *)SCRATCH_ADDR;
	memset(page, 0, PAGE_SIZE);
	memcpy(page + off, src, n);
	return vspace_unmap(vspace_slot, SCRATCH_ADDR, 1);
}
