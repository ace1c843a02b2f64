/* The root task: loads the first boot module's ELF image into a new address space,
 * maps its stack, IPC buffer, root_info and the module images, fills its capability
 * table, and starts its thread. Everything is charged to the root pool. */
#include "root.h"

#include <stddef.h>

#include "bootinfo.h"
#include "cap.h"
#include "console.h"
#include "devices.h"
#include "elf64.h"
#include "frame.h"
#include "irq.h"
#include "memlayout.h"
#include "panic.h"
#include "pmm.h"
#include "pool.h"
#include "rootinfo.h"
#include "sched.h"
#include "thread.h"
#include "vspace.h"

/* Frames the kernel keeps for itself (heap, its own tables) out of the root pool. */
#define KERNEL_RESERVE_BYTES (8ull << 20)
#define ROOT_PRIORITY 100

struct root {
	struct pool *pool;
	struct vspace *vs;
	struct captable *table;
	struct thread *thread;
};

/* Maps a fresh zeroed frame at addr and returns its kernel address. */
static uint8_t *map_new_page(struct root *r, uint64_t addr, uint32_t rights)
{
	struct frame *f = frame_create(r->pool);
	if (!f)
		panic("root_start: out of memory mapping 0x%lx", addr);
	struct map_request req = { f, addr, rights };
	if (vspace_map(r->vs, &req, 1))
		panic("root_start: cannot map 0x%lx (overlapping segments?)", addr);
	kobj_unref(&f->obj); /* the mapping holds it */
	return phys_to_virt(f->phys);
}

static uint32_t segment_rights(uint32_t flags)
{
	return RIGHT_READ | (flags & PF_W ? RIGHT_WRITE : 0) | (flags & PF_X ? RIGHT_EXEC : 0);
}

/* Copies the part of [file + off, + filesz) that falls in page [page, page + 4K). */
static void fill_page(uint8_t *dst, uint64_t page, const struct elf64_phdr *ph, const uint8_t *file)
{
	for (uint64_t i = 0; i < PAGE_SIZE; i++) {
		uint64_t va = page + i;
		if (va >= ph->vaddr && va - ph->vaddr < ph->filesz)
			dst[i] = file[ph->offset + (va - ph->vaddr)];
	}
}

/* Loads the image; the loader already validated it as a user ELF (abi: elf checks). */
static uint64_t load_elf(struct root *r, const struct boot_module *m)
{
	const uint8_t *file = phys_to_virt(m->phys);
	const struct elf64_ehdr *eh = (const void *)file;
	const struct elf64_phdr *ph = (const void *)(file + eh->phoff);
	for (unsigned i = 0; i < eh->phnum; i++) {
		if (ph[i].type != PT_LOAD || ph[i].memsz == 0)
			continue;
		for (uint64_t page = PAGE_ROUND_DOWN(ph[i].vaddr); page < ph[i].vaddr + ph[i].memsz;
		     page += PAGE_SIZE)
			fill_page(map_new_page(r, page, segment_rights(ph[i].flags)), page, &ph[i], file);
	}
	return eh->entry;
}

static struct cap *slot(struct root *r, uint32_t i) { return &r->table->slots[i]; }

/* Maps every module image read-only at ROOT_MODULES_ADDR, one frame capability per
 * page, and describes them in info. */
static void map_modules(struct root *r, const struct boot_info *bi, struct root_info *info)
{
	uint64_t addr = ROOT_MODULES_ADDR;
	uint32_t next = SLOT_FIRST_MODULE_FRAME;
	for (uint32_t m = 0; m < bi->module_count; m++) {
		const struct boot_module *bm = &bi->modules[m];
		uint32_t pages = (uint32_t)(PAGE_ROUND_UP(bm->size) / PAGE_SIZE);
		if (next + pages > ROOT_CAPTABLE_SLOTS)
			panic("root_start: modules need more than %u capability slots", ROOT_CAPTABLE_SLOTS);
		struct root_module *rm = &info->modules[m];
		*rm = (struct root_module){ .addr = addr, .size = bm->size, .first_slot = next, .frames = pages };
		for (int i = 0; i < BOOT_NAME_MAX; i++)
			rm->name[i] = bm->name[i];
		for (uint32_t p = 0; p < pages; p++) {
			struct frame *f = frame_create_at(NULL, bm->phys + p * PAGE_SIZE, false);
			if (!f)
				panic("root_start: out of kernel memory for module frames");
			struct map_request req = { f, addr + p * PAGE_SIZE, RIGHT_READ };
			if (vspace_map(r->vs, &req, 1))
				panic("root_start: cannot map module %s", bm->name);
			cap_install(slot(r, next++), &f->obj, RIGHT_READ | RIGHT_EXEC, 0, 0);
		}
		addr += (uint64_t)pages * PAGE_SIZE + PAGE_SIZE; /* a gap between images */
	}
	info->module_count = bi->module_count;
	info->first_free_slot = next;
}

static void fill_info(struct root *r, const struct boot_info *bi, const char *cmdline)
{
	struct root_info *info = (struct root_info *)map_new_page(r, ROOT_INFO_ADDR, RIGHT_READ);
	info->magic = ROOTINFO_MAGIC;
	info->pool_bytes = r->pool->quota;
	for (int i = 0; i < BOOT_CMDLINE_MAX - 1 && cmdline[i]; i++)
		info->cmdline[i] = cmdline[i];
	map_modules(r, bi, info);
}

static void install_caps(struct root *r)
{
	cap_install(slot(r, SLOT_THREAD), &r->thread->obj, RIGHTS_ALL, 0, 0);
	kobj_ref(&r->vs->obj);
	cap_install(slot(r, SLOT_VSPACE), &r->vs->obj, RIGHTS_ALL, 0, 0);
	kobj_ref(&r->table->obj);
	cap_install(slot(r, SLOT_CAPTABLE), &r->table->obj, RIGHTS_ALL, 0, 0);
	cap_install(slot(r, SLOT_POOL), &r->pool->obj, RIGHTS_ALL, 0, 0);
	kobj_ref(console_object());
	cap_install(slot(r, SLOT_CONSOLE), console_object(), RIGHTS_ALL, 0, 0);
	kobj_ref(system_object());
	cap_install(slot(r, SLOT_SYSTEM), system_object(), RIGHTS_ALL, 0, 0);
	kobj_ref(irq_control_object());
	cap_install(slot(r, SLOT_IRQ_CONTROL), irq_control_object(), RIGHTS_ALL, 0, 0);
	kobj_ref(ioports_object());
	cap_install(slot(r, SLOT_IOPORTS), ioports_object(), RIGHTS_ALL, 0, ioport_range(0, 0x10000));
	kobj_ref(devmem_object());
	cap_install(slot(r, SLOT_DEVMEM), devmem_object(), RIGHTS_ALL, 0, 0);
}

void root_start(const struct boot_info *bi, const char *cmdline)
{
	if (bi->module_count == 0)
		panic("root_start: no boot modules; boot.cfg names no root task");
	uint64_t free_bytes = pmm_free_frames() * PAGE_SIZE;
	if (free_bytes <= KERNEL_RESERVE_BYTES)
		panic("root_start: only %lu KiB free", free_bytes / 1024);
	struct root r = { .pool = pool_create_root(free_bytes - KERNEL_RESERVE_BYTES) };
	r.vs = r.pool ? vspace_create(r.pool) : NULL;
	r.table = r.vs ? captable_create(r.pool, ROOT_CAPTABLE_SLOTS) : NULL;
	r.thread = r.table ? thread_create(r.pool) : NULL;
	if (!r.thread)
		panic("root_start: out of memory creating the root task");
	uint64_t entry = load_elf(&r, &bi->modules[0]);
	for (uint64_t p = 1; p <= ROOT_STACK_PAGES; p++)
		map_new_page(&r, USER_STACK - p * PAGE_SIZE, RIGHT_READ | RIGHT_WRITE);
	map_new_page(&r, ROOT_IPC_BUFFER_ADDR, RIGHT_READ | RIGHT_WRITE);
	fill_info(&r, bi, cmdline);
	install_caps(&r);
	devmem_charge_to(r.pool);
	struct frame *ipc = frame_of(vspace_phys(r.vs, ROOT_IPC_BUFFER_ADDR));
	kobj_ref(&ipc->obj);
	cap_install(slot(&r, SLOT_IPC_BUFFER_FRAME), &ipc->obj, RIGHTS_ALL, 0, 0);
	r.thread->vspace = r.vs;
	r.thread->captable = r.table;
	thread_set_ipc_buffer(r.thread, ipc);
	r.thread->frame->rip = entry;
	r.thread->frame->rsp = USER_STACK;
	r.thread->frame->rdi = ROOT_INFO_ADDR;
	r.thread->priority = ROOT_PRIORITY;
	kprintf("kernel: starting root task '%s' (%lu MiB in its pool)\n", bi->modules[0].name,
		r.pool->quota >> 20);
	sched_wake(r.thread);
}
