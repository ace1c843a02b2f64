/* Capability tables and the derivation tree of capabilities. */
#include "cap.h"

#include <stddef.h>

#include "heap.h"
#include "invoke.h"
#include "pool.h"

struct captable *captable_create(struct pool *pool, uint32_t nslots)
{
	uint64_t bytes = sizeof(struct captable) + (uint64_t)nslots * sizeof(struct cap);
	struct captable *t = kobj_alloc(pool, OBJ_CAPTABLE, bytes, 0);
	if (!t)
		return NULL;
	t->nslots = nslots;
	return t;
}

void captable_destroy(struct kobj *o)
{
	struct captable *t = (struct captable *)o;
	for (uint32_t i = 0; i < t->nslots; i++)
		if (t->slots[i].obj)
			cap_delete(&t->slots[i]);
	kfree(t);
}

struct cap *cap_lookup(struct captable *t, uint64_t idx, uint32_t type, uint32_t rights, int64_t *err)
{
	if (idx >= t->nslots) {
		*err = ERR_INVALID_CAP;
		return NULL;
	}
	struct cap *c = &t->slots[idx];
	if (!c->obj)
		*err = ERR_EMPTY_SLOT;
	else if (type != OBJ_NONE && c->type != type)
		*err = ERR_WRONG_TYPE;
	else if ((c->rights & rights) != rights)
		*err = ERR_NO_RIGHTS;
	else
		return c;
	return NULL;
}

struct cap *cap_empty_slot(struct captable *t, uint64_t idx, int64_t *err)
{
	if (idx >= t->nslots) {
		*err = ERR_INVALID_CAP;
		return NULL;
	}
	if (t->slots[idx].obj) {
		*err = ERR_SLOT_FULL;
		return NULL;
	}
	return &t->slots[idx];
}

void cap_install(struct cap *dst, struct kobj *obj, uint32_t rights, uint64_t badge, uint64_t data)
{
	*dst = (struct cap){ .obj = obj, .badge = badge, .data = data, .type = (uint8_t)obj->type,
			     .rights = (uint8_t)rights };
}

static void link_child(struct cap *parent, struct cap *c)
{
	c->parent = parent;
	c->prev_sibling = NULL;
	c->next_sibling = parent ? parent->first_child : NULL;
	if (c->next_sibling)
		c->next_sibling->prev_sibling = c;
	if (parent)
		parent->first_child = c;
}

static void unlink(struct cap *c)
{
	if (c->prev_sibling)
		c->prev_sibling->next_sibling = c->next_sibling;
	else if (c->parent)
		c->parent->first_child = c->next_sibling;
	if (c->next_sibling)
		c->next_sibling->prev_sibling = c->prev_sibling;
}

void cap_derive(struct cap *dst, struct cap *src, uint32_t rights_mask, uint64_t badge)
{
	kobj_ref(src->obj);
	*dst = (struct cap){ .obj = src->obj, .badge = badge ? badge : src->badge, .data = src->data,
			     .type = src->type, .rights = (uint8_t)(src->rights & rights_mask) };
	link_child(src, dst);
}

void cap_delete(struct cap *c)
{
	while (c->first_child) {
		struct cap *child = c->first_child;
		unlink(child);
		link_child(c->parent, child);
	}
	unlink(c);
	struct kobj *obj = c->obj;
	*c = (struct cap){ 0 };
	kobj_unref(obj);
}

void cap_revoke(struct cap *c)
{
	/* Iterative: descend to a leaf, delete it, repeat; no recursion on deep trees. */
	while (c->first_child) {
		struct cap *leaf = c->first_child;
		while (leaf->first_child)
			leaf = leaf->first_child;
		cap_delete(leaf);
	}
}

int64_t cap_invoke(struct invocation *inv)
{
	struct cap *c = inv->cap;
	uint64_t *a = inv->a, *r = inv->r;
	int64_t err;
	switch (inv->op) {
	case OP_CAP_DERIVE: {
		struct cap *dst = cap_empty_slot(inv->table, a[0], &err);
		if (!dst)
			return err;
		if ((a[1] & ~(uint64_t)RIGHTS_ALL) || (a[2] && c->badge))
			return ERR_INVALID_ARG;
		cap_derive(dst, c, (uint32_t)a[1], a[2]);
		return ERR_OK;
	}
	case OP_CAP_DELETE:
		cap_delete(c);
		return ERR_OK;
	case OP_CAP_REVOKE:
		cap_revoke(c);
		return ERR_OK;
	case OP_CAP_INFO:
		r[0] = c->type;
		r[1] = c->rights;
		r[2] = c->badge;
		return ERR_OK;
	}
	return ERR_INVALID_OP;
}

int64_t captable_invoke(struct invocation *inv)
{
	struct cap *c = inv->cap;
	uint64_t *a = inv->a;
	if (inv->op != OP_CAPTABLE_COPY_IN)
		return ERR_INVALID_OP;
	if (!(c->rights & RIGHT_ADMIN))
		return ERR_NO_RIGHTS;
	int64_t err;
	struct cap *src = cap_lookup(inv->table, a[0], OBJ_NONE, 0, &err);
	if (!src)
		return err;
	struct captable *dst_table = (struct captable *)c->obj;
	struct cap *dst = cap_empty_slot(dst_table, a[1], &err);
	if (!dst)
		return err;
	if ((a[2] & ~(uint64_t)RIGHTS_ALL) || (a[3] && src->badge))
		return ERR_INVALID_ARG;
	cap_derive(dst, src, (uint32_t)a[2], a[3]);
	return ERR_OK;
}
