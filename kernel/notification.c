/* Notifications: signal ORs a badge into the word; wait takes the whole word. */
#include "notification.h"

#include <stddef.h>

#include "apic.h"
#include "cap.h"
#include "heap.h"
#include "invoke.h"
#include "pool.h"
#include "sched.h"

struct notification *notification_create(struct pool *pool)
{
	return kobj_alloc(pool, OBJ_NOTIFICATION, sizeof(struct notification), 0);
}

static struct notification *alarms; /* armed, in no order */

/* Takes n off the armed list, if it is there. */
static void disarm(struct notification *n)
{
	for (struct notification **link = &alarms; *link; link = &(*link)->alarm_next) {
		if (*link == n) {
			*link = n->alarm_next;
			break;
		}
	}
	n->alarm_bits = 0;
}

int64_t notification_invoke(struct invocation *inv)
{
	struct notification *n = (struct notification *)inv->cap->obj;
	if (inv->op != OP_NOTIFY_ALARM)
		return ERR_INVALID_OP;
	if ((inv->cap->rights & (RIGHT_READ | RIGHT_WRITE)) != (RIGHT_READ | RIGHT_WRITE))
		return ERR_NO_RIGHTS;
	if (inv->a[0] > ALARM_TICKS_MAX || (inv->a[0] && !inv->a[1]))
		return ERR_INVALID_ARG;
	if (n->alarm_bits)
		disarm(n);
	if (inv->a[0]) {
		n->alarm_tick = timer_ticks() + inv->a[0];
		n->alarm_bits = inv->a[1];
		n->alarm_next = alarms;
		alarms = n;
	}
	return ERR_OK;
}

void notification_alarms(uint64_t now)
{
	for (struct notification **link = &alarms; *link;) {
		struct notification *n = *link;
		if (now < n->alarm_tick) {
			link = &n->alarm_next;
			continue;
		}
		*link = n->alarm_next;
		uint64_t bits = n->alarm_bits;
		n->alarm_bits = 0;
		notification_signal(n, bits);
	}
}

bool notification_alarms_armed(void) { return alarms != NULL; }

void notification_destroy(struct kobj *o)
{
	struct notification *n = (struct notification *)o;
	if (n->alarm_bits)
		disarm(n);
	for (struct thread *t; (t = queue_pop(&n->waiters)) != NULL;) {
		t->frame->rax = (uint64_t)ERR_DEAD;
		t->waiting_on = NULL;
		sched_wake(t);
	}
	kfree(n);
}

void notification_signal(struct notification *n, uint64_t bits)
{
	n->word |= bits ? bits : 1;
	struct thread *t = queue_pop(&n->waiters);
	if (!t)
		return;
	t->frame->rax = ERR_OK;
	t->frame->rdi = n->word;
	t->waiting_on = NULL;
	n->word = 0;
	sched_wake(t);
}

int64_t notification_bind(struct captable *table, uint64_t slot, struct notification **ntfn,
			  uint64_t *badge)
{
	int64_t err;
	struct cap *c = cap_lookup(table, slot, OBJ_NOTIFICATION, RIGHT_WRITE, &err);
	if (!c)
		return err;
	kobj_ref(c->obj);
	if (*ntfn)
		kobj_unref(&(*ntfn)->obj);
	*ntfn = (struct notification *)c->obj;
	*badge = c->badge;
	return ERR_OK;
}

static struct notification *decode(struct thread *t, uint32_t rights)
{
	int64_t err;
	struct cap *c = cap_lookup(t->captable, t->frame->rdi, OBJ_NOTIFICATION, rights, &err);
	if (!c) {
		t->frame->rax = (uint64_t)err;
		return NULL;
	}
	return (struct notification *)c->obj;
}

void notification_sys_signal(struct thread *t)
{
	int64_t err;
	struct cap *c = cap_lookup(t->captable, t->frame->rdi, OBJ_NOTIFICATION, RIGHT_WRITE, &err);
	if (!c) {
		t->frame->rax = (uint64_t)err;
		return;
	}
	t->frame->rax = ERR_OK;
	notification_signal((struct notification *)c->obj, c->badge);
}

void notification_sys_poll(struct thread *t)
{
	struct notification *n = decode(t, RIGHT_READ);
	if (!n)
		return;
	t->frame->rax = ERR_OK;
	t->frame->rdi = n->word;
	n->word = 0;
}

void notification_sys_wait(struct thread *t)
{
	struct notification *n = decode(t, RIGHT_READ);
	if (!n)
		return;
	if (n->word) {
		t->frame->rax = ERR_OK;
		t->frame->rdi = n->word;
		n->word = 0;
		return;
	}
	t->state = THREAD_BLOCKED;
	t->block = BLOCK_NOTIFY;
	t->waiting_on = &n->obj;
	queue_push(&n->waiters, t);
	schedule();
}
