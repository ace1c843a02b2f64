/* Memory pools: quota accounting, and creation of objects from a pool. */
#include "pool.h"

#include <stddef.h>

#include "cap.h"
#include "endpoint.h"
#include "frame.h"
#include "heap.h"
#include "invoke.h"
#include "notification.h"
#include "thread.h"
#include "vspace.h"

#define CAPTABLE_MAX_SLOTS 65536

struct pool *pool_create_root(uint64_t quota)
{
	struct pool *p = kmalloc(sizeof *p);
	if (!p)
		return NULL;
	kobj_init(&p->obj, OBJ_POOL, NULL, 0);
	p->quota = quota;
	return p;
}

bool pool_charge(struct pool *p, uint64_t bytes)
{
	if (bytes > p->quota - p->used)
		return false;
	p->used += bytes;
	return true;
}

void pool_uncharge(struct pool *p, uint64_t bytes) { p->used -= bytes; }

void pool_destroy(struct kobj *o) { kfree(o); }

/* A sub-pool's quota is charged to its parent for as long as the sub-pool lives. */
static struct pool *create_subpool(struct pool *parent, uint64_t quota)
{
	struct pool *p = kobj_alloc(parent, OBJ_POOL, sizeof *p, quota);
	if (p)
		p->quota = quota;
	return p;
}

/* Makes an object of type from pool; NULL if memory or quota is short. Every
 * argument was checked by the caller. */
static struct kobj *create(struct pool *p, uint64_t type, uint64_t size)
{
	switch (type) {
	case OBJ_FRAME: return (struct kobj *)frame_create(p);
	case OBJ_ENDPOINT: return (struct kobj *)endpoint_create(p);
	case OBJ_NOTIFICATION: return (struct kobj *)notification_create(p);
	case OBJ_THREAD: return (struct kobj *)thread_create(p);
	case OBJ_VSPACE: return (struct kobj *)vspace_create(p);
	case OBJ_CAPTABLE: return (struct kobj *)captable_create(p, (uint32_t)size);
	case OBJ_POOL: return (struct kobj *)create_subpool(p, size);
	}
	return NULL;
}

static bool creatable(uint64_t type, uint64_t size)
{
	switch (type) {
	case OBJ_FRAME: case OBJ_ENDPOINT: case OBJ_NOTIFICATION: case OBJ_THREAD: case OBJ_VSPACE:
		return true;
	case OBJ_CAPTABLE:
		return size >= 1 && size <= CAPTABLE_MAX_SLOTS;
	case OBJ_POOL:
		return size > 0;
	}
	return false;
}

int64_t pool_invoke(struct invocation *inv)
{
	struct pool *p = (struct pool *)inv->cap->obj;
	uint64_t *a = inv->a;
	if (inv->op == OP_POOL_INFO) {
		inv->r[0] = p->quota - p->used;
		inv->r[1] = p->quota;
		return ERR_OK;
	}
	if (inv->op != OP_POOL_CREATE)
		return ERR_INVALID_OP;
	if (!(inv->cap->rights & RIGHT_ADMIN))
		return ERR_NO_RIGHTS;
	int64_t err;
	struct cap *dst = cap_empty_slot(inv->table, a[1], &err);
	if (!dst)
		return err;
	if (!creatable(a[0], a[2]))
		return ERR_INVALID_ARG;
	struct kobj *obj = create(p, a[0], a[2]);
	if (!obj)
		return ERR_NO_MEMORY;
	cap_install(dst, obj, RIGHTS_ALL, 0, 0);
	return ERR_OK;
}
