/* Notifications: a word of bits that signals OR into, and one queue of waiters. They
 * carry interrupts and other asynchronous events. */
#ifndef KERNEL_NOTIFICATION_H
#define KERNEL_NOTIFICATION_H

#include <stdint.h>

#include "object.h"
#include "thread.h"

struct captable;
struct invocation;

struct notification {
	struct kobj obj;
	uint64_t word;
	struct thread_queue waiters;
	uint64_t alarm_tick, alarm_bits; /* OP_NOTIFY_ALARM: signal bits at that tick */
	struct notification *alarm_next; /* the armed list, while alarm_bits != 0 */
};

/* Creates a notification charged to pool (NULL: a kernel-owned one); NULL if out of
 * memory. */
struct notification *notification_create(struct pool *pool);
/* ORs bits into n's word (0 counts as 1) and wakes the first waiter with the word. */
void notification_signal(struct notification *n, uint64_t bits);
/* Binds a notification for an event source (an interrupt, console input): decodes
 * slot of table as a notification with RIGHT_WRITE, then replaces *ntfn and *badge
 * with it, moving the reference. Returns 0 or ERR_* with nothing changed. */
int64_t notification_bind(struct captable *table, uint64_t slot, struct notification **ntfn,
			  uint64_t *badge);
/* SYS_SIGNAL, SYS_WAIT, SYS_POLL of thread t: rdi = notification capability (signal
 * needs RIGHT_WRITE, wait and poll RIGHT_READ); the word comes back in rdi. */
void notification_sys_signal(struct thread *t);
void notification_sys_wait(struct thread *t);
void notification_sys_poll(struct thread *t);

/* OP_NOTIFY_ALARM on the notification of inv->cap (needs RIGHT_READ and RIGHT_WRITE:
 * ERR_NO_RIGHTS): arms (A0 ticks, A1 bits), replaces or, with A0 = 0, cancels its one
 * alarm; ERR_INVALID_ARG for A0 > ALARM_TICKS_MAX or bits 0; ERR_INVALID_OP for another
 * op. An alarm of N ticks fires at the N-th tick from now. */
int64_t notification_invoke(struct invocation *inv);
/* Called on every timer tick, interrupts off (now: ticks since boot): signals and
 * disarms the alarms that are due. */
void notification_alarms(uint64_t now);
/* Whether any alarm is armed. */
bool notification_alarms_armed(void);

#endif
