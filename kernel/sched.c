/* The scheduler: a run queue per priority and a bitmap of non-empty levels. */
#include "sched.h"

#include <stddef.h>

#include "apic.h"
#include "cpu.h"
#include "object.h"
#include "panic.h"
#include "thread.h"
#include "vspace.h"

#define LEVELS (PRIORITY_MAX + 1)

extern void switch_context(uint64_t *save_rsp, uint64_t new_rsp);

static struct thread_queue run_queue[LEVELS];
static uint64_t nonempty[LEVELS / 64];
static struct thread *current;
static uint64_t switched_in_tsc; /* TSC when current started running */
static struct thread *idle;
static bool need_resched;

struct thread *thread_current(void) { return current; }
bool sched_need_resched(void) { return need_resched; }
bool sched_in_idle(void) { return idle && current == idle; }

uint64_t sched_cpu_tsc(const struct thread *t)
{
	return t->cpu_tsc + (t == current ? rdtsc() - switched_in_tsc : 0);
}

uint64_t sched_busy_tsc(void)
{
	return rdtsc() - sched_cpu_tsc(idle);
}

static void enqueue(struct thread *t)
{
	queue_push(&run_queue[t->priority], t);
	nonempty[t->priority / 64] |= 1ull << (t->priority % 64);
	t->on_run_queue = true;
}

void sched_remove(struct thread *t)
{
	if (!t->on_run_queue)
		return;
	queue_remove(&run_queue[t->priority], t);
	if (!run_queue[t->priority].head)
		nonempty[t->priority / 64] &= ~(1ull << (t->priority % 64));
	t->on_run_queue = false;
}

/* The highest-priority queued thread, or NULL. */
static struct thread *best_queued(void)
{
	for (int w = LEVELS / 64 - 1; w >= 0; w--)
		if (nonempty[w])
			return run_queue[w * 64 + 63 - __builtin_clzll(nonempty[w])].head;
	return NULL;
}

void sched_wake(struct thread *t)
{
	t->state = THREAD_RUNNABLE;
	t->block = BLOCK_NONE;
	if (t == current || t->on_run_queue)
		return;
	enqueue(t);
	if (current && (current == idle || t->priority > current->priority))
		need_resched = true;
}

static void switch_from_current(struct thread *next)
{
	struct thread *prev = current;
	need_resched = false;
	if (next == prev)
		return;
	if (next->slice == 0)
		next->slice = TIMESLICE_TICKS;
	if (prev == idle)
		timer_idle(false);
	uint64_t now = rdtsc();
	prev->cpu_tsc += now - switched_in_tsc;
	switched_in_tsc = now;
	current = next;
	thread_set_kernel_stack(next);
	if (prev->fpu != next->fpu) {
		__asm__ volatile("fxsave (%0)" ::"r"(prev->fpu) : "memory");
		__asm__ volatile("fxrstor (%0)" ::"r"(next->fpu) : "memory");
	}
	vspace_activate(next->vspace);
	switch_context(&prev->kctx_rsp, next->kctx_rsp);
}

void schedule(void)
{
	if (current != idle && current->state == THREAD_RUNNABLE && !current->on_run_queue)
		enqueue(current);
	struct thread *next = best_queued();
	if (next)
		sched_remove(next);
	else
		next = idle;
	switch_from_current(next);
}

void sched_switch_to(struct thread *t)
{
	struct thread *best = best_queued();
	if (best && best->priority > t->priority) {
		sched_wake(t);
		schedule();
		return;
	}
	if (current != idle && current->state == THREAD_RUNNABLE && !current->on_run_queue)
		enqueue(current);
	sched_remove(t);
	t->state = THREAD_RUNNABLE;
	t->block = BLOCK_NONE;
	switch_from_current(t);
}

void sched_set_priority(struct thread *t, uint8_t priority)
{
	bool queued = t->on_run_queue;
	sched_remove(t);
	t->priority = priority;
	if (queued)
		enqueue(t);
	struct thread *best = best_queued();
	if (t == current && best && best->priority > priority)
		need_resched = true;
	else if (queued && current && (current == idle || priority > current->priority))
		need_resched = true;
}

void sched_tick(void)
{
	if (current == idle)
		return;
	current->cpu_ticks++;
	if (current->slice > 0)
		current->slice--;
	if (current->slice == 0) {
		struct thread *other = best_queued();
		if (other && other->priority >= current->priority)
			need_resched = true;
		else
			current->slice = TIMESLICE_TICKS;
	}
}

/* The idle thread: halts with interrupts on; the interrupt that wakes a thread
 * reschedules from trap_dispatch. Reaps objects that died while running. */
static void idle_loop(void)
{
	for (;;) {
		kobj_reap();
		if (need_resched) { /* the reap woke a thread (a dead endpoint's waiter) */
			schedule();
			continue;
		}
		timer_idle(true);
		__asm__ volatile("sti; hlt; cli" ::: "memory");
	}
}

void sched_init(void)
{
	idle = thread_create_kernel(idle_loop);
	idle->priority = 0;
	idle->state = THREAD_RUNNABLE;
}

void sched_start(void)
{
	static uint64_t boot_rsp;
	struct thread *next = best_queued();
	if (next)
		sched_remove(next);
	else
		next = idle;
	current = next;
	switched_in_tsc = rdtsc();
	thread_set_kernel_stack(next);
	__asm__ volatile("fxrstor (%0)" ::"r"(next->fpu) : "memory");
	vspace_activate(next->vspace);
	switch_context(&boot_rsp, next->kctx_rsp);
	panic("sched_start: the boot stack was resumed");
}
