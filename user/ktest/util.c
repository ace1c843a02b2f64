/* Helpers shared by the tests: starting children and threads, making objects, waiting
 * for a thread state. Each fails the test on an error, so tests read as their steps. */
#include "ktest.h"
#include "objects.h"
#include "slots.h"

void child_create(struct child *c, uint64_t role, uint64_t arg, const struct grant *grants,
		  unsigned n, uint64_t fault_ep, bool trusted)
{
	uint64_t entry;
	struct thread_spec spec = { role, arg, fault_ep, PRIO_TEST, false, !trusted };

	CHECK_OK(space_create(&c->space, CHILD_SLOTS));
	CHECK_OK(space_load_elf(&c->space, &ktest_root->modules[0], &entry));
	if (trusted) {
		CHECK_OK(space_give(&c->space, SLOT_CONSOLE, CSLOT_CONSOLE, RIGHTS_ALL, 0));
		CHECK_OK(space_give(&c->space, SLOT_SYSTEM, CSLOT_SYSTEM, RIGHTS_ALL, 0));
	}
	for (unsigned i = 0; i < n; i++)
		CHECK_OK(space_give(&c->space, grants[i].src, grants[i].dst, grants[i].rights,
				    grants[i].badge));
	CHECK_OK(thread_start(&c->space, entry, &spec, &c->main));
}

void child_run(const struct child *c)
{
	CHECK_OK(thread_resume(c->main.thread));
}

void child_spawn(struct child *c, uint64_t role, uint64_t arg, const struct grant *grants,
		 unsigned n, uint64_t fault_ep, bool trusted)
{
	child_create(c, role, arg, grants, n, fault_ep, trusted);
	child_run(c);
}

/* The entry point of this program: where every thread of it starts. */
extern char _start[];

struct uthread thread_spawn(struct space *sp, uint64_t role, uint64_t arg, uint64_t fault_ep,
			    uint64_t priority, bool run)
{
	struct thread_spec spec = { role, arg, fault_ep, priority, run, false };
	struct uthread t;
	CHECK_OK(thread_start(sp, (uint64_t)_start, &spec, &t));
	return t;
}

struct space *root_space(void)
{
	static struct space own;
	static bool ready;
	if (!ready) {
		space_self(&own);
		ready = true;
	}
	return &own;
}

uint64_t new_object(uint64_t type)
{
	uint64_t slot;
	CHECK_OK(obj_new(type, 0, &slot));
	return slot;
}

uint64_t new_mapped_frame(uint64_t addr)
{
	uint64_t frame = new_object(OBJ_FRAME);
	CHECK_OK(vspace_map(SLOT_VSPACE, frame, addr, RIGHT_READ | RIGHT_WRITE));
	return frame;
}

uint64_t derive(uint64_t slot, uint32_t rights, uint64_t badge)
{
	uint64_t dst = slot_alloc();
	CHECK(dst != 0);
	CHECK_OK(cap_derive(slot, dst, rights, badge));
	return dst;
}

bool wait_state(uint64_t th, uint64_t state, unsigned tries)
{
	struct thread_info ti;
	for (unsigned i = 0; i < tries; i++) {
		CHECK_OK(thread_info(th, &ti));
		if (ti.state == state)
			return true;
		sys_yield();
	}
	return false;
}

uint64_t loop_tsc(uint64_t n)
{
	uint64_t t0 = rdtsc();
	__asm__ volatile("1: dec %0\n jnz 1b" : "+r"(n));
	return rdtsc() - t0;
}
