/* User page tables: map, unmap, write-protect, accessed/dirty bits, destruction. */
#include "vspace.h"

#include <stddef.h>

#include "cap.h"
#include "cpu.h"
#include "frame.h"
#include "heap.h"
#include "invoke.h"
#include "memlayout.h"
#include "paging.h"
#include "panic.h"
#include "pmm.h"
#include "pool.h"
#include "thread.h"

#define ENTRIES 512
#define USER_PML4_ENTRIES 256 /* the lower half; the upper half is the kernel's */
#define FLUSH_ALL_THRESHOLD 64

static unsigned index_at(uint64_t va, int level) { return (va >> (12 + 9 * (level - 1))) & (ENTRIES - 1); }

static uint64_t *table_at(uint64_t pa) { return phys_to_virt(pa & PTE_ADDR_MASK); }

static uint64_t alloc_table(struct vspace *vs)
{
	if (vs->obj.pool && !pool_charge(vs->obj.pool, PAGE_SIZE))
		return 0;
	uint64_t pa = pmm_alloc(1);
	if (!pa) {
		if (vs->obj.pool)
			pool_uncharge(vs->obj.pool, PAGE_SIZE);
		return 0;
	}
	uint64_t *t = phys_to_virt(pa);
	for (int i = 0; i < ENTRIES; i++)
		t[i] = 0;
	vs->tables++;
	return pa;
}

static void free_table(struct vspace *vs, uint64_t pa)
{
	pmm_free(pa, 1);
	vs->tables--;
	if (vs->obj.pool)
		pool_uncharge(vs->obj.pool, PAGE_SIZE);
}

/* The leaf entry for va, allocating tables when alloc; NULL if missing (or out of
 * memory). */
static uint64_t *leaf(struct vspace *vs, uint64_t va, bool alloc)
{
	uint64_t *table = phys_to_virt(vs->pml4);
	for (int l = 4; l > 1; l--) {
		uint64_t *e = &table[index_at(va, l)];
		if (!(*e & PTE_P)) {
			uint64_t pa = alloc ? alloc_table(vs) : 0;
			if (!pa)
				return NULL;
			*e = pa | PTE_P | PTE_W | PTE_U;
		}
		table = table_at(*e);
	}
	return &table[index_at(va, 1)];
}

struct vspace *vspace_create(struct pool *pool)
{
	struct vspace *vs = kobj_alloc(pool, OBJ_VSPACE, sizeof *vs, PAGE_SIZE);
	uint64_t pml4 = vs ? pmm_alloc(1) : 0;
	if (!pml4) {
		if (vs)
			kobj_discard(&vs->obj);
		return NULL;
	}
	vs->pml4 = pml4;
	uint64_t *root = phys_to_virt(pml4);
	const uint64_t *kernel = phys_to_virt(paging_kernel_root());
	for (int i = 0; i < ENTRIES; i++)
		root[i] = i < USER_PML4_ENTRIES ? 0 : kernel[i];
	return vs;
}

void vspace_activate(struct vspace *vs)
{
	if (vs && (read_cr3() & PTE_ADDR_MASK) != vs->pml4)
		write_cr3(vs->pml4);
}

static bool is_active(const struct vspace *vs) { return (read_cr3() & PTE_ADDR_MASK) == vs->pml4; }

static bool user_range_ok(uint64_t addr, uint64_t pages)
{
	return (addr & (PAGE_SIZE - 1)) == 0 && addr >= PAGE_SIZE && addr < KERN_BASE &&
	       pages <= (KERN_BASE - addr) / PAGE_SIZE;
}

int64_t vspace_decode_map(struct captable *table, uint64_t slot, uint64_t addr_rights,
			  uint32_t rights, struct map_request *out)
{
	uint64_t addr = PAGE_ROUND_DOWN(addr_rights);
	if (rights & ~(uint32_t)(RIGHT_READ | RIGHT_WRITE | RIGHT_EXEC))
		return ERR_INVALID_ARG;
	if (!user_range_ok(addr, 1))
		return ERR_BAD_ADDRESS;
	int64_t err;
	struct cap *c = cap_lookup(table, slot, OBJ_FRAME, rights | RIGHT_READ, &err);
	if (!c)
		return err;
	*out = (struct map_request){ (struct frame *)c->obj, addr, rights };
	return ERR_OK;
}

static uint64_t pte_for(const struct map_request *r)
{
	uint64_t e = r->frame->phys | PTE_P | PTE_U;
	if (r->rights & RIGHT_WRITE)
		e |= PTE_W;
	if (!(r->rights & RIGHT_EXEC) && paging_features()->nx)
		e |= PTE_NX;
	if (r->frame->device)
		e |= PTE_PCD | PTE_PWT;
	return e;
}

int64_t vspace_map(struct vspace *vs, const struct map_request *req, uint64_t n)
{
	for (uint64_t i = 0; i < n; i++) {
		uint64_t *e = leaf(vs, req[i].addr, true);
		int64_t err = !e ? ERR_NO_MEMORY : (*e & PTE_P) ? ERR_ALREADY_MAPPED : ERR_OK;
		for (uint64_t j = 0; j < i && err == ERR_OK; j++)
			if (req[j].addr == req[i].addr)
				err = ERR_ALREADY_MAPPED;
		if (err) {
			for (uint64_t j = 0; j < i; j++)
				vspace_unmap(vs, req[j].addr, 1);
			return err;
		}
		*e = pte_for(&req[i]);
		kobj_ref(&req[i].frame->obj);
	}
	return ERR_OK;
}

/* Applies fn to every present leaf entry of the range, skipping whole missing tables
 * (so a huge empty range costs little), and flushes what it touched from the TLB.
 * Tables are not freed. */
static void for_each_pte(struct vspace *vs, uint64_t addr, uint64_t pages,
			 void (*fn)(struct vspace *vs, uint64_t va, uint64_t *pte, void *arg), void *arg)
{
	bool active = is_active(vs);
	uint64_t touched = 0;
	for (uint64_t va = addr, end = addr + pages * PAGE_SIZE; va < end;) {
		uint64_t *table = phys_to_virt(vs->pml4);
		int l = 4;
		for (; l > 1 && (table[index_at(va, l)] & PTE_P); l--)
			table = table_at(table[index_at(va, l)]);
		if (l > 1) {
			uint64_t span = 1ull << (12 + 9 * (l - 1));
			va = (va & ~(span - 1)) + span;
			continue;
		}
		uint64_t *pte = &table[index_at(va, 1)];
		if (*pte & PTE_P) {
			fn(vs, va, pte, arg);
			if (active && ++touched <= FLUSH_ALL_THRESHOLD)
				invlpg(va);
		}
		va += PAGE_SIZE;
	}
	if (touched > FLUSH_ALL_THRESHOLD)
		write_cr3(read_cr3());
}

uint64_t vspace_phys(struct vspace *vs, uint64_t va)
{
	uint64_t *e = leaf(vs, va, false);
	return e && (*e & PTE_P) ? *e & PTE_ADDR_MASK : 0;
}

static void unmap_one(struct vspace *vs, uint64_t va, uint64_t *pte, void *arg)
{
	(void)vs, (void)va, (void)arg;
	struct frame *f = frame_of(*pte & PTE_ADDR_MASK);
	if (!f)
		panic("vspace_unmap: 0x%lx maps untracked frame 0x%lx", va, (uint64_t)(*pte & PTE_ADDR_MASK));
	*pte = 0;
	kobj_unref(&f->obj);
}

void vspace_unmap(struct vspace *vs, uint64_t addr, uint64_t pages)
{
	for_each_pte(vs, addr, pages, unmap_one, NULL);
}

static void protect_one(struct vspace *vs, uint64_t va, uint64_t *pte, void *arg)
{
	(void)vs, (void)va;
	uint32_t rights = *(uint32_t *)arg;
	if (!(rights & RIGHT_WRITE))
		*pte &= ~PTE_W;
	if (!(rights & RIGHT_EXEC) && paging_features()->nx)
		*pte |= PTE_NX;
}

struct ad_walk {
	uint64_t base;
	uint64_t *bits;
};

static void ad_one(struct vspace *vs, uint64_t va, uint64_t *pte, void *arg)
{
	(void)vs;
	struct ad_walk *w = arg;
	uint64_t i = (va - w->base) / PAGE_SIZE;
	uint64_t bits = ((*pte >> 5) & 1) | (((*pte >> 6) & 1) << 1); /* A is bit 5, D bit 6 */
	w->bits[i / 32] |= bits << (2 * (i % 32));
	*pte &= ~((1ull << 5) | (1ull << 6));
}

static void free_level(struct vspace *vs, uint64_t table_pa, int level)
{
	uint64_t *t = phys_to_virt(table_pa);
	for (int i = 0; i < (level == 4 ? USER_PML4_ENTRIES : ENTRIES); i++) {
		if (!(t[i] & PTE_P))
			continue;
		if (level == 1) {
			struct frame *f = frame_of(t[i] & PTE_ADDR_MASK);
			if (f)
				kobj_unref(&f->obj);
		} else {
			free_level(vs, t[i] & PTE_ADDR_MASK, level - 1);
			free_table(vs, t[i] & PTE_ADDR_MASK);
		}
	}
}

void vspace_destroy(struct kobj *o)
{
	struct vspace *vs = (struct vspace *)o;
	if (is_active(vs))
		write_cr3(paging_kernel_root());
	free_level(vs, vs->pml4, 4);
	pmm_free(vs->pml4, 1);
	kfree(vs);
}

static int64_t invoke_map_batch(struct vspace *vs, struct invocation *inv)
{
	uint64_t n = inv->a[0];
	struct ipc_buffer *ipc = inv->caller->ipc;
	if (!ipc)
		return ERR_NO_IPC_BUFFER;
	if (n == 0 || n > MAP_BATCH_MAX)
		return ERR_INVALID_ARG;
	struct map_request req[MAP_BATCH_MAX];
	const struct map_batch_entry *e = (const struct map_batch_entry *)ipc->words;
	for (uint64_t i = 0; i < n; i++) {
		int64_t err = vspace_decode_map(inv->table, e[i].frame_slot, e[i].addr_rights,
						(uint32_t)(e[i].addr_rights & (PAGE_SIZE - 1)), &req[i]);
		if (err)
			return err;
	}
	return vspace_map(vs, req, n);
}

int64_t vspace_invoke(struct invocation *inv)
{
	struct vspace *vs = (struct vspace *)inv->cap->obj;
	uint64_t *a = inv->a;
	if (!(inv->cap->rights & RIGHT_ADMIN))
		return ERR_NO_RIGHTS;
	switch (inv->op) {
	case OP_VSPACE_MAP: {
		struct map_request req;
		if (a[1] & (PAGE_SIZE - 1))
			return ERR_BAD_ADDRESS;
		int64_t err = vspace_decode_map(inv->table, a[0], a[1], (uint32_t)a[2], &req);
		return err ? err : vspace_map(vs, &req, 1);
	}
	case OP_VSPACE_MAP_BATCH:
		return invoke_map_batch(vs, inv);
	case OP_VSPACE_UNMAP:
		if (!user_range_ok(a[0], a[1]))
			return ERR_BAD_ADDRESS;
		vspace_unmap(vs, a[0], a[1]);
		return ERR_OK;
	case OP_VSPACE_PROTECT: {
		if (!user_range_ok(a[0], a[1]))
			return ERR_BAD_ADDRESS;
		if (a[2] & ~(uint64_t)(RIGHT_READ | RIGHT_WRITE | RIGHT_EXEC))
			return ERR_INVALID_ARG;
		uint32_t rights = (uint32_t)a[2];
		for_each_pte(vs, a[0], a[1], protect_one, &rights);
		return ERR_OK;
	}
	case OP_VSPACE_AD_BITS: {
		if (!inv->caller->ipc)
			return ERR_NO_IPC_BUFFER;
		if (!user_range_ok(a[0], a[1]))
			return ERR_BAD_ADDRESS;
		if (a[1] > AD_BITS_MAX)
			return ERR_INVALID_ARG;
		struct ad_walk w = { a[0], inv->caller->ipc->words };
		for (uint64_t i = 0; i < (a[1] + 31) / 32; i++)
			w.bits[i] = 0;
		for_each_pte(vs, a[0], a[1], ad_one, &w);
		return ERR_OK;
	}
	}
	return ERR_INVALID_OP;
}
