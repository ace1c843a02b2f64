/* Address spaces: user page tables below KERN_BASE, sharing the kernel's upper half.
 * The kernel allocates intermediate page tables itself and charges them to the pool the
 * address space was created from (policy stays with the pager: it decides what maps
 * where; only the memory for the tables is taken from its quota). */
#ifndef KERNEL_VSPACE_H
#define KERNEL_VSPACE_H

#include <stdint.h>

#include "object.h"

struct frame;
struct captable;

struct vspace {
	struct kobj obj;
	uint64_t pml4; /* physical */
	uint64_t tables; /* intermediate tables allocated (charged to obj.pool) */
};

/* One mapping request, decoded: a frame capability's frame and the rights wanted. */
struct map_request {
	struct frame *frame;
	uint64_t addr;
	uint32_t rights;
};

/* Creates an empty address space charged to pool (NULL: no pool, for the root task's,
 * which the kernel charges to the root pool itself); NULL if out of memory. */
struct vspace *vspace_create(struct pool *pool);
/* Loads vs's page tables (NULL: leave CR3 as it is, kernel half is shared). */
void vspace_activate(struct vspace *vs);
/* Checks a request against a frame capability of table: slot, page-aligned user
 * address, rights within the capability's. Returns 0 or an ERR_* code. */
int64_t vspace_decode_map(struct captable *table, uint64_t slot, uint64_t addr_rights,
			  uint32_t rights, struct map_request *out);
/* Maps n decoded requests; all or nothing: returns 0, ERR_ALREADY_MAPPED or
 * ERR_NO_MEMORY with nothing changed. Each mapping takes a frame reference. */
int64_t vspace_map(struct vspace *vs, const struct map_request *req, uint64_t n);
/* The physical page mapped at va, or 0. */
uint64_t vspace_phys(struct vspace *vs, uint64_t va);
/* Unmaps the mapped pages of [addr, addr + pages * 4 KiB), dropping frame references. */
void vspace_unmap(struct vspace *vs, uint64_t addr, uint64_t pages);

#endif
