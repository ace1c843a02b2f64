/* Kernel objects: the common header every object starts with, reference counting, and
 * deferred destruction. Each object type lives in its own file (thread.c, vspace.c,
 * captable.c, ipc.c for endpoints, notification.c, frame.c, pool.c, irq.c). */
#ifndef KERNEL_OBJECT_H
#define KERNEL_OBJECT_H

#include <stddef.h>
#include <stdint.h>

#include "syscall.h"

struct pool;

/* Every object starts with this. refs counts capabilities and internal references
 * (a thread's address space, a mapping's frame, ...); at zero the object is destroyed
 * at the next safe point (kobj_reap), never in the middle of an operation. */
struct kobj {
	uint32_t type; /* enum obj_type */
	uint32_t refs;
	struct pool *pool;  /* charged for this object; NULL for boot-time objects */
	uint64_t charge;    /* bytes charged to pool */
	struct kobj *next_dead;
};

/* Initialises the header of a new object with one reference. */
void kobj_init(struct kobj *o, uint32_t type, struct pool *pool, uint64_t charge);
/* Allocates a zeroed object of size bytes with its header initialised, charging pool
 * the heap block it really takes plus extra bytes (frames the caller allocates for
 * it), and taking a reference to the pool. NULL, with nothing charged, if the quota or
 * the kernel heap is short. A NULL pool charges nobody (kernel-owned objects). */
void *kobj_alloc(struct pool *pool, uint32_t type, size_t size, uint64_t extra);
/* Undoes kobj_alloc for an object that never became visible (a later allocation for it
 * failed): uncharges, drops the pool reference, frees. */
void kobj_discard(struct kobj *o);
/* Takes a reference; panics if the object is already dead (a refcount bug). */
void kobj_ref(struct kobj *o);
/* Drops a reference; the last one queues the object for destruction. */
void kobj_unref(struct kobj *o);
/* Destroys every queued object (destructors may queue more). Call where no object
 * pointer is held across: before returning to user mode. */
void kobj_reap(void);

/* Per-type destructors, called by kobj_reap. Each frees the object's memory and drops
 * the references it holds; none may fail. */
void thread_destroy(struct kobj *o);
void vspace_destroy(struct kobj *o);
void captable_destroy(struct kobj *o);
void endpoint_destroy(struct kobj *o);
void notification_destroy(struct kobj *o);
void frame_destroy(struct kobj *o);
void pool_destroy(struct kobj *o);
void irq_destroy(struct kobj *o);
/* Singleton objects (console, system, irq control, I/O ports, device memory) are never
 * destroyed: their boot-time reference is never dropped. */

#endif
