/* isolation: a task reaches nothing but its own mappings and capabilities. A child's
 * reads, writes and fetches at kernel addresses (the kernel image, the direct map)
 * become FAULT_PAGE with the protection bits the hardware reports, a non-canonical
 * address a #GP; a page mapped without RIGHT_EXEC faults on fetch (NX); mapping a
 * capability the task does not hold, or at or above KERN_BASE, fails with its error. */
#include "ktest.h"
#include "objects.h"
#include "probes.h"
#include "slots.h"
#include "uthread.h"

#define FAULT_BADGE 0xfaull
#define REPORT_BADGE 0xc1ull
#define KERNEL_TEXT (KERNEL_VBASE + 0x100000)
#define DIRECT_MAP_RAM (DIRECT_MAP_BASE + 0x100000)
#define NON_CANONICAL 0x0000800000000000ull
#define NX_PAGE 0x50000000ull
#define MAP_PAGE 0x51000000ull
#define VEC_GP 13

enum iso_probe { ISO_READ_KERNEL, ISO_READ_DIRECT_MAP, ISO_WRITE_KERNEL, ISO_EXEC_NX, ISO_EXEC_KERNEL,
		 ISO_READ_NON_CANONICAL, ISO_PROBES };

void role_iso_probe(uint64_t kind)
{
	uint64_t rsp;
	switch (kind) {
	case ISO_READ_KERNEL: probe_load(KERNEL_TEXT, &rsp); break;
	case ISO_READ_DIRECT_MAP: probe_load(DIRECT_MAP_RAM, &rsp); break;
	case ISO_WRITE_KERNEL: probe_store(KERNEL_TEXT, 0, &rsp); break;
	case ISO_EXEC_NX: probe_call(NX_PAGE, &rsp); break;
	case ISO_EXEC_KERNEL: probe_call(KERNEL_TEXT, &rsp); break;
	default: probe_load(NON_CANONICAL, &rsp); break;
	}
	ktest_fail("still running after the probe", 0, 0, __FILE_NAME__, __LINE__);
}

/* Bad mappings into its own space; arg is a slot the root holds a frame in, empty here
 * (the slots it has are those of test_isolation's grants). */
void role_iso_mapper(uint64_t root_frame_slot)
{
	static const uint64_t bad[] = { KERN_BASE, KERN_BASE + PAGE_SIZE, NON_CANONICAL, DIRECT_MAP_BASE,
					KERNEL_TEXT, 0, MAP_PAGE + 8 };
	struct ipc_buffer *ib = ipc_buf();
	uint64_t vs = CSLOT_VSPACE, f = CSLOT_FRAME;

	CHECK_ERR(vspace_map(vs, root_frame_slot, MAP_PAGE, RIGHT_READ), ERR_EMPTY_SLOT);
	CHECK_ERR(vspace_map(vs, CHILD_SLOTS, MAP_PAGE, RIGHT_READ), ERR_INVALID_CAP);
	CHECK_ERR(pool_create(SLOT_POOL, OBJ_FRAME, CSLOT_RECV, 0), ERR_EMPTY_SLOT);
	for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++)
		CHECK_ERR(vspace_map(vs, f, bad[i], RIGHT_READ), ERR_BAD_ADDRESS);
	CHECK_ERR(vspace_unmap(vs, KERN_BASE - PAGE_SIZE, 2), ERR_BAD_ADDRESS);
	CHECK_ERR(vspace_unmap(vs, PAGE_SIZE, 1ull << 52), ERR_BAD_ADDRESS);
	/* A batch with one bad entry maps nothing. */
	struct map_batch_entry *e = (struct map_batch_entry *)ib->words;
	e[0] = (struct map_batch_entry){ f, MAP_PAGE | RIGHT_READ };
	e[1] = (struct map_batch_entry){ CSLOT_SPARE, (MAP_PAGE + PAGE_SIZE) | RIGHT_READ };
	e[2] = (struct map_batch_entry){ f, KERN_BASE | RIGHT_READ };
	CHECK_ERR(vspace_map_batch(vs, 3), ERR_BAD_ADDRESS);
	CHECK_OK(vspace_map(vs, f, MAP_PAGE, RIGHT_READ | RIGHT_WRITE));
	CHECK_OK(vspace_map(vs, CSLOT_SPARE, MAP_PAGE + PAGE_SIZE, RIGHT_READ));
	/* The last user page is a user page. */
	CHECK_OK(vspace_map(vs, f, KERN_BASE - PAGE_SIZE, RIGHT_READ));
	CHECK_EQ(*(volatile uint64_t *)(KERN_BASE - PAGE_SIZE), 0);
	*(volatile uint64_t *)MAP_PAGE = 7;
	CHECK_EQ(*(volatile uint64_t *)(KERN_BASE - PAGE_SIZE), 7);
	struct msg m = { MSG_TAG(1, 0, 0), 0, { 0, 0, 0, 0 } };
	CHECK_OK(sys_call(CSLOT_EP, &m));
}

static void expect_probe(uint64_t ep, struct child *c, uint64_t fault_cap, uint64_t kind,
			 uint64_t label, uint64_t mr0, uint64_t mr1, const void *rip)
{
	struct thread_info ti;
	struct msg m;
	struct uthread t = thread_spawn(&c->space, ROLE_ISO_PROBE, kind, fault_cap, PRIO_TEST, true);
	CHECK_OK(sys_recv(ep, &m));
	CHECK_EQ(m.badge, FAULT_BADGE);
	CHECK_EQ(MSG_LABEL(m.tag), label);
	CHECK_EQ(m.mr[0], mr0);
	CHECK_EQ(m.mr[1], mr1);
	CHECK_EQ(m.mr[2], (uint64_t)rip);
	m = (struct msg){ MSG_TAG(FAULT_REPLY_KILL, 1, 0), 0, { kind, 0, 0, 0 } };
	CHECK_OK(sys_reply(&m));
	CHECK_OK(thread_info(t.thread, &ti));
	CHECK(ti.state == THREAD_DEAD && ti.status == (int64_t)kind);
}

#define RFLAGS_NT 0x4000ull

/* RFLAGS is the user's to set, NT included: a system call made with NT set must come
 * back normally (the kernel clears it on entry; iretq with NT would fault). */
static void check_nt_flag(void)
{
	__asm__ volatile("pushfq; orq %0, (%%rsp); popfq" ::"i"(RFLAGS_NT) : "memory", "cc");
	int64_t err = sys_null();
	__asm__ volatile("pushfq; andq %0, (%%rsp); popfq" ::"i"(~RFLAGS_NT) : "memory", "cc");
	CHECK_OK(err);
}

void test_isolation(void)
{
	static const unsigned char ret = 0xc3;
	const uint64_t P = PF_ERR_PRESENT, U = PF_ERR_USER, W = PF_ERR_WRITE, F = PF_ERR_FETCH;
	uint64_t ep = new_object(OBJ_ENDPOINT), fault_cap = derive(ep, RIGHTS_ALL, FAULT_BADGE);
	uint64_t frame = new_object(OBJ_FRAME), spare = new_object(OBJ_FRAME), nx = new_object(OBJ_FRAME);
	struct grant g[3] = { { ep, CSLOT_EP, RIGHT_WRITE, REPORT_BADGE },
			      { frame, CSLOT_FRAME, RIGHT_READ | RIGHT_WRITE, 0 },
			      { spare, CSLOT_SPARE, RIGHT_READ, 0 } };
	struct child c;
	struct msg m;

	uint64_t type, rights, badge, root_frame = SLOT_FIRST_MODULE_FRAME + 1;

	check_nt_flag();
	CHECK_ERR(vspace_map(SLOT_VSPACE, nx, KERN_BASE, RIGHT_READ), ERR_BAD_ADDRESS);
	CHECK_OK(frame_fill(nx, &ret, 1, 0));
	CHECK_OK(cap_info(root_frame, &type, &rights, &badge));
	CHECK_EQ(type, OBJ_FRAME);
	child_create(&c, ROLE_ISO_MAPPER, root_frame, g, 3, 0, true);
	CHECK_OK(space_give(&c.space, c.space.vspace, CSLOT_VSPACE, RIGHTS_ALL, 0));
	child_run(&c);
	CHECK_OK(sys_recv(ep, &m));
	CHECK_EQ(m.badge, REPORT_BADGE);
	CHECK_OK(sys_reply(&m));

	CHECK_OK(vspace_map(c.space.vspace, nx, NX_PAGE, RIGHT_READ | RIGHT_WRITE));
	expect_probe(ep, &c, fault_cap, ISO_READ_KERNEL, FAULT_PAGE, KERNEL_TEXT, P | U, probe_load_insn);
	expect_probe(ep, &c, fault_cap, ISO_READ_DIRECT_MAP, FAULT_PAGE, DIRECT_MAP_RAM, P | U,
		     probe_load_insn);
	expect_probe(ep, &c, fault_cap, ISO_WRITE_KERNEL, FAULT_PAGE, KERNEL_TEXT, P | W | U,
		     probe_store_insn);
	expect_probe(ep, &c, fault_cap, ISO_EXEC_NX, FAULT_PAGE, NX_PAGE, P | U | F, (void *)NX_PAGE);
	expect_probe(ep, &c, fault_cap, ISO_EXEC_KERNEL, FAULT_PAGE, KERNEL_TEXT, P | U | F,
		     (void *)KERNEL_TEXT);
	expect_probe(ep, &c, fault_cap, ISO_READ_NON_CANONICAL, FAULT_EXCEPTION, VEC_GP, 0,
		     probe_load_insn);
}
