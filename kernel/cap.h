/* Capabilities and capability tables. A capability names one object with rights and a
 * badge; capabilities derived from another form a tree, so that revoke can find them. */
#ifndef KERNEL_CAP_H
#define KERNEL_CAP_H

#include <stdint.h>

#include "object.h"

struct cap {
	struct kobj *obj; /* NULL: empty slot */
	uint64_t badge;   /* endpoints and notifications: tells receivers apart */
	uint64_t data;    /* type-specific: I/O port range (first | count << 16) */
	uint8_t type;     /* enum obj_type, copied from obj for speed */
	uint8_t rights;   /* RIGHT_* */
	uint16_t reserved;
	uint32_t reserved2;
	struct cap *parent, *first_child, *next_sibling, *prev_sibling;
};

struct captable {
	struct kobj obj;
	uint32_t nslots;
	struct cap slots[];
};

/* Creates a table of nslots empty slots charged to pool; NULL if out of memory. */
struct captable *captable_create(struct pool *pool, uint32_t nslots);
/* Decodes slot idx of t: the capability if it is a cap of `type` (OBJ_NONE: any type)
 * with all of `rights`; otherwise NULL and *err = ERR_INVALID_CAP, ERR_EMPTY_SLOT,
 * ERR_WRONG_TYPE or ERR_NO_RIGHTS. */
struct cap *cap_lookup(struct captable *t, uint64_t idx, uint32_t type, uint32_t rights, int64_t *err);
/* Finds an empty slot idx of t for a new capability; NULL and *err otherwise. */
struct cap *cap_empty_slot(struct captable *t, uint64_t idx, int64_t *err);
/* Fills the empty slot dst with a new root capability to obj (taking over one reference
 * of obj). */
void cap_install(struct cap *dst, struct kobj *obj, uint32_t rights, uint64_t badge, uint64_t data);
/* Fills the empty slot dst with a capability derived from src: rights & mask, and the
 * given badge if non-zero (else src's). Callers refuse a new badge for an already
 * badged src: a badge, once set, cannot be forged. Takes a reference to the object. */
void cap_derive(struct cap *dst, struct cap *src, uint32_t rights_mask, uint64_t badge);
/* Empties slot c; capabilities derived from it move up to c's parent. */
void cap_delete(struct cap *c);
/* Deletes every capability derived from c, at any depth; c stays. */
void cap_revoke(struct cap *c);

#endif
