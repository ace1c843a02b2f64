/* Fault delivery. fault-handler: a child's page faults (read, write to a read-only page,
 * write, fetch) at the lowest and highest user pages reach the root as FAULT_PAGE with
 * the right address, error bits, rip and rsp; the root maps frames with
 * FAULT_REPLY_MAP_RESUME (one, or two pages in one reply; a bad reply is refused and can
 * be retried) and the child carries on; #UD, #DE and #GP arrive as FAULT_EXCEPTION with
 * their vectors. fault-kill: FAULT_REPLY_KILL ends a thread with
 * the given status; a thread without a fault endpoint dies with -1. */
#include "ktest.h"
#include "objects.h"
#include "probes.h"
#include "slots.h"
#include "uthread.h"

#define FAULT_BADGE 0xfaull
#define REPORT_BADGE 0xc1ull
#define HIGH_PAGE (KERN_BASE - PAGE_SIZE) /* the last user page */
#define LOW_PAGE 0x1000ull                /* the first user page */
#define EXEC_PAGE 0x50000000ull
#define VIEW 0x33000000ull /* the root's own mappings of the frames it hands out */
#define MAGIC 0x1111222233334444ull
#define STORED 0x10full
#define SECOND 0x2222ull /* in the page mapped along with LOW_PAGE */
#define CODE_RESULT 0x5a5a
#define VEC_DE 0
#define VEC_UD 6
#define VEC_GP 13

/* mov $CODE_RESULT, %eax; ret */
static const unsigned char code[] = { 0xb8, 0x5a, 0x5a, 0x00, 0x00, 0xc3 };

/* The four page faults; then reports what it read, what the code returned, the stack
 * pointers it had at each faulting instruction, and what it read without a fault in the
 * page mapped together with LOW_PAGE. */
void role_fault_probes(uint64_t arg)
{
	struct ipc_buffer *ib = ipc_buf();
	uint64_t rsp[4];
	(void)arg;
	uint64_t value = probe_load(HIGH_PAGE + 8, &rsp[0]);
	probe_store(HIGH_PAGE + 16, value + 1, &rsp[1]);
	probe_store(LOW_PAGE, STORED, &rsp[2]);
	uint64_t result = probe_call(EXEC_PAGE, &rsp[3]);
	struct msg m = { MSG_TAG(1, 7, 0), 0, { value, result, rsp[0], rsp[1] } };
	ib->mr[4] = rsp[2];
	ib->mr[5] = rsp[3];
	ib->mr[6] = *(volatile uint64_t *)(LOW_PAGE + PAGE_SIZE);
	CHECK_OK(sys_call(CSLOT_EP, &m));
}

/* Raises the exception of vector arg. */
void role_fault_exception(uint64_t vector)
{
	if (vector == VEC_UD)
		probe_ud2();
	else if (vector == VEC_DE)
		probe_div0();
	else
		probe_gp();
	ktest_fail("still running after the exception", 0, 0, __FILE_NAME__, __LINE__);
}

/* Writes to address arg, which is not mapped. */
void role_fault_touch(uint64_t addr)
{
	*(volatile uint64_t *)addr = 1;
	ktest_fail("still running after the fault", 0, 0, __FILE_NAME__, __LINE__);
}

/* Receives the next fault on ep and checks its kind, MR0, MR1 and rip (unless NULL);
 * returns its rsp. */
static uint64_t recv_fault(uint64_t ep, uint64_t label, uint64_t mr0, uint64_t mr1, const void *rip)
{
	struct msg m;
	CHECK_OK(sys_recv(ep, &m));
	CHECK_EQ(m.badge, FAULT_BADGE);
	CHECK_EQ(MSG_LABEL(m.tag), label);
	CHECK_EQ(m.mr[0], mr0);
	CHECK_EQ(m.mr[1], mr1);
	if (rip)
		CHECK_EQ(m.mr[2], (uint64_t)rip);
	return m.mr[3];
}

static int64_t try_reply_map(uint64_t count, uint64_t frame, uint64_t addr_rights)
{
	struct msg r = { MSG_TAG(FAULT_REPLY_MAP_RESUME, 3, 0), 0, { count, frame, addr_rights, 0 } };
	return sys_reply(&r);
}

static void reply_map(uint64_t frame, uint64_t addr_rights)
{
	CHECK_OK(try_reply_map(1, frame, addr_rights));
}

/* Maps two pages with one reply: the second pair travels in the IPC buffer. */
static void reply_map_two(uint64_t f0, uint64_t ar0, uint64_t f1, uint64_t ar1)
{
	struct msg r = { MSG_TAG(FAULT_REPLY_MAP_RESUME, 5, 0), 0, { 2, f0, ar0, f1 } };
	ipc_buf()->mr[4] = ar1;
	CHECK_OK(sys_reply(&r));
}

static void reply_kill(int64_t status)
{
	struct msg r = { MSG_TAG(FAULT_REPLY_KILL, 1, 0), 0, { (uint64_t)status, 0, 0, 0 } };
	CHECK_OK(sys_reply(&r));
}

static void check_dead(uint64_t th, int64_t status)
{
	struct thread_info ti;
	CHECK_OK(thread_info(th, &ti));
	CHECK_EQ(ti.state, THREAD_DEAD);
	CHECK_EQ(ti.status, status);
}

/* Serves the four page faults of role_fault_probes, then checks its report. */
static void page_faults(uint64_t ep, const struct child *c, const uint64_t frame[4])
{
	volatile uint64_t *view = (volatile uint64_t *)VIEW;
	uint64_t rsp[4];

	rsp[0] = recv_fault(ep, FAULT_PAGE, HIGH_PAGE + 8, PF_ERR_USER, probe_load_insn);
	/* Refused replies leave the thread waiting for a good one. */
	CHECK_ERR(try_reply_map(1, slot_alloc(), HIGH_PAGE | RIGHT_READ), ERR_EMPTY_SLOT);
	CHECK_ERR(try_reply_map(0, frame[0], HIGH_PAGE | RIGHT_READ), ERR_INVALID_ARG);
	CHECK_ERR(try_reply_map(1, frame[0], KERN_BASE | RIGHT_READ), ERR_BAD_ADDRESS);
	reply_map(frame[0], HIGH_PAGE | RIGHT_READ);
	rsp[1] = recv_fault(ep, FAULT_PAGE, HIGH_PAGE + 16, PF_ERR_PRESENT | PF_ERR_WRITE | PF_ERR_USER,
			    probe_store_insn);
	CHECK_OK(vspace_unmap(c->space.vspace, HIGH_PAGE, 1));
	reply_map(frame[0], HIGH_PAGE | RIGHT_READ | RIGHT_WRITE);
	rsp[2] = recv_fault(ep, FAULT_PAGE, LOW_PAGE, PF_ERR_WRITE | PF_ERR_USER, probe_store_insn);
	reply_map_two(frame[1], LOW_PAGE | RIGHT_READ | RIGHT_WRITE, frame[3],
		      (LOW_PAGE + PAGE_SIZE) | RIGHT_READ);
	rsp[3] = recv_fault(ep, FAULT_PAGE, EXEC_PAGE, PF_ERR_USER | PF_ERR_FETCH, (void *)EXEC_PAGE);
	reply_map(frame[2], EXEC_PAGE | RIGHT_READ | RIGHT_EXEC);

	struct msg m;
	struct ipc_buffer *ib = ipc_buf();
	CHECK_OK(sys_recv(ep, &m));
	CHECK(m.badge == REPORT_BADGE && MSG_WORDS(m.tag) == 7);
	CHECK_EQ(m.mr[0], MAGIC);
	CHECK_EQ(m.mr[1], CODE_RESULT);
	CHECK(m.mr[2] == rsp[0] && m.mr[3] == rsp[1] && ib->mr[4] == rsp[2] && ib->mr[5] == rsp[3]);
	CHECK_EQ(ib->mr[6], SECOND);
	CHECK_EQ(view[2], MAGIC + 1);
	CHECK_EQ(view[512], STORED);
	CHECK_OK(sys_reply(&m));
}

/* Each exception in a fresh thread of the child's space, killed by the reply. */
static void exceptions(uint64_t ep, uint64_t fault_cap, struct child *c)
{
	static const struct {
		uint64_t vector;
		const char *insn;
	} cases[] = { { VEC_UD, probe_ud2_insn }, { VEC_DE, probe_div0_insn }, { VEC_GP, probe_gp_insn } };

	for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct uthread t = thread_spawn(&c->space, ROLE_FAULT_EXCEPTION, cases[i].vector, fault_cap,
						PRIO_TEST, true);
		uint64_t top = thread_area_base(t.area) + THREAD_AREA_SIZE;
		uint64_t rsp = recv_fault(ep, FAULT_EXCEPTION, cases[i].vector, 0, cases[i].insn);
		CHECK(rsp < top && rsp >= top - THREAD_STACK_PAGES * PAGE_SIZE);
		reply_kill(100 + i);
		check_dead(t.thread, 100 + i);
	}
}

void test_fault_handler(void)
{
	uint64_t ep = new_object(OBJ_ENDPOINT), fault_cap = derive(ep, RIGHTS_ALL, FAULT_BADGE);
	struct grant g = { ep, CSLOT_EP, RIGHT_WRITE, REPORT_BADGE };
	uint64_t frame[4];
	struct child c;

	for (unsigned i = 0; i < 4; i++)
		frame[i] = new_mapped_frame(VIEW + i * PAGE_SIZE);
	((volatile uint64_t *)VIEW)[1] = MAGIC;
	((volatile uint64_t *)VIEW)[3 * PAGE_SIZE / 8] = SECOND;
	for (unsigned i = 0; i < sizeof code; i++)
		((volatile unsigned char *)VIEW)[2 * PAGE_SIZE + i] = code[i];
	child_spawn(&c, ROLE_FAULT_PROBES, 0, &g, 1, fault_cap, true);
	page_faults(ep, &c, frame);
	exceptions(ep, fault_cap, &c);
}

void test_fault_kill(void)
{
	uint64_t ep = new_object(OBJ_ENDPOINT), fault_cap = derive(ep, RIGHTS_ALL, FAULT_BADGE);
	struct thread_info ti;
	struct child handled, unhandled;

	child_spawn(&handled, ROLE_FAULT_TOUCH, EXEC_PAGE, NULL, 0, fault_cap, true);
	recv_fault(ep, FAULT_PAGE, EXEC_PAGE, PF_ERR_WRITE | PF_ERR_USER, NULL);
	CHECK_OK(thread_info(handled.main.thread, &ti));
	CHECK_EQ(ti.state, THREAD_BLOCKED);
	reply_kill(42);
	check_dead(handled.main.thread, 42);

	child_spawn(&unhandled, ROLE_FAULT_TOUCH, EXEC_PAGE, NULL, 0, 0, true);
	CHECK(wait_state(unhandled.main.thread, THREAD_DEAD, 100));
	check_dead(unhandled.main.thread, -1);
}
