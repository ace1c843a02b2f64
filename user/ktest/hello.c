/* Bring-up tests: the root task runs and prints (hello), holds the capabilities and
 * mappings abi/rootinfo.h promises (root-caps), and can start a child in a new address
 * space that talks back (spawn). */
#include "console.h"
#include "elf64.h"
#include "ktest.h"
#include <string.h>
#include "objects.h"
#include "slots.h"
#include "uthread.h"

void test_hello(void)
{
	CHECK_OK(cprintf("ktest hello: hello from user mode\n"));
}

static void check_type(uint64_t slot, uint64_t want)
{
	uint64_t type, rights, badge;
	CHECK_OK(cap_info(slot, &type, &rights, &badge));
	CHECK(type == want);
}

static void check_modules(const struct root_info *ri)
{
	uint64_t type, rights, badge;
	uint32_t magic;

	CHECK(ri->module_count >= 1);
	memcpy(&magic, (const void *)ri->modules[0].addr, sizeof magic);
	CHECK(magic == ELF_MAGIC);
	for (uint32_t i = 0; i < ri->module_count; i++) {
		const struct root_module *m = &ri->modules[i];
		CHECK(m->frames == (m->size + PAGE_SIZE - 1) / PAGE_SIZE);
		CHECK(m->first_slot >= SLOT_FIRST_MODULE_FRAME);
		CHECK(m->first_slot + m->frames <= ri->first_free_slot);
		check_type(m->first_slot, OBJ_FRAME);
		check_type(m->first_slot + m->frames - 1, OBJ_FRAME);
		/* The last byte of the image is readable where root_info says. */
		CHECK(((volatile const char *)m->addr)[m->size - 1] == ((const char *)m->addr)[m->size - 1]);
	}
	CHECK_ERR(cap_info(ri->first_free_slot, &type, &rights, &badge), ERR_EMPTY_SLOT);
	CHECK_ERR(cap_info(ROOT_CAPTABLE_SLOTS - 1, &type, &rights, &badge), ERR_EMPTY_SLOT);
	CHECK_ERR(cap_info(ROOT_CAPTABLE_SLOTS, &type, &rights, &badge), ERR_INVALID_CAP);
}

void test_root_caps(void)
{
	const struct root_info *ri = ktest_root;
	uint64_t type, rights, badge, free_bytes, quota, phys, device;

	CHECK_ERR(cap_info(SLOT_NULL, &type, &rights, &badge), ERR_EMPTY_SLOT);
	check_type(SLOT_THREAD, OBJ_THREAD);
	check_type(SLOT_VSPACE, OBJ_VSPACE);
	check_type(SLOT_CAPTABLE, OBJ_CAPTABLE);
	check_type(SLOT_POOL, OBJ_POOL);
	check_type(SLOT_CONSOLE, OBJ_CONSOLE);
	check_type(SLOT_SYSTEM, OBJ_SYSTEM);
	check_type(SLOT_IRQ_CONTROL, OBJ_IRQ_CONTROL);
	check_type(SLOT_IOPORTS, OBJ_IOPORTS);
	check_type(SLOT_DEVMEM, OBJ_DEVMEM);
	check_type(SLOT_IPC_BUFFER_FRAME, OBJ_FRAME);
	CHECK_OK(cap_info(SLOT_POOL, &type, &rights, &badge));
	CHECK(rights == RIGHTS_ALL);
	CHECK_OK(pool_info(SLOT_POOL, &free_bytes, &quota));
	CHECK(quota == ri->pool_bytes && free_bytes > 0 && free_bytes <= quota);
	CHECK_OK(frame_info(SLOT_IPC_BUFFER_FRAME, &phys, &device));
	CHECK(phys != 0 && (phys & (PAGE_SIZE - 1)) == 0 && device == 0);
	check_modules(ri);
	cprintf("ktest root-caps: %u module(s), first free slot %u, pool %lu KiB\n", ri->module_count,
		ri->first_free_slot, ri->pool_bytes / 1024);
}

/* Initialised data and bss, to see that a child gets its own fresh copy of both. */
static uint64_t data_word = 0x600d;
static uint64_t bss_word;

void role_hello_child(uint64_t arg)
{
	struct msg m = { MSG_TAG(1, 4, 0), 0, { arg, data_word, bss_word, stack_pointer() } };
	data_word++;
	bss_word++;
	CHECK_OK(cprintf("%s: hello from a child address space\n", ktest_name));
	CHECK_OK(sys_call(CSLOT_EP, &m));
	CHECK(MSG_LABEL(m.tag) == 2 && m.mr[0] == arg + 1);
}

void test_spawn(void)
{
	uint64_t ep = new_object(OBJ_ENDPOINT);
	struct grant g = { ep, CSLOT_EP, RIGHT_WRITE, 0x5 };
	struct child c;
	struct msg m;

	data_word = 1;
	child_spawn(&c, ROLE_HELLO_CHILD, 77, &g, 1, 0, true);
	CHECK_OK(sys_recv(ep, &m));
	uint64_t top = thread_area_base(0) + THREAD_AREA_SIZE;
	CHECK(m.badge == 0x5 && MSG_LABEL(m.tag) == 1 && MSG_WORDS(m.tag) == 4);
	CHECK(m.mr[0] == 77 && m.mr[1] == 0x600d && m.mr[2] == 0);
	CHECK(m.mr[3] < top && m.mr[3] >= top - THREAD_STACK_PAGES * PAGE_SIZE);
	m = (struct msg){ MSG_TAG(2, 1, 0), 0, { 78, 0, 0, 0 } };
	CHECK_OK(sys_reply(&m));
	CHECK(wait_state(c.main.thread, THREAD_INACTIVE, 1000));
	CHECK(data_word == 1 && bss_word == 0);
}
