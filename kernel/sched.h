/* The scheduler: priority levels 0..PRIORITY_MAX (highest runs), round-robin within a
 * level with a time slice, an idle thread that halts. Single CPU; the kernel itself is
 * not preemptible (interrupts are off in kernel mode except in the idle loop). */
#ifndef KERNEL_SCHED_H
#define KERNEL_SCHED_H

#include <stdbool.h>
#include <stdint.h>

struct thread;

#define TIMESLICE_TICKS 2

/* Creates the idle thread; from then on sched_start can run threads. */
void sched_init(void);
/* Switches to the best runnable thread and never returns to the caller's context. */
__attribute__((noreturn)) void sched_start(void);
struct thread *thread_current(void);
/* TSC cycles t has run so far (under QEMU -icount: 128 per guest instruction, so a
 * deterministic measure of the work done by and for t, idle time excluded). */
uint64_t sched_cpu_tsc(const struct thread *t);
/* TSC cycles since boot not spent by the idle thread (SYS_BUSY). */
uint64_t sched_busy_tsc(void);
/* True while the idle thread runs (interrupts arrive in kernel mode only there). */
bool sched_in_idle(void);
/* Makes t runnable (appended to its priority's queue). */
void sched_wake(struct thread *t);
/* Takes t off the run queue if it is on it (it blocked, was suspended or died). */
void sched_remove(struct thread *t);
/* Picks the next thread and switches to it if it is not the current one. Call with
 * the current thread's state already updated; returns when the current thread runs
 * again. */
void schedule(void);
/* Switches straight to t (runnable, not queued), queuing the current thread if it is
 * still runnable: the IPC fast path. If a queued thread has a higher priority than t,
 * t is queued instead and the better thread runs. */
void sched_switch_to(struct thread *t);
/* Changes t's priority, requeuing it and asking for a reschedule if the change means
 * another thread should run. */
void sched_set_priority(struct thread *t, uint8_t priority);
/* Called on every timer tick: accounting and time slices. */
void sched_tick(void);
/* True if a tick or a wake-up asked for a reschedule before returning to user mode. */
bool sched_need_resched(void);

#endif
