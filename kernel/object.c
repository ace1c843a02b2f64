/* Reference counting and deferred destruction of kernel objects. */
#include "object.h"

#include <stddef.h>

#include "heap.h"
#include "panic.h"
#include "pool.h"
#include "sched.h"
#include "thread.h"

static struct kobj *dead_list;

void kobj_init(struct kobj *o, uint32_t type, struct pool *pool, uint64_t charge)
{
	o->type = type;
	o->refs = 1;
	o->pool = pool;
	o->charge = charge;
	o->next_dead = NULL;
}

void *kobj_alloc(struct pool *pool, uint32_t type, size_t size, uint64_t extra)
{
	uint64_t charge = kmalloc_block_size(size) + extra;
	if (charge == extra || (pool && !pool_charge(pool, charge)))
		return NULL;
	struct kobj *o = kmalloc(size);
	if (!o) {
		if (pool)
			pool_uncharge(pool, charge);
		return NULL;
	}
	kobj_init(o, type, pool, pool ? charge : 0);
	if (pool)
		kobj_ref(&pool->obj);
	return o;
}

void kobj_discard(struct kobj *o)
{
	if (o->pool) {
		pool_uncharge(o->pool, o->charge);
		kobj_unref(&o->pool->obj);
	}
	kfree(o);
}

void kobj_ref(struct kobj *o)
{
	if (o->refs == 0)
		panic("kobj_ref: object %p (type %u) is already dead", (void *)o, o->type);
	o->refs++;
}

void kobj_unref(struct kobj *o)
{
	if (o->refs == 0)
		panic("kobj_unref: object %p (type %u) has no references", (void *)o, o->type);
	if (--o->refs == 0) {
		o->next_dead = dead_list;
		dead_list = o;
	}
}

static void (*const destructors[OBJ_TYPE_COUNT])(struct kobj *o) = {
	[OBJ_THREAD] = thread_destroy,
	[OBJ_VSPACE] = vspace_destroy,
	[OBJ_CAPTABLE] = captable_destroy,
	[OBJ_ENDPOINT] = endpoint_destroy,
	[OBJ_NOTIFICATION] = notification_destroy,
	[OBJ_FRAME] = frame_destroy,
	[OBJ_POOL] = pool_destroy,
	[OBJ_IRQ] = irq_destroy,
};

static void destroy(struct kobj *o)
{
	struct pool *pool = o->pool;
	uint64_t charge = o->charge;
	if (o->type >= OBJ_TYPE_COUNT || !destructors[o->type])
		panic("kobj_reap: type %u cannot be destroyed", o->type);
	destructors[o->type](o);
	if (pool) {
		pool_uncharge(pool, charge);
		kobj_unref(&pool->obj);
	}
}

void kobj_reap(void)
{
	struct kobj *running = NULL;
	while (dead_list) {
		struct kobj *o = dead_list;
		dead_list = o->next_dead;
		if (o == &thread_current()->obj) {
			/* Its stack is in use: it dies now, and is freed by the next reap, which
			 * runs on another thread's stack. */
			thread_kill(thread_current(), -1);
			running = o;
			continue;
		}
		destroy(o);
	}
	if (running) {
		running->next_dead = NULL;
		dead_list = running;
	}
}
