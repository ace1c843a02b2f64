/* SYS_INVOKE: look the capability up, then hand the operation to its object type. */
#include "invoke.h"

#include <stddef.h>

#include "cap.h"
#include "notification.h"

static int64_t (*const by_type[OBJ_TYPE_COUNT])(struct invocation *inv) = {
	[OBJ_THREAD] = thread_invoke,
	[OBJ_VSPACE] = vspace_invoke,
	[OBJ_CAPTABLE] = captable_invoke,
	[OBJ_FRAME] = frame_invoke,
	[OBJ_POOL] = pool_invoke,
	[OBJ_IRQ] = irq_invoke,
	[OBJ_IRQ_CONTROL] = irq_control_invoke,
	[OBJ_IOPORTS] = ioports_invoke,
	[OBJ_DEVMEM] = devmem_invoke,
	[OBJ_CONSOLE] = console_invoke,
	[OBJ_SYSTEM] = system_invoke,
	[OBJ_NOTIFICATION] = notification_invoke,
};

int64_t invoke(struct invocation *inv, uint64_t cap_idx)
{
	int64_t err;
	if (!inv->table)
		return ERR_INVALID_CAP;
	struct cap *c = cap_lookup(inv->table, cap_idx, OBJ_NONE, 0, &err);
	if (!c)
		return err;
	inv->cap = c;
	if (inv->op >= OP_CAP_DERIVE && inv->op <= OP_CAP_INFO)
		return cap_invoke(inv);
	int64_t (*fn)(struct invocation *) = by_type[c->type];
	return fn ? fn(inv) : ERR_INVALID_OP;
}
