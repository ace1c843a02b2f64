/* Memory pools: quotas of memory from which every user-created object is made. The
 * root task gets one pool holding all memory the kernel does not keep; it splits off
 * sub-pools for the servers it starts. */
#ifndef KERNEL_POOL_H
#define KERNEL_POOL_H

#include <stdbool.h>
#include <stdint.h>

#include "object.h"

struct cap;

struct pool {
	struct kobj obj;
	uint64_t quota; /* bytes */
	uint64_t used;  /* bytes charged, including sub-pools' quotas */
};

/* The root pool: quota bytes, charged to nobody. */
struct pool *pool_create_root(uint64_t quota);
/* Charges bytes to the pool; false (nothing charged) if that would exceed its quota. */
bool pool_charge(struct pool *p, uint64_t bytes);
void pool_uncharge(struct pool *p, uint64_t bytes);

#endif
