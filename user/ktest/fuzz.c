/* fuzz: an untrusted child issues FUZZ_CALLS pseudo-random system calls (any number,
 * operation, slot and argument, kernel addresses included, random IPC buffer contents)
 * from a seeded xorshift generator, holding only a few capabilities of its own and never
 * the system capability. Meanwhile the root keeps serving ping-pong with another child
 * and checks at the end that it still works. The kernel must neither crash nor let the
 * fuzzer disturb anyone else. */
#include "console.h"
#include "fmt.h"
#include "ktest.h"
#include "objects.h"
#include "slots.h"
#include "uthread.h"

#define FUZZ_CALLS 20000
#define FUZZ_SEED 0x2545f4914f6cdd1dull
#define FUZZ_REPORT_ADDR 0x52000000ull /* the report page, in the fuzzer */
#define REPORT_VIEW 0x52000000ull      /* the same page, in the root */
#define PINGER_BADGE 1
#define FUZZ_BADGE 2
#define ROUNDS_AFTER 100 /* ping-pong rounds served after the fuzzer finished */
#define ERR_KINDS 17     /* ERR_OK .. ERR_DEAD */

/* The fuzzer's slots besides the endpoint to the sink (CSLOT_EP), a notification and a
 * frame; random slots are drawn below FZ_PICK_LIMIT, so the backup copies the fuzzer
 * restores its own capabilities from (after it deleted or revoked them) stay out of
 * reach. */
enum { FZ_VSPACE = CSLOT_SPARE, FZ_THREAD, FZ_TABLE, FZ_PICK_LIMIT = 80, FZ_BACKUP = FZ_PICK_LIMIT };
#define FZ_RESTORE_EVERY 128

/* What the fuzzer writes into the page the root reads. */
struct fuzz_report {
	uint64_t done;
	uint64_t calls;
	uint64_t skipped;                 /* waits that could have blocked forever */
	uint64_t by_error[ERR_KINDS + 1]; /* by -code; the last one: codes outside the ABI */
};

static uint64_t rng;

static uint64_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static uint64_t pick_slot(void)
{
	static const uint64_t mine[] = { CSLOT_EP, CSLOT_NOTIFY, CSLOT_FRAME, FZ_VSPACE, FZ_THREAD, FZ_TABLE };
	switch (rnd() % 5) {
	case 0:
	case 1: return mine[rnd() % (sizeof mine / sizeof mine[0])];
	case 3: return CHILD_SLOTS + rnd() % 8;
	case 2: return rnd() % FZ_PICK_LIMIT;
	default: return rnd();
	}
}

/* Addresses: mostly pages of one small region (so maps, unmaps and faults meet), else
 * the edges of user space, kernel and non-canonical addresses, or anything. */
static uint64_t pick_addr(void)
{
	static const uint64_t special[] = { 0, PAGE_SIZE, KERN_BASE, KERN_BASE - PAGE_SIZE,
		KERNEL_VBASE + 0x100000, DIRECT_MAP_BASE, 0x0000800000000000ull, 0x00007ffffffff000ull,
		~0ull, 1ull << 63, USER_BASE, USER_STACK - PAGE_SIZE, FUZZ_REPORT_ADDR, THREAD_AREA_BASE };
	switch (rnd() % 8) {
	case 0:
	case 1: return special[rnd() % (sizeof special / sizeof special[0])];
	case 2: return rnd() % 2 ? rnd() : (rnd() % (KERN_BASE / PAGE_SIZE + 16)) * PAGE_SIZE;
	default: return 0x10000000ull + (rnd() % 64) * PAGE_SIZE;
	}
}

/* What an argument (or the invoked capability) is meant to be. */
enum arg_kind { A_ANY, A_SLOT, A_ADDR, A_COUNT, A_RIGHTS, A_TYPE, A_EP, A_NOTIFY, A_FRAME, A_VS,
		A_THREAD, A_TABLE };

/* The fuzzer's own capability of each kind A_EP..A_TABLE. */
static const uint64_t own_slot[] = { [A_EP] = CSLOT_EP, [A_NOTIFY] = CSLOT_NOTIFY,
	[A_FRAME] = CSLOT_FRAME, [A_VS] = FZ_VSPACE, [A_THREAD] = FZ_THREAD, [A_TABLE] = FZ_TABLE };

static uint64_t pick(unsigned kind)
{
	switch (kind) {
	case A_SLOT: return pick_slot();
	case A_ADDR: return pick_addr();
	case A_COUNT: return rnd() % 4 ? rnd() % 80 : rnd() % 5000;
	case A_RIGHTS: return rnd() % 8 ? rnd() % 8 : rnd() % 64;
	case A_TYPE: return rnd() % (OBJ_TYPE_COUNT + 2);
	case A_ANY: return rnd() % 2 ? rnd() : rnd() % 256;
	default: return rnd() % 8 ? own_slot[kind] : pick_slot();
	}
}

/* An operation with the kinds of its capability and arguments: calls built from these
 * get past the first checks and reach the paths behind them. */
struct op_shape {
	uint64_t op;
	uint8_t cap;
	uint8_t arg[4];
};

static const struct op_shape shapes[] = {
	{ OP_CAP_DERIVE, A_SLOT, { A_SLOT, A_RIGHTS, A_ANY, A_ANY } },
	{ OP_CAP_DELETE, A_SLOT, { 0 } },
	{ OP_CAP_REVOKE, A_SLOT, { 0 } },
	{ OP_CAP_INFO, A_SLOT, { 0 } },
	{ OP_CAPTABLE_COPY_IN, A_TABLE, { A_SLOT, A_SLOT, A_RIGHTS, A_ANY } },
	{ OP_POOL_CREATE, A_SLOT, { A_TYPE, A_SLOT, A_COUNT, 0 } },
	{ OP_VSPACE_MAP, A_VS, { A_FRAME, A_ADDR, A_RIGHTS, 0 } },
	{ OP_VSPACE_MAP_BATCH, A_VS, { A_COUNT, 0 } },
	{ OP_VSPACE_UNMAP, A_VS, { A_ADDR, A_COUNT, 0 } },
	{ OP_VSPACE_PROTECT, A_VS, { A_ADDR, A_COUNT, A_RIGHTS, 0 } },
	{ OP_VSPACE_AD_BITS, A_VS, { A_ADDR, A_COUNT, 0 } },
	{ OP_THREAD_CONFIGURE, A_THREAD, { A_VS, A_TABLE, A_FRAME, A_ADDR } },
	{ OP_THREAD_SET_FAULT, A_THREAD, { A_EP, 0 } },
	{ OP_THREAD_WRITE_REGS, A_THREAD, { A_ADDR, A_ADDR, A_ANY, A_ANY } },
	{ OP_THREAD_SET_PRIORITY, A_THREAD, { A_COUNT, 0 } },
	{ OP_THREAD_RESUME, A_THREAD, { 0 } },
	{ OP_THREAD_SUSPEND, A_THREAD, { 0 } },
	{ OP_THREAD_INFO, A_THREAD, { 0 } },
	{ OP_FRAME_INFO, A_FRAME, { 0 } },
	{ OP_IRQ_CLAIM, A_SLOT, { A_COUNT, A_SLOT, 0 } },
	{ OP_IRQ_SET_NOTIFY, A_SLOT, { A_NOTIFY, 0 } },
	{ OP_IRQ_ACK, A_SLOT, { 0 } },
	{ OP_IOPORT_IN, A_SLOT, { A_COUNT, A_COUNT, 0 } },
	{ OP_IOPORT_OUT, A_SLOT, { A_COUNT, A_COUNT, A_ANY, 0 } },
	{ OP_IOPORT_ISSUE, A_SLOT, { A_COUNT, A_COUNT, A_SLOT, 0 } },
	{ OP_DEVMEM_FRAME, A_SLOT, { A_ADDR, A_SLOT, 0 } },
	{ OP_CONSOLE_WRITE, A_SLOT, { A_COUNT, 0 } },
	{ OP_SYSTEM_POWEROFF, A_SLOT, { A_COUNT, 0 } },
};

/* Half the calls: a shaped SYS_INVOKE. The others: any number (0..13 covers every SYS_*
 * and three invalid ones; now and then any 64-bit value) with random registers. */
static uint64_t make_call(struct sysregs *r)
{
	if (rnd() % 2) {
		const struct op_shape *sh = &shapes[rnd() % (sizeof shapes / sizeof shapes[0])];
		*r = (struct sysregs){ pick(sh->cap), sh->op,
				       { pick(sh->arg[0]), pick(sh->arg[1]), pick(sh->arg[2]), pick(sh->arg[3]) } };
		return SYS_INVOKE;
	}
	uint64_t nr = rnd() % 16 == 15 ? rnd() : rnd() % 14;
	uint64_t tag = rnd() % 8 ? MSG_TAG(rnd() % 8, rnd() % 80, rnd() % 3) : rnd();
	*r = (struct sysregs){ pick(A_SLOT), nr == SYS_INVOKE ? rnd() % 200 : tag,
			       { pick(A_ANY), pick(A_ADDR), pick(A_SLOT), pick(A_ANY) } };
	return nr;
}

/* Message words, capability slots, and map-batch entries (frame, address | rights). */
static void scramble_ipc_buffer(struct ipc_buffer *ib)
{
	for (unsigned i = 0; i < MSG_MAX_WORDS; i++)
		ib->mr[i] = pick(A_ANY);
	for (unsigned i = 0; i < sizeof ib->words / sizeof ib->words[0]; i++)
		ib->words[i] = i % 2 ? (pick_addr() & ~(PAGE_SIZE - 1)) | pick(A_RIGHTS) : pick(A_FRAME);
	ib->send_cap = pick_slot();
	ib->recv_slot = pick_slot();
}

/* Refills each of its own slots that lost its capability from the backup copy. */
static void restore_own_caps(void)
{
	for (unsigned k = A_EP; k <= A_TABLE; k++)
		cap_derive(FZ_BACKUP + k - A_EP, own_slot[k], RIGHTS_ALL, 0);
}

/* A wait on a notification with a zero word would block forever: signal it first, and
 * skip the wait if that is refused. Other capabilities make SYS_WAIT fail at once. */
static bool wait_is_safe(uint64_t cap)
{
	uint64_t type, rights, badge;
	if (cap_info(cap, &type, &rights, &badge) || type != OBJ_NOTIFICATION)
		return true;
	return sys_signal(cap) == ERR_OK;
}

void role_fuzz(uint64_t seed)
{
	struct fuzz_report *report = (struct fuzz_report *)FUZZ_REPORT_ADDR;
	struct ipc_buffer *ib = ipc_buf();
	uint64_t word;

	rng = seed;
	for (unsigned i = 0; i < FUZZ_CALLS; i++) {
		if (i % 64 == 0)
			scramble_ipc_buffer(ib);
		if (i % FZ_RESTORE_EVERY == 0)
			restore_own_caps();
		struct sysregs r;
		uint64_t nr = make_call(&r);
		if (nr == SYS_WAIT && !wait_is_safe(r.rdi)) {
			report->skipped++;
			continue;
		}
		int64_t err = sys_raw(nr, &r);
		report->calls++;
		report->by_error[err <= 0 && -err < ERR_KINDS ? -err : ERR_KINDS]++;
	}
	report->done = 1;
	for (;;) {
		sys_wait(CSLOT_NOTIFY, &word);
		sys_yield();
	}
}

/* Calls the root forever with a counter; every answer must be 3 * counter + 1. */
void role_pinger(uint64_t arg)
{
	(void)arg;
	for (uint64_t i = 0;; i++) {
		struct msg m = { MSG_TAG(1, 1, 0), 0, { i, 0, 0, 0 } };
		CHECK_OK(sys_call(CSLOT_EP, &m));
		CHECK_EQ(m.mr[0], 3 * i + 1);
	}
}

/* The sink: answers every message from the fuzzer (and its threads' faults) with a
 * kill reply, dropping capabilities it is sent. */
static uint64_t sink_ep, sink_slot, sink_count;

void role_fuzz_sink(uint64_t arg)
{
	struct ipc_buffer *ib = ipc_buf();
	(void)arg;
	for (;;) {
		struct msg m;
		ib->recv_slot = sink_slot;
		CHECK_OK(sys_recv(sink_ep, &m));
		/* The copy received is derived from the sender's capability: the fuzzer may
		 * have revoked it already. */
		if (ib->recv_caps) {
			int64_t err = cap_delete(sink_slot);
			CHECK(err == ERR_OK || err == ERR_EMPTY_SLOT);
		}
		sink_count++;
		m = (struct msg){ MSG_TAG(FAULT_REPLY_KILL, 1, 0), 0, { (uint64_t)-1, 0, 0, 0 } };
		sys_reply(&m);
	}
}

/* Spawns the fuzzer with its capabilities (each also as a backup at FZ_BACKUP + kind, in
 * the order of own_slot) and its report page. */
static void start_fuzzer(struct child *c)
{
	uint64_t table, report = new_mapped_frame(REPORT_VIEW);
	CHECK_OK(obj_new(OBJ_CAPTABLE, 16, &table));
	struct { uint64_t src, dst, badge; } caps[] = {
		{ sink_ep, CSLOT_EP, FUZZ_BADGE },
		{ new_object(OBJ_NOTIFICATION), CSLOT_NOTIFY, 0x10 },
		{ new_object(OBJ_FRAME), CSLOT_FRAME, 0 },
		{ new_object(OBJ_VSPACE), FZ_VSPACE, 0 },
		{ new_object(OBJ_THREAD), FZ_THREAD, 0 },
		{ table, FZ_TABLE, 0 },
	};
	child_create(c, ROLE_FUZZ, FUZZ_SEED, NULL, 0, 0, false);
	for (unsigned k = 0; k < sizeof caps / sizeof caps[0]; k++) {
		/* The endpoint cannot receive: no fuzzer call waits for a message forever. */
		uint32_t rights = k == 0 ? RIGHT_WRITE | RIGHT_GRANT : RIGHTS_ALL;
		CHECK_OK(space_give(&c->space, caps[k].src, caps[k].dst, rights, caps[k].badge));
		CHECK_OK(space_give(&c->space, caps[k].src, FZ_BACKUP + k, rights, caps[k].badge));
	}
	CHECK_OK(vspace_map(c->space.vspace, report, FUZZ_REPORT_ADDR, RIGHT_READ | RIGHT_WRITE));
	child_run(c);
}

static void print_report(const volatile struct fuzz_report *r, uint64_t rounds)
{
	char line[CONSOLE_WRITE_MAX];
	size_t n = 0;
	for (unsigned k = 0; k < ERR_KINDS && n < sizeof line; k++)
		if (r->by_error[k])
			n += fmt_snprintf(line + n, sizeof line - n, " %d:%lu", -(int)k, r->by_error[k]);
	if (n < sizeof line)
		fmt_snprintf(line + n, sizeof line - n, " other:%lu", r->by_error[ERR_KINDS]);
	cprintf("ktest fuzz: seed 0x%lx, %lu calls, %lu waits skipped, %lu messages to the sink, "
		"%lu ping-pong rounds\n", (uint64_t)FUZZ_SEED, r->calls, r->skipped, sink_count, rounds);
	cprintf("ktest fuzz: results by code:%s\n", line);
}

void test_fuzz(void)
{
	const volatile struct fuzz_report *report = (const volatile struct fuzz_report *)REPORT_VIEW;
	uint64_t ep = new_object(OBJ_ENDPOINT), rounds = 0, until = ~0ull;
	struct child pinger, fuzzer;
	struct msg m;

	sink_ep = new_object(OBJ_ENDPOINT);
	sink_slot = slot_alloc();
	thread_spawn(root_space(), ROLE_FUZZ_SINK, 0, 0, PRIO_TEST, true);
	start_fuzzer(&fuzzer);
	child_spawn(&pinger, ROLE_PINGER, 0, &(struct grant){ ep, CSLOT_EP, RIGHT_WRITE, PINGER_BADGE }, 1,
		    0, true);
	CHECK_OK(sys_recv(ep, &m));
	for (;; rounds++) {
		CHECK(m.badge == PINGER_BADGE && m.mr[0] == rounds);
		if (report->done && until == ~0ull)
			until = rounds + ROUNDS_AFTER;
		if (rounds == until)
			break;
		m = (struct msg){ MSG_TAG(1, 1, 0), 0, { 3 * rounds + 1, 0, 0, 0 } };
		CHECK_OK(sys_reply_recv(ep, &m));
	}
	print_report(report, rounds);
	CHECK_EQ(report->calls + report->skipped, FUZZ_CALLS);
	CHECK(sink_count > 0);
}
