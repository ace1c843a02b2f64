/* bench: guest instruction counts of the kernel's basic paths, for tools/bench. Run
 * under -icount (the guest TSC then advances a fixed amount per instruction, measured
 * first with a loop of known length). Each figure is the median of its runs, less what
 * an empty rdtsc pair costs; it includes the user-side wrapper. Prints
 * "bench NAME: N instructions (what)" lines. */
#include "console.h"
#include "ktest.h"
#include "objects.h"
#include "slots.h"
#include "uthread.h"

#define RUNS 101       /* odd, so the median is one run */
#define BATCH_RUNS 21
#define BATCH_PAGES 512 /* mapped with 8 calls of MAP_BATCH_MAX */
#define FAULT_BASE 0x60000000ull
#define MAP_BASE 0x61000000ull
#define FAULT_BADGE 0xfaull
#define REPORT_BADGE 0xc1ull

static uint64_t tsc_per_insn, tsc_overhead;

static void sort(uint64_t *v, unsigned n)
{
	for (unsigned i = 1; i < n; i++)
		for (unsigned j = i; j > 0 && v[j - 1] > v[j]; j--) {
			uint64_t t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
}

static uint64_t median(uint64_t *v, unsigned n)
{
	sort(v, n);
	return v[n / 2];
}

/* TSC cycles since t0 (read with rdtsc), less the cost of the rdtsc pair itself. */
static inline uint64_t since(uint64_t t0)
{
	uint64_t d = rdtsc() - t0;
	return d > tsc_overhead ? d - tsc_overhead : 0;
}

static uint64_t insns(uint64_t tsc) { return (tsc + tsc_per_insn / 2) / tsc_per_insn; }

static void calibrate(void)
{
	uint64_t a = loop_tsc(1000), b = loop_tsc(11000), t[RUNS];
	tsc_per_insn = (b - a) / 20000;
	CHECK(tsc_per_insn > 0);
	for (unsigned i = 0; i < RUNS; i++) {
		uint64_t t0 = rdtsc();
		t[i] = rdtsc() - t0;
	}
	tsc_overhead = median(t, RUNS);
	cprintf("bench calibrate: %lu TSC per instruction (%lu for 20000 more loop instructions), "
		"rdtsc pair %lu TSC\n", tsc_per_insn, b - a, tsc_overhead);
}

static void report(const char *name, uint64_t insns, const char *what)
{
	cprintf("bench %s: %lu instructions (%s)\n", name, insns, what);
}

void role_bench_server(uint64_t arg)
{
	struct msg m;
	(void)arg;
	CHECK_OK(sys_recv(CSLOT_EP, &m));
	for (;;)
		CHECK_OK(sys_reply_recv(CSLOT_EP, &m));
}

/* Touches RUNS fresh pages, timing each fault round trip; reports the median (TSC).
 * arg: the rdtsc pair's cost. */
void role_bench_faulter(uint64_t arg)
{
	static uint64_t t[RUNS];
	tsc_overhead = arg;
	for (unsigned i = 0; i < RUNS; i++) {
		uint64_t t0 = rdtsc();
		*(volatile uint8_t *)(FAULT_BASE + i * PAGE_SIZE) = 1;
		t[i] = since(t0);
	}
	struct msg m = { MSG_TAG(1, 1, 0), 0, { median(t, RUNS), 0, 0, 0 } };
	CHECK_OK(sys_call(CSLOT_EP, &m));
}

static void bench_null(void)
{
	uint64_t t[RUNS];
	for (unsigned i = 0; i < RUNS; i++) {
		uint64_t t0 = rdtsc();
		sys_null();
		t[i] = since(t0);
	}
	report("null-syscall", insns(median(t, RUNS)), "SYS_NULL, user to kernel and back");
}

static void bench_ipc(void)
{
	uint64_t ep = new_object(OBJ_ENDPOINT), t[RUNS];
	struct child server;
	child_spawn(&server, ROLE_BENCH_SERVER, 0, &(struct grant){ ep, CSLOT_EP, RIGHT_READ, 0 }, 1, 0,
		    true);
	for (unsigned i = 0; i < RUNS; i++) {
		struct msg m = { MSG_TAG(1, 4, 0), 0, { i, 2, 3, 4 } };
		uint64_t t0 = rdtsc();
		CHECK_OK(sys_call(ep, &m));
		t[i] = since(t0);
		CHECK_EQ(m.mr[0], i);
	}
	report("ipc-call-reply", insns(median(t, RUNS)),
	       "SYS_CALL + SYS_REPLY_RECV round trip between two address spaces, 4 words");
}

static void bench_fault(void)
{
	uint64_t ep = new_object(OBJ_ENDPOINT), fault_cap = derive(ep, RIGHTS_ALL, FAULT_BADGE);
	uint64_t frames[RUNS];
	struct child c;
	struct msg m;

	for (unsigned i = 0; i < RUNS; i++)
		frames[i] = new_object(OBJ_FRAME);
	child_spawn(&c, ROLE_BENCH_FAULTER, tsc_overhead,
		    &(struct grant){ ep, CSLOT_EP, RIGHT_WRITE, REPORT_BADGE }, 1, fault_cap, true);
	CHECK_OK(sys_recv(ep, &m));
	for (unsigned i = 0; i < RUNS; i++) {
		uint64_t addr = FAULT_BASE + i * PAGE_SIZE;
		CHECK(m.badge == FAULT_BADGE && MSG_LABEL(m.tag) == FAULT_PAGE && m.mr[0] == addr);
		m = (struct msg){ MSG_TAG(FAULT_REPLY_MAP_RESUME, 3, 0), 0,
				  { 1, frames[i], addr | RIGHT_READ | RIGHT_WRITE, 0 } };
		CHECK_OK(sys_reply_recv(ep, &m));
	}
	CHECK_EQ(m.badge, REPORT_BADGE);
	report("fault-map-resume", insns(m.mr[0]),
	       "page fault -> handler -> FAULT_REPLY_MAP_RESUME -> resumed, seen by the faulting thread");
	CHECK_OK(sys_reply(&m));
}

static void bench_map_one(uint64_t vs)
{
	uint64_t frame = new_object(OBJ_FRAME), t[RUNS];
	for (unsigned i = 0; i < RUNS; i++) {
		uint64_t t0 = rdtsc();
		CHECK_OK(vspace_map(vs, frame, MAP_BASE, RIGHT_READ | RIGHT_WRITE));
		t[i] = since(t0);
		CHECK_OK(vspace_unmap(vs, MAP_BASE, 1));
	}
	report("map-1", insns(median(t, RUNS)), "OP_VSPACE_MAP of one frame, page tables present");
}

/* Maps frames[0..BATCH_PAGES) at MAP_BASE with MAP_BATCH calls; returns the TSC cycles
 * spent in them. */
static uint64_t map_batches(uint64_t vs, const uint64_t *frames)
{
	struct map_batch_entry *e = (struct map_batch_entry *)ipc_buf()->words;
	uint64_t total = 0;
	for (unsigned b = 0; b < BATCH_PAGES / MAP_BATCH_MAX; b++) {
		for (unsigned i = 0; i < MAP_BATCH_MAX; i++) {
			unsigned page = b * MAP_BATCH_MAX + i;
			e[i] = (struct map_batch_entry){ frames[page],
							 (MAP_BASE + page * PAGE_SIZE) | RIGHT_READ | RIGHT_WRITE };
		}
		uint64_t t0 = rdtsc();
		CHECK_OK(vspace_map_batch(vs, MAP_BATCH_MAX));
		total += since(t0);
	}
	return total;
}

static void bench_batch(uint64_t vs)
{
	static uint64_t frames[BATCH_PAGES];
	uint64_t map[BATCH_RUNS], unmap[BATCH_RUNS];

	for (unsigned i = 0; i < BATCH_PAGES; i++)
		frames[i] = new_object(OBJ_FRAME);
	for (unsigned r = 0; r < BATCH_RUNS; r++) {
		map[r] = map_batches(vs, frames);
		uint64_t t0 = rdtsc();
		CHECK_OK(vspace_unmap(vs, MAP_BASE, BATCH_PAGES));
		unmap[r] = since(t0);
	}
	report("map-batch-512", insns(median(map, BATCH_RUNS)), "8 x OP_VSPACE_MAP_BATCH of 64 frames");
	report("unmap-512", insns(median(unmap, BATCH_RUNS)), "one OP_VSPACE_UNMAP of 512 pages");
}

void test_bench(void)
{
	uint64_t vs = new_object(OBJ_VSPACE);
	calibrate();
	bench_null();
	bench_ipc();
	bench_fault();
	bench_map_one(vs);
	bench_batch(vs);
}
