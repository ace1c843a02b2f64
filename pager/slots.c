/* The pager's capability slots: those past the range objects.h hands out (used only to
 * start the disk server), recycled through a free stack. */
#include <stdlib.h>

#include "ops.h"
#include "pager.h"
#include "rootinfo.h"

static uint64_t next, *free_stack, free_top, free_room;

void slots_init(uint64_t first)
{
	next = first;
	free_room = ROOT_CAPTABLE_SLOTS - first;
	free_stack = malloc(free_room * sizeof *free_stack);
	if (!free_stack)
		pager_panic("no memory for the slot table");
}

uint64_t slot_get(void)
{
	if (free_top)
		return free_stack[--free_top];
	return next < ROOT_CAPTABLE_SLOTS ? next++ : 0;
}

void slot_put(uint64_t slot)
{
	cap_delete(slot);
	free_stack[free_top++] = slot;
}

uint64_t object_new(uint64_t type, uint64_t size)
{
	return object_new_in(SLOT_POOL, type, size);
}

uint64_t object_new_in(uint64_t pool, uint64_t type, uint64_t size)
{
	uint64_t slot = slot_get();
	if (!slot)
		return 0;
	if (pool_create(pool, type, slot, size)) {
		free_stack[free_top++] = slot;
		return 0;
	}
	return slot;
}
