/* Scheduling. sched-two-busy: two busy threads of one priority both make progress
 * (round robin by time slice) and keep their SSE registers across preemption.
 * sched-blocked-idle: a thread blocked in SYS_RECV is charged no timer ticks while busy
 * threads are. */
#include "console.h"
#include "ktest.h"

#define BUSY 2
#define BUSY_TARGET 200000ull    /* loop iterations each busy thread must reach, */
#define BUSY_TICKS 10            /* and timer ticks it must have run: several slices */
#define BUSY_DEADLINE 20000000000ull /* TSC cycles the root waits for that at most */

static volatile uint64_t counters[BUSY];
static volatile uint64_t sse_broken[BUSY];
static uint64_t receiver_ep;

/* Counts forever, checking that xmm7 keeps the value it set. */
void role_busy(uint64_t k)
{
	uint64_t pattern = 0x0123456789abcdefull * (k + 1);
	__asm__ volatile("movq %0, %%xmm7" : : "r"(pattern) : "xmm7");
	for (;;) {
		uint64_t v;
		__asm__ volatile("movq %%xmm7, %0" : "=r"(v));
		if (v != pattern)
			sse_broken[k] = 1;
		counters[k]++;
	}
}

/* Waits for a message that never comes. */
void role_receiver(uint64_t arg)
{
	struct msg m;
	(void)arg;
	CHECK_OK(sys_recv(receiver_ep, &m));
	ktest_fail("a message nobody sent", 0, 0, __FILE_NAME__, __LINE__);
}

/* The timer ticks a thread has run. */
static uint64_t ticks_run(uint64_t thread)
{
	struct thread_info ti;
	CHECK_OK(thread_info(thread, &ti));
	return ti.ticks;
}

/* Starts the busy threads and yields until both reached BUSY_TARGET and BUSY_TICKS. */
static void run_busy(struct uthread t[BUSY])
{
	for (unsigned k = 0; k < BUSY; k++)
		t[k] = thread_spawn(root_space(), ROLE_BUSY, k, 0, PRIO_TEST, true);
	uint64_t start = rdtsc();
	while (counters[0] < BUSY_TARGET || counters[1] < BUSY_TARGET ||
	       ticks_run(t[0].thread) < BUSY_TICKS || ticks_run(t[1].thread) < BUSY_TICKS) {
		CHECK(rdtsc() - start < BUSY_DEADLINE);
		sys_yield();
	}
	for (unsigned k = 0; k < BUSY; k++)
		CHECK_OK(thread_suspend(t[k].thread));
}

void test_sched_two_busy(void)
{
	struct uthread t[BUSY];
	run_busy(t);
	uint64_t a = ticks_run(t[0].thread), b = ticks_run(t[1].thread);
	uint64_t lo = a < b ? a : b, hi = a ^ b ^ lo;
	/* Each round the root yields, both threads get a slice: neither runs twice the
	 * other's ticks. (Not twice its loop iterations: without -icount the host decides
	 * how much of a slice QEMU runs.) */
	CHECK(hi < 2 * lo);
	CHECK(!sse_broken[0] && !sse_broken[1]);
	cprintf("ktest %s: busy threads ran %lu and %lu ticks\n", ktest_name, a, b);
}

void test_sched_blocked_idle(void)
{
	struct thread_info before, after, busy;
	struct uthread t[BUSY];

	receiver_ep = new_object(OBJ_ENDPOINT);
	struct uthread w = thread_spawn(root_space(), ROLE_RECEIVER, 0, 0, PRIO_TEST, true);
	CHECK(wait_state(w.thread, THREAD_BLOCKED, 100));
	CHECK_OK(thread_info(w.thread, &before));
	run_busy(t);
	CHECK_OK(thread_info(w.thread, &after));
	CHECK_EQ(after.state, THREAD_BLOCKED);
	CHECK_EQ(after.ticks, before.ticks);
	for (unsigned k = 0; k < BUSY; k++) {
		CHECK_OK(thread_info(t[k].thread, &busy));
		CHECK(busy.ticks >= 2);
	}
	cprintf("ktest %s: receiver %lu ticks, busy threads %lu and %lu iterations\n", ktest_name,
		after.ticks, counters[0], counters[1]);
}
